import ArgumentParser
import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit

/// Tools for working on Output Hub itself: `outputhub dev make-migration NAME [--module M]`.
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Tools for developing Output Hub.", subcommands: [MakeMigration.self])

    /// Writes the next history step for what the declarations add (see `MigrationPlanner`), comparing on
    /// scratch SQLite databases: one migrated with every migration, one built from the declarations.
    struct MakeMigration: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "make-migration",
            abstract: "Write the migration (for both engines) that adds the tables, columns and indexes the declarations add.",
            discussion: "Run it from the package root after changing a declaration. Anything other than additions is refused: write that migration by hand.")

        @Argument(help: "The migration's name in UpperCamelCase, e.g. AddPromptNotes (also its file name).")
        var name: String

        @Option(help: "The module whose Migrations folder gets the file (Prompts, Models, …); needed when the changes span modules.")
        var module: String?

        func validate() throws {
            guard let first = name.first, first.isUppercase, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw ValidationError("NAME must be UpperCamelCase letters and digits, e.g. AddPromptNotes")
            }
        }

        func run() async throws {
            let name = self.name
            guard !Migrations.history.contains(where: { $0.name == name }) else { throw CLIError("a migration named \(name) already exists") }
            let root = try Self.packageRoot()
            let plan = try await Self.plan()
            let owner = try Self.owner(of: plan, requested: module)
            let folder = owner.area.rawValue, namespace = "\(owner.area.rawValue)Migrations"
            let path = "Sources/OutputHub/Modules/\(folder)/Migrations/\(name).swift"
            let file = root.appendingPathComponent(path)
            guard !FileManager.default.fileExists(atPath: file.path) else { throw CLIError("\(path) already exists") }
            let sequence = (Migrations.history.map(\.sequence).max() ?? 0) + 1
            let source = MigrationSource.file(plan.step(name: name, sequence: sequence), namespace: namespace,
                                              summary: "\(name): " + plan.changes.joined(separator: ", ") + ".")
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try source.write(to: file, atomically: true, encoding: .utf8)
            print("Wrote \(path): add \(namespace).\(MigrationSource.lowerFirst(name)) to the migrations list of \(type(of: owner)) (Sources/OutputHub/Modules/\(folder)/\(type(of: owner)).swift).")
        }

        /// The current directory, which must be the package root.
        static func packageRoot() throws -> URL {
            let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            guard FileManager.default.fileExists(atPath: current.appendingPathComponent("Package.swift").path) else {
                throw CLIError("run make-migration from the package root (the directory holding Package.swift), not \(current.path)")
            }
            return current
        }

        /// The module that gets the migration: the one asked for, or else the one owning every table the plan touches.
        static func owner(of plan: MigrationPlan, requested: String?) throws -> any OutputHubModule {
            let names = Modules.all.map { $0.area.rawValue }.joined(separator: ", ")
            if let requested {
                guard let module = Modules.all.first(where: { $0.area.rawValue.lowercased() == requested.lowercased() }) else {
                    throw CLIError("no module is called \(requested); the modules are \(names)")
                }
                return module
            }
            let owners = Modules.all.filter { module in module.tables.contains { plan.tables.contains($0.name) } }
            guard owners.count == 1, let owner = owners.first else {
                let touched = owners.map { $0.area.rawValue }.joined(separator: ", ")
                throw CLIError("the changes touch the tables of \(touched.isEmpty ? "no module" : touched): choose the module with --module (one of \(names))")
            }
            return owner
        }

        /// Plans on scratch SQLite databases, then tries the plan's statements on the migrated one: up must give
        /// the declared schema and down the migrated one again.
        static func plan() async throws -> MigrationPlan {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("outputhub-make-migration-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            let settings = Settings(database: .sqlite(path: directory.appendingPathComponent("migrated.sqlite").path),
                                    dataDirectory: directory.path, logLevel: .warning)
            let declaredPath = directory.appendingPathComponent("declared.sqlite").path
            return try await withApplication(settings: settings) { app in
                try await MigrationRunner(app: app).up()
                let engine = app.outputHub.engine
                let migrated = try await engine.inspectSchema(app.store)
                let id = DatabaseID(string: "declarations")
                app.databases.use(.sqlite(SQLiteConfiguration(storage: .file(path: declaredPath))), as: id, isDefault: false)
                guard let sql = app.db(id) as? any SQLDatabase else { throw MigrationError.notSQL }
                let declared = try await SchemaSnapshot.declared(in: Store(sql: sql, engine: engine))
                let plan: MigrationPlan
                do {
                    plan = try MigrationPlanner().plan(declared: declared, migrated: migrated)
                } catch let refusal as MigrationRefusal {
                    throw CLIError(refusal.description)
                }
                guard !plan.isEmpty else { throw CLIError("the declarations add nothing the migrations lack: there is no migration to write") }
                try await check(plan, on: app.store, declared: declared, migrated: migrated)
                return plan
            }
        }

        /// Runs the plan's up statements, compares with the declarations, then runs its down statements.
        static func check(_ plan: MigrationPlan, on store: Store, declared: SchemaSnapshot, migrated: SchemaSnapshot) async throws {
            let statements = plan.statements(for: store.engine.kind)
            try await run(statements.up, on: store)
            let applied = try await store.engine.inspectSchema(store)
            let problems = declared.differences(from: applied)
            guard problems.isEmpty else {
                throw CLIError("the planned statements do not give the declared schema; write this migration by hand:\n  "
                    + problems.joined(separator: "\n  "))
            }
            try await run(statements.down, on: store)
            let reverted = try await store.engine.inspectSchema(store)
            guard reverted == migrated else {
                let before = migrated.text.split(separator: "\n"), after = reverted.text.split(separator: "\n")
                let changed = after.filter { !before.contains($0) }.map { "+ \($0)" } + before.filter { !after.contains($0) }.map { "- \($0)" }
                throw CLIError("the planned down statements do not restore the migrated schema; write this migration by hand:\n  "
                    + changed.joined(separator: "\n  "))
            }
        }

        private static func run(_ statements: [String], on store: Store) async throws {
            try await store.transaction { tx in
                for statement in statements { try await tx.execute(statement) }
            }
        }
    }
}
