import Foundation

/// The durable job queue in the database. Enqueue inside the transaction of the change that needs the work
/// (pass that transaction's store), so the work exists exactly when the change does. Claims are safe with
/// several workers and several app servers: `FOR UPDATE SKIP LOCKED` on PostgreSQL, and SQLite's single
/// writer (`BEGIN IMMEDIATE`); a claim is a lease that lapses, so a killed worker's job runs again.
public struct JobQueue: Sendable {
    let store: Store
    let clients: HubClients

    public init(store: Store, clients: HubClients) {
        self.store = store
        self.clients = clients
    }

    private var table: TableDeclaration { JobTables.jobs }
    private var now: Date { clients.clock.now() }

    /// Adds a job of `job`'s kind with its attempts; returns its id. `runAt` defers it.
    @discardableResult
    public func enqueue(_ job: JobDefinition, payload: JSONValue = .object([:]), tenant: UUID? = nil, runAt: Date? = nil) async throws -> UUID {
        let id = clients.ids.next()
        let moment = now
        try await store.insert(table, [
            "id": .uuid(id), "tenant_id": tenant.map(DBValue.uuid) ?? .null, "kind": .string(job.name),
            "payload": .json(JSONText.encode(payload)), "max_attempts": .int(job.maxAttempts),
            "run_at": .date(runAt ?? moment), "created_at": .date(moment), "updated_at": .date(moment),
        ])
        return id
    }

    // MARK: Claiming

    /// Claims the next due job of one of `kinds` for `worker`, leasing it for that kind's lease; nil when
    /// nothing is due. A job whose lease lapsed counts as due again. Each claim has its own token in
    /// `locked_by` (the worker's name and a random part), so a lapsed claim can never record an outcome
    /// over a newer one, even in the same worker.
    func claim(worker: String, leases: [String: TimeInterval]) async throws -> JobRecord? {
        guard !leases.isEmpty else { return nil }
        let moment = now
        let claim = "\(worker.prefix(60))/\(clients.ids.next().uuidString.prefix(8).lowercased())"
        var sql = SQLText(store.engine, "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = ")
        sql.bind(.string(claim), as: .varchar(100))
        sql.append(", locked_until = CASE kind")
        for (kind, lease) in leases.sorted(by: { $0.key < $1.key }) {
            sql.append(" WHEN ")
            sql.bind(.string(kind), as: .varchar(100))
            sql.append(" THEN ")
            sql.bind(.date(moment.addingTimeInterval(lease)), as: .timestamp)
        }
        sql.append(" END, updated_at = ")
        sql.bind(.date(moment), as: .timestamp)
        sql.append(" WHERE id = (SELECT id FROM jobs WHERE ")
        appendDue(&sql, at: moment)
        sql.append(" AND kind IN (")
        sql.appendList(leases.keys.sorted().map(DBValue.string), as: .varchar(100))
        sql.append(") ORDER BY run_at, id LIMIT 1")
        if store.engine.kind == .postgres { sql.append(" FOR UPDATE SKIP LOCKED") }
        sql.append(") RETURNING id, kind, tenant_id, payload, attempts, max_attempts")
        let claimSQL = sql
        let rows = try await store.transaction { tx in try await tx.rows(claimSQL) }
        guard let row = rows.first else { return nil }
        let values = try store.decode(row, [.uuid("id"), .varchar("kind", 100), .uuid("tenant_id"), .json("payload"), .integer("attempts"), .integer("max_attempts")])
        guard let id = values["id"]?.uuidValue, let kind = values["kind"]?.stringValue else { return nil }
        return JobRecord(id: id, kind: kind, claim: claim, tenantID: values["tenant_id"]?.uuidValue,
                         payload: JSONValue.parse(Array((values["payload"]?.stringValue ?? "{}").utf8)) ?? .null,
                         attempt: values["attempts"]?.intValue ?? 1, maxAttempts: values["max_attempts"]?.intValue ?? 1)
    }

    /// Due: queued and its time has come, or running under a lapsed lease with attempts left.
    private func appendDue(_ sql: inout SQLText, at moment: Date) {
        sql.append("((state = 'queued' AND run_at <= ")
        sql.bind(.date(moment), as: .timestamp)
        sql.append(") OR (state = 'running' AND locked_until < ")
        sql.bind(.date(moment), as: .timestamp)
        sql.append(" AND attempts < max_attempts))")
    }

    /// Jobs whose lease lapsed on their last attempt are dead: their worker died every time.
    func buryLapsed() async throws {
        let moment = now
        var sql = SQLText(store.engine, "UPDATE jobs SET state = 'dead', locked_by = NULL, locked_until = NULL, finished_at = ")
        sql.bind(.date(moment), as: .timestamp)
        sql.append(", last_error = 'the worker running its last attempt stopped before finishing (lease lapsed)' WHERE state = 'running' AND locked_until < ")
        sql.bind(.date(moment), as: .timestamp)
        sql.append(" AND attempts >= max_attempts")
        try await store.run(sql)
    }

    /// Extends a running job's claim; false when the claim is no longer the job's.
    @discardableResult
    func renew(_ job: JobRecord, lease: TimeInterval) async throws -> Bool {
        try await finish(job, set: "locked_until = ", .date(now.addingTimeInterval(lease)), also: "")
    }

    // MARK: Outcomes
    // Each outcome applies only while the claim is still the job's (false otherwise: the lease lapsed and
    // another claim took over, whose outcome counts instead).

    @discardableResult
    func succeeded(_ job: JobRecord) async throws -> Bool {
        try await finish(job, set: "finished_at = ", .date(now),
                         also: ", state = 'succeeded', locked_by = NULL, locked_until = NULL, last_error = NULL")
    }

    /// Records a failed attempt: queued again after a backoff, or dead when it was the last attempt.
    @discardableResult
    func failed(_ job: JobRecord, error: String) async throws -> Bool {
        let moment = now
        let message = DBValue.string(String(error.prefix(4000)))
        var sql = SQLText(store.engine, "UPDATE jobs SET locked_by = NULL, locked_until = NULL, last_error = ")
        sql.bind(message, as: .text)
        sql.append(", updated_at = ")
        sql.bind(.date(moment), as: .timestamp)
        if job.attempt >= job.maxAttempts {
            sql.append(", state = 'dead', finished_at = ")
            sql.bind(.date(moment), as: .timestamp)
        } else {
            sql.append(", state = 'queued', run_at = ")
            sql.bind(.date(moment.addingTimeInterval(Self.backoff(attempt: job.attempt, unit: clients.random.unit()))), as: .timestamp)
        }
        appendClaimed(&sql, job)
        return try await !store.writeRows(sql).isEmpty
    }

    /// Gives a claimed job back unfinished (the server is stopping): it is due again at once and the
    /// attempt does not count.
    @discardableResult
    func handBack(_ job: JobRecord) async throws -> Bool {
        try await finish(job, set: "run_at = ", .date(now),
                         also: ", state = 'queued', attempts = attempts - 1, locked_by = NULL, locked_until = NULL")
    }

    /// The wait before attempt `attempt + 1`: 10 s doubling per attempt, at most an hour, with jitter
    /// (between half and all of it, `unit` in 0..<1) so that jobs failing together do not retry together.
    static func backoff(attempt: Int, unit: Double) -> TimeInterval {
        let full = min(3600, 10 * pow(2, Double(max(attempt - 1, 0))))
        return full * (0.5 + unit / 2)
    }

    private func finish(_ job: JobRecord, set assignment: String, _ value: DBValue, also: String) async throws -> Bool {
        var sql = SQLText(store.engine, "UPDATE jobs SET \(assignment)")
        sql.bind(value, as: .timestamp)
        sql.append("\(also), updated_at = ")
        sql.bind(.date(now), as: .timestamp)
        appendClaimed(&sql, job)
        return try await !store.writeRows(sql).isEmpty
    }

    /// `WHERE` the job is running under this claim, `RETURNING` its id.
    private func appendClaimed(_ sql: inout SQLText, _ job: JobRecord) {
        sql.append(" WHERE id = ")
        sql.bind(.uuid(job.id), as: .uuid)
        sql.append(" AND state = 'running' AND locked_by = ")
        sql.bind(.string(job.claim), as: .varchar(100))
        sql.append(" RETURNING id")
    }

    // MARK: People

    /// Queues a dead job (or a queued one waiting out its backoff) again now, with a fresh set of attempts
    /// (the retry of the admin UI, the API and the CLI). Returns false when there is no such job, or it is
    /// running or has succeeded. One statement: callers may run it inside their own transaction.
    public func retry(_ id: UUID) async throws -> Bool {
        let moment = now
        var sql = SQLText(store.engine, "UPDATE jobs SET state = 'queued', attempts = 0, finished_at = NULL, run_at = ")
        sql.bind(.date(moment), as: .timestamp)
        sql.append(", updated_at = ")
        sql.bind(.date(moment), as: .timestamp)
        sql.append(" WHERE id = ")
        sql.bind(.uuid(id), as: .uuid)
        sql.append(" AND state IN ('dead', 'queued') RETURNING id")
        return try await !store.writeRows(sql).isEmpty
    }

    /// Jobs newest first, optionally in one state.
    public func list(state: String? = nil, limit: Int = 50) async throws -> [DBRow] {
        var sql = SQLText(store.engine, "SELECT \(table.columns.map { quote($0.name) }.joined(separator: ", ")) FROM jobs")
        if let state {
            sql.append(" WHERE state = ")
            sql.bind(.string(state), as: .varchar(20))
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT \(max(1, min(limit, 10_000)))")
        return try await store.rows(sql).map { try store.decode($0, table.columns) }
    }
}
