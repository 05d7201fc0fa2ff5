import Foundation
import SQLKit

/// Writes rows as JSON or CSV directly as UTF-8 bytes, without intermediate objects: lists are the hot path.
/// Everything is appended to a byte array (cheaper per write than a `ByteBuffer`, whose class storage is
/// checked for exclusive access on every write); the `String` variants wrap the same writers.
enum RowEncoding {
    /// `{"col":value,…}` for the given columns.
    static func json(_ row: DBRow, columns: [ColumnDeclaration], into out: inout [UInt8]) {
        out.write("{")
        for (i, column) in columns.enumerated() {
            if i > 0 { out.write(",") }
            appendString(column.name, into: &out)
            out.write(":")
            value(row[column.name] ?? .null, into: &out)
        }
        out.write("}")
    }

    static func json(_ row: DBRow, columns: [ColumnDeclaration]) -> String {
        var out: [UInt8] = []
        json(row, columns: columns, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The `"name":` prefix of each column as UTF-8, made once per page.
    static func keys(_ columns: [ColumnDeclaration]) -> [[UInt8]] {
        columns.map { column in
            var key: [UInt8] = []
            appendString(column.name, into: &key)
            key.write(":")
            return key
        }
    }

    /// `{"col":value,…}` from values in the order of `keys` (see `keys(_:)`).
    static func json(values: [DBValue], keys: [[UInt8]], into out: inout [UInt8]) {
        out.write("{")
        for (i, key) in keys.enumerated() {
            if i > 0 { out.write(",") }
            out.append(contentsOf: key)
            value(values[i], into: &out)
        }
        out.write("}")
    }

    /// The rows of a fetched page as comma-separated JSON objects of its output columns, secret columns
    /// masked: rows the engine rendered are copied as they are, others are decoded and written here.
    static func json(page: ResourceService.FetchedPage, store: Store, into out: inout [UInt8]) throws {
        if page.isRendered {
            for (i, row) in page.rows.enumerated() {
                if i > 0 { out.write(",") }
                if case .text(let text)? = (row as? DirectSQLiteRow)?.column("_row") {
                    out.write(text)
                } else {
                    out.write(try row.decode(column: "_row", as: String.self))
                }
            }
            return
        }
        let columns = page.outputColumns, keys = keys(columns)
        for (i, values) in try store.decodeRows(page.rows, columns, forOutput: true).enumerated() {
            if i > 0 { out.write(",") }
            json(values: zip(values, columns).map { SecretColumns.mask($0, $1) }, keys: keys, into: &out)
        }
    }

    static func value(_ value: DBValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.write("null")
        case .string(let s): appendString(s, into: &out)
        case .int(let i): out.write(String(i))
        case .double(let d): out.write(d.isFinite ? number(d) : "null")
        case .bool(let b): b ? out.write("true") : out.write("false")
        case .uuid(let u):
            out.write("\"")
            out.write(u.lowercaseText)
            out.write("\"")
        case .date(let d):
            out.write("\"")
            out.write(Timestamps.format(d))
            out.write("\"")
        case .json(let text): out.write(text)
        case .array(let items):
            out.write("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.write(",") }
                appendString(item, into: &out)
            }
            out.write("]")
        case .vector(let numbers):
            out.write("[")
            for (i, n) in numbers.enumerated() {
                if i > 0 { out.write(",") }
                out.write(n.isFinite ? number(n) : "null")
            }
            out.write("]")
        case .bytes(let data):
            appendString(data.base64EncodedString(), into: &out)
        }
    }

    /// A JSON number: whole values without a fraction, others in Swift's shortest exact form.
    static func number(_ d: Double) -> String {
        if d.rounded() == d, abs(d) < 1e15 { return String(Int(d)) }
        return String(d)
    }

    /// `s` as a JSON string literal. Text is copied in runs between the bytes that need escaping (quote,
    /// backslash, control characters); UTF-8 sequences of other characters never contain those bytes.
    static func appendString(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { bytes in
            out.write("\"")
            var start = 0
            for i in 0..<bytes.count {
                let byte = bytes[i]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                switch byte {
                case 0x22: out.write("\\\"")
                case 0x5C: out.write("\\\\")
                case 0x0A: out.write("\\n")
                case 0x0D: out.write("\\r")
                case 0x09: out.write("\\t")
                default:
                    out.write("\\u00")
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0xF)])
                }
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]))
            out.write("\"")
        }
    }

    static func appendString(_ s: String, into out: inout String) {
        var buffer: [UInt8] = []
        appendString(s, into: &buffer)
        out.append(String(decoding: buffer, as: UTF8.self))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

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
            var out: [UInt8] = []
            self.value(value, into: &out)
            return String(decoding: out, as: UTF8.self)
        case .double(let d): return number(d)
        default: return value.stringValue ?? ""
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension [UInt8] {
    /// Appends the UTF-8 of a literal.
    mutating func write(_ text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the UTF-8 of a string (copied as one block: appending the `utf8` view goes byte by byte).
    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }
}
