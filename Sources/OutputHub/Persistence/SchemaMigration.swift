import FluentKit
import SQLKit

/// One step of the schema's history. Released steps never change: a schema change is a new step with the
/// next `sequence`, listed in its module (`outputhub dev make-migration NAME` writes the additive ones).
public protocol SchemaMigration: Sendable {
    /// The name the migration log records; unique and never changed once released.
    var name: String { get }
    /// The step's place in the one history every module shares; migrations run in this order.
    var sequence: Int { get }
    func up(_ engine: any DatabaseEngine) -> [String]
    /// Undoes `up` exactly.
    func down(_ engine: any DatabaseEngine) -> [String]
}

/// A migration whose statements were written out for each engine when it was made, so later changes to the
/// declarations or the DDL generator cannot change what it does.
public struct FrozenMigration: SchemaMigration {
    public struct Statements: Sendable {
        public let up: [String]
        public let down: [String]

        public init(up: [String], down: [String]) {
            self.up = up
            self.down = down
        }
    }

    public let name: String
    public let sequence: Int
    public let sqlite: Statements
    public let postgres: Statements

    public init(name: String, sequence: Int, sqlite: Statements, postgres: Statements) {
        self.name = name
        self.sequence = sequence
        self.sqlite = sqlite
        self.postgres = postgres
    }

    public func up(_ engine: any DatabaseEngine) -> [String] { statements(engine).up }
    public func down(_ engine: any DatabaseEngine) -> [String] { statements(engine).down }

    private func statements(_ engine: any DatabaseEngine) -> Statements {
        switch engine.kind {
        case .sqlite: sqlite
        case .postgres: postgres
        }
    }
}

/// Output Hub's migration history: every module's steps in sequence order, as Fluent migrations.
public enum Migrations {
    /// The steps of the first release; the upgrade test builds a database with these only.
    public static let firstRelease = 1...13

    public static var history: [any SchemaMigration] { Modules.migrations }

    public static func all(engine: any DatabaseEngine) -> [any Migration] {
        history.map { StepMigration(step: $0, engine: engine) }
    }

    /// The steps up to and including `sequence`, as Fluent migrations.
    public static func through(_ sequence: Int, engine: any DatabaseEngine) -> [any Migration] {
        history.filter { $0.sequence <= sequence }.map { StepMigration(step: $0, engine: engine) }
    }
}

/// A history step run by Fluent's migrator (which keeps the migration log).
struct StepMigration: AsyncMigration {
    let step: any SchemaMigration
    let engine: any DatabaseEngine

    var name: String { step.name }

    func prepare(on database: any Database) async throws {
        try await run(step.up(engine), on: database)
    }

    func revert(on database: any Database) async throws {
        try await run(step.down(engine), on: database)
    }

    /// Runs statements in one transaction, so a step applies completely or not at all.
    private func run(_ statements: [String], on database: any Database) async throws {
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw MigrationError.notSQL }
            for statement in statements {
                try await sql.raw("\(unsafeRaw: statement)").run()
            }
        }
    }
}

enum MigrationError: Error, CustomStringConvertible {
    case notSQL
    var description: String { "the configured database does not speak SQL" }
}
