import SQLKit

extension PostgresEngine {
    /// Reads the catalog of the `public` schema: `pg_attribute` for columns (a generated column's expression
    /// is part of its type), `pg_indexes`, `pg_constraint` for foreign keys and CHECKs, `pg_trigger` (without
    /// the internal ones behind foreign keys), `pg_views`, and `pg_proc` for functions not from an extension.
    public func inspectSchema(_ store: Store) async throws -> SchemaSnapshot {
        func query(_ sql: String) async throws -> [any SQLRow] {
            try await store.sql.raw("\(unsafeRaw: sql)").all()
        }
        var tables: [String: SchemaSnapshot.Table] = [:]
        for row in try await query("""
            SELECT c.relname::text AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_fluent_migrations'
            """) {
            let name = try row.decode(column: "name", as: String.self)
            tables[name] = SchemaSnapshot.Table(name: name)
        }
        for row in try await query(#"""
            SELECT c.relname::text AS table_name, a.attname::text AS name,
              format_type(a.atttypid, a.atttypmod)
                || CASE WHEN a.attcollation <> t.typcollation THEN ' COLLATE ' || quote_ident(co.collname::text) ELSE '' END
                || CASE WHEN a.attgenerated = 's' THEN ' GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ') STORED' ELSE '' END
                AS type,
              a.attnotnull AS not_null,
              CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default_value
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
            """#) {
            let table = try row.decode(column: "table_name", as: String.self)
            let column = SchemaSnapshot.Column(
                name: try row.decode(column: "name", as: String.self), type: try row.decode(column: "type", as: String.self),
                notNull: try row.decode(column: "not_null", as: Bool.self), defaultValue: try row.optionalText("default_value"))
            tables[table]?.columns.append(column)
        }
        for row in try await query("""
            SELECT tablename::text AS table_name, indexname::text AS name, indexdef AS definition
            FROM pg_indexes WHERE schemaname = 'public'
            """) {
            let table = try row.decode(column: "table_name", as: String.self)
            let definition = try row.decode(column: "definition", as: String.self)
            let index = SchemaSnapshot.Index(
                name: try row.decode(column: "name", as: String.self), isUnique: definition.hasPrefix("CREATE UNIQUE "), definition: definition)
            tables[table]?.indexes.append(index)
        }
        for row in try await query("""
            SELECT cl.relname::text AS table_name, co.conname::text AS name, co.contype::text AS kind,
              pg_get_constraintdef(co.oid) AS definition, a.attname::text AS first_column
            FROM pg_constraint co
            JOIN pg_class cl ON cl.oid = co.conrelid
            JOIN pg_namespace n ON n.oid = cl.relnamespace
            LEFT JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = co.conkey[1]
            WHERE n.nspname = 'public' AND co.contype IN ('f', 'c')
            """) {
            let table = try row.decode(column: "table_name", as: String.self)
            let name = try row.decode(column: "name", as: String.self)
            let definition = try row.decode(column: "definition", as: String.self)
            if try row.decode(column: "kind", as: String.self) == "f" {
                let column = try row.optionalText("first_column") ?? ""
                tables[table]?.foreignKeys.append(SchemaSnapshot.ForeignKey(column: column, definition: "\(name): \(definition)"))
            } else {
                tables[table]?.checks.append(SchemaSnapshot.Check(name: name, definition: definition))
            }
        }
        for row in try await query("""
            SELECT c.relname::text AS table_name, tg.tgname::text AS name FROM pg_trigger tg
            JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND NOT tg.tgisinternal
            """) {
            let table = try row.decode(column: "table_name", as: String.self)
            tables[table]?.triggers.append(try row.decode(column: "name", as: String.self))
        }
        let views = try await query("SELECT viewname::text AS name FROM pg_views WHERE schemaname = 'public'")
            .map { try $0.decode(column: "name", as: String.self) }
        let functions = try await query("""
            SELECT p.proname::text AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = 'public' AND NOT EXISTS (
              SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
            """).map { try $0.decode(column: "name", as: String.self) }
        return SchemaSnapshot(tables: Array(tables.values), views: views, functions: functions)
    }
}
