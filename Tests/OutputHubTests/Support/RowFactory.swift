import Foundation
@testable import OutputHub

/// Makes valid rows of any declared table from its declaration alone: every NOT NULL column without a
/// default gets a value of its type, and referenced rows are created first. Tests then break one rule at a
/// time and expect the database to refuse.
struct RowFactory {
    let store: Store
    /// The tenant that tenant-owned rows belong to.
    let tenantID: DBValue
    /// Users made as parents join the tenant, as the API requires of every user a row refers to.
    var addsMemberships = false

    /// Nullable references of which exactly one must be set (the tables' XOR CHECKs); the first is the
    /// default, and asking for another one leaves the first empty.
    static let exactlyOneOf: [String: [String]] = [
        "suite_prompts": ["suite_id", "sub_suite_id"],
        "suite_assignments": ["agent_id", "solution_id", "workflow_id"],
    ]

    /// Creates a tenant to own everything this factory makes.
    static func make(_ store: Store, tenantID: DBValue? = nil) async throws -> RowFactory {
        if let tenantID { return RowFactory(store: store, tenantID: tenantID, addsMemberships: true) }
        let tenant = try await store.insert(Catalog.declared("tenants"), [
            "name": .string("Test tenant"), "slug": .string("t-" + UUID().uuidString.prefix(8).lowercased()),
        ])
        return RowFactory(store: store, tenantID: tenant["id"]!)
    }

    /// Values for a valid row of `table` (its parents are inserted); nothing of `table` itself is written.
    func values(_ table: TableDeclaration, filling extra: [String] = [], skipping given: Set<String> = []) async throws -> DBRow {
        var row: DBRow = [:]
        var fill = Set(extra)
        if let choices = Self.exactlyOneOf[table.name], fill.isDisjoint(with: choices) { fill.insert(choices[0]) }
        for column in table.columns where column.name != "id" && !given.contains(column.name) {
            if column.name == "tenant_id" { row["tenant_id"] = tenantID; continue }
            let needed = (!column.isNullable && column.defaultValue == nil) || fill.contains(column.name)
            guard needed else { continue }
            row[column.name] = try await value(for: column, in: table)
        }
        return row
    }

    /// Inserts a valid row of `table` and returns it.
    @discardableResult
    func insert(_ table: TableDeclaration, filling extra: [String] = [], overriding overrides: DBRow = [:]) async throws -> DBRow {
        var row = try await values(table, filling: extra, skipping: Set(overrides.keys))
        row.merge(overrides) { $1 }
        let stored = try await store.insert(table, row)
        if table.name == "users" && addsMemberships {
            try await store.insert(Catalog.declared("tenant_memberships"), ["tenant_id": tenantID, "user_id": stored["id"]!])
        }
        return stored
    }

    @discardableResult
    func insert(_ tableName: String, overriding overrides: DBRow = [:]) async throws -> DBRow {
        try await insert(Catalog.declared(tableName), overriding: overrides)
    }

    /// A valid value for one column.
    func value(for column: ColumnDeclaration, in table: TableDeclaration) async throws -> DBValue {
        if let key = column.references {
            return try await insert(Catalog.declared(key.table))[key.column]!
        }
        if let allowed = column.allowedValues { return .string(allowed[0]) }
        if column.name == "email" { return .string("u-\(Self.unique())@example.com") }
        if column.name == "slug" { return .string("s-\(Self.unique())") }
        switch column.type {
        case .uuid: return .uuid(UUID())
        case .varchar(let n): return .string(String("v-\(Self.unique())".prefix(n)))
        case .text, .inet: return .string(column.type == .inet ? "127.0.0.1" : "text \(Self.unique())")
        case .integer, .bigint: return .int(column.range.map { Int($0.lowerBound) } ?? 1)
        case .decimal, .double: return .double(column.range?.lowerBound ?? 0.5)
        case .boolean: return .bool(false)
        case .timestamp: return .date(Date())
        case .date: return .string(Timestamps.formatDay(Date().addingTimeInterval(86_400 * Double(Self.sequence.next()))))
        case .json: return .json("{}")
        case .textArray, .uuidArray: return .array([])
        case .vector(let n): return .vector(Array(repeating: 0.1, count: n))
        case .bytes: return .bytes(PackedVector.pack([0.6, 0.8]))
        }
    }

    private static func unique() -> String { UUID().uuidString.prefix(8).lowercased() }

    /// Distinct dates for rows whose natural key includes a day.
    private static let sequence = Sequence()

    private final class Sequence: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}
