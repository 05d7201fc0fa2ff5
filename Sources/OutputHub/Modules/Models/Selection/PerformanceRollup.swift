import Foundation

/// `ai_model_performance_aggregates` per tenant × model × task category for daily, weekly (ISO weeks, from
/// Monday), monthly and all-time periods, from the generation log (requests, tokens, cost, speed, success
/// and error rates) and feedback (counted in the period of the generation it is about, so a late vote
/// updates its period). Each run recomputes whole periods from the raw rows and replaces them in one
/// transaction, so running twice gives the same rows. With `since`, only the periods holding a generation or
/// a vote written since then are recomputed (and all time), found by one scan of each log (`recost` runs
/// one for the calls it recosted); what deletions change (a deleted vote, a generation's votes going with
/// it) is caught by the next full run, which is daily and also recomputes the vote totals recommendations
/// read (`VoteTotals`). The
/// `ai_model_task_mappings` statistics follow from the all-time rows of every tenant.
///
/// Scores: `like_ratio` = likes / (likes + dislikes); `satisfaction_score` = votes for / all votes, with
/// the recommender's vote weights (`QualityEstimate.Vote`); `recommendation_score` = 0.7 × the satisfaction
/// from a uniform start ((1 + for) / (2 + for + against)) + 0.3 × the success rate.
struct PerformanceRollup: Sendable {
    let store: Store
    let clients: HubClients

    static let aggregates = ModelCatalogTables.aiModelPerformanceAggregates
    static let mappings = ModelCatalogTables.aiModelTaskMappings
    /// The all-time rows' period start.
    static let beginning = "1970-01-01"

    struct Summary: Sendable, Equatable {
        var rows: [String: Int] = [:]
        var mappings = 0
        /// The vote totals a full run recomputed (nil for an incremental one).
        var voteTotals: Int?
    }

    /// One group's sums.
    struct Totals: Sendable {
        var requests = 0, tokens = 0, successes = 0, errors = 0
        var cost = 0.0, latencySum = 0.0, latencyCount = 0
        var feedback = 0, likes = 0, dislikes = 0, regenerates = 0, ratings = 0, ratingSum = 0
        var favour = 0.0, against = 0.0
        var lastDay = ""
    }

    struct Key: Hashable, Sendable {
        let tenant: String
        let model: String
        let category: String?
        let period: String
    }

    func run(since: Date?) async throws -> Summary {
        var summary = Summary()
        let periods: [(type: String, unit: CalendarPeriod?)] = [("daily", .day), ("weekly", .week), ("monthly", .month), ("all_time", nil)]
        let affected = try await affectedDays(since: since)
        var computed: [(String, [String]?, [Key: Totals])] = []
        for (type, unit) in periods {
            if let unit, since != nil {
                // Only the periods of the days touched; nothing touched: nothing to redo.
                let touched = Set(affected.map { Self.start(of: $0, unit) }).sorted()
                guard !touched.isEmpty else { continue }
                computed.append((type, touched, try await totals(unit: unit, from: touched)))
            } else {
                computed.append((type, nil, try await totals(unit: unit, from: nil)))
            }
        }
        let now = clients.clock.now()
        let replacing = computed
        let full = since == nil
        summary.voteTotals = try await store.transaction { tx in
            for (type, from, groups) in replacing {
                var delete = SQLText(tx.engine, "DELETE FROM \(quote(Self.aggregates.name)) WHERE period_type = ")
                delete.bind(.string(type), as: .varchar(20))
                if let from {
                    delete.append(" AND CAST(period_start AS TEXT) IN (")  // PostgreSQL's date as YYYY-MM-DD text
                    delete.appendList(from.map(DBValue.string), as: .text)
                    delete.append(")")
                }
                try await tx.run(delete)
                let rows = groups.map { key, totals in Self.row(key, totals, type: type, at: now) }
                for chunk in stride(from: 0, to: rows.count, by: 500) {
                    try await tx.insertMany(Self.aggregates, Array(rows[chunk..<min(chunk + 500, rows.count)]))
                }
            }
            return full ? try await VoteTotals.recompute(in: tx, at: now) : nil
        }
        for (type, _, groups) in computed { summary.rows[type] = groups.count }
        if let allTime = computed.first(where: { $0.0 == "all_time" })?.2 { summary.mappings = try await updateMappings(allTime) }
        return summary
    }

    /// When the rollup last wrote (nil before the first run).
    func lastRun() async throws -> Date? {
        guard let row = try await store.rows(SQLText(store.engine, "SELECT MAX(updated_at) AS at FROM \(quote(Self.aggregates.name))")).first else { return nil }
        return try RowReader(row: row, engine: store.engine).value("at", .timestamp).dateValue
    }

    /// The days (of the generation) that rows written since `since` fall in.
    private func affectedDays(since: Date?) async throws -> [String] {
        guard let since else { return [] }
        let day = store.engine.periodStartSQL("l.created_at", .day)
        var sql = SQLText(store.engine, "SELECT DISTINCT \(day) AS d FROM ai_logs l WHERE l.created_at >= ")
        sql.bind(.date(since), as: .timestamp)
        sql.append(" UNION SELECT DISTINCT \(store.engine.periodStartSQL("COALESCE(l.created_at, f.created_at)", .day)) AS d FROM ai_user_feedback f LEFT JOIN ai_logs l ON l.id = f.ai_log_id WHERE f.created_at >= ")
        sql.bind(.date(since), as: .timestamp)
        return try await store.rows(sql).compactMap { try RowReader(row: $0, engine: store.engine).text("d") }
    }

    /// The groups of the periods starting on the days `from` lists (every period without it).
    private func totals(unit: CalendarPeriod?, from: [String]?) async throws -> [Key: Totals] {
        var groups: [Key: Totals] = [:]
        let logPeriod = unit.map { store.engine.periodStartSQL("created_at", $0) } ?? "'\(Self.beginning)'"
        var logs = SQLText(store.engine, """
            SELECT tenant_id, model_id, category_key, \(logPeriod) AS period, MAX(\(store.engine.periodStartSQL("created_at", .day))) AS last_day,
              COUNT(*) AS requests, CAST(SUM(total_tokens) AS BIGINT) AS tokens, SUM(cost_usd) AS cost,
              SUM(CASE WHEN status = 'success' THEN 1 ELSE 0 END) AS successes,
              SUM(CASE WHEN status IN ('error', 'timeout') THEN 1 ELSE 0 END) AS errors,
              CAST(SUM(latency_ms) AS NUMERIC) AS latency_sum, COUNT(latency_ms) AS latency_count
            FROM ai_logs WHERE model_id IS NOT NULL AND status <> 'refused'
            """)
        if let from, let unit {
            logs.append(" AND \(store.engine.periodStartSQL("created_at", unit)) IN (")
            logs.appendList(from.map(DBValue.string), as: .text)
            logs.append(")")
        }
        logs.append(" GROUP BY tenant_id, model_id, category_key, period")
        for row in try await store.rows(logs) {
            let read = RowReader(row: row, engine: store.engine)
            let key = Key(tenant: try read.uuid("tenant_id").uuidString, model: try read.uuid("model_id").uuidString,
                          category: try read.text("category_key"), period: try read.text("period") ?? Self.beginning)
            var totals = groups[key] ?? Totals()
            totals.requests += try read.int("requests") ?? 0
            totals.tokens += try read.int("tokens") ?? 0
            totals.cost += try read.double("cost") ?? 0
            totals.successes += try read.int("successes") ?? 0
            totals.errors += try read.int("errors") ?? 0
            totals.latencySum += try read.double("latency_sum") ?? 0
            totals.latencyCount += try read.int("latency_count") ?? 0
            totals.lastDay = max(totals.lastDay, try read.text("last_day") ?? "")
            groups[key] = totals
        }
        let at = "COALESCE(l.created_at, f.created_at)"
        let votePeriod = unit.map { store.engine.periodStartSQL(at, $0) } ?? "'\(Self.beginning)'"
        var votes = SQLText(store.engine, """
            SELECT f.tenant_id AS tenant_id, f.model_id AS model_id, f.category_key AS category_key, \(votePeriod) AS period,
              MAX(\(store.engine.periodStartSQL(at, .day))) AS last_day, COUNT(*) AS feedback,
              SUM(CASE WHEN f.feedback_type = 'like' THEN 1 ELSE 0 END) AS likes,
              SUM(CASE WHEN f.feedback_type = 'dislike' THEN 1 ELSE 0 END) AS dislikes,
              SUM(CASE WHEN f.feedback_type = 'regenerate' THEN 1 ELSE 0 END) AS regenerates,
              COUNT(f.quality_rating) AS ratings, CAST(SUM(f.quality_rating) AS BIGINT) AS rating_sum,
              SUM(CASE WHEN f.quality_rating IS NOT NULL THEN (f.quality_rating - 1) / 4.0 WHEN f.feedback_type = 'like' THEN 1.0 ELSE 0.0 END) AS favour,
              SUM(CASE WHEN f.quality_rating IS NOT NULL THEN (5 - f.quality_rating) / 4.0 WHEN f.feedback_type = 'dislike' THEN 1.0
                       WHEN f.feedback_type = 'regenerate' THEN 0.5 WHEN f.feedback_type = 'skip' THEN 0.25 ELSE 0.0 END) AS against
            FROM ai_user_feedback f LEFT JOIN ai_logs l ON l.id = f.ai_log_id WHERE f.model_id IS NOT NULL
            """)
        if let from, let unit {
            votes.append(" AND \(store.engine.periodStartSQL(at, unit)) IN (")
            votes.appendList(from.map(DBValue.string), as: .text)
            votes.append(")")
        }
        votes.append(" GROUP BY f.tenant_id, f.model_id, f.category_key, period")
        for row in try await store.rows(votes) {
            let read = RowReader(row: row, engine: store.engine)
            let key = Key(tenant: try read.uuid("tenant_id").uuidString, model: try read.uuid("model_id").uuidString,
                          category: try read.text("category_key"), period: try read.text("period") ?? Self.beginning)
            var totals = groups[key] ?? Totals()
            totals.feedback += try read.int("feedback") ?? 0
            totals.likes += try read.int("likes") ?? 0
            totals.dislikes += try read.int("dislikes") ?? 0
            totals.regenerates += try read.int("regenerates") ?? 0
            totals.ratings += try read.int("ratings") ?? 0
            totals.ratingSum += try read.int("rating_sum") ?? 0
            totals.favour += try read.double("favour") ?? 0
            totals.against += try read.double("against") ?? 0
            totals.lastDay = max(totals.lastDay, try read.text("last_day") ?? "")
            groups[key] = totals
        }
        return groups
    }

    static func row(_ key: Key, _ t: Totals, type: String, at now: Date) -> DBRow {
        func rounded(_ value: Double, _ places: Double) -> DBValue { .double((value * places).rounded() / places) }
        let success = t.requests > 0 ? Double(t.successes) / Double(t.requests) : nil
        let votes = t.favour + t.against
        let start = key.period
        let end: String = switch type {
        case "daily": start
        case "weekly": day(start, plus: 6)
        case "monthly": lastDay(ofMonth: start)
        default: t.lastDay.isEmpty ? start : t.lastDay
        }
        return [
            "id": .uuid(UUID()), "tenant_id": .uuid(UUID(text: key.tenant)!), "model_id": .uuid(UUID(text: key.model)!),
            "category_key": key.category.map(DBValue.string) ?? .null, "period_type": .string(type),
            "period_start": .string(start), "period_end": .string(end),
            "total_requests": .int(t.requests), "total_tokens": .int(t.tokens), "total_cost_usd": rounded(t.cost, 1_000_000),
            "average_speed_ms": t.latencyCount > 0 ? .int(Int((t.latencySum / Double(t.latencyCount)).rounded())) : .null,
            "success_rate": success.map { rounded($0, 10_000) } ?? .null,
            "error_rate": t.requests > 0 ? rounded(Double(t.errors) / Double(t.requests), 10_000) : .null,
            "total_feedback": .int(t.feedback), "like_count": .int(t.likes), "dislike_count": .int(t.dislikes), "regenerate_count": .int(t.regenerates),
            "average_quality_rating": t.ratings > 0 ? rounded(Double(t.ratingSum) / Double(t.ratings), 100) : .null,
            "like_ratio": t.likes + t.dislikes > 0 ? rounded(Double(t.likes) / Double(t.likes + t.dislikes), 10_000) : .null,
            "satisfaction_score": votes > 0 ? rounded(t.favour / votes, 100) : .null,
            "recommendation_score": rounded(0.7 * (1 + t.favour) / (2 + votes) + 0.3 * (success ?? 0.5), 100),
            "created_at": .date(now), "updated_at": .date(now),
        ]
    }

    /// The mappings' statistics from the all-time groups of every tenant; returns how many changed.
    private func updateMappings(_ allTime: [Key: Totals]) async throws -> Int {
        var byMapping: [String: Totals] = [:]
        for (key, t) in allTime {
            guard let category = key.category else { continue }
            var sum = byMapping["\(key.model)|\(category)"] ?? Totals()
            sum.requests += t.requests; sum.successes += t.successes; sum.likes += t.likes; sum.dislikes += t.dislikes
            sum.regenerates += t.regenerates; sum.ratings += t.ratings; sum.ratingSum += t.ratingSum
            sum.latencySum += t.latencySum; sum.latencyCount += t.latencyCount
            byMapping["\(key.model)|\(category)"] = sum
        }
        let sums = byMapping
        return try await store.transaction { tx in
            var changed = 0
            for mapping in try await tx.select(Self.mappings, where: [:]) {
                guard let id = mapping["id"], let model = mapping["model_id"]?.uuidValue?.uuidString, let category = mapping["category_key"]?.stringValue else { continue }
                let t = sums["\(model)|\(category)"] ?? Totals()
                let values: DBRow = [
                    "total_uses": .int(t.requests), "total_likes": .int(t.likes), "total_dislikes": .int(t.dislikes),
                    "total_regenerates": .int(t.regenerates),
                    "average_quality": t.ratings > 0 ? .double((Double(t.ratingSum) / Double(t.ratings) * 100).rounded() / 100) : .null,
                    "average_speed_ms": t.latencyCount > 0 ? .int(Int((t.latencySum / Double(t.latencyCount)).rounded())) : mapping["average_speed_ms"] ?? .null,
                    "success_rate": t.requests > 0 ? .double((Double(t.successes) / Double(t.requests) * 100).rounded() / 100) : mapping["success_rate"] ?? .null,
                ]
                let differs = values.contains { key, value in !Versioning.same(value, mapping[key] ?? .null) }
                if differs {
                    try await tx.update(Self.mappings, id: id, values)
                    changed += 1
                }
            }
            return changed
        }
    }

    // MARK: Calendar (UTC)

    static func start(of day: String, _ unit: CalendarPeriod) -> String {
        guard let date = ValueParser.dateOnly(day) else { return day }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        switch unit {
        case .day: return day
        case .week:
            let weekday = calendar.component(.weekday, from: date)  // 1 = Sunday … 7 = Saturday
            return self.day(day, plus: -((weekday + 5) % 7))
        case .month: return String(day.prefix(7)) + "-01"
        }
    }

    static func day(_ day: String, plus days: Int) -> String {
        guard let date = ValueParser.dateOnly(day) else { return day }
        return Timestamps.formatDay(date.addingTimeInterval(Double(days) * 86_400))
    }

    static func lastDay(ofMonth start: String) -> String {
        guard let year = Int(start.prefix(4)), let month = Int(start.dropFirst(5).prefix(2)) else { return start }
        let next = month == 12 ? String(format: "%04d-01-01", year + 1) : String(format: "%04d-%02d-01", year, month + 1)
        return day(next, plus: -1)
    }
}
