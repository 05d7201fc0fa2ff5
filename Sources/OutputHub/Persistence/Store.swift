import Foundation
import SQLKit

/// The database as Output Hub uses it: an SQLKit connection (or pinned session) plus the engine that knows
/// how to speak to it. Every read and write of declared tables goes through here.
public struct Store: Sendable {
    public let sql: any SQLDatabase
    public let engine: any DatabaseEngine
    /// Seals secret columns on the way in (see `SecretBox`); nil where no secret is written (migrations).
    public let secrets: SecretBox?
    /// Whether this store is an open transaction's session (a nested `transaction` joins it).
    public let inTransaction: Bool

    public init(sql: any SQLDatabase, engine: any DatabaseEngine, secrets: SecretBox? = nil) {
        self.init(sql: sql, engine: engine, secrets: secrets, inTransaction: false)
    }

    private init(sql: any SQLDatabase, engine: any DatabaseEngine, secrets: SecretBox?, inTransaction: Bool) {
        self.sql = sql
        self.engine = engine
        self.secrets = secrets
        self.inTransaction = inTransaction
    }

    /// Runs `body` in one write transaction on one connection: all of it is committed, or none of it.
    /// Called on a store that is already a transaction, `body` joins that transaction (so services that
    /// each write in a transaction compose into one larger change that commits or rolls back as a whole).
    @discardableResult
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        if inTransaction { return try await body(self) }
        let (engine, secrets) = (self.engine, self.secrets)
        if let gate = engine.writeGate { return try await gate.run { try await open(engine, secrets, body) } }
        return try await open(engine, secrets, body)
    }

    private func open<T: Sendable>(_ engine: any DatabaseEngine, _ secrets: SecretBox?, _ body: @escaping @Sendable (Store) async throws -> T) async throws -> T {
        try await sql.withSession { session in
            try await session.raw("\(unsafeRaw: engine.beginWriteSQL)").run()
            do {
                let result = try await body(Store(sql: session, engine: engine, secrets: secrets, inTransaction: true))
                try await session.raw("COMMIT").run()
                return result
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Refreshes the query planner's statistics (see `DatabaseEngine.maintenanceStatements`).
    public func maintain() async throws {
        let statements = engine.maintenanceStatements
        guard !statements.isEmpty else { return }
        try await sql.withSession { session in
            for statement in statements { try await session.raw("\(unsafeRaw: statement)").run() }
        }
    }

    /// Runs one statement built from declarations (never from input).
    public func execute(_ statement: String) async throws {
        try await sql.raw("\(unsafeRaw: statement)").run()
    }

    // MARK: Rows of declared tables

    /// Inserts one row and returns it as stored (defaults and trigger-derived values filled in).
    @discardableResult
    public func insert(_ table: TableDeclaration, _ values: DBRow) async throws -> DBRow {
        var values = values
        if values["id"] == nil || values["id"] == .null { values["id"] = .uuid(UUID()) }
        let names = table.columns.map(\.name).filter { values[$0] != nil }
        var sql = SQLText(engine, "INSERT INTO \(quote(table.name)) (\(names.map(quote).joined(separator: ", "))) VALUES (")
        for (i, name) in names.enumerated() {
            if i > 0 { sql.append(", ") }
            sql.bind(values[name]!, as: table.column(name)!.type)
        }
        sql.append(")")
        try await run(sql)
        // Read back rather than RETURNING: SQLite's RETURNING does not show what AFTER triggers set.
        guard let id = values["id"], let row = try await find(table, id: id) else { throw StoreError.rowVanished(table.name) }
        return row
    }

    /// Inserts many rows with multi-row INSERTs (no read-back), for bulk loads inside a transaction.
    /// Every row must carry the same columns.
    public func insertMany(_ table: TableDeclaration, _ rows: [DBRow]) async throws {
        guard let first = rows.first else { return }
        let names = table.columns.map(\.name).filter { first[$0] != nil }
        let types = names.map { table.column($0)!.type }
        // Stay well under both engines' limit on bound parameters per statement.
        let perStatement = max(1, 30_000 / max(names.count, 1))
        var start = 0
        while start < rows.count {
            let batch = rows[start..<min(start + perStatement, rows.count)]
            var sql = SQLText(engine, "INSERT INTO \(quote(table.name)) (\(names.map(quote).joined(separator: ", "))) VALUES ")
            for (i, row) in batch.enumerated() {
                sql.append(i == 0 ? "(" : ", (")
                for (j, name) in names.enumerated() {
                    if j > 0 { sql.append(", ") }
                    sql.bind(row[name] ?? .null, as: types[j])
                }
                sql.append(")")
            }
            try await run(sql)
            start += perStatement
        }
    }

    /// Updates the columns in `values` of the row with `id`; returns the row as stored, or nil when absent.
    @discardableResult
    public func update(_ table: TableDeclaration, id: DBValue, _ values: DBRow) async throws -> DBRow? {
        let names = table.columns.map(\.name).filter { values[$0] != nil && $0 != "id" }
        if !names.isEmpty {
            var sql = SQLText(engine, "UPDATE \(quote(table.name)) SET ")
            for (i, name) in names.enumerated() {
                sql.append((i == 0 ? "" : ", ") + "\(quote(name)) = ")
                sql.bind(values[name]!, as: table.column(name)!.type)
            }
            sql.append(" WHERE id = ")
            sql.bind(id, as: .uuid)
            try await run(sql)
        }
        return try await find(table, id: id)
    }

    /// Deletes the row with `id`.
    public func delete(_ table: TableDeclaration, id: DBValue) async throws {
        var sql = SQLText(engine, "DELETE FROM \(quote(table.name)) WHERE id = ")
        sql.bind(id, as: .uuid)
        try await run(sql)
    }

    public func find(_ table: TableDeclaration, id: DBValue) async throws -> DBRow? {
        try await select(table, where: ["id": id], limit: 1).first
    }

    /// Rows whose columns equal the given values (NULL matches NULL), in primary-key order.
    public func select(_ table: TableDeclaration, where filter: DBRow = [:], limit: Int? = nil) async throws -> [DBRow] {
        var sql = SQLText(engine, "SELECT * FROM \(quote(table.name))")
        for (i, (name, value)) in filter.sorted(by: { $0.key < $1.key }).enumerated() {
            sql.append(i == 0 ? " WHERE " : " AND ")
            if value.isNull {
                sql.append("\(quote(name)) IS NULL")
            } else {
                sql.append("\(quote(name)) = ")
                sql.bind(value, as: table.column(name)?.type ?? .text)
            }
        }
        sql.append(" ORDER BY id")
        if let limit { sql.append(" LIMIT \(limit)") }
        return try await rows(sql).map { try decode($0, table.columns) }
    }

    /// Number of rows in a table or view.
    public func count(_ relation: String) async throws -> Int {
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: quote(relation))").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The values of each row in the order of `columns` (NULL where a row lacks one). With `forOutput`,
    /// SQLite's UUID and timestamp text is kept as text: it is already in the form the API writes.
    public func decodeRows(_ rows: [any SQLRow], _ columns: [ColumnDeclaration], forOutput: Bool = false) throws -> [[DBValue]] {
        let direct = rows.compactMap { $0 as? DirectSQLiteRow }
        guard let sqlite = engine as? SQLiteEngine, direct.count == rows.count, let first = direct.first else {
            return try rows.map { row in
                try columns.map { column in
                    row.contains(column: column.name) ? try engine.decode(row, column: column.name, as: column.type) : .null
                }
            }
        }
        // Read once per page what every row shares: the types, and whether the driver's columns start with
        // the ones asked for (then values are read by position instead of by name).
        let types = columns.map(\.type)
        let keepText = types.map { forOutput && ($0 == .uuid || $0 == .timestamp) }
        let positional = SQLiteEngine.startsWith(first, columns)
        return try direct.map { row in
            var values: [DBValue] = []
            values.reserveCapacity(types.count)
            let data = positional ? Array(row.values.prefix(columns.count)) : columns.map { row.column($0.name) ?? .null }
            for (i, type) in types.enumerated() {
                if keepText[i], case .text(let text) = data[i] {
                    values.append(.string(text))
                } else {
                    values.append(try sqlite.decode(data[i], as: type))
                }
            }
            return values
        }
    }

    /// A row as column name → value, for the columns the row has.
    public func decode(_ row: any SQLRow, _ columns: [ColumnDeclaration]) throws -> DBRow {
        let present = columns.filter { row.contains(column: $0.name) }
        return Dictionary(uniqueKeysWithValues: zip(present.map(\.name), try decodeRows([row], present)[0]))
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case rowVanished(String)

    public var description: String {
        switch self {
        case .rowVanished(let table): "the row written to \(table) could not be read back"
        }
    }
}

extension SQLDatabase {
    /// Runs a query and collects its rows.
    func execute(sql query: any SQLExpression) async throws -> [any SQLRow] {
        let collector = RowCollector()
        try await self.execute(sql: query) { collector.append($0) }
        return collector.rows
    }
}

/// Collects rows from SQLKit's row callback.
private final class RowCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [any SQLRow] = []
    func append(_ row: any SQLRow) { lock.withLock { storage.append(row) } }
    var rows: [any SQLRow] { lock.withLock { storage } }
}
