import Foundation

/// Keeps `knowledge_domains.knowledge_source_count` and `total_chunk_count` equal to what the domain holds:
/// the live documents mapped to it and their chunks. Every change that moves them (a mapping made or
/// removed, a document ingested, deleted or restored) calls `refresh` in its own transaction.
enum DomainStatistics {
    /// Maps a document to a domain; a primary mapping makes the document's other mappings secondary.
    static func map(source: UUID, to domain: UUID, primary: Bool, actor: Actor, clients: HubClients, in tx: Store) async throws {
        if primary { try await clearPrimary(source: source, except: nil, in: tx) }
        let existing = try await tx.select(KnowledgeTables.knowledgeDomainMapping, where: ["knowledge_source_id": .uuid(source), "domain_id": .uuid(domain)], limit: 1).first
        if let id = existing?["id"] {
            _ = try await tx.update(KnowledgeTables.knowledgeDomainMapping, id: id, ["is_primary": .bool(primary)])
        } else {
            _ = try await tx.insert(KnowledgeTables.knowledgeDomainMapping, [
                "id": .uuid(clients.ids.next()), "tenant_id": .uuid(actor.tenantID), "knowledge_source_id": .uuid(source),
                "domain_id": .uuid(domain), "is_primary": .bool(primary), "created_by": .uuid(actor.userID), "created_at": .date(clients.clock.now()),
            ])
        }
        try await refresh(domains: [domain], in: tx)
    }

    /// Makes every mapping of `source` but `except` secondary.
    static func clearPrimary(source: UUID, except: UUID?, in tx: Store) async throws {
        var sql = SQLText(tx.engine, "UPDATE knowledge_domain_mapping SET is_primary = ")
        sql.bind(.bool(false), as: .boolean)
        sql.append(" WHERE knowledge_source_id = ")
        sql.bind(.uuid(source), as: .uuid)
        if let except {
            sql.append(" AND id <> ")
            sql.bind(.uuid(except), as: .uuid)
        }
        try await tx.run(sql)
    }

    /// The domains `source` is mapped to.
    static func domains(of source: UUID, in store: Store) async throws -> [UUID] {
        try await store.select(KnowledgeTables.knowledgeDomainMapping, where: ["knowledge_source_id": .uuid(source)]).compactMap { $0["domain_id"]?.uuidValue }
    }

    /// Recounts the given domains.
    static func refresh(domains: [UUID], in tx: Store) async throws {
        guard !domains.isEmpty else { return }
        var sql = SQLText(tx.engine, """
            UPDATE knowledge_domains SET
              knowledge_source_count = (SELECT COUNT(*) FROM knowledge_domain_mapping m JOIN knowledge_sources s ON s.id = m.knowledge_source_id
                WHERE m.domain_id = knowledge_domains.id AND s.deleted_at IS NULL),
              total_chunk_count = (SELECT COUNT(*) FROM knowledge_domain_mapping m JOIN knowledge_sources s ON s.id = m.knowledge_source_id
                JOIN document_chunks c ON c.document_id = s.id WHERE m.domain_id = knowledge_domains.id AND s.deleted_at IS NULL)
            WHERE id IN (
            """)
        sql.appendList(Set(domains).map(DBValue.uuid), as: .uuid)
        sql.append(")")
        try await tx.run(sql)
    }
}
