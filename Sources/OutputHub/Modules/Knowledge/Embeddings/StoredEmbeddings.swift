import Foundation

/// A tenant's stored embeddings of one model: the cache by text hash (`embedding_cache`) and the chunks'
/// own rows (`chunk_embeddings`), which the vector index reads.
struct StoredEmbeddings: Sendable {
    let store: Store
    let tenant: UUID
    let model: String

    /// Hashes per statement.
    static let batch = 400

    /// Which of `hashes` the cache holds.
    func cached(_ hashes: [String]) async throws -> Set<String> {
        var found = Set<String>()
        for start in stride(from: 0, to: hashes.count, by: Self.batch) {
            var sql = SQLText(store.engine, "SELECT content_hash FROM embedding_cache WHERE tenant_id = ")
            sql.bind(.uuid(tenant), as: .uuid)
            sql.append(" AND model = ")
            sql.bind(.string(model), as: .varchar(255))
            sql.append(" AND content_hash IN (")
            sql.appendList(hashes[start..<min(start + Self.batch, hashes.count)].map(DBValue.string), as: .varchar(64))
            sql.append(")")
            for row in try await store.rows(sql) { found.insert(try RowReader(row: row, engine: store.engine).text("content_hash") ?? "") }
        }
        return found
    }

    /// Adds embeddings to the cache; an entry another server added meanwhile stays as it is.
    func cache(_ entries: [(hash: String, vector: [Float])], clients: HubClients) async throws {
        let now = clients.clock.now()
        for start in stride(from: 0, to: entries.count, by: 100) {
            var sql = SQLText(store.engine, "INSERT INTO embedding_cache (id, tenant_id, model, content_hash, dimensions, vector, created_at) VALUES ")
            for (i, entry) in entries[start..<min(start + 100, entries.count)].enumerated() {
                sql.append(i == 0 ? "(" : ", (")
                sql.bind(.uuid(clients.ids.next()), as: .uuid)
                sql.append(", ")
                sql.bind(.uuid(tenant), as: .uuid)
                sql.append(", ")
                sql.bind(.string(model), as: .varchar(255))
                sql.append(", ")
                sql.bind(.string(entry.hash), as: .varchar(64))
                sql.append(", \(entry.vector.count), ")
                sql.bind(.bytes(PackedVector.pack(entry.vector)), as: .bytes)
                sql.append(", ")
                sql.bind(.date(now), as: .timestamp)
                sql.append(")")
            }
            sql.append(" ON CONFLICT (tenant_id, model, content_hash) DO NOTHING")
            try await store.run(sql)
        }
    }

    /// Gives every chunk of `document` (or, with nil, the chunks `chunkIDs` name) without an embedding
    /// of this model the cached embedding of its text; the number given.
    @discardableResult
    func attach(document: UUID? = nil, chunkIDs: [UUID] = [], at now: Date) async throws -> Int {
        var sql = SQLText(store.engine, "INSERT INTO chunk_embeddings (tenant_id, chunk_id, model, dimensions, vector, created_at)"
            + " SELECT c.tenant_id, c.id, e.model, e.dimensions, e.vector, ")
        sql.bind(.date(now), as: .timestamp)
        sql.append(" FROM document_chunks c JOIN embedding_cache e ON e.tenant_id = c.tenant_id AND e.content_hash = c.content_hash AND e.model = ")
        sql.bind(.string(model), as: .varchar(255))
        sql.append(" WHERE c.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        if let document {
            sql.append(" AND c.document_id = ")
            sql.bind(.uuid(document), as: .uuid)
        } else {
            guard !chunkIDs.isEmpty else { return 0 }
            sql.append(" AND c.id IN (")
            sql.appendList(chunkIDs.map(DBValue.uuid), as: .uuid)
            sql.append(")")
        }
        sql.append(" AND NOT EXISTS (SELECT 1 FROM chunk_embeddings x WHERE x.chunk_id = c.id AND x.model = e.model)")
        sql.append(" ON CONFLICT (chunk_id, model) DO NOTHING RETURNING chunk_id")
        return try await store.writeRows(sql).count
    }

    /// Makes sure the cache holds an embedding of each text (by its hash), embedding only the missing ones;
    /// the number sent to the model.
    func ensureCached(_ texts: [(hash: String, text: String)], embedder: Embedder, clients: HubClients) async throws -> Int {
        var unique: [(hash: String, text: String)] = []
        var seen = Set<String>()
        for item in texts where seen.insert(item.hash).inserted { unique.append(item) }
        let present = try await cached(unique.map(\.hash))
        let missing = unique.filter { !present.contains($0.hash) }
        for start in stride(from: 0, to: missing.count, by: Embedder.batchSize * 4) {
            let part = Array(missing[start..<min(start + Embedder.batchSize * 4, missing.count)])
            let vectors = try await embedder.embed(part.map(\.text))
            try await cache(zip(part, vectors).map { (hash: $0.hash, vector: $1) }, clients: clients)
        }
        return missing.count
    }
}
