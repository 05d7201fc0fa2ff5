import Foundation
import Vapor
@testable import OutputHub
import SQLKit
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("Up creates every declared table and view; revert removes them; up again restores them")
    func upDownUp() async throws {
        let settings = try await TestDatabase.shared.emptyDatabase()
        try await withApp(settings: settings) { app in
            let runner = MigrationRunner(app: app)
            #expect(try await runner.isFresh())
            let applied = try await runner.up()
            #expect(applied == Migrations.all(engine: app.outputHub.engine).map(\.name))
            #expect(try await runner.status().allSatisfy { $0.batch == 1 })
            for table in Catalog.tables { #expect(try await app.store.count(table.name) == 0, "\(table.name)") }
            for view in Catalog.views { #expect(try await app.store.count(view.name) == 0, "\(view.name)") }
            #expect(try await relations(app).isSuperset(of: Set(Catalog.tables.map(\.name) + Catalog.views.map(\.name))))

            let reverted = try await runner.revert(all: true)
            #expect(reverted.count == applied.count)
            #expect(try await relations(app).isDisjoint(with: Set(Catalog.tables.map(\.name) + Catalog.views.map(\.name))))
            #expect(try await runner.isFresh())

            #expect(try await runner.up().count == applied.count)
            #expect(try await runner.up().isEmpty, "a second up has nothing to do")
            try await Seeder(store: app.store).run()
            #expect(try await app.store.count("llm_models") > 0)
        }
    }

    @Test("Reverting the last batch only undoes that batch")
    func revertLastBatch() async throws {
        try await withApp { app async throws in
            let runner = MigrationRunner(app: app)
            #expect(try await runner.revert(all: false).count == Migrations.all(engine: app.outputHub.engine).count)
            #expect(try await runner.isFresh())
        }
    }

    @Test("Every foreign key points at a table created earlier")
    func creationOrder() {
        var created = Set<String>()
        for table in Catalog.tables {
            created.insert(table.name)
            for (column, key) in table.foreignKeys {
                #expect(created.contains(key.table), "\(table.name).\(column.name) references \(key.table) before it exists")
            }
        }
    }

    /// Names of the tables and views in the database.
    private func relations(_ app: Application) async throws -> Set<String> {
        let sql = app.outputHub.engine.kind == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        let rows = try await app.store.sql.raw("\(unsafeRaw: sql)").all()
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
    }
}
