import Foundation

/// A short excerpt of a chunk around its densest run of query words, those words in `<mark>`, the rest
/// HTML-escaped (the snippet is safe to insert into a page as it is).
enum Snippet {
    static let width = 32  // words

    static func make(_ text: String, words query: [String]) -> String {
        let wanted = Set(query.map { stem($0) })
        let tokens = text.split(whereSeparator: { $0.isWhitespace })
        guard !tokens.isEmpty else { return "" }
        let hits = tokens.map { token in wanted.contains(stem(String(token))) }
        var best = 0, bestCount = -1, count = 0
        for i in tokens.indices {
            if hits[i] { count += 1 }
            if i >= width, hits[i - width] { count -= 1 }
            let start = max(0, i - width + 1)
            if count > bestCount { bestCount = count; best = start }
        }
        let window = best..<min(tokens.count, best + width)
        var out = window.lowerBound > 0 ? "\u{2026} " : ""
        out += window.map { i in hits[i] ? "<mark>" + escape(String(tokens[i])) + "</mark>" : escape(String(tokens[i])) }.joined(separator: " ")
        if window.upperBound < tokens.count { out += " \u{2026}" }
        return out
    }

    /// A word's letters and digits, lowercased, without a plural or possessive ending: close enough to the
    /// full-text stemmer to mark what it matched.
    static func stem(_ word: String) -> String {
        var core = String(word.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
        for suffix in ["'s", "ies", "es", "s"] where core.count > suffix.count + 2 && core.hasSuffix(suffix) {
            core.removeLast(suffix.count)
            break
        }
        return core
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
