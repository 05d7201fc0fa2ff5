import Foundation

/// Counts in fixed time windows kept in the database (`rate_counters`), so every app server on one
/// database sees the same count: sign-in attempts now, the gateway's calls per minute and per day next.
/// Each change is one atomic statement (`INSERT … ON CONFLICT DO UPDATE`), exact under concurrency. Keys
/// are at most 255 characters: callers hash what they do not control (`WindowCounter.key`).
public struct WindowCounter: Sendable {
    let store: Store
    let clients: HubClients

    public init(store: Store, clients: HubClients) {
        self.store = store
        self.clients = clients
    }

    /// The outcome of `take`.
    public struct Decision: Sendable, Equatable {
        public let allowed: Bool
        /// The window's count after the call.
        public let count: Int
        /// Seconds until the window ends (when a refused caller may try again).
        public let retryAfter: TimeInterval
    }

    /// `prefix` and a SHA-256 of `value`: a short key whatever the value (an email address, an address).
    public static func key(_ prefix: String, _ value: String) -> String { prefix + ":" + APIKeyService.hash(value) }

    /// The start of the window of `length` seconds that holds `date` (windows align to the Unix epoch).
    public static func windowStart(_ date: Date, length: TimeInterval) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / length).rounded(.down) * length)
    }

    /// Adds `amount` to `key`'s count in the current window; returns the new count.
    @discardableResult
    public func add(_ key: String, window length: TimeInterval, amount: Int = 1) async throws -> Int {
        try await upsert(key, window: length, amount: amount, limit: nil, at: clients.clock.now()) ?? amount
    }

    /// Counts one more for `key` in the current window if that stays within `limit`; a refused call
    /// changes nothing. Concurrent callers on any number of servers are allowed `limit` calls in all.
    public func take(_ key: String, limit: Int, window length: TimeInterval) async throws -> Decision {
        let now = clients.clock.now()
        let remaining = Self.windowStart(now, length: length).addingTimeInterval(length).timeIntervalSince(now)
        guard limit > 0 else { return Decision(allowed: false, count: 0, retryAfter: remaining) }
        if let count = try await upsert(key, window: length, amount: 1, limit: limit, at: now) {
            return Decision(allowed: true, count: count, retryAfter: remaining)
        }
        return Decision(allowed: false, count: limit, retryAfter: remaining)
    }

    // MARK: Amounts in a period (budgets)

    /// The calendar month (UTC) holding `date`.
    public static func month(of date: Date) -> DateInterval {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.dateInterval(of: .month, for: date) ?? DateInterval(start: date, duration: 31 * 86_400)
    }

    /// Adds `amount` to `key` in `period` if the total stays at most `limit`: the new total, or nil when
    /// refused (nothing changes then). Concurrent reservations on any number of servers never pass the limit.
    public func reserve(_ key: String, amount: Int, limit: Int, period: DateInterval) async throws -> Int? {
        try await upsert(key, start: period.start, expires: period.end.addingTimeInterval(86_400), amount: amount, limit: limit)
    }

    /// Adds `amount` to `key` in `period` whatever the total (negative: gives back part of a reservation).
    public func adjust(_ key: String, by amount: Int, period: DateInterval) async throws {
        guard amount != 0 else { return }
        _ = try await upsert(key, start: period.start, expires: period.end.addingTimeInterval(86_400), amount: amount, limit: nil)
    }

    /// `key`'s total in `period`.
    public func total(_ key: String, period: DateInterval) async throws -> Int {
        var sql = SQLText(store.engine, "SELECT count FROM rate_counters WHERE key = ")
        sql.bind(.string(key), as: .varchar(255))
        sql.append(" AND window_start = ")
        sql.bind(.date(period.start), as: .timestamp)
        return try await store.rows(sql).first.map { try $0.decode(column: "count", as: Int.self) } ?? 0
    }

    /// Takes one from each of several windows in one statement (a call's per-minute and per-day limits): when
    /// any is spent, the others are given back and the spent one's key and decision come back; nil when all allowed.
    public func takeAll(_ takes: [(key: String, limit: Int, window: TimeInterval)]) async throws -> (key: String, decision: Decision)? {
        let now = clients.clock.now()
        func remaining(_ window: TimeInterval) -> TimeInterval {
            Self.windowStart(now, length: window).addingTimeInterval(window).timeIntervalSince(now)
        }
        if let spent = takes.first(where: { $0.limit <= 0 }) {
            return (spent.key, Decision(allowed: false, count: 0, retryAfter: remaining(spent.window)))
        }
        guard !takes.isEmpty else { return nil }
        var sql = SQLText(store.engine, "INSERT INTO rate_counters (id, key, window_start, count, expires_at) VALUES ")
        for (i, take) in takes.enumerated() {
            let start = Self.windowStart(now, length: take.window)
            sql.append(i == 0 ? "(" : ", (")
            sql.bind(.uuid(clients.ids.next()), as: .uuid)
            sql.append(", ")
            sql.bind(.string(take.key), as: .varchar(255))
            sql.append(", ")
            sql.bind(.date(start), as: .timestamp)
            sql.append(", 1, ")
            sql.bind(.date(start.addingTimeInterval(2 * take.window)), as: .timestamp)
            sql.append(")")
        }
        sql.append(" ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counters.count + 1 WHERE rate_counters.count + 1 <= CASE")
        for take in takes {
            sql.append(" WHEN rate_counters.key = ")
            sql.bind(.string(take.key), as: .varchar(255))
            sql.append(" THEN ")
            sql.bind(.int(take.limit), as: .bigint)
        }
        sql.append(" END RETURNING key")
        let statement = sql
        let taken = Set(try await store.writeRows(statement).map { try $0.decode(column: "key", as: String.self) })
        // The spent window that ends last says when to try again.
        guard let spent = takes.filter({ !taken.contains($0.key) }).max(by: { remaining($0.window) < remaining($1.window) }) else { return nil }
        for take in takes where taken.contains(take.key) {
            // The window the take went into, even if the clock has moved into the next one since.
            var sql = SQLText(store.engine, "UPDATE rate_counters SET count = count - 1 WHERE key = ")
            sql.bind(.string(take.key), as: .varchar(255))
            sql.append(" AND window_start = ")
            sql.bind(.date(Self.windowStart(now, length: take.window)), as: .timestamp)
            sql.append(" AND count > 0")
            try await store.run(sql)
        }
        return (spent.key, Decision(allowed: false, count: spent.limit, retryAfter: remaining(spent.window)))
    }

    /// `key`'s count in the window `offset` windows back from the current one (0: the current window).
    public func count(_ key: String, window length: TimeInterval, windowsAgo offset: Int = 0) async throws -> Int {
        let start = Self.windowStart(clients.clock.now(), length: length).addingTimeInterval(-Double(offset) * length)
        var sql = SQLText(store.engine, "SELECT count FROM rate_counters WHERE key = ")
        sql.bind(.string(key), as: .varchar(255))
        sql.append(" AND window_start = ")
        sql.bind(.date(start), as: .timestamp)
        return try await store.rows(sql).first.map { try $0.decode(column: "count", as: Int.self) } ?? 0
    }

    /// Returns one taken unit to `key`'s current window (never below zero; nothing when the window has
    /// moved on since).
    public func giveBack(_ key: String, window length: TimeInterval) async throws {
        var sql = SQLText(store.engine, "UPDATE rate_counters SET count = count - 1 WHERE key = ")
        sql.bind(.string(key), as: .varchar(255))
        sql.append(" AND window_start = ")
        sql.bind(.date(Self.windowStart(clients.clock.now(), length: length)), as: .timestamp)
        sql.append(" AND count > 0")
        try await store.run(sql)
    }

    /// Forgets every window of `key`.
    public func reset(_ key: String) async throws {
        var sql = SQLText(store.engine, "DELETE FROM rate_counters WHERE key = ")
        sql.bind(.string(key), as: .varchar(255))
        try await store.run(sql)
    }

    // MARK: Deadlines

    /// Records that `key` is held until `until` (a lock), replacing an earlier deadline.
    public func hold(_ key: String, until: Date) async throws {
        var sql = SQLText(store.engine, "INSERT INTO rate_counters (id, key, window_start, count, expires_at) VALUES (")
        sql.bind(.uuid(clients.ids.next()), as: .uuid)
        sql.append(", ")
        sql.bind(.string(key), as: .varchar(255))
        sql.append(", ")
        sql.bind(.date(Date(timeIntervalSince1970: 0)), as: .timestamp)
        sql.append(", 1, ")
        sql.bind(.date(until), as: .timestamp)
        sql.append(") ON CONFLICT (key, window_start) DO UPDATE SET expires_at = excluded.expires_at")
        try await store.run(sql)
    }

    /// The latest deadline among `keys` that has not passed yet.
    public func heldUntil(_ keys: [String]) async throws -> Date? {
        guard !keys.isEmpty else { return nil }
        var sql = SQLText(store.engine, "SELECT expires_at FROM rate_counters WHERE window_start = ")
        sql.bind(.date(Date(timeIntervalSince1970: 0)), as: .timestamp)
        sql.append(" AND expires_at > ")
        sql.bind(.date(clients.clock.now()), as: .timestamp)
        sql.append(" AND key IN (")
        sql.appendList(keys.map(DBValue.string), as: .varchar(255))
        sql.append(")")
        let dates = try await store.rows(sql).compactMap { try store.decode($0, [.timestamp("expires_at")])["expires_at"]?.dateValue }
        return dates.max()
    }

    /// Deletes windows and deadlines that have ended (a daily housekeeping task).
    @discardableResult
    public func prune() async throws -> Int {
        var sql = SQLText(store.engine, "DELETE FROM rate_counters WHERE expires_at < ")
        sql.bind(.date(clients.clock.now()), as: .timestamp)
        sql.append(" RETURNING id")
        return try await store.writeRows(sql).count
    }

    /// One atomic insert-or-add in the fixed window of `length` holding `now`.
    private func upsert(_ key: String, window length: TimeInterval, amount: Int, limit: Int?, at now: Date) async throws -> Int? {
        let start = Self.windowStart(now, length: length)
        // Kept for two windows: a window's neighbour may still be read (see SignInThrottle).
        return try await upsert(key, start: start, expires: start.addingTimeInterval(2 * length), amount: amount, limit: limit)
    }

    /// One atomic insert-or-add; with a `limit`, the add happens only while the count stays at most the
    /// limit, and nil comes back when it did not.
    private func upsert(_ key: String, start: Date, expires: Date, amount: Int, limit: Int?) async throws -> Int? {
        if let limit, amount > limit { return nil }
        var sql = SQLText(store.engine, "INSERT INTO rate_counters (id, key, window_start, count, expires_at) VALUES (")
        sql.bind(.uuid(clients.ids.next()), as: .uuid)
        sql.append(", ")
        sql.bind(.string(key), as: .varchar(255))
        sql.append(", ")
        sql.bind(.date(start), as: .timestamp)
        sql.append(", ")
        sql.bind(.int(amount), as: .bigint)
        sql.append(", ")
        sql.bind(.date(expires), as: .timestamp)
        sql.append(") ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counters.count + ")
        sql.bind(.int(amount), as: .bigint)
        if let limit {
            sql.append(" WHERE rate_counters.count + ")
            sql.bind(.int(amount), as: .bigint)
            sql.append(" <= ")
            sql.bind(.int(limit), as: .bigint)
        }
        sql.append(" RETURNING count")
        let statement = sql
        guard let row = try await store.writeRows(statement).first else { return nil }
        return try row.decode(column: "count", as: Int.self)
    }
}
