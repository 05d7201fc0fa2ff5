import Fluent
import FluentKit
import Foundation
@testable import OutputHub
import Testing
import Vapor

/// The migration history checked against itself and the declarations, on the engine under test: the migrated
/// schema is the committed snapshot, the declarations build the same tables, an upgrade from the first release
/// keeps every row, every step's down undoes its up, and make-migration plans additions for both engines.
@Suite("Schema history")
struct SchemaHistoryTests {
    static let update = "OUTPUTHUB_UPDATE_SNAPSHOTS=1 swift test --filter \"Schema history\""

    @Test("The migrated schema is the committed snapshot")
    func snapshot() async throws {
        let text = try await withApp { app in try await app.outputHub.engine.inspectSchema(app.store).text }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Snapshots/schema-\(TestDatabase.engineKind.rawValue).txt")
        if ProcessInfo.processInfo.environment["OUTPUTHUB_UPDATE_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let committed = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("\(file.path) is missing: create it with \(Self.update) (with OUTPUTHUB_TEST_POSTGRES_URL set for PostgreSQL's)")
            return
        }
        let unchanged = committed == text  // compared outside #expect, which would print both whole texts
        #expect(unchanged, """
            the migrated schema differs from \(file.lastPathComponent):
            \(Self.lineDiff(from: committed, to: text))
            After adding a migration, update the snapshot with \(Self.update)
            """)
    }

    @Test("A database built from the declarations has the tables the migrations build")
    func declarationsMatchHistory() async throws {
        let migrated = try await withApp { app in try await app.outputHub.engine.inspectSchema(app.store) }
        let settings = try await TestDatabase.shared.emptyDatabase()
        let declared = try await withApp(settings: settings) { app in try await SchemaSnapshot.declared(in: app.store) }
        let problems = declared.differences(from: migrated)
        #expect(problems.isEmpty, """
            \(problems.joined(separator: "\n"))
            a declaration changed without a migration: run `swift run outputhub dev make-migration <Name>` to write one
            """)
    }

    /// Tables a documented data upgrade adds rows to (AddPromptVersioning's version 1 of each prompt and agent).
    static let gainsRows: Set<String> = ["prompt_versions", "agent_versions"]
    /// Columns a documented data upgrade sets (the rows pointing at their new version 1).
    static let upgradedColumns: [String: Set<String>] = ["prompts": ["current_version", "updated_at"], "agents": ["current_version", "updated_at"]]

    @Test("Upgrading a first-release database with rows gives the latest schema and keeps every row")
    func upgradeFromFirstRelease() async throws {
        let latest = try await withApp { app in try await app.outputHub.engine.inspectSchema(app.store).text }
        let settings = try await TestDatabase.shared.emptyDatabase()
        try await withApp(settings: settings) { app in
            let store = app.store, engine = app.outputHub.engine
            let migrator = Self.migrator(app, through: OutputHub.Migrations.firstRelease.upperBound)
            try await migrator.setupIfNeeded().get()
            try await migrator.prepareBatch().get()
            let firstRelease = try await engine.inspectSchema(store).tablesByName
            let tables = Catalog.tables.filter { firstRelease[$0.name] != nil }
            let factory = try await RowFactory.make(store)
            for table in tables { try await factory.insert(table) }
            let before = try await Self.rows(of: tables, in: store, columns: firstRelease)

            try await MigrationRunner(app: app).up()
            let upgraded = try await engine.inspectSchema(store).text
            #expect(upgraded == latest, "the upgraded schema differs from a new one:\n\(Self.lineDiff(from: latest, to: upgraded))")
            let after = try await Self.rows(of: tables, in: store, columns: firstRelease)
            for (table, rows) in before {
                #expect(!rows.isEmpty, "\(table) has a row to keep")
                if Self.gainsRows.contains(table) {
                    #expect(rows.allSatisfy { after[table]?[$0.key] == $0.value }, "\(table): the upgrade changed its rows")
                } else {
                    let ignored = Self.upgradedColumns[table] ?? []
                    #expect(after[table]?.mapValues { $0.filter { !ignored.contains($0.key) } } == rows.mapValues { $0.filter { !ignored.contains($0.key) } },
                            "\(table): the upgrade changed its rows")
                }
            }
            // AddPromptVersioning gave every prompt and agent without history its version 1.
            for (parent, versions, key) in [("prompts", "prompt_versions", "prompt_id"), ("agents", "agent_versions", "agent_id")] {
                let history = Set(try await store.select(Catalog.declared(versions)).compactMap { $0[key]?.stringValue })
                #expect(try await store.select(Catalog.declared(parent)).allSatisfy { history.contains($0["id"]?.stringValue ?? "") }, "\(parent) have versions")
            }
        }
    }

    @Test("Every step's down undoes its up")
    func downUndoesUp() async throws {
        let settings = try await TestDatabase.shared.emptyDatabase()
        try await withApp(settings: settings) { app in
            let engine = app.outputHub.engine
            for step in OutputHub.Migrations.history {
                let migrator = Self.migrator(app, through: step.sequence)
                try await migrator.setupIfNeeded().get()
                let before = try await engine.inspectSchema(app.store).text
                try await migrator.prepareBatch().get()
                try await migrator.revertLastBatch().get()
                let reverted = try await engine.inspectSchema(app.store).text
                #expect(reverted == before, "\(step.name): up then down leaves\n\(Self.lineDiff(from: before, to: reverted))")
                try await migrator.prepareBatch().get()
            }
        }
    }

    @Test("make-migration plans a new column and index for both engines")
    func plannerWritesAdditions() async throws {
        let prompts = Catalog.declared("prompts")
        let changed = TableDeclaration(
            prompts.name, label: prompts.label, module: prompts.module, scope: prompts.scope, summary: prompts.summary,
            labelColumn: prompts.labelColumn, access: prompts.access, readableByEveryMember: prompts.readableByEveryMember,
            columns: prompts.columns + [ColumnDeclaration.text("extra_note")], uniques: prompts.uniques, checks: prompts.checks,
            indexes: prompts.indexes + [IndexDeclaration("idx_prompts_extra_note", ["extra_note"])],
            hierarchy: prompts.hierarchy.map { (parent: $0.parentColumn, path: $0.pathColumn, level: $0.levelColumn) })
        let declarations = Catalog.tables.map { $0.name == changed.name ? changed : $0 }
        let settings = try await TestDatabase.shared.emptyDatabase()
        let declared = try await withApp(settings: settings) { app in
            try await SchemaSnapshot.declared(in: app.store, tables: declarations)
        }
        try await withApp { app in
            let store = app.store
            let migrated = try await store.engine.inspectSchema(store)
            let plan = try MigrationPlanner(declarations: [changed]).plan(declared: declared, migrated: migrated)
            #expect(plan.changes == ["new column prompts.extra_note", "new index idx_prompts_extra_note"])
            let down = [#"DROP INDEX IF EXISTS "idx_prompts_extra_note""#, #"ALTER TABLE "prompts" DROP COLUMN "extra_note""#]
            let index = #"CREATE INDEX "idx_prompts_extra_note" ON "prompts" ("extra_note")"#
            #expect(plan.sqlite == MigrationPlan.Statements(up: [#"ALTER TABLE "prompts" ADD COLUMN "extra_note" TEXT"#, index], down: down))
            #expect(plan.postgres == MigrationPlan.Statements(up: [#"ALTER TABLE "prompts" ADD COLUMN "extra_note" text"#, index], down: down))

            // This engine's statements turn the migrated table into the declared one, and back.
            let statements = plan.statements(for: store.engine.kind)
            try await Self.run(statements.up, on: store)
            let applied = try await store.engine.inspectSchema(store)
            #expect(declared.differences(from: applied, only: [changed.name]) == [])
            try await Self.run(statements.down, on: store)
            let reverted = try await store.engine.inspectSchema(store).text
            #expect(reverted == migrated.text, "\(Self.lineDiff(from: migrated.text, to: reverted))")
        }
    }

    /// Fluent's migrator over the history up to and including `sequence`.
    static func migrator(_ app: Application, through sequence: Int) -> Migrator {
        let migrations = FluentKit.Migrations()
        migrations.add(OutputHub.Migrations.through(sequence, engine: app.outputHub.engine))
        return Migrator(databases: app.databases, migrations: migrations, logger: app.logger, on: app.eventLoopGroup.any(),
                        migrationLogLevel: .debug)
    }

    /// Every row of `tables` by id, with only the columns `columns` lists for its table.
    static func rows(of tables: [TableDeclaration], in store: Store,
                     columns: [String: SchemaSnapshot.Table]) async throws -> [String: [DBValue: DBRow]] {
        var result: [String: [DBValue: DBRow]] = [:]
        for table in tables {
            let names = Set(columns[table.name]?.columns.map(\.name) ?? [])
            var byID: [DBValue: DBRow] = [:]
            for row in try await store.select(table) {
                byID[row["id"] ?? .null] = row.filter { names.contains($0.key) }
            }
            result[table.name] = byID
        }
        return result
    }

    static func run(_ statements: [String], on store: Store) async throws {
        try await store.transaction { tx in
            for statement in statements { try await tx.execute(statement) }
        }
    }

    /// The lines only one text has (`-` the first's, `+` the second's), at most 40 of them.
    static func lineDiff(from old: String, to new: String) -> String {
        let changes = new.split(separator: "\n").difference(from: old.split(separator: "\n")).map { change -> String in
            switch change {
            case .remove(_, let line, _): return "- \(line)"
            case .insert(_, let line, _): return "+ \(line)"
            }
        }
        var shown = Array(changes.prefix(40))
        if changes.count > 40 { shown.append("… and \(changes.count - 40) more") }
        return shown.joined(separator: "\n")
    }
}
