import Foundation

/// Search over a tenant's chunks (`POST /api/v1/search`): a keyword channel and a vector channel, each
/// ranked on its own scale and thresholded on it, fused by reciprocal rank fusion.
///
/// The keyword channel asks the engine's full-text index for chunks with any of the query's words (so a
/// whole sentence with a word missing or misspelled still finds its chunk), ranked by BM25 (`ts_rank` on
/// PostgreSQL). Two kinds of match rank above that order: chunks of a document whose title is the query,
/// then chunks holding the query as an exact phrase. A hit's keyword score stays the engine's relevance.
/// The vector channel runs only when the tenant has an embedding model; without one `channels.vector`
/// says so and search is keyword-only.
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

    let store: Store
    let tenant: UUID

    func search(_ query: Query) async throws -> Answer {
        let words = store.engine.searchWords(query.text)
        var channels: [String: Channel] = [:]
        var keyword: [KeywordSearch.Match] = []
        let candidates = max(query.topK * 5, 50)
        if query.mode == .vector {
            channels["keyword"] = Channel(enabled: false, reason: "mode is vector")
        } else if words.isEmpty {
            channels["keyword"] = Channel(enabled: false, reason: "the query has no words")
        } else {
            keyword = try await KeywordSearch(store: store, tenant: tenant).search(words: words, filters: query.filters, limit: candidates)
            if let minimum = query.minKeywordScore { keyword.removeAll { $0.score < minimum } }
            channels["keyword"] = Channel(enabled: true, candidates: keyword.count)
        }
        channels["vector"] = Channel(enabled: false, reason: query.mode == .keyword ? "mode is keyword" : "no embedding model")

        var hits: [UUID: Hit] = [:]
        for (offset, match) in keyword.enumerated() {
            let rank = offset + 1
            hits[match.chunkID] = Hit(chunkID: match.chunkID, documentID: match.documentID, title: match.title, heading: match.heading,
                                      text: match.text, snippet: "", keyword: ChannelHit(score: match.score, rank: rank), vector: nil,
                                      score: 1 / (Self.fusionK + Double(rank)))
        }
        var ranked = hits.values.sorted { ($0.score, $1.chunkID.uuidString) > ($1.score, $0.chunkID.uuidString) }
        ranked = Array(ranked.prefix(query.topK))
        for i in ranked.indices { ranked[i].snippet = Snippet.make(ranked[i].text, words: words) }
        return Answer(hits: ranked, channels: channels)
    }
}
