import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

@Suite("Gateway: playground, costs and generation pages")
struct GatewayScreenTests {
    @Test("The playground sends a message as the signed-in member, without JavaScript and streamed, and shows tokens, cost and the log row")
    func playground() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("desk", model: "gpt-3.5-turbo")
            let browser = try await BrowserSession.signIn(g.app, email: "ann@alpha.test", password: "long password 1")
            let page = try await browser.get(GatewayAdminPath.playground)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("data-playground"))
            #expect(page.body.string.contains("<option value=\"desk\">"), "the tenant's configurations are offered")
            #expect(page.body.string.contains(">Playground</a>"), "the sidebar links the module's screens")

            let sent = try await browser.post(GatewayAdminPath.playground, ["model": "desk", "message": "hello there"])
            #expect(sent.status == .ok)
            #expect(sent.body.string.contains("Echo: hello there"))
            #expect(sent.body.string.contains("10 in · 5 out"))
            #expect(sent.body.string.contains("$0.000013"))
            let log = try #require(try await g.logs().last)
            #expect(log["api_key_id"]?.isNull == true, "an admin session, not a key")
            #expect(sent.body.string.contains(AdminPath.detail("ai_logs", try #require(log["id"]?.stringValue))))

            let streamed = try await browser.post(GatewayAdminPath.playgroundStream, ["model": "desk", "message": "hi"])
            #expect(streamed.headers.first(name: .contentType)?.hasPrefix("text/event-stream") == true)
            #expect(streamed.body.string.contains("data: [DONE]"))
            let summary = try #require(streamed.body.string.components(separatedBy: "event: summary\ndata: ").last)
            #expect(JSONValue.parse(Array(summary.trimmingCharacters(in: .whitespacesAndNewlines).utf8))?["cost"]?.stringValue == "$0.000013")

            let unknown = try await browser.post(GatewayAdminPath.playground, ["model": "nope", "message": "hi"])
            #expect(unknown.body.string.contains("model_not_found"))
        }
    }

    @Test("A prompt opens in the playground with its variables to fill; they go into the message")
    func promptInPlayground() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("desk")
            let prompt = try await g.store.insert(PromptLibraryTables.prompts, [
                "tenant_id": g.api.tenantA, "name": .string("Greeter"), "content": .string("Say hello to {{name}} in {{language}}."),
            ])
            let id = try #require(prompt["id"]?.stringValue)
            let browser = try await BrowserSession.signIn(g.app, email: "ann@alpha.test", password: "long password 1")
            let detail = try await browser.get(AdminPath.detail("prompts", id))
            #expect(detail.body.string.contains(GatewayAdminPath.run(prompt: id).replacingOccurrences(of: "&", with: "&amp;")))
            let page = try await browser.get(GatewayAdminPath.run(prompt: id))
            #expect(page.body.string.contains("name=\"var.name\"") && page.body.string.contains("name=\"var.language\""))
            let sent = try await browser.post(GatewayAdminPath.playground, pairs: [
                ("model", "desk"), ("message", "Say hello to {{name}} in {{language}}."), ("var.name", "Ada"), ("var.language", "French"),
            ])
            #expect(sent.body.string.contains("Echo: Say hello to Ada in French."))
        }
    }

    @Test("The cost page sums spend per day, model, configuration, key and user, lists unpriced models, and downloads CSV")
    func costs() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("priced", model: "gpt-3.5-turbo")
            let provider = try #require(try await g.store.select(ModelCatalogTables.llmProviders, where: ["code": .string("openai")], limit: 1).first?["id"])
            try await g.store.insert(ModelCatalogTables.llmModels, ["provider_id": provider, "model_id": .string("home-model"), "name": .string("Home")])
            try await g.configure("homegrown", model: "home-model")
            #expect(try await g.chat("priced").status == .ok)
            #expect(try await g.chat("priced").status == .ok)
            #expect(try await g.chat("homegrown").status == .ok)
            await g.app.generationLog.flush()
            let browser = try await BrowserSession.signIn(g.app, email: "ann@alpha.test", password: "long password 1")
            let page = try await browser.get(GatewayAdminPath.costs)
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("$0.0000"), "the total")
            #expect(html.contains("Unpriced models in use") && html.contains(">Home</a>"), "by the model's label, linked")
            #expect(html.contains("Spend per day") && html.contains("By configuration") && html.contains("<svg"))
            #expect(html.contains("name=\"key\"") && html.contains("name=\"user\"") && html.contains("name=\"model\""), "filters")
            let priced = try await g.modelRowID("gpt-3.5-turbo")
            let onlyPriced = try await browser.get(GatewayAdminPath.costs + "?model=" + priced)
            #expect(onlyPriced.status == .ok && onlyPriced.body.string.contains("None: every call in this period has a cost."),
                    "filtered to the priced model, nothing is unpriced")
            let csv = try await browser.get(GatewayAdminPath.costs + "?format=csv")
            let lines = csv.body.string.split(separator: "\r\n")
            #expect(lines.first == "day,model,configuration,api_key,user,calls,unpriced_calls,cost_usd,input_tokens,output_tokens")
            #expect(lines.contains { $0.contains(",priced,") && $0.contains(",2,0,0.000026,20,10") })
            #expect(lines.contains { $0.contains(",homegrown,") && $0.contains(",1,1,0.000000,") })

            let log = try #require(try await g.logs().first)
            let detail = try await browser.get(AdminPath.detail("ai_logs", try #require(log["id"]?.stringValue)))
            #expect(detail.body.string.contains("Echo: hello"))
            #expect(detail.body.string.contains("price used"))
            let unpricedLog = try #require(try await g.logs().last)
            let unpricedDetail = try await browser.get(AdminPath.detail("ai_logs", try #require(unpricedLog["id"]?.stringValue)))
            #expect(unpricedDetail.body.string.contains("unpriced"))
            let list = try await browser.get(AdminPath.list("ai_logs"))
            #expect(list.body.string.contains("unpriced"), "the list shows an unknown cost as unpriced")
        }
    }
}
