/// The knowledge base. Seeds: 000 (knowledge domains and their mapping to sources), 004 (products,
/// documents merged into knowledge_sources, document chunks with embeddings).
public enum KnowledgeTables {
    public static let embeddingDimensions = 1536

    public static let products = TableDeclaration(
        "products", label: "Products", module: .knowledge, scope: .tenant,
        summary: "Products whose documents form the knowledge base hierarchy (seed 004).",
        columns: [
            .id, .tenantID,
            .varchar("name", 255).notNull().searchable(),
            .text("description").searchable(),
            .varchar("category", 100).notNull(),
            .varchar("sku", 50),
            .enumeration("status", ["active", "inactive", "draft", "archived"]).notNull().defaults(.text("active")),
            .json("metadata").notNull().defaults(.emptyObject),
            .createdAt, .updatedAt,
            .user("created_by"),
        ],
        uniques: [UniqueDeclaration("idx_products_sku_org", ["sku", "tenant_id"], whenNotNull: ["sku"])],
        indexes: [
            IndexDeclaration("idx_products_category", ["category"]),
            IndexDeclaration("idx_products_status", ["status"]),
        ]
    )

    public static let knowledgeSources = TableDeclaration(
        "knowledge_sources", label: "Knowledge sources", module: .knowledge, scope: .tenant,
        summary: "Documents and other sources for retrieval: seed 000 knowledge_sources merged with seed 004 documents.",
        labelColumn: "title",
        columns: [
            .id, .tenantID,
            .uuid("product_id").references("products", onDelete: .cascade),
            .varchar("title", 255).notNull().searchable(),
            .text("description").searchable(),
            .enumeration("source_type", ["document", "web_page", "note", "dataset"], length: 20).notNull().defaults(.text("document")),
            .text("source_url"),
            .varchar("filename", 500).notNull(),
            .varchar("s3_key", 1000).notNull().note("Storage key of the original file"),
            .bigint("file_size").notNull().between(0, 9.0e15),
            .varchar("mime_type", 100).notNull(),
            .varchar("document_type", 50).notNull().note("technical, regulatory, safety, marketing, certification"),
            .varchar("language", 10).notNull().defaults(.text("en")),
            .enumeration("processing_status", ["uploaded", "processing", "completed", "failed"]).notNull().defaults(.text("uploaded")).serverManaged(),
            .json("processing_log").notNull().defaults(.emptyArray).serverManaged().note("One entry per pipeline stage: stage, status, duration_ms, detail"),
            .varchar("content_hash", 64).serverManaged().note("SHA-256 of the original file's bytes, for duplicate detection"),
            .json("extracted_metadata").notNull().defaults(.emptyObject).serverManaged().note("title, language, page_count (PDF), word_count"),
            .double("ocr_confidence").between(0, 1),
            .user("created_by"),
            .createdAt, .updatedAt,
            .timestamp("processed_at").serverManaged(),
            .deletedAt,
            .integer("chunk_tokens").between(Double(KnowledgeDefaults.chunkTokenRange.lowerBound), Double(KnowledgeDefaults.chunkTokenRange.upperBound))
                .note("Chunk size in tokens for this document (else the tenant setting knowledge_chunk_tokens, else 400)"),
            .integer("overlap_tokens").between(0, Double(KnowledgeDefaults.chunkTokenRange.upperBound))
                .note("Tokens a chunk repeats from the one before (else the tenant setting knowledge_overlap_tokens, else 60)"),
            .text("processing_error").serverManaged().note("Why the document failed, while it is failed"),
        ],
        uniques: [UniqueDeclaration("idx_documents_hash_org", ["content_hash", "tenant_id"], whenNotNull: ["content_hash"])],
        indexes: [
            IndexDeclaration("idx_documents_status", ["processing_status"]),
            IndexDeclaration("idx_documents_type", ["document_type"]),
            IndexDeclaration("idx_documents_language", ["language"]),
        ]
    )

    public static let documentChunks = TableDeclaration(
        "document_chunks", label: "Document chunks", module: .knowledge, scope: .tenant,
        summary: "Retrievable pieces of knowledge sources with embeddings (seed 004).",
        labelColumn: "chunk_index",
        columns: [
            .id, .tenantID,
            .uuid("document_id").notNull().references("knowledge_sources", onDelete: .cascade),
            .text("chunk_text").notNull().searchable(),
            .varchar("chunk_type", 50).notNull().note("product_level, formulation_level, ingredient_level"),
            .integer("chunk_index").notNull().between(0, 2_147_483_647),
            .integer("token_count").between(0, 2_147_483_647),
            .vector("embedding", dimensions: embeddingDimensions),
            .varchar("embedding_model", 100).notNull().defaults(.text("amazon.titan-embed-text-v2:0")),
            .double("confidence_score").between(0, 1),
            .json("metadata").notNull().defaults(.emptyObject),
            .createdAt,
            .text("heading").note("The chunk's heading path, outermost first, joined by \" › \""),
            .varchar("content_hash", 64).note("SHA-256 of the chunk's text: unchanged chunks keep their row and embeddings"),
        ],
        indexes: [
            IndexDeclaration("idx_document_chunks_document", ["document_id", "chunk_index"]),
            IndexDeclaration("idx_document_chunks_type", ["chunk_type"]),
        ]
    )

    public static let knowledgeDomains = TableDeclaration(
        "knowledge_domains", label: "Knowledge domains", module: .knowledge, scope: .tenant,
        summary: "Hierarchical organisation of knowledge areas (seed 000).",
        columns: [
            .id, .tenantID,
            .varchar("name", 255).notNull().searchable(),
            .varchar("code", 50).notNull(),
            .text("description").searchable(),
            .uuid("parent_domain_id").references("knowledge_domains"),
            .integer("hierarchy_level").notNull().defaults(.integer(1)).serverManaged(),
            .text("domain_path").serverManaged().note("Materialised path /id/…/ (seed: ltree)"),
            .varchar("domain_type", 100).note("medical, regulatory, commercial, technical"),
            .textArray("industry_focus"),
            .varchar("icon", 50), .varchar("color", 7),
            .textArray("tags"),
            .flag("is_active", true),
            .counter("knowledge_source_count"),
            .counter("total_chunk_count"),
            .createdAt, .updatedAt, .deletedAt,
        ],
        uniques: [UniqueDeclaration("unique_domain_code_tenant", ["tenant_id", "code"])],
        hierarchy: (parent: "parent_domain_id", path: "domain_path", level: "hierarchy_level")
    )

    public static let knowledgeDomainMapping = TableDeclaration(
        "knowledge_domain_mapping", label: "Source domains", module: .knowledge, scope: .tenant,
        summary: "Junction: knowledge sources in domains (seed 000).",
        labelColumn: "domain_id",
        columns: [
            .id, .tenantID,
            .uuid("knowledge_source_id").notNull().references("knowledge_sources", onDelete: .cascade),
            .uuid("domain_id").notNull().references("knowledge_domains", onDelete: .cascade),
            .flag("is_primary", false),
            .integer("relevance_score").between(1, 10, constraint: "valid_relevance").note("1-10"),
            .decimal("mapping_confidence", 3, 2).between(0, 1),
            .createdAt,
            .user("created_by"),
        ],
        uniques: [UniqueDeclaration("unique_knowledge_domain", ["knowledge_source_id", "domain_id"])]
    )

    /// One embedding of a chunk per embedding model (the seed's fixed `VECTOR(1536)` fits no real model):
    /// the vector packed as little-endian float32, `dimensions` of them. The server's vector index is
    /// built from these rows.
    public static let chunkEmbeddings = TableDeclaration(
        "chunk_embeddings", label: "Chunk embeddings", module: .knowledge, scope: .tenant,
        summary: "Embeddings of document chunks, one per chunk and embedding model, packed float32.",
        labelColumn: "model",
        access: .hidden,
        columns: [
            .id, .tenantID,
            .uuid("chunk_id").notNull().references("document_chunks", onDelete: .cascade),
            .varchar("model", 255).notNull().note("The embedding model as provider:model_id"),
            .integer("dimensions").notNull().between(1, 65_536),
            .bytes("vector").notNull().note("dimensions × float32, little-endian"),
            .createdAt,
        ],
        uniques: [UniqueDeclaration("unique_chunk_embedding_model", ["chunk_id", "model"])],
        indexes: [IndexDeclaration("idx_chunk_embeddings_tenant_model", ["tenant_id", "model", "created_at"])]
    )

    /// Embeddings by the text's hash, so a chunk whose text was embedded before (an unchanged chunk of a
    /// re-ingested file, a document uploaded again, boilerplate shared by documents) is not sent again.
    public static let embeddingCache = TableDeclaration(
        "embedding_cache", label: "Embedding cache", module: .knowledge, scope: .tenant,
        summary: "Embeddings of chunk texts by embedding model and SHA-256 of the text.",
        labelColumn: "content_hash",
        access: .hidden,
        columns: [
            .id, .tenantID,
            .varchar("model", 255).notNull().note("The embedding model as provider:model_id"),
            .varchar("content_hash", 64).notNull().note("SHA-256 of the embedded text"),
            .integer("dimensions").notNull().between(1, 65_536),
            .bytes("vector").notNull().note("dimensions × float32, little-endian"),
            .createdAt,
        ],
        uniques: [UniqueDeclaration("unique_embedding_cache_entry", ["tenant_id", "model", "content_hash"])]
    )

    public static let all = [products, knowledgeSources, documentChunks, knowledgeDomains, knowledgeDomainMapping, chunkEmbeddings, embeddingCache]
}
