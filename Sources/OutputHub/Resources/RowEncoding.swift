import Foundation

/// Writes rows as JSON or CSV text directly, without intermediate objects: lists are the hot path.
enum RowEncoding {
    /// `{"col":value,…}` for the given columns.
    static func json(_ row: DBRow, columns: [ColumnDeclaration], into out: inout String) {
        out.append("{")
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(",") }
            appendString(column.name, into: &out)
            out.append(":")
            value(row[column.name] ?? .null, into: &out)
        }
        out.append("}")
    }

    /// The `"name":` prefix of each column, made once per page.
    static func keys(_ columns: [ColumnDeclaration]) -> [String] {
        columns.map { column in
            var key = ""
            appendString(column.name, into: &key)
            return key + ":"
        }
    }

    /// `{"col":value,…}` from values in the order of `keys` (see `keys(_:)`).
    static func json(values: [DBValue], keys: [String], into out: inout String) {
        out.append("{")
        for (i, key) in keys.enumerated() {
            if i > 0 { out.append(",") }
            out.append(key)
            value(values[i], into: &out)
        }
        out.append("}")
    }

    static func json(_ row: DBRow, columns: [ColumnDeclaration]) -> String {
        var out = ""
        json(row, columns: columns, into: &out)
        return out
    }

    static func value(_ value: DBValue, into out: inout String) {
        switch value {
        case .null: out.append("null")
        case .string(let s): appendString(s, into: &out)
        case .int(let i): out.append(String(i))
        case .double(let d): out.append(d.isFinite ? number(d) : "null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .uuid(let u): out.append("\"\(u.uuidString.lowercased())\"")
        case .date(let d): out.append("\"\(Timestamps.format(d))\"")
        case .json(let text): out.append(text)
        case .array(let items):
            out.append("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(",") }
                appendString(item, into: &out)
            }
            out.append("]")
        case .vector(let numbers):
            out.append("[")
            out.append(numbers.map(number).joined(separator: ","))
            out.append("]")
        }
    }

    /// A JSON number: whole values without a fraction, others in Swift's shortest exact form.
    static func number(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    static func appendString(_ s: String, into out: inout String) {
        out.append("\"")
        // Most text needs no escaping: append it whole instead of character by character.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(s)
            out.append("\"")
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            default:
                if scalar.value < 0x20 {
                    out.append(String(format: "\\u%04x", scalar.value))
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }

    // MARK: CSV

    /// RFC 4180 CSV: a header row, then one line per row; JSON and arrays as their JSON text.
    static func csv(_ rows: [[DBValue]], columns: [ColumnDeclaration]) -> String {
        var out = columns.map { csvField($0.name) }.joined(separator: ",") + "\r\n"
        for row in rows {
            out += row.map { csvField(csvText($0)) }.joined(separator: ",") + "\r\n"
        }
        return out
    }

    static func csvText(_ value: DBValue) -> String {
        switch value {
        case .null: return ""
        case .array, .vector:
            var out = ""
            self.value(value, into: &out)
            return out
        case .double(let d): return number(d)
        default: return value.stringValue ?? ""
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
