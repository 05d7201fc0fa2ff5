/// Seed 000's `domain_hierarchies` and seed 004's `document_processing_status`, on both engines.
public enum KnowledgeViews {
    public static let domainHierarchies: ViewDeclaration = {
        let sql = """
            SELECT d.id, d.tenant_id, d.name, d.code, d.domain_path, d.hierarchy_level, d.parent_domain_id,
              p.name AS parent_name, p.code AS parent_code,
              (SELECT COUNT(*) FROM knowledge_sources ks
                 JOIN knowledge_domain_mapping kdm ON ks.id = kdm.knowledge_source_id
                WHERE kdm.domain_id = d.id AND ks.deleted_at IS NULL) AS source_count
            FROM knowledge_domains d
            LEFT JOIN knowledge_domains p ON d.parent_domain_id = p.id
            WHERE d.deleted_at IS NULL
            """
        return ViewDeclaration(
            name: "domain_hierarchies", label: "Domain hierarchy", module: .knowledge,
            summary: "Flattened view of domain hierarchies with source counts (seed 000).",
            tenantColumn: "tenant_id",
            columns: [
                .uuid("id"), .uuid("tenant_id"), .varchar("name", 255), .varchar("code", 50), .text("domain_path"),
                .integer("hierarchy_level"), .uuid("parent_domain_id"), .varchar("parent_name", 255),
                .varchar("parent_code", 50), .bigint("source_count"),
            ],
            postgresSQL: sql, sqliteSQL: sql)
    }()

    public static let documentProcessingStatus: ViewDeclaration = {
        let sql = """
            SELECT d.id, d.title, d.tenant_id, d.product_id, p.name AS product_name, d.processing_status,
              d.file_size, d.document_type, d.language,
              COUNT(dc.id) AS chunk_count, AVG(dc.confidence_score) AS avg_chunk_confidence,
              d.created_at, d.processed_at
            FROM knowledge_sources d
            LEFT JOIN products p ON d.product_id = p.id
            LEFT JOIN document_chunks dc ON d.id = dc.document_id
            WHERE d.deleted_at IS NULL
            GROUP BY d.id, d.title, d.tenant_id, d.product_id, p.name, d.processing_status, d.file_size,
              d.document_type, d.language, d.created_at, d.processed_at
            """
        return ViewDeclaration(
            name: "document_processing_status", label: "Document processing", module: .knowledge,
            summary: "Each knowledge source with its product, processing status and chunk statistics (seed 004).",
            tenantColumn: "tenant_id",
            columns: [
                .uuid("id"), .varchar("title", 255), .uuid("tenant_id"), .uuid("product_id"), .varchar("product_name", 255),
                .varchar("processing_status", 50), .bigint("file_size"), .varchar("document_type", 50),
                .varchar("language", 10), .bigint("chunk_count"), .double("avg_chunk_confidence"),
                .timestamp("created_at"), .timestamp("processed_at"),
            ],
            postgresSQL: sql, sqliteSQL: sql)
    }()

    public static let all = [domainHierarchies, documentProcessingStatus]
}
