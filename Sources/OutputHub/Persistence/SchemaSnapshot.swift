import SQLKit

/// A live database's schema as its engine reports it (see `DatabaseEngine.inspectSchema`): per table the
/// columns, indexes, foreign keys, CHECK constraints and triggers, each sorted by name (so the order columns
/// were added in never matters); the views; and on PostgreSQL the functions. Fluent's migration log is left
/// out. `text` is its readable, deterministic form; `differences(from:only:)` compares a database built from
/// the declarations with one built by the migration history.
public struct SchemaSnapshot: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public let name: String
        /// The type as the engine reports it (empty for the columns of SQLite's full-text tables).
        public let type: String
        public let notNull: Bool
        /// The default's SQL as the engine reports it.
        public let defaultValue: String?

        /// `TEXT NOT NULL DEFAULT '{}'`.
        public var summary: String {
            var parts = type.isEmpty ? [] : [type]
            if notNull { parts.append("NOT NULL") }
            if let defaultValue { parts.append("DEFAULT \(defaultValue)") }
            return parts.joined(separator: " ")
        }
    }

    public struct Index: Sendable, Equatable {
        public let name: String
        public let isUnique: Bool
        /// SQLite's `CREATE INDEX` text with whitespace collapsed (for an index SQLite made for a PRIMARY KEY
        /// or UNIQUE constraint, that constraint and its columns); PostgreSQL's `pg_indexes.indexdef`.
        public let definition: String

        public var summary: String { (isUnique ? "unique " : "") + definition }
    }

    public struct ForeignKey: Sendable, Equatable {
        public let column: String
        /// `(tenant_id) REFERENCES tenants (id) ON DELETE CASCADE` on SQLite; the constraint's name and
        /// `pg_get_constraintdef` on PostgreSQL.
        public let definition: String
    }

    public struct Check: Sendable, Equatable {
        public let name: String
        /// `CHECK (…)`.
        public let definition: String
    }

    public struct Table: Sendable, Equatable {
        public let name: String
        /// The `CREATE VIRTUAL TABLE` statement of one of SQLite's full-text tables; nil for ordinary tables.
        public let virtualDefinition: String?
        public var columns: [Column] = []
        public var indexes: [Index] = []
        public var foreignKeys: [ForeignKey] = []
        public var checks: [Check] = []
        public var triggers: [String] = []

        public init(name: String, virtualDefinition: String? = nil) {
            self.name = name
            self.virtualDefinition = virtualDefinition
        }
    }

    /// Sorted by name, as is everything in them.
    public let tables: [Table]
    public let views: [String]
    public let functions: [String]

    /// A snapshot of what an engine listed, in whatever order it listed it.
    public init(tables: [Table], views: [String], functions: [String] = []) {
        self.tables = tables.map { table in
            var table = table
            table.columns.sort { $0.name < $1.name }
            table.indexes.sort { $0.name < $1.name }
            table.foreignKeys.sort { ($0.column, $0.definition) < ($1.column, $1.definition) }
            table.checks.sort { $0.name < $1.name }
            table.triggers.sort()
            return table
        }.sorted { $0.name < $1.name }
        self.views = views.sorted()
        self.functions = functions.sorted()
    }

    var tablesByName: [String: Table] { Dictionary(tables.map { ($0.name, $0) }) { first, _ in first } }

    /// One line per fact, tables in name order; each line names its table, so a line diff reads on its own.
    public var text: String {
        var lines: [String] = []
        for table in tables {
            lines.append("table \(table.name)" + (table.virtualDefinition.map { ": \($0)" } ?? ""))
            let name = table.name
            lines += table.columns.map { "\(name) column \($0.name)" + ($0.summary.isEmpty ? "" : ": \($0.summary)") }
            lines += table.indexes.map { "\(name) \($0.isUnique ? "unique index" : "index") \($0.name): \($0.definition)" }
            lines += table.foreignKeys.map { "\(name) foreign key: \($0.definition)" }
            lines += table.checks.map { "\(name) check \($0.name): \($0.definition)" }
            lines += table.triggers.map { "\(name) trigger \($0)" }
        }
        lines += views.map { "view \($0)" } + functions.map { "function \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How this snapshot of a database built from the declarations differs from `migrated`, one built by the
    /// migration history, one message per difference. Tables (columns, indexes, foreign keys, checks) are
    /// compared both ways; triggers and functions one way, since hand-written migrations add their own: every
    /// one the declarations create must exist in the migrated database. Views are not compared. `only` limits
    /// the comparison to those tables (and then leaves functions out).
    public func differences(from migrated: SchemaSnapshot, only names: Set<String>? = nil) -> [String] {
        let declared = tablesByName, existing = migrated.tablesByName
        var messages: [String] = []
        for name in Set(declared.keys).union(existing.keys).sorted() where names?.contains(name) ?? true {
            switch (declared[name], existing[name]) {
            case let (table?, other?): messages += table.differences(from: other).map { "table \(name): \($0)" }
            case (_?, nil): messages.append("table \(name) is declared but no migration creates it")
            case (nil, _?): messages.append("table \(name) exists in the migrated database but not in the declarations")
            case (nil, nil): break
            }
        }
        if names == nil {
            messages += Set(functions).subtracting(migrated.functions).sorted().map { "function \($0) is declared but no migration creates it" }
        }
        return messages
    }

    /// Builds what the declarations say into `store`, an empty database (the engine's prepare statements,
    /// then every table in order, in one transaction), and returns its snapshot.
    public static func declared(in store: Store, tables: [TableDeclaration] = Catalog.tables) async throws -> SchemaSnapshot {
        let engine = store.engine
        let statements = engine.prepareStatements() + tables.flatMap { engine.createStatements(for: $0) }
        try await store.transaction { tx in
            for statement in statements { try await tx.execute(statement) }
        }
        return try await engine.inspectSchema(store)
    }

    /// The named CHECK constraints in SQL text (`CONSTRAINT "name" CHECK (…)`), as SQLite keeps them only there.
    static func checks(in sql: String) -> [Check] {
        sql.matches(of: #/CONSTRAINT "([^"]+)" CHECK\s*/#).map { match in
            Check(name: String(match.output.1), definition: "CHECK " + parenthesised(sql[match.range.upperBound...]))
        }
    }

    /// The parenthesised expression `text` starts with, up to its matching `)`, skipping quoted text.
    private static func parenthesised(_ text: Substring) -> String {
        var depth = 0
        var openQuote: Character?
        for index in text.indices {
            let character = text[index]
            if let open = openQuote {
                if character == open { openQuote = nil }
                continue
            }
            switch character {
            case "'", "\"": openQuote = character
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 { return collapsingWhitespace(String(text[...index])) }
            default: break
            }
        }
        return collapsingWhitespace(String(text))
    }

    /// `text` with every run of whitespace (newlines included) as one space.
    static func collapsingWhitespace(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

extension SchemaSnapshot.Table {
    /// The differences of one table present on both sides, as messages without the table's name.
    func differences(from existing: Self) -> [String] {
        var messages: [String] = []
        if virtualDefinition != existing.virtualDefinition {
            messages.append("definition differs: declared \(virtualDefinition ?? "an ordinary table"), migrated \(existing.virtualDefinition ?? "an ordinary table")")
        }
        messages += Self.compare("column", columns.map { ($0.name, $0.summary) }, existing.columns.map { ($0.name, $0.summary) })
        messages += Self.compare("index", indexes.map { ($0.name, $0.summary) }, existing.indexes.map { ($0.name, $0.summary) })
        messages += Self.compare("foreign key on", foreignKeys.map { ($0.column, $0.definition) }, existing.foreignKeys.map { ($0.column, $0.definition) })
        messages += Self.compare("check", checks.map { ($0.name, $0.definition) }, existing.checks.map { ($0.name, $0.definition) })
        messages += Set(triggers).subtracting(existing.triggers).sorted().map { "trigger \"\($0)\" is declared but no migration creates it" }
        return messages
    }

    /// Messages for the named facts of one kind that only one side has, or that differ.
    private static func compare(_ kind: String, _ declared: [(String, String)], _ migrated: [(String, String)]) -> [String] {
        let mine = Dictionary(declared) { first, _ in first }, theirs = Dictionary(migrated) { first, _ in first }
        func shown(_ fact: String) -> String { fact.isEmpty ? "" : " (\(fact))" }
        return Set(mine.keys).union(theirs.keys).sorted().compactMap { name -> String? in
            switch (mine[name], theirs[name]) {
            case let (want?, have?):
                return want == have ? nil : "\(kind) \"\(name)\" differs: declared (\(want)), migrated (\(have))"
            case let (want?, nil): return "\(kind) \"\(name)\" is declared\(shown(want)) but no migration creates it"
            case let (nil, have?): return "\(kind) \"\(name)\" exists in the migrated database\(shown(have)) but not in the declarations"
            case (nil, nil): return nil
            }
        }
    }
}

extension SQLRow {
    /// A text column's value, nil for NULL.
    func optionalText(_ column: String) throws -> String? {
        try decodeNil(column: column) ? nil : decode(column: column, as: String.self)
    }
}
