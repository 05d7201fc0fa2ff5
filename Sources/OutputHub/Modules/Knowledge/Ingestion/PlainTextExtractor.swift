import Foundation

/// Plain text and PDF text: paragraphs are separated by blank lines; a short first line is the title.
enum PlainTextExtractor {
    static func extract(_ text: String) -> ExtractedDocument {
        let paragraphs = paragraphs(of: text)
        return ExtractedDocument(title: firstLine(text), blocks: paragraphs.map { .paragraph($0) })
    }

    /// `pdftotext` output: pages end with a form feed; lines inside a paragraph are joined and words
    /// hyphenated across a line break are mended.
    static func extractPages(_ text: String) -> ExtractedDocument {
        var pages = text.components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        let all = pages.flatMap { Self.paragraphs(of: $0) }
        return ExtractedDocument(title: firstLine(text), blocks: all.map { ExtractedDocument.Block.paragraph($0) },
                                 pageCount: max(pages.count, 1))
    }

    static func paragraphs(of text: String) -> [String] {
        var result: [String] = [], current = ""
        func flush() {
            let paragraph = current.trimmingCharacters(in: .whitespaces)
            if !paragraph.isEmpty { result.append(paragraph) }
            current = ""
        }
        for rawLine in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { flush(); continue }
            if current.hasSuffix("-"), let first = line.first, first.isLowercase {
                current.removeLast()
                current += line
            } else {
                current += current.isEmpty ? line : " " + line
            }
        }
        flush()
        return result
    }

    /// The first non-blank line when it is short enough to be a title.
    static func firstLine(_ text: String) -> String? {
        let line = text.split(whereSeparator: { $0.isNewline }).lazy.map { $0.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        return line.flatMap { $0.count <= 120 ? $0 : nil }
    }
}
