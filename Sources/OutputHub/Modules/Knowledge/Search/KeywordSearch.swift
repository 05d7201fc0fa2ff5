import SQLKit
import Foundation

/// The keyword channel: the engine's full-text ranking of a tenant's live chunks, filtered, with exact
/// title and phrase matches first (see `KnowledgeSearch`).
struct KeywordSearch: Sendable {
    struct Match: Sendable, Equatable {
        var chunkID: UUID
        var documentID: UUID
        var chunkIndex: Int
        var title: String
        var heading: String?
        var text: String
        /// The engine's relevance, higher better.
        var score: Double
        /// See `Tier`; 0: none of them.
        var tier = 0
    }

    let store: Store
    let tenant: UUID

    /// The best matches for `text`, whose words (as the engine splits them) are `words`.
    func search(_ text: String, words: [String], filters: KnowledgeSearch.Filters, limit: Int) async throws -> [Match] {
        // The title query needs nothing from the others: it runs while they do.
        async let titledDocuments = documentsTitled(text, words: words, filters: filters)
        let (corrected, anyOf, counts) = try await queryWords(words)
        let anyWord = FullTextQuery.anyOf(anyOf, rowCounts: counts)
        var matches: [Match]
        if store.engine.ranksGatedQueries, !corrected.isEmpty {
            let gate = Self.gate(corrected, counts: counts)
            let rows = try await store.engine.fullTextIndexRows(table: KnowledgeTables.documentChunks, in: store)
            let weighed = corrected.filter { gate.contains($0) || !Self.tooCommonToRank(counts[$0], indexRows: rows) }
            matches = try await chunks(.gated(gate: gate, words: weighed, rowCounts: counts), filters: filters, limit: limit)
        } else {
            matches = try await chunks(anyWord, filters: filters, limit: limit)
        }
        if words.count > 1 {
            // Chunks holding the query as a phrase, then chunks holding all its (corrected) words close
            // together, join the candidates and rank above the others: a sentence with a word left out or
            // misspelled still finds its chunk among near-copies of it.
            let phrase = try await holdingPhrase(words, candidates: matches, filters: filters, limit: limit)
            raise(&matches, to: Tier.phrase, phrase)
            if phrase.isEmpty && corrected.count > 1 {
                raise(&matches, to: Tier.near, try await chunks(.near(corrected, distance: corrected.count + 6), filters: filters, limit: limit, best: nil))
            }
        }
        let titled = try await titledDocuments
        // Titled documents rank among themselves in `documentsTitled`'s order.
        var titleOrder: [UUID: Int] = [:]
        for (position, document) in titled.enumerated() { titleOrder[document] = -position }
        if !titled.isEmpty {
            // The document's best chunk, or its first when no chunk holds the title's words.
            var marked = Set<UUID>()
            for i in matches.indices where titleOrder[matches[i].documentID] != nil && marked.insert(matches[i].documentID).inserted {
                matches[i].tier = Tier.title
            }
            for document in titled where !marked.contains(document) {
                if var first = try await firstChunk(of: document) {
                    first.tier = Tier.title
                    matches.append(first)
                }
            }
        }
        func order(_ match: Match) -> Int { match.tier == Tier.title ? titleOrder[match.documentID] ?? 0 : 0 }
        return matches.enumerated().sorted { a, b in
            (a.element.tier, order(a.element), a.element.score, -a.offset) > (b.element.tier, order(b.element), b.element.score, -b.offset)
        }.map(\.element)
    }

    /// Words from which a query's phrase matches are looked for among its any-word candidates alone.
    static let phraseAmongCandidates = 5

    /// The chunks holding `words` as a phrase. A long query's are found among the any-word candidates
    /// (`phraseAmongCandidates` words or more, all ASCII): a chunk holding the whole sentence holds its
    /// rarest words too, so it ranks among them, and the index's phrase query, which reads every word's
    /// rows ("the" and "is" among them), would cost more than the rest of the search. Shorter queries ask
    /// the index, whose phrase matches may rank below the candidates.
    private func holdingPhrase(_ words: [String], candidates: [Match], filters: KnowledgeSearch.Filters, limit: Int) async throws -> [Match] {
        guard words.count >= Self.phraseAmongCandidates, words.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else {
            return try await chunks(.phrase(words), filters: filters, limit: limit, best: nil)
        }
        let phrase = words.map { Snippet.stem($0[...]) }
        return candidates.filter { Self.holds(phrase, in: $0.text) }
    }

    /// Whether `text`'s words hold `phrase` (words as `Snippet.stem` makes them) one after another; any
    /// byte that is not an ASCII letter or digit separates words, as the query's punctuation does.
    static func holds(_ phrase: [String], in text: String) -> Bool {
        guard let first = phrase.first else { return false }
        let tokens = text.utf8.split { !(0x30...0x39).contains($0) && !(0x41...0x5A).contains($0) && !(0x61...0x7A).contains($0) }
            .map { Snippet.stem(Substring($0)) }
        guard tokens.count >= phrase.count else { return false }
        for start in 0...(tokens.count - phrase.count) where tokens[start] == first {
            if tokens[start..<(start + phrase.count)].elementsEqual(phrase) { return true }
        }
        return false
    }

    /// How a match ranks before its score: the document's title is the query, the chunk holds the query
    /// as a phrase, or all its words near each other.
    enum Tier {
        static let title = 3, phrase = 2, near = 1
    }

    /// Puts `found` at `tier` or above: matches already in keep their score, others join.
    private func raise(_ matches: inout [Match], to tier: Int, _ found: [Match]) {
        var index: [UUID: Int] = [:]
        for (i, match) in matches.enumerated() { index[match.chunkID] = i }
        for match in found {
            if let i = index[match.chunkID] {
                matches[i].tier = max(matches[i].tier, tier)
            } else {
                var joined = match
                joined.tier = tier
                index[match.chunkID] = matches.count
                matches.append(joined)
            }
        }
    }

    static let matchColumns = "c.id, c.document_id, c.chunk_index, c.heading, c.chunk_text, s.title"

    /// Rows of the index ranked before the tenant and the filters narrow them (see `chunks`).
    static let rankedFirst = 500

    /// The best `limit` chunks for `query`: first among the index's `rankedFirst` best rows, and when the
    /// tenant and the filters leave fewer than `limit` of those, among all.
    private func chunks(_ query: FullTextQuery, filters: KnowledgeSearch.Filters, limit: Int) async throws -> [Match] {
        let best = try await chunks(query, filters: filters, limit: limit, best: max(Self.rankedFirst, limit))
        return best.count >= limit ? best : try await chunks(query, filters: filters, limit: limit, best: nil)
    }

    private func chunks(_ query: FullTextQuery, filters: KnowledgeSearch.Filters, limit: Int, best: Int?) async throws -> [Match] {
        var sql = SQLText(store.engine, "SELECT \(Self.matchColumns), ft.ft_rank FROM document_chunks c")
        store.engine.appendRankedFullTextJoin(to: &sql, table: KnowledgeTables.documentChunks, alias: "c", query: query, best: best)
        sql.append(" JOIN knowledge_sources s ON s.id = c.document_id WHERE c.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND s.deleted_at IS NULL")
        SearchFilters.append(filters, to: &sql)
        sql.append(" ORDER BY ft.ft_rank DESC, c.id LIMIT \(limit)")
        return try await store.rows(sql).map { row in try Self.match(row, engine: store.engine, rank: "ft_rank") }
    }

    /// Documents of the tenant (within the filters) whose title, compared word by word, is the query: a
    /// title that is the query's very text first (case aside), then the shortest ("Index" before
    /// "Index – _"), then by id, so equal matches keep one order.
    private func documentsTitled(_ text: String, words: [String], filters: KnowledgeSearch.Filters) async throws -> [UUID] {
        var sql = SQLText(store.engine, "SELECT s.id, s.title FROM knowledge_sources s")
        store.engine.appendRankedFullTextJoin(to: &sql, table: KnowledgeTables.knowledgeSources, alias: "s", query: .phrase(words))
        sql.append(" WHERE s.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND s.deleted_at IS NULL AND s.processing_status = 'completed'")
        SearchFilters.append(filters, to: &sql)
        // The phrase may be in many titles (and descriptions): the best and shortest first.
        sql.append(" ORDER BY ft.ft_rank DESC, length(s.title) LIMIT 50")
        let wanted = words.map { $0.lowercased() }
        var result: [(id: UUID, title: String)] = []
        for row in try await store.rows(sql) {
            let read = RowReader(row: row, engine: store.engine)
            let title = try read.text("title") ?? ""
            if store.engine.searchWords(title).map({ $0.lowercased() }) == wanted { result.append((try read.uuid("id"), title)) }
        }
        let exact = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        func key(_ document: (id: UUID, title: String)) -> (Int, Int, String) {
            (document.title.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == exact ? 0 : 1, document.title.count, document.id.uuidString)
        }
        return result.sorted { key($0) < key($1) }.map(\.id)
    }

    private func firstChunk(of document: UUID) async throws -> Match? {
        var sql = SQLText(store.engine, "SELECT \(Self.matchColumns), CAST(0 AS double precision) AS ft_rank FROM document_chunks c JOIN knowledge_sources s ON s.id = c.document_id WHERE c.document_id = ")
        sql.bind(.uuid(document), as: .uuid)
        sql.append(" AND c.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" ORDER BY c.chunk_index LIMIT 1")
        return try await store.rows(sql).first.map { try Self.match($0, engine: store.engine, rank: "ft_rank") }
    }

    static func match(_ row: any SQLRow, engine: any DatabaseEngine, rank: String) throws -> Match {
        let read = RowReader(row: row, engine: engine)
        return Match(chunkID: try read.uuid("id"), documentID: try read.uuid("document_id"), chunkIndex: try read.int("chunk_index") ?? 0,
                     title: try read.text("title") ?? "", heading: try read.text("heading"), text: try read.text("chunk_text") ?? "",
                     score: try read.value(rank, .double).doubleValue ?? 0)
    }

    /// Row counts the words of an any-word query may hold together before the commonest are left out.
    static let rowBudget = 2_000
    /// Words an any-word query keeps at least, and at most once over the budget.
    static let keptWords = 4...8

    /// The words of the any-word query: all of them, unless together they are in more than `rowBudget`
    /// rows of the index. Then the rarest are kept (at least 4, at most 8, up to the budget): ranking
    /// every chunk that holds "the" or "function" costs the most and tells the least, while the rare words
    /// of a sentence are the ones that find its chunk. A word in no row is first corrected (`correct`), else
    /// dropped (it matches nothing); words the engine could not look up stay.
    /// The query's words corrected (in order, each once, words the index does not hold left out when the
    /// engine can tell), the words of its any-word query, and their row counts where known.
    func queryWords(_ words: [String]) async throws -> (corrected: [String], anyOf: [String], counts: [String: Int]) {
        var distinct = Self.distinct(words)
        guard var counts = try await store.engine.fullTextRowCounts(distinct, table: KnowledgeTables.documentChunks, in: store) else { return (distinct, distinct, [:]) }
        try await correct(&distinct, counts: &counts)
        let held = distinct.filter { counts[$0] != nil || !$0.lowercased().utf8.allSatisfy { PorterStemmer.isPlain($0) } }
        return (held, anyWords(distinct, counts: counts), counts)
    }

    func anyWords(_ distinct: [String], counts: [String: Int]) -> [String] {
        guard distinct.count > Self.keptWords.lowerBound, counts.values.reduce(0, +) > Self.rowBudget else { return distinct }
        var kept = Set(distinct.filter { counts[$0] == nil && !$0.lowercased().utf8.allSatisfy { PorterStemmer.isPlain($0) } })
        var rows = 0
        for word in distinct.filter({ counts[$0] != nil }).sorted(by: { counts[$0]! < counts[$1]! }) {
            let count = counts[word]!
            if kept.count >= Self.keptWords.upperBound || (kept.count >= Self.keptWords.lowerBound && rows + count > Self.rowBudget) { break }
            kept.insert(word)
            rows += count
        }
        return distinct.filter(kept.contains)
    }

    /// Row counts the words of a gated query's gate may hold together (see `gate`).
    static let gateBudget = 2_000
    /// Words a gate holds at most.
    static let gateWords = 8

    /// The words whose rows a gated query ranks (`FullTextQuery.gated`): the rarest, while together they
    /// are in at most `gateBudget` rows (the rarest always, at most `gateWords` counted ones), and every
    /// word the engine could not count. A chunk that holds the whole query holds its rarest word, so it is
    /// among them, and ranking it needs no more of "the" or "function" than its own row.
    static func gate(_ words: [String], counts: [String: Int]) -> [String] {
        var kept = Set(words.filter { counts[$0] == nil })
        var rows = 0, counted = 0
        for word in words.filter({ counts[$0] != nil }).sorted(by: { counts[$0]! < counts[$1]! }) {
            let count = counts[word]!
            if counted >= gateWords || (counted > 0 && rows + count > gateBudget) { break }
            kept.insert(word)
            rows += count
            counted += 1
        }
        return words.filter(kept.contains)
    }

    /// The share of the index's rows past which a word does not rank a gated query's rows.
    static let rankedShare = 0.1

    /// Whether a word in `rows` of the index's `indexRows` rows is left out of the ranking: BM25 weighs a
    /// word in a tenth of the rows at most ln 9 ≈ 2.2 (one in 100 of 100,000 about 7, one in half of them
    /// nothing), while finding it in the gate's rows reads most of its own, the longest of the query's.
    static func tooCommonToRank(_ rows: Int?, indexRows: Int?) -> Bool {
        guard let rows, let indexRows else { return false }
        return Double(rows) > rankedShare * Double(indexRows)
    }

    /// Replaces each word of at least four letters that is in no row by the commonest word of the index one
    /// edit away (a letter left out, added, changed or two swapped): "fucntion" searches for "function".
    func correct(_ words: inout [String], counts: inout [String: Int]) async throws {
        let unknown = words.filter { word in
            counts[word] == nil && word.count >= 4 && word.count <= 30 && word.lowercased().utf8.allSatisfy { (97...122).contains($0) }
        }
        guard !unknown.isEmpty, unknown.count <= 3 else { return }
        // Letters swapped or left out first (the commonest slips, and few candidates), then the rest.
        var candidates: [String: String] = [:]  // candidate → the word it corrects
        for word in unknown { for candidate in Self.swapsAndDeletions(word.lowercased()) where candidates[candidate] == nil { candidates[candidate] = word } }
        guard var found = try await store.engine.fullTextRowCounts(Array(candidates.keys), table: KnowledgeTables.documentChunks, in: store) else { return }
        let missed = unknown.filter { word in !found.keys.contains { candidates[$0] == word } }
        if !missed.isEmpty {
            var more: [String: String] = [:]
            for word in missed { for candidate in Self.oneEditAway(word.lowercased()) where candidates[candidate] == nil { more[candidate] = word } }
            found.merge(try await store.engine.fullTextRowCounts(Array(more.keys), table: KnowledgeTables.documentChunks, in: store) ?? [:]) { $1 }
            candidates.merge(more) { a, _ in a }
        }
        var best: [String: (String, Int)] = [:]
        for (candidate, count) in found {
            guard let word = candidates[candidate] else { continue }
            if best[word].map({ count > $0.1 || (count == $0.1 && candidate < $0.0) }) ?? true { best[word] = (candidate, count) }
        }
        words = words.map { best[$0]?.0 ?? $0 }
        for (_, (candidate, count)) in best { counts[candidate] = count }
        words = Self.distinct(words)
    }

    /// The words one transposition or deletion away from `word`.
    static func swapsAndDeletions(_ word: String) -> Set<String> {
        let letters = Array(word.utf8)
        var out = Set<String>()
        for i in letters.indices {
            var deleted = letters
            deleted.remove(at: i)
            out.insert(String(decoding: deleted, as: UTF8.self))
            if i + 1 < letters.count {
                var swapped = letters
                swapped.swapAt(i, i + 1)
                out.insert(String(decoding: swapped, as: UTF8.self))
            }
        }
        out.remove(word)
        return out
    }

    /// Every lowercase word one deletion, transposition, substitution or insertion away from `word`.
    static func oneEditAway(_ word: String) -> Set<String> {
        let letters = Array(word.utf8), alphabet = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        var out = Set<String>()
        func add(_ bytes: [UInt8]) { out.insert(String(decoding: bytes, as: UTF8.self)) }
        for i in letters.indices {
            var deleted = letters; deleted.remove(at: i); add(deleted)
            if i + 1 < letters.count { var swapped = letters; swapped.swapAt(i, i + 1); add(swapped) }
            for letter in alphabet where letter != letters[i] { var changed = letters; changed[i] = letter; add(changed) }
        }
        for i in 0...letters.count { for letter in alphabet { var inserted = letters; inserted.insert(letter, at: i); add(inserted) } }
        out.remove(word)
        return out
    }

    /// Each word once, in order (case-insensitively).
    static func distinct(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.filter { seen.insert($0.lowercased()).inserted }
    }
}

/// The search filters as SQL conditions on `s`, the documents searched.
enum SearchFilters {
    static func append(_ filters: KnowledgeSearch.Filters, to sql: inout SQLText) {
        if let product = filters.productID {
            sql.append(" AND s.product_id = ")
            sql.bind(.uuid(product), as: .uuid)
        }
        if let type = filters.documentType {
            sql.append(" AND s.document_type = ")
            sql.bind(.string(type), as: .varchar(50))
        }
        if let language = filters.language {
            sql.append(" AND s.language = ")
            sql.bind(.string(language), as: .varchar(10))
        }
        if let document = filters.documentID {
            sql.append(" AND s.id = ")
            sql.bind(.uuid(document), as: .uuid)
        }
        if let domain = filters.domainID {
            // The domain's subtree by its materialised path: every domain whose path starts with the domain's.
            sql.append(" AND s.id IN (SELECT m.knowledge_source_id FROM knowledge_domain_mapping m JOIN knowledge_domains d ON d.id = m.domain_id"
                + " JOIN knowledge_domains root ON d.domain_path >= root.domain_path AND d.domain_path < root.domain_path || '~' WHERE root.id = ")
            sql.bind(.uuid(domain), as: .uuid)
            sql.append(" AND d.deleted_at IS NULL)")
        }
    }
}
