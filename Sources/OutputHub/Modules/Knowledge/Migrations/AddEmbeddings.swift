// AddEmbeddings: new table embedding_cache, new table chunk_embeddings.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension KnowledgeMigrations {
    static let addEmbeddings = FrozenMigration(
        name: "AddEmbeddings", sequence: 21,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "embedding_cache" (
                  "id" TEXT CONSTRAINT "ck_embedding_cache_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_embedding_cache_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL CONSTRAINT "fk_embedding_cache_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "model" TEXT CONSTRAINT "ck_embedding_cache_model_type" CHECK (length("model") <= 255) NOT NULL,
                  "content_hash" TEXT CONSTRAINT "ck_embedding_cache_content_hash_type" CHECK (length("content_hash") <= 64) NOT NULL,
                  "dimensions" INTEGER CONSTRAINT "ck_embedding_cache_dimensions_type" CHECK ("dimensions" BETWEEN -2147483648 AND 2147483647) NOT NULL CONSTRAINT "ck_embedding_cache_dimensions_range" CHECK ("dimensions" BETWEEN 1 AND 65536),
                  "vector" BLOB NOT NULL,
                  "created_at" TEXT CONSTRAINT "ck_embedding_cache_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_embedding_cache_entry" UNIQUE ("tenant_id", "model", "content_hash")
                ) STRICT
                """#,
                #"CREATE INDEX "idx_embedding_cache_tenant_id" ON "embedding_cache" ("tenant_id", "id")"#,
                #"""
                CREATE TABLE "chunk_embeddings" (
                  "id" TEXT CONSTRAINT "ck_chunk_embeddings_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_chunk_embeddings_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL CONSTRAINT "fk_chunk_embeddings_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "chunk_id" TEXT CONSTRAINT "ck_chunk_embeddings_chunk_id_type" CHECK (length("chunk_id") = 36) NOT NULL CONSTRAINT "fk_chunk_embeddings_chunk_id" REFERENCES "document_chunks" ("id") ON DELETE CASCADE,
                  "model" TEXT CONSTRAINT "ck_chunk_embeddings_model_type" CHECK (length("model") <= 255) NOT NULL,
                  "dimensions" INTEGER CONSTRAINT "ck_chunk_embeddings_dimensions_type" CHECK ("dimensions" BETWEEN -2147483648 AND 2147483647) NOT NULL CONSTRAINT "ck_chunk_embeddings_dimensions_range" CHECK ("dimensions" BETWEEN 1 AND 65536),
                  "vector" BLOB NOT NULL,
                  "created_at" TEXT CONSTRAINT "ck_chunk_embeddings_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_chunk_embedding_model" UNIQUE ("chunk_id", "model")
                ) STRICT
                """#,
                #"CREATE INDEX "idx_chunk_embeddings_tenant_model" ON "chunk_embeddings" ("tenant_id", "model", "created_at")"#,
                #"CREATE INDEX "idx_chunk_embeddings_tenant_id" ON "chunk_embeddings" ("tenant_id", "id")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "chunk_embeddings""#,
                #"DROP TABLE IF EXISTS "embedding_cache""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "embedding_cache" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL CONSTRAINT "fk_embedding_cache_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "model" varchar(255) NOT NULL,
                  "content_hash" varchar(64) NOT NULL,
                  "dimensions" integer NOT NULL CONSTRAINT "ck_embedding_cache_dimensions_range" CHECK ("dimensions" BETWEEN 1 AND 65536),
                  "vector" bytea NOT NULL,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_embedding_cache_entry" UNIQUE ("tenant_id", "model", "content_hash")
                )
                """#,
                #"CREATE INDEX "idx_embedding_cache_tenant_id" ON "embedding_cache" ("tenant_id", "id")"#,
                #"""
                CREATE TABLE "chunk_embeddings" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL CONSTRAINT "fk_chunk_embeddings_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "chunk_id" uuid NOT NULL CONSTRAINT "fk_chunk_embeddings_chunk_id" REFERENCES "document_chunks" ("id") ON DELETE CASCADE,
                  "model" varchar(255) NOT NULL,
                  "dimensions" integer NOT NULL CONSTRAINT "ck_chunk_embeddings_dimensions_range" CHECK ("dimensions" BETWEEN 1 AND 65536),
                  "vector" bytea NOT NULL,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_chunk_embedding_model" UNIQUE ("chunk_id", "model")
                )
                """#,
                #"CREATE INDEX "idx_chunk_embeddings_tenant_model" ON "chunk_embeddings" ("tenant_id", "model", "created_at")"#,
                #"CREATE INDEX "idx_chunk_embeddings_tenant_id" ON "chunk_embeddings" ("tenant_id", "id")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "chunk_embeddings" CASCADE"#,
                #"DROP TABLE IF EXISTS "embedding_cache" CASCADE"#,
            ]))
}
