import Foundation
@testable import OutputHub
import SQLKit
import Testing

/// Deleting a referenced row does what the seeds say: cascades, sets NULL, or is refused.
@Suite("Foreign key delete rules")
struct DeleteRuleTests {
    @Test("ON DELETE behaviour of every foreign key", arguments: Catalog.tables.filter { !$0.foreignKeys.isEmpty }.map(\.name))
    func deleteRules(_ name: String) async throws {
        try await withApp { app in
            let table = Catalog.declared(name)
            let store = app.store
            for (column, key) in table.foreignKeys {
                let factory = try await RowFactory.make(store)
                let child = try await factory.insert(table, filling: [column.name])
                let parentKey = try #require(child[column.name])
                let parent = Catalog.declared(key.table)
                let rule = "\(name).\(column.name) → \(key.table) ON DELETE \(key.onDelete.rawValue)"

                let delete = SQLList([
                    SQLRaw("DELETE FROM \(quote(key.table)) WHERE \(quote(key.column)) = "),
                    store.engine.bind(parentKey, as: parent.column(key.column)!.type),
                ], separator: SQLRaw(""))
                var refused = false
                do {
                    try await store.transaction { tx in try await tx.sql.execute(sql: delete) { _ in } }
                } catch {
                    #expect(DatabaseFailure(error)?.kind == .foreignKeyViolation, "\(rule): \(error)")
                    refused = true
                }
                let after = try await store.find(table, id: child["id"]!)
                switch key.onDelete {
                case .cascade:
                    #expect(!refused && after == nil, "\(rule): the child should be gone")
                case .setNull:
                    #expect(!refused && after?[column.name] == .null, "\(rule): the child should remain with NULL")
                case .noAction, .restrict:
                    #expect(refused && after?[column.name] == parentKey, "\(rule): the delete should be refused")
                }
            }
        }
    }
}
