import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// The prompt page built for the work: labels, the version timeline with approval, the side-by-side diff
/// and the render preview.
@Suite("Prompts: the prompt page")
struct PromptScreenTests {
    @Test("The prompt page shows versions, compares two side by side, renders with typed inputs, moves labels and approves")
    func workbench() async throws {
        try await withAPI { api in
            let id = try await PromptVersionTests.createPrompt(api, #"{"name":"Page","code":"page","content":"Hello {{who}} {{n}}\nBye","variables":[{"name":"who","type":"string","required":true},{"name":"n","type":"number"}]}"#)
            _ = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"content":"Hi {{who}} {{n}}\nBye","change_summary":"Friendlier"}"#)
            let browser = try await ScreenTests.annBrowser(api)
            let page = try await browser.get("/admin/prompts/\(id)?from=1&to=2")
            #expect(page.status == .ok)
            #expect(page.text.contains("Versions and labels") && page.text.contains("Friendlier"))
            #expect(page.text.contains("<td class=\"del\">Hello {{who}} {{n}}</td><td class=\"ins\">Hi {{who}} {{n}}</td>"), "side by side")
            #expect(page.text.contains("<input type=\"number\" step=\"any\" name=\"var.n\""), "a typed input per variable")

            let rendered = try await browser.get("/admin/prompts/\(id)?render=1&var.who=Ada&var.n=3")
            #expect(rendered.text.contains("<pre class=\"prose\" id=\"rendered-prompt\">Hi Ada 3\nBye</pre>"), "\(rendered.text)")
            let refused = try await browser.get("/admin/prompts/\(id)?render=1&var.n=three")
            #expect(refused.text.contains("<code>variables.who</code>") && refused.text.contains("<code>variables.n</code>"))
            await api.app.useCounts.flush()
            #expect(try await api.get("/api/v1/prompts/\(id)").json["usage_count"] == .number(0), "previews are not uses")

            let moved = try await browser.post("/admin/prompts/\(id)/labels", ["label": "staging", "version": "1"])
            #expect(moved.status == .seeOther)
            #expect(try await api.get("/api/v1/prompts/\(id)/resolve?label=staging").json["version"] == .string("1"))
            let protected = try await browser.post("/admin/prompts/\(id)/labels", ["label": "production", "version": "2"])
            #expect(try await browser.get(try #require(protected.location)).text.contains("not approved"), "refusal shown")
            #expect(try await browser.post("/admin/prompts/\(id)/versions/2/approve", [:]).status == .seeOther)
            #expect(try await api.get("/api/v1/prompts/\(id)/resolve?version=2").json["approval_status"] == .string("approved"))
            #expect(try await browser.post("/admin/prompts/\(id)/labels", ["label": "production", "version": "2"]).status == .seeOther)
            #expect(try await browser.get("/admin/prompts/\(id)").text.contains("production → v2"))
            #expect(try await browser.post("/admin/prompts/\(id)/labels", ["label": "x", "version": "1"], csrf: false).status == .forbidden)
            // A prompt in the trash shows its page (with Restore) without the work area.
            #expect(try await api.request(.DELETE, "/api/v1/prompts/\(id)", key: api.keyA).status == .noContent)
            let trashed = try await browser.get("/admin/prompts/\(id)")
            #expect(trashed.status == .ok && !trashed.text.contains("Versions and labels") && trashed.text.contains(">Restore</button>"), "\(trashed.status)")
        }
    }

    @Test("A suite's page shows its step tree with conditions, the effective config and a rendered preview")
    func suitePage() async throws {
        try await withAPI { api in
            let ask = try await PromptVersionTests.createPrompt(api, #"{"name":"Ask politely","code":"ask","content":"Question: {{q}}","variables":[{"name":"q","required":true}]}"#)
            let suite = try await api.request(.POST, "/api/v1/prompt_suites", key: api.keyA, json: #"{"name":"Desk","code":"desk","default_config":{"temperature":0.2}}"#)
            let suiteID = try #require(suite.json["id"]?.stringValue)
            let sub = try await api.request(.POST, "/api/v1/prompt_sub_suites", key: api.keyA,
                                            json: "{\"parent_suite_id\":\"\(suiteID)\",\"name\":\"Follow-up\",\"code\":\"follow\",\"config_overrides\":{\"temperature\":0.9}}")
            let subID = try #require(sub.json["id"]?.stringValue)
            _ = try await api.request(.POST, "/api/v1/suite_prompts", key: api.keyA, json: "{\"suite_id\":\"\(suiteID)\",\"prompt_id\":\"\(ask)\"}")
            _ = try await api.request(.POST, "/api/v1/suite_prompts", key: api.keyA,
                                      json: "{\"sub_suite_id\":\"\(subID)\",\"prompt_id\":\"\(ask)\",\"is_conditional\":true,\"condition_expression\":\"tier == 'gold'\"}")
            let browser = try await ScreenTests.annBrowser(api)
            let page = try await browser.get("/admin/prompt_suites/\(suiteID)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Steps and config") && page.text.contains(">Ask politely</a>") && page.text.contains("<span class=\"muted\">when</span> <code>tier == "), "\(page.text)")
            #expect(page.text.contains("<code>{&quot;temperature&quot;:0.9}</code>"), "the sub-suite's effective config")
            let preview = try await browser.get("/admin/prompt_suites/\(suiteID)?variables=" + RoutePath.encode(#"{"q":"Why?","tier":"gold"}"#))
            #expect(preview.text.contains("<pre class=\"prose\">Question: Why?</pre>"), "\(preview.text)")
            await api.app.useCounts.flush()
            #expect(try await api.get("/api/v1/prompt_suites/\(suiteID)").json["usage_count"] == .number(0), "previews are not uses")
            let missing = try await browser.get("/admin/prompt_suites/\(suiteID)?variables=" + RoutePath.encode("{}"))
            #expect(missing.text.contains("<code>variables.q</code>"))
        }
    }
}
