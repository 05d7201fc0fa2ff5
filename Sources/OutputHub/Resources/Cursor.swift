import Foundation

/// The opaque keyset cursor: the last row's values of the order columns, as base64url JSON.
enum Cursor {
    /// The cursor after a row whose order-column values are `keys` (in keyset order).
    static func encode(_ keys: [DBValue]) -> String {
        var json: [UInt8] = []
        json.write("[")
        for (i, key) in keys.enumerated() {
            if i > 0 { json.write(",") }
            if key.isNull { json.write("null") } else { RowEncoding.appendString(key.stringValue ?? "", into: &json) }
        }
        json.write("]")
        let base64 = Data(json).base64EncodedString()
        return String(decoding: base64.utf8.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            case UInt8(ascii: "="): nil
            default: byte
            }
        }, as: UTF8.self)
    }

    static func decode(_ text: String, order: [OrderTerm], resource: Resource) throws -> [DBValue] {
        let invalid = Problem.badRequest("cursor is not one this list gave out (it depends on the order)", field: "cursor")
        var base64 = text.utf8.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: byte
            }
        }
        base64 += repeatElement(UInt8(ascii: "="), count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: Data(base64)), let values = try? JSONDecoder().decode([String?].self, from: data),
              values.count == order.count
        else { throw invalid }
        return try zip(order, values).map { term, text in
            guard let text else { return .null }
            guard let column = resource.column(term.column) else { throw invalid }
            do { return try ValueParser.scalar(text, for: column, field: "cursor") } catch { throw invalid }
        }
    }
}
