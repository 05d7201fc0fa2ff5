import Foundation

/// Whether soft-deleted rows take part in a read.
public enum DeletedMode: String, Sendable {
    case exclude, include, only
}

/// A comparison from the query string: `column=op.value`, optionally `not.`-negated.
public struct Filter: Sendable {
    public enum Operator: String, Sendable, CaseIterable {
        case eq, neq, gt, gte, lt, lte, like, ilike, `in`, `is`
    }

    public enum Operand: Sendable {
        case value(DBValue)
        case list([DBValue])
        /// A `like`/`ilike` pattern where `*` is the wildcard.
        case pattern(String)
        /// `is.null`, `is.true`, `is.false`.
        case isNull, isTrue, isFalse
    }

    public let column: ColumnDeclaration
    public let op: Operator
    public let negated: Bool
    public let operand: Operand
}

/// One `order` term.
public struct OrderTerm: Sendable, Equatable {
    public let column: String
    public let descending: Bool
}

/// A list request, parsed and checked against the resource: every column, operator and value is known good.
public struct ListQuery: Sendable {
    public static let defaultLimit = 50
    public static let maximumLimit = 1000

    public var filters: [Filter] = []
    public var search: String?
    public var order: [OrderTerm] = []
    public var select: [String]?
    public var limit = defaultLimit
    public var cursor: [DBValue]?
    public var offset: Int?
    public var countExact = false
    public var deleted = DeletedMode.exclude

    public init() {}

    /// The order terms with `id` appended as the tie-breaker that makes keyset paging exact.
    public var keysetOrder: [OrderTerm] {
        order.contains { $0.column == "id" } ? order : order + [OrderTerm(column: "id", descending: false)]
    }

    static let reserved: Set<String> = ["q", "order", "select", "limit", "cursor", "offset", "count", "deleted"]

    /// Parses `?name=value&…` pairs; a problem names the first bad parameter.
    public static func parse(_ pairs: [(String, String)], for resource: Resource) throws -> ListQuery {
        var query = ListQuery()
        var cursorText: String?
        for (name, value) in pairs {
            switch name {
            case "q":
                guard !resource.searchableColumns.isEmpty else {
                    throw Problem.badRequest("\(resource.name) has no full-text search", field: "q")
                }
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                query.search = trimmed.isEmpty ? nil : trimmed
            case "order":
                query.order = try parseOrder(value, resource)
            case "select":
                let names = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                for name in names where resource.column(name) == nil {
                    throw Problem.badRequest("select: \(resource.name) has no column '\(name)'", field: "select")
                }
                guard !names.isEmpty else { throw Problem.badRequest("select: name at least one column", field: "select") }
                query.select = names
            case "limit":
                guard let limit = Int(value), (1...maximumLimit).contains(limit) else {
                    throw Problem.badRequest("limit must be a whole number from 1 to \(maximumLimit)", field: "limit")
                }
                query.limit = limit
            case "offset":
                guard let offset = Int(value), offset >= 0 else {
                    throw Problem.badRequest("offset must be a whole number of at least 0", field: "offset")
                }
                query.offset = offset
            case "cursor":
                cursorText = value
            case "count":
                guard value == "exact" else { throw Problem.badRequest("count must be 'exact'", field: "count") }
                query.countExact = true
            case "deleted":
                guard resource.isSoftDeletable else {
                    throw Problem.badRequest("\(resource.name) has no deleted rows to include", field: "deleted")
                }
                guard let mode = DeletedMode(rawValue: value), mode != .exclude else {
                    throw Problem.badRequest("deleted must be 'include' or 'only'", field: "deleted")
                }
                query.deleted = mode
            default:
                query.filters.append(try parseFilter(name, value, resource))
            }
        }
        if let cursorText {
            guard query.offset == nil else { throw Problem.badRequest("use either cursor or offset, not both", field: "cursor") }
            query.cursor = try Cursor.decode(cursorText, order: query.keysetOrder, resource: resource)
        }
        return query
    }

    private static func parseOrder(_ text: String, _ resource: Resource) throws -> [OrderTerm] {
        try text.split(separator: ",").map { term in
            let parts = term.split(separator: ".", maxSplits: 1).map(String.init)
            guard let column = resource.column(parts[0]) else {
                throw Problem.badRequest("order: \(resource.name) has no column '\(parts[0])'", field: "order")
            }
            guard ValueParser.isComparable(column.type), !column.isEncrypted else {
                throw Problem.badRequest("order: '\(column.name)' cannot be sorted", field: "order")
            }
            let direction = parts.count > 1 ? parts[1] : "asc"
            guard direction == "asc" || direction == "desc" else {
                throw Problem.badRequest("order: direction must be asc or desc, got '\(direction)'", field: "order")
            }
            return OrderTerm(column: column.name, descending: direction == "desc")
        }
    }

    private static func parseFilter(_ name: String, _ text: String, _ resource: Resource) throws -> Filter {
        guard let column = resource.column(name) else {
            throw Problem.badRequest("\(resource.name) has no column '\(name)' to filter on", field: name)
        }
        guard !column.isEncrypted else { throw Problem.badRequest("\(name) is a secret and cannot be filtered on", field: name) }
        var rest = Substring(text)
        var negated = false
        if rest.hasPrefix("not.") {
            negated = true
            rest = rest.dropFirst(4)
        }
        guard let dot = rest.firstIndex(of: "."), let op = Filter.Operator(rawValue: String(rest[..<dot])) else {
            let known = Filter.Operator.allCases.map(\.rawValue).joined(separator: ", ")
            throw Problem.badRequest("\(name): expected operator.value with an operator of \(known)", field: name)
        }
        let value = String(rest[rest.index(after: dot)...])
        let operand: Filter.Operand
        switch op {
        case .is:
            switch value {
            case "null": operand = .isNull
            case "true" where column.type == .boolean: operand = .isTrue
            case "false" where column.type == .boolean: operand = .isFalse
            default: throw Problem.badRequest("\(name): is takes null, or true/false on a yes/no column", field: name)
            }
        case .like, .ilike:
            guard ValueParser.isText(column.type) else { throw Problem.badRequest("\(name): \(op) works on text columns only", field: name) }
            operand = .pattern(value)
        case .in:
            guard value.hasPrefix("("), value.hasSuffix(")") else {
                throw Problem.badRequest("\(name): in takes a list like in.(a,b)", field: name)
            }
            let items = try ValueParser.splitList(String(value.dropFirst().dropLast()), field: name)
            operand = .list(try items.map { try ValueParser.scalar($0, for: column, field: name) })
        default:
            operand = .value(try ValueParser.scalar(value, for: column, field: name))
        }
        return Filter(column: column, op: op, negated: negated, operand: operand)
    }
}
