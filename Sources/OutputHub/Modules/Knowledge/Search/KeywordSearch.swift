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
        /// 2: the document's title is the query; 1: the chunk holds the query as a phrase; 0: neither.
        var tier = 0
    }

    let store: Store
    let tenant: UUID

    func search(words: [String], filters: KnowledgeSearch.Filters, limit: Int) async throws -> [Match] {
        var matches = try await chunks(.anyOf(Self.distinct(words)), filters: filters, limit: limit)
        if words.count > 1 {
            let phrase = Set(try await chunks(.phrase(words), filters: filters, limit: limit).map(\.chunkID))
            for i in matches.indices where phrase.contains(matches[i].chunkID) { matches[i].tier = 1 }
        }
        let titled = try await documentsTitled(words, filters: filters)
        if !titled.isEmpty {
            // The document's best chunk, or its first when no chunk holds the title's words.
            var marked = Set<UUID>()
            for i in matches.indices where titled.contains(matches[i].documentID) && marked.insert(matches[i].documentID).inserted {
                matches[i].tier = 2
            }
            for document in titled.subtracting(marked) {
                if var first = try await firstChunk(of: document) {
                    first.tier = 2
                    matches.append(first)
                }
            }
        }
        return matches.enumerated().sorted { a, b in
            (a.element.tier, a.element.score, -a.offset) > (b.element.tier, b.element.score, -b.offset)
        }.map(\.element)
    }

    static let matchColumns = "c.id, c.document_id, c.chunk_index, c.heading, c.chunk_text, s.title"

    private func chunks(_ query: FullTextQuery, filters: KnowledgeSearch.Filters, limit: Int) async throws -> [Match] {
        var sql = SQLText(store.engine, "SELECT \(Self.matchColumns), ft.ft_rank FROM document_chunks c")
        store.engine.appendRankedFullTextJoin(to: &sql, table: KnowledgeTables.documentChunks, alias: "c", query: query)
        sql.append(" JOIN knowledge_sources s ON s.id = c.document_id WHERE c.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND s.deleted_at IS NULL")
        SearchFilters.append(filters, to: &sql)
        sql.append(" ORDER BY ft.ft_rank DESC, c.id LIMIT \(limit)")
        return try await store.rows(sql).map { row in try Self.match(row, engine: store.engine, rank: "ft_rank") }
    }

    /// Documents of the tenant (within the filters) whose title, compared word by word, is the query.
    private func documentsTitled(_ words: [String], filters: KnowledgeSearch.Filters) async throws -> Set<UUID> {
        var sql = SQLText(store.engine, "SELECT s.id, s.title FROM knowledge_sources s")
        store.engine.appendRankedFullTextJoin(to: &sql, table: KnowledgeTables.knowledgeSources, alias: "s", query: .phrase(words))
        sql.append(" WHERE s.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND s.deleted_at IS NULL AND s.processing_status = 'completed'")
        SearchFilters.append(filters, to: &sql)
        sql.append(" LIMIT 20")
        let wanted = words.map { $0.lowercased() }
        var result = Set<UUID>()
        for row in try await store.rows(sql) {
            let read = RowReader(row: row, engine: store.engine)
            if store.engine.searchWords(try read.text("title") ?? "").map({ $0.lowercased() }) == wanted { result.insert(try read.uuid("id")) }
        }
        return result
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
