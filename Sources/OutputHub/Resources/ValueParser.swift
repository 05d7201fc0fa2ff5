import Foundation

/// Reads text from query strings and cursors as typed column values.
enum ValueParser {
    static func isComparable(_ type: ColumnType) -> Bool {
        switch type {
        case .json, .textArray, .uuidArray, .vector, .bytes: return false
        default: return true
        }
    }

    static func isText(_ type: ColumnType) -> Bool {
        switch type {
        case .varchar, .text, .inet: return true
        default: return false
        }
    }

    /// One value of `column`'s type; a problem names `field` when the text is not such a value.
    static func scalar(_ text: String, for column: ColumnDeclaration, field: String) throws -> DBValue {
        func bad(_ expected: String) -> Problem {
            Problem.badRequest("\(field): '\(text)' is not \(expected)", field: field, code: "invalid_value")
        }
        switch column.type {
        case .uuid:
            guard let uuid = UUID(text: text) else { throw bad("a UUID") }
            return .uuid(uuid)
        case .integer, .bigint:
            guard let int = Int(text) else { throw bad("a whole number") }
            return .int(int)
        case .decimal, .double:
            guard let double = Double(text), double.isFinite else { throw bad("a number") }
            return .double(double)
        case .boolean:
            guard text == "true" || text == "false" else { throw bad("true or false") }
            return .bool(text == "true")
        case .timestamp:
            guard let date = Timestamps.parse(text) ?? dateOnly(text) else { throw bad("an ISO 8601 date-time") }
            return .date(date)
        case .date:
            guard dateOnly(text) != nil else { throw bad("a YYYY-MM-DD date") }
            return .string(text)
        case .varchar, .text, .inet:
            return .string(text)
        case .json, .textArray, .uuidArray, .vector, .bytes:
            throw Problem.badRequest("\(field): this column can only be tested with is.null", field: field)
        }
    }

    static func dateOnly(_ text: String) -> Date? {
        guard text.count == 10 else { return nil }
        return try? Date.ISO8601FormatStyle().year().month().day().parse(text)
    }

    /// Splits `a,b,"c,d"` into items; double quotes protect commas.
    static func splitList(_ text: String, field: String) throws -> [String] {
        var items: [String] = [], current = "", quoted = false
        for character in text {
            switch character {
            case "\"": quoted.toggle()
            case "," where !quoted:
                items.append(current)
                current = ""
            default: current.append(character)
            }
        }
        guard !quoted else { throw Problem.badRequest("\(field): a quote in the list is not closed", field: field) }
        items.append(current)
        guard !(items.count == 1 && items[0].isEmpty) else { throw Problem.badRequest("\(field): the list is empty", field: field) }
        return items
    }
}
