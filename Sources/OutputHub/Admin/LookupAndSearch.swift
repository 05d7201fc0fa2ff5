import Foundation
import Vapor

/// The picker's row search (`/admin/{table}/lookup?q=`) and the header's search across every table.
enum LookupAndSearch {
    static let lookupLimit = 20
    static let sortedLookupLimit = 5_000

    /// `[{"value": id, "label": …}]` for rows whose label contains the text (full-text where declared).
    static func lookup(_ req: Request) async throws -> Response {
        let resource = try AdminAccess.resource(req)
        let text = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let service = try AdminAccess.service(req, resource)
        var query = ListQuery()
        query.limit = lookupLimit
        query.select = ["id", resource.labelColumn]
        if let label = resource.column(resource.labelColumn), !text.isEmpty {
            if ValueParser.isText(label.type) {
                query.filters = [Filter(column: label, op: .ilike, negated: false, operand: .pattern("*\(text)*"))]
            } else if let id = UUID(text: text), let idColumn = resource.column("id") {
                query.filters = [Filter(column: idColumn, op: .eq, negated: false, operand: .value(.uuid(id)))]
            }
        }
        // Sorted by label only on small tables: on a big one the first matches in index order come back at
        // once, where sorting would read every match first.
        if ValueParser.isText(resource.column(resource.labelColumn)?.type ?? .uuid),
           try await service.count(ListQuery(), upTo: sortedLookupLimit + 1) <= sortedLookupLimit {
            query.order = [OrderTerm(column: resource.labelColumn, descending: false)]
        }
        let page = try await service.list(query)
        var out = "["
        for (i, row) in page.rows.enumerated() {
            if i > 0 { out += "," }
            out += "{\"value\":"
            RowEncoding.appendString(row[0].stringValue ?? "", into: &out)
            out += ",\"label\":"
            RowEncoding.appendString(row.count > 1 && !row[1].isNull ? ValueFormat.shorten(ValueFormat.text(row[1]), 100) : row[0].stringValue ?? "", into: &out)
            out += "}"
        }
        out += "]"
        let response = Response(status: .ok, body: .init(string: out))
        response.headers.contentType = .json
        return response
    }

    /// Up to five matches from every table with full-text search.
    static func search(_ req: Request) async throws -> Response {
        let text = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        var sections: [HTML] = []
        var total = 0
        if !text.isEmpty {
            for resource in Resources.all where !resource.searchableColumns.isEmpty {
                let service = try AdminAccess.service(req, resource)
                guard service.mayRead else { continue }
                var query = ListQuery()
                query.search = text
                query.limit = 5
                query.select = ["id", resource.labelColumn]
                let page = try await service.list(query)
                guard !page.rows.isEmpty else { continue }
                total += page.rows.count
                let items = page.rows.map { row in
                    HTML("<li><a href=\"\(AdminPath.detail(resource.name, row[0].stringValue ?? ""))\">\(ValueFormat.shorten(ValueFormat.text(row[1]), 100))</a></li>")
                }
                let more: HTML = page.nextCursor == nil ? .empty : " <a href=\"\(AdminPath.list(resource.name, [("q", text)]))\">All matches →</a>"
                sections.append("<section class=\"panel\"><h2>\(resource.label)\(more)</h2><ul>\(items)</ul></section>")
            }
        }
        let content: HTML = text.isEmpty ? "<p class=\"muted\">Type words into the search box at the top.</p>"
            : sections.isEmpty ? "<p class=\"panel muted\">Nothing matches “\(text)”.</p>" : sections.joined()
        return try await AdminLayout.render(AdminPage(title: text.isEmpty ? "Search" : "Search: \(text)", crumbs: [("Search", nil)], content: content), req)
    }

    /// Moves the session to another of the user's tenants.
    static func switchTenant(_ req: Request) async throws -> Response {
        let fields = try req.adminForm()
        guard let session = req.signedIn, let id = fields.first("tenant_id").flatMap(UUID.init(text:)),
              try await SessionService(store: req.store, clients: req.hubClients).switchTenant(session, to: id)
        else { throw AdminError.forbidden("You are not a member of that tenant.") }
        return req.redirect(to: AdminPath.root, flash: Flash("Switched tenant."))
    }
}
