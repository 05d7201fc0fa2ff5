import Foundation

/// Builds the SQL that reads a resource's rows for one tenant: scope, soft delete, filters, search, keyset
/// or offset paging, and order with NULLs sorting as the largest value on both engines.
struct RowQuery {
    let resource: Resource
    let actor: Actor
    let engine: any DatabaseEngine
    /// A read of one row by id, which also finds other tenants' public rows (lists, counts and every write
    /// stay within the actor's own tenant).
    var publicRows = false

    /// Who sees every private row of a tenant: its administrators.
    static let privateRowsScope = "identity:admin"

    /// `SELECT columns FROM relation WHERE …` for a page of `query`; with `rowJSON` (an expression from
    /// `DatabaseEngine.rowJSONSQL`) the row's JSON text comes first, as `_row`, then `columns`.
    func page(_ query: ListQuery, columns: [String], rowJSON: String? = nil) -> SQLText {
        var select = selectList(columns)
        if let rowJSON { select = columns.isEmpty ? "\(rowJSON) AS \"_row\"" : "\(rowJSON) AS \"_row\", \(select)" }
        var sql = SQLText(engine, "SELECT \(select) FROM \(quote(resource.name))")
        appendWhere(&sql, query, keyset: query.cursor)
        let order = query.keysetOrder.map { term in
            // NULLs sort as the largest value; on NOT NULL columns the clause is left out so an index can give the order.
            let nulls = nullable(term.column) ? (term.descending ? " NULLS FIRST" : " NULLS LAST") : ""
            return "\(quote(term.column)) \(term.descending ? "DESC" : "ASC")\(nulls)"
        }
        sql.append(" ORDER BY " + order.joined(separator: ", "))
        sql.append(" LIMIT \(query.limit + 1)")
        if let offset = query.offset { sql.append(" OFFSET \(offset)") }
        return sql
    }

    /// The quoted column list; a resource's whole list is quoted once (most pages read every column).
    private func selectList(_ columns: [String]) -> String {
        columns == resource.columnNames ? resource.quotedColumnList : columns.map(quote).joined(separator: ", ")
    }

    /// `SELECT COUNT(*)` of every row `query` matches, ignoring paging.
    func count(_ query: ListQuery) -> SQLText {
        var sql = SQLText(engine, "SELECT COUNT(*) AS n FROM \(quote(resource.name))")
        appendWhere(&sql, query, keyset: nil)
        return sql
    }

    /// `SELECT COUNT(*)` of the rows `query` matches, counting no further than `cap` (a list screen shows
    /// "10,000+" rather than scanning a huge table).
    func count(_ query: ListQuery, upTo cap: Int) -> SQLText {
        var sql = SQLText(engine, "SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM \(quote(resource.name))")
        appendWhere(&sql, query, keyset: nil)
        sql.append(" LIMIT \(cap)) AS capped")
        return sql
    }

    /// Appends `count(_:upTo:)` as a parenthesised scalar subquery, `(SELECT COUNT(*) FROM (… LIMIT cap) AS
    /// capped)`, so one statement can read the capped counts of several resources (the dashboard's).
    func appendCount(_ query: ListQuery, upTo cap: Int, to sql: inout SQLText) {
        sql.append("(SELECT COUNT(*) FROM (SELECT 1 AS one FROM \(quote(resource.name))")
        appendWhere(&sql, query, keyset: nil)
        sql.append(" LIMIT \(cap)) AS capped)")
    }

    /// One row by id, within the tenant.
    func one(id: UUID, deleted: DeletedMode, columns: [String]) -> SQLText {
        var query = ListQuery()
        query.deleted = deleted
        var sql = SQLText(engine, "SELECT \(columns.map(quote).joined(separator: ", ")) FROM \(quote(resource.name))")
        appendWhere(&sql, query, keyset: nil)
        sql.append(" AND \(quote("id")) = ")
        sql.bind(.uuid(id), as: .uuid)
        return sql
    }

    // MARK: WHERE

    private func appendWhere(_ sql: inout SQLText, _ query: ListQuery, keyset: [DBValue]?) {
        sql.append(" WHERE ")
        appendScope(&sql)
        if resource.isSoftDeletable {
            switch query.deleted {
            case .exclude: sql.append(" AND \(quote("deleted_at")) IS NULL")
            case .only: sql.append(" AND \(quote("deleted_at")) IS NOT NULL")
            case .include: break
            }
        }
        for filter in query.filters {
            sql.append(" AND ")
            appendFilter(&sql, filter)
        }
        if let search = query.search, let table = resource.table {
            sql.append(" AND ")
            engine.appendFullTextMatch(to: &sql, table: table, query: search)
        }
        if let keyset {
            sql.append(" AND ")
            appendKeyset(&sql, order: query.keysetOrder, values: keyset)
        }
    }

    func appendScope(_ sql: inout SQLText) {
        let tenant = DBValue.uuid(actor.tenantID)
        switch resource.scope {
        case .tenantColumn(let column):
            guard let visibility = resource.table?.visibility else {
                sql.append("\(quote(column)) = ")
                sql.bind(tenant, as: .uuid)
                return
            }
            let seesPrivate = actor.may(Self.privateRowsScope)
            sql.append(publicRows ? "((\(quote(column)) = " : "(\(quote(column)) = ")
            sql.bind(tenant, as: .uuid)
            if let parent = visibility.parent {
                // Rows that belong to a row with a visibility (a prompt's versions) follow it.
                if !seesPrivate {
                    sql.append(" AND \(quote(visibility.column)) IN (SELECT id FROM \(quote(parent)) WHERE \(quote("visibility")) <> 'private' OR \(quote("created_by")) = ")
                    sql.bind(.uuid(actor.userID), as: .uuid)
                    sql.append(")")
                }
            } else if !seesPrivate {
                sql.append(" AND (\(quote(visibility.column)) <> 'private' OR \(quote(visibility.author)) = ")
                sql.bind(.uuid(actor.userID), as: .uuid)
                sql.append(")")
            }
            sql.append(")")
            if publicRows, visibility.parent == nil { sql.append(" OR \(quote(visibility.column)) = 'public')") } else if publicRows { sql.append(")") }
        case .ownTenant:
            sql.append("\(quote("id")) = ")
            sql.bind(tenant, as: .uuid)
        case .tenantMembers(let through, let member):
            sql.append("\(quote("id")) IN (SELECT \(quote(member)) FROM \(quote(through)) WHERE \(quote("tenant_id")) = ")
            sql.bind(tenant, as: .uuid)
            sql.append(")")
        case .tenantOrSystem(let column):
            sql.append("(\(quote(column)) = ")
            sql.bind(tenant, as: .uuid)
            sql.append(actor.isSystemAdmin ? " OR \(quote(column)) IS NULL)" : ")")
        case .global:
            sql.append("1 = 1")
        }
    }

    /// One filter in parentheses; `not.` negates it with SQL's meaning (a NULL matches neither way).
    private func appendFilter(_ sql: inout SQLText, _ filter: Filter) {
        let column = quote(filter.column.name), type = filter.column.type
        sql.append(filter.negated ? "NOT (" : "(")
        switch filter.operand {
        case .isNull: sql.append("\(column) IS NULL")
        case .isTrue: sql.append("\(column) IS TRUE")
        case .isFalse: sql.append("\(column) IS FALSE")
        case .pattern(let pattern):
            engine.appendPatternMatch(to: &sql, column: filter.column.name, pattern: pattern, caseSensitive: filter.op == .like)
        case .list(let values):
            sql.append("\(column) IN (")
            sql.appendList(values, as: type)
            sql.append(")")
        case .value(let value):
            let op = switch filter.op {
            case .eq: "="
            case .neq: "<>"
            case .gt: ">"
            case .gte: ">="
            case .lt: "<"
            default: "<="
            }
            sql.append("\(column) \(op) ")
            sql.bind(value, as: type)
        }
        sql.append(")")
    }

    /// Rows strictly after the cursor in keyset order: an OR over "equal on the first k−1 terms, after on term k".
    private func appendKeyset(_ sql: inout SQLText, order: [OrderTerm], values: [DBValue]) {
        sql.append("(")
        for k in 0..<order.count {
            if k > 0 { sql.append(" OR ") }
            sql.append("(")
            for j in 0..<k {
                appendEqual(&sql, order[j], values[j])
                sql.append(" AND ")
            }
            appendAfter(&sql, order[k], values[k])
            sql.append(")")
        }
        sql.append(")")
    }

    private func appendEqual(_ sql: inout SQLText, _ term: OrderTerm, _ value: DBValue) {
        let column = quote(term.column)
        if value.isNull {
            sql.append("\(column) IS NULL")
        } else {
            sql.append("\(column) = ")
            sql.bind(value, as: resource.column(term.column)!.type)
        }
    }

    private func nullable(_ column: String) -> Bool { resource.column(column)?.isNullable ?? true }

    /// "After" with NULL as the largest value: ascending NULLs come last, descending first.
    private func appendAfter(_ sql: inout SQLText, _ term: OrderTerm, _ value: DBValue) {
        let column = quote(term.column), type = resource.column(term.column)!.type
        switch (term.descending, value.isNull) {
        case (false, true): sql.append("1 = 0")
        case (false, false):
            sql.append("(\(column) > ")
            sql.bind(value, as: type)
            sql.append(nullable(term.column) ? " OR \(column) IS NULL)" : ")")
        case (true, true): sql.append("\(column) IS NOT NULL")
        case (true, false):
            sql.append("\(column) < ")
            sql.bind(value, as: type)
        }
    }
}
