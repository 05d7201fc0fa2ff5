import SQLKit
import SQLiteKit

/// A statement assembled from SQL text (identifiers from declarations only) and bound values.
public struct SQLText: Sendable {
    private(set) var parts: [any SQLExpression] = []
    let engine: any DatabaseEngine

    public init(_ engine: any DatabaseEngine, _ sql: String = "") {
        self.engine = engine
        if !sql.isEmpty { parts.append(SQLRaw(sql)) }
    }

    public mutating func append(_ sql: String) { parts.append(SQLRaw(sql)) }

    public mutating func bind(_ value: DBValue, as type: ColumnType) { parts.append(engine.bind(value, as: type)) }

    /// Binds each value, separated by commas (the inside of an `IN (…)` list).
    public mutating func appendList(_ values: [DBValue], as type: ColumnType) {
        for (i, value) in values.enumerated() {
            if i > 0 { append(", ") }
            bind(value, as: type)
        }
    }

    public var expression: any SQLExpression { SQLList(parts, separator: SQLRaw("")) }
}

extension Store {
    /// The rows of a query. On SQLite it asks the driver for its own rows, which `decode` reads directly
    /// instead of through SQLKit's Decodable path (lists read thousands of values per request).
    public func rows(_ text: SQLText) async throws -> [any SQLRow] {
        if engine.kind == .sqlite, let sqlite = sql as? any SQLiteDatabase {
            let (statement, binds) = try sqliteStatement(text)
            if let reader, let rows = try await reader.rows(statement, binds) { return rows }
            let rows = try await sqlite.query(statement, binds)
            guard let first = rows.first else { return [] }
            let names = SQLiteColumnNames(first.columns.map(\.name))  // one statement: the same columns in every row
            return rows.map { DirectSQLiteRow(names: names, values: $0.columns.map(\.data)) }
        }
        return try await sql.execute(sql: text.expression)
    }

    /// On SQLite outside a transaction, the rows of a read through the reader after `setUp` has run once on
    /// its connection (a temp table the read needs: see `SQLiteReader.rows(_:_:setUp:)`); nil when the
    /// caller should run both another way.
    func readerRows(_ text: SQLText, setUp: String) async throws -> [any SQLRow]? {
        guard engine.kind == .sqlite, let reader else { return nil }
        let (statement, binds) = try sqliteStatement(text)
        return try await reader.rows(statement, binds, setUp: setUp)
    }

    /// The SQLite reader that reads for this store: none inside a transaction, which reads on its own connection.
    private var reader: SQLiteReader? { inTransaction ? nil : (engine as? SQLiteEngine)?.reader }

    private func sqliteStatement(_ text: SQLText) throws -> (String, [SQLiteData]) {
        var serializer = SQLSerializer(database: sql)
        text.expression.serialize(to: &serializer)
        let encoder = SQLiteDataEncoder()
        return (serializer.sql, try serializer.binds.map { try encoder.encode($0) })
    }

    /// Runs a statement that writes. Outside a transaction on SQLite it waits for the write gate, as a
    /// transaction does: SQLite's busy handler would otherwise spin a thread of the blocking pool until
    /// the transaction holding the lock ends, and enough spinning threads starve that transaction.
    public func run(_ text: SQLText) async throws {
        try await gated { try await sql.execute(sql: text.expression) { _ in } }
    }

    /// Runs a write that may be left out (a timestamp of last use), without waiting: on SQLite only when no
    /// other write is under way (a long transaction does not hold up the request); false when left out.
    @discardableResult
    public func runUnlessBusy(_ text: SQLText) async throws -> Bool {
        guard !inTransaction, let gate = engine.writeGate else {
            try await run(text)
            return true
        }
        return try await gate.runIfFree { try await sql.execute(sql: text.expression) { _ in } } != nil
    }

    /// The rows a writing statement returns (`… RETURNING`), gated as `run` is.
    public func writeRows(_ text: SQLText) async throws -> [any SQLRow] {
        try await gated { try await rows(text) }
    }

    private func gated<T>(_ body: () async throws -> T) async throws -> T {
        guard !inTransaction, let gate = engine.writeGate else { return try await body() }
        return try await gate.run(body)
    }
}

/// An SQLite row as the driver reads it (values and column names), kept as such so its values can be read
/// without a decoder. It comes from the `SQLiteReader`, or from the driver's own rows.
struct DirectSQLiteRow: SQLRow {
    let names: SQLiteColumnNames
    let values: [SQLiteData]

    init(names: SQLiteColumnNames, values: [SQLiteData]) {
        self.names = names
        self.values = values
    }

    func column(_ name: String) -> SQLiteData? { names.index[name].map { values[$0] } }

    var allColumns: [String] { names.names }
    func contains(column: String) -> Bool { names.index[column] != nil }
    func decodeNil(column: String) throws -> Bool { (self.column(column) ?? .null) == .null }
    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = self.column(column) else { throw MissingColumn(column: column) }
        return try SQLiteDataDecoder().decode(D.self, from: data)
    }

    private struct MissingColumn: Error, CustomStringConvertible {
        let column: String
        var description: String { "no column \(column) in the row" }
    }
}

/// The column names of a statement's rows, shared by all of them; the first of a repeated name wins.
final class SQLiteColumnNames: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        self.names = names
        self.index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
