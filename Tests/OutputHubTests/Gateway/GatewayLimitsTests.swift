import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

@Suite("Gateway: limits and budgets, exact under concurrency and across servers")
struct GatewayLimitsTests {
    static func chatRequest(_ model: String, extra: String = "") -> String {
        #"{"model":"\#(model)","messages":[{"role":"user","content":"hi"}]\#(extra)}"#
    }

    @Test("Of 50 concurrent calls against 10 per minute exactly 10 succeed, on two app servers; the rest are 429 with Retry-After")
    func perMinuteLimit() async throws {
        try await GatewayFixture.run { g in
            let id = try await g.configure("limited", extra: ["max_calls_per_minute": .number(10)])
            try await withSecondServer(g.app, clients: g.app.hubClients) { second in
                let servers = [g.app, second]
                let key = g.api.keyA
                let answers = try await withThrowingTaskGroup(of: (HTTPStatus, String?).self) { group in
                    for i in 0..<50 {
                        group.addTask {
                            var headers = HTTPHeaders([("Authorization", "Bearer \(key)")])
                            headers.contentType = .json
                            let response = try await servers[i % 2].testing().sendRequest(.POST, "/v1/chat/completions", headers: headers,
                                                                                         body: ByteBuffer(string: Self.chatRequest("limited")))
                            return (response.status, response.headers.first(name: .retryAfter))
                        }
                    }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
                #expect(answers.filter { $0.0 == .ok }.count == 10, "exactly the limit")
                let refused = answers.filter { $0.0 == .tooManyRequests }
                #expect(refused.count == 40)
                #expect(refused.allSatisfy { ($0.1.flatMap(Int.init) ?? 0) >= 1 })
                await second.generationLog.flush()
            }
            let logs = try await g.logs()
            #expect(logs.filter { $0["status"]?.stringValue == "refused" }.count == 40, "refused calls are logged")
            #expect(logs.filter { $0["status"]?.stringValue == "success" }.count == 10)
            #expect(try await g.configuration(id)["usage_count"]?.intValue == 10, "usage counts only the calls sent")
            g.clock.advance(60)
            #expect(try await g.chat("limited").status == .ok, "a new minute")
        }
    }

    @Test("Calls per day: the next day allows again")
    func perDayLimit() async throws {
        try await GatewayFixture.run { g in
            let id = try await g.configure("daily", extra: ["max_calls_per_day": .number(2), "max_calls_per_minute": .number(100)])
            #expect(try await g.chat("daily").status == .ok)
            #expect(try await g.chat("daily").status == .ok)
            let third = try await g.chat("daily")
            #expect(third.status == .tooManyRequests && third.json["error"]?["code"]?.stringValue == "rate_limit_exceeded")
            #expect(third.json["error"]?["message"]?.stringValue?.contains("per day") == true)
            let minute = try await WindowCounter(store: g.store, clients: g.app.hubClients).count("gateway.minute:" + id, window: 60)
            #expect(minute == 2, "the refused call's minute is given back")
            g.clock.advance(86_400)
            #expect(try await g.chat("daily").status == .ok)
        }
    }

    @Test("A call whose worst case passes the cost limit per call is 402 cost_limit_exceeded before any upstream call")
    func costLimitPerCall() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("capped", model: "gpt-3.5-turbo", extra: ["cost_limit_per_call": .number(0.0001)])
            let big = try await g.chat("capped", extra: #","max_tokens":1000"#)
            #expect(big.status == .paymentRequired && big.json["error"]?["code"]?.stringValue == "cost_limit_exceeded", "\(big.body.string)")
            #expect(g.upstream.requests.isEmpty)
            #expect(try await g.chat("capped", extra: #","max_tokens":10"#).status == .ok, "10 output tokens fit the limit")
            #expect(try await g.logs().first?["status"]?.stringValue == "refused")
        }
    }

    @Test("Budget holds never overshoot: of 50 concurrent worst cases of $0.001 against $0.01, exactly 10 are held, on two servers")
    func budgetHoldsAreExact() async throws {
        try await GatewayFixture.run { g in
            try await g.store.insert(SystemTables.systemSettings, [
                "tenant_id": g.api.tenantA, "key": .string(GatewayLimits.tenantBudgetSetting), "value": .string("0.01"), "value_type": .string("number"),
            ])
            let tenant = try #require(g.api.tenantA.uuidValue)
            try await withSecondServer(g.app, clients: g.app.hubClients) { second in
                let limits = [GatewayLimits(store: g.app.store, clients: g.app.hubClients), GatewayLimits(store: second.store, clients: second.hubClients)]
                let held = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for i in 0..<50 {
                        group.addTask {
                            do {
                                _ = try await limits[i % 2].reserve(worstCase: 0.001, configuration: nil, tenant: tenant, apiKey: nil, model: "m",
                                                                    tenantBudget: 0.01, keyBudget: nil)
                                return true
                            } catch let error as GatewayError where error.code == "budget_exceeded" {
                                return false
                            }
                        }
                    }
                    return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
                }
                #expect(held == 10)
            }
            let counter = WindowCounter(store: g.store, clients: g.app.hubClients)
            let key = "gateway.budget.tenant:" + tenant.uuidString.lowercased()
            let month = WindowCounter.month(of: g.clock.now())
            #expect(try await counter.total(key, period: month) == 10_000, "ten holds of 1000 millionths")
        }
    }

    @Test("Budgets through the API: a spent tenant budget is 402 budget_exceeded; a key's hold settles to the real cost")
    func budgetsThroughTheAPI() async throws {
        try await GatewayFixture.run { g in
            try await g.configure("priced", model: "gpt-3.5-turbo")
            let keyID = try #require(try await g.logsKeyID(g))
            try await g.store.update(IdentityTables.apiKeys, id: .uuid(keyID), ["monthly_budget_usd": .double(1)])
            #expect(try await g.chat("priced", extra: #","max_tokens":100"#).status == .ok)
            let log = try #require(try await g.logs().last)
            let cost = try #require(log["cost_usd"]?.doubleValue)
            let counter = WindowCounter(store: g.store, clients: g.app.hubClients)
            let spent = try await counter.total("gateway.budget.key:" + keyID.uuidString.lowercased(), period: WindowCounter.month(of: g.clock.now()))
            #expect(spent == GatewayLimits.micro(cost), "the worst case was held, then settled to the real cost")

            try await g.store.insert(SystemTables.systemSettings, [
                "tenant_id": g.api.tenantA, "key": .string(GatewayLimits.tenantBudgetSetting), "value": .string("0"), "value_type": .string("number"),
            ])
            let over = try await g.chat("priced")
            #expect(over.status == .paymentRequired && over.json["error"]?["code"]?.stringValue == "budget_exceeded", "\(over.body.string)")

            try await g.configure("unpriced")  // gpt-4o-mini has no seed price
            let unknown = try await g.chat("unpriced")
            #expect(unknown.status == .paymentRequired && unknown.json["error"]?["code"]?.stringValue == "cost_unknown",
                    "an unpriced model cannot be held against a budget")
        }
    }
}

extension GatewayFixture {
    /// Tenant A's API key id (from a first logged call).
    func logsKeyID(_ g: GatewayFixture) async throws -> UUID? {
        try await g.configure("probe")
        _ = try await g.chat("probe")
        return try await g.logs().last?["api_key_id"]?.uuidValue
    }
}
