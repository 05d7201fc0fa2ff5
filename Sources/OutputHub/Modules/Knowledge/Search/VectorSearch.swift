import Foundation

/// The vector channel: the query's embedding against the tenant's index, then the nearest chunks read
/// back from the database, which drops entries whose chunk or document has gone and applies the filters.
struct VectorSearch: Sendable {
    let store: Store
    let tenant: UUID

    func search(_ query: [Float], index: VectorIndex, filters: KnowledgeSearch.Filters, limit: Int) async throws -> [KeywordSearch.Match] {
        let allowed = filters.isEmpty ? nil : try await documents(filters)
        // Extra neighbours stand in for entries the read drops (a document deleted since the index last looked).
        let neighbours = index.nearest(query, limit: limit * 2 + 10, in: allowed)
        guard !neighbours.isEmpty else { return [] }
        var sql = SQLText(store.engine, "SELECT \(KeywordSearch.matchColumns), CAST(0 AS double precision) AS ft_rank FROM document_chunks c JOIN knowledge_sources s ON s.id = c.document_id WHERE c.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND s.deleted_at IS NULL AND c.id IN (")
        sql.appendList(neighbours.map { DBValue.uuid($0.chunk) }, as: .uuid)
        sql.append(")")
        SearchFilters.append(filters, to: &sql)
        var found: [UUID: KeywordSearch.Match] = [:]
        for row in try await store.rows(sql) {
            let match = try KeywordSearch.match(row, engine: store.engine, rank: "ft_rank")
            found[match.chunkID] = match
        }
        return neighbours.compactMap { neighbour in
            guard var match = found[neighbour.chunk] else { return nil }
            match.score = Double(neighbour.score)
            return match
        }.prefix(limit).map { $0 }
    }

    /// The live documents within the filters.
    private func documents(_ filters: KnowledgeSearch.Filters) async throws -> Set<UUID> {
        var sql = SQLText(store.engine, "SELECT s.id FROM knowledge_sources s WHERE s.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND s.deleted_at IS NULL")
        SearchFilters.append(filters, to: &sql)
        return Set(try await store.rows(sql).map { try RowReader(row: $0, engine: store.engine).uuid("id") })
    }
}

extension KnowledgeSearch.Filters {
    var isEmpty: Bool { productID == nil && domainID == nil && documentType == nil && language == nil && documentID == nil }
}
