import Foundation
@testable import OutputHub
import Testing
import Vapor

/// Feedback → learned preferences → recommendation, through the API, with hand-computed expectations.
///
/// The small case: a category `test_summary` with two mapped models, A (gemini-2.0-flash, suitability 0.8)
/// and B (claude-3-5-haiku, 0.6), both unpriced, both 1000 ms, no preferred capabilities. Under `balanced`
/// (quality 0.45, cost 0.25, latency 0.2, capabilities 0.1) cost and latency tie (0.5 and 1), so
/// score = 0.45 × quality + 0.425, and quality starts at the suitability with 10 pseudo-votes.
@Suite("Models: feedback, preferences and recommendations")
struct ModelSelectionTests {
    struct Case {
        let api: APIFixture
        let clock: TestClock
        let a: String
        let b: String
        let editorKey: String
        let editorID: String

        func recommend(_ query: String = "", key: String? = nil) async throws -> JSONValue {
            let response = try await api.get("/api/v1/ai_task_categories/test_summary/recommendation\(query)", key: key)
            #expect(response.status == .ok, "\(response.text)")
            return response.json
        }

        /// A successful generation of `model` in the category, as the gateway logs it.
        func generation(_ model: String) async throws -> String {
            let id = UUID()
            try await api.store.insert(GenerationTables.aiLogs, [
                "id": .uuid(id), "tenant_id": api.tenantA, "model_id": .uuid(UUID(uuidString: model)!), "model_name": .string("auto:test_summary"),
                "category_key": .string("test_summary"), "status": .string("success"), "selected_by": .string("auto"), "created_at": .date(clock.now()),
            ])
            return id.uuidString.lowercased()
        }

        func vote(_ model: String, _ type: String, rating: Int? = nil, log: String? = nil, key: String? = nil, times: Int = 1) async throws {
            for _ in 0..<times {
                var body = "{\"feedback_type\":\"\(type)\""
                if let log { body += ",\"ai_log_id\":\"\(log)\"" } else { body += ",\"model_id\":\"\(model)\",\"category_key\":\"test_summary\"" }
                if let rating { body += ",\"quality_rating\":\(rating)" }
                let response = try await api.request(.POST, "/api/v1/ai_user_feedback", key: key ?? api.keyA, json: body + "}")
                #expect(response.status == .created, "\(response.text)")
            }
        }
    }

    static func withCase(_ body: (Case) async throws -> Void) async throws {
        let clock = TestClock()
        try await withAPI(clients: HubClients(clock: clock)) { api in
            func model(_ id: String) async throws -> String {
                try #require(try await api.store.select(ModelCatalogTables.llmModels, where: ["model_id": .string(id)], limit: 1).first?["id"]?.stringValue)
            }
            let a = try await model("gemini-2.0-flash"), b = try await model("claude-3-5-haiku-20241022")
            let category = try await api.request(.POST, "/api/v1/ai_task_categories", key: api.adminKey,
                                                 json: #"{"category_key":"test_summary","category_name":"Summaries","default_priority":"balanced"}"#)
            #expect(category.status == .created, "\(category.text)")
            for (id, suitability) in [(a, 0.8), (b, 0.6)] {
                let mapping = try await api.request(.POST, "/api/v1/ai_model_task_mappings", key: api.adminKey,
                                                    json: #"{"model_id":"\#(id)","category_key":"test_summary","suitability_score":\#(suitability),"average_speed_ms":1000}"#)
                #expect(mapping.status == .created, "\(mapping.text)")
            }
            let users = UserService(store: api.store, bcryptCost: 4)
            guard case .created(let editor) = try await users.createUser(email: "eve@alpha.test", name: "Eve", tenantSlug: "alpha", role: "editor", password: "long password 4") else {
                throw TestFailure("editor")
            }
            let key = try await APIKeyService(store: api.store, clients: api.app.hubClients).create(tenantSlug: "alpha", email: "eve@alpha.test", name: "eve").key
            try await body(Case(api: api, clock: clock, a: a, b: b, editorKey: key, editorID: try #require(editor["id"]?.stringValue)))
        }
    }

    static func candidate(_ answer: JSONValue, _ id: String) -> JSONValue? {
        answer["candidates"]?.arrayValue?.first { $0["model_id"]?.stringValue == id }
    }

    static func order(_ answer: JSONValue) -> [String] { answer["candidates"]?.arrayValue?.compactMap { $0["model_id"]?.stringValue } ?? [] }

    static func close(_ value: JSONValue?, _ expected: Double) -> Bool { abs((value?.numberValue ?? .nan) - expected) < 0.0006 }

    @Test("Cold start ranks by suitability with stated weights, parts and confidence; dislikes reorder; old votes decay")
    func coldStartFeedbackAndDecay() async throws {
        try await Self.withCase { c in
            let cold = try await c.recommend()
            #expect(Self.order(cold) == [c.a, c.b])
            #expect(cold["weights"] == .object(["quality": .number(0.45), "cost": .number(0.25), "latency": .number(0.2), "capabilities": .number(0.1)]))
            let a = try #require(Self.candidate(cold, c.a))
            #expect(a["cost_per_request"] == .null && a["latency_ms"] == .number(1000) && a["fallback"] == .bool(false) && a["votes"] == .number(0))
            #expect(Self.close(a["parts"]?["quality"], 0.8) && Self.close(a["parts"]?["cost"], 0.5) && Self.close(a["parts"]?["latency"], 1))
            #expect(Self.close(a["score"], 0.785) && Self.close(Self.candidate(cold, c.b)?["score"], 0.695))
            // var A = 8·2/(10²·11), var B = 6·4/(10²·11); z = 0.09 / (0.45·√(var A + var B)) = 1.0488.
            #expect(Self.close(cold["confidence"], 0.8529), "\(cold["confidence"] ?? .null)")
            #expect(Self.order(try await c.recommend("?priority=quality")) == [c.a, c.b])

            // Four dislikes of A: quality 8 / (8 + 6) = 0.5714, score 0.6821 < B's 0.695.
            try await c.vote(c.a, "dislike", times: 4)
            let after = try await c.recommend()
            #expect(Self.order(after) == [c.b, c.a])
            #expect(Self.close(Self.candidate(after, c.a)?["parts"]?["quality"], 0.5714) && Self.candidate(after, c.a)?["votes"] == .number(4))

            // 120 days later the dislikes count a quarter: 8 / (8 + 2 + 1) = 0.7273.
            c.clock.advance(120 * 86_400)
            let later = try await c.recommend()
            #expect(Self.order(later) == [c.a, c.b])
            #expect(Self.close(Self.candidate(later, c.a)?["parts"]?["quality"], 0.7273), "\(later)")
        }
    }

    @Test("Each user's estimate starts from the others' votes and moves with their own")
    func perUserDivergence() async throws {
        try await Self.withCase { c in
            try await c.vote(c.b, "like", times: 6)                      // Ann
            for _ in 0..<6 {                                             // Eve, an editor: feedback needs only models:call
                try await c.vote(c.b, "dislike", log: try await c.generation(c.b), key: c.editorKey)
            }
            // Without models:admin a vote is on a generation, and the generation names the model.
            let loose = try await c.api.request(.POST, "/api/v1/ai_user_feedback", key: c.editorKey,
                                                json: #"{"feedback_type":"like","model_id":"\#(c.a)","category_key":"test_summary"}"#)
            #expect(loose.status == .unprocessableEntity && loose.errorFields == ["ai_log_id"], "\(loose.text)")
            let redirected = try await c.api.request(.POST, "/api/v1/ai_user_feedback", key: c.editorKey,
                                                     json: #"{"feedback_type":"dislike","model_id":"\#(c.a)","ai_log_id":"\#(try await c.generation(c.b))"}"#)
            #expect(redirected.json["model_id"] == .string(c.b), "the generation's model, not the one sent")
            _ = try await c.api.request(.DELETE, "/api/v1/ai_user_feedback/\(redirected.json["id"]?.stringValue ?? "")", key: c.editorKey)
            let annsVote = try #require(try await c.api.get("/api/v1/ai_user_feedback?feedback_type=eq.like&limit=1").rows.first?["id"]?.stringValue)
            #expect(try await c.api.request(.DELETE, "/api/v1/ai_user_feedback/\(annsVote)", key: c.editorKey).status == .forbidden,
                    "a vote is deleted by its voter")
            let everyone = try await c.recommend()
            #expect(Self.close(Self.candidate(everyone, c.b)?["parts"]?["quality"], 12.0 / 22))
            // Ann: the others' estimate is 6 / 16 = 0.375, worth 10 votes, plus her 6 likes: 9.75 / 16.
            let ann = try await c.recommend("?user=\(c.api.userA.stringValue ?? "")")
            #expect(Self.close(Self.candidate(ann, c.b)?["parts"]?["quality"], 9.75 / 16) && Self.candidate(ann, c.b)?["user_votes"] == .number(6))
            // Eve: the others' estimate is 12 / 16 = 0.75, then her 6 dislikes: 7.5 / 16.
            let eve = try await c.recommend("?user=\(c.editorID)")
            #expect(Self.close(Self.candidate(eve, c.b)?["parts"]?["quality"], 7.5 / 16))

            // Ratings count as (r−1)/4 for and (5−r)/4 against; a rating vote needs its stars.
            try await c.vote(c.a, "rating", rating: 5)
            #expect(Self.close(Self.candidate(try await c.recommend(), c.a)?["parts"]?["quality"], 9.0 / 11))
            let starless = try await c.api.request(.POST, "/api/v1/ai_user_feedback", key: c.api.keyA,
                                                   json: #"{"feedback_type":"rating","model_id":"\#(c.a)","category_key":"test_summary"}"#)
            #expect(starless.status == .unprocessableEntity && starless.errorFields == ["quality_rating"])
        }
    }

    @Test("A second vote on a generation replaces the first; preferences follow in the same transaction and are read-only")
    func replacedVotesAndPreferences() async throws {
        try await Self.withCase { c in
            let log = UUID().uuidString.lowercased()
            try await c.api.store.insert(GenerationTables.aiLogs, [
                "id": .uuid(UUID(uuidString: log)!), "tenant_id": c.api.tenantA, "model_id": .uuid(UUID(uuidString: c.a)!),
                "model_name": .string("gemini-2.0-flash"), "category_key": .string("test_summary"), "status": .string("success"),
                "selected_by": .string("auto"), "created_at": .date(c.clock.now()),
            ])
            try await c.vote(c.a, "like", log: log)
            try await c.vote(c.a, "dislike", log: log, times: 2)
            let votes = try await c.api.get("/api/v1/ai_user_feedback?ai_log_id=eq.\(log)").rows
            #expect(votes.count == 1 && votes.first?["feedback_type"] == .string("dislike"), "\(votes)")
            #expect(votes.first?["model_id"] == .string(c.a) && votes.first?["category_key"] == .string("test_summary"), "taken from the generation")
            let preferences = try await c.api.get("/api/v1/ai_user_preferences?model_id=eq.\(c.a)").rows
            #expect(preferences.count == 1)
            let preference = try #require(preferences.first)
            #expect(preference["likes"] == .number(0) && preference["dislikes"] == .number(1) && preference["total_interactions"] == .number(1))
            #expect(preference["preference_score"] == .number(0.33), "(1 + 0) / (2 + 0 + 1)")
            #expect(try await c.api.request(.POST, "/api/v1/ai_user_preferences", key: c.api.keyA, json: #"{"model_id":"\#(c.a)"}"#).status == .methodNotAllowed)
            let id = try #require(votes.first?["id"]?.stringValue)
            #expect(try await c.api.request(.PATCH, "/api/v1/ai_user_feedback/\(id)", key: c.api.keyA, json: #"{"feedback_type":"like"}"#).status == .methodNotAllowed)
            #expect(try await c.api.request(.DELETE, "/api/v1/ai_user_feedback/\(id)", key: c.api.keyA).status == .noContent)
            #expect(try await c.api.get("/api/v1/ai_user_preferences?model_id=eq.\(c.a)").rows.isEmpty, "no votes left: no preference")
            let other = try await c.api.request(.POST, "/api/v1/ai_user_feedback", key: c.api.keyA,
                                                json: #"{"feedback_type":"like","ai_log_id":"\#(log)","user_id":"\#(c.editorID)"}"#)
            #expect(other.status == .created, "an owner may record a vote for someone: \(other.text)")
            let asEditor = try await c.api.request(.POST, "/api/v1/ai_user_feedback", key: c.editorKey,
                                                   json: #"{"feedback_type":"like","ai_log_id":"\#(log)","user_id":"\#(c.api.userA.stringValue ?? "")"}"#)
            #expect(asEditor.status == .unprocessableEntity && asEditor.errorFields == ["user_id"])
        }
    }

    @Test("Votes on one generation sent at once leave one vote, and the preference counts it once")
    func concurrentVotes() async throws {
        try await Self.withCase { c in
            let log = try await c.generation(c.a)
            // The race is PostgreSQL's (SQLite has one writer); on SQLite the votes go two at a time.
            let concurrent = c.api.store.engine.kind == .postgres ? 8 : 2
            try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for i in 0..<concurrent {
                    group.addTask {
                        try await c.api.request(.POST, "/api/v1/ai_user_feedback", key: c.api.keyA,
                                                json: #"{"feedback_type":"\#(i.isMultiple(of: 2) ? "like" : "dislike")","ai_log_id":"\#(log)"}"#).status
                    }
                }
                for try await status in group { #expect(status == .created) }
            }
            #expect(try await c.api.get("/api/v1/ai_user_feedback?ai_log_id=eq.\(log)").rows.count == 1)
            let preference = try #require(try await c.api.get("/api/v1/ai_user_preferences?model_id=eq.\(c.a)").rows.first)
            #expect(preference["total_interactions"] == .number(1))
        }
    }

    @Test("Vote totals follow every vote, replacement and removal; a full rollup recomputes them from the feedback and mends what a deleted generation took")
    func voteTotals() async throws {
        try await Self.withCase { c in
            func totals() async throws -> [String: VoteTotals.Sum] {
                let rows = try await c.api.store.select(VoteTotals.tenantTotals, where: ["tenant_id": c.api.tenantA, "category_key": .string("test_summary")])
                return Dictionary(uniqueKeysWithValues: rows.map { row in
                    (row["model_id"]?.stringValue ?? "", VoteTotals.Sum(votes: row["votes"]?.intValue ?? -1, favour: row["favour"]?.doubleValue ?? .nan,
                                                                          against: row["against"]?.doubleValue ?? .nan))
                })
            }
            func same(_ x: [String: VoteTotals.Sum], _ y: [String: VoteTotals.Sum]) -> Bool {
                x.keys == y.keys && x.allSatisfy { id, sum in
                    guard let other = y[id] else { return false }
                    return sum.votes == other.votes && abs(sum.favour - other.favour) <= 1e-9 * max(sum.favour, 1)
                        && abs(sum.against - other.against) <= 1e-9 * max(sum.against, 1)
                }
            }
            let weight = VoteTotals.growth(at: c.clock.now())
            let first = try await c.generation(c.a)
            try await c.vote(c.a, "like", log: first)
            try await c.vote(c.a, "dislike", log: first, times: 2)
            try await c.vote(c.a, "rating", rating: 4, log: first, key: c.editorKey)
            try await c.vote(c.b, "like", times: 3)
            let counted = try await totals()
            let editorID = try #require(UUID(uuidString: c.editorID))
            let editors = try await c.api.store.select(VoteTotals.userTotals, where: ["user_id": .uuid(editorID)])
            #expect(editors.count == 1 && editors.first?["model_id"]?.stringValue == c.a && editors.first?["votes"]?.intValue == 1, "the voter's share: \(editors)")
            #expect(counted[c.a]?.votes == 2 && counted[c.b]?.votes == 3, "the replaced like counts no more: \(counted)")
            #expect(abs((counted[c.a]?.favour ?? 0) - 0.75 * weight) < 1e-6 * weight && abs((counted[c.a]?.against ?? 0) - 1.25 * weight) < 1e-6 * weight,
                    "a dislike and four stars, stored at their time's weight: \(counted)")
            let before = try await c.recommend()
            let rollup = PerformanceRollup(store: c.api.store, clients: c.api.app.hubClients)
            let full = try await rollup.run(since: nil)
            #expect(full.voteTotals == 2)
            let recounted = try await totals()
            #expect(same(recounted, counted), "recomputed from the feedback as they were kept: \(recounted) \(counted)")
            let recomputed = try await c.recommend()
            for model in [c.a, c.b] {
                #expect(Self.close(Self.candidate(recomputed, model)?["parts"]?["quality"], Self.candidate(before, model)?["parts"]?["quality"]?.numberValue ?? .nan))
            }
            #expect(Self.close(Self.candidate(before, c.b)?["parts"]?["quality"], 9.0 / 13), "B: 6 + 3 likes of 10 + 3 votes")

            // Votes days apart and a removed vote: kept totals and recomputed ones still agree.
            c.clock.advance(9 * 86_400 + 3_700)
            try await c.vote(c.b, "dislike")
            let own = try #require(try await c.api.get("/api/v1/ai_user_feedback?model_id=eq.\(c.b)&feedback_type=eq.like&limit=1").rows.first?["id"]?.stringValue)
            #expect(try await c.api.request(.DELETE, "/api/v1/ai_user_feedback/\(own)", key: c.api.keyA).status == .noContent)
            let kept = try await totals()
            #expect(kept[c.b]?.votes == 3)
            _ = try await rollup.run(since: nil)
            let rekept = try await totals()
            #expect(same(rekept, kept), "\(rekept) \(kept)")

            // Deleting the generation takes its two votes with it; the next full rollup mends the totals.
            try await c.api.store.delete(GenerationTables.aiLogs, id: .uuid(try #require(UUID(uuidString: first))))
            #expect(try await totals()[c.a]?.votes == 2, "a cascade passes the totals by")
            _ = try await rollup.run(since: nil)
            #expect(try await totals()[c.a] == nil, "no votes left on A")
            #expect(try await c.api.store.select(VoteTotals.userTotals, where: ["user_id": .uuid(editorID)]).isEmpty, "nor the editor's")
            let now = try await c.recommend()
            #expect(Self.close(Self.candidate(now, c.a)?["parts"]?["quality"], 0.8), "back to its suitability: \(now)")
        }
    }

    @Test("The hard filter names what it left out; with nothing left the category's fallback is recommended, marked")
    func filterAndFallback() async throws {
        try await Self.withCase { c in
            let category = try #require(try await c.api.store.select(ModelCatalogTables.aiTaskCategories, where: ["category_key": .string("test_summary")]).first?["id"]?.stringValue)
            let narrow = try await c.api.request(.PATCH, "/api/v1/ai_task_categories/\(category)", key: c.api.adminKey, json: #"{"min_context_tokens":500000}"#)
            #expect(narrow.status == .ok, "\(narrow.text)")
            let large = try await c.recommend()
            #expect(Self.order(large) == [c.a], "only gemini-2.0-flash has a 1M context")
            #expect(large["excluded"]?.arrayValue?.first?["reason"] == .string("context below 500000 tokens"))
            #expect(large["confidence"] == .number(1))
            _ = try await c.api.request(.PATCH, "/api/v1/ai_task_categories/\(category)", key: c.api.adminKey,
                                        json: #"{"min_context_tokens":null,"required_capabilities":["teleportation"]}"#)
            #expect(try await c.recommend()["candidates"] == .array([]), "no fallback: nothing to recommend")
            let gpt4o = try #require(try await c.api.store.select(ModelCatalogTables.llmModels, where: ["model_id": .string("gpt-4o")]).first?["id"]?.stringValue)
            _ = try await c.api.request(.PATCH, "/api/v1/ai_task_categories/\(category)", key: c.api.adminKey, json: #"{"fallback_model_id":"\#(gpt4o)"}"#)
            let fallback = try await c.recommend()
            #expect(Self.order(fallback) == [gpt4o] && fallback["candidates"]?.arrayValue?.first?["fallback"] == .bool(true), "\(fallback)")
            #expect(fallback["excluded"]?.arrayValue?.count == 2)

            let bad = try await c.api.get("/api/v1/ai_task_categories/test_summary/recommendation?priority=fastest")
            #expect(bad.status == .badRequest && bad.errorFields == ["priority"])
            #expect(try await c.api.get("/api/v1/ai_task_categories/nothing_here/recommendation").status == .notFound)
        }
    }

    @Test("Rollups per day, ISO week, month and all time from generations and votes: idempotent, a late vote updates its generation's period, suitability statistics follow")
    func rollups() async throws {
        try await Self.withCase { c in
            let a = try #require(UUID(uuidString: c.a))
            func log(_ at: String, status: String = "success", cost: Double = 0.25, latency: Int = 100) async throws -> DBValue {
                let id = DBValue.uuid(UUID())
                try await c.api.store.insert(GenerationTables.aiLogs, [
                    "id": id, "tenant_id": c.api.tenantA, "model_id": .uuid(a), "model_name": .string("gemini-2.0-flash"),
                    "category_key": .string("test_summary"), "status": .string(status), "selected_by": .string("auto"),
                    "total_tokens": .int(100), "input_tokens": .int(60), "output_tokens": .int(40), "cost_usd": .double(cost),
                    "latency_ms": .int(latency), "created_at": .date(try #require(Timestamps.parse(at))),
                ])
                return id
            }
            let monday = try await log("2026-09-14T10:00:00.000Z")
            _ = try await log("2026-09-20T23:00:00.000Z", status: "error", latency: 300)   // Sunday: the same ISO week
            _ = try await log("2026-09-21T08:00:00.000Z")                                  // Monday: the next week, same month
            _ = try await log("2026-10-01T08:00:00.000Z")                                  // the next month
            try await c.vote(c.a, "like", log: monday.stringValue)
            let rollup = PerformanceRollup(store: c.api.store, clients: c.api.app.hubClients)
            let first = try await rollup.run(since: nil)
            #expect(first.rows == ["daily": 4, "weekly": 3, "monthly": 2, "all_time": 1], "\(first)")
            func rows() async throws -> [String: DBRow] {
                let all = try await c.api.store.select(PerformanceRollup.aggregates, where: ["tenant_id": c.api.tenantA])
                return Dictionary(uniqueKeysWithValues: all.map { ("\($0["period_type"]?.stringValue ?? "") \($0["period_start"]?.stringValue ?? "")", $0) })
            }
            let before = try await rows()
            let week = try #require(before["weekly 2026-09-14"])
            #expect(week["period_end"]?.stringValue == "2026-09-20" && week["total_requests"]?.intValue == 2 && week["total_tokens"]?.intValue == 200)
            #expect(week["success_rate"] == .double(0.5) && week["error_rate"] == .double(0.5) && week["average_speed_ms"]?.intValue == 200)
            #expect(week["like_count"]?.intValue == 1 && week["like_ratio"] == .double(1) && week["satisfaction_score"] == .double(1))
            // 0.7 × (1 + 1) / (2 + 1) + 0.3 × 0.5
            #expect(week["recommendation_score"] == .double(0.62), "\(week)")
            let month = try #require(before["monthly 2026-09-01"])
            #expect(month["period_end"]?.stringValue == "2026-09-30" && month["total_requests"]?.intValue == 3 && month["total_cost_usd"] == .double(0.75))
            let allTime = try #require(before["all_time 1970-01-01"])
            #expect(allTime["total_requests"]?.intValue == 4 && allTime["period_end"]?.stringValue == "2026-10-01")
            let mapping = try #require(try await c.api.store.select(ModelCatalogTables.aiModelTaskMappings, where: ["model_id": .uuid(a), "category_key": .string("test_summary")]).first)
            #expect(mapping["total_uses"]?.intValue == 4 && mapping["total_likes"]?.intValue == 1 && mapping["success_rate"] == .double(0.75))

            // Running again changes nothing.
            _ = try await rollup.run(since: nil)
            func stable(_ rows: [String: DBRow]) -> [String: DBRow] { rows.mapValues { $0.filter { !["id", "created_at", "updated_at"].contains($0.key) } } }
            #expect(stable(try await rows()) == stable(before))

            // A late dislike of the Monday generation, by another user, lands in that generation's day, week and month.
            c.clock.advance(30 * 86_400)
            try await c.vote(c.a, "dislike", log: monday.stringValue, key: c.editorKey)
            let late = try await rollup.run(since: c.clock.now().addingTimeInterval(-60))
            #expect(late.rows["daily"] == 1 && late.rows["weekly"] == 1, "only the touched periods are recomputed: \(late)")
            let after = try await rows()
            #expect(after["daily 2026-09-14"]?["dislike_count"]?.intValue == 1 && after["weekly 2026-09-14"]?["like_ratio"] == .double(0.5))
            #expect(after["daily 2026-10-01"] != nil && after.count == before.count, "the untouched periods stay")

            // The category's page: the leaderboard for a priority, and the like ratio per day from the rollups.
            let category = try #require(try await c.api.store.select(ModelCatalogTables.aiTaskCategories, where: ["category_key": .string("test_summary")]).first?["id"]?.stringValue)
            let browser = try await ScreenTests.annBrowser(c.api)
            c.clock.set(try #require(Timestamps.parse("2026-09-30T12:00:00.000Z")))
            let page = try await browser.get("/admin/ai_task_categories/\(category)?priority=quality")
            #expect(page.status == .ok && page.text.contains("Leaderboard") && page.text.contains("<strong>quality</strong>"), "\(page.text)")
            #expect(page.text.contains("<td>1</td><td><a href=\"/admin/llm_models/\(c.a)\">gemini-2.0-flash</a></td>"))
            #expect(page.text.contains("Like ratio per day") && page.text.contains("50%"), "the Monday: one like, one dislike")
        }
    }

    @Test("A generation's page takes a like, a dislike or stars in one click (a second vote replaces the first) and explains an auto choice")
    func feedbackOnThePage() async throws {
        try await Self.withCase { c in
            let log = UUID()
            let selection = #"{"selection":{"category":"test_summary","priority":"balanced","complexity":"moderate","rank":1,"confidence":0.85,"explored":false,"probability":1,"weights":{"quality":0.45,"cost":0.25,"latency":0.2,"capabilities":0.1},"candidates":[{"model":"gemini-2.0-flash","score":0.785,"parts":{"quality":0.8,"cost":0.5,"latency":1,"capabilities":1},"votes":0,"fallback":false}]}}"#
            try await c.api.store.insert(GenerationTables.aiLogs, [
                "id": .uuid(log), "tenant_id": c.api.tenantA, "model_id": .uuid(try #require(UUID(uuidString: c.a))), "model_name": .string("auto:test_summary"),
                "category_key": .string("test_summary"), "status": .string("success"), "selected_by": .string("auto"),
                "metadata": .json(selection), "created_at": .date(c.clock.now()),
            ])
            let browser = try await ScreenTests.annBrowser(c.api)
            let path = "/admin/ai_logs/\(log.uuidString.lowercased())"
            let page = try await browser.get(path)
            #expect(page.status == .ok && page.text.contains("Why this model") && page.text.contains("confidence 0.85"), "\(page.text)")
            #expect(page.text.contains("<td>gemini-2.0-flash</td><td>0.79</td><td>0.80</td>"))
            #expect(try await browser.post(path + "/feedback", ["vote": "like"]).status == .seeOther)
            let stars = try await browser.post(path + "/feedback", ["stars": "4"])
            #expect(stars.status == .seeOther)
            let votes = try await c.api.get("/api/v1/ai_user_feedback?ai_log_id=eq.\(log.uuidString.lowercased())").rows
            #expect(votes.count == 1 && votes.first?["feedback_type"] == .string("rating") && votes.first?["quality_rating"] == .number(4))
            let after = try await browser.get(try #require(stars.location))
            #expect(after.text.contains("4.0 ★ from 1") && after.text.contains("value=\"4\" aria-pressed=\"true\""), "\(after.text)")
            #expect(try await browser.post(path + "/feedback", ["vote": "like"], csrf: false).status == .forbidden)

            // An output's page votes on the generation behind it.
            let (_, _, output) = try await c.api.insertRowA("outputs")
            try await c.api.store.update(GenerationTables.aiLogs, id: .uuid(log), ["output_id": .uuid(try #require(UUID(uuidString: output)))])
            #expect(try await browser.get("/admin/outputs/\(output)").text.contains("action=\"/admin/outputs/\(output)/feedback\""))
            #expect(try await browser.post("/admin/outputs/\(output)/feedback", ["vote": "dislike"]).status == .seeOther)
            let replaced = try await c.api.get("/api/v1/ai_user_feedback?ai_log_id=eq.\(log.uuidString.lowercased())").rows
            #expect(replaced.count == 1 && replaced.first?["feedback_type"] == .string("dislike") && replaced.first?["output_id"] == .string(output))
        }
    }
}
