// CreateChatbotTables: Chatbot instances, documents, integrations and daily metrics (seed 004). First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension ChatbotsMigrations {
    static let createChatbotTables = FrozenMigration(
        name: "CreateChatbotTables", sequence: 8,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "chatbot_instances" (
                  "id" TEXT CONSTRAINT "ck_chatbot_instances_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_chatbot_instances_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_chatbot_instances_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "description" TEXT,
                  "status" TEXT CONSTRAINT "ck_chatbot_instances_status_type" CHECK (length("status") <= 50) NOT NULL DEFAULT 'draft',
                  "avatar_url" TEXT CONSTRAINT "ck_chatbot_instances_avatar_url_type" CHECK (length("avatar_url") <= 500),
                  "welcome_message" TEXT,
                  "fallback_message" TEXT,
                  "llm_provider" TEXT CONSTRAINT "ck_chatbot_instances_llm_provider_type" CHECK (length("llm_provider") <= 50) NOT NULL DEFAULT 'bedrock',
                  "llm_model" TEXT CONSTRAINT "ck_chatbot_instances_llm_model_type" CHECK (length("llm_model") <= 100) NOT NULL,
                  "system_prompt" TEXT NOT NULL,
                  "model_config" TEXT CONSTRAINT "ck_chatbot_instances_model_config_type" CHECK (json_valid("model_config")) NOT NULL DEFAULT '{}',
                  "rag_enabled" INTEGER CONSTRAINT "ck_chatbot_instances_rag_enabled_type" CHECK ("rag_enabled" IN (0, 1)) NOT NULL DEFAULT 1,
                  "retrieval_k" INTEGER CONSTRAINT "ck_chatbot_instances_retrieval_k_type" CHECK ("retrieval_k" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 5,
                  "score_threshold" REAL NOT NULL DEFAULT 0.7,
                  "context_window" INTEGER CONSTRAINT "ck_chatbot_instances_context_window_type" CHECK ("context_window" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 4000,
                  "knowledge_base_filter" TEXT CONSTRAINT "ck_chatbot_instances_knowledge_base_filter_type" CHECK (json_valid("knowledge_base_filter")) NOT NULL DEFAULT '{}',
                  "integration_settings" TEXT CONSTRAINT "ck_chatbot_instances_integration_settings_type" CHECK (json_valid("integration_settings")) NOT NULL DEFAULT '{}',
                  "performance_metrics" TEXT CONSTRAINT "ck_chatbot_instances_performance_metrics_type" CHECK (json_valid("performance_metrics")) NOT NULL DEFAULT '{}',
                  "created_at" TEXT CONSTRAINT "ck_chatbot_instances_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_chatbot_instances_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "last_active_at" TEXT CONSTRAINT "ck_chatbot_instances_last_active_at_type" CHECK ("last_active_at" IS NULL OR julianday("last_active_at") IS NOT NULL),
                  "created_by" TEXT CONSTRAINT "ck_chatbot_instances_created_by_type" CHECK (length("created_by") = 36),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_chatbot_instances_status_value" CHECK ("status" IN ('draft', 'active', 'inactive', 'testing', 'maintenance')),
                  CONSTRAINT "ck_chatbot_instances_retrieval_k_range" CHECK ("retrieval_k" BETWEEN 1 AND 100),
                  CONSTRAINT "ck_chatbot_instances_score_threshold_range" CHECK ("score_threshold" BETWEEN 0 AND 1),
                  CONSTRAINT "ck_chatbot_instances_context_window_range" CHECK ("context_window" BETWEEN 1 AND 2147483647),
                  CONSTRAINT "idx_chatbot_instances_name_org" UNIQUE ("name", "tenant_id"),
                  CONSTRAINT "fk_chatbot_instances_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_chatbot_instances_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_chatbot_instances_status" ON "chatbot_instances" ("status")"#,
                #"CREATE INDEX "idx_chatbot_instances_model" ON "chatbot_instances" ("llm_model")"#,
                #"CREATE INDEX "idx_chatbot_instances_tenant_id" ON "chatbot_instances" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_chatbot_instances_created_by" ON "chatbot_instances" ("created_by")"#,
                #"CREATE VIRTUAL TABLE "chatbot_instances_fts" USING fts5("name", "description", content='chatbot_instances', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_chatbot_instances_fts_insert" AFTER INSERT ON "chatbot_instances" BEGIN INSERT INTO "chatbot_instances_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_chatbot_instances_fts_delete" AFTER DELETE ON "chatbot_instances" BEGIN INSERT INTO "chatbot_instances_fts" ("chatbot_instances_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_chatbot_instances_fts_update" AFTER UPDATE OF "name", "description" ON "chatbot_instances" BEGIN
                  INSERT INTO "chatbot_instances_fts" ("chatbot_instances_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "chatbot_instances_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_chatbot_instances_updated_at" AFTER UPDATE ON "chatbot_instances" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "chatbot_instances" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "chatbot_documents" (
                  "id" TEXT CONSTRAINT "ck_chatbot_documents_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_chatbot_documents_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "chatbot_id" TEXT CONSTRAINT "ck_chatbot_documents_chatbot_id_type" CHECK (length("chatbot_id") = 36) NOT NULL,
                  "document_id" TEXT CONSTRAINT "ck_chatbot_documents_document_id_type" CHECK (length("document_id") = 36) NOT NULL,
                  "assigned_at" TEXT CONSTRAINT "ck_chatbot_documents_assigned_at_type" CHECK ("assigned_at" IS NULL OR julianday("assigned_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "assigned_by" TEXT CONSTRAINT "ck_chatbot_documents_assigned_by_type" CHECK (length("assigned_by") = 36),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_chatbot_document" UNIQUE ("chatbot_id", "document_id"),
                  CONSTRAINT "fk_chatbot_documents_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_chatbot_documents_chatbot_id" FOREIGN KEY ("chatbot_id") REFERENCES "chatbot_instances" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_chatbot_documents_document_id" FOREIGN KEY ("document_id") REFERENCES "knowledge_sources" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_chatbot_documents_assigned_by" FOREIGN KEY ("assigned_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_chatbot_documents_document" ON "chatbot_documents" ("document_id")"#,
                #"CREATE INDEX "idx_chatbot_documents_tenant_id" ON "chatbot_documents" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_chatbot_documents_assigned_by" ON "chatbot_documents" ("assigned_by")"#,
                #"""
                CREATE TABLE "integration_configs" (
                  "id" TEXT CONSTRAINT "ck_integration_configs_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_integration_configs_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "chatbot_id" TEXT CONSTRAINT "ck_integration_configs_chatbot_id_type" CHECK (length("chatbot_id") = 36) NOT NULL,
                  "integration_type" TEXT CONSTRAINT "ck_integration_configs_integration_type_type" CHECK (length("integration_type") <= 50) NOT NULL,
                  "integration_name" TEXT CONSTRAINT "ck_integration_configs_integration_name_type" CHECK (length("integration_name") <= 255) NOT NULL,
                  "credentials" TEXT CONSTRAINT "ck_integration_configs_credentials_type" CHECK (json_valid("credentials")) NOT NULL DEFAULT '{}',
                  "settings" TEXT CONSTRAINT "ck_integration_configs_settings_type" CHECK (json_valid("settings")) NOT NULL DEFAULT '{}',
                  "webhook_url" TEXT CONSTRAINT "ck_integration_configs_webhook_url_type" CHECK (length("webhook_url") <= 500),
                  "status" TEXT CONSTRAINT "ck_integration_configs_status_type" CHECK (length("status") <= 50) NOT NULL DEFAULT 'active',
                  "last_health_check" TEXT CONSTRAINT "ck_integration_configs_last_health_check_type" CHECK ("last_health_check" IS NULL OR julianday("last_health_check") IS NOT NULL),
                  "health_status" TEXT CONSTRAINT "ck_integration_configs_health_status_type" CHECK (json_valid("health_status")) NOT NULL DEFAULT '{}',
                  "error_log" TEXT CONSTRAINT "ck_integration_configs_error_log_type" CHECK (json_valid("error_log")) NOT NULL DEFAULT '[]',
                  "created_at" TEXT CONSTRAINT "ck_integration_configs_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_integration_configs_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "created_by" TEXT CONSTRAINT "ck_integration_configs_created_by_type" CHECK (length("created_by") = 36),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_integration_configs_integration_type_value" CHECK ("integration_type" IN ('line_oa', 'webhook', 'widget', 'iframe')),
                  CONSTRAINT "ck_integration_configs_status_value" CHECK ("status" IN ('active', 'inactive', 'error', 'testing')),
                  CONSTRAINT "fk_integration_configs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_integration_configs_chatbot_id" FOREIGN KEY ("chatbot_id") REFERENCES "chatbot_instances" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_integration_configs_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_integration_configs_type" ON "integration_configs" ("integration_type")"#,
                #"CREATE INDEX "idx_integration_configs_status" ON "integration_configs" ("status")"#,
                #"CREATE INDEX "idx_integration_configs_tenant_id" ON "integration_configs" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_integration_configs_chatbot_id" ON "integration_configs" ("chatbot_id")"#,
                #"CREATE INDEX "idx_integration_configs_created_by" ON "integration_configs" ("created_by")"#,
                #"CREATE VIRTUAL TABLE "integration_configs_fts" USING fts5("integration_name", content='integration_configs', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_integration_configs_fts_insert" AFTER INSERT ON "integration_configs" BEGIN INSERT INTO "integration_configs_fts" (rowid, "integration_name") VALUES (NEW.rowid, NEW."integration_name"); END"#,
                #"CREATE TRIGGER "trg_integration_configs_fts_delete" AFTER DELETE ON "integration_configs" BEGIN INSERT INTO "integration_configs_fts" ("integration_configs_fts", rowid, "integration_name") VALUES ('delete', OLD.rowid, OLD."integration_name"); END"#,
                #"""
                CREATE TRIGGER "trg_integration_configs_fts_update" AFTER UPDATE OF "integration_name" ON "integration_configs" BEGIN
                  INSERT INTO "integration_configs_fts" ("integration_configs_fts", rowid, "integration_name") VALUES ('delete', OLD.rowid, OLD."integration_name");
                  INSERT INTO "integration_configs_fts" (rowid, "integration_name") VALUES (NEW.rowid, NEW."integration_name");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_integration_configs_updated_at" AFTER UPDATE ON "integration_configs" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "integration_configs" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "daily_metrics" (
                  "id" TEXT CONSTRAINT "ck_daily_metrics_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_daily_metrics_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "chatbot_id" TEXT CONSTRAINT "ck_daily_metrics_chatbot_id_type" CHECK (length("chatbot_id") = 36),
                  "metric_date" TEXT CONSTRAINT "ck_daily_metrics_metric_date_type" CHECK (date("metric_date") = "metric_date") NOT NULL,
                  "total_sessions" INTEGER CONSTRAINT "ck_daily_metrics_total_sessions_type" CHECK ("total_sessions" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "total_messages" INTEGER CONSTRAINT "ck_daily_metrics_total_messages_type" CHECK ("total_messages" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "unique_users" INTEGER CONSTRAINT "ck_daily_metrics_unique_users_type" CHECK ("unique_users" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "avg_session_duration_seconds" INTEGER CONSTRAINT "ck_daily_metrics_avg_session_duration_seconds_type" CHECK ("avg_session_duration_seconds" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "avg_messages_per_session" REAL NOT NULL DEFAULT 0,
                  "avg_response_time_ms" INTEGER CONSTRAINT "ck_daily_metrics_avg_response_time_ms_type" CHECK ("avg_response_time_ms" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "total_tokens_used" INTEGER CONSTRAINT "ck_daily_metrics_total_tokens_used_type" CHECK ("total_tokens_used" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "total_cost_usd" REAL CONSTRAINT "ck_daily_metrics_total_cost_usd_type" CHECK (abs("total_cost_usd") < 1000000) NOT NULL DEFAULT 0,
                  "avg_user_satisfaction" REAL,
                  "successful_responses_ratio" REAL,
                  "platform_breakdown" TEXT CONSTRAINT "ck_daily_metrics_platform_breakdown_type" CHECK (json_valid("platform_breakdown")) NOT NULL DEFAULT '{}',
                  "created_at" TEXT CONSTRAINT "ck_daily_metrics_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_daily_metrics_avg_user_satisfaction_range" CHECK ("avg_user_satisfaction" BETWEEN 1 AND 5),
                  CONSTRAINT "ck_daily_metrics_successful_responses_ratio_range" CHECK ("successful_responses_ratio" BETWEEN 0 AND 1),
                  CONSTRAINT "fk_daily_metrics_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_daily_metrics_chatbot_id" FOREIGN KEY ("chatbot_id") REFERENCES "chatbot_instances" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE UNIQUE INDEX "idx_daily_metrics_unique" ON "daily_metrics" ("tenant_id", COALESCE("chatbot_id", ''), "metric_date")"#,
                #"CREATE INDEX "idx_daily_metrics_date" ON "daily_metrics" ("metric_date")"#,
                #"CREATE INDEX "idx_daily_metrics_tenant_id" ON "daily_metrics" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_daily_metrics_chatbot_id" ON "daily_metrics" ("chatbot_id")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "daily_metrics""#,
                #"DROP TABLE IF EXISTS "integration_configs_fts""#,
                #"DROP TABLE IF EXISTS "integration_configs""#,
                #"DROP TABLE IF EXISTS "chatbot_documents""#,
                #"DROP TABLE IF EXISTS "chatbot_instances_fts""#,
                #"DROP TABLE IF EXISTS "chatbot_instances""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "chatbot_instances" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "description" text,
                  "status" varchar(50) NOT NULL DEFAULT 'draft',
                  "avatar_url" varchar(500),
                  "welcome_message" text,
                  "fallback_message" text,
                  "llm_provider" varchar(50) NOT NULL DEFAULT 'bedrock',
                  "llm_model" varchar(100) NOT NULL,
                  "system_prompt" text NOT NULL,
                  "model_config" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "rag_enabled" boolean NOT NULL DEFAULT true,
                  "retrieval_k" integer NOT NULL DEFAULT 5,
                  "score_threshold" double precision NOT NULL DEFAULT 0.7,
                  "context_window" integer NOT NULL DEFAULT 4000,
                  "knowledge_base_filter" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "integration_settings" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "performance_metrics" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "last_active_at" timestamptz(3),
                  "created_by" uuid,
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_chatbot_instances_status_value" CHECK ("status" IN ('draft', 'active', 'inactive', 'testing', 'maintenance')),
                  CONSTRAINT "ck_chatbot_instances_retrieval_k_range" CHECK ("retrieval_k" BETWEEN 1 AND 100),
                  CONSTRAINT "ck_chatbot_instances_score_threshold_range" CHECK ("score_threshold" BETWEEN 0 AND 1),
                  CONSTRAINT "ck_chatbot_instances_context_window_range" CHECK ("context_window" BETWEEN 1 AND 2147483647),
                  CONSTRAINT "idx_chatbot_instances_name_org" UNIQUE ("name", "tenant_id"),
                  CONSTRAINT "fk_chatbot_instances_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_chatbot_instances_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_chatbot_instances_status" ON "chatbot_instances" ("status")"#,
                #"CREATE INDEX "idx_chatbot_instances_model" ON "chatbot_instances" ("llm_model")"#,
                #"CREATE INDEX "idx_chatbot_instances_tenant_id" ON "chatbot_instances" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_chatbot_instances_created_by" ON "chatbot_instances" ("created_by")"#,
                #"CREATE INDEX "idx_chatbot_instances_search" ON "chatbot_instances" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_chatbot_instances_updated_at" BEFORE UPDATE ON "chatbot_instances" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "chatbot_documents" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "chatbot_id" uuid NOT NULL,
                  "document_id" uuid NOT NULL,
                  "assigned_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "assigned_by" uuid,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_chatbot_document" UNIQUE ("chatbot_id", "document_id"),
                  CONSTRAINT "fk_chatbot_documents_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_chatbot_documents_chatbot_id" FOREIGN KEY ("chatbot_id") REFERENCES "chatbot_instances" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_chatbot_documents_document_id" FOREIGN KEY ("document_id") REFERENCES "knowledge_sources" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_chatbot_documents_assigned_by" FOREIGN KEY ("assigned_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_chatbot_documents_document" ON "chatbot_documents" ("document_id")"#,
                #"CREATE INDEX "idx_chatbot_documents_tenant_id" ON "chatbot_documents" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_chatbot_documents_assigned_by" ON "chatbot_documents" ("assigned_by")"#,
                #"""
                CREATE TABLE "integration_configs" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "chatbot_id" uuid NOT NULL,
                  "integration_type" varchar(50) NOT NULL,
                  "integration_name" varchar(255) NOT NULL,
                  "credentials" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "settings" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "webhook_url" varchar(500),
                  "status" varchar(50) NOT NULL DEFAULT 'active',
                  "last_health_check" timestamptz(3),
                  "health_status" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "error_log" jsonb NOT NULL DEFAULT '[]'::jsonb,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "created_by" uuid,
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("integration_name", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_integration_configs_integration_type_value" CHECK ("integration_type" IN ('line_oa', 'webhook', 'widget', 'iframe')),
                  CONSTRAINT "ck_integration_configs_status_value" CHECK ("status" IN ('active', 'inactive', 'error', 'testing')),
                  CONSTRAINT "fk_integration_configs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_integration_configs_chatbot_id" FOREIGN KEY ("chatbot_id") REFERENCES "chatbot_instances" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_integration_configs_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_integration_configs_type" ON "integration_configs" ("integration_type")"#,
                #"CREATE INDEX "idx_integration_configs_status" ON "integration_configs" ("status")"#,
                #"CREATE INDEX "idx_integration_configs_tenant_id" ON "integration_configs" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_integration_configs_chatbot_id" ON "integration_configs" ("chatbot_id")"#,
                #"CREATE INDEX "idx_integration_configs_created_by" ON "integration_configs" ("created_by")"#,
                #"CREATE INDEX "idx_integration_configs_search" ON "integration_configs" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_integration_configs_updated_at" BEFORE UPDATE ON "integration_configs" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "daily_metrics" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "chatbot_id" uuid,
                  "metric_date" date NOT NULL,
                  "total_sessions" integer NOT NULL DEFAULT 0,
                  "total_messages" integer NOT NULL DEFAULT 0,
                  "unique_users" integer NOT NULL DEFAULT 0,
                  "avg_session_duration_seconds" integer NOT NULL DEFAULT 0,
                  "avg_messages_per_session" double precision NOT NULL DEFAULT 0,
                  "avg_response_time_ms" integer NOT NULL DEFAULT 0,
                  "total_tokens_used" integer NOT NULL DEFAULT 0,
                  "total_cost_usd" numeric(10,4) NOT NULL DEFAULT 0,
                  "avg_user_satisfaction" double precision,
                  "successful_responses_ratio" double precision,
                  "platform_breakdown" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_daily_metrics_avg_user_satisfaction_range" CHECK ("avg_user_satisfaction" BETWEEN 1 AND 5),
                  CONSTRAINT "ck_daily_metrics_successful_responses_ratio_range" CHECK ("successful_responses_ratio" BETWEEN 0 AND 1),
                  CONSTRAINT "fk_daily_metrics_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_daily_metrics_chatbot_id" FOREIGN KEY ("chatbot_id") REFERENCES "chatbot_instances" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE UNIQUE INDEX "idx_daily_metrics_unique" ON "daily_metrics" ("tenant_id", COALESCE("chatbot_id", '00000000-0000-0000-0000-000000000000'::uuid), "metric_date")"#,
                #"CREATE INDEX "idx_daily_metrics_date" ON "daily_metrics" ("metric_date")"#,
                #"CREATE INDEX "idx_daily_metrics_tenant_id" ON "daily_metrics" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_daily_metrics_chatbot_id" ON "daily_metrics" ("chatbot_id")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "daily_metrics" CASCADE"#,
                #"DROP TABLE IF EXISTS "integration_configs" CASCADE"#,
                #"DROP TABLE IF EXISTS "chatbot_documents" CASCADE"#,
                #"DROP TABLE IF EXISTS "chatbot_instances" CASCADE"#,
            ]))
}
