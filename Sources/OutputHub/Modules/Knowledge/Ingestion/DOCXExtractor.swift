import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Word documents: the paragraphs of `word/document.xml`, those styled `Heading1`…`Heading6` (or `Title`)
/// as headings, and the title from `docProps/core.xml` when it has one.
enum DOCXExtractor {
    /// Larger parts are refused: a small file that inflates without bound is not a document.
    static let maximumPartSize = 64 * 1_048_576

    static func extract(_ data: Data) throws -> ExtractedDocument {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw UnreadableDocument(description: "the file is not a readable DOCX (ZIP) archive")
        }
        guard let body = try part("word/document.xml", of: archive) else {
            throw UnreadableDocument(description: "the DOCX archive has no word/document.xml")
        }
        let reader = BodyReader()
        let parser = XMLParser(data: body)
        parser.delegate = reader
        guard parser.parse() else {
            throw UnreadableDocument(description: "word/document.xml is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        var title: String?
        if let core = try part("docProps/core.xml", of: archive) {
            let coreReader = TitleReader()
            let coreParser = XMLParser(data: core)
            coreParser.delegate = coreReader
            if coreParser.parse() { title = coreReader.title }
        }
        let firstHeading = reader.blocks.lazy.compactMap { block -> String? in
            if case .heading(_, let text) = block { return text }
            return nil
        }.first
        return ExtractedDocument(title: title ?? firstHeading, blocks: reader.blocks)
    }

    static func part(_ path: String, of archive: Archive) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: true) { chunk in
                data.append(chunk)
                if data.count > maximumPartSize { throw UnreadableDocument(description: "\(path) inflates to more than 64 MiB") }
            }
        } catch let error as UnreadableDocument {
            throw error
        } catch {
            throw UnreadableDocument(description: "\(path) in the DOCX archive cannot be read: \(error)")
        }
        return data
    }

    /// `w:p` paragraphs with their `w:pStyle`; text from `w:t`, tabs and breaks as spaces.
    final class BodyReader: NSObject, XMLParserDelegate {
        var blocks: [ExtractedDocument.Block] = []
        private var text = ""
        private var style: String?
        private var inText = false

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            switch name {
            case "w:p": text = ""; style = nil
            case "w:pStyle": style = attributes["w:val"]
            case "w:t": inText = true
            case "w:tab", "w:br", "w:cr": text += " "
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "w:t": inText = false
            case "w:p":
                let clean = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                guard !clean.isEmpty else { return }
                if let level = Self.headingLevel(style) { blocks.append(.heading(level: level, text: clean)) } else { blocks.append(.paragraph(clean)) }
            default: break
            }
        }

        static func headingLevel(_ style: String?) -> Int? {
            guard let style = style?.lowercased() else { return nil }
            if style == "title" { return 1 }
            guard style.hasPrefix("heading"), let level = Int(style.dropFirst("heading".count)), (1...6).contains(level) else { return nil }
            return level
        }
    }

    final class TitleReader: NSObject, XMLParserDelegate {
        var title: String?
        private var buffer: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "dc:title" { buffer = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { buffer? += string }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "dc:title", let value = buffer?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty { title = value }
            buffer = nil
        }
    }
}
