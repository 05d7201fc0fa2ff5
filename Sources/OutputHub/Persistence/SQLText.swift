import SQLKit

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

    public var expression: any SQLExpression { SQLList(parts, separator: SQLRaw("")) }
}

extension Store {
    public func rows(_ text: SQLText) async throws -> [any SQLRow] {
        try await sql.execute(sql: text.expression)
    }

    public func run(_ text: SQLText) async throws {
        try await sql.execute(sql: text.expression) { _ in }
    }
}
