import Foundation

/// The vector channel: the query's embedding against the tenant's index, then the nearest chunks read
/// back from the database, which drops entries whose chunk or document has gone and applies the filters.
struct VectorSearch: Sendable {
    let store: Store
    let tenant: UUID

    /// The `limit` nearest live chunks within the filters; `spare` neighbours more are read with each batch.
    func search(_ query: [Float], index: VectorIndex, filters: KnowledgeSearch.Filters, limit: Int, spare: Int = 5) async throws -> [KeywordSearch.Match] {
        let allowed = filters.isEmpty ? nil : try await documents(filters)
        // Extra neighbours stand in for entries the read drops (a document deleted since the index last
        // looked); they are read only when the first `limit` and a few lose some.
        let neighbours = index.nearest(query, limit: limit * 2 + 10, in: allowed)
        var matches: [KeywordSearch.Match] = []
        var next = 0
        while matches.count < limit, next < neighbours.count {
            let batch = neighbours[next..<min(neighbours.count, next + limit - matches.count + spare)]
            next = batch.endIndex
            let found = try await chunks(batch.map(\.chunk), filters: filters)
            for neighbour in batch {
                guard var match = found[neighbour.chunk] else { continue }
                match.score = Double(neighbour.score)
                matches.append(match)
            }
        }
        return Array(matches.prefix(limit))
    }

    /// The chunks among `ids` that are live and within the filters.
    private func chunks(_ ids: [UUID], filters: KnowledgeSearch.Filters) async throws -> [UUID: KeywordSearch.Match] {
        var sql = SQLText(store.engine, "SELECT \(KeywordSearch.matchColumns), CAST(0 AS double precision) AS ft_rank FROM document_chunks c JOIN knowledge_sources s ON s.id = c.document_id WHERE c.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND s.deleted_at IS NULL AND c.id IN (")
        sql.appendList(ids.map { DBValue.uuid($0) }, as: .uuid)
        sql.append(")")
        SearchFilters.append(filters, to: &sql)
        var found: [UUID: KeywordSearch.Match] = [:]
        for row in try await store.rows(sql) {
            let match = try KeywordSearch.match(row, engine: store.engine, rank: "ft_rank")
            found[match.chunkID] = match
        }
        return found
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
