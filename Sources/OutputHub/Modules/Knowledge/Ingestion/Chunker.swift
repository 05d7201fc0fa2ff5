import Crypto
import Foundation

extension TokenEstimate {
    /// Chunk sizes and `token_count` use the gateway's cautious estimate, so both agree.
    static func count(_ text: String) -> Int { max(1, tokens(in: text)) }
}

/// One chunk as chunking makes it.
struct DraftChunk: Sendable, Equatable {
    var index: Int
    var text: String
    /// Outermost heading first.
    var headings: [String]
    var tokens: Int
    /// `code` when every block in the chunk is code, else `text`.
    var kind: String

    var heading: String? { headings.isEmpty ? nil : headings.joined(separator: " \u{203A} ") }
    var contentHash: String { Hex.sha256(Data(text.utf8)) }
}

/// Splits an extracted document into chunks of about `size` tokens that follow its structure:
/// - a heading ends the chunk before it, so a chunk belongs to one section and carries its heading path;
/// - paragraphs and code blocks are packed whole while they fit;
/// - a paragraph too big for one chunk is split between sentences, a code block between lines, and a
///   sentence or line that alone is too big between words;
/// - a chunk that follows another of the same section starts with up to `overlap` tokens of its end
///   (whole sentences or lines).
struct Chunker: Sendable {
    var size: Int = KnowledgeDefaults.chunkTokens
    var overlap: Int = KnowledgeDefaults.overlapTokens

    func chunks(of document: ExtractedDocument) -> [DraftChunk] {
        var result: [DraftChunk] = []
        var headings: [(level: Int, text: String)] = []
        var pieces: [Piece] = []
        var tokens = 0

        func flush(continuing: Bool) {
            guard !pieces.isEmpty else { return }
            var text = ""
            for (i, piece) in pieces.enumerated() {
                if i > 0 { text += piece.continues ? (piece.code ? "\n" : " ") : "\n\n" }
                text += piece.text
            }
            let kind = pieces.allSatisfy(\.code) ? "code" : "text"
            result.append(DraftChunk(index: result.count, text: text, headings: headings.map(\.text), tokens: TokenEstimate.count(text), kind: kind))
            if continuing { pieces = tail(of: pieces) } else { pieces = [] }
            tokens = pieces.first?.tokens ?? 0
        }

        /// A piece after another costs its separator too (a blank line is two tokens, a line break one).
        func cost(_ piece: Piece) -> Int { pieces.isEmpty ? piece.tokens : piece.tokens + (piece.continues ? (piece.code ? 1 : 0) : 2) }
        func add(_ piece: Piece) {
            if tokens + cost(piece) > size, !pieces.isEmpty { flush(continuing: true) }
            if tokens + cost(piece) > size, !pieces.isEmpty { pieces = []; tokens = 0 }  // the overlap and the piece do not fit together
            tokens += cost(piece)
            pieces.append(piece)
        }

        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                flush(continuing: false)
                headings.removeAll { $0.level >= level }
                headings.append((level, text))
            case .paragraph(let text):
                for piece in split(text, code: false) { add(piece) }
            case .code(let text):
                for piece in split(text, code: true) { add(piece) }
            }
        }
        flush(continuing: false)
        return result
    }

    /// A unit chunking keeps whole: a paragraph, a run of sentences, a code block or a run of lines.
    struct Piece: Equatable {
        var text: String
        var tokens: Int
        var code: Bool
        /// The sentences or lines it is made of, for overlap.
        var parts: [String]
        /// It continues the paragraph (or code block) of the piece before it.
        var continues = false
    }

    /// `text` as one piece when it fits, else one piece per sentence (line, for code), a sentence or line
    /// too big on its own split between words; packing then fills chunks with them.
    func split(_ text: String, code: Bool) -> [Piece] {
        let tokens = TokenEstimate.count(text)
        let parts = code ? text.components(separatedBy: "\n") : Self.sentences(text)
        if tokens <= size { return [Piece(text: text, tokens: tokens, code: code, parts: parts)] }
        let units = parts.flatMap { TokenEstimate.count($0) > size ? Self.words($0, limit: size) : [$0] }
        return units.enumerated().map { i, unit in
            Piece(text: unit, tokens: TokenEstimate.count(unit), code: code, parts: [unit], continues: i > 0)
        }
    }

    /// The end of `pieces` worth at most `overlap` tokens, in whole sentences or lines, as one piece.
    func tail(of pieces: [Piece]) -> [Piece] {
        guard overlap > 0, let last = pieces.last else { return [] }
        var kept: [String] = [], tokens = 0
        for part in pieces.reversed().prefix(while: { $0.code == last.code }).flatMap({ $0.parts.reversed() }) {
            let partTokens = TokenEstimate.count(part)
            if tokens + partTokens > overlap { break }
            kept.insert(part, at: 0)
            tokens += partTokens
        }
        guard !kept.isEmpty else { return [] }
        let text = kept.joined(separator: last.code ? "\n" : " ")
        return [Piece(text: text, tokens: TokenEstimate.count(text), code: last.code, parts: kept)]
    }

    /// Sentences: a `.`, `!` or `?` (with closing quotes or brackets) followed by a space ends one.
    static func sentences(_ text: String) -> [String] {
        var result: [String] = [], current = ""
        var previous: Character?
        var ended = false
        for character in text {
            if ended, character.isWhitespace {
                let sentence = current.trimmingCharacters(in: .whitespaces)
                if !sentence.isEmpty { result.append(sentence) }
                current = ""
                ended = false
                previous = character
                continue
            }
            current.append(character)
            if ".!?".contains(character) { ended = previous.map { !$0.isWhitespace } ?? false }
            else if !("\"')]\u{201D}\u{2019}".contains(character)) { ended = false }
            previous = character
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { result.append(last) }
        return result
    }

    /// Runs of words of at most `limit` tokens.
    static func words(_ text: String, limit: Int) -> [String] {
        var result: [String] = [], current: [Substring] = [], tokens = 0
        for word in text.split(whereSeparator: { $0.isWhitespace }) {
            let wordTokens = TokenEstimate.count(String(word))
            if tokens + wordTokens > limit, !current.isEmpty {
                result.append(current.joined(separator: " "))
                current = []
                tokens = 0
            }
            current.append(word)
            tokens += wordTokens
        }
        if !current.isEmpty { result.append(current.joined(separator: " ")) }
        return result
    }
}
