// AddIngestion: new column knowledge_sources.chunk_tokens, new column knowledge_sources.overlap_tokens, new
// column knowledge_sources.processing_error, new column document_chunks.content_hash, new column
// document_chunks.heading.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension KnowledgeMigrations {
    static let addIngestion = FrozenMigration(
        name: "AddIngestion", sequence: 19,
        sqlite: .init(
            up: [
                #"ALTER TABLE "knowledge_sources" ADD COLUMN "chunk_tokens" INTEGER CONSTRAINT "ck_knowledge_sources_chunk_tokens_type" CHECK ("chunk_tokens" BETWEEN -2147483648 AND 2147483647) CONSTRAINT "ck_knowledge_sources_chunk_tokens_range" CHECK ("chunk_tokens" BETWEEN 50 AND 8000)"#,
                #"ALTER TABLE "knowledge_sources" ADD COLUMN "overlap_tokens" INTEGER CONSTRAINT "ck_knowledge_sources_overlap_tokens_type" CHECK ("overlap_tokens" BETWEEN -2147483648 AND 2147483647) CONSTRAINT "ck_knowledge_sources_overlap_tokens_range" CHECK ("overlap_tokens" BETWEEN 0 AND 8000)"#,
                #"ALTER TABLE "knowledge_sources" ADD COLUMN "processing_error" TEXT"#,
                #"ALTER TABLE "document_chunks" ADD COLUMN "content_hash" TEXT CONSTRAINT "ck_document_chunks_content_hash_type" CHECK (length("content_hash") <= 64)"#,
                #"ALTER TABLE "document_chunks" ADD COLUMN "heading" TEXT"#,
            ],
            down: [
                #"ALTER TABLE "document_chunks" DROP COLUMN "heading""#,
                #"ALTER TABLE "document_chunks" DROP COLUMN "content_hash""#,
                #"ALTER TABLE "knowledge_sources" DROP COLUMN "processing_error""#,
                #"ALTER TABLE "knowledge_sources" DROP COLUMN "overlap_tokens""#,
                #"ALTER TABLE "knowledge_sources" DROP COLUMN "chunk_tokens""#,
            ]),
        postgres: .init(
            up: [
                #"ALTER TABLE "knowledge_sources" ADD COLUMN "chunk_tokens" integer CONSTRAINT "ck_knowledge_sources_chunk_tokens_range" CHECK ("chunk_tokens" BETWEEN 50 AND 8000)"#,
                #"ALTER TABLE "knowledge_sources" ADD COLUMN "overlap_tokens" integer CONSTRAINT "ck_knowledge_sources_overlap_tokens_range" CHECK ("overlap_tokens" BETWEEN 0 AND 8000)"#,
                #"ALTER TABLE "knowledge_sources" ADD COLUMN "processing_error" text"#,
                #"ALTER TABLE "document_chunks" ADD COLUMN "content_hash" varchar(64)"#,
                #"ALTER TABLE "document_chunks" ADD COLUMN "heading" text"#,
            ],
            down: [
                #"ALTER TABLE "document_chunks" DROP COLUMN "heading""#,
                #"ALTER TABLE "document_chunks" DROP COLUMN "content_hash""#,
                #"ALTER TABLE "knowledge_sources" DROP COLUMN "processing_error""#,
                #"ALTER TABLE "knowledge_sources" DROP COLUMN "overlap_tokens""#,
                #"ALTER TABLE "knowledge_sources" DROP COLUMN "chunk_tokens""#,
            ]))
}
