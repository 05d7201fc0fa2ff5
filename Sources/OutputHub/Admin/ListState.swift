import Foundation

/// Everything a list screen shows, held in its URL so a view can be bookmarked and shared:
/// `?q=…&sort=-updated_at&status=draft&name=report&cost_usd.min=1&created_at.from=2026-11-01&cols=name&cols=status&cursor=…`.
/// The filters are translated to the API's list syntax and checked by the same parser.
struct ListState {
    static let pageSizes = [25, 50, 100, 200]

    let resource: Resource
    /// The URL's pairs without paging: the base for sort, filter and page links.
    private(set) var pairs: [(String, String)] = []
    var search: String?
    var sort: OrderTerm?
    var columns: [ColumnDeclaration]
    var limit = ListQuery.defaultLimit
    var cursor: String?
    var trash = false
    /// Filter inputs by their parameter name (`status`, `cost_usd.min`).
    var filterValues: [String: String] = [:]

    init(resource: Resource, query: [(String, String)]) {
        self.resource = resource
        columns = Self.defaultColumns(resource)
        var chosen: [ColumnDeclaration] = []
        for (name, value) in query {
            switch name {
            case "cursor": cursor = value.isEmpty ? nil : value; continue
            case "q": search = value.trimmingCharacters(in: .whitespaces).isEmpty ? nil : value
            case "sort":
                let descending = value.hasPrefix("-")
                let column = descending ? String(value.dropFirst()) : value
                if resource.column(column) != nil { sort = OrderTerm(column: column, descending: descending) }
            case "cols": if let column = resource.column(value) { chosen.append(column) }
            case "limit": if let size = Int(value), Self.pageSizes.contains(size) { limit = size }
            case "deleted": trash = value == "only" && resource.isSoftDeletable
            default:
                guard !value.isEmpty else { continue }
                filterValues[name] = value
            }
            if !value.isEmpty { pairs.append((name, value)) }
        }
        if !chosen.isEmpty { columns = chosen }
    }

    /// The list request for the resource, checked by the API's parser (a bad filter is a `Problem`).
    func listQuery() throws -> ListQuery {
        var api: [(String, String)] = []
        if let search, !resource.searchableColumns.isEmpty { api.append(("q", search)) }
        if let sort { api.append(("order", "\(sort.column).\(sort.descending ? "desc" : "asc")")) }
        for (name, value) in filterValues.sorted(by: { $0.key < $1.key }) {
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            guard let column = resource.column(parts[0]) else { continue }
            switch (parts.count > 1 ? parts[1] : "", Self.kind(of: column)) {
            case ("min", _), ("from", _): api.append((column.name, "gte.\(value)"))
            case ("max", _): api.append((column.name, "lte.\(value)"))
            case ("to", .timestamp): api.append((column.name, "lt.\(Self.dayAfter(value) ?? value)"))
            case ("to", _): api.append((column.name, "lte.\(value)"))
            case ("", .text): api.append((column.name, "ilike.*\(value)*"))
            case ("", .yesNo): api.append((column.name, value == "yes" ? "is.true" : "is.false"))
            case ("", _): api.append((column.name, "eq.\(value)"))
            default: throw Problem.badRequest("\(name) is not a filter of \(resource.label.lowercased())", field: name)
            }
        }
        api.append(("limit", String(limit)))
        if let cursor { api.append(("cursor", cursor)) }
        if trash { api.append(("deleted", "only")) }
        return try ListQuery.parse(api, for: resource)
    }

    /// How a column is filtered on the list screen, or nil when it is not.
    enum FilterKind { case text, choice, yesNo, number, timestamp, date, reference }

    static func kind(of column: ColumnDeclaration) -> FilterKind? {
        if column.references != nil { return .reference }
        if column.allowedValues != nil { return .choice }
        switch column.type {
        case .varchar: return .text
        case .boolean: return .yesNo
        case .integer, .bigint, .decimal, .double: return .number
        case .timestamp: return .timestamp
        case .date: return .date
        case .uuid, .text, .json, .textArray, .uuidArray, .inet, .vector, .bytes: return nil
        }
    }

    /// The columns a list shows unless the URL chooses: the label, then short columns, then the last change.
    static func defaultColumns(_ resource: Resource) -> [ColumnDeclaration] {
        let skipped: Set<String> = ["id", "tenant_id", "deleted_at", "created_at", "updated_at", resource.labelColumn]
        var columns = resource.column(resource.labelColumn).map { [$0] } ?? []
        if let chosen = resource.table?.listColumns {
            columns += chosen.compactMap(resource.column)
            if let when = resource.column("updated_at") ?? resource.column("created_at") { columns.append(when) }
            return columns
        }
        columns += resource.columns.filter { column in
            guard !skipped.contains(column.name) else { return false }
            switch column.type {
            case .json, .vector, .bytes, .text, .uuidArray, .inet: return false
            default: return true
            }
        }.prefix(5)
        if let when = resource.column("updated_at") ?? resource.column("created_at") { columns.append(when) }
        return columns
    }

    /// `2026-11-01` → `2026-11-02`, so "to" includes the whole day.
    private static func dayAfter(_ day: String) -> String? {
        guard let date = ValueParser.dateOnly(day) else { return nil }
        return String(Timestamps.format(date.addingTimeInterval(86_400)).prefix(10))
    }

    // MARK: Links

    /// This view with one parameter changed (nil removes it); paging starts again.
    func link(setting name: String, to value: String?) -> String {
        var next = pairs.filter { $0.0 != name }
        if let value { next.append((name, value)) }
        return AdminPath.list(resource.name, next)
    }

    /// The next page of this view.
    func link(cursor: String) -> String { AdminPath.list(resource.name, pairs + [("cursor", cursor)]) }

    /// The export of this whole view.
    func exportLink(format: String) -> String { AdminPath.export(resource.name, pairs + [("format", format)]) }

    /// The link a column header sorts by: ascending first, then descending.
    func sortLink(_ column: ColumnDeclaration) -> String {
        let descending = sort?.column == column.name && sort?.descending == false
        return link(setting: "sort", to: (descending ? "-" : "") + column.name)
    }

    var hasFilters: Bool { search != nil || !filterValues.isEmpty }
}
