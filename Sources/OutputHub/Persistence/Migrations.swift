import FluentKit
import SQLKit

/// Output Hub's migrations in order. Table structure is generated from the declarations; the derived-data
/// triggers and views are written per engine.
public enum Migrations {
    public static func all(engine: any DatabaseEngine) -> [any Migration] {
        var list: [any Migration] = [
            StatementMigration(
                name: "PrepareDatabase", engine: engine,
                up: { $0.prepareStatements() },
                down: { $0.kind == .postgres ? ["DROP FUNCTION IF EXISTS outputhub_touch_updated_at()"] : [] })
        ]
        list += Catalog.tableGroups.map { CreateTablesMigration(name: $0.migration, tables: $0.tables, engine: engine) }
        list.append(
            StatementMigration(
                name: "CreateMessageSequencing", engine: engine,
                up: { $0.kind == .postgres ? MessageSequencing.postgres : MessageSequencing.sqlite(now: $0.nowSQL) },
                down: { $0.kind == .postgres ? MessageSequencing.postgresRevert : MessageSequencing.sqliteRevert }))
        list.append(
            StatementMigration(
                name: "CreateTuningCounters", engine: engine,
                up: { $0.kind == .postgres ? TuningCounters.postgres : TuningCounters.sqlite },
                down: { $0.kind == .postgres ? TuningCounters.postgresRevert : TuningCounters.sqliteRevert }))
        list.append(
            StatementMigration(
                name: "CreateReportingViews", engine: engine,
                up: { engine in Catalog.views.map { engine.createStatement(for: $0) } },
                down: { _ in Catalog.views.reversed().map { "DROP VIEW IF EXISTS \(quote($0.name))" } }))
        return list
    }
}

/// Creates a group of declared tables; reverting drops them in reverse order.
struct CreateTablesMigration: AsyncMigration {
    let name: String
    let tables: [TableDeclaration]
    let engine: any DatabaseEngine

    func prepare(on database: any Database) async throws {
        try await run(tables.flatMap { engine.createStatements(for: $0) }, on: database)
    }

    func revert(on database: any Database) async throws {
        try await run(tables.reversed().flatMap { engine.dropStatements(for: $0) }, on: database)
    }
}

/// A migration made of statements written for the engine at hand.
struct StatementMigration: AsyncMigration {
    let name: String
    let engine: any DatabaseEngine
    let up: @Sendable (any DatabaseEngine) -> [String]
    let down: @Sendable (any DatabaseEngine) -> [String]

    func prepare(on database: any Database) async throws {
        try await run(up(engine), on: database)
    }

    func revert(on database: any Database) async throws {
        try await run(down(engine), on: database)
    }
}

/// Runs statements in one transaction, so a migration applies completely or not at all.
private func run(_ statements: [String], on database: any Database) async throws {
    try await database.transaction { db in
        guard let sql = db as? any SQLDatabase else { throw MigrationError.notSQL }
        for statement in statements {
            try await sql.raw("\(unsafeRaw: statement)").run()
        }
    }
}

enum MigrationError: Error, CustomStringConvertible {
    case notSQL
    var description: String { "the configured database does not speak SQL" }
}
