import Foundation

/// Search over a tenant's chunks (`POST /api/v1/search`): a keyword channel and a vector channel, each
/// ranked on its own scale and thresholded on it, fused by reciprocal rank fusion.
///
/// The keyword channel asks the engine's full-text index for chunks with any of the query's words (so a
/// whole sentence with a word missing or misspelled still finds its chunk), ranked by BM25 (`ts_rank` on
/// PostgreSQL). Two kinds of match rank above that order: chunks of a document whose title is the query,
/// then chunks holding the query as an exact phrase. A hit's keyword score stays the engine's relevance.
/// The vector channel embeds the query with the tenant's embedding model and ranks by cosine similarity
/// in the server's index; without a model (or while the index loads, or when the model fails)
/// `channels.vector` says why and search is keyword-only. Exact title and phrase matches stay above the
/// fused order in hybrid mode too.
struct KnowledgeSearch: Sendable {
    enum Mode: String, Sendable, CaseIterable { case hybrid, keyword, vector }

    struct Filters: Sendable {
        var productID: UUID?
        /// The domain and its whole subtree.
        var domainID: UUID?
        var documentType: String?
        var language: String?
        var documentID: UUID?
    }

    struct Query: Sendable {
        var text: String
        var topK = 10
        var mode = Mode.hybrid
        var filters = Filters()
        var minKeywordScore: Double?
        var minVectorScore: Double?
    }

    struct ChannelHit: Sendable, Equatable {
        var score: Double
        var rank: Int
    }

    struct Hit: Sendable {
        var chunkID: UUID
        var documentID: UUID
        var title: String
        var heading: String?
        var text: String
        var snippet: String
        var keyword: ChannelHit?
        var vector: ChannelHit?
        var score: Double
        /// The keyword channel's tier (2 title, 1 phrase, 0 neither), which orders above the fused score.
        var tier = 0
    }

    struct Channel: Sendable {
        var enabled: Bool
        var reason: String?
        var candidates = 0
    }

    struct Answer: Sendable {
        var hits: [Hit]
        var channels: [String: Channel]
    }

    /// Reciprocal rank fusion's constant: a hit ranked r in a channel adds 1 / (k + r).
    static let fusionK = 60.0
    static let topKRange = 1...100

    /// What the vector channel needs from the server: its indexes, and the clients and generation log
    /// the query's embedding call uses.
    struct Vectors: Sendable {
        let indexes: VectorIndexes
        let clients: HubClients
        let log: GenerationLog
    }

    let store: Store
    let tenant: UUID
    /// nil: no vector channel on this path.
    var vectors: Vectors?

    func search(_ query: Query) async throws -> Answer {
        let words = store.engine.searchWords(query.text)
        let candidates = max(query.topK * 5, 50)
        // The channels run at the same time: the vector channel waits for the query's embedding, then scans.
        async let vectorResult = vectorChannel(query, limit: candidates)
        var channels: [String: Channel] = [:]
        var keyword: [KeywordSearch.Match] = []
        if query.mode == .vector {
            channels["keyword"] = Channel(enabled: false, reason: "mode is vector")
        } else if words.isEmpty {
            channels["keyword"] = Channel(enabled: false, reason: "the query has no words")
        } else {
            keyword = try await KeywordSearch(store: store, tenant: tenant).search(query.text, words: words, filters: query.filters, limit: candidates)
            if let minimum = query.minKeywordScore { keyword.removeAll { $0.score < minimum } }
            channels["keyword"] = Channel(enabled: true, candidates: keyword.count)
        }
        let vector: [KeywordSearch.Match]
        (vector, channels["vector"]) = try await vectorResult

        var hits: [UUID: Hit] = [:]
        for (offset, match) in keyword.enumerated() {
            let rank = offset + 1
            hits[match.chunkID] = Hit(chunkID: match.chunkID, documentID: match.documentID, title: match.title, heading: match.heading,
                                      text: match.text, snippet: "", keyword: ChannelHit(score: match.score, rank: rank), vector: nil,
                                      score: 1 / (Self.fusionK + Double(rank)), tier: match.tier)
        }
        for (offset, match) in vector.enumerated() {
            let rank = offset + 1
            let fused = 1 / (Self.fusionK + Double(rank))
            if hits[match.chunkID] != nil {
                hits[match.chunkID]!.vector = ChannelHit(score: match.score, rank: rank)
                hits[match.chunkID]!.score += fused
            } else {
                hits[match.chunkID] = Hit(chunkID: match.chunkID, documentID: match.documentID, title: match.title, heading: match.heading,
                                          text: match.text, snippet: "", keyword: nil, vector: ChannelHit(score: match.score, rank: rank), score: fused)
            }
        }
        var ranked = hits.values.sorted { a, b in
            (a.tier, a.score) != (b.tier, b.score) ? (a.tier, a.score) > (b.tier, b.score) : a.chunkID.precedes(b.chunkID)
        }
        ranked = Array(ranked.prefix(query.topK))
        for i in ranked.indices { ranked[i].snippet = Snippet.make(ranked[i].text, words: words) }
        return Answer(hits: ranked, channels: channels)
    }

    /// The vector channel's candidates, thresholded on cosine similarity, and its state.
    private func vectorChannel(_ query: Query, limit: Int) async throws -> ([KeywordSearch.Match], Channel) {
        guard query.mode != .keyword else { return ([], Channel(enabled: false, reason: "mode is keyword")) }
        guard let vectors else { return ([], Channel(enabled: false, reason: "no embedding model")) }
        switch try await vectors.indexes.source(tenant: tenant, store: store, clients: vectors.clients, log: vectors.log) {
        case .unavailable(let reason):
            return ([], Channel(enabled: false, reason: reason))
        case .ready(let embedder, let index):
            let embedding: [Float]
            do {
                embedding = try await vectors.indexes.queryVector(query.text, embedder: embedder)
            } catch let error as GatewayError {
                return ([], Channel(enabled: false, reason: "the embedding model failed: \(error.message)"))
            } catch let error as EmbeddingUnavailable {
                return ([], Channel(enabled: false, reason: error.description))
            }
            var matches = try await VectorSearch(store: store, tenant: tenant).search(embedding, index: index, filters: query.filters, limit: limit)
            if let minimum = query.minVectorScore { matches.removeAll { $0.score < minimum } }
            return (matches, Channel(enabled: true, candidates: matches.count))
        }
    }
}
