import Foundation
@testable import OutputHub
import Testing
import Vapor

/// `POST /api/v1/search` through the API: sentence queries, title and phrase ranking, every filter,
/// per-channel thresholds, modes, tenant isolation and refused requests.
@Suite("Knowledge: search")
struct SearchTests {
    /// Uploads the text, Markdown and HTML fixtures (the pump as a `checklist`, the others `manual`) and ingests them.
    static func library(_ api: APIFixture, fields: [String: String] = [:]) async throws -> [String: String] {
        let checklist = try await api.uploadAccepted([("pump.txt", try APIFixture.fixture("pump.txt"))], fields: fields.merging(["document_type": "checklist"]) { a, _ in a })
        let manuals = try await api.uploadAccepted([("compressor.md", try APIFixture.fixture("compressor.md")), ("valves.html", try APIFixture.fixture("valves.html"))],
                                                   fields: fields.merging(["document_type": "manual"]) { a, _ in a })
        try await api.ingest()
        return ["pump": checklist[0], "compressor": manuals[0], "valves": manuals[1]]
    }

    @Test("dotted names and versions are words on both engines: a title with 3.11 and a query for os.path.join find their document")
    func dottedNames() async throws {
        try await withAPI { api in
            _ = try await Self.library(api)
            let notes = "# What's New In Python 3.11\n\nUse os.path.join() to build file paths, and str.split to cut them apart.\n"
            let id = try await api.uploadAccepted([("release-notes.md", Data(notes.utf8))], fields: ["document_type": "manual"])[0]
            try await api.ingest()
            let title = try await api.search(#"{"query":"What's New In Python 3.11","mode":"keyword"}"#).hits.first
            #expect(title?["document_id"]?.stringValue == id, "the title, numbers and all")
            let dotted = try await api.search(#"{"query":"os.path.join","mode":"keyword"}"#).hits.first
            #expect(dotted?["document_id"]?.stringValue == id && dotted?["keyword"]?.objectValue?["rank"]?.numberValue == 1)
            let split = try await api.search(#"{"query":"str split","mode":"keyword"}"#).hits.first
            #expect(split?["document_id"]?.stringValue == id, "a dotted name's parts, asked for as words")
        }
    }

    @Test("titles equal word by word rank as the query's very text first, then the shortest, every time")
    func equalTitles() async throws {
        try await withAPI { api in
            var ids: [String: String] = [:]
            for (file, title) in [("a.md", "Index – _"), ("b.md", "Index"), ("c.md", "Index – A"), ("d.md", "INDEX –")] {
                ids[title] = try await api.uploadAccepted([(file, Data("# \(title)\n\nEntries of the index, \(file).\n".utf8))], fields: [:])[0]
            }
            try await api.ingest()
            for (query, expected) in [("Index", "Index"), ("Index – _", "Index – _"), ("index –", "INDEX –"), ("Index –", "INDEX –")] {
                for _ in 0..<3 {
                    let top = try await api.search(#"{"query":"\#(query)","mode":"keyword"}"#).hits.first
                    #expect(top?["document_id"]?.stringValue == ids[expected], "\(query)")
                }
            }
            let titles = try await api.search(#"{"query":"Index","mode":"keyword"}"#).hits.prefix(4).compactMap { $0["title"]?.stringValue }
            // "Index – _" has the words of "Index" ("–" and "_" are no words), "Index – A" has one more.
            #expect(titles == ["Index", "INDEX –", "Index – _", "Index – A"])
        }
    }

    @Test("a whole sentence with a wrong word finds its chunk; the answer says the vector channel did not run")
    func sentence() async throws {
        try await withAPI { api in
            let docs = try await Self.library(api)
            let answer = try await api.search(#"{"query":"how often should I check the oil level zebra"}"#)
            let top = try #require(answer.hits.first)
            #expect(top["document_id"]?.stringValue == docs["compressor"])
            #expect(top["heading"]?.stringValue == "Compressor Maintenance › Oil")
            #expect(top["title"]?.stringValue == "Compressor Maintenance")
            #expect(top["snippet"]?.stringValue?.contains("<mark>oil</mark>") == true)
            #expect(top["keyword"]?.objectValue?["rank"]?.numberValue == 1)
            #expect((top["keyword"]?.objectValue?["score"]?.numberValue ?? 0) > 0)
            #expect(top["vector"] == .null)
            #expect(abs((top["score"]?.numberValue ?? 0) - 1.0 / 61) < 1e-6)
            let channels = try #require(answer.objectValue?["channels"]?.objectValue)
            #expect(channels["keyword"]?.objectValue?["enabled"] == .bool(true))
            #expect(channels["vector"] == .object(["enabled": .bool(false), "reason": .string("no embedding model")]))
            // Ranks start at 1 and scores fall with them.
            let ranks = answer.hits.compactMap { $0["keyword"]?.objectValue?["rank"]?.numberValue }
            #expect(ranks == (1...answer.hits.count).map(Double.init))
            let scores = answer.hits.compactMap { $0["score"]?.numberValue }
            #expect(scores == scores.sorted(by: >))
        }
    }

    @Test("a misspelled word searches for the index's word one edit away; words the index lacks are left out")
    func misspellings() async throws {
        try await withAPI { api in
            _ = try await Self.library(api)
            let search = KeywordSearch(store: api.store, tenant: try #require(api.tenantA.uuidValue))
            let (corrected, anyOf, counts) = try await search.queryWords(["Replace", "the", "oil", "fitler", "zzqxv"])
            #expect(corrected == ["Replace", "the", "oil", "filter"])
            #expect(counts["filter"] ?? 0 > 0 && counts["zzqxv"] == nil)
            if api.store.engine.kind == .sqlite {
                #expect(anyOf == ["Replace", "the", "oil", "filter", "zzqxv"], "a small index keeps every word of the any-word query")
            } else {
                // PostgreSQL counts through its index, where a stop word has no term: as common as words get.
                #expect(counts["the"] == FullTextQuery.countCap)
                #expect(anyOf == ["Replace", "the", "oil", "filter"], "over the row budget the rare words stay, at least four")
            }
            let top = try await api.search(#"{"query":"Replace oil fitler after hours of operaiton"}"#).hits.first
            #expect(top?["heading"]?.stringValue == "Compressor Maintenance › Oil")
            #expect(KeywordSearch.oneEditAway("cat").isSuperset(of: ["at", "act", "bat", "cart"]) && !KeywordSearch.oneEditAway("cat").contains("cat"))
        }
    }

    @Test("an exact title, then an exact phrase, ranks first")
    func titlesAndPhrases() async throws {
        try await withAPI { api in
            let docs = try await Self.library(api)
            // "valve" is frequent in the valves document, but the title "Pump Checklist" names the pump's.
            #expect(try await api.search(#"{"query":"Pump Checklist"}"#).hits.first?["document_id"]?.stringValue == docs["pump"])
            #expect(try await api.search(#"{"query":"valve types"}"#).hits.first?["document_id"]?.stringValue == docs["valves"])
            let phrase = try await api.search(#"{"query":"a quarter turn opens"}"#).hits
            #expect(phrase.first?["heading"]?.stringValue == "Valve Types › Ball valves")
            let start = try await api.search(#"{"query":"log every start"}"#).hits
            #expect(start.first?["snippet"]?.stringValue?.contains("<mark>Log</mark> <mark>every</mark> <mark>start</mark>") == true)
            // A long phrase is looked for among the candidates, punctuation between its words and all.
            let long = try await api.search(#"{"query":"start or stop flow & should not throttle","mode":"keyword"}"#).hits
            #expect(long.first?["document_id"]?.stringValue == docs["valves"] && long.first?["heading"]?.stringValue == "Valve Types")
        }
    }

    @Test("on SQLite the gated ranking is FTS5's own BM25: the built-in function's scores, with counts given or counted, a gate or none")
    func gatedRanking() async throws {
        try await withAPI { api in
            guard api.store.engine.kind == .sqlite else { return }
            _ = try await Self.library(api)
            let store = api.store, fts = "document_chunks_fts"
            #expect(store.engine.ranksGatedQueries)
            @Sendable func scores(_ rank: String, _ match: String, on store: Store = api.store) async throws -> [Int: Double] {
                var sql = SQLText(store.engine, "SELECT rowid AS r, \(rank) AS s FROM \(fts) WHERE \(fts) MATCH ")
                sql.bind(.string(match), as: .text)
                var out: [Int: Double] = [:]
                for row in try await store.rows(sql) {
                    let read = RowReader(row: row, engine: store.engine)
                    out[try read.int("r") ?? -1] = try read.value("s", .double).doubleValue
                }
                return out
            }
            let words = ["oil", "the", "valve"], anyWord = #""oil" OR "the" OR "valve""#
            let counts = try #require(try await store.engine.fullTextRowCounts(words, table: KnowledgeTables.documentChunks, in: store))
            let given = words.map { String(counts[$0] ?? 0) }.joined(separator: ", ")
            let builtin = try await scores("-bm25(\(fts))", anyWord)
            #expect(builtin.count > 3 && builtin.values.allSatisfy { $0 > 0 })
            func same(_ scores: [Int: Double], as expected: [Int: Double]) -> Bool {
                scores.keys.sorted() == expected.keys.sorted() && scores.allSatisfy { abs($0.value - expected[$0.key]!) < 1e-9 }
            }
            #expect(same(try await scores("outputhub_bm25(\(fts), 0, -1, -1, -1)", anyWord), as: builtin), "counted as the built-in function counts")
            #expect(same(try await scores("outputhub_bm25(\(fts), 0, \(given))", anyWord), as: builtin), "given")
            let withOil = try await scores("0", #""oil""#)
            #expect(!withOil.isEmpty && withOil.count < builtin.count)
            let gated = try await scores("outputhub_bm25(\(fts), 1, \(given))", #"("oil") AND ("oil" OR "the" OR "valve")"#)
            #expect(same(gated, as: builtin.filter { withOil[$0.key] != nil }), "the gate narrows the rows and weighs nothing")
            // The driver's connections have the function too: in a transaction, and once the reader has closed
            // (a server stopping), reads go there and rank alike.
            let sentence = #"{"query":"how often should I check the oil level","mode":"keyword"}"#
            let before = try await api.search(sentence).hits.first?["chunk_id"]
            let inTransaction = try await store.transaction { transaction in
                try await scores("outputhub_bm25(\(fts), 0, \(given))", anyWord, on: transaction)
            }
            #expect(same(inTransaction, as: builtin))
            (store.engine as? SQLiteEngine)?.reader?.close()
            let after = try await api.search(sentence).hits.first?["chunk_id"]
            #expect(before != nil && after == before)
        }
    }

    @Test("a gate takes the rarest words while their rows fit the budget: the rarest always, uncounted words too")
    func gateWords() {
        let budget = KeywordSearch.gateBudget
        let counts = ["the": budget * 30, "pump": budget / 4, "impeller": 12, "seal": budget / 2, "check": budget * 2]
        #expect(KeywordSearch.gate(["check", "the", "impeller", "seal", "pump"], counts: counts) == ["impeller", "seal", "pump"])
        #expect(KeywordSearch.gate(["the", "check"], counts: counts) == ["check"], "the rarest, however common")
        #expect(KeywordSearch.gate(["the", "Größe"], counts: counts) == ["the", "Größe"], "a word without a count, and the rarest counted one")
        let uncounted = (0..<9).map { "wört\($0)" }
        #expect(KeywordSearch.gate(uncounted + ["impeller", "the"], counts: counts) == uncounted + ["impeller"], "the rarest counted word with any number of uncounted ones")
        let many = (0..<12).map { "w\($0)" }
        #expect(KeywordSearch.gate(many, counts: Dictionary(uniqueKeysWithValues: many.map { ($0, 1) })).count == KeywordSearch.gateWords)
    }

    @Test("a phrase is held by a text whose words, plurals folded, follow each other")
    func phraseHeld() {
        let phrase = ["a", "quarter", "turn", "open"]
        #expect(KeywordSearch.holds(phrase, in: "Then A quarter-turn OPENS the valve."))
        #expect(!KeywordSearch.holds(phrase, in: "a quarter of a turn opens it"), "words between")
        #expect(!KeywordSearch.holds(phrase, in: "open a quarter turn"), "another order")
        #expect(!KeywordSearch.holds(phrase, in: "a quarter turn"), "the text ends first")
        #expect(KeywordSearch.holds(["user", "s", "file"], in: "the user\u{2019}s file"), "a non-ASCII apostrophe separates words as the query's does")
        #expect(!KeywordSearch.holds([], in: "anything"))
    }

    @Test("a snippet marks the query's words, plurals and case folded, splits at any whitespace and escapes the rest")
    func snippets() {
        let folded = ["Valves,": "valve", "PUMP": "pump", "policies": "policy", "classes": "class", "class": "class", "boxes": "box",
                      "matches": "match", "cases": "case", "gas": "gas", "Größe": "größe", "Äpfels": "äpfel"]
        for (word, stem) in folded { #expect(Snippet.stem(word[...]) == stem, "\(word)") }
        for (plural, singular) in [("caches", "cache"), ("niches", "niche"), ("axes", "axe"), ("crevasses", "crevasse"), ("wishes", "wish"), ("buzzes", "buzz")] {
            #expect(Snippet.stem(plural[...]) == Snippet.stem(singular[...]), "\(plural) folds as \(singular)")
        }
        let text = "Check\u{00A0}the <b>valves</b>\tand\npumps \u{2003}Größe daily."
        #expect(Snippet.make(text, words: ["valve", "PUMP", "größe"])
            == "Check the &lt;b&gt;valves&lt;/b&gt; and <mark>pumps</mark> <mark>Größe</mark> daily.")
        let long = (1...100).map { "w\($0)" }.joined(separator: " ")
        #expect(Snippet.make(long, words: ["w50"]) == "\u{2026} " + (19...50).map { $0 == 50 ? "<mark>w50</mark>" : "w\($0)" }.joined(separator: " ") + " \u{2026}")
        #expect(Snippet.make(" \n ", words: ["x"]) == "")
    }

    @Test("every filter narrows the hits; a domain filter takes its whole subtree")
    func filters() async throws {
        try await withAPI { api in
            let root = try await api.request(.POST, "/api/v1/knowledge_domains", key: api.keyA, json: #"{"name":"Plant","code":"plant"}"#)
            let rootID = try #require(root.json.objectValue?["id"]?.stringValue)
            let child = try await api.request(.POST, "/api/v1/knowledge_domains", key: api.keyA,
                                              json: #"{"name":"Pumps","code":"pumps","parent_domain_id":"\#(rootID)"}"#)
            let childID = try #require(child.json.objectValue?["id"]?.stringValue, "\(child.text)")
            let sibling = try await api.request(.POST, "/api/v1/knowledge_domains", key: api.keyA, json: #"{"name":"Office","code":"office"}"#)
            let siblingID = try #require(sibling.json.objectValue?["id"]?.stringValue)
            let product = try await api.request(.POST, "/api/v1/products", key: api.keyA, json: #"{"name":"P-100","category":"pumps"}"#)
            let productID = try #require(product.json.objectValue?["id"]?.stringValue, "\(product.text)")

            let docs = try await Self.library(api)
            let pump = try await api.uploadAccepted([("pump-de.txt", Data("Pumpe\n\nDie Pumpe vor dem ersten Start mit Wasser füllen und nie trocken laufen lassen, start start.".utf8))],
                                                    fields: ["domain_id": childID, "product_id": productID, "language": "de", "document_type": "checklist"])[0]
            try await api.ingest()

            func documents(_ filters: String, query: String = "start") async throws -> Set<String> {
                Set(try await api.search(#"{"query":"\#(query)","top_k":100,"filters":\#(filters)}"#).hits.compactMap { $0["document_id"]?.stringValue })
            }
            #expect(try await documents("{}") == [docs["pump"]!, docs["valves"]!, pump])
            #expect(try await documents(#"{"document_type":"manual"}"#, query: "valve oil start") == [docs["compressor"]!, docs["valves"]!])
            #expect(try await documents(#"{"language":"de"}"#) == [pump])
            #expect(try await documents(#"{"language":"en"}"#) == [docs["pump"]!, docs["valves"]!])
            #expect(try await documents(#"{"product_id":"\#(productID)"}"#) == [pump])
            #expect(try await documents(#"{"document_id":"\#(docs["pump"]!)"}"#) == [docs["pump"]!])
            #expect(try await documents(#"{"domain_id":"\#(childID)"}"#) == [pump])
            #expect(try await documents(#"{"domain_id":"\#(rootID)"}"#) == [pump])
            #expect(try await documents(#"{"domain_id":"\#(siblingID)"}"#) == [])
            #expect(try await documents(#"{"domain_id":"\#(rootID)","language":"en"}"#) == [])
            // A deleted document leaves the results at once.
            #expect(try await api.request(.DELETE, "/api/v1/knowledge_sources/\(pump)", key: api.keyA).status == .noContent)
            #expect(try await documents("{}") == [docs["pump"]!, docs["valves"]!])
        }
    }

    @Test("thresholds apply to their own channel; modes say which channel ran")
    func thresholdsAndModes() async throws {
        try await withAPI { api in
            _ = try await Self.library(api)
            let all = try await api.search(#"{"query":"oil filter belts","top_k":1}"#)
            #expect(all.hits.count == 1)
            let best = try #require(all.hits.first?["keyword"]?.objectValue?["score"]?.numberValue)
            let many = try await api.search(#"{"query":"oil filter belts"}"#).hits
            #expect(many.count >= 2)
            // Scores in the answer are rounded to six decimals.
            let threshold = best - 0.00001
            let kept = try await api.search(#"{"query":"oil filter belts","min_keyword_score":\#(threshold)}"#).hits
            #expect(kept.count >= 1 && kept.count < many.count)
            #expect(kept.allSatisfy { ($0["keyword"]?.objectValue?["score"]?.numberValue ?? 0) >= threshold })
            // A vector threshold says nothing about keyword scores.
            #expect(try await api.search(#"{"query":"oil filter belts","min_vector_score":0.99}"#).hits.count == many.count)

            let keyword = try await api.search(#"{"query":"oil","mode":"keyword"}"#)
            #expect(keyword.objectValue?["channels"]?.objectValue?["vector"]?.objectValue?["enabled"] == .bool(false))
            #expect(!keyword.hits.isEmpty)
            let vector = try await api.search(#"{"query":"oil","mode":"vector"}"#)
            #expect(vector.hits.isEmpty)
            let channels = vector.objectValue?["channels"]?.objectValue
            #expect(channels?["keyword"]?.objectValue?["enabled"] == .bool(false))
            #expect(channels?["vector"]?.objectValue?["reason"]?.stringValue == "no embedding model")
        }
    }

    @Test("a tenant never finds another tenant's chunks")
    func tenantIsolation() async throws {
        try await withAPI { api in
            _ = try await Self.library(api)
            let theirs = try await api.uploadAccepted([("b.txt", Data("Oil notes\n\nThe oil of tenant B is secret.".utf8))], key: api.keyB)[0]
            try await api.ingest()
            let mine = try await api.search(#"{"query":"oil","top_k":100}"#).hits.compactMap { $0["document_id"]?.stringValue }
            #expect(!mine.isEmpty && !mine.contains(theirs))
            let b = try await api.search(#"{"query":"oil","top_k":100}"#, key: api.keyB).hits.compactMap { $0["document_id"]?.stringValue }
            #expect(Set(b) == [theirs])
            #expect(try await api.search(#"{"query":"Oil notes","filters":{"document_id":"\#(theirs)"}}"#).hits.isEmpty)
        }
    }

    @Test("bad requests are refused naming each field")
    func refused() async throws {
        try await withAPI { api in
            let bad = try await api.request(.POST, "/api/v1/search", key: api.keyA,
                                            json: #"{"top_k":0,"mode":"fuzzy","min_keyword_score":"high","filters":{"domain_id":"x","colour":"red"},"extra":1}"#)
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(bad.errorFields) == ["query", "top_k", "mode", "min_keyword_score", "filters.domain_id", "filters.colour", "extra"])
            #expect(bad.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let notObject = try await api.request(.POST, "/api/v1/search", key: api.keyA, json: "[1]")
            #expect(notObject.status == .unprocessableEntity)
            let anonymous = try await api.request(.POST, "/api/v1/search", key: nil, json: #"{"query":"oil"}"#)
            #expect(anonymous.status == .unauthorized)
        }
    }
}
