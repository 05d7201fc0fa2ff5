/// Any JSON value, decoded strictly (a `1` is a number, never `true`).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o } else { return nil } }
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var numberValue: Double? { if case .number(let n) = self { return n } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
}

extension JSONValue {
    /// The value as compact JSON, written directly (the gateway's and the API's hot paths), with object keys
    /// in sorted order so equal values give equal bytes on every server; numbers that are not finite as null.
    var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        write(into: &out)
        return out
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.write("null")
        case .bool(let value): out.write(value ? "true" : "false")
        case .number(let value): out.write(value.isFinite ? RowEncoding.number(value) : "null")
        case .string(let value): RowEncoding.appendString(value, into: &out)
        case .array(let items):
            out.write("[")
            for (i, item) in items.enumerated() {
                if i > 0 { out.write(",") }
                item.write(into: &out)
            }
            out.write("]")
        case .object(let members):
            out.write("{")
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out.write(",") }
                RowEncoding.appendString(key, into: &out)
                out.write(":")
                members[key]!.write(into: &out)
            }
            out.write("}")
        }
    }
}

extension JSONValue {
    /// The value `bytes` hold as JSON (`JSONParser`), or nil when they are not one JSON value.
    static func parse(_ bytes: [UInt8]) -> JSONValue? { JSONParser.parse(bytes) }

    subscript(key: String) -> JSONValue? { objectValue?[key] }

    var arrayValue: [JSONValue]? { if case .array(let items) = self { return items } else { return nil } }
    var intValue: Int? { numberValue.flatMap { $0.isFinite ? Int(exactly: $0.rounded()) : nil } }
}
