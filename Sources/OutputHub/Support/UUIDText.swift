import Foundation

/// UUIDs as text without Foundation's C round trip: on Linux `uuidString` formats through `snprintf` and
/// `UUID(text:)` parses through `sscanf`, which cost more than the rest of reading a row. SQLite
/// stores every id as text, so each bound or read id passes through here.
extension UUID {
    /// The canonical lowercase form, `8-4-4-4-12` hex digits (what the API and SQLite hold).
    var lowercaseText: String {
        withUnsafeBytes(of: uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { out in
                var at = 0
                for (i, byte) in bytes.enumerated() {
                    if i == 4 || i == 6 || i == 8 || i == 10 {
                        out[at] = UInt8(ascii: "-")
                        at += 1
                    }
                    out[at] = Hex.digits[Int(byte >> 4)]
                    out[at + 1] = Hex.digits[Int(byte & 0x0F)]
                    at += 2
                }
                return at
            }
        }
    }

    /// Parses the canonical form in either case (as `UUID(uuidString:)` does); nil for anything else.
    init?(text: some StringProtocol) {
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let parsed = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            var count = 0, index = 0
            var high: UInt8?
            for char in text.utf8 {
                defer { index += 1 }
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard char == UInt8(ascii: "-") else { return false }
                    continue
                }
                guard index < 36, let nibble = Self.nibble(char) else { return false }
                if let first = high {
                    out[count] = first << 4 | nibble
                    count += 1
                    high = nil
                } else {
                    high = nibble
                }
            }
            return index == 36 && count == 16
        }
        guard parsed else { return nil }
        self.init(uuid: bytes)
    }

    /// Byte order, which is also the order of the text forms: for ties broken the same way everywhere.
    func precedes(_ other: UUID) -> Bool {
        withUnsafeBytes(of: uuid) { a in withUnsafeBytes(of: other.uuid) { b in memcmp(a.baseAddress!, b.baseAddress!, 16) < 0 } }
    }

    private static func nibble(_ char: UInt8) -> UInt8? {
        switch char {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return char - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return char - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return char - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
