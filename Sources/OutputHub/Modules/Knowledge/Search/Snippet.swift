import Foundation

/// A short excerpt of a chunk around its densest run of query words, those words in `<mark>`, the rest
/// HTML-escaped (the snippet is safe to insert into a page as it is).
enum Snippet {
    static let width = 32  // words

    static func make(_ text: String, words query: [String]) -> String {
        let wanted = Set(query.map { stem($0[...]) })
        let tokens = text.unicodeScalars.split(whereSeparator: isSpace).map(Substring.init)
        guard !tokens.isEmpty else { return "" }
        let hits = tokens.map { token in wanted.contains(stem(token)) }
        var best = 0, bestCount = -1, count = 0
        for i in tokens.indices {
            if hits[i] { count += 1 }
            if i >= width, hits[i - width] { count -= 1 }
            let start = max(0, i - width + 1)
            if count > bestCount { bestCount = count; best = start }
        }
        let window = best..<min(tokens.count, best + width)
        var out = window.lowerBound > 0 ? "\u{2026} " : ""
        out += window.map { i in hits[i] ? "<mark>" + HTML.escape(String(tokens[i])) + "</mark>" : HTML.escape(String(tokens[i])) }.joined(separator: " ")
        if window.upperBound < tokens.count { out += " \u{2026}" }
        return out
    }

    /// Whitespace as `Character.isWhitespace` has it, without looking up an ASCII scalar's properties
    /// (the lookup cost more than the rest of a snippet).
    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : scalar.properties.isWhitespace
    }

    /// A word's letters and digits, lowercased, without a plural ending: close enough to the full-text
    /// stemmer to mark what it matched. ASCII words (nearly all) are read byte by byte into the string
    /// itself (a short word's string needs no allocation).
    static func stem(_ word: Substring) -> String {
        var ascii = true
        let lowered = String(unsafeUninitializedCapacity: word.utf8.count) { buffer in
            var count = 0
            for byte in word.utf8 {
                switch byte {
                case 0x30...0x39, 0x61...0x7A: buffer[count] = byte; count += 1
                case 0x41...0x5A: buffer[count] = byte + 32; count += 1
                case 0x80...: ascii = false; return 0
                default: continue
                }
            }
            return folded(buffer, count)
        }
        return ascii ? lowered : stem(unicode: String(word))
    }

    /// The length of `word`'s first `count` bytes without an English plural's ending, and without the
    /// silent "e" after a sibilant that some singulars have, so that both forms fold alike: "policies" as
    /// "policy", "valves" and "pumps" without "s", "boxes", "classes" and "matches" without "es", and
    /// "caches" and "cache" both as "cach" ("class" stays). Words of three letters or fewer stay as they are.
    private static func folded(_ word: UnsafeMutableBufferPointer<UInt8>, _ count: Int) -> Int {
        guard count > 3 else { return count }
        var count = count
        if word[count - 1] == UInt8(ascii: "s"), word[count - 2] != UInt8(ascii: "s") {
            if count > 4, word[count - 2] == UInt8(ascii: "e"), word[count - 3] == UInt8(ascii: "i") {
                word[count - 3] = UInt8(ascii: "y")
                return count - 2
            }
            count -= 1
        }
        guard count > 3, word[count - 1] == UInt8(ascii: "e") else { return count }
        let (last, previous) = (word[count - 2], word[count - 3])
        let sibilant = last == UInt8(ascii: "x") || (last == UInt8(ascii: "s") && previous == UInt8(ascii: "s"))
            || (last == UInt8(ascii: "z") && previous == UInt8(ascii: "z"))
            || (last == UInt8(ascii: "h") && (previous == UInt8(ascii: "c") || previous == UInt8(ascii: "s")))
        return sibilant ? count - 1 : count
    }

    private static func stem(unicode word: String) -> String {
        let core = Array(String(word.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }).utf8)
        return String(unsafeUninitializedCapacity: core.count) { buffer in
            _ = buffer.initialize(from: core)
            return folded(buffer, core.count)
        }
    }
}
