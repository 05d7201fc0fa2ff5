import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

@Suite("Gateway: OpenAI-compatible calls, adapters and the generation log")
struct GatewayTests {
    @Test("A chat call through a configuration: its parameters and key go upstream, the answer and a log row come back")
    func chatThroughConfiguration() async throws {
        try await GatewayFixture.run { g in
            let id = try await g.configure("writer", model: "gpt-3.5-turbo", extra: ["temperature": .number(0.3), "system_prompt": "Be brief.", "max_tokens": .number(64)])
            let response = try await g.chat("writer", "hello", extra: #","top_p":0.5"#)
            #expect(response.status == .ok, "\(response.body.string)")
            #expect(response.json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue == "Echo: hello")
            let sent = try #require(g.upstream.requests.last)
            #expect(sent.path == "/ok/v1/chat/completions")
            #expect(sent.body["model"]?.stringValue == "gpt-3.5-turbo", "the provider's model name is sent")
            #expect(sent.body["temperature"]?.numberValue == 0.3, "the configuration's temperature applies")
            #expect(sent.body["top_p"]?.numberValue == 0.5, "the request's own parameter wins")
            #expect(sent.body["max_completion_tokens"]?.numberValue == 64)
            #expect(sent.body["messages"]?.arrayValue?.first?["content"]?.stringValue == "Be brief.", "the system prompt comes first")
            #expect(sent.headers.contains { $0.0.lowercased() == "authorization" && $0.1 == "Bearer sk-fake-secret-0001" })

            let log = try #require(try await g.logs().last)
            #expect(response.headers.first(name: "X-Output-Hub-Log-Id") == log["id"]?.stringValue, "the answer names its log row")
            #expect(log["status"]?.stringValue == "success")
            #expect(log["model_name"]?.stringValue == "writer")
            #expect(log["model_configuration_id"]?.stringValue == id)
            #expect(log["selected_by"]?.stringValue == "user_override")
            #expect(log["input_tokens"]?.intValue == 10 && log["output_tokens"]?.intValue == 5 && log["total_tokens"]?.intValue == 15)
            #expect(log["api_key_id"]?.isNull == false)
            #expect(log["response"]?.stringValue == "Echo: hello")
            // gpt-3.5-turbo's seed price: $0.50 / $1.50 per million → 10 × 0.5 + 5 × 1.5 = 12.5 millionths → $0.000013.
            let cost = try #require(log["cost_usd"]?.doubleValue)
            #expect(abs(cost - 0.000013) < 1e-12, "PostgreSQL's numeric reads back as the nearest double")
            #expect(log["price_id"]?.isNull == false)
            let configuration = try await g.configuration(id)
            #expect(configuration["usage_count"]?.intValue == 1)
            #expect(abs((configuration["total_cost"]?.doubleValue ?? 0) - cost) < 1e-12)
        }
    }

    @Test("Streaming relays OpenAI chunks ending data: [DONE], with the usage chunk only when asked for")
    func streaming() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("streamer")
            let withUsage = try await g.chat("streamer", "hi", extra: #","stream":true,"stream_options":{"include_usage":true}"#)
            #expect(withUsage.status == .ok)
            #expect(withUsage.headers.first(name: .contentType)?.hasPrefix("text/event-stream") == true)
            let events = withUsage.body.string.components(separatedBy: "\n\n").filter { !$0.isEmpty }
            #expect(events.last == "data: [DONE]")
            let chunks = events.dropLast().compactMap { JSONValue.parse(Array($0.dropFirst(6).utf8)) }
            let text = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"]?["content"]?.stringValue }.joined()
            #expect(text == "Echo: hi")
            #expect(chunks.last?["usage"]?["total_tokens"]?.intValue == 15, "the usage chunk the client asked for")

            let without = try await g.chat("streamer", "hi", extra: #","stream":true"#)
            #expect(!without.body.string.contains(#""choices":[]"#), "the usage chunk the gateway asked for itself is not passed on")
            #expect(without.body.string.hasSuffix("data: [DONE]\n\n"))
            let logs = try await g.logs()
            #expect(logs.count == 2)
            #expect(logs.allSatisfy { $0["status"]?.stringValue == "success" && $0["total_tokens"]?.intValue == 15 && $0["response"]?.stringValue == "Echo: hi" })
            #expect(logs.allSatisfy { $0["time_to_first_token_ms"]?.isNull == false })
        }
    }

    @Test("Anthropic's Messages API is translated both ways, tool calls and cache tokens included, and costed from the catalog")
    func anthropicTranslation() async throws {
        try await GatewayFixture.run(importCatalog: true) { g in
            try await g.configure("claude", model: "claude-haiku-4-5", anthropic: true)
            let tools = #","tools":[{"type":"function","function":{"name":"lookup","description":"Find","parameters":{"type":"object","properties":{"q":{"type":"string"}}}}}],"tool_choice":"required""#
            let body = #"{"model":"claude","messages":[{"role":"system","content":"Rules."},{"role":"user","content":"find x"}]\#(tools)}"#
            let response = try await g.api.request(.POST, "/v1/chat/completions", key: g.api.keyA, json: body)
            #expect(response.status == .ok, "\(response.body.string)")
            let sent = try #require(g.upstream.requests.last)
            #expect(sent.path == "/ok/v1/messages")
            #expect(sent.headers.contains { $0.0.lowercased() == "x-api-key" && $0.1 == "sk-fake-secret-0001" })
            #expect(sent.headers.contains { $0.0.lowercased() == "anthropic-version" })
            #expect(sent.body["system"]?.stringValue == "Rules.")
            #expect(sent.body["messages"]?.arrayValue?.count == 1)
            #expect(sent.body["tools"]?.arrayValue?.first?["input_schema"]?["type"]?.stringValue == "object")
            #expect(sent.body["tool_choice"]?["type"]?.stringValue == "any")
            #expect(sent.body["max_tokens"]?.intValue != nil, "Anthropic needs max_tokens")

            let choice = try #require(response.json["choices"]?.arrayValue?.first)
            #expect(choice["finish_reason"]?.stringValue == "tool_calls")
            let call = try #require(choice["message"]?["tool_calls"]?.arrayValue?.first)
            #expect(call["function"]?["name"]?.stringValue == "lookup")
            #expect(JSONValue.parse(Array((call["function"]?["arguments"]?.stringValue ?? "").utf8))?["q"]?.stringValue == "x")
            #expect(response.json["usage"]?["prompt_tokens"]?.intValue == 1500, "input 1000 + cache read 300 + cache write 200")
            #expect(response.json["usage"]?["prompt_tokens_details"]?["cached_tokens"]?.intValue == 300)

            // claude-haiku-4-5 in the catalog: $1 input, $0.10 cache read, $1.25 cache write, $5 output per million:
            // 1000 × 1 + 300 × 0.1 + 200 × 1.25 + 500 × 5 = 3780 millionths.
            let log = try #require(try await g.logs().last)
            #expect(dollars(log["cost_usd"], 0.00378))
            #expect(log["cached_input_tokens"]?.intValue == 300 && log["cache_write_tokens"]?.intValue == 200)

            let streamed = try await g.api.request(.POST, "/v1/chat/completions", key: g.api.keyA,
                                                   json: #"{"model":"claude","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"find x"}]\#(tools)}"#)
            let chunks = streamed.body.string.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: {") }
                .compactMap { JSONValue.parse(Array($0.dropFirst(6).utf8)) }
            let deltas = chunks.compactMap { $0["choices"]?.arrayValue?.first?["delta"] }
            #expect(deltas.compactMap { $0["content"]?.stringValue }.joined() == "Echo: find x")
            let arguments = deltas.compactMap { $0["tool_calls"]?.arrayValue?.first?["function"]?["arguments"]?.stringValue }.joined()
            #expect(arguments == #"{"q":"x"}"#)
            #expect(chunks.contains { $0["choices"]?.arrayValue?.first?["finish_reason"]?.stringValue == "tool_calls" })
            #expect(chunks.last?["usage"]?["completion_tokens"]?.intValue == 500)
            #expect(streamed.body.string.hasSuffix("data: [DONE]\n\n"))
            #expect(dollars(try await g.logs().last?["cost_usd"], 0.00378))
        }
    }

    @Test("Cached and reasoning tokens are priced at their rates, with the price valid at each call's time; recost follows a fix")
    func datedPrices() async throws {
        try await GatewayFixture.run(importCatalog: true) { g in
            try await g.configure("gpt4o", model: "gpt-4o", behaviour: "cached")
            #expect(try await g.chat("gpt4o").status == .ok)
            // gpt-4o: $2.50 input, $1.25 cached input, $10 output per million (no reasoning rate: output's):
            // 600 × 2.5 + 400 × 1.25 + 200 × 10 = 4000 millionths.
            let first = try #require(try await g.logs().last)
            #expect(dollars(first["cost_usd"], 0.004))
            #expect(first["reasoning_tokens"]?.intValue == 50 && first["cached_input_tokens"]?.intValue == 400)

            g.clock.advance(3600)
            let model = try await g.modelRowID("gpt-4o")
            try await g.store.insert(ModelCatalogTables.llmModelPrices, [
                "model_id": .string(model), "valid_from": .date(g.clock.now()), "input_per_million": .double(5),
                "output_per_million": .double(20), "cached_input_per_million": .double(2.5), "source": .string("manual"),
            ])
            g.clock.advance(60)
            #expect(try await g.chat("gpt4o").status == .ok)
            let second = try #require(try await g.logs().last)
            #expect(dollars(second["cost_usd"], 0.008), "the new price for the later call")
            #expect(dollars(try await g.logs().first?["cost_usd"], 0.004), "the earlier call keeps its price")

            // The imported price turns out wrong (it should have been the new one all along): fix it, recost.
            let firstCall = try #require(first["created_at"]?.dateValue)
            var fix = SQLText(g.store.engine, "UPDATE llm_model_prices SET input_per_million = 5, output_per_million = 20, cached_input_per_million = 2.5 WHERE source = 'litellm' AND model_id = ")
            fix.bind(.string(model), as: .uuid)
            try await g.store.run(fix)
            let report = try await Recosting(store: g.store).run(since: firstCall.addingTimeInterval(-60))
            #expect(report.calls == 2 && report.changed == 1)
            #expect(abs(report.difference - 0.004) < 1e-9)
            #expect(dollars(try await g.logs().first?["cost_usd"], 0.008))
        }
    }

    @Test("An unpriced model's calls store cost unknown, never $0")
    func unpricedModel() async throws {
        try await GatewayFixture.run { g in
            let provider = try #require(try await g.store.select(ModelCatalogTables.llmProviders, where: ["code": .string("openai")], limit: 1).first?["id"])
            try await g.store.insert(ModelCatalogTables.llmModels, ["provider_id": provider, "model_id": .string("local-llama"), "name": .string("Local Llama")])
            try await g.configure("local", model: "local-llama")
            #expect(try await g.chat("local").status == .ok)
            let log = try #require(try await g.logs().last)
            #expect(log["cost_usd"]?.isNull == true)
            #expect(log["price_id"]?.isNull == true)
            #expect(log["total_tokens"]?.intValue == 15)
        }
    }

    @Test("Errors are OpenAI-shaped: unknown models, another tenant's configuration, bad parameters, no key")
    func errors() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("mine")
            let unknown = try await g.chat("no-such-model")
            #expect(unknown.status == .notFound)
            #expect(unknown.json["error"]?["code"]?.stringValue == "model_not_found")
            #expect(unknown.json["error"]?["type"]?.stringValue == "invalid_request_error")
            let otherTenant = try await g.chat("mine", key: g.api.keyB)
            #expect(otherTenant.status == .notFound && otherTenant.json["error"]?["code"]?.stringValue == "model_not_found")
            let hot = try await g.chat("mine", extra: #","temperature":2.5"#)
            #expect(hot.status == .badRequest && hot.json["error"]?["param"]?.stringValue == "temperature")
            let noMessages = try await g.api.request(.POST, "/v1/chat/completions", key: g.api.keyA, json: #"{"model":"mine","messages":[]}"#)
            #expect(noMessages.status == .badRequest && noMessages.json["error"]?["param"]?.stringValue == "messages")
            let anonymous = try await g.api.request(.POST, "/v1/chat/completions", key: nil, json: #"{"model":"mine"}"#)
            #expect(anonymous.status == .unauthorized && anonymous.json["error"]?["code"]?.stringValue == "invalid_api_key")
            #expect(g.upstream.requests.isEmpty, "nothing reached the provider")
            let logs = try await g.logs()
            #expect(logs.count == 4, "every refused call is logged (the unauthenticated one has no tenant)")
            #expect(logs.allSatisfy { $0["status"]?.stringValue == "refused" })
        }
    }

    @Test("/v1/models lists the tenant's configurations; embeddings go through and are logged")
    func modelsAndEmbeddings() async throws {
        try await GatewayFixture.run(importCatalog: true) { g in
            try await g.configure("chat-a")
            try await g.configure("embed-a", model: "text-embedding-3-small")
            let models = try await g.api.get("/v1/models")
            let ids = models.json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids == ["chat-a", "embed-a"], "no provider key in the environment: only configurations")
            #expect(try await g.api.get("/v1/models", key: g.api.keyB).json["data"]?.arrayValue?.isEmpty == true)

            let embedded = try await g.api.request(.POST, "/v1/embeddings", key: g.api.keyA, json: #"{"model":"embed-a","input":["a","b"]}"#)
            #expect(embedded.status == .ok)
            #expect(embedded.json["data"]?.arrayValue?.count == 2)
            let log = try #require(try await g.logs().last)
            #expect(log["input_tokens"]?.intValue == 6)
            #expect(dollars(log["cost_usd"], 0), "6 tokens at $0.02 per million round to 0.00000012 → 0")
            #expect(log["price_id"]?.isNull == false, "priced (a real zero, not unknown)")
        }
    }

    @Test("Retries on 5xx, then the fallback configuration; timeouts; the provider refusing the key is a 502 with the key redacted")
    func retriesFallbackAndTimeouts() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("flaky", behaviour: "fail-twice")
            let flaky = try await g.chat("flaky")
            #expect(flaky.status == .ok, "two failures, then an answer on the last retry")
            #expect(try await g.logs().last?["retries"]?.intValue == 2)

            let backup = try await g.configure("backup")
            try await g.configure("broken", behaviour: "always-500", extra: ["fallback_configuration_id": .string(backup)])
            let before = g.upstream.requests.count
            let fallen = try await g.chat("broken")
            #expect(fallen.status == .ok, "\(fallen.body.string)")
            #expect(g.upstream.requests.count - before == 4, "three tries of broken, then the fallback")
            let log = try #require(try await g.logs().last)
            #expect(log["selected_by"]?.stringValue == "fallback")
            #expect(log["model_configuration_id"]?.stringValue == backup)
            #expect(log["retries"]?.intValue == 2)
            #expect(log["metadata"]?.stringValue?.contains("broken") == true)

            try await g.configure("down", behaviour: "always-500")
            let down = try await g.chat("down")
            #expect(down.status == .internalServerError && down.json["error"]?["code"]?.stringValue == "upstream_error")

            try await g.configure("refusing", behaviour: "always-401")
            let refused = try await g.chat("refusing")
            #expect(refused.status == .badGateway)
            #expect(!refused.body.string.contains("sk-fake-secret-0001"), "the key the provider echoed is redacted")
            #expect(try await g.logs().allSatisfy { !($0["error_message"]?.stringValue ?? "").contains("sk-fake-secret-0001") })

            try await g.configure("throttled", behaviour: "always-429")
            let throttled = try await g.chat("throttled")
            #expect(throttled.status == .tooManyRequests && throttled.json["error"]?["code"]?.stringValue == "upstream_rate_limited")
            #expect(try await g.logs().last?["retries"]?.intValue == 2, "429s are retried twice, then reach the caller")

            try await g.configure("sleepy", behaviour: "slow", extra: ["timeout_seconds": .number(1)])
            let slow = try await g.chat("sleepy")
            #expect(slow.status == .gatewayTimeout && slow.json["error"]?["type"]?.stringValue == "timeout")
            #expect(try await g.logs().last?["status"]?.stringValue == "timeout")
        }
    }

    @Test("auto:<category> routes to the best-ranked suitable model the tenant can call; auto to the default configuration")
    func autoRouting() async throws {
        try await GatewayFixture.run { g in
            let noDefault = try await g.chat("auto")
            #expect(noDefault.status == .notFound && noDefault.json["error"]?["code"]?.stringValue == "model_not_found")
            // Seed 002 ranks gpt-4o-mini first for content_caption; the tenant has a configuration of it.
            let caption = try await g.configure("caption-writer", model: "gpt-4o-mini")
            try await g.configure("ideas", model: "gpt-4o", extra: ["is_default": .bool(true)])
            let routed = try await g.chat("auto:content_caption")
            #expect(routed.status == .ok, "\(routed.body.string)")
            let log = try #require(try await g.logs().last)
            #expect(log["model_configuration_id"]?.stringValue == caption)
            #expect(log["selected_by"]?.stringValue == "auto" && log["category_key"]?.stringValue == "content_caption")
            // The recommender's confidence and its explanation go into the log.
            let confidence = try #require(log["confidence_score"]?.stringValue.flatMap(Double.init))
            #expect(confidence > 0.5 && confidence <= 1, "gpt-4o-mini (0.95) over claude-3-5-haiku (0.90): \(confidence)")
            let selection = try #require(log["metadata"]?.jsonDocument?["selection"])
            #expect(selection["rank"] == .number(1) && selection["priority"] == .string("balanced"), "\(selection)")
            #expect(selection["candidates"]?.arrayValue?.first?["model"] == .string("gpt-4o-mini"))

            // Feedback moves the choice: after dislikes of gpt-4o-mini, claude-3-5-haiku (configured too) wins.
            try await g.configure("haiku-writer", model: "claude-3-5-haiku-20241022")
            let mini = try await g.modelRowID("gpt-4o-mini")
            for _ in 0..<12 {
                let vote = try await g.api.request(.POST, "/api/v1/ai_user_feedback", key: g.api.keyA,
                                                   json: #"{"feedback_type":"dislike","model_id":"\#(mini)","category_key":"content_caption"}"#)
                #expect(vote.status == .created, "\(vote.text)")
            }
            _ = try await g.chat("auto:content_caption")
            let relearned = try #require(try await g.logs().last)
            #expect(relearned["model_id"]?.stringValue == (try await g.modelRowID("claude-3-5-haiku-20241022")), "\(relearned)")
            #expect(relearned["selected_by"]?.stringValue == "auto")
            #expect(try await g.chat("auto").status == .ok)
            let byDefault = try #require(try await g.logs().last)
            #expect(byDefault["model_name"]?.stringValue == "auto" && byDefault["selected_by"]?.stringValue == "auto")
            #expect(byDefault["model_id"]?.stringValue == (try await g.modelRowID("gpt-4o")))
            let video = try await g.chat("auto:video_short")
            #expect(video.status == .notFound, "no video model is configured or keyed")
            // A category whose suited models the tenant cannot call sends its calls to its fallback model, marked.
            let gpt4o = try await g.modelRowID("gpt-4o"), flash = try await g.modelRowID("gemini-2.0-flash")
            try await g.store.insert(ModelCatalogTables.aiTaskCategories, ["category_key": .string("ghost_writing"), "category_name": .string("Ghost writing"),
                                                                          "fallback_model_id": .uuid(try #require(UUID(uuidString: gpt4o)))])
            try await g.store.insert(ModelCatalogTables.aiModelTaskMappings, ["category_key": .string("ghost_writing"), "suitability_score": .double(0.9),
                                                                             "model_id": .uuid(try #require(UUID(uuidString: flash)))])
            let ghost = try await g.chat("auto:ghost_writing")
            #expect(ghost.status == .ok, "\(ghost.body.string)")
            let fellBack = try #require(try await g.logs().last)
            #expect(fellBack["selected_by"]?.stringValue == "fallback" && fellBack["model_id"]?.stringValue == gpt4o, "\(fellBack)")
            let why = fellBack["metadata"]?.jsonDocument?["selection"]
            #expect(why?["note"]?.stringValue?.contains("fallback") == true && why?["candidates"]?.arrayValue?.first?["model"] == .string("gemini-2.0-flash"),
                    "the ranked model was passed over: \(String(describing: why))")
            #expect(try await g.chat("auto:no_such_category").status == .notFound)
        }
    }

    @Test("A catalog model (openai:gpt-3.5-turbo) is called on the provider's own URL with the server's key, and /v1/models lists it")
    func catalogModelWithServerKey() async throws {
        try await GatewayFixture.run(environment: ["OPENAI_API_KEY": "sk-operator-key-7777"]) { g in
            let provider = try #require(try await g.store.select(ModelCatalogTables.llmProviders, where: ["code": .string("openai")], limit: 1).first?["id"])
            try await g.store.update(ModelCatalogTables.llmProviders, id: provider, ["api_base_url": .string(g.upstream.base("ok") + "/v1")])
            let response = try await g.chat("openai:gpt-3.5-turbo")
            #expect(response.status == .ok, "\(response.body.string)")
            let sent = try #require(g.upstream.requests.last)
            #expect(sent.body["model"]?.stringValue == "gpt-3.5-turbo")
            #expect(sent.headers.contains { $0.0.lowercased() == "authorization" && $0.1 == "Bearer sk-operator-key-7777" })
            let log = try #require(try await g.logs().last)
            #expect(log["model_configuration_id"]?.isNull == true && log["selected_by"]?.stringValue == "user_override")
            #expect(dollars(log["cost_usd"], 0.000013))
            let ids = try await g.api.get("/v1/models").json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids.contains("gpt-3.5-turbo") && ids.contains("gpt-4o"), "the keyed provider's catalog models")
            #expect(!ids.contains("claude-3-5-haiku-20241022"), "no Anthropic key in the environment")
        }
    }

    @Test("The server's environment key goes only to the provider's own URL, never to a base URL a tenant set")
    func environmentKeyStaysWithTheProvider() async throws {
        try await GatewayFixture.run(environment: ["OPENAI_API_KEY": "sk-operator-key-5555"]) { g in
            try await g.configure("own-url", key: "")
            let answer = try await g.chat("own-url")
            #expect(answer.status == .ok, "\(answer.body.string)")
            let sent = try #require(g.upstream.requests.last)
            #expect(!sent.headers.contains { $0.1.contains("sk-operator-key-5555") }, "the operator's key is not sent to the tenant's server")
        }
    }

    @Test("A fallback its own limits refuse leaves the first failure, and the budget hold is settled once")
    func refusedFallback() async throws {
        try await GatewayFixture.run { g in
            try await g.store.insert(SystemTables.systemSettings, [
                "tenant_id": g.api.tenantA, "key": .string(GatewayLimits.tenantBudgetSetting), "value": .string("5"), "value_type": .string("number"),
            ])
            let backup = try await g.configure("closed", model: "gpt-3.5-turbo", extra: ["max_calls_per_minute": .number(0)])
            try await g.configure("failing", model: "gpt-3.5-turbo", behaviour: "always-500", extra: ["fallback_configuration_id": .string(backup)])
            let response = try await g.chat("failing")
            #expect(response.status == .internalServerError && response.json["error"]?["code"]?.stringValue == "upstream_error")
            let tenant = try #require(g.api.tenantA.uuidValue)
            let held = try await WindowCounter(store: g.store, clients: g.app.hubClients)
                .total("gateway.budget.tenant:" + tenant.uuidString.lowercased(), period: WindowCounter.month(of: g.clock.now()))
            #expect(held == 0, "released once: nothing held, nothing given back twice")
            #expect(try await g.logs().last?["status"]?.stringValue == "error")
        }
    }

    @Test("No provider key in a log row, an answer or an export")
    func keysStayPrivate() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("secretive", key: "sk-very-private-9876")
            #expect(try await g.chat("secretive").status == .ok)
            #expect(try await g.chat("secretive", extra: #","stream":true"#).status == .ok)
            await g.app.generationLog.flush()
            for path in ["/api/v1/ai_logs", "/api/v1/model_configurations"] {
                let json = try await g.api.get(path)
                let csv = try await g.api.get(path, accept: "text/csv")
                #expect(json.status == .ok && csv.status == .ok)
                #expect(!json.body.string.contains("sk-very-private-9876") && !csv.body.string.contains("sk-very-private-9876"), "\(path)")
            }
            #expect(g.upstream.requests.allSatisfy { !String(decoding: $0.body.jsonBytes, as: UTF8.self).contains("sk-very-private") },
                    "the key travels in a header only")
        }
    }

    @Test("A stream the provider breaks off ends with an error event and is logged as an error")
    func droppedStream() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("dropper", behaviour: "drop")
            let response = try await g.chat("dropper", extra: #","stream":true"#)
            #expect(response.body.string.contains("upstream_stream_failed"))
            #expect(response.body.string.hasSuffix("data: [DONE]\n\n"))
            let log = try #require(try await g.logs().last)
            #expect(log["status"]?.stringValue == "error")
        }
    }

    @Test("X-Output-Hub-Conversation appends the turn to the conversation and keeps the answer as an output linked to the log")
    func conversationTurn() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("talker")
            let conversation = try await g.api.insertRowA("conversations").id
            let response = try await g.chat("talker", "what is up", headers: [("X-Output-Hub-Conversation", conversation)])
            #expect(response.status == .ok)
            let log = try #require(try await g.logs().last)
            #expect(log["conversation_id"]?.stringValue == conversation)
            let messages = try await g.store.select(ConversationTables.messages, where: ["conversation_id": .string(conversation)])
            let contents = Set(messages.compactMap { $0["content"]?.stringValue })
            #expect(contents.isSuperset(of: ["what is up", "Echo: what is up"]))
            let outputID = try #require(log["output_id"])
            let output = try #require(try await g.store.find(ConversationTables.outputs, id: outputID))
            #expect(output["content"]?.stringValue == "Echo: what is up")
            #expect(output["message_id"]?.stringValue == log["message_id"]?.stringValue)

            let missing = try await g.chat("talker", headers: [("X-Output-Hub-Conversation", UUID().uuidString)])
            #expect(missing.status == .notFound && missing.json["error"]?["code"]?.stringValue == "conversation_not_found")
        }
    }

    @Test("A configuration's base URL must be http(s) and not link-local or a metadata address")
    func baseURLRule() async throws {
        try await GatewayFixture.run { g in
            let model = try await g.modelRowID("gpt-4o-mini")
            for url in ["http://169.254.169.254/v1", "ftp://example.com/v1", "http://metadata.google.internal/v1", "http://[fe80::1]/v1"] {
                let response = try await g.api.request(.POST, "/api/v1/model_configurations", key: g.api.keyA,
                                                       json: #"{"name":"x","model_id":"\#(model)","api_base_url":"\#(url)"}"#)
                #expect(response.status == .unprocessableEntity, "\(url)")
                #expect(response.body.string.contains("api_base_url"))
            }
            #expect(BaseURLRule.problem("http://127.0.0.1:11434/v1") == nil, "a local model server is fine")
            for other in ["http://2852039166/v1", "http://0xA9FEA9FE/v1", "http://0251.0376.0251.0376/v1", "http://[::ffff:a9fe:a9fe]/v1",
                          "http://[fd00:ec2:0::254]/v1", "http://[64:ff9b::a9fe:a9fe]/v1"] {
                #expect(BaseURLRule.problem(other) != nil, "\(other) is the metadata address spelled otherwise")
            }
            for fine in ["http://face.cafe/v1", "http://[::1]:8000/v1", "https://10.0.0.5/v1", "http://my-gpu-box:8000/v1"] {
                #expect(BaseURLRule.problem(fine) == nil, "\(fine)")
            }
            try await g.configure("bouncer", behaviour: "redirect")
            let bounced = try await g.chat("bouncer")
            #expect(bounced.status == .badGateway, "a redirect is not followed: it could lead to an address nobody checked")
            #expect(g.upstream.requests.allSatisfy { !$0.path.contains("meta-data") })
        }
    }
}
