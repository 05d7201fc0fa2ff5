import SQLKit

extension SQLiteEngine {
    /// The main schema's ordinary and full-text tables, without SQLite's own tables, the full-text indexes'
    /// shadow tables and Fluent's migration log (`t` is `pragma_table_list`).
    private static let inspectedTables = """
        t.schema = 'main' AND t.type IN ('table', 'virtual') AND t.name NOT LIKE 'sqlite_%' AND t.name <> '_fluent_migrations'
        """

    /// Reads `sqlite_master` and the table-valued pragmas (`table_list`, `table_info`, `index_list`,
    /// `index_info`, `foreign_key_list`). SQLite keeps CHECK constraints only in the table's SQL, so their
    /// names and expressions are taken from there.
    public func inspectSchema(_ store: Store) async throws -> SchemaSnapshot {
        func query(_ sql: String) async throws -> [any SQLRow] {
            try await store.sql.raw("\(unsafeRaw: sql)").all()
        }
        let filter = Self.inspectedTables
        var tables: [String: SchemaSnapshot.Table] = [:]
        for row in try await query("""
            SELECT t.name AS table_name, t.type AS kind, m.sql AS sql FROM pragma_table_list t
            LEFT JOIN sqlite_master m ON m.type = 'table' AND m.name = t.name WHERE \(filter)
            """) {
            let name = try row.decode(column: "table_name", as: String.self)
            let sql = try row.optionalText("sql") ?? ""
            let isVirtual = try row.decode(column: "kind", as: String.self) == "virtual"
            var table = SchemaSnapshot.Table(name: name, virtualDefinition: isVirtual ? SchemaSnapshot.collapsingWhitespace(sql) : nil)
            table.checks = SchemaSnapshot.checks(in: sql)
            tables[name] = table
        }
        for row in try await query(#"""
            SELECT t.name AS table_name, c.name AS name, c.type AS type, c."notnull" AS not_null, c.dflt_value AS default_value
            FROM pragma_table_list t JOIN pragma_table_info(t.name) c WHERE \#(filter)
            """#) {
            let table = try row.decode(column: "table_name", as: String.self)
            let column = SchemaSnapshot.Column(
                name: try row.decode(column: "name", as: String.self), type: try row.decode(column: "type", as: String.self),
                notNull: try row.decode(column: "not_null", as: Int.self) != 0, defaultValue: try row.optionalText("default_value"))
            tables[table]?.columns.append(column)
        }
        // Indexes SQLite made for PRIMARY KEY and UNIQUE constraints have no SQL: they are described by their columns.
        var constraintColumns: [String: [String]] = [:]
        for row in try await query("""
            SELECT i.name AS index_name, c.name AS column_name FROM pragma_table_list t
            JOIN pragma_index_list(t.name) i JOIN pragma_index_info(i.name) c
            WHERE \(filter) AND i.origin <> 'c' ORDER BY i.name, c.seqno
            """) {
            let index = try row.decode(column: "index_name", as: String.self)
            constraintColumns[index, default: []].append(try row.decode(column: "column_name", as: String.self))
        }
        for row in try await query(#"""
            SELECT t.name AS table_name, i.name AS name, i."unique" AS is_unique, i.origin AS origin, m.sql AS sql
            FROM pragma_table_list t JOIN pragma_index_list(t.name) i
            LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = i.name WHERE \#(filter)
            """#) {
            let table = try row.decode(column: "table_name", as: String.self)
            let name = try row.decode(column: "name", as: String.self)
            let constraint = try row.decode(column: "origin", as: String.self) == "pk" ? "PRIMARY KEY" : "UNIQUE"
            let definition = try row.optionalText("sql").map(SchemaSnapshot.collapsingWhitespace)
                ?? "\(constraint) (\((constraintColumns[name] ?? []).joined(separator: ", ")))"
            let isUnique = try row.decode(column: "is_unique", as: Int.self) != 0
            tables[table]?.indexes.append(SchemaSnapshot.Index(name: name, isUnique: isUnique, definition: definition))
        }
        for row in try await query(#"""
            SELECT t.name AS table_name, f."from" AS from_column, f."table" AS to_table, f."to" AS to_column, f.on_delete AS on_delete
            FROM pragma_table_list t JOIN pragma_foreign_key_list(t.name) f WHERE \#(filter)
            """#) {
            let table = try row.decode(column: "table_name", as: String.self)
            let from = try row.decode(column: "from_column", as: String.self)
            let target = try row.decode(column: "to_table", as: String.self)
            let targetColumn = try row.optionalText("to_column") ?? ""
            let onDelete = try row.decode(column: "on_delete", as: String.self)
            let definition = "(\(from)) REFERENCES \(target) (\(targetColumn)) ON DELETE \(onDelete)"
            tables[table]?.foreignKeys.append(SchemaSnapshot.ForeignKey(column: from, definition: definition))
        }
        for row in try await query("SELECT tbl_name AS table_name, name FROM sqlite_master WHERE type = 'trigger'") {
            let table = try row.decode(column: "table_name", as: String.self)
            tables[table]?.triggers.append(try row.decode(column: "name", as: String.self))
        }
        let views = try await query("SELECT name FROM sqlite_master WHERE type = 'view'").map { try $0.decode(column: "name", as: String.self) }
        return SchemaSnapshot(tables: Array(tables.values), views: views)
    }
}
