// CreateKnowledgeTables: Products, knowledge sources, chunks and the domain hierarchy (seeds 000, 004). First
// release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension KnowledgeMigrations {
    static let createKnowledgeTables = FrozenMigration(
        name: "CreateKnowledgeTables", sequence: 7,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "products" (
                  "id" TEXT CONSTRAINT "ck_products_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_products_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_products_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "description" TEXT,
                  "category" TEXT CONSTRAINT "ck_products_category_type" CHECK (length("category") <= 100) NOT NULL,
                  "sku" TEXT CONSTRAINT "ck_products_sku_type" CHECK (length("sku") <= 50),
                  "status" TEXT CONSTRAINT "ck_products_status_type" CHECK (length("status") <= 50) NOT NULL DEFAULT 'active',
                  "metadata" TEXT CONSTRAINT "ck_products_metadata_type" CHECK (json_valid("metadata")) NOT NULL DEFAULT '{}',
                  "created_at" TEXT CONSTRAINT "ck_products_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_products_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "created_by" TEXT CONSTRAINT "ck_products_created_by_type" CHECK (length("created_by") = 36),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_products_status_value" CHECK ("status" IN ('active', 'inactive', 'draft', 'archived')),
                  CONSTRAINT "fk_products_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_products_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE UNIQUE INDEX "idx_products_sku_org" ON "products" ("sku", "tenant_id") WHERE "sku" IS NOT NULL"#,
                #"CREATE INDEX "idx_products_category" ON "products" ("category")"#,
                #"CREATE INDEX "idx_products_status" ON "products" ("status")"#,
                #"CREATE INDEX "idx_products_tenant_id" ON "products" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_products_created_by" ON "products" ("created_by")"#,
                #"CREATE VIRTUAL TABLE "products_fts" USING fts5("name", "description", content='products', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_products_fts_insert" AFTER INSERT ON "products" BEGIN INSERT INTO "products_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_products_fts_delete" AFTER DELETE ON "products" BEGIN INSERT INTO "products_fts" ("products_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_products_fts_update" AFTER UPDATE OF "name", "description" ON "products" BEGIN
                  INSERT INTO "products_fts" ("products_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "products_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_products_updated_at" AFTER UPDATE ON "products" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "products" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "knowledge_sources" (
                  "id" TEXT CONSTRAINT "ck_knowledge_sources_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_knowledge_sources_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "product_id" TEXT CONSTRAINT "ck_knowledge_sources_product_id_type" CHECK (length("product_id") = 36),
                  "title" TEXT CONSTRAINT "ck_knowledge_sources_title_type" CHECK (length("title") <= 255) NOT NULL,
                  "description" TEXT,
                  "source_type" TEXT CONSTRAINT "ck_knowledge_sources_source_type_type" CHECK (length("source_type") <= 20) NOT NULL DEFAULT 'document',
                  "source_url" TEXT,
                  "filename" TEXT CONSTRAINT "ck_knowledge_sources_filename_type" CHECK (length("filename") <= 500) NOT NULL,
                  "s3_key" TEXT CONSTRAINT "ck_knowledge_sources_s3_key_type" CHECK (length("s3_key") <= 1000) NOT NULL,
                  "file_size" INTEGER NOT NULL,
                  "mime_type" TEXT CONSTRAINT "ck_knowledge_sources_mime_type_type" CHECK (length("mime_type") <= 100) NOT NULL,
                  "document_type" TEXT CONSTRAINT "ck_knowledge_sources_document_type_type" CHECK (length("document_type") <= 50) NOT NULL,
                  "language" TEXT CONSTRAINT "ck_knowledge_sources_language_type" CHECK (length("language") <= 10) NOT NULL DEFAULT 'en',
                  "processing_status" TEXT CONSTRAINT "ck_knowledge_sources_processing_status_type" CHECK (length("processing_status") <= 50) NOT NULL DEFAULT 'uploaded',
                  "processing_log" TEXT CONSTRAINT "ck_knowledge_sources_processing_log_type" CHECK (json_valid("processing_log")) NOT NULL DEFAULT '[]',
                  "content_hash" TEXT CONSTRAINT "ck_knowledge_sources_content_hash_type" CHECK (length("content_hash") <= 64),
                  "extracted_metadata" TEXT CONSTRAINT "ck_knowledge_sources_extracted_metadata_type" CHECK (json_valid("extracted_metadata")) NOT NULL DEFAULT '{}',
                  "ocr_confidence" REAL,
                  "created_by" TEXT CONSTRAINT "ck_knowledge_sources_created_by_type" CHECK (length("created_by") = 36),
                  "created_at" TEXT CONSTRAINT "ck_knowledge_sources_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_knowledge_sources_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "processed_at" TEXT CONSTRAINT "ck_knowledge_sources_processed_at_type" CHECK ("processed_at" IS NULL OR julianday("processed_at") IS NOT NULL),
                  "deleted_at" TEXT CONSTRAINT "ck_knowledge_sources_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_knowledge_sources_source_type_value" CHECK ("source_type" IN ('document', 'web_page', 'note', 'dataset')),
                  CONSTRAINT "ck_knowledge_sources_file_size_range" CHECK ("file_size" BETWEEN 0 AND 9000000000000000.0),
                  CONSTRAINT "ck_knowledge_sources_processing_status_value" CHECK ("processing_status" IN ('uploaded', 'processing', 'completed', 'failed')),
                  CONSTRAINT "ck_knowledge_sources_ocr_confidence_range" CHECK ("ocr_confidence" BETWEEN 0 AND 1),
                  CONSTRAINT "fk_knowledge_sources_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_sources_product_id" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_sources_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE UNIQUE INDEX "idx_documents_hash_org" ON "knowledge_sources" ("content_hash", "tenant_id") WHERE "content_hash" IS NOT NULL"#,
                #"CREATE INDEX "idx_documents_status" ON "knowledge_sources" ("processing_status")"#,
                #"CREATE INDEX "idx_documents_type" ON "knowledge_sources" ("document_type")"#,
                #"CREATE INDEX "idx_documents_language" ON "knowledge_sources" ("language")"#,
                #"CREATE INDEX "idx_knowledge_sources_tenant_id" ON "knowledge_sources" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_knowledge_sources_product_id" ON "knowledge_sources" ("product_id")"#,
                #"CREATE INDEX "idx_knowledge_sources_created_by" ON "knowledge_sources" ("created_by")"#,
                #"CREATE VIRTUAL TABLE "knowledge_sources_fts" USING fts5("title", "description", content='knowledge_sources', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_knowledge_sources_fts_insert" AFTER INSERT ON "knowledge_sources" BEGIN INSERT INTO "knowledge_sources_fts" (rowid, "title", "description") VALUES (NEW.rowid, NEW."title", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_knowledge_sources_fts_delete" AFTER DELETE ON "knowledge_sources" BEGIN INSERT INTO "knowledge_sources_fts" ("knowledge_sources_fts", rowid, "title", "description") VALUES ('delete', OLD.rowid, OLD."title", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_knowledge_sources_fts_update" AFTER UPDATE OF "title", "description" ON "knowledge_sources" BEGIN
                  INSERT INTO "knowledge_sources_fts" ("knowledge_sources_fts", rowid, "title", "description") VALUES ('delete', OLD.rowid, OLD."title", OLD."description");
                  INSERT INTO "knowledge_sources_fts" (rowid, "title", "description") VALUES (NEW.rowid, NEW."title", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_knowledge_sources_updated_at" AFTER UPDATE ON "knowledge_sources" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "knowledge_sources" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "document_chunks" (
                  "id" TEXT CONSTRAINT "ck_document_chunks_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_document_chunks_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "document_id" TEXT CONSTRAINT "ck_document_chunks_document_id_type" CHECK (length("document_id") = 36) NOT NULL,
                  "chunk_text" TEXT NOT NULL,
                  "chunk_type" TEXT CONSTRAINT "ck_document_chunks_chunk_type_type" CHECK (length("chunk_type") <= 50) NOT NULL,
                  "chunk_index" INTEGER CONSTRAINT "ck_document_chunks_chunk_index_type" CHECK ("chunk_index" BETWEEN -2147483648 AND 2147483647) NOT NULL,
                  "token_count" INTEGER CONSTRAINT "ck_document_chunks_token_count_type" CHECK ("token_count" BETWEEN -2147483648 AND 2147483647),
                  "embedding" TEXT CONSTRAINT "ck_document_chunks_embedding_type" CHECK (json_valid("embedding") AND json_array_length("embedding") = 1536),
                  "embedding_model" TEXT CONSTRAINT "ck_document_chunks_embedding_model_type" CHECK (length("embedding_model") <= 100) NOT NULL DEFAULT 'amazon.titan-embed-text-v2:0',
                  "confidence_score" REAL,
                  "metadata" TEXT CONSTRAINT "ck_document_chunks_metadata_type" CHECK (json_valid("metadata")) NOT NULL DEFAULT '{}',
                  "created_at" TEXT CONSTRAINT "ck_document_chunks_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_document_chunks_chunk_index_range" CHECK ("chunk_index" BETWEEN 0 AND 2147483647),
                  CONSTRAINT "ck_document_chunks_token_count_range" CHECK ("token_count" BETWEEN 0 AND 2147483647),
                  CONSTRAINT "ck_document_chunks_confidence_score_range" CHECK ("confidence_score" BETWEEN 0 AND 1),
                  CONSTRAINT "fk_document_chunks_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_document_chunks_document_id" FOREIGN KEY ("document_id") REFERENCES "knowledge_sources" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_document_chunks_document" ON "document_chunks" ("document_id", "chunk_index")"#,
                #"CREATE INDEX "idx_document_chunks_type" ON "document_chunks" ("chunk_type")"#,
                #"CREATE INDEX "idx_document_chunks_tenant_id" ON "document_chunks" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "document_chunks_fts" USING fts5("chunk_text", content='document_chunks', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_document_chunks_fts_insert" AFTER INSERT ON "document_chunks" BEGIN INSERT INTO "document_chunks_fts" (rowid, "chunk_text") VALUES (NEW.rowid, NEW."chunk_text"); END"#,
                #"CREATE TRIGGER "trg_document_chunks_fts_delete" AFTER DELETE ON "document_chunks" BEGIN INSERT INTO "document_chunks_fts" ("document_chunks_fts", rowid, "chunk_text") VALUES ('delete', OLD.rowid, OLD."chunk_text"); END"#,
                #"""
                CREATE TRIGGER "trg_document_chunks_fts_update" AFTER UPDATE OF "chunk_text" ON "document_chunks" BEGIN
                  INSERT INTO "document_chunks_fts" ("document_chunks_fts", rowid, "chunk_text") VALUES ('delete', OLD.rowid, OLD."chunk_text");
                  INSERT INTO "document_chunks_fts" (rowid, "chunk_text") VALUES (NEW.rowid, NEW."chunk_text");
                END
                """#,
                #"""
                CREATE TABLE "knowledge_domains" (
                  "id" TEXT CONSTRAINT "ck_knowledge_domains_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_knowledge_domains_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_knowledge_domains_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_knowledge_domains_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "description" TEXT,
                  "parent_domain_id" TEXT CONSTRAINT "ck_knowledge_domains_parent_domain_id_type" CHECK (length("parent_domain_id") = 36),
                  "hierarchy_level" INTEGER CONSTRAINT "ck_knowledge_domains_hierarchy_level_type" CHECK ("hierarchy_level" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 1,
                  "domain_path" TEXT,
                  "domain_type" TEXT CONSTRAINT "ck_knowledge_domains_domain_type_type" CHECK (length("domain_type") <= 100),
                  "industry_focus" TEXT CONSTRAINT "ck_knowledge_domains_industry_focus_type" CHECK (json_valid("industry_focus") AND json_type("industry_focus") = 'array'),
                  "icon" TEXT CONSTRAINT "ck_knowledge_domains_icon_type" CHECK (length("icon") <= 50),
                  "color" TEXT CONSTRAINT "ck_knowledge_domains_color_type" CHECK (length("color") <= 7),
                  "tags" TEXT CONSTRAINT "ck_knowledge_domains_tags_type" CHECK (json_valid("tags") AND json_type("tags") = 'array'),
                  "is_active" INTEGER CONSTRAINT "ck_knowledge_domains_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "knowledge_source_count" INTEGER CONSTRAINT "ck_knowledge_domains_knowledge_source_count_type" CHECK ("knowledge_source_count" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "total_chunk_count" INTEGER CONSTRAINT "ck_knowledge_domains_total_chunk_count_type" CHECK ("total_chunk_count" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "created_at" TEXT CONSTRAINT "ck_knowledge_domains_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_knowledge_domains_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_knowledge_domains_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_domain_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_knowledge_domains_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_domains_parent_domain_id" FOREIGN KEY ("parent_domain_id") REFERENCES "knowledge_domains" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_knowledge_domains_tenant_id" ON "knowledge_domains" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_knowledge_domains_parent_domain_id" ON "knowledge_domains" ("parent_domain_id")"#,
                #"CREATE INDEX "idx_knowledge_domains_domain_path" ON "knowledge_domains" ("domain_path")"#,
                #"CREATE VIRTUAL TABLE "knowledge_domains_fts" USING fts5("name", "description", content='knowledge_domains', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_knowledge_domains_fts_insert" AFTER INSERT ON "knowledge_domains" BEGIN INSERT INTO "knowledge_domains_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_knowledge_domains_fts_delete" AFTER DELETE ON "knowledge_domains" BEGIN INSERT INTO "knowledge_domains_fts" ("knowledge_domains_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_knowledge_domains_fts_update" AFTER UPDATE OF "name", "description" ON "knowledge_domains" BEGIN
                  INSERT INTO "knowledge_domains_fts" ("knowledge_domains_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "knowledge_domains_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_knowledge_domains_updated_at" AFTER UPDATE ON "knowledge_domains" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "knowledge_domains" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TRIGGER "trg_knowledge_domains_hierarchy_insert" AFTER INSERT ON "knowledge_domains" FOR EACH ROW BEGIN
                  UPDATE "knowledge_domains" SET "domain_path" = COALESCE((SELECT p."domain_path" FROM "knowledge_domains" p WHERE p.id = NEW."parent_domain_id"), '/') || NEW.id || '/', "hierarchy_level" = length(COALESCE((SELECT p."domain_path" FROM "knowledge_domains" p WHERE p.id = NEW."parent_domain_id"), '/') || NEW.id || '/') - length(replace(COALESCE((SELECT p."domain_path" FROM "knowledge_domains" p WHERE p.id = NEW."parent_domain_id"), '/') || NEW.id || '/', '/', '')) - 1 WHERE id = NEW.id;
                END
                """#,
                #"""
                CREATE TRIGGER "trg_knowledge_domains_hierarchy_acyclic" BEFORE UPDATE OF "parent_domain_id" ON "knowledge_domains" FOR EACH ROW
                WHEN NEW."parent_domain_id" IS NOT NULL AND (NEW."parent_domain_id" = NEW.id
                  OR instr((SELECT p."domain_path" FROM "knowledge_domains" p WHERE p.id = NEW."parent_domain_id"), '/' || NEW.id || '/') > 0)
                BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ck_knowledge_domains_parent_domain_id_acyclic'); END
                """#,
                #"""
                CREATE TRIGGER "trg_knowledge_domains_hierarchy_move" AFTER UPDATE OF "parent_domain_id" ON "knowledge_domains" FOR EACH ROW
                WHEN NEW."parent_domain_id" IS NOT OLD."parent_domain_id"
                BEGIN
                  UPDATE "knowledge_domains" SET "domain_path" = COALESCE((SELECT p."domain_path" FROM "knowledge_domains" p WHERE p.id = NEW."parent_domain_id"), '/') || NEW.id || '/' || substr("domain_path", length(OLD."domain_path") + 1), "hierarchy_level" = length(COALESCE((SELECT p."domain_path" FROM "knowledge_domains" p WHERE p.id = NEW."parent_domain_id"), '/') || NEW.id || '/' || substr("domain_path", length(OLD."domain_path") + 1)) - length(replace(COALESCE((SELECT p."domain_path" FROM "knowledge_domains" p WHERE p.id = NEW."parent_domain_id"), '/') || NEW.id || '/' || substr("domain_path", length(OLD."domain_path") + 1), '/', '')) - 1
                    WHERE "domain_path" >= OLD."domain_path" AND "domain_path" < OLD."domain_path" || '~';
                END
                """#,
                #"""
                CREATE TABLE "knowledge_domain_mapping" (
                  "id" TEXT CONSTRAINT "ck_knowledge_domain_mapping_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_knowledge_domain_mapping_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "knowledge_source_id" TEXT CONSTRAINT "ck_knowledge_domain_mapping_knowledge_source_id_type" CHECK (length("knowledge_source_id") = 36) NOT NULL,
                  "domain_id" TEXT CONSTRAINT "ck_knowledge_domain_mapping_domain_id_type" CHECK (length("domain_id") = 36) NOT NULL,
                  "is_primary" INTEGER CONSTRAINT "ck_knowledge_domain_mapping_is_primary_type" CHECK ("is_primary" IN (0, 1)) NOT NULL DEFAULT 0,
                  "relevance_score" INTEGER CONSTRAINT "ck_knowledge_domain_mapping_relevance_score_type" CHECK ("relevance_score" BETWEEN -2147483648 AND 2147483647),
                  "mapping_confidence" REAL CONSTRAINT "ck_knowledge_domain_mapping_mapping_confidence_type" CHECK (abs("mapping_confidence") < 10),
                  "created_at" TEXT CONSTRAINT "ck_knowledge_domain_mapping_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "created_by" TEXT CONSTRAINT "ck_knowledge_domain_mapping_created_by_type" CHECK (length("created_by") = 36),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "valid_relevance" CHECK ("relevance_score" BETWEEN 1 AND 10),
                  CONSTRAINT "ck_knowledge_domain_mapping_mapping_confidence_range" CHECK ("mapping_confidence" BETWEEN 0 AND 1),
                  CONSTRAINT "unique_knowledge_domain" UNIQUE ("knowledge_source_id", "domain_id"),
                  CONSTRAINT "fk_knowledge_domain_mapping_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_domain_mapping_knowledge_source_id" FOREIGN KEY ("knowledge_source_id") REFERENCES "knowledge_sources" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_domain_mapping_domain_id" FOREIGN KEY ("domain_id") REFERENCES "knowledge_domains" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_domain_mapping_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_knowledge_domain_mapping_tenant_id" ON "knowledge_domain_mapping" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_knowledge_domain_mapping_domain_id" ON "knowledge_domain_mapping" ("domain_id")"#,
                #"CREATE INDEX "idx_knowledge_domain_mapping_created_by" ON "knowledge_domain_mapping" ("created_by")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "knowledge_domain_mapping""#,
                #"DROP TABLE IF EXISTS "knowledge_domains_fts""#,
                #"DROP TABLE IF EXISTS "knowledge_domains""#,
                #"DROP TABLE IF EXISTS "document_chunks_fts""#,
                #"DROP TABLE IF EXISTS "document_chunks""#,
                #"DROP TABLE IF EXISTS "knowledge_sources_fts""#,
                #"DROP TABLE IF EXISTS "knowledge_sources""#,
                #"DROP TABLE IF EXISTS "products_fts""#,
                #"DROP TABLE IF EXISTS "products""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "products" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "description" text,
                  "category" varchar(100) NOT NULL,
                  "sku" varchar(50),
                  "status" varchar(50) NOT NULL DEFAULT 'active',
                  "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "created_by" uuid,
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_products_status_value" CHECK ("status" IN ('active', 'inactive', 'draft', 'archived')),
                  CONSTRAINT "fk_products_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_products_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE UNIQUE INDEX "idx_products_sku_org" ON "products" ("sku", "tenant_id") WHERE "sku" IS NOT NULL"#,
                #"CREATE INDEX "idx_products_category" ON "products" ("category")"#,
                #"CREATE INDEX "idx_products_status" ON "products" ("status")"#,
                #"CREATE INDEX "idx_products_tenant_id" ON "products" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_products_created_by" ON "products" ("created_by")"#,
                #"CREATE INDEX "idx_products_search" ON "products" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_products_updated_at" BEFORE UPDATE ON "products" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "knowledge_sources" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "product_id" uuid,
                  "title" varchar(255) NOT NULL,
                  "description" text,
                  "source_type" varchar(20) NOT NULL DEFAULT 'document',
                  "source_url" text,
                  "filename" varchar(500) NOT NULL,
                  "s3_key" varchar(1000) NOT NULL,
                  "file_size" bigint NOT NULL,
                  "mime_type" varchar(100) NOT NULL,
                  "document_type" varchar(50) NOT NULL,
                  "language" varchar(10) NOT NULL DEFAULT 'en',
                  "processing_status" varchar(50) NOT NULL DEFAULT 'uploaded',
                  "processing_log" jsonb NOT NULL DEFAULT '[]'::jsonb,
                  "content_hash" varchar(64),
                  "extracted_metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "ocr_confidence" double precision,
                  "created_by" uuid,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "processed_at" timestamptz(3),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("title", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_knowledge_sources_source_type_value" CHECK ("source_type" IN ('document', 'web_page', 'note', 'dataset')),
                  CONSTRAINT "ck_knowledge_sources_file_size_range" CHECK ("file_size" BETWEEN 0 AND 9000000000000000.0),
                  CONSTRAINT "ck_knowledge_sources_processing_status_value" CHECK ("processing_status" IN ('uploaded', 'processing', 'completed', 'failed')),
                  CONSTRAINT "ck_knowledge_sources_ocr_confidence_range" CHECK ("ocr_confidence" BETWEEN 0 AND 1),
                  CONSTRAINT "fk_knowledge_sources_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_sources_product_id" FOREIGN KEY ("product_id") REFERENCES "products" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_sources_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE UNIQUE INDEX "idx_documents_hash_org" ON "knowledge_sources" ("content_hash", "tenant_id") WHERE "content_hash" IS NOT NULL"#,
                #"CREATE INDEX "idx_documents_status" ON "knowledge_sources" ("processing_status")"#,
                #"CREATE INDEX "idx_documents_type" ON "knowledge_sources" ("document_type")"#,
                #"CREATE INDEX "idx_documents_language" ON "knowledge_sources" ("language")"#,
                #"CREATE INDEX "idx_knowledge_sources_tenant_id" ON "knowledge_sources" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_knowledge_sources_product_id" ON "knowledge_sources" ("product_id")"#,
                #"CREATE INDEX "idx_knowledge_sources_created_by" ON "knowledge_sources" ("created_by")"#,
                #"CREATE INDEX "idx_knowledge_sources_search" ON "knowledge_sources" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_knowledge_sources_updated_at" BEFORE UPDATE ON "knowledge_sources" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "document_chunks" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "document_id" uuid NOT NULL,
                  "chunk_text" text NOT NULL,
                  "chunk_type" varchar(50) NOT NULL,
                  "chunk_index" integer NOT NULL,
                  "token_count" integer,
                  "embedding" real[] CONSTRAINT "ck_document_chunks_embedding_dimensions" CHECK (cardinality("embedding") = 1536),
                  "embedding_model" varchar(100) NOT NULL DEFAULT 'amazon.titan-embed-text-v2:0',
                  "confidence_score" double precision,
                  "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("chunk_text", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_document_chunks_chunk_index_range" CHECK ("chunk_index" BETWEEN 0 AND 2147483647),
                  CONSTRAINT "ck_document_chunks_token_count_range" CHECK ("token_count" BETWEEN 0 AND 2147483647),
                  CONSTRAINT "ck_document_chunks_confidence_score_range" CHECK ("confidence_score" BETWEEN 0 AND 1),
                  CONSTRAINT "fk_document_chunks_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_document_chunks_document_id" FOREIGN KEY ("document_id") REFERENCES "knowledge_sources" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_document_chunks_document" ON "document_chunks" ("document_id", "chunk_index")"#,
                #"CREATE INDEX "idx_document_chunks_type" ON "document_chunks" ("chunk_type")"#,
                #"CREATE INDEX "idx_document_chunks_tenant_id" ON "document_chunks" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_document_chunks_search" ON "document_chunks" USING gin ("search_vector")"#,
                #"""
                CREATE TABLE "knowledge_domains" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "description" text,
                  "parent_domain_id" uuid,
                  "hierarchy_level" integer NOT NULL DEFAULT 1,
                  "domain_path" text COLLATE "C",
                  "domain_type" varchar(100),
                  "industry_focus" text[],
                  "icon" varchar(50),
                  "color" varchar(7),
                  "tags" text[],
                  "is_active" boolean NOT NULL DEFAULT true,
                  "knowledge_source_count" integer NOT NULL DEFAULT 0,
                  "total_chunk_count" integer NOT NULL DEFAULT 0,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_domain_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_knowledge_domains_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_domains_parent_domain_id" FOREIGN KEY ("parent_domain_id") REFERENCES "knowledge_domains" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_knowledge_domains_tenant_id" ON "knowledge_domains" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_knowledge_domains_parent_domain_id" ON "knowledge_domains" ("parent_domain_id")"#,
                #"CREATE INDEX "idx_knowledge_domains_domain_path" ON "knowledge_domains" ("domain_path")"#,
                #"CREATE INDEX "idx_knowledge_domains_search" ON "knowledge_domains" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_knowledge_domains_updated_at" BEFORE UPDATE ON "knowledge_domains" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE FUNCTION "fn_knowledge_domains_hierarchy"() RETURNS trigger AS $$
                DECLARE parent_path text;
                BEGIN
                  IF NEW."parent_domain_id" IS NULL THEN
                    parent_path := '/';
                  ELSE
                    SELECT "domain_path" INTO parent_path FROM "knowledge_domains" WHERE id = NEW."parent_domain_id";
                    IF parent_path IS NULL THEN parent_path := '/' || NEW."parent_domain_id"::text || '/'; END IF;
                    IF NEW."parent_domain_id" = NEW.id OR position('/' || NEW.id::text || '/' IN parent_path) > 0 THEN
                      RAISE EXCEPTION 'hierarchy cycle: %.% would make a row its own ancestor', 'knowledge_domains', 'parent_domain_id'
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_knowledge_domains_parent_domain_id_acyclic';
                    END IF;
                  END IF;
                  NEW."domain_path" := parent_path || NEW.id::text || '/';
                  NEW."hierarchy_level" := length(NEW."domain_path") - length(replace(NEW."domain_path", '/', '')) - 1;
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER "trg_knowledge_domains_hierarchy" BEFORE INSERT OR UPDATE OF "parent_domain_id" ON "knowledge_domains" FOR EACH ROW EXECUTE FUNCTION "fn_knowledge_domains_hierarchy"()"#,
                #"""
                CREATE FUNCTION "fn_knowledge_domains_hierarchy_move"() RETURNS trigger AS $$
                BEGIN
                  UPDATE "knowledge_domains" SET "domain_path" = NEW."domain_path" || substr("domain_path", length(OLD."domain_path") + 1)
                    , "hierarchy_level" = length(NEW."domain_path" || substr("domain_path", length(OLD."domain_path") + 1)) - length(replace(NEW."domain_path" || substr("domain_path", length(OLD."domain_path") + 1), '/', '')) - 1
                    WHERE "domain_path" > OLD."domain_path" AND "domain_path" < OLD."domain_path" || '~';
                  RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER "trg_knowledge_domains_hierarchy_move" AFTER UPDATE OF "parent_domain_id" ON "knowledge_domains" FOR EACH ROW WHEN (NEW."domain_path" IS DISTINCT FROM OLD."domain_path") EXECUTE FUNCTION "fn_knowledge_domains_hierarchy_move"()"#,
                #"""
                CREATE TABLE "knowledge_domain_mapping" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "knowledge_source_id" uuid NOT NULL,
                  "domain_id" uuid NOT NULL,
                  "is_primary" boolean NOT NULL DEFAULT false,
                  "relevance_score" integer,
                  "mapping_confidence" numeric(3,2),
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "created_by" uuid,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "valid_relevance" CHECK ("relevance_score" BETWEEN 1 AND 10),
                  CONSTRAINT "ck_knowledge_domain_mapping_mapping_confidence_range" CHECK ("mapping_confidence" BETWEEN 0 AND 1),
                  CONSTRAINT "unique_knowledge_domain" UNIQUE ("knowledge_source_id", "domain_id"),
                  CONSTRAINT "fk_knowledge_domain_mapping_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_domain_mapping_knowledge_source_id" FOREIGN KEY ("knowledge_source_id") REFERENCES "knowledge_sources" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_domain_mapping_domain_id" FOREIGN KEY ("domain_id") REFERENCES "knowledge_domains" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_knowledge_domain_mapping_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_knowledge_domain_mapping_tenant_id" ON "knowledge_domain_mapping" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_knowledge_domain_mapping_domain_id" ON "knowledge_domain_mapping" ("domain_id")"#,
                #"CREATE INDEX "idx_knowledge_domain_mapping_created_by" ON "knowledge_domain_mapping" ("created_by")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "knowledge_domain_mapping" CASCADE"#,
                #"DROP TABLE IF EXISTS "knowledge_domains" CASCADE"#,
                #"DROP FUNCTION IF EXISTS "fn_knowledge_domains_hierarchy"()"#,
                #"DROP FUNCTION IF EXISTS "fn_knowledge_domains_hierarchy_move"()"#,
                #"DROP TABLE IF EXISTS "document_chunks" CASCADE"#,
                #"DROP TABLE IF EXISTS "knowledge_sources" CASCADE"#,
                #"DROP TABLE IF EXISTS "products" CASCADE"#,
            ]))
}
