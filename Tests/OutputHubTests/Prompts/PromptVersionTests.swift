import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// Versions, diffs, restores, labels and governed releases of prompts and agents, through the API.
@Suite("Prompts: versions, labels and releases")
struct PromptVersionTests {
    /// Creates a prompt and answers its id.
    static func createPrompt(_ api: APIFixture, key: String? = nil, _ json: String) async throws -> String {
        let created = try await api.request(.POST, "/api/v1/prompts", key: key ?? api.keyA, json: json)
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.json.objectValue?["id"]?.stringValue)
    }

    @Test("Creating makes version 1; content, role, variables and config make the next; name and description change in place")
    func versions() async throws {
        try await withAPI { api in
            let id = try await Self.createPrompt(api, #"{"name":"Greeter","code":"greet","content":"Hello {{who}}","variables":[{"name":"who","type":"string","required":true}]}"#)
            var prompt = try await api.get("/api/v1/prompts/\(id)").json
            #expect(prompt["current_version"] == .string("1"))
            #expect(try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"name":"Greeter 2","description":"d"}"#).status == .ok)
            #expect(try await api.get("/api/v1/prompts/\(id)/versions").rows.count == 1, "name and description change in place")
            let changed = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA,
                                                json: #"{"content":"Hi {{who}}!","change_summary":"Shorter"}"#)
            #expect(changed.json["current_version"] == .string("2"), "\(changed.text)")
            #expect(try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"role":"system"}"#).json["current_version"] == .string("3"))
            #expect(try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"config":{"temperature":0.2}}"#).json["current_version"] == .string("4"))
            let same = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"config":{"temperature":0.2}}"#)
            #expect(same.json["current_version"] == .string("4"), "the same config again is no change")
            prompt = try await api.get("/api/v1/prompts/\(id)").json
            #expect(prompt["name"] == .string("Greeter 2"))

            let versions = try await api.get("/api/v1/prompts/\(id)/versions").rows
            #expect(versions.compactMap { $0["version"]?.stringValue } == ["4", "3", "2", "1"], "newest first")
            #expect(versions.filter { $0["is_current"] == .bool(true) }.compactMap { $0["version"]?.stringValue } == ["4"], "exactly one current")
            #expect(versions.first { $0["version"] == .string("2") }?["change_summary"] == .string("Shorter"))
            #expect(versions.first { $0["version"] == .string("2") }?["changed_by"] == .string(api.userA.stringValue!))
            #expect(versions.first { $0["version"] == .string("4") }?["config"]?["temperature"] == .number(0.2))

            // Versions are immutable.
            let versionID = try #require(versions.last?["id"]?.stringValue)
            ErrorTests.expectProblem(try await api.request(.PATCH, "/api/v1/prompt_versions/\(versionID)", key: api.keyA, json: #"{"content":"x"}"#), .methodNotAllowed)
            ErrorTests.expectProblem(try await api.request(.PUT, "/api/v1/prompt_versions/\(versionID)", key: api.keyA, json: #"{"content":"x"}"#), .methodNotAllowed)
            ErrorTests.expectProblem(try await api.request(.DELETE, "/api/v1/prompt_versions/\(versionID)", key: api.keyA), .methodNotAllowed)
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/prompt_versions", key: api.keyA,
                                                           json: "{\"prompt_id\":\"\(id)\",\"version\":\"9\",\"content\":\"c\",\"role\":\"user\"}"), .methodNotAllowed)
            #expect(try await api.get("/api/v1/prompt_versions/\(versionID)").json["content"] == .string("Hello {{who}}"))
            // Another tenant sees none of it.
            #expect(try await api.get("/api/v1/prompts/\(id)/versions", key: api.keyB).status == .notFound)
        }
    }

    @Test("Diff of content lines and of variables, role and config; restore makes a new version equal to an old one")
    func diffAndRestore() async throws {
        try await withAPI { api in
            let id = try await Self.createPrompt(api, #"{"name":"D","content":"line one\nline two\nline three","config":{"temperature":0.1}}"#)
            _ = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"content":"line one\nline 2\nline three"}"#)
            _ = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA,
                                      json: #"{"role":"system","config":{"temperature":0.7,"max_tokens":100},"variables":[{"name":"x","type":"number"}]}"#)
            let diff = try await api.get("/api/v1/prompts/\(id)/diff?from=1&to=3")
            #expect(diff.status == .ok, "\(diff.text)")
            let runs = try #require(diff.json["content"]?.arrayValue)
            #expect(runs == [
                .object(["op": "equal", "text": "line one"]), .object(["op": "delete", "text": "line two"]),
                .object(["op": "insert", "text": "line 2"]), .object(["op": "equal", "text": "line three"]),
            ])
            let fields = try #require(diff.json["fields"])
            #expect(fields["role"]?["from"] == .string("user") && fields["role"]?["to"] == .string("system"))
            #expect(fields["role"]?["changed"] == .bool(true))
            let configChanges = fields["config"]?["changes"]?.arrayValue ?? []
            #expect(configChanges.contains(.object(["path": "temperature", "op": "changed", "from": .number(0.1), "to": .number(0.7)])))
            #expect(configChanges.contains(.object(["path": "max_tokens", "op": "added", "to": .number(100)])))
            #expect(fields["variables"]?["changed"] == .bool(true))
            ErrorTests.expectProblem(try await api.get("/api/v1/prompts/\(id)/diff?from=1"), .badRequest, fields: ["to"])
            ErrorTests.expectProblem(try await api.get("/api/v1/prompts/\(id)/diff?from=1&to=9"), .notFound)

            let restored = try await api.request(.POST, "/api/v1/prompts/\(id)/restore", key: api.keyA, json: #"{"version":"1"}"#)
            #expect(restored.status == .ok, "\(restored.text)")
            #expect(restored.json["version"] == .string("4"))
            #expect(restored.json["content"] == .string("line one\nline two\nline three"))
            #expect(restored.json["role"] == .string("user"))
            #expect(restored.json["change_summary"] == .string("Restored version 1"))
            let prompt = try await api.get("/api/v1/prompts/\(id)").json
            #expect(prompt["content"] == .string("line one\nline two\nline three") && prompt["current_version"] == .string("4"))
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/prompts/\(id)/restore", key: api.keyA, json: #"{"version":"12"}"#),
                                     .unprocessableEntity, fields: ["version"])
            // Without a version, restore still brings back a deleted prompt.
            #expect(try await api.request(.DELETE, "/api/v1/prompts/\(id)", key: api.keyA).status == .noContent)
            #expect(try await api.request(.POST, "/api/v1/prompts/\(id)/restore", key: api.keyA).status == .ok)
        }
    }

    @Test("Labels point at versions, move with an audit row, resolve, and serve by code with ETag and 304")
    func labels() async throws {
        try await withAPI { api in
            let id = try await Self.createPrompt(api, #"{"name":"L","code":"support-reply","content":"v1"}"#)
            _ = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"content":"v2"}"#)
            _ = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"content":"v3"}"#)
            let staging = try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/staging", key: api.keyA, json: #"{"version":"2"}"#)
            #expect(staging.status == .ok, "\(staging.text)")
            #expect(staging.json["label"] == .string("staging") && staging.json["version"] == .string("2"))
            #expect(try await api.get("/api/v1/prompts/\(id)/resolve?label=staging").json["content"] == .string("v2"))
            #expect(try await api.get("/api/v1/prompts/\(id)/resolve?label=latest").json["content"] == .string("v3"))
            #expect(try await api.get("/api/v1/prompts/\(id)/resolve").json["content"] == .string("v3"))
            #expect(try await api.get("/api/v1/prompts/\(id)/resolve?version=1").json["content"] == .string("v1"))
            ErrorTests.expectProblem(try await api.get("/api/v1/prompts/\(id)/resolve?label=nope"), .notFound, fields: ["label"])
            ErrorTests.expectProblem(try await api.get("/api/v1/prompts/\(id)/resolve?label=staging&version=1"), .badRequest)
            ErrorTests.expectProblem(try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/Bad%20Name", key: api.keyA, json: #"{"version":"1"}"#),
                                     .unprocessableEntity, fields: ["label"])
            ErrorTests.expectProblem(try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/latest", key: api.keyA, json: #"{"version":"1"}"#),
                                     .unprocessableEntity, fields: ["label"])
            ErrorTests.expectProblem(try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/staging", key: api.keyA, json: #"{"version":"7"}"#),
                                     .unprocessableEntity, fields: ["version"])
            #expect(try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/staging", key: api.keyA, json: #"{"version":"3"}"#).status == .ok)

            let byCode = try await api.get("/api/v1/prompts/by-code/support-reply?label=staging")
            #expect(byCode.status == .ok && byCode.json["content"] == .string("v3") && byCode.json["code"] == .string("support-reply"))
            let etag = try #require(byCode.headers.first(name: .eTag))
            _ = try await api.request(.POST, "/api/v1/prompts/\(id)/render", key: api.keyA, json: #"{"label":"staging"}"#)
            #expect(try await api.get("/api/v1/prompts/by-code/support-reply?label=staging").headers.first(name: .eTag) == etag, "a use does not change the ETag")
            let cached = try await api.request(.GET, "/api/v1/prompts/by-code/support-reply?label=staging", key: api.keyA, headers: [("If-None-Match", etag)])
            #expect(cached.status == .notModified && cached.body.readableBytes == 0)
            _ = try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/staging", key: api.keyA, json: #"{"version":"1"}"#)
            let moved = try await api.request(.GET, "/api/v1/prompts/by-code/support-reply?label=staging", key: api.keyA, headers: [("If-None-Match", etag)])
            #expect(moved.status == .ok && moved.json["content"] == .string("v1"), "a moved label is a new answer")
            #expect(try await api.get("/api/v1/prompts/by-code/support-reply?label=staging", key: api.keyB).status == .notFound)
            #expect(try await api.get("/api/v1/prompts/by-code/nothing").status == .notFound)

            #expect(try await api.request(.DELETE, "/api/v1/prompts/\(id)/labels/staging", key: api.keyA).status == .noContent)
            #expect(try await api.get("/api/v1/prompts/\(id)/labels").rows.isEmpty)
            let audit = try await api.get("/api/v1/audit_logs?table_name=eq.prompt_labels&order=created_at").rows
            #expect(audit.compactMap { $0["action"]?.stringValue } == ["create", "update", "update", "delete"], "every move audited")
        }
    }

    @Test("Versions are approved or rejected with prompts:approve and four-eyes; protected labels move only to approved versions")
    func governedReleases() async throws {
        try await withAPI { api in
            let keys = try await PermissionMatrixTests.roleKeys(api)
            let id = try await Self.createPrompt(api, key: keys["editor"]!, #"{"name":"R","code":"release","content":"v1"}"#)
            _ = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: keys["editor"]!, json: #"{"content":"v2"}"#)
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/prompts/\(id)/versions/2/approve", key: keys["editor"]!), .forbidden)
            let refused = try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/production", key: keys["admin"]!, json: #"{"version":"2"}"#)
            ErrorTests.expectProblem(refused, .conflict, fields: ["version"])
            let approved = try await api.request(.POST, "/api/v1/prompts/\(id)/versions/2/approve", key: keys["admin"]!, json: #"{"comment":"Looks right"}"#)
            #expect(approved.status == .ok && approved.json["approval_status"] == .string("approved"), "\(approved.text)")
            #expect(approved.json["approval_comment"] == .string("Looks right"))
            var prompt = try await api.get("/api/v1/prompts/\(id)").json
            #expect(prompt["approval_status"] == .string("approved"), "the prompt shows its current version's approval")
            ErrorTests.expectProblem(try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/production", key: keys["editor"]!, json: #"{"version":"2"}"#), .forbidden)
            #expect(try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/production", key: keys["admin"]!, json: #"{"version":"2"}"#).status == .ok)
            #expect(try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/staging", key: keys["editor"]!, json: #"{"version":"1"}"#).status == .ok,
                    "an unprotected label moves to any version")
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/prompts/\(id)/versions/2/reject", key: keys["admin"]!), .conflict, fields: ["version"])
            ErrorTests.expectProblem(try await api.request(.DELETE, "/api/v1/prompts/\(id)/labels/production", key: keys["editor"]!), .forbidden)

            // A new version is pending again, even when the change repeats the old approval status.
            _ = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: keys["editor"]!, json: #"{"content":"v3"}"#)
            prompt = try await api.get("/api/v1/prompts/\(id)").json
            #expect(prompt["approval_status"] == .string("pending") && prompt["approved_by"] == .null)
            #expect(try await api.request(.POST, "/api/v1/prompts/\(id)/versions/3/reject", key: keys["admin"]!).json["approval_status"] == .string("rejected"))
            _ = try await api.request(.POST, "/api/v1/prompts/\(id)/versions/3/approve", key: keys["admin"]!)
            let sneaky = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: keys["admin"]!, json: #"{"content":"v4","approval_status":"approved"}"#)
            #expect(sneaky.json["approval_status"] == .string("pending"), "an unchanged status is no decision: \(sneaky.text)")
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/prompts/\(id)/versions/9/approve", key: keys["admin"]!), .notFound)

            // Four-eyes: the author of a version cannot approve it; a tenant setting protects more labels.
            _ = try await api.request(.POST, "/api/v1/system_settings", key: keys["owner"]!, json: #"{"key":"four_eyes_approval","value":"true","value_type":"boolean"}"#)
            _ = try await api.request(.POST, "/api/v1/system_settings", key: keys["owner"]!, json: #"{"key":"protected_prompt_labels","value":"[\"production\",\"canary\"]","value_type":"json"}"#)
            let own = try await Self.createPrompt(api, key: keys["admin"]!, #"{"name":"Own","content":"mine"}"#)
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/prompts/\(own)/versions/1/approve", key: keys["admin"]!), .forbidden, fields: ["approval_status"])
            #expect(try await api.request(.POST, "/api/v1/prompts/\(own)/versions/1/approve", key: keys["owner"]!).status == .ok)
            ErrorTests.expectProblem(try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/canary", key: keys["admin"]!, json: #"{"version":"4"}"#), .conflict)
            #expect(try await api.request(.PUT, "/api/v1/prompts/\(id)/labels/canary", key: keys["admin"]!, json: #"{"version":"2"}"#).json["protected"] == .bool(true))
        }
    }

    @Test("Visibility: private rows to their author and administrators, public rows readable by every tenant and changed only by their own")
    func visibility() async throws {
        try await withAPI { api in
            let keys = try await PermissionMatrixTests.roleKeys(api)
            let secret = try await Self.createPrompt(api, key: keys["editor"]!, #"{"name":"Secret","code":"secret","content":"s","visibility":"private"}"#)
            #expect(try await api.get("/api/v1/prompts/\(secret)", key: keys["editor"]!).status == .ok, "the author sees it")
            #expect(try await api.get("/api/v1/prompts/\(secret)", key: keys["admin"]!).status == .ok, "administrators see it")
            #expect(try await api.get("/api/v1/prompts/\(secret)", key: keys["viewer"]!).status == .notFound)
            #expect(try await api.get("/api/v1/prompts?visibility=eq.private", key: keys["viewer"]!).rows.isEmpty)
            #expect(try await api.get("/api/v1/prompts/by-code/secret", key: keys["viewer"]!).status == .notFound)
            #expect(try await api.get("/api/v1/prompts/\(secret)/versions", key: keys["viewer"]!).status == .notFound)
            #expect(try await api.get("/api/v1/prompt_versions?prompt_id=eq.\(secret)", key: keys["viewer"]!).rows.isEmpty, "versions follow their prompt")
            #expect(try await api.get("/api/v1/prompt_versions?prompt_id=eq.\(secret)", key: keys["admin"]!).rows.count == 1)
            #expect(try await api.request(.DELETE, "/api/v1/prompts/\(secret)", key: keys["viewer+group"]!).status == .notFound, "another writer cannot delete it")
            let peek = try await api.request(.POST, "/api/v1/prompts", key: keys["viewer+group"]!, json: #"{"name":"Peek","content":"{{> secret}}"}"#)
            ErrorTests.expectProblem(peek, .unprocessableEntity, fields: ["content"])

            let shared = try await Self.createPrompt(api, #"{"name":"Shared","code":"shared","content":"Hello {{x}}","variables":[{"name":"x"}],"visibility":"public"}"#)
            #expect(try await api.get("/api/v1/prompts/\(shared)", key: api.keyB).status == .ok, "public rows are readable by every tenant")
            #expect(!(try await api.get("/api/v1/prompts", key: api.keyB).rows.contains { $0["id"] == .string(shared) }), "lists hold the tenant's own rows")
            #expect(try await api.request(.POST, "/api/v1/prompts/\(shared)/render", key: api.keyB, json: #"{"variables":{"x":"B"}}"#).json["text"] == .string("Hello B"))
            #expect(try await api.request(.PATCH, "/api/v1/prompts/\(shared)", key: api.keyB, json: #"{"name":"Taken"}"#).status == .notFound)
            #expect(try await api.request(.DELETE, "/api/v1/prompts/\(shared)", key: api.keyB).status == .notFound)
            ErrorTests.expectProblem(try await api.request(.PUT, "/api/v1/prompts/\(shared)/labels/staging", key: api.keyB, json: #"{"version":"1"}"#), .forbidden)
            #expect(try await api.get("/api/v1/prompts/\(shared)").json["name"] == .string("Shared"), "unchanged")
        }
    }

    @Test("Agents are versioned by the same mechanism, with diff, restore and approval")
    func agents() async throws {
        try await withAPI { api in
            let created = try await api.request(.POST, "/api/v1/agents", key: api.keyA,
                                                json: #"{"name":"Helper","code":"helper","system_prompt":"Be brief.","config":{"tools":["search"]}}"#)
            let id = try #require(created.json["id"]?.stringValue)
            #expect(created.json["current_version"] == .string("1"))
            #expect(try await api.request(.PATCH, "/api/v1/agents/\(id)", key: api.keyA, json: #"{"description":"in place"}"#).json["current_version"] == .string("1"))
            let changed = try await api.request(.PATCH, "/api/v1/agents/\(id)", key: api.keyA, json: #"{"system_prompt":"Be thorough.","change_summary":"More depth"}"#)
            #expect(changed.json["current_version"] == .string("2"))
            let versions = try await api.get("/api/v1/agents/\(id)/versions").rows
            #expect(versions.compactMap { $0["version"]?.stringValue } == ["2", "1"])
            #expect(versions.first?["change_summary"] == .string("More depth"))
            let diff = try await api.get("/api/v1/agents/\(id)/diff?from=1&to=2")
            #expect(diff.json["system_prompt"]?.arrayValue?.count == 2, "\(diff.text)")
            #expect(try await api.request(.POST, "/api/v1/agents/\(id)/restore", key: api.keyA, json: #"{"version":"1"}"#).json["system_prompt"] == .string("Be brief."))
            #expect(try await api.request(.POST, "/api/v1/agents/\(id)/versions/3/approve", key: api.keyA).json["approval_status"] == .string("approved"))
            #expect(try await api.get("/api/v1/agents/\(id)").json["approval_status"] == .string("approved"))
            ErrorTests.expectProblem(try await api.request(.PATCH, "/api/v1/agents/\(id)", key: api.keyA, json: #"{"config":[1,2]}"#), .unprocessableEntity, fields: ["config"])
        }
    }
}

extension JSONValue: @retroactive ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}
