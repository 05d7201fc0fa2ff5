import Foundation
@testable import OutputHub
import Testing

/// Expects the database to refuse writing `row` into `table`, and the table to be unchanged afterwards.
func expectRefused(_ store: Store, _ table: TableDeclaration, _ row: DBRow, _ rule: String,
                   sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let before = try await store.count(table.name)
    do {
        try await store.transaction { tx in try await tx.insert(table, row) }
        Issue.record("\(rule): the write was accepted", sourceLocation: sourceLocation)
    } catch {
        #expect(DatabaseFailure(error) != nil, "\(rule): failed for another reason: \(error)", sourceLocation: sourceLocation)
    }
    #expect(try await store.count(table.name) == before, "\(rule): the table changed", sourceLocation: sourceLocation)
}

/// Expects an update of one row to be refused.
func expectUpdateRefused(_ store: Store, _ table: TableDeclaration, id: DBValue, _ values: DBRow, _ rule: String,
                         sourceLocation: SourceLocation = #_sourceLocation) async throws {
    do {
        try await store.transaction { tx in try await tx.update(table, id: id, values) }
        Issue.record("\(rule): the update was accepted", sourceLocation: sourceLocation)
    } catch {
        #expect(DatabaseFailure(error) != nil, "\(rule): failed for another reason: \(error)", sourceLocation: sourceLocation)
    }
}
