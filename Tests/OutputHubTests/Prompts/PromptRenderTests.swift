import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// Typed variables, composition and suites that render, through the API; the condition language and the
/// line diff as units.
@Suite("Prompts: variables, rendering and suites")
struct PromptRenderTests {
    static let greeting = #"""
    {"name":"Greeting","code":"greeting","content":"Dear {{name}}, your plan is {{plan}} ({{seats}} seats, trial: {{trial}}). {{extra}}",
     "variables":[{"name":"name","type":"string","required":true},{"name":"plan","type":"enum","values":["free","pro"],"default":"free"},
                  {"name":"seats","type":"number","required":true},{"name":"trial","type":"boolean","default":false},
                  {"name":"extra","type":"json"}]}
    """#

    @Test("Saving checks placeholders against the declarations, each problem named")
    func saveChecks() async throws {
        try await withAPI { api in
            let undeclared = try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: #"{"name":"U","content":"Hi {{who}}"}"#)
            ErrorTests.expectProblem(undeclared, .unprocessableEntity, fields: ["variables.who"])
            let unused = try await api.request(.POST, "/api/v1/prompts", key: api.keyA,
                                               json: #"{"name":"U","content":"Hi","variables":[{"name":"who","type":"string","required":true}]}"#)
            ErrorTests.expectProblem(unused, .unprocessableEntity, fields: ["variables.who"])
            let badType = try await api.request(.POST, "/api/v1/prompts", key: api.keyA,
                                                json: #"{"name":"U","content":"{{a}}","variables":[{"name":"a","type":"date"}]}"#)
            ErrorTests.expectProblem(badType, .unprocessableEntity, fields: ["variables[0].type"])
            let enumWithout = try await api.request(.POST, "/api/v1/prompts", key: api.keyA,
                                                    json: #"{"name":"U","content":"{{a}}","variables":[{"name":"a","type":"enum"}]}"#)
            ErrorTests.expectProblem(enumWithout, .unprocessableEntity, fields: ["variables[0].values"])
            let badDefault = try await api.request(.POST, "/api/v1/prompts", key: api.keyA,
                                                   json: #"{"name":"U","content":"{{a}}","variables":[{"name":"a","type":"number","default":"x"}]}"#)
            ErrorTests.expectProblem(badDefault, .unprocessableEntity, fields: ["variables[0].default"])
            let created = try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: #"{"name":"OK","content":"Hi {{ who }}","variables":[{"name":"who"}]}"#)
            #expect(created.status == .created, "spaces inside braces and a default type of string: \(created.text)")
            let id = try #require(created.json["id"]?.stringValue)
            ErrorTests.expectProblem(try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"content":"Hi {{who}} {{when}}"}"#),
                                     .unprocessableEntity, fields: ["variables.when"])
            #expect(try await api.get("/api/v1/prompts/\(id)").json["current_version"] == .string("1"), "a refused change makes no version")
        }
    }

    @Test("Render binds typed variables with defaults; every missing, unknown or wrongly typed variable is listed")
    func render() async throws {
        try await withAPI { api in
            let id = try await PromptVersionTests.createPrompt(api, Self.greeting)
            let rendered = try await api.request(.POST, "/api/v1/prompts/\(id)/render", key: api.keyA,
                                                 json: #"{"variables":{"name":"Ada","seats":3,"extra":{"k":[1]}}}"#)
            #expect(rendered.status == .ok, "\(rendered.text)")
            #expect(rendered.json["text"] == .string(#"Dear Ada, your plan is free (3 seats, trial: false). {"k":[1]}"#))
            #expect(rendered.json["prompt_id"] == .string(id) && rendered.json["version"] == .string("1"))
            #expect(rendered.json["includes"] == .array([]))
            let wrong = try await api.request(.POST, "/api/v1/prompts/\(id)/render", key: api.keyA,
                                              json: #"{"variables":{"plan":"gold","seats":"three","trial":"yes","colour":"red"}}"#)
            ErrorTests.expectProblem(wrong, .unprocessableEntity, fields: ["variables.name", "variables.plan", "variables.seats", "variables.trial", "variables.colour"])
            #expect(wrong.errorFields.count == 5, "one problem body lists every variable: \(wrong.text)")
            await api.app.useCounts.flush()  // uses are counted behind the request
            let prompt = try await api.get("/api/v1/prompts/\(id)").json
            #expect(prompt["usage_count"] == .number(1) && prompt["last_used_at"] != .null, "only the successful render counts")
            #expect(try await api.get("/api/v1/prompts/\(id)/versions").rows.first?["usage_count"] == .number(1))
            _ = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"content":"Bye {{name}} {{seats}}"}"#)
            let old = try await api.request(.POST, "/api/v1/prompts/\(id)/render", key: api.keyA, json: #"{"variables":{"name":"A","seats":1},"version":"1"}"#)
            #expect(old.json["version"] == .string("1") && old.json["text"]?.stringValue?.hasPrefix("Dear A") == true)
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/prompts/\(id)/render", key: api.keyA, json: #"{"variables":[1]}"#),
                                     .unprocessableEntity, fields: ["variables"])
            // Uses counted behind concurrent requests add up exactly.
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await api.request(.POST, "/api/v1/prompts/\(id)/render", key: api.keyA, json: #"{"variables":{"name":"B","seats":2}}"#).status }
                }
                for try await status in group { #expect(status == .ok) }
            }
            await api.app.useCounts.flush()
            #expect(try await api.get("/api/v1/prompts/\(id)").json["usage_count"] == .number(32))
            let versions = try await api.get("/api/v1/prompts/\(id)/versions").rows
            #expect(versions.map { $0["usage_count"] } == [.number(30), .number(2)], "version 2 rendered 30 times, version 1 twice")
        }
    }

    @Test("Includes resolve another prompt's version by code and label; cycles are refused at save with the path")
    func composition() async throws {
        try await withAPI { api in
            let footer = try await PromptVersionTests.createPrompt(api, #"{"name":"Footer","code":"footer","content":"-- {{team}} v1","variables":[{"name":"team","required":true}]}"#)
            _ = try await api.request(.PATCH, "/api/v1/prompts/\(footer)", key: api.keyA, json: #"{"content":"-- {{team}} v2"}"#)
            _ = try await api.request(.PUT, "/api/v1/prompts/\(footer)/labels/stable", key: api.keyA, json: #"{"version":"1"}"#)
            let letter = try await PromptVersionTests.createPrompt(api, #"{"name":"Letter","code":"letter","content":"Hello\n{{> footer}}\n{{> footer@stable}}"}"#)
            let rendered = try await api.request(.POST, "/api/v1/prompts/\(letter)/render", key: api.keyA, json: #"{"variables":{"team":"Ops"}}"#)
            #expect(rendered.json["text"] == .string("Hello\n-- Ops v2\n-- Ops v1"), "\(rendered.text)")
            #expect(rendered.json["includes"] == .array([.object(["code": "footer", "version": "2"]), .object(["code": "footer", "version": "1"])]))
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/prompts/\(letter)/render", key: api.keyA, json: #"{"variables":{}}"#),
                                     .unprocessableEntity, fields: ["variables.team"])
            let unknown = try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: #"{"name":"X","content":"{{> nowhere}}"}"#)
            ErrorTests.expectProblem(unknown, .unprocessableEntity, fields: ["content"])
            let cycle = try await api.request(.PATCH, "/api/v1/prompts/\(footer)", key: api.keyA, json: #"{"content":"{{team}} {{> letter}}"}"#)
            ErrorTests.expectProblem(cycle, .unprocessableEntity, fields: ["content"])
            #expect(cycle.text.contains("footer → letter → footer"), "\(cycle.text)")
            let own = try await api.request(.PATCH, "/api/v1/prompts/\(letter)", key: api.keyA, json: #"{"content":"{{> letter}}"}"#)
            ErrorTests.expectProblem(own, .unprocessableEntity, fields: ["content"])
        }
    }

    @Test("A suite renders its steps in order, sub-suites by display order, with conditions, mappings and merged config")
    func suites() async throws {
        try await withAPI { api in
            let intro = try await PromptVersionTests.createPrompt(api, #"{"name":"Intro","code":"intro","role":"system","content":"You help {{audience}}.","variables":[{"name":"audience","required":true}]}"#)
            let ask = try await PromptVersionTests.createPrompt(api, #"{"name":"Ask","code":"ask","content":"Question: {{q}}","variables":[{"name":"q","required":true}]}"#)
            let vip = try await PromptVersionTests.createPrompt(api, #"{"name":"VIP","code":"vip","content":"Be extra kind."}"#)
            let suite = try await api.request(.POST, "/api/v1/prompt_suites", key: api.keyA,
                                              json: #"{"name":"Support","code":"support","default_config":{"temperature":0.2,"limits":{"tokens":500,"calls":3}}}"#)
            let suiteID = try #require(suite.json["id"]?.stringValue)
            let sub = try await api.request(.POST, "/api/v1/prompt_sub_suites", key: api.keyA,
                                            json: "{\"parent_suite_id\":\"\(suiteID)\",\"name\":\"Extras\",\"code\":\"extras\",\"display_order\":2,\"config_overrides\":{\"limits\":{\"tokens\":900}}}")
            let subID = try #require(sub.json["id"]?.stringValue)
            let early = try await api.request(.POST, "/api/v1/prompt_sub_suites", key: api.keyA,
                                              json: "{\"parent_suite_id\":\"\(suiteID)\",\"name\":\"Early\",\"code\":\"early\",\"display_order\":1}")
            let earlyID = try #require(early.json["id"]?.stringValue)
            func step(_ json: String) async throws -> String {
                let created = try await api.request(.POST, "/api/v1/suite_prompts", key: api.keyA, json: json)
                #expect(created.status == .created, "\(created.text)")
                return created.json["id"]?.stringValue ?? ""
            }
            let askStep = try await step("{\"suite_id\":\"\(suiteID)\",\"prompt_id\":\"\(ask)\",\"execution_order\":2,\"variable_mappings\":{\"q\":\"question\"}}")
            let introStep = try await step("{\"suite_id\":\"\(suiteID)\",\"prompt_id\":\"\(intro)\",\"execution_order\":1}")
            let vipStep = try await step("{\"sub_suite_id\":\"\(subID)\",\"prompt_id\":\"\(vip)\",\"is_conditional\":true,\"condition_expression\":\"tier in ['gold', 'platinum'] and not exists(angry)\",\"role_override\":\"assistant\"}")
            let earlyStep = try await step("{\"sub_suite_id\":\"\(earlyID)\",\"prompt_id\":\"\(ask)\",\"variable_mappings\":{\"q\":{\"value\":\"Anything else?\"}}}")
            let bad = try await api.request(.POST, "/api/v1/suite_prompts", key: api.keyA,
                                            json: "{\"suite_id\":\"\(suiteID)\",\"prompt_id\":\"\(vip)\",\"is_conditional\":true,\"condition_expression\":\"tier == \"}")
            ErrorTests.expectProblem(bad, .unprocessableEntity, fields: ["condition_expression"])
            #expect(bad.text.contains("position 9"), "\(bad.text)")

            let gold = try await api.request(.POST, "/api/v1/prompt_suites/\(suiteID)/render", key: api.keyA,
                                             json: #"{"variables":{"audience":"admins","question":"Why?","tier":"gold"}}"#)
            #expect(gold.status == .ok, "\(gold.text)")
            let messages = try #require(gold.json["messages"]?.arrayValue)
            #expect(messages.compactMap { $0["content"]?.stringValue } == ["You help admins.", "Question: Why?", "Question: Anything else?", "Be extra kind."])
            #expect(messages.compactMap { $0["step_id"]?.stringValue } == [introStep, askStep, earlyStep, vipStep])
            #expect(messages.compactMap { $0["role"]?.stringValue } == ["system", "user", "user", "assistant"])
            #expect(messages.last?["config"] == .object(["temperature": .number(0.2), "limits": .object(["tokens": .number(900), "calls": .number(3)])]))
            #expect(gold.json["skipped"] == .array([]))
            #expect(gold.json["config"]?["limits"]?["tokens"] == .number(500))

            let plain = try await api.request(.POST, "/api/v1/prompt_suites/\(suiteID)/render", key: api.keyA,
                                              json: #"{"variables":{"audience":"admins","question":"Why?","tier":"silver"}}"#)
            #expect(plain.json["messages"]?.arrayValue?.count == 3)
            #expect(plain.json["skipped"]?.arrayValue?.first?["step_id"] == .string(vipStep))
            let missing = try await api.request(.POST, "/api/v1/prompt_suites/\(suiteID)/render", key: api.keyA, json: #"{"variables":{"audience":"a"}}"#)
            ErrorTests.expectProblem(missing, .unprocessableEntity, fields: ["variables.q"])

            // Assignments: exactly one target, one default per target, their overrides merged last.
            let agent = try await api.request(.POST, "/api/v1/agents", key: api.keyA, json: #"{"name":"Bot","code":"bot"}"#)
            let agentID = try #require(agent.json["id"]?.stringValue)
            let noTarget = try await api.request(.POST, "/api/v1/suite_assignments", key: api.keyA, json: "{\"suite_id\":\"\(suiteID)\"}")
            #expect(noTarget.status.code >= 400 && noTarget.status.code < 500, "\(noTarget.text)")
            let first = try await api.request(.POST, "/api/v1/suite_assignments", key: api.keyA,
                                              json: "{\"suite_id\":\"\(suiteID)\",\"agent_id\":\"\(agentID)\",\"is_default\":true,\"config_overrides\":{\"temperature\":0.9}}")
            let firstID = try #require(first.json["id"]?.stringValue)
            let second = try await api.request(.POST, "/api/v1/suite_assignments", key: api.keyA,
                                               json: "{\"suite_id\":\"\(suiteID)\",\"agent_id\":\"\(agentID)\",\"is_default\":true}")
            #expect(second.status == .created)
            #expect(try await api.get("/api/v1/suite_assignments/\(firstID)").json["is_default"] == .bool(false), "one default per target")
            let effective = try await api.get("/api/v1/suite_assignments/\(firstID)/effective-config")
            #expect(effective.json["config"]?["temperature"] == .number(0.9), "\(effective.text)")
            #expect(effective.json["sub_suites"]?.arrayValue?.compactMap { $0["code"]?.stringValue } == ["early", "extras"])
            let assigned = try await api.request(.POST, "/api/v1/prompt_suites/\(suiteID)/render", key: api.keyA,
                                                 json: "{\"assignment_id\":\"\(firstID)\",\"variables\":{\"audience\":\"a\",\"question\":\"q\"}}")
            #expect(assigned.json["config"]?["temperature"] == .number(0.9))
            await api.app.useCounts.flush()
            #expect(try await api.get("/api/v1/suite_assignments/\(firstID)").json["usage_count"] == .number(1))
            #expect(try await api.get("/api/v1/prompt_suites/\(suiteID)").json["usage_count"] == .number(3))
        }
    }

    @Test("The condition language: comparisons, and/or/not, in, exists, positions of errors")
    func conditions() throws {
        let vars: [String: JSONValue] = ["tier": "gold", "seats": .number(12), "user": .object(["beta": .bool(true)])]
        #expect(try SuiteCondition.parse("seats >= 10 and tier == 'gold'").holds(vars))
        #expect(try SuiteCondition.parse("seats < 10 or user.beta").holds(vars))
        #expect(try !SuiteCondition.parse("not (tier in [\"gold\", \"silver\"])").holds(vars))
        #expect(try SuiteCondition.parse("tier not in ['free']").holds(vars))
        #expect(try SuiteCondition.parse("exists(tier) and not exists(missing)").holds(vars))
        #expect(try !SuiteCondition.parse("missing > 3").holds(vars), "a missing variable compares false")
        #expect(try SuiteCondition.parse("seats != 3").holds(vars))
        #expect(throws: SuiteCondition.ParseError.self, "deep nesting is refused, not a stack overflow") {
            try SuiteCondition.parse(String(repeating: "not ", count: 10_000) + "x")
        }
        #expect(try SuiteCondition.parse(String(repeating: "(", count: 30) + "seats > 1" + String(repeating: ")", count: 30)).holds(vars))
        for (text, position) in [("tier ==", 8), ("(seats > 1", 11), ("seats > 1 1", 11), ("exists(1)", 8), ("tier = 'x", 8), ("a & b", 3)] {
            #expect(throws: SuiteCondition.ParseError.self) { try SuiteCondition.parse(text) }
            do { _ = try SuiteCondition.parse(text) } catch let error as SuiteCondition.ParseError {
                #expect(error.position == position, "\(text): \(error.description)")
            }
        }
    }
}
