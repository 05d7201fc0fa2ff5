import Foundation

/// What extraction makes of a file: its title and its text as structural blocks, which chunking keeps
/// intact where it can (a heading starts a chunk, a code block is not split between lines when it fits).
struct ExtractedDocument: Sendable, Equatable {
    enum Block: Sendable, Equatable {
        /// A heading, level 1 (outermost) to 6.
        case heading(level: Int, text: String)
        case paragraph(String)
        /// Preformatted text, whitespace kept.
        case code(String)
    }

    var title: String?
    var blocks: [Block]
    /// Pages, for formats that have them (PDF).
    var pageCount: Int?
    /// A language the file declares (HTML's `lang`).
    var declaredLanguage: String?

    var wordCount: Int {
        blocks.reduce(0) { total, block in
            switch block {
            case .heading(_, let text), .paragraph(let text), .code(let text):
                return total + text.split(whereSeparator: { $0.isWhitespace }).count
            }
        }
    }

    /// The text of every block, for language guessing.
    var plainText: String {
        blocks.map { block -> String in
            switch block {
            case .heading(_, let text), .paragraph(let text), .code(let text): return text
            }
        }.joined(separator: "\n")
    }
}

/// The formats ingestion reads, recognised by extension and by content.
enum DocumentFormat: String, Sendable, CaseIterable {
    case text, markdown, html, pdf, docx

    var mimeType: String {
        switch self {
        case .text: return "text/plain"
        case .markdown: return "text/markdown"
        case .html: return "text/html"
        case .pdf: return "application/pdf"
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        }
    }

    /// The extensions of files a folder is searched for (a file named directly is taken whatever its name).
    static let knownExtensions: Set<String> = ["txt", "text", "rst", "md", "markdown", "mdown", "html", "htm", "xhtml", "pdf", "docx"]

    /// The format of a file named `filename` with `data`: PDF and DOCX by their signatures, the others by
    /// extension (or declared type); nil when it is none of them.
    static func detect(filename: String, contentType: String?, data: Data) -> DocumentFormat? {
        let ext = (filename as NSString).pathExtension.lowercased()
        if data.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return ext == "docx" ? .docx : nil }
        switch ext {
        case "md", "markdown", "mdown": return .markdown
        case "html", "htm", "xhtml": return .html
        case "txt", "text", "log", "csv", "rst": return .text
        case "pdf", "docx": return nil  // the extension says so but the content does not
        default: break
        }
        switch contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() {
        case "text/markdown": return .markdown
        case "text/html": return .html
        case "text/plain": return .text
        default: return nil
        }
    }
}

/// Reads a file of a known format into an `ExtractedDocument`.
struct DocumentExtractor: Sendable {
    let pdf: any PDFTextExtractor

    func extract(_ data: Data, format: DocumentFormat) async throws -> ExtractedDocument {
        switch format {
        case .text: return PlainTextExtractor.extract(Self.decodeText(data))
        case .markdown: return MarkdownExtractor.extract(Self.decodeText(data))
        case .html: return HTMLExtractor.extract(Self.decodeText(data))
        case .pdf: return PlainTextExtractor.extractPages(try await pdf.text(ofPDF: data))
        case .docx: return try DOCXExtractor.extract(data)
        }
    }

    /// UTF-8 (with or without a byte-order mark), else Latin-1, which decodes any bytes.
    static func decodeText(_ data: Data) -> String {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(data: bytes, encoding: .utf8) { return text }
        return String(decoding: bytes.map { UInt16($0) }, as: UTF16.self)
    }
}

/// Errors that retrying cannot fix: the document fails at once with this reason.
struct UnreadableDocument: Error, CustomStringConvertible {
    let description: String
}
