import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import CSQLiteSettings
import SQLiteNIO
// The very SQLite the driver runs (sqlite-nio's vendored copy): one copy in the process, so the file
// locks of the driver's connections and these agree.
import VaporCSQLite

/// Reads on SQLite outside transactions, through connections of its own that keep their prepared
/// statements. The driver prepares every statement afresh: serving a prompt by its code spent 17 % of
/// all CPU in `sqlite3_prepare_v3` for two short statements. Here a statement is prepared once per
/// connection and reset for its next use.
///
/// A statement SQLite does not call read-only, or one that fails, is left to the driver (`rows` answers
/// nil): writes keep their gate, and errors keep the driver's `SQLiteError`, which callers classify.
/// Each read runs in autocommit on the blocking pool, so it sees every transaction committed before it
/// began, whichever connection committed it. A connection is taken on a pool thread, so there are at most
/// as many as the pool has threads.
public final class SQLiteReader: Sendable {
    /// Prepared statements kept per connection; past this many (dynamic SQL) its statements start afresh.
    static let statementsPerConnection = 256

    private let path: String
    private let threadPool: NIOThreadPool
    private let eventLoops: any EventLoopGroup
    private let state = NIOLockedValueBox(State())

    private struct State {
        var idle: [ReadConnection] = []
        var closed = false
    }

    public init(path: String, threadPool: NIOThreadPool, eventLoops: any EventLoopGroup) {
        self.path = path
        self.threadPool = threadPool
        self.eventLoops = eventLoops
    }

    /// The rows of a read-only statement, or nil when the driver should run it (see the type's comment).
    ///
    /// With `setUp`, that statement runs first, once per connection: one creating a temp table the read
    /// needs (a full-text vocabulary), for which the connection's `query_only` is lifted. Temp tables are
    /// the connection's own, so this writes nothing to the database; a setUp that fails leaves the read
    /// to the driver. Setting `query_only` expires the connection's kept statements, so they are prepared
    /// again once, the first time a setUp runs there.
    func rows(_ sql: String, _ binds: [SQLiteData], setUp: String? = nil) async throws -> [DirectSQLiteRow]? {
        // Through a future, as the driver's statements: a cancelled task (a job handing itself back as the
        // server stops) still gets its rows.
        try await threadPool.runIfActive(eventLoop: eventLoops.any()) { [self] in
            guard let connection = take() else { return nil }
            defer { give(connection) }
            if let setUp, !connection.setUp(setUp) { return nil }
            return try? connection.read(sql, binds)
        }.get()
    }

    /// Finalizes every statement and closes every idle connection; later reads go to the driver. Called
    /// at shutdown, after the requests have ended (a connection still in use closes when it comes back).
    public func close() {
        let idle = state.withLockedValue { state -> [ReadConnection] in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        for connection in idle { connection.close() }
    }

    /// An idle connection, or a new one; nil once closed or when SQLite cannot open one.
    private func take() -> ReadConnection? {
        let (closed, idle) = state.withLockedValue { state in (state.closed, state.closed ? nil : state.idle.popLast()) }
        if closed { return nil }
        if let idle { return idle }
        return try? ReadConnection(path: path)
    }

    private func give(_ connection: ReadConnection) {
        let closed = state.withLockedValue { state -> Bool in
            if !state.closed && !connection.broken { state.idle.append(connection) }
            return state.closed || connection.broken
        }
        if closed { connection.close() }
    }
}

/// A read SQLite refused here, left to the driver; never seen by callers.
private struct LeftToDriver: Error {}

/// One `sqlite3` handle and its prepared statements, used by one thread at a time (the reader hands it
/// out under its lock).
private final class ReadConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private var statements: [String: Statement] = [:]
    /// The `setUp` statements run here.
    private var done = Set<String>()
    /// Whether `query_only` could not be set again: the connection is closed rather than reused.
    private(set) var broken = false

    init(path: String) throws {
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        guard sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil) == SQLITE_OK else {
            sqlite_nio_sqlite3_close(handle)
            throw LeftToDriver()
        }
        sqlite_nio_sqlite3_busy_timeout(handle, 5_000)
        // Without it, binding new values re-prepares a statement whose plan could depend on them (SQLite
        // marks the auth and configuration lookups so), which is what keeping statements saves.
        guard outputhub_sqlite_enable_stable_plans(UnsafeMutableRawPointer(handle)) == SQLITE_OK else {
            close()
            throw LeftToDriver()
        }
        // As the driver's connections (see buildApplication); query_only makes a write here impossible.
        for pragma in ["PRAGMA query_only = 1", "PRAGMA mmap_size = 1073741824"] {
            guard sqlite_nio_sqlite3_exec(handle, pragma, nil, nil, nil) == SQLITE_OK else {
                close()
                throw LeftToDriver()
            }
        }
    }

    /// Runs `statement` once on this connection with writes allowed for it alone; false when it failed.
    func setUp(_ statement: String) -> Bool {
        if done.contains(statement) { return true }
        guard sqlite_nio_sqlite3_exec(handle, "PRAGMA query_only = 0", nil, nil, nil) == SQLITE_OK else {
            broken = true  // the flag may have changed before the pragma failed
            return false
        }
        let ran = sqlite_nio_sqlite3_exec(handle, statement, nil, nil, nil) == SQLITE_OK
        if sqlite_nio_sqlite3_exec(handle, "PRAGMA query_only = 1", nil, nil, nil) != SQLITE_OK {
            broken = true
            return false
        }
        if ran { done.insert(statement) }
        return ran
    }

    /// The rows of `sql`; nil when it would write. Throws `LeftToDriver` when SQLite refuses it (the
    /// statement is reset either way, so the connection stays usable).
    func read(_ sql: String, _ binds: [SQLiteData]) throws -> [DirectSQLiteRow]? {
        guard let statement = try statement(sql) else { return nil }
        let stmt = statement.pointer
        defer {
            sqlite_nio_sqlite3_reset(stmt)
            sqlite_nio_sqlite3_clear_bindings(stmt)
        }
        guard sqlite_nio_sqlite3_bind_parameter_count(stmt) == Int32(binds.count) else { throw LeftToDriver() }
        for (i, value) in binds.enumerated() {
            guard Self.bind(value, to: stmt, at: Int32(i + 1)) == SQLITE_OK else { throw LeftToDriver() }
        }
        var rows: [DirectSQLiteRow] = []
        while true {
            switch sqlite_nio_sqlite3_step(stmt) {
            case SQLITE_ROW:
                let names = statement.names()
                var values: [SQLiteData] = []
                values.reserveCapacity(names.names.count)
                for column in 0..<Int32(names.names.count) { values.append(Self.value(stmt, column)) }
                rows.append(DirectSQLiteRow(names: names, values: values))
            case SQLITE_DONE:
                return rows
            default:
                throw LeftToDriver()
            }
        }
    }

    private func statement(_ sql: String) throws -> Statement? {
        if let statement = statements[sql] { return statement.readOnly ? statement : nil }
        if statements.count >= SQLiteReader.statementsPerConnection { finalizeAll() }
        var stmt: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &stmt, nil) == SQLITE_OK, let stmt else {
            sqlite_nio_sqlite3_finalize(stmt)
            throw LeftToDriver()
        }
        let statement = Statement(stmt, readOnly: sqlite_nio_sqlite3_stmt_readonly(stmt) != 0)
        statements[sql] = statement
        return statement.readOnly ? statement : nil
    }

    func close() {
        finalizeAll()
        sqlite_nio_sqlite3_close(handle)
        handle = nil
    }

    private func finalizeAll() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement.pointer) }
        statements = [:]
    }

    private static func bind(_ value: SQLiteData, to stmt: OpaquePointer, at index: Int32) -> Int32 {
        switch value {
        case .integer(let n): return sqlite_nio_sqlite3_bind_int64(stmt, index, Int64(n))
        case .float(let x): return sqlite_nio_sqlite3_bind_double(stmt, index, x)
        case .text(let text): return sqlite_nio_sqlite3_bind_text(stmt, index, text, -1, transient)
        case .blob(let buffer):
            return buffer.withUnsafeReadableBytes { bytes in
                sqlite_nio_sqlite3_bind_blob(stmt, index, bytes.baseAddress, Int32(bytes.count), transient)
            }
        case .null: return sqlite_nio_sqlite3_bind_null(stmt, index)
        }
    }

    /// A column's value as the driver reads it.
    private static func value(_ stmt: OpaquePointer, _ column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(stmt, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(stmt, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(stmt, column))
        case SQLITE_TEXT:
            let count = Int(sqlite_nio_sqlite3_column_bytes(stmt, column))
            guard let text = sqlite_nio_sqlite3_column_text(stmt, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(stmt, column))
            guard let bytes = sqlite_nio_sqlite3_column_blob(stmt, column) else { return .blob(ByteBuffer()) }
            return .blob(ByteBuffer(bytes: UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    /// SQLite copies bound text and blobs before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A prepared statement and the names of its columns, read again when SQLite re-prepares it (a schema
/// change may add columns to `SELECT *`).
private final class Statement {
    let pointer: OpaquePointer
    let readOnly: Bool
    private var cached: SQLiteColumnNames?
    private var preparedTimes: Int32 = -1

    init(_ pointer: OpaquePointer, readOnly: Bool) {
        self.pointer = pointer
        self.readOnly = readOnly
    }

    func names() -> SQLiteColumnNames {
        let times = sqlite_nio_sqlite3_stmt_status(pointer, SQLITE_STMTSTATUS_REPREPARE, 0)
        if let cached, times == preparedTimes { return cached }
        let count = sqlite_nio_sqlite3_column_count(pointer)
        let names = SQLiteColumnNames((0..<count).map { String(cString: sqlite_nio_sqlite3_column_name(pointer, $0)) })
        (cached, preparedTimes) = (names, times)
        return names
    }
}
