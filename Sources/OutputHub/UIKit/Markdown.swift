/// A safe subset of Markdown as HTML, for generated text read in the admin UI (model answers and outputs are
/// mostly Markdown): headings, paragraphs with their line breaks, emphasis, inline code, fenced code blocks,
/// block quotes, flat lists, rules and links. Everything is escaped: HTML in the source shows as written, and
/// links keep only http(s), mailto and same-site targets.
enum Markdown {
    static func html(_ source: String) -> HTML {
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return HTML(raw: blocks(lines[...]))
    }

    // MARK: Blocks

    private static func blocks(_ lines: ArraySlice<String>) -> String {
        var out = ""
        var i = lines.startIndex
        var paragraph: [String] = []
        func endParagraph() {
            guard !paragraph.isEmpty else { return }
            out += "<p>" + paragraph.map(inline).joined(separator: "<br>") + "</p>"
            paragraph = []
        }
        while i < lines.endIndex {
            let line = lines[i]
            let trimmed = line.trimmingLeadingSpaces
            if trimmed.isEmpty {
                endParagraph()
                i += 1
            } else if let fence = ["```", "~~~"].first(where: trimmed.hasPrefix) {
                endParagraph()
                let language = trimmed.dropFirst(3).trimmingLeadingSpaces
                var code: [String] = []
                i += 1
                while i < lines.endIndex, !lines[i].trimmingLeadingSpaces.hasPrefix(fence) {
                    code.append(lines[i])
                    i += 1
                }
                i += 1  // the closing fence (or the end)
                let safeLanguage = !language.isEmpty && language.allSatisfy { $0.isLetter || $0.isNumber || "+-_#".contains($0) }
                let attribute = safeLanguage ? " class=\"language-\(HTML.escape(language))\"" : ""
                out += "<pre><code\(attribute)>\(HTML.escape(code.joined(separator: "\n")))</code></pre>"
            } else if let (level, text) = heading(trimmed) {
                endParagraph()
                // The page has its own h1 and h2; the text's headings sit below them.
                let tag = "h\(min(level + 2, 6))"
                out += "<\(tag)>\(inline(text))</\(tag)>"
                i += 1
            } else if isRule(trimmed) {
                endParagraph()
                out += "<hr>"
                i += 1
            } else if trimmed.hasPrefix(">") {
                endParagraph()
                var quoted: [String] = []
                while i < lines.endIndex, lines[i].trimmingLeadingSpaces.hasPrefix(">") {
                    let rest = lines[i].trimmingLeadingSpaces.dropFirst()
                    quoted.append(String(rest.hasPrefix(" ") ? rest.dropFirst() : rest))
                    i += 1
                }
                out += "<blockquote>\(blocks(quoted[...]))</blockquote>"
            } else if let ordered = listItem(trimmed)?.ordered {
                endParagraph()
                var items: [String] = []
                while i < lines.endIndex {
                    let current = lines[i].trimmingLeadingSpaces
                    if let item = listItem(current), item.ordered == ordered {
                        items.append(item.text)
                    } else if !current.isEmpty, !items.isEmpty, lines[i].hasPrefix("  ") {
                        items[items.count - 1] += "\n" + current  // an indented continuation line
                    } else {
                        break
                    }
                    i += 1
                }
                let tag = ordered ? "ol" : "ul"
                out += "<\(tag)>" + items.map { "<li>" + $0.split(separator: "\n").map { inline(String($0)) }.joined(separator: "<br>") + "</li>" }.joined() + "</\(tag)>"
            } else {
                paragraph.append(trimmed)
                i += 1
            }
        }
        endParagraph()
        return out
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.first == " " else { return nil }
        return (hashes, rest.trimmingLeadingSpaces.droppingTrailingSpaces)
    }

    private static func isRule(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " }
        guard let mark = marks.first, "-*_".contains(mark), marks.count >= 3 else { return false }
        return marks.allSatisfy { $0 == mark }
    }

    /// `- item`, `* item`, `+ item`, `1. item` or `1) item`.
    private static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (false, String(line.dropFirst(2)))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let mark = rest.first, mark == "." || mark == ")", rest.dropFirst().first == " " else { return nil }
        return (true, String(rest.dropFirst(2)))
    }

    // MARK: Inline

    /// Code spans, links, strong and emphasis; every other character escaped. Closing markers are found by
    /// binary search in their positions, so text full of unclosed markers stays linear, not quadratic.
    static func inline(_ text: String) -> String {
        let chars = Array(text)
        let markers: [[Character]] = [["`"], ["]", "("], [")"], ["*", "*"], ["_", "_"], ["*"], ["_"]]
        var positions: [[Character]: [Int]] = [:]
        for j in chars.indices where "`])*_".contains(chars[j]) {
            for marker in markers where j + marker.count <= chars.count && chars[j..<j + marker.count].elementsEqual(marker) {
                positions[marker, default: []].append(j)
            }
        }
        func closing(_ marker: [Character], from start: Int) -> Int? {
            guard let list = positions[marker] else { return nil }
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if list[mid] < start { low = mid + 1 } else { high = mid }
            }
            return low < list.count ? list[low] : nil
        }
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            let previous: Character? = i > 0 ? chars[i - 1] : nil
            let intraword = c == "_" && previous.map(isWordCharacter) == true  // snake_case stays as written
            if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                out += HTML.escape(String(chars[i + 1]))
                i += 2
            } else if c == "`", let end = closing(["`"], from: i + 1), end > i + 1 {
                out += "<code>\(HTML.escape(String(chars[(i + 1)..<end])))</code>"
                i = end + 1
            } else if c == "[", let middle = closing(["]", "("], from: i + 1), let end = closing([")"], from: middle + 2),
                      let target = safeLink(String(chars[(middle + 2)..<end])) {
                out += "<a href=\"\(HTML.escape(target))\" rel=\"noopener noreferrer\">\(inline(String(chars[(i + 1)..<middle])))</a>"
                i = end + 1
            } else if c == "*" || c == "_", !intraword, i + 2 < chars.count, chars[i + 1] == c, chars[i + 2] != " ",
                      let end = closing([c, c], from: i + 2), end > i + 2 {
                out += "<strong>\(inline(String(chars[(i + 2)..<end])))</strong>"
                i = end + 2
            } else if c == "*" || c == "_", !intraword, i + 1 < chars.count, chars[i + 1] != " ", chars[i + 1] != c,
                      let end = closing([c], from: i + 1), chars[end - 1] != " ",
                      !(c == "_" && end + 1 < chars.count && isWordCharacter(chars[end + 1])) {
                out += "<em>\(inline(String(chars[(i + 1)..<end])))</em>"
                i = end + 1
            } else {
                out += HTML.escape(String(c))
                i += 1
            }
        }
        return out
    }

    private static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// The link target when it is web, mail or same-site; nil for anything else (`javascript:` and the like).
    private static func safeLink(_ target: String) -> String? {
        let target = target.trimmingLeadingSpaces.droppingTrailingSpaces
        let lower = target.lowercased()
        guard !target.isEmpty, !target.contains(" ") else { return nil }
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") { return target }
        if target.hasPrefix("#") || (target.hasPrefix("/") && !target.hasPrefix("//")) { return target }
        return nil
    }
}

private extension StringProtocol {
    var trimmingLeadingSpaces: String { String(drop { $0 == " " || $0 == "\t" }) }

    var droppingTrailingSpaces: String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
