/// Decoding of `application/x-www-form-urlencoded` text — query strings and admin form bodies — done on
/// UTF-8 bytes (every API request parses one; Foundation's string replacing and `removingPercentEncoding`
/// showed up in profiles).
enum QueryString {
    /// A `%` escape that is malformed or decodes to bytes that are not UTF-8; `parameter` names the pair
    /// when its name could be read.
    struct Malformed: Error {
        let parameter: String?
    }

    /// The name/value pairs in order, `+` read as a space.
    static func pairs(_ query: Substring) throws(Malformed) -> [(String, String)] {
        var pairs: [(String, String)] = []
        for pair in query.utf8.split(separator: UInt8(ascii: "&")) {
            let equals = pair.firstIndex(of: UInt8(ascii: "="))
            guard let name = decode(pair[..<(equals ?? pair.endIndex)]) else { throw Malformed(parameter: nil) }
            guard let value = equals.map({ decode(pair[pair.index(after: $0)...]) }) ?? "" else { throw Malformed(parameter: name) }
            pairs.append((name, value))
        }
        return pairs
    }

    /// One percent-encoded component as text.
    static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String? {
        guard bytes.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(Substring(bytes))
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                let high = bytes.index(after: i)
                guard high < bytes.endIndex, bytes.index(after: high) < bytes.endIndex,
                      let h = hexValue(bytes[high]), let l = hexValue(bytes[bytes.index(after: high)])
                else { return nil }
                out.append(h << 4 | l)
                i = bytes.index(after: high)
            } else {
                out.append(byte)
            }
            i = bytes.index(after: i)
        }
        let text = String(decoding: out, as: UTF8.self)
        return text.utf8.elementsEqual(out) ? text : nil  // decoding repairs invalid UTF-8; refuse it instead
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
