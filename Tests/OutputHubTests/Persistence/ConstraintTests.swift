import Foundation
@testable import OutputHub
import Testing

/// Every rule a declaration states is enforced by the database itself, on whichever engine the suite runs:
/// a violating write is refused and changes nothing.
@Suite("Constraints from the declarations")
struct ConstraintTests {
    static let tableNames = Catalog.tables.map(\.name)

    @Test("NOT NULL, values, ranges, lengths, UNIQUE and foreign keys", arguments: tableNames)
    func columnRules(_ name: String) async throws {
        try await withApp { app in
            let table = Catalog.declared(name)
            let store = app.store
            let factory = try await RowFactory.make(store)
            try await factory.insert(table)

            for column in table.columns where !column.isNullable && column.name != "id" && column.name != table.hierarchy?.levelColumn {
                var row = try await factory.values(table)
                row[column.name] = .null
                try await expectRefused(store, table, row, "\(name).\(column.name) NOT NULL")
            }
            for column in table.columns {
                if let name = column.rangeConstraintName, let range = column.range {
                    // The seeds' named range checks, on both sides of the range.
                    for outside in [range.lowerBound - 1, range.upperBound + 0.5] {
                        var row = try await factory.values(table)
                        row[column.name] = column.type == .integer ? .int(Int(outside.rounded(.up))) : .double(outside)
                        try await expectRefused(store, table, row, "\(name) \(name) \(outside)")
                    }
                }
                if column.allowedValues != nil {
                    var row = try await factory.values(table)
                    row[column.name] = .string("not-an-allowed-value")
                    try await expectRefused(store, table, row, "\(name).\(column.name) allowed values")
                }
                if let range = column.range {
                    var row = try await factory.values(table)
                    row[column.name] = column.type == .integer || column.type == .bigint
                        ? .int(Int(range.upperBound) == Int.max ? Int.max : Int(range.upperBound) + 1) : .double(range.upperBound + 1)
                    if column.type == .integer, range.upperBound >= 2_147_483_647 { row[column.name] = .int(Int(range.lowerBound) - 1) }
                    try await expectRefused(store, table, row, "\(name).\(column.name) range")
                }
                if case .varchar(let length) = column.type, column.allowedValues == nil, column.references == nil {
                    var row = try await factory.values(table)
                    row[column.name] = .string(String(repeating: "x", count: length + 1))
                    try await expectRefused(store, table, row, "\(name).\(column.name) varchar(\(length))")
                }
                if let key = column.references {
                    var row = try await factory.values(table)
                    row[column.name] = key.column == "id" ? .uuid(UUID()) : .string("no-such-\(key.column)")
                    try await expectRefused(store, table, row, "\(name).\(column.name) foreign key")
                }
            }
            for unique in Self.uniques(of: table) {
                let stored = try await store.insert(table, try await factory.values(table, filling: unique.whenNotNull))
                var second = try await factory.values(table, filling: unique.whenNotNull)
                for column in unique.columns { second[column] = stored[column] }
                try await expectRefused(store, table, second, "\(name) \(unique.name)")
            }
        }
    }

    @Test("Table CHECKs", arguments: Catalog.tables.filter { !$0.checks.isEmpty }.map(\.name))
    func tableChecks(_ name: String) async throws {
        try await withApp { app in
            let table = Catalog.declared(name)
            let factory = try await RowFactory.make(app.store)
            for check in table.checks {
                let violations = try #require(Self.violations[check.name], "no violating example for \(check.name)")
                for overrides in try await violations(factory) {
                    var row = try await factory.values(table)
                    row.merge(overrides) { $1 }
                    try await expectRefused(app.store, table, row, "\(name) \(check.name) with \(overrides.keys.sorted())")
                }
            }
        }
    }

    /// Every UNIQUE of a table: declared constraints and single unique columns.
    static func uniques(of table: TableDeclaration) -> [UniqueDeclaration] {
        table.uniques + table.columns.filter(\.isUnique).map { UniqueDeclaration("uq_\(table.name)_\($0.name)", [$0.name]) }
    }

    static let yesterday = Date().addingTimeInterval(-86_400)

    /// For each named CHECK, rows that break it.
    static let violations: [String: @Sendable (RowFactory) async throws -> [DBRow]] = [
        "ck_tenants_slug_format": { _ in [["slug": .string("has space")]] },
        "ck_users_email_format": { _ in [["email": .string("not-an-email")]] },
        "valid_period": { _ in [["period_start": .string("2026-02-02"), "period_end": .string("2026-02-01")]] },
        "suite_or_subsuite_required": { f in
            let subSuite = try await f.insert("prompt_sub_suites")
            return [["suite_id": .null], ["sub_suite_id": subSuite["id"]!]]
        },
        "condition_when_conditional": { _ in [["is_conditional": .bool(true)], ["condition_expression": .string("x > 1")]] },
        "one_assignment_target": { f in
            let solution = try await f.insert("solutions")
            return [["agent_id": .null], ["solution_id": solution["id"]!]]
        },
        "valid_session_span": { _ in [["start_time": .date(Date()), "end_time": .date(yesterday)]] },
        "valid_token_total": { _ in [["input_tokens": .int(10), "output_tokens": .int(10), "total_tokens": .int(5)]] },
        "valid_tuning_span": { _ in [["session_start": .date(Date()), "session_end": .date(yesterday)]] },
    ]
}
