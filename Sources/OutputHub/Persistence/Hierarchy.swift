
/// "Whole subtree" reads of a hierarchical table: one index range scan over the materialised path.
public struct Hierarchy: Sendable {
    let store: Store
    let table: TableDeclaration

    public init(store: Store, table: TableDeclaration) {
        self.store = store
        self.table = table
    }

    /// The row with `id` and all its descendants, ordered by path (parents before children).
    public func subtree(of id: DBValue) async throws -> [DBRow] {
        guard let h = table.hierarchy, let root = try await store.find(table, id: id),
              let path = root[h.pathColumn]?.stringValue
        else { return [] }
        let column = quote(h.pathColumn)
        // Paths are `/id/…/` in byte order, and `~` sorts after every character of an id or `/`.
        var sql = SQLText(store.engine, "SELECT * FROM \(quote(table.name)) WHERE \(column) >= ")
        sql.bind(.string(path), as: .text)
        sql.append(" AND \(column) < ")
        sql.bind(.string(path + "~"), as: .text)
        sql.append(" ORDER BY \(column)")
        return try await store.rows(sql).map { try store.decode($0, table.columns) }
    }
}
