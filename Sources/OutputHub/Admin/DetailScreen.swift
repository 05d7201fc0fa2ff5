import Foundation
import Vapor

/// One row of any table: every field formatted for its type, references by label, the rows that refer to
/// it, and its history from the audit log. Tables with more to show add panels in their `TableBehaviour`.
enum DetailScreen {
    static let relatedLimit = 5

    static func show(_ req: Request) async throws -> Response {
        let resource = try AdminAccess.resource(req)
        let id = try AdminAccess.id(req)
        let service = try AdminAccess.service(req, resource)
        let row = try await service.get(id, deleted: resource.isSoftDeletable ? .include : .exclude)
        let values = resource.columns.map { row[$0.name] ?? .null }
        let labels = try await ReferenceLabels.load(for: [values], columns: resource.columns, req: req, actor: service.actor)
        let idText = id.lowercaseText
        let deleted = row["deleted_at"].map { !$0.isNull } ?? false

        var actions: [HTML] = []
        if deleted, AdminAccess.can(req, .delete, resource) {
            actions.append("""
                <form method="post" action="\(AdminPath.restore(resource.name, idText))">\(AdminLayout.csrfField(req))
                <button class="primary" type="submit">Restore</button></form>
                """)
        } else {
            if AdminAccess.can(req, .update, resource) { actions.append("<a class=\"button primary\" href=\"\(AdminPath.edit(resource.name, idText))\">Edit</a>") }
            if AdminAccess.can(req, .delete, resource) { actions.append("<a class=\"button danger\" href=\"\(AdminPath.delete(resource.name, idText))\">Delete</a>") }
        }
        let fields = resource.columns.map { column in
            HTML("<dt>\(ValueFormat.heading(column))</dt><dd>\(ValueFormat.full(row[column.name] ?? .null, column, labels: labels, format: column.formatColumn.flatMap { row[$0]?.stringValue }))</dd>")
        }
        var extra: [HTML] = []
        for panel in resource.behaviour?.detailPanels ?? [] { extra.append(try await panel(req, row)) }
        let content: HTML = """
            \(HTML.when(deleted, "<p class=\"flash bad\" role=\"status\">This row is in the trash.</p>"))
            <div class="toolbar">\(actions)</div>
            \(extra)
            <section class="panel" aria-labelledby="fields-heading"><h2 id="fields-heading" class="visually-hidden">Fields</h2>
            <dl class="fields">\(fields)</dl></section>
            \(try await related(req, resource, id: id))
            \(try await history(req, resource, id: idText))
            """
        let title = rowTitle(resource, row)
        let page = AdminPage(title: title, crumbs: [(resource.module.rawValue, nil), (resource.label, AdminPath.list(resource.name)), (ValueFormat.shorten(title, 40), nil)],
                             table: resource.name, content: content)
        return try await AdminLayout.render(page, req)
    }

    static func rowTitle(_ resource: Resource, _ row: DBRow) -> String {
        let label = row[resource.labelColumn].map(ValueFormat.text) ?? ""
        return label.isEmpty ? "\(FormScreen.singular(resource).capitalized) \(row["id"]?.stringValue?.prefix(8) ?? "")" : ValueFormat.shorten(label, 120)
    }

    // MARK: Related rows

    /// For each table with a reference to this row: its first rows and a link to all of them.
    private static func related(_ req: Request, _ resource: Resource, id: UUID) async throws -> HTML {
        guard let session = req.signedIn, resource.table != nil else { return .empty }
        var sections: [HTML] = []
        for child in Resources.all where !child.isView && session.actor.may(Permissions.readScope(child)) {
            for column in child.columns where column.references?.table == resource.name && column.references?.column == "id"
                && column.name != "tenant_id" {
                var query = ListQuery()
                query.limit = relatedLimit
                query.filters = [Filter(column: column, op: .eq, negated: false, operand: .value(.uuid(id)))]
                let shown = ListState.defaultColumns(child).filter { $0.name != column.name }.prefix(4)
                let names = ["id"] + shown.map(\.name)
                query.select = names
                let page = try await ResourceService(store: req.store, resource: child, actor: session.actor, clients: req.hubClients).list(query)
                guard !page.rows.isEmpty else { continue }
                let labels = try await ReferenceLabels.load(for: page.rows, columns: page.columns, req: req, actor: session.actor)
                let head = shown.map { HTML("<th scope=\"col\">\(ValueFormat.heading($0))</th>") }
                let rows = page.rows.map { row -> HTML in
                    let rowID = row[0].stringValue ?? ""
                    let cells = shown.enumerated().map { i, col -> HTML in
                        let cell = ValueFormat.cell(row[i + 1], col, labels: labels)
                        return i == 0 ? "<td><a href=\"\(AdminPath.detail(child.name, rowID))\">\(row[i + 1].isNull ? "(open)" : ValueFormat.shorten(ValueFormat.text(row[i + 1]), 60))</a></td>" : "<td>\(cell)</td>"
                    }
                    return "<tr>\(cells)</tr>"
                }
                let more: HTML = page.nextCursor == nil ? .empty
                    : " <a href=\"\(AdminPath.list(child.name, [(column.name, id.lowercaseText)]))\">All →</a>"
                let via = child.columns.filter { $0.references?.table == resource.name }.count > 1 ? " (\(ValueFormat.heading(column).lowercased()))" : ""
                sections.append("""
                    <section class="related"><h2>\(child.label)\(via)\(more)</h2>
                    <div class="table-wrap"><table class="rows"><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table></div></section>
                    """)
            }
        }
        return sections.joined()
    }

    // MARK: History

    /// The audit trail of the row, newest first, with what each change did.
    private static func history(_ req: Request, _ resource: Resource, id: String) async throws -> HTML {
        let audit = Resources.of(SystemTables.auditLogs)
        guard let session = req.signedIn, resource.table != nil,
              session.actor.may(Permissions.readScope(audit)),
              let tableColumn = audit.column("table_name"), let recordColumn = audit.column("record_id") else { return .empty }
        var query = ListQuery()
        query.limit = 20
        query.filters = [
            Filter(column: tableColumn, op: .eq, negated: false, operand: .value(.string(resource.name))),
            Filter(column: recordColumn, op: .eq, negated: false, operand: .value(.string(id))),
        ]
        query.order = [OrderTerm(column: "created_at", descending: true)]
        query.select = ["created_at", "action", "user_id", "old_values", "new_values"]
        let page = try await ResourceService(store: req.store, resource: audit, actor: session.actor, clients: req.hubClients).list(query)
        guard !page.rows.isEmpty else { return .empty }
        let labels = try await ReferenceLabels.load(for: page.rows, columns: page.columns, req: req, actor: session.actor)
        let items = page.rows.map { row -> HTML in
            let who = ValueFormat.cell(row[2], page.columns[2], labels: labels)
            let changes = AuditDiff.changes(old: row[3].stringValue, new: row[4].stringValue)
            let list: HTML = changes.isEmpty ? .empty : """
                <table class="rows diff"><tbody>\(changes.map { change in
                    HTML("<tr><td>\(change.field)</td><td><del>\(ValueFormat.shorten(change.old, 120))</del></td><td><ins>\(ValueFormat.shorten(change.new, 120))</ins></td></tr>")
                })</tbody></table>
                """
            return "<li><strong>\(row[1].stringValue ?? "")</strong> by \(who) · \(ValueFormat.timestamp(row[0]))\(list)</li>"
        }
        return "<section class=\"history\"><h2>History</h2><ul>\(items)</ul></section>"
    }
}

/// What an audited change did to each field.
enum AuditDiff {
    struct Change { let field: String; let old: String; let new: String }

    static func changes(old: String?, new: String?) -> [Change] {
        let before = object(old), after = object(new)
        // The row's identity and timestamps are not news in a history.
        let unchanging: Set<String> = ["id", "tenant_id", "created_at", "updated_at"]
        let keys = Set(before.keys).union(after.keys).subtracting(unchanging).sorted()
        return keys.compactMap { key in
            let a = before[key] ?? "", b = after[key] ?? ""
            return a == b ? nil : Change(field: key, old: a, new: b)
        }
    }

    private static func object(_ text: String?) -> [String: String] {
        guard let text, let data = text.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object.mapValues { value in
            if value is NSNull { return "" }
            if let string = value as? String { return string }
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]) {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(value)"
        }
    }
}
