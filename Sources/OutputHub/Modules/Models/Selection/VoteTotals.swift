import Foundation

/// The tenant's feedback per task category and model as votes for and against (`model_vote_totals`), and
/// each voter's share of it (`user_vote_totals`), so a recommendation reads one or two rows per candidate
/// however many votes there are. Every vote changes its totals in the vote's own transaction; each full
/// rollup recomputes them all from the raw feedback, which also mends what a cascade changed (a deleted
/// generation takes its votes with it).
///
/// A vote counts less as it ages (half every `QualityEstimate.halfLifeDays`, 60 days), the same for every vote, so
/// decayed sums can be stored: each vote is stored weighted by `growth(at:)` of its time, 2^(days since
/// `epoch` / half-life), and a sum read at time t is divided by `growth(at: t)`.
enum VoteTotals {
    static let tenantTotals = GenerationTables.modelVoteTotals
    static let userTotals = GenerationTables.userVoteTotals
    /// 2020-01-01T00:00:00Z; a stored weight doubles every half-life after it (2^61 by 2030).
    static let epoch = Date(timeIntervalSince1970: 1_577_836_800)
    static let halfLife = QualityEstimate.halfLifeDays * 86_400

    static func growth(at date: Date) -> Double { pow(2, date.timeIntervalSince(epoch) / halfLife) }

    /// One model's votes in a category, decayed to the time they were read.
    struct Sum: Sendable, Equatable {
        var votes = 0
        var favour = 0.0
        var against = 0.0

        mutating func add(votes: Int, favour: Double, against: Double) {
            self.votes += votes
            self.favour += favour
            self.against += against
        }
    }

    /// A total's row: the tenant's (no user) or one voter's.
    struct Key: Hashable, Sendable {
        let tenant: UUID
        let user: UUID?
        let category: String
        let model: UUID

        var table: TableDeclaration { user == nil ? VoteTotals.tenantTotals : VoteTotals.userTotals }

        /// The totals a vote counts in: the tenant's, and its voter's when it has one.
        static func both(tenant: UUID, user: UUID?, category: String, model: UUID) -> [Key] {
            [Key(tenant: tenant, user: nil, category: category, model: model)] + (user.map { [Key(tenant: tenant, user: $0, category: category, model: model)] } ?? [])
        }
    }

    /// A model's totals in a category: everyone's, and the asking user's own.
    struct Read: Sendable {
        var all: [UUID: Sum] = [:]
        var own: [UUID: Sum] = [:]
    }

    /// Adds feedback rows' votes to their totals (`sign` −1 takes them away), one statement per total
    /// (rows without a category or a model count in none; rows without a user only in the tenant's).
    static func apply(_ votes: [DBRow], sign: Int, _ store: Store, at now: Date) async throws {
        var changes: [Key: Sum] = [:]
        for row in votes {
            guard let tenant = row["tenant_id"]?.uuidValue, let category = row["category_key"]?.stringValue,
                  let model = row["model_id"]?.uuidValue, let cast = row["created_at"]?.dateValue else { continue }
            let vote = QualityEstimate.Vote(type: row["feedback_type"]?.stringValue ?? "", rating: row["quality_rating"]?.intValue)
            let weight = Double(sign) * growth(at: cast)
            for key in Key.both(tenant: tenant, user: row["user_id"]?.uuidValue, category: category, model: model) {
                changes[key, default: Sum()].add(votes: sign, favour: vote.favour * weight, against: vote.against * weight)
            }
        }
        for (key, change) in changes { try await upsert(key, change, store, at: now) }
    }

    private static func upsert(_ key: Key, _ change: Sum, _ store: Store, at now: Date) async throws {
        let table = quote(key.table.name)
        let keyColumns = key.table.uniques[0].columns.joined(separator: ", ")  // the table's key, in its order
        var sql = SQLText(store.engine, "INSERT INTO \(table) (id, \(keyColumns), votes, favour, against, updated_at) VALUES (")
        sql.appendList([.uuid(UUID()), .uuid(key.tenant)] + (key.user.map { [DBValue.uuid($0)] } ?? []), as: .uuid)
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
        sql.append(") ON CONFLICT (\(keyColumns)) DO UPDATE SET votes = \(table).votes + excluded.votes,"
            + " favour = \(table).favour + excluded.favour, against = \(table).against + excluded.against, updated_at = excluded.updated_at")
        try await store.run(sql)
    }

    /// The tenant's totals in a category for these models, and with a user theirs, decayed to `now`.
    static func read(tenant: UUID, category: String, models: [UUID], user: UUID?, at now: Date, _ store: Store) async throws -> Read {
        guard !models.isEmpty else { return Read() }
        let scale = 1 / growth(at: now)
        func sums(_ table: TableDeclaration, user: UUID?) async throws -> [UUID: Sum] {
            var sql = SQLText(store.engine, "SELECT model_id, votes, favour, against FROM \(quote(table.name)) WHERE tenant_id = ")
            sql.bind(.uuid(tenant), as: .uuid)
            if let user {
                sql.append(" AND user_id = ")
                sql.bind(.uuid(user), as: .uuid)
            }
            sql.append(" AND category_key = ")
            sql.bind(.string(category), as: .varchar(100))
            sql.append(" AND model_id IN (")
            sql.appendList(models.map(DBValue.uuid), as: .uuid)
            sql.append(")")
            var sums: [UUID: Sum] = [:]
            for row in try await store.rows(sql) {
                let read = RowReader(row: row, engine: store.engine)
                // Taking votes away can leave a rounding error just below zero.
                sums[try read.uuid("model_id")] = Sum(votes: max(try read.int("votes") ?? 0, 0), favour: max((try read.real("favour") ?? 0) * scale, 0),
                                                       against: max((try read.real("against") ?? 0) * scale, 0))
            }
            return sums
        }
        var totals = Read(all: try await sums(tenantTotals, user: nil))
        if let user { totals.own = try await sums(userTotals, user: user) }
        return totals
    }

    /// Replaces every total with the sums of the raw feedback; returns how many tenant totals there are.
    /// Inside `tx`, which on PostgreSQL first locks both tables against votes, so a vote is either in the
    /// feedback read here or adds itself after this commits.
    ///
    /// Votes are grouped by day in SQL; within a day, 2^(s / half-life) for a vote s seconds after midnight is
    /// its Taylor series to the cube (error below 10⁻⁹ of the weight), from the group's sums of s, s² and s³.
    static func recompute(in tx: Store, at now: Date) async throws -> Int {
        if tx.engine.kind == .postgres {
            try await tx.run(SQLText(tx.engine, "LOCK TABLE \(quote(tenantTotals.name)), \(quote(userTotals.name)) IN EXCLUSIVE MODE"))
        }
        let s = tx.engine.secondsIntoDaySQL("created_at")
        let query = SQLText(tx.engine, """
            SELECT tenant_id, user_id, category_key, model_id, feedback_type, quality_rating, day, COUNT(*) AS n,
              SUM(s) AS s1, SUM(s * s) AS s2, SUM(s * s * s) AS s3
            FROM (SELECT tenant_id, user_id, category_key, model_id, feedback_type, quality_rating, \(tx.engine.daySQL("created_at")) AS day, \(s) AS s
                  FROM ai_user_feedback WHERE category_key IS NOT NULL AND model_id IS NOT NULL) votes
            GROUP BY tenant_id, user_id, category_key, model_id, feedback_type, quality_rating, day
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
            let (tenant, model) = (try read.uuid("tenant_id"), try read.uuid("model_id"))
            for key in Key.both(tenant: tenant, user: try read.optionalUUID("user_id"), category: category, model: model) {
                sums[key, default: Sum()].add(votes: n, favour: vote.favour * weight, against: vote.against * weight)
            }
        }
        var tenantRows: [DBRow] = [], userRows: [DBRow] = []
        for (key, sum) in sums {
            var row: DBRow = ["id": .uuid(UUID()), "tenant_id": .uuid(key.tenant), "category_key": .string(key.category), "model_id": .uuid(key.model),
                              "votes": .int(sum.votes), "favour": .double(sum.favour), "against": .double(sum.against), "updated_at": .date(now)]
            if let user = key.user {
                row["user_id"] = .uuid(user)
                userRows.append(row)
            } else {
                tenantRows.append(row)
            }
        }
        for (table, rows) in [(tenantTotals, tenantRows), (userTotals, userRows)] {
            try await tx.run(SQLText(tx.engine, "DELETE FROM \(quote(table.name))"))
            for start in stride(from: 0, to: rows.count, by: 500) {
                try await tx.insertMany(table, Array(rows[start..<min(start + 500, rows.count)]))
            }
        }
        return tenantRows.count
    }
}
