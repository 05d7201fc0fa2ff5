import Foundation

/// A short excerpt of a chunk around its densest run of query words, those words in `<mark>`, the rest
/// HTML-escaped (the snippet is safe to insert into a page as it is).
enum Snippet {
    static let width = 32  // words

    static func make(_ text: String, words query: [String]) -> String {
        let wanted = Set(query.map { stem($0[...]) })
        let tokens = text.split(whereSeparator: { $0.isWhitespace })
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

    /// A word's letters and digits, lowercased, without a plural ending: close enough to the full-text
    /// stemmer to mark what it matched. ASCII words (nearly all) are read byte by byte.
    static func stem(_ word: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(word.utf8.count)
        for byte in word.utf8 {
            switch byte {
            case 0x30...0x39, 0x61...0x7A: bytes.append(byte)
            case 0x41...0x5A: bytes.append(byte + 32)
            case 0x80...: return stem(unicode: String(word))
            default: continue
            }
        }
        for suffix in suffixes where bytes.count > suffix.count + 2 && bytes.suffix(suffix.count).elementsEqual(suffix) {
            bytes.removeLast(suffix.count)
            break
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static let suffixes = ["ies", "es", "s"].map { Array($0.utf8) }

    private static func stem(unicode word: String) -> String {
        var core = String(word.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
        for suffix in ["ies", "es", "s"] where core.count > suffix.count + 2 && core.hasSuffix(suffix) {
            core.removeLast(suffix.count)
            break
        }
        return core
    }
}
