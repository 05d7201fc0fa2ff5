import Foundation
import Vapor

/// The people-readable labels of the rows that foreign keys point at: one query per referenced table for
/// a whole page, scoped to what the tenant may see.
struct ReferenceLabels {
    /// `table` → key value → label.
    private(set) var labels: [String: [String: String]] = [:]

    func label(_ key: ForeignKey, _ value: String) -> String? { labels[key.table + "." + key.column]?[value] }

    static func load(for rows: [[DBValue]], columns: [ColumnDeclaration], req: Request, actor: Actor) async throws -> ReferenceLabels {
        let (store, clients) = (req.store, req.hubClients)
        var result = ReferenceLabels()
        var wanted: [String: (key: ForeignKey, values: Set<String>)] = [:]
        for (i, column) in columns.enumerated() {
            guard let key = column.references else { continue }
            let id = key.table + "." + key.column
            for row in rows {
                guard let value = row[i].stringValue, !row[i].isNull else { continue }
                wanted[id, default: (key, [])].values.insert(value)
            }
        }
        for (id, want) in wanted {
            // Rows the reader may not list are shown by their key.
            guard let parent = Resources.named(want.key.table), let keyColumn = parent.column(want.key.column),
                  actor.may(Permissions.readScope(parent)) else { continue }
            let values = Array(want.values.prefix(ListQuery.maximumLimit))
            var query = ListQuery()
            query.limit = values.count
            query.filters = [Filter(column: keyColumn, op: .in, negated: false, operand: .list(values.map { keyColumn.type == .uuid ? DBValue.uuid(UUID(text: $0) ?? UUID()) : .string($0) }))]
            query.select = [keyColumn.name, parent.labelColumn]
            if parent.isSoftDeletable { query.deleted = .include }
            let page = try await ResourceService(store: store, resource: parent, actor: actor, clients: clients).list(query)
            var map: [String: String] = [:]
            for row in page.rows {
                guard let key = row[0].stringValue else { continue }
                map[key] = row.count > 1 ? (row[1].stringValue ?? key) : key
            }
            result.labels[id] = map
        }
        return result
    }
}
