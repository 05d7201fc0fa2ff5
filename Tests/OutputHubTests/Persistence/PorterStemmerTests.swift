import Foundation
@testable import OutputHub
import SQLKit
import Testing

/// The Swift Porter stemmer against SQLite's own `porter unicode61` tokenizer, on the vocabulary of this
/// repository's documentation and sources (thousands of real English words).
@Suite("Persistence: Porter stemmer")
struct PorterStemmerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func vocabulary() throws -> [String] {
        var words = Set<String>()
        let files = ["README.md", "docs/data-model.md", "docs/benchmarks.md"].map { root.appendingPathComponent($0) }
            + (try FileManager.default.contentsOfDirectory(at: root.appendingPathComponent("Tests/OutputHubTests/Fixtures/knowledge"), includingPropertiesForKeys: nil))
        for file in files {
            guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
            for word in text.lowercased().split(whereSeparator: { !($0.isASCII && ($0.isLetter || $0.isNumber)) }) where word.count >= 3 {
                words.insert(String(word))
            }
        }
        // Words that exercise each step's edge cases.
        words.formUnion(["caresses", "ponies", "ties", "caress", "cats", "feed", "agreed", "plastered", "bled", "motoring", "sing",
                         "conflated", "troubled", "sized", "hopping", "tanned", "falling", "hissing", "fizzed", "failing", "filing",
                         "happy", "sky", "relational", "conditional", "rational", "valenci", "hesitanci", "digitizer", "conformabli",
                         "radicalli", "differentli", "vileli", "analogousli", "vietnamization", "predication", "operator", "feudalism",
                         "decisiveness", "hopefulness", "callousness", "formaliti", "sensitiviti", "sensibiliti", "triplicate",
                         "formative", "formalize", "electriciti", "electrical", "hopeful", "goodness", "revival", "allowance",
                         "inference", "airliner", "gyroscopic", "adjustable", "defensible", "irritant", "replacement", "adjustment",
                         "dependent", "adoption", "homologou", "communism", "activate", "angulariti", "homologous", "effective",
                         "bowdlerize", "probate", "rate", "cease", "controll", "roll", "generalizations", "oscillators", "utf8", "py3k"])
        return words.sorted()
    }

    @Test("every word's stem is the term SQLite's tokenizer indexes it under")
    func matchesSQLite() async throws {
        try await withApp { app in
            guard app.outputHub.engine.kind == .sqlite else { return }
            let words = try Self.vocabulary()
            #expect(words.count > 1_000)
            let indexed = try await app.store.sql.withSession { session -> [Int: String] in
                try await session.raw("CREATE VIRTUAL TABLE temp.stem_words USING fts5(word, tokenize='porter unicode61')").run()
                try await session.raw("CREATE VIRTUAL TABLE temp.stem_terms USING fts5vocab(temp, stem_words, instance)").run()
                for (i, word) in words.enumerated() {
                    try await session.raw("INSERT INTO temp.stem_words (rowid, word) VALUES (\(bind: i + 1), \(bind: word))").run()
                }
                var terms: [Int: String] = [:]
                for row in try await session.raw("SELECT doc, term FROM temp.stem_terms").all() {
                    terms[try row.decode(column: "doc", as: Int.self)] = try row.decode(column: "term", as: String.self)
                }
                return terms
            }
            #expect(indexed.count == words.count, "one term per word")
            let differing = words.enumerated().filter { PorterStemmer.stem($0.element) != indexed[$0.offset + 1] }
                .map { "\($0.element): \(PorterStemmer.stem($0.element)) ≠ \(indexed[$0.offset + 1] ?? "nil")" }
            #expect(differing.isEmpty, "\(differing.prefix(40))")
        }
    }
}
