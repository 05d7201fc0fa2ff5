import Foundation

/// Works out the migration that brings a database built by the migration history to what the declarations
/// say, from two snapshots of one engine: a database built from the declarations (`SchemaSnapshot.declared`)
/// and a migrated one. It writes, for both engines and from the declarations, whole new tables, new columns
/// of existing tables and new indexes. Anything else (a removed or changed column, a removed table, a changed
/// check, a new trigger) is refused: such a step needs decisions about existing rows that only a person can
/// make. PostgreSQL-only indexes (GIN over arrays) are not seen when the snapshots are SQLite's.
struct MigrationPlanner {
    /// The tables compared, in creation order; other tables of the snapshots are left alone unless removed.
    let declarations: [TableDeclaration]
    private let sqlite = SQLiteEngine()
    private let postgres = PostgresEngine()

    init(declarations: [TableDeclaration] = Catalog.tables) {
        self.declarations = declarations
    }

    /// The plan (empty when the declarations add nothing); throws `MigrationRefusal` listing what it cannot write.
    func plan(declared: SchemaSnapshot, migrated: SchemaSnapshot) throws -> MigrationPlan {
        let wanted = declared.tablesByName, existing = migrated.tablesByName
        var plan = MigrationPlan(), problems: [String] = [], newTables = Set<String>()
        for table in declarations {
            guard let want = wanted[table.name] else { continue }
            if let have = existing[table.name] {
                problems += extend(table, from: have, to: want, in: &plan)
                continue
            }
            newTables.insert(table.name)
            plan.add("new table \(table.name)", table: table.name,
                     sqlite: .init(up: sqlite.createStatements(for: table), down: sqlite.dropStatements(for: table)),
                     postgres: .init(up: postgres.createStatements(for: table), down: postgres.dropStatements(for: table)))
        }
        // Besides the declared tables: removed tables, and SQLite's full-text tables, which come with their table.
        let names = Set(declarations.map(\.name))
        for name in Set(wanted.keys).union(existing.keys).sorted() where !names.contains(name) {
            let base = name.hasSuffix("_fts") ? String(name.dropLast(4)) : ""
            let owned = names.contains(base)
            switch (wanted[name], existing[name]) {
            case (nil, _?):
                problems.append("table \(name) exists in the migrated database but not in the declarations")
            case let (want?, have?) where owned:
                problems += want.differences(from: have).map { "table \(name): \($0)" }
            case (_?, nil) where owned && !newTables.contains(base):
                problems.append("table \(name) is declared but no migration creates it (full-text search of \(base) changed)")
            default:
                break
            }
        }
        for function in Set(declared.functions).subtracting(migrated.functions).sorted()
        where !plan.postgres.up.contains(where: { $0.contains(function) }) {
            problems.append("function \(function) is declared but no migration creates it")
        }
        guard problems.isEmpty else { throw MigrationRefusal(problems: problems) }
        return plan
    }

    /// Plans the new columns and indexes of a table the migrated database has; returns what else differs.
    private func extend(_ table: TableDeclaration, from have: SchemaSnapshot.Table, to want: SchemaSnapshot.Table,
                        in plan: inout MigrationPlan) -> [String] {
        let at = "table \(table.name)", name = quote(table.name)
        var problems: [String] = []
        // What the migrated table would be with every addition; what still differs from the declared one is refused.
        var expected = have
        let newColumns = want.columns.filter { column in !have.columns.contains { $0.name == column.name } }
        expected.columns += newColumns
        expected.foreignKeys += want.foreignKeys.filter { key in newColumns.contains { $0.name == key.column } }
        var newCheckNames = Set<String>()
        for column in newColumns {
            guard let declaration = table.column(column.name) else {
                problems.append("\(at): column \"\(column.name)\" is not a declared column (did full-text search change?)")
                continue
            }
            let sqliteDefinition = sqlite.columnDefinitionSQL(declaration, table: table)
            let postgresDefinition = postgres.columnDefinitionSQL(declaration, table: table)
            newCheckNames.formUnion(SchemaSnapshot.checks(in: sqliteDefinition + " " + postgresDefinition).map(\.name))
            if let reason = refusal(declaration) {
                problems.append("\(at): new column \"\(column.name)\" \(reason)")
                continue
            }
            let drop = ["ALTER TABLE \(name) DROP COLUMN \(quote(column.name))"]
            plan.add("new column \(table.name).\(column.name)", table: table.name,
                     sqlite: .init(up: ["ALTER TABLE \(name) ADD COLUMN \(sqliteDefinition)"], down: drop),
                     postgres: .init(up: ["ALTER TABLE \(name) ADD COLUMN \(postgresDefinition)"], down: drop))
        }
        expected.checks += want.checks.filter { newCheckNames.contains($0.name) }
        for index in want.indexes where !have.indexes.contains(where: { $0.name == index.name }) {
            expected.indexes.append(index)
            let onSQLite = indexStatement(index.name, in: sqlite.createStatements(for: table))
            let onPostgres = indexStatement(index.name, in: postgres.createStatements(for: table))
            guard onSQLite != nil || onPostgres != nil else {
                problems.append("\(at): index \"\(index.name)\" is not one of the declared indexes (a new UNIQUE constraint?)")
                continue
            }
            let drop = "DROP INDEX IF EXISTS \(quote(index.name))"
            plan.add("new index \(index.name)", table: table.name,
                     sqlite: .init(up: onSQLite.map { [$0] } ?? [], down: onSQLite == nil ? [] : [drop]),
                     postgres: .init(up: onPostgres.map { [$0] } ?? [], down: onPostgres == nil ? [] : [drop]))
        }
        return problems + want.differences(from: expected).map { "\(at): \($0)" }
    }

    /// Why a new column cannot be added to a table that already has rows, on either engine; nil when it can.
    private func refusal(_ column: ColumnDeclaration) -> String? {
        if !column.isNullable && column.defaultValue == nil {
            return "is NOT NULL without a default: existing rows would have no value (give it a default, or write this migration by hand)"
        }
        if column.isUnique { return "is UNIQUE, which SQLite cannot add to an existing table" }
        if column.isSearchable { return "is searchable: the full-text index has to be rebuilt" }
        if column.defaultValue == .now || column.defaultValue == .randomUUID {
            return "defaults to an expression, which SQLite cannot add to an existing table"
        }
        if column.references != nil && column.defaultValue != nil {
            return "has a reference and a default, which SQLite cannot add to an existing table"
        }
        return nil
    }

    /// The statement among a table's statements that creates the index `name`.
    private func indexStatement(_ name: String, in statements: [String]) -> String? {
        statements.first { $0.hasPrefix("CREATE INDEX \(quote(name)) ") || $0.hasPrefix("CREATE UNIQUE INDEX \(quote(name)) ") }
    }
}

/// An additive migration worked out by `MigrationPlanner`: each engine's statements, and one line per change.
struct MigrationPlan: Sendable, Equatable {
    struct Statements: Sendable, Equatable {
        var up: [String] = []
        /// Undoes `up`, the newest change first.
        var down: [String] = []
    }

    /// `new table jobs`, `new column prompts.extra_note`, `new index idx_prompts_extra_note`, in order.
    private(set) var changes: [String] = []
    /// The declared tables the changes touch, in declaration order.
    private(set) var tables: [String] = []
    private(set) var sqlite = Statements()
    private(set) var postgres = Statements()

    var isEmpty: Bool { changes.isEmpty }

    func statements(for kind: EngineKind) -> Statements { kind == .sqlite ? sqlite : postgres }

    /// The plan as the history step `name` at `sequence`, for `MigrationSource.file`.
    func step(name: String, sequence: Int) -> MigrationSource.Step {
        MigrationSource.Step(name: name, sequence: sequence, sqliteUp: sqlite.up, sqliteDown: sqlite.down,
                             postgresUp: postgres.up, postgresDown: postgres.down)
    }

    /// Adds a change; its down statements run before those of the changes added before it.
    fileprivate mutating func add(_ change: String, table: String, sqlite: Statements, postgres: Statements) {
        changes.append(change)
        if !tables.contains(table) { tables.append(table) }
        self.sqlite.up += sqlite.up
        self.sqlite.down = sqlite.down + self.sqlite.down
        self.postgres.up += postgres.up
        self.postgres.down = postgres.down + self.postgres.down
    }
}

/// What `MigrationPlanner` will not write: these changes need a migration written by hand.
struct MigrationRefusal: Error, CustomStringConvertible {
    let problems: [String]

    var description: String {
        "make-migration writes only new tables, columns and indexes; write this migration by hand:\n  "
            + problems.joined(separator: "\n  ")
    }
}
