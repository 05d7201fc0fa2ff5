import Foundation

/// Embeds the chunks that have no embedding of their tenant's model: documents ingested before the
/// tenant chose (or changed) its embedding configuration, or while its model failed. Runs every few
/// minutes on one server, a bounded number of chunks per tenant each time, through the same cache.
enum EmbeddingBackfill {
    static let task = ScheduledTask("knowledge.embed-missing", .every(minutes: 5)) { context in
        let generations = GenerationLog(store: context.store, clients: context.clients, logger: context.logger)
        for tenant in try await Embedder.tenants(context.store) {
            do {
                guard let embedder = try await Embedder.of(tenant: tenant, store: context.store, clients: context.clients, log: generations) else { continue }
                let done = try await run(embedder, store: context.store, clients: context.clients)
                if done > 0 { context.logger.info("knowledge: embedded \(done) chunks of tenant \(tenant) with \(embedder.model)") }
            } catch let error as EmbeddingUnavailable {
                context.logger.warning("knowledge: tenant \(tenant): \(error.description)")
            }
        }
        await generations.flush()
    }

    /// Chunks per tenant and run.
    static let perRun = 2_000

    /// Embeds up to `limit` chunks of live, completed documents without an embedding of `embedder`'s model; the number given one.
    static func run(_ embedder: Embedder, store: Store, clients: HubClients, limit: Int = perRun) async throws -> Int {
        var sql = SQLText(store.engine, "SELECT c.id, c.content_hash, c.chunk_text FROM document_chunks c JOIN knowledge_sources s ON s.id = c.document_id"
            + " WHERE c.tenant_id = ")
        sql.bind(.uuid(embedder.tenant), as: .uuid)
        sql.append(" AND s.deleted_at IS NULL AND s.processing_status = 'completed' AND c.content_hash IS NOT NULL"
            + " AND NOT EXISTS (SELECT 1 FROM chunk_embeddings e WHERE e.chunk_id = c.id AND e.model = ")
        sql.bind(.string(embedder.model), as: .varchar(255))
        sql.append(") ORDER BY c.document_id, c.chunk_index LIMIT \(limit)")
        var ids: [UUID] = []
        var texts: [(hash: String, text: String)] = []
        for row in try await store.rows(sql) {
            let read = RowReader(row: row, engine: store.engine)
            ids.append(try read.uuid("id"))
            texts.append((hash: try read.text("content_hash") ?? "", text: try read.text("chunk_text") ?? ""))
        }
        guard !ids.isEmpty else { return 0 }
        let stored = StoredEmbeddings(store: store, tenant: embedder.tenant, model: embedder.model)
        _ = try await stored.ensureCached(texts, embedder: embedder, clients: clients)
        var given = 0
        for start in stride(from: 0, to: ids.count, by: 400) {
            given += try await stored.attach(chunkIDs: Array(ids[start..<min(start + 400, ids.count)]), at: clients.clock.now())
        }
        return given
    }
}
