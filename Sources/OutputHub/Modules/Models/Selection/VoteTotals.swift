import Foundation

/// The tenant's feedback per task category and model as votes for and against (`model_vote_totals`), so a
/// recommendation reads one row per candidate however many votes there are. Every vote changes its total in
/// the vote's own transaction; each full rollup recomputes them all from the raw feedback, which also mends
/// what a cascade changed (a deleted generation takes its votes with it).
///
/// A vote counts less as it ages (`QualityEstimate.decay`: half every 60 days), the same for every vote, so
/// decayed sums can be stored: each vote is stored weighted by `growth(at:)` of its time, 2^(days since
/// `epoch` / half-life), and a sum read at time t is divided by `growth(at: t)`.
enum VoteTotals {
    static let table = GenerationTables.modelVoteTotals
    /// 2020-01-01T00:00:00Z; a stored weight doubles every half-life after it (2^61 by 2030).
    static let epoch = Date(timeIntervalSince1970: 1_577_836_800)
    static let halfLife = QualityEstimate.halfLifeDays * 86_400

    static func growth(at date: Date) -> Double { pow(2, date.timeIntervalSince(epoch) / halfLife) }

    /// One model's votes in a category, decayed to the time they were read.
    struct Sum: Sendable, Equatable {
        var votes = 0
        var favour = 0.0
        var against = 0.0
    }

    struct Key: Hashable, Sendable {
        let tenant: UUID
        let category: String
        let model: UUID
    }

    /// Adds feedback rows' votes to their totals (`sign` −1 takes them away), one statement per total
    /// (rows without a category or a model count in none).
    static func apply(_ votes: [DBRow], sign: Int, _ store: Store, at now: Date) async throws {
        var changes: [Key: (votes: Int, favour: Double, against: Double)] = [:]
        for row in votes {
            guard let tenant = row["tenant_id"]?.uuidValue, let category = row["category_key"]?.stringValue,
                  let model = row["model_id"]?.uuidValue, let cast = row["created_at"]?.dateValue else { continue }
            let vote = QualityEstimate.Vote(type: row["feedback_type"]?.stringValue ?? "", rating: row["quality_rating"]?.intValue)
            let weight = Double(sign) * growth(at: cast)
            let key = Key(tenant: tenant, category: category, model: model)
            let sum = changes[key] ?? (0, 0, 0)
            changes[key] = (sum.votes + sign, sum.favour + vote.favour * weight, sum.against + vote.against * weight)
        }
        for (key, change) in changes {
            var sql = SQLText(store.engine, "INSERT INTO \(quote(table.name)) (id, tenant_id, category_key, model_id, votes, favour, against, updated_at) VALUES (")
            sql.appendList([.uuid(UUID()), .uuid(key.tenant)], as: .uuid)
            sql.append(", ")
            sql.bind(.string(key.category), as: .varchar(100))
            sql.append(", ")
            sql.bind(.uuid(key.model), as: .uuid)
            sql.append(", ")
            sql.bind(.int(change.votes), as: .integer)
            sql.append(", ")
            sql.appendList([.double(change.favour), .double(change.against)], as: .double)
            sql.append(", ")
            sql.bind(.date(now), as: .timestamp)
            sql.append(") ON CONFLICT (tenant_id, category_key, model_id) DO UPDATE SET votes = \(quote(table.name)).votes + excluded.votes,"
                + " favour = \(quote(table.name)).favour + excluded.favour, against = \(quote(table.name)).against + excluded.against,"
                + " updated_at = excluded.updated_at")
            try await store.run(sql)
        }
    }

    /// The tenant's totals in a category for these models, decayed to `now`.
    static func read(tenant: UUID, category: String, models: [UUID], at now: Date, _ store: Store) async throws -> [UUID: Sum] {
        guard !models.isEmpty else { return [:] }
        var sql = SQLText(store.engine, "SELECT model_id, votes, favour, against FROM \(quote(table.name)) WHERE tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND category_key = ")
        sql.bind(.string(category), as: .varchar(100))
        sql.append(" AND model_id IN (")
        sql.appendList(models.map(DBValue.uuid), as: .uuid)
        sql.append(")")
        let scale = 1 / growth(at: now)
        var sums: [UUID: Sum] = [:]
        for row in try await store.rows(sql) {
            let read = RowReader(row: row, engine: store.engine)
            // Taking votes away can leave a rounding error just below zero.
            sums[try read.uuid("model_id")] = Sum(votes: max(try read.int("votes") ?? 0, 0), favour: max((try read.real("favour") ?? 0) * scale, 0),
                                                   against: max((try read.real("against") ?? 0) * scale, 0))
        }
        return sums
    }

    /// Replaces every total with the sums of the raw feedback; returns how many totals there are. Inside
    /// `tx`, which on PostgreSQL first locks the table against votes, so a vote is either in the feedback read
    /// here or adds itself after this commits.
    ///
    /// Votes are grouped by day in SQL; within a day, 2^(s / half-life) for a vote s seconds after midnight is
    /// its Taylor series to the cube (error below 10⁻⁹ of the weight), from the group's sums of s, s² and s³.
    static func recompute(in tx: Store, at now: Date) async throws -> Int {
        if tx.engine.kind == .postgres { try await tx.run(SQLText(tx.engine, "LOCK TABLE \(quote(table.name)) IN EXCLUSIVE MODE")) }
        let s = tx.engine.secondsIntoDaySQL("created_at")
        let query = SQLText(tx.engine, """
            SELECT tenant_id, category_key, model_id, feedback_type, quality_rating, day, COUNT(*) AS n,
              SUM(s) AS s1, SUM(s * s) AS s2, SUM(s * s * s) AS s3
            FROM (SELECT tenant_id, category_key, model_id, feedback_type, quality_rating, \(tx.engine.daySQL("created_at")) AS day, \(s) AS s
                  FROM ai_user_feedback WHERE category_key IS NOT NULL AND model_id IS NOT NULL) votes
            GROUP BY tenant_id, category_key, model_id, feedback_type, quality_rating, day
            """)
        let a = log(2) / halfLife
        var sums: [Key: Sum] = [:]
        for row in try await tx.rows(query) {
            let read = RowReader(row: row, engine: tx.engine)
            guard let day = try read.text("day").flatMap(ValueParser.dateOnly), let category = try read.text("category_key") else { continue }
            let n = try read.int("n") ?? 0
            let (s1, s2, s3) = (try read.real("s1") ?? 0, try read.real("s2") ?? 0, try read.real("s3") ?? 0)
            let weight = growth(at: day) * (Double(n) + a * s1 + a * a / 2 * s2 + a * a * a / 6 * s3)
            let vote = QualityEstimate.Vote(type: try read.text("feedback_type") ?? "", rating: try read.int("quality_rating"))
            let key = Key(tenant: try read.uuid("tenant_id"), category: category, model: try read.uuid("model_id"))
            var sum = sums[key] ?? Sum()
            sum.votes += n
            sum.favour += vote.favour * weight
            sum.against += vote.against * weight
            sums[key] = sum
        }
        try await tx.run(SQLText(tx.engine, "DELETE FROM \(quote(table.name))"))
        let rows: [DBRow] = sums.map { key, sum in
            ["id": .uuid(UUID()), "tenant_id": .uuid(key.tenant), "category_key": .string(key.category), "model_id": .uuid(key.model),
             "votes": .int(sum.votes), "favour": .double(sum.favour), "against": .double(sum.against), "updated_at": .date(now)]
        }
        for start in stride(from: 0, to: rows.count, by: 500) {
            try await tx.insertMany(table, Array(rows[start..<min(start + 500, rows.count)]))
        }
        return rows.count
    }
}
