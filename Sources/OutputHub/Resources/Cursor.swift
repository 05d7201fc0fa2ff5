import Foundation

/// The opaque keyset cursor: the last row's values of the order columns, as base64url JSON.
enum Cursor {
    /// The cursor after a row whose order-column values are `keys` (in keyset order).
    static func encode(_ keys: [DBValue]) -> String {
        let values: [String?] = keys.map { $0.isNull ? nil : $0.stringValue }
        let data = (try? JSONEncoder().encode(values)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String, order: [OrderTerm], resource: Resource) throws -> [DBValue] {
        let invalid = Problem.badRequest("cursor is not one this list gave out (it depends on the order)", field: "cursor")
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let values = try? JSONDecoder().decode([String?].self, from: data),
              values.count == order.count
        else { throw invalid }
        return try zip(order, values).map { term, text in
            guard let text else { return .null }
            guard let column = resource.column(term.column) else { throw invalid }
            do { return try ValueParser.scalar(text, for: column, field: "cursor") } catch { throw invalid }
        }
    }
}
