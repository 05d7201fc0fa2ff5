/// The parts of a table's DDL both engines write the same way. Each engine supplies the column types,
/// defaults and the engine-only pieces (triggers, full-text, array indexes).
protocol SchemaDialect {
    /// The column's type, plus any engine-specific `CHECK` that enforces the declared type.
    func columnTypeSQL(_ column: ColumnDeclaration, table: String) -> String
    func defaultSQL(_ value: ColumnDefault, for type: ColumnType) -> String
    /// Extra column definitions that only exist on this engine (e.g. PostgreSQL's `search_vector`).
    func extraColumns(for table: TableDeclaration) -> [String]
    /// A value of `type` that stands for NULL in a unique index where NULLs are not distinct.
    func nullSentinel(for type: ColumnType) -> String
}

extension SchemaDialect {
    /// One column as both `CREATE TABLE` and `ALTER TABLE … ADD COLUMN` write it: name, type (with the engine's
    /// type CHECK), NOT NULL, DEFAULT, the CHECKs of its allowed values and range, and its foreign key.
    func columnDefinitionSQL(_ column: ColumnDeclaration, table: TableDeclaration) -> String {
        var def = "\(quote(column.name)) \(columnTypeSQL(column, table: table.name))"
        if !column.isNullable { def += " NOT NULL" }
        if let value = column.defaultValue { def += " DEFAULT \(defaultSQL(value, for: column.type))" }
        if let values = column.allowedValues {
            let list = values.map(literal).joined(separator: ", ")
            def += " CONSTRAINT \(quote("ck_\(table.name)_\(column.name)_value")) CHECK (\(quote(column.name)) IN (\(list)))"
        }
        if let range = column.range {
            def += " CONSTRAINT \(quote(column.rangeConstraintName ?? "ck_\(table.name)_\(column.name)_range")) CHECK (\(quote(column.name)) BETWEEN \(numberLiteral(range.lowerBound)) AND \(numberLiteral(range.upperBound)))"
        }
        if let key = column.references {
            def += " CONSTRAINT \(quote("fk_\(table.name)_\(column.name)")) REFERENCES \(quote(key.table)) (\(quote(key.column))) ON DELETE \(key.onDelete.rawValue)"
        }
        return def
    }

    /// `CREATE TABLE` with the column definitions, primary key, table CHECKs and full UNIQUE constraints.
    func createTableSQL(_ table: TableDeclaration, suffix: String = "") -> String {
        var parts = table.columns.map { columnDefinitionSQL($0, table: table) }
        parts += extraColumns(for: table)
        parts.append("PRIMARY KEY (\(quote("id")))")
        for column in table.columns where column.isUnique {
            parts.append("CONSTRAINT \(quote("uq_\(table.name)_\(column.name)")) UNIQUE (\(quote(column.name)))")
        }
        for check in table.checks {
            parts.append("CONSTRAINT \(quote(check.name)) CHECK (\(check.sql))")
        }
        for unique in table.uniques where unique.whenNotNull.isEmpty && !unique.nullsNotDistinct {
            parts.append("CONSTRAINT \(quote(unique.name)) UNIQUE (\(unique.columns.map(quote).joined(separator: ", ")))")
        }
        return "CREATE TABLE \(quote(table.name)) (\n  " + parts.joined(separator: ",\n  ") + "\n)" + suffix
    }

    /// Partial unique indexes, declared indexes, and an index on every foreign key that no index leads with.
    func indexSQL(_ table: TableDeclaration, includeArrayIndexes: Bool) -> [String] {
        var statements: [String] = []
        var leading = Set(table.indexes.compactMap(\.columns.first))
        leading.formUnion(table.uniques.compactMap(\.columns.first))
        leading.insert("id")
        for unique in table.uniques where unique.nullsNotDistinct {
            let keys = unique.columns.map { name -> String in
                guard let column = table.column(name), column.isNullable else { return quote(name) }
                return "COALESCE(\(quote(name)), \(nullSentinel(for: column.type)))"
            }
            statements.append("CREATE UNIQUE INDEX \(quote(unique.name)) ON \(quote(table.name)) (\(keys.joined(separator: ", ")))")
        }
        for unique in table.uniques where !unique.whenNotNull.isEmpty {
            let predicate = unique.whenNotNull.map { "\(quote($0)) IS NOT NULL" }.joined(separator: " AND ")
            statements.append(
                "CREATE UNIQUE INDEX \(quote(unique.name)) ON \(quote(table.name)) (\(unique.columns.map(quote).joined(separator: ", "))) WHERE \(predicate)")
        }
        for index in table.indexes {
            if index.isArrayIndex {
                guard includeArrayIndexes else { continue }
                statements.append("CREATE INDEX \(quote(index.name)) ON \(quote(table.name)) USING gin (\(index.columns.map(quote).joined(separator: ", ")))")
                continue
            }
            let columns = index.columns.map { quote($0) + (index.descending.contains($0) ? " DESC" : "") }
            var sql = "CREATE INDEX \(quote(index.name)) ON \(quote(table.name)) (\(columns.joined(separator: ", ")))"
            if let predicate = index.predicate { sql += " WHERE \(predicate)" }
            statements.append(sql)
        }
        // Lists read one tenant's rows in id order (the default keyset order), so every tenant-owned table
        // gets (tenant_id, id), whatever other indexes start with tenant_id. Where rows are soft-deleted the
        // index is (tenant_id, deleted_at, id): lists hide deleted rows, and counting a tenant's live rows
        // then reads the index alone.
        if table.column("tenant_id") != nil && !table.indexes.contains(where: { $0.columns == ["tenant_id", "id"] }) {
            let columns = table.isSoftDeletable ? ["tenant_id", "deleted_at", "id"] : ["tenant_id", "id"]
            statements.append("CREATE INDEX \(quote("idx_\(table.name)_tenant_id")) ON \(quote(table.name)) (\(columns.map(quote).joined(separator: ", ")))")
            leading.insert("tenant_id")
        }
        for (column, _) in table.foreignKeys where !leading.contains(column.name) {
            statements.append("CREATE INDEX \(quote("idx_\(table.name)_\(column.name)")) ON \(quote(table.name)) (\(quote(column.name)))")
            leading.insert(column.name)
        }
        if let hierarchy = table.hierarchy, !leading.contains(hierarchy.pathColumn) {
            statements.append("CREATE INDEX \(quote("idx_\(table.name)_\(hierarchy.pathColumn)")) ON \(quote(table.name)) (\(quote(hierarchy.pathColumn)))")
        }
        return statements
    }

    /// The text every hierarchy path starts with for a root row: `/`.
    var rootPath: String { "'/'" }
}
