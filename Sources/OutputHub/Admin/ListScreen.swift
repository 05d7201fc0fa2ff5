import Foundation
import Vapor

/// The list screen of any table or view: search, filters suited to each column type, chosen columns,
/// sortable headers, keyset paging, a row count that stops counting at 10,000, bulk actions and exports.
struct ListScreen {
    static let countCap = 10_000

    let resource: Resource
    let state: ListState
    let page: ResourceService.Page?
    let labels: ReferenceLabels
    let count: Int
    let problem: Problem?
    let canCreate: Bool
    let canDelete: Bool
    let canExport: Bool

    static func load(_ req: Request, _ resource: Resource) async throws -> ListScreen {
        let state = ListState(resource: resource, query: try APIRoutes.queryPairs(req))
        let service = try AdminAccess.service(req, resource)
        do {
            var query = try state.listQuery()
            var fetch = state.columns.map(\.name)
            if !fetch.contains("id"), resource.column("id") != nil { fetch.append("id") }
            query.select = fetch
            let page = try await service.list(query)
            let labels = try await ReferenceLabels.load(for: page.rows, columns: page.columns, req: req, actor: service.actor)
            query.cursor = nil
            let count = try await service.count(query, upTo: countCap + 1)
            return ListScreen(resource: resource, state: state, page: page, labels: labels, count: count, problem: nil,
                              canCreate: AdminAccess.can(req, .create, resource), canDelete: AdminAccess.can(req, .delete, resource),
                              canExport: AdminAccess.canExport(req))
        } catch let problem as Problem where problem.status == 400 {
            return ListScreen(resource: resource, state: state, page: nil, labels: ReferenceLabels(), count: 0, problem: problem,
                              canCreate: false, canDelete: false, canExport: false)
        }
    }

    func render(_ req: Request) -> AdminPage {
        let title = state.trash ? "\(resource.label): trash" : resource.label
        let crumbs: [(label: String, href: String?)] = state.trash
            ? [(resource.module.rawValue, nil), (resource.label, AdminPath.list(resource.name)), ("Trash", nil)]
            : [(resource.module.rawValue, nil), (resource.label, nil)]
        let content: HTML = """
            <p class="summary">\(resource.summary)</p>
            \(toolbar)
            \(filterForm)
            \(problem.map { HTML("<p class=\"flash bad\" role=\"alert\">\($0.detail)</p>") } ?? .empty)
            \(table(req))
            \(pager)
            """
        return AdminPage(title: title, crumbs: crumbs, table: resource.name, content: content, status: problem == nil ? .ok : .badRequest)
    }

    // MARK: Parts

    private var countText: String {
        if problem != nil { return "" }
        if count > Self.countCap { return "More than \(Self.countCap.formatted()) rows" }
        return count == 1 ? "1 row" : "\(count.formatted()) rows"
    }

    private var toolbar: HTML {
        var buttons: [HTML] = []
        if canCreate && !state.trash {
            buttons.append("<a class=\"button primary\" href=\"\(AdminPath.new(resource.name))\">New</a>")
            buttons.append("<a class=\"button\" href=\"\(AdminPath.importRows(resource.name))\">Import</a>")
        }
        if canExport {
            buttons.append("<a class=\"button\" href=\"\(state.exportLink(format: "csv"))\">Export CSV</a>")
            buttons.append("<a class=\"button\" href=\"\(state.exportLink(format: "jsonl"))\">Export JSONL</a>")
        }
        if resource.isSoftDeletable {
            buttons.append(state.trash
                ? "<a class=\"button\" href=\"\(AdminPath.list(resource.name))\">Back to the list</a>"
                : "<a class=\"button\" href=\"\(AdminPath.list(resource.name, [("deleted", "only")]))\">Trash</a>")
        }
        return "<div class=\"toolbar\">\(buttons)<span class=\"spacer\"></span><span class=\"muted\" id=\"row-count\">\(countText)</span></div>"
    }

    private var filterForm: HTML {
        var html: HTML = "<form class=\"panel\" method=\"get\" action=\"\(AdminPath.list(resource.name))\" aria-label=\"Search and filters\">"
        if state.trash { html += "<input type=\"hidden\" name=\"deleted\" value=\"only\">" }
        if let sort = state.sort { html += "<input type=\"hidden\" name=\"sort\" value=\"\((sort.descending ? "-" : "") + sort.column)\">" }
        if !resource.searchableColumns.isEmpty {
            html += """
                <div class="toolbar"><label for="list-search" class="visually-hidden">Search \(resource.label.lowercased())</label>
                <input id="list-search" type="search" name="q" value="\(state.search ?? "")" placeholder="Search \(resource.label.lowercased())">
                <button type="submit">Search</button></div>
                """
        }
        let filters = resource.columns.compactMap { column in ListState.kind(of: column).map { filterInput(column, $0) } }
        let open = !state.filterValues.isEmpty
        html += "<details\(HTML.attribute("open", open))><summary>Filters and columns</summary><div class=\"filters\">\(filters)</div>"
        html += columnChooser
        html += "<div class=\"toolbar\"><button class=\"primary\" type=\"submit\">Apply</button><a class=\"button\" href=\"\(AdminPath.list(resource.name, state.trash ? [("deleted", "only")] : []))\">Clear</a></div></details></form>"
        return html
    }

    private func filterInput(_ column: ColumnDeclaration, _ kind: ListState.FilterKind) -> HTML {
        let name = column.name, label = ValueFormat.heading(column)
        let value = state.filterValues[name] ?? ""
        let id = "filter-\(name)"
        switch kind {
        case .text:
            return "<div><label for=\"\(id)\">\(label) contains</label><input id=\"\(id)\" type=\"text\" name=\"\(name)\" value=\"\(value)\"></div>"
        case .choice:
            let options = (column.allowedValues ?? []).map { HTML("<option\(HTML.attribute("selected", $0 == value))>\($0)</option>") }
            return "<div><label for=\"\(id)\">\(label)</label><select id=\"\(id)\" name=\"\(name)\"><option value=\"\">Any</option>\(options)</select></div>"
        case .yesNo:
            return """
                <div><label for="\(id)">\(label)</label><select id="\(id)" name="\(name)"><option value="">Any</option>
                <option value="yes"\(HTML.attribute("selected", value == "yes"))>Yes</option><option value="no"\(HTML.attribute("selected", value == "no"))>No</option></select></div>
                """
        case .number:
            return range(name, label, type: "number", low: "min", high: "max")
        case .timestamp, .date:
            return range(name, label, type: "date", low: "from", high: "to")
        case .reference:
            guard let key = column.references, key.column == "id" else {
                return "<div><label for=\"\(id)\">\(label)</label><input id=\"\(id)\" type=\"text\" name=\"\(name)\" value=\"\(value)\"></div>"
            }
            let shown = labels.label(key, value) ?? value
            return FormInputs.picker(name: name, id: id, label: label, parent: key.table, value: value, shown: shown, required: false)
        }
    }

    private func range(_ name: String, _ label: String, type: String, low: String, high: String) -> HTML {
        let lowValue = state.filterValues["\(name).\(low)"] ?? "", highValue = state.filterValues["\(name).\(high)"] ?? ""
        let step = type == "number" ? " step=\"any\"" : ""
        return """
            <fieldset class="range-field"><legend class="visually-hidden">\(label)</legend><label for="filter-\(name)-\(low)">\(label) \(low) / \(high)</label>
            <div class="range"><input id="filter-\(name)-\(low)" type="\(type)"\(HTML(raw: step)) name="\(name).\(low)" value="\(lowValue)" aria-label="\(label) \(low)">
            <input id="filter-\(name)-\(high)" type="\(type)"\(HTML(raw: step)) name="\(name).\(high)" value="\(highValue)" aria-label="\(label) \(high)"></div></fieldset>
            """
    }

    private var columnChooser: HTML {
        let shown = Set(state.columns.map(\.name))
        let boxes = resource.columns.filter { if case .vector = $0.type { return false } else { return true } }.map { column in
            HTML("<label class=\"chip\"><input type=\"checkbox\" name=\"cols\" value=\"\(column.name)\"\(HTML.attribute("checked", shown.contains(column.name)))> \(ValueFormat.heading(column))</label>")
        }
        let sizes = ListState.pageSizes.map { HTML("<option\(HTML.attribute("selected", $0 == state.limit))>\($0)</option>") }
        return """
            <fieldset><legend>Columns</legend>\(boxes)</fieldset>
            <p><label for="page-size">Rows per page</label> <select id="page-size" name="limit">\(sizes)</select></p>
            """
    }

    private func table(_ req: Request) -> HTML {
        guard let page else { return .empty }
        guard !page.rows.isEmpty else {
            let message = state.hasFilters ? "No rows match these filters." : state.trash ? "The trash is empty." : "There are no \(resource.label.lowercased()) yet."
            return "<p class=\"panel muted\" id=\"empty-list\">\(message)</p>"
        }
        let idIndex = page.columns.firstIndex { $0.name == "id" }
        let shown = state.columns
        let bulk = idIndex != nil && !resource.isView && (canDelete || canExport)
        var head: HTML = bulk ? "<th scope=\"col\"><input type=\"checkbox\" data-select-all aria-label=\"Select all rows\"></th>" : .empty
        for column in shown {
            let arrow = state.sort?.column == column.name ? (state.sort!.descending ? " ↓" : " ↑") : ""
            let sortable = ValueParser.isComparable(column.type)
            let aria = state.sort?.column == column.name ? (state.sort!.descending ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"") : ""
            head += sortable
                ? "<th scope=\"col\"\(HTML(raw: aria))><a href=\"\(state.sortLink(column))\">\(ValueFormat.heading(column))\(arrow)</a></th>"
                : "<th scope=\"col\">\(ValueFormat.heading(column))</th>"
        }
        var body: HTML = .empty
        for row in page.rows {
            let id = idIndex.flatMap { row[$0].stringValue }
            body += "<tr>"
            if bulk, let id { body += "<td><input type=\"checkbox\" name=\"ids\" value=\"\(id)\" aria-label=\"Select row\"></td>" }
            for (i, column) in shown.enumerated() {
                let cell = ValueFormat.cell(row[i], column, labels: labels)
                let numeric = ValueFormat.isNumeric(column.type)
                if i == 0, let id {
                    let text = row[i].isNull ? "(no \(ValueFormat.heading(column).lowercased()))" : ValueFormat.shorten(ValueFormat.text(row[i]), 80)
                    body += "<td><a href=\"\(AdminPath.detail(resource.name, id))\">\(text)</a></td>"
                } else {
                    body += numeric ? "<td class=\"num\">\(cell)</td>" : "<td>\(cell)</td>"
                }
            }
            body += "</tr>"
        }
        let table: HTML = "<div class=\"table-wrap\"><table class=\"rows\"><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table></div>"
        guard bulk else { return table }
        let deleteButton: HTML = canDelete && !state.trash
            ? "<button class=\"danger\" type=\"submit\" name=\"action\" value=\"delete\">Delete selected</button>" : .empty
        let exportButton: HTML = canExport ? "<button type=\"submit\" name=\"action\" value=\"export\">Export selected (CSV)</button>" : .empty
        return """
            <form method="post" action="\(AdminPath.bulk(resource.name))">\(AdminLayout.csrfField(req))
            \(table)<div class="toolbar">\(deleteButton)\(exportButton)</div></form>
            """
    }

    private var pager: HTML {
        guard let page else { return .empty }
        var links: [HTML] = []
        if state.cursor != nil { links.append("<a class=\"button\" href=\"\(state.link(setting: "cursor", to: nil))\">First page</a>") }
        if let next = page.nextCursor { links.append("<a class=\"button\" rel=\"next\" href=\"\(state.link(cursor: next))\">Next page</a>") }
        return links.isEmpty ? .empty : "<nav class=\"pager\" aria-label=\"Pages\">\(links)</nav>"
    }
}
