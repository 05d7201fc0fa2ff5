import Foundation

/// A column value on its way into or out of the database, independent of the engine.
public enum DBValue: Sendable, Hashable {
    case null
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case uuid(UUID)
    case date(Date)
    /// A JSON document as its serialised text.
    case json(String)
    /// A text or UUID array.
    case array([String])
    /// An embedding.
    case vector([Double])
    /// Raw bytes.
    case bytes(Data)

    public var isNull: Bool { if case .null = self { return true } else { return false } }
    public var dateValue: Date? { if case .date(let d) = self { return d } else { return nil } }

    public var stringValue: String? {
        switch self {
        case .string(let s), .json(let s): return s
        case .uuid(let u): return u.lowercaseText
        case .int(let i): return String(i)
        case .double(let d): return String(d)
        case .bool(let b): return String(b)
        case .date(let d): return Timestamps.format(d)
        default: return nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .int(let i): return i
        case .double(let d): return Int(exactly: d)
        case .string(let s): return Int(s)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case .double(let d): return d
        case .int(let i): return Double(i)
        case .string(let s): return Double(s)
        default: return nil
        }
    }

    public var uuidValue: UUID? {
        switch self {
        case .uuid(let u): return u
        case .string(let s): return UUID(text: s)
        default: return nil
        }
    }

    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
}

/// One row as column name → value.
public typealias DBRow = [String: DBValue]

/// Timestamps as SQLite stores them: ISO 8601 in UTC with milliseconds, which sorts as text.
public enum Timestamps {
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`, rounded to the millisecond both engines store. (Foundation's formatter
    /// truncates, so a parsed `.123` could come back as `.122` and miss its own row in a keyset query.)
    public static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        return pad(parts.tm_year + 1900, 4) + "-" + pad(parts.tm_mon + 1, 2) + "-" + pad(parts.tm_mday, 2) + "T"
            + pad(parts.tm_hour, 2) + ":" + pad(parts.tm_min, 2) + ":" + pad(parts.tm_sec, 2) + "." + pad(Int32(fraction), 3) + "Z"
    }

    public static func parse(_ text: String) -> Date? {
        if let date = parseStored(text) { return date }
        if let d = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return d }
        return try? Date.ISO8601FormatStyle().parse(text)
    }

    /// The exact form `format` writes (`2026-01-02T03:04:05.678Z`), read without a formatter: lists read
    /// many of these per request.
    static func parseStored(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
              bytes[19] == 46, bytes[23] == 90 else { return nil }
        func number(_ range: Range<Int>) -> Int32? {
            var value: Int32 = 0
            for i in range {
                let digit = Int32(bytes[i]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
              let minute = number(14..<16), let second = number(17..<19), let millis = number(20..<23) else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + Double(millis) / 1000)
    }

    /// A calendar date as `YYYY-MM-DD` in UTC.
    public static func formatDay(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle().year().month().day())
    }
}
