import Foundation

/// Reads a tenant's `chunk_embeddings` of one model into a `VectorIndex`.
struct VectorIndexLoader: Sendable {
    let store: Store
    let tenant: UUID
    let model: String

    /// Rows per read, so a large index loads in bounded pieces.
    static let page = 2_000

    /// How many embeddings the table holds and the newest one's time: what a refresh compares.
    func state() async throws -> (count: Int, newest: Date?) {
        var sql = SQLText(store.engine, "SELECT count(*) AS n, max(created_at) AS newest FROM chunk_embeddings WHERE tenant_id = ")
        appendKey(&sql)
        guard let row = try await store.rows(sql).first else { return (0, nil) }
        let read = RowReader(row: row, engine: store.engine)
        return (try read.value("n", .bigint).intValue ?? 0, try read.value("newest", .timestamp).dateValue)
    }

    /// Adds the rows created at or after `since` (every row without it) to `index`.
    func load(into index: inout VectorIndex, since: Date?) async throws {
        var after: (Date, UUID)?
        while true {
            try Task.checkCancellation()
            var sql = SQLText(store.engine, "SELECT e.id, e.chunk_id, c.document_id, e.dimensions, e.vector, e.created_at"
                + " FROM chunk_embeddings e JOIN document_chunks c ON c.id = e.chunk_id WHERE e.tenant_id = ")
            appendKey(&sql, alias: "e.")
            if let (time, id) = after {
                sql.append(" AND (e.created_at > ")
                sql.bind(.date(time), as: .timestamp)
                sql.append(" OR (e.created_at = ")
                sql.bind(.date(time), as: .timestamp)
                sql.append(" AND e.id > ")
                sql.bind(.uuid(id), as: .uuid)
                sql.append("))")
            } else if let since {
                sql.append(" AND e.created_at >= ")
                sql.bind(.date(since), as: .timestamp)
            }
            sql.append(" ORDER BY e.created_at, e.id LIMIT \(Self.page)")
            let rows = try await store.rows(sql)
            for row in rows {
                let read = RowReader(row: row, engine: store.engine)
                guard case .bytes(let data) = try read.value("vector", .bytes) else { continue }
                let created = try read.value("created_at", .timestamp).dateValue
                index.add(chunk: try read.uuid("chunk_id"), document: try read.uuid("document_id"), vector: data,
                          dimensions: try read.int("dimensions") ?? 0, created: created)
                if let created { after = (created, try read.uuid("id")) }
            }
            if rows.count < Self.page { return }
        }
    }

    private func appendKey(_ sql: inout SQLText, alias: String = "") {
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND \(alias)model = ")
        sql.bind(.string(model), as: .varchar(255))
    }
}
