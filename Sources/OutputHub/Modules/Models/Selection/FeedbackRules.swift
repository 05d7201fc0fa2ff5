import Foundation

/// Feedback on a generation: the voter is the caller; the model, task category and output come from the
/// generation (a models administrator may also record votes without one, or name them); a second vote by the same user on the same generation (or output) replaces
/// the first; and the voter's learned preference for that model and category (`ai_user_preferences`) is
/// recomputed from their votes in the same transaction, as are the vote totals recommendations read. Feedback is not edited (the table is append-only):
/// voting again replaces it.
enum FeedbackRules {
    static let feedback = GenerationTables.aiUserFeedback
    static let logs = GenerationTables.aiLogs
    static let preferences = ModelCatalogTables.aiUserPreferences

    static let behaviour = TableBehaviour(feedback)
        .validating { row in
            guard row["feedback_type"]?.stringValue == "rating", row["quality_rating"]?.isNull != false else { return [] }
            return [FieldError("quality_rating", "required", "a rating vote needs quality_rating from 1 to 5")]
        }
        .preparing { row, _, context in try await fill(&row, context) }
        .inserting { row, context in
            try await lockGeneration(of: row, context.store)
            let replaced = try await removeEarlierVotes(like: row, context.store)
            let stored = try await context.store.insert(feedback, row)
            let now = context.clients.clock.now()
            try await VoteTotals.apply(replaced, sign: -1, context.store, at: now)
            try await VoteTotals.apply([row], sign: 1, context.store, at: now)
            for key in Set((replaced + [row]).compactMap(PreferenceKey.init)) { try await refresh(key, tenant: context.actor.tenantID, context.store) }
            return stored
        }
        .deleting { id, context in
            guard let row = try await context.store.find(feedback, id: .uuid(id)) else { return false }
            guard row["user_id"]?.uuidValue == context.actor.userID || context.actor.may(Permissions.writeScope(Resources.of(logs))) else {
                throw Problem(.forbidden, "A vote is deleted by its voter or a models administrator")
            }
            try await context.store.delete(feedback, id: .uuid(id))
            try await VoteTotals.apply([row], sign: -1, context.store, at: context.clients.clock.now())
            if let key = PreferenceKey(row) { try await refresh(key, tenant: context.actor.tenantID, context.store) }
            return true
        }

    /// The voter (the caller; only a models administrator records a vote for someone else) and what the
    /// generation says about the model, the category and the output.
    private static func fill(_ row: inout DBRow, _ context: WriteContext) async throws {
        if let user = row["user_id"], !user.isNull {
            guard user.uuidValue == context.actor.userID || context.actor.may(Permissions.writeScope(Resources.of(logs))) else {
                throw Problem.unprocessable([FieldError("user_id", "not_you", "feedback is recorded as its voter; leave user_id out")])
            }
        } else {
            row["user_id"] = .uuid(context.actor.userID)
        }
        row["created_at"] = .date(context.clients.clock.now())  // votes decay by age: the injected clock dates them
        var log: DBRow?
        if let id = row["ai_log_id"], !id.isNull {
            log = try await context.store.select(logs, where: ["id": id, "tenant_id": .uuid(context.actor.tenantID)], limit: 1).first
        } else if let output = row["output_id"], !output.isNull {
            log = try await context.store.select(logs, where: ["output_id": output, "tenant_id": .uuid(context.actor.tenantID)], limit: 1).first
            if let id = log?["id"] { row["ai_log_id"] = id }
        }
        let administrator = context.actor.may(Permissions.writeScope(Resources.of(logs)))
        guard let log else {
            // Votes without a generation (imported judgments) are a models administrator's to record.
            guard administrator else {
                throw Problem.unprocessable([FieldError("ai_log_id", "required", "feedback is on a generation of this tenant: give its ai_log_id or output_id")])
            }
            return
        }
        for column in ["model_id", "category_key", "output_id"] where !administrator || row[column]?.isNull != false {
            row[column] = log[column] ?? .null  // the generation says which model and task it was
        }
    }

    /// Two votes on one generation at once (on PostgreSQL, possibly from two app servers) take turns: each
    /// locks the generation's row until its transaction ends, so the second sees and replaces the first.
    /// (SQLite has one writer at a time; the unique index `unique_feedback_vote_per_generation` holds on both.)
    private static func lockGeneration(of row: DBRow, _ store: Store) async throws {
        guard store.engine.kind == .postgres, let log = row["ai_log_id"]?.uuidValue else { return }
        var sql = SQLText(store.engine, "SELECT id FROM ai_logs WHERE id = ")
        sql.bind(.uuid(log), as: .uuid)
        sql.append(" FOR UPDATE")
        _ = try await store.rows(sql)
    }

    /// Deletes the voter's earlier votes on the same generation (or, without one, the same output) and
    /// returns them.
    private static func removeEarlierVotes(like row: DBRow, _ store: Store) async throws -> [DBRow] {
        guard let user = row["user_id"], !user.isNull, let tenant = row["tenant_id"] else { return [] }
        var match: DBRow = ["tenant_id": tenant, "user_id": user]
        if let log = row["ai_log_id"], !log.isNull {
            match["ai_log_id"] = log
        } else if let output = row["output_id"], !output.isNull {
            match["output_id"] = output
        } else {
            return []
        }
        let earlier = try await store.select(feedback, where: match)
        for vote in earlier { try await store.delete(feedback, id: vote["id"]!) }
        return earlier
    }

    /// Whose preference for which model in which category a vote counts in.
    struct PreferenceKey: Hashable, Sendable {
        let user: UUID
        let model: UUID
        let category: String?

        init?(_ row: DBRow) {
            guard let user = row["user_id"]?.uuidValue, let model = row["model_id"]?.uuidValue else { return nil }
            self.user = user
            self.model = model
            self.category = row["category_key"]?.stringValue
        }
    }

    /// Recomputes one preference row from all of its user's votes on the model in the category (deleted
    /// when none are left): counts, ratings, first and last vote, and the preference score — the share of
    /// votes for the model, from a uniform start (`(1 + for) / (2 + for + against)`).
    static func refresh(_ key: PreferenceKey, tenant: UUID, _ store: Store) async throws {
        var sql = SQLText(store.engine, "SELECT feedback_type, quality_rating, COUNT(*) AS n, MIN(created_at) AS first_at, MAX(created_at) AS last_at FROM ai_user_feedback WHERE tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND user_id = ")
        sql.bind(.uuid(key.user), as: .uuid)
        sql.append(" AND model_id = ")
        sql.bind(.uuid(key.model), as: .uuid)
        if let category = key.category {
            sql.append(" AND category_key = ")
            sql.bind(.string(category), as: .varchar(100))
        } else {
            sql.append(" AND category_key IS NULL")
        }
        sql.append(" GROUP BY feedback_type, quality_rating")
        var counts: [String: Int] = [:], ratings = 0, ratingSum = 0, favour = 0.0, against = 0.0
        var first: Date?, last: Date?
        for row in try await store.rows(sql) {
            let read = RowReader(row: row, engine: store.engine)
            let n = try read.int("n") ?? 0, type = try read.text("feedback_type") ?? "", rating = try read.int("quality_rating")
            counts[type, default: 0] += n
            if let rating {
                ratings += n
                ratingSum += rating * n
            }
            let vote = QualityEstimate.Vote(type: type, rating: rating)
            favour += vote.favour * Double(n)
            against += vote.against * Double(n)
            if let at = try read.value("first_at", .timestamp).dateValue { first = min(first ?? at, at) }
            if let at = try read.value("last_at", .timestamp).dateValue { last = max(last ?? at, at) }
        }
        let match: DBRow = ["tenant_id": .uuid(tenant), "user_id": .uuid(key.user), "model_id": .uuid(key.model),
                            "category_key": key.category.map(DBValue.string) ?? .null]
        let existing = try await store.select(preferences, where: match, limit: 1).first
        let total = counts.values.reduce(0, +)
        guard total > 0 else {
            if let id = existing?["id"] { try await store.delete(preferences, id: id) }
            return
        }
        func rounded(_ value: Double) -> DBValue { .double((value * 100).rounded() / 100) }
        let values: DBRow = [
            "preference_score": rounded((1 + favour) / (2 + favour + against)),
            "total_interactions": .int(total), "likes": .int(counts["like"] ?? 0), "dislikes": .int(counts["dislike"] ?? 0),
            "regenerates": .int(counts["regenerate"] ?? 0), "skips": .int(counts["skip"] ?? 0),
            "total_ratings": .int(ratings), "average_quality_rating": ratings > 0 ? rounded(Double(ratingSum) / Double(ratings)) : .null,
            "first_used_at": first.map(DBValue.date) ?? .null, "last_used_at": last.map(DBValue.date) ?? .null,
        ]
        if let id = existing?["id"] {
            try await store.update(preferences, id: id, values)
        } else {
            try await store.insert(preferences, match.merging(values) { $1 })
        }
    }
}
