import Foundation

/// HTML: the text of the page's main content (`<main>`, `role="main"` or `<article>`, else `<body>`), with
/// headings, paragraphs and `<pre>` blocks kept apart; scripts, styles and navigation outside the main
/// content are dropped. The first `<h1>` is the title, else `<title>`. A small scanner, not a full parser:
/// it reads real-world pages (unclosed `<p>`, attributes in any quotes) and never fails.
enum HTMLExtractor {
    static func extract(_ html: String) -> ExtractedDocument {
        let bytes = Array(html.utf8)
        let whole = 0..<bytes.count
        let region = mainRegion(bytes) ?? element(named: "body", in: bytes, within: whole) ?? whole
        var walker = Walker()
        walker.walk(bytes, region)
        walker.flush()
        let pageTitle = element(named: "title", in: bytes, within: whole).map { clean(decodeEntities(String(decoding: bytes[$0], as: UTF8.self))) }
        let h1 = walker.blocks.lazy.compactMap { block -> String? in
            if case .heading(1, let text) = block { return text }
            return nil
        }.first
        return ExtractedDocument(title: h1 ?? pageTitle.flatMap { $0.isEmpty ? nil : $0 }, blocks: walker.blocks,
                                 declaredLanguage: language(bytes))
    }

    // MARK: Regions

    /// The inside of the first element marked as the main content.
    static func mainRegion(_ bytes: [UInt8]) -> Range<Int>? {
        var i = 0
        while let start = find(bytes, "<", from: i) {
            guard let tag = Tag.read(bytes, at: start) else { i = start + 1; continue }
            if !tag.closing, tag.name == "main" || tag.name == "article" || tag.attributes.contains("role=\"main\"") || tag.attributes.contains("role='main'") {
                return inside(tag, bytes)
            }
            i = tag.end
        }
        return nil
    }

    static func element(named name: String, in bytes: [UInt8], within range: Range<Int>) -> Range<Int>? {
        var i = range.lowerBound
        while let start = find(bytes, "<", from: i), start < range.upperBound {
            guard let tag = Tag.read(bytes, at: start) else { i = start + 1; continue }
            if !tag.closing, tag.name == name { return inside(tag, bytes) }
            i = tag.end
        }
        return nil
    }

    /// From after `open` to its matching close tag (nesting of the same name counted), or the end.
    static func inside(_ open: Tag, _ bytes: [UInt8]) -> Range<Int> {
        var depth = 1, i = open.end
        while let start = find(bytes, "<", from: i) {
            guard let tag = Tag.read(bytes, at: start) else { i = start + 1; continue }
            if tag.name == open.name {
                depth += tag.closing ? -1 : (tag.selfClosing ? 0 : 1)
                if depth == 0 { return open.end..<start }
            }
            i = tag.end
        }
        return open.end..<bytes.count
    }

    static func language(_ bytes: [UInt8]) -> String? {
        guard let start = find(bytes, "<html", from: 0), let tag = Tag.read(bytes, at: start) else { return nil }
        guard let range = tag.attributes.range(of: "lang=") else { return nil }
        let value = tag.attributes[range.upperBound...].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            .prefix { $0.isLetter || $0 == "-" }
        return value.isEmpty ? nil : String(value.prefix(10)).lowercased()
    }

    // MARK: Walking

    struct Walker {
        var blocks: [ExtractedDocument.Block] = []
        var text = ""
        var heading: Int?
        var preformatted = false

        static let blockTags: Set<String> = ["p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "section", "blockquote",
                                             "br", "hr", "header", "footer", "figure", "figcaption", "caption", "form", "nav", "aside"]
        static let skipped: Set<String> = ["script", "style", "noscript", "template", "svg", "head", "button", "select"]

        mutating func walk(_ bytes: [UInt8], _ range: Range<Int>) {
            var i = range.lowerBound
            while i < range.upperBound {
                guard bytes[i] == UInt8(ascii: "<") else {
                    let end = min(HTMLExtractor.find(bytes, "<", from: i) ?? range.upperBound, range.upperBound)
                    add(String(decoding: bytes[i..<end], as: UTF8.self))
                    i = end
                    continue
                }
                if HTMLExtractor.matches(bytes, "<!--", at: i) {
                    i = (HTMLExtractor.find(bytes, "-->", from: i + 4).map { $0 + 3 }) ?? range.upperBound
                    continue
                }
                guard let tag = Tag.read(bytes, at: i) else {
                    add("<")
                    i += 1
                    continue
                }
                i = tag.end
                if !tag.closing, Self.skipped.contains(tag.name), !tag.selfClosing {
                    i = HTMLExtractor.inside(tag, bytes).upperBound
                    if let close = Tag.read(bytes, at: min(i, bytes.count - 1)), close.closing { i = close.end }
                    continue
                }
                handle(tag)
            }
        }

        mutating func handle(_ tag: Tag) {
            if tag.name.count == 2, tag.name.first == "h", let level = Int(tag.name.dropFirst()), (1...6).contains(level) {
                flush()
                heading = tag.closing ? nil : level
                return
            }
            if tag.name == "pre" {
                flush()
                preformatted = !tag.closing
                return
            }
            if Self.blockTags.contains(tag.name) {
                if preformatted { if tag.name == "br" { text += "\n" } } else { flush() }
            } else if tag.name == "td" || tag.name == "th" {
                text += " "
            }
        }

        mutating func add(_ raw: String) {
            let decoded = HTMLExtractor.decodeEntities(raw)
            text += preformatted ? decoded : decoded.replacingOccurrences(of: "\u{B6}", with: "")
        }

        /// Ends the current block: a heading, a code block or a paragraph.
        mutating func flush() {
            defer { text = "" }
            if preformatted {
                let code = text.trimmingCharacters(in: .newlines)
                if !code.trimmingCharacters(in: .whitespaces).isEmpty { blocks.append(.code(code)) }
                return
            }
            let clean = HTMLExtractor.clean(text)
            guard !clean.isEmpty else { return }
            if let heading { blocks.append(.heading(level: heading, text: clean)) } else { blocks.append(.paragraph(clean)) }
        }
    }

    /// One tag: its lowercased name, whether it closes or closes itself, its raw attributes and where it ends.
    struct Tag {
        let name: String
        let closing: Bool
        let selfClosing: Bool
        let attributes: String
        let end: Int

        static func read(_ bytes: [UInt8], at start: Int) -> Tag? {
            var i = start + 1
            guard i < bytes.count else { return nil }
            let closing = bytes[i] == UInt8(ascii: "/")
            if closing { i += 1 }
            let nameStart = i
            while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
            guard i > nameStart else {
                // `<!DOCTYPE …>` and processing instructions end at the next `>`; a bare `<` is text.
                guard i < bytes.count, bytes[i] == UInt8(ascii: "!") || bytes[i] == UInt8(ascii: "?"),
                      let close = HTMLExtractor.find(bytes, ">", from: i) else { return nil }
                return Tag(name: "!", closing: false, selfClosing: true, attributes: "", end: close + 1)
            }
            let name = String(decoding: bytes[nameStart..<i], as: UTF8.self).lowercased()
            let attributesStart = i
            var quote: UInt8?
            while i < bytes.count {
                let byte = bytes[i]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                i += 1
            }
            let attributes = String(decoding: bytes[attributesStart..<min(i, bytes.count)], as: UTF8.self)
            let selfClosing = attributes.hasSuffix("/") || ["br", "hr", "img", "meta", "link", "input", "wbr"].contains(name)
            return Tag(name: name, closing: closing, selfClosing: selfClosing, attributes: attributes.lowercased(), end: min(i + 1, bytes.count))
        }

        static func isNameByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
        }
    }

    // MARK: Text

    static func clean(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "mdash": "\u{2014}", "ndash": "\u{2013}",
        "hellip": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}", "copy": "\u{A9}",
        "reg": "\u{AE}", "trade": "\u{2122}", "para": "\u{B6}", "sect": "\u{A7}", "laquo": "\u{AB}", "raquo": "\u{BB}",
        "times": "\u{D7}", "middot": "\u{B7}", "bull": "\u{2022}", "deg": "\u{B0}", "euro": "\u{20AC}", "shy": "",
    ]

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = "", rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let entity = after[..<semicolon]
                var replacement: String?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    replacement = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if entity.hasPrefix("#") {
                    replacement = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = named[String(entity)]
                }
                if let replacement {
                    result += replacement
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }

    // MARK: Bytes

    static func matches(_ bytes: [UInt8], _ needle: String, at index: Int) -> Bool {
        let pattern = Array(needle.utf8)
        guard index + pattern.count <= bytes.count else { return false }
        for (offset, byte) in pattern.enumerated() where bytes[index + offset] | 0x20 != byte | 0x20 { return false }
        return true
    }

    static func find(_ bytes: [UInt8], _ needle: String, from start: Int) -> Int? {
        let first = needle.utf8.first!
        var i = start
        while i < bytes.count {
            if bytes[i] == first || bytes[i] | 0x20 == first | 0x20, matches(bytes, needle, at: i) { return i }
            i += 1
        }
        return nil
    }
}
