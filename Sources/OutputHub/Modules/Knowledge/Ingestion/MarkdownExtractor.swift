import Foundation

/// Markdown: ATX (`#`) and setext (underlined) headings, fenced code blocks, paragraphs between blank
/// lines (a list stays one paragraph, one item per line). The first level-1 heading is the title.
enum MarkdownExtractor {
    static func extract(_ text: String) -> ExtractedDocument {
        var blocks: [ExtractedDocument.Block] = []
        var paragraph: [String] = []
        var fence: (marker: String, lines: [String])?
        func flush() {
            let joined = paragraph.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
            if !joined.isEmpty { blocks.append(.paragraph(joined)) }
            paragraph = []
        }
        for rawLine in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var open = fence {
                if trimmed.hasPrefix(open.marker) && trimmed.allSatisfy({ $0 == open.marker.first }) {
                    blocks.append(.code(open.lines.joined(separator: "\n")))
                    fence = nil
                } else {
                    open.lines.append(line)
                    fence = open
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flush()
                fence = (String(trimmed.prefix(3)), [])
                continue
            }
            if let heading = atxHeading(trimmed) {
                flush()
                blocks.append(heading)
                continue
            }
            if paragraph.count == 1, !trimmed.isEmpty, trimmed.allSatisfy({ $0 == "=" }) || (trimmed.count >= 2 && trimmed.allSatisfy({ $0 == "-" })) {
                let text = paragraph[0].trimmingCharacters(in: .whitespaces)
                paragraph = []
                blocks.append(.heading(level: trimmed.first == "=" ? 1 : 2, text: text))
                continue
            }
            if trimmed.isEmpty { flush() } else { paragraph.append(line) }
        }
        if let open = fence { blocks.append(.code(open.lines.joined(separator: "\n"))) }
        flush()
        let title = blocks.lazy.compactMap { block -> String? in
            if case .heading(1, let text) = block { return text }
            return nil
        }.first
        return ExtractedDocument(title: title, blocks: blocks)
    }

    static func atxHeading(_ line: String) -> ExtractedDocument.Block? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        var text = rest.trimmingCharacters(in: .whitespaces)
        while text.hasSuffix("#") { text.removeLast() }
        text = text.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : .heading(level: hashes, text: text)
    }
}
