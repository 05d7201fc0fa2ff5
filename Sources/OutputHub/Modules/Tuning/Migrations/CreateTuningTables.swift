// CreateTuningTables: Tuning sessions, turns, improvements and version comparisons (seed 003). First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension TuningMigrations {
    static let createTuningTables = FrozenMigration(
        name: "CreateTuningTables", sequence: 10,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "prompt_tuning_sessions" (
                  "id" TEXT CONSTRAINT "ck_prompt_tuning_sessions_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_prompt_tuning_sessions_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "prompt_id" TEXT CONSTRAINT "ck_prompt_tuning_sessions_prompt_id_type" CHECK (length("prompt_id") = 36),
                  "session_start" TEXT CONSTRAINT "ck_prompt_tuning_sessions_session_start_type" CHECK ("session_start" IS NULL OR julianday("session_start") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "session_end" TEXT CONSTRAINT "ck_prompt_tuning_sessions_session_end_type" CHECK ("session_end" IS NULL OR julianday("session_end") IS NOT NULL),
                  "master_prompt_version" TEXT,
                  "branch_name" TEXT NOT NULL DEFAULT 'prompt-tuning',
                  "total_turns" INTEGER CONSTRAINT "ck_prompt_tuning_sessions_total_turns_type" CHECK ("total_turns" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "total_improvements" INTEGER CONSTRAINT "ck_prompt_tuning_sessions_total_improvements_type" CHECK ("total_improvements" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "tester_id" TEXT,
                  "tester_email" TEXT,
                  "tester_name" TEXT,
                  "metadata" TEXT CONSTRAINT "ck_prompt_tuning_sessions_metadata_type" CHECK (json_valid("metadata")) NOT NULL DEFAULT '{}',
                  "archived_at" TEXT CONSTRAINT "ck_prompt_tuning_sessions_archived_at_type" CHECK ("archived_at" IS NULL OR julianday("archived_at") IS NOT NULL),
                  "created_at" TEXT CONSTRAINT "ck_prompt_tuning_sessions_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_prompt_tuning_sessions_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "valid_tuning_span" CHECK (session_end IS NULL OR session_end >= session_start),
                  CONSTRAINT "fk_prompt_tuning_sessions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_tuning_sessions_prompt_id" FOREIGN KEY ("prompt_id") REFERENCES "prompts" ("id") ON DELETE SET NULL
                ) STRICT
                """#,
                #"CREATE INDEX "idx_tuning_sessions_start" ON "prompt_tuning_sessions" ("session_start" DESC)"#,
                #"CREATE INDEX "idx_tuning_sessions_tester" ON "prompt_tuning_sessions" ("tester_id")"#,
                #"CREATE INDEX "idx_tuning_sessions_branch" ON "prompt_tuning_sessions" ("branch_name")"#,
                #"CREATE INDEX "idx_tuning_sessions_active" ON "prompt_tuning_sessions" ("session_end") WHERE session_end IS NULL"#,
                #"CREATE INDEX "idx_prompt_tuning_sessions_tenant_id" ON "prompt_tuning_sessions" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_prompt_tuning_sessions_prompt_id" ON "prompt_tuning_sessions" ("prompt_id")"#,
                #"""
                CREATE TRIGGER "trg_prompt_tuning_sessions_updated_at" AFTER UPDATE ON "prompt_tuning_sessions" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "prompt_tuning_sessions" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "tuning_conversation_turns" (
                  "id" TEXT CONSTRAINT "ck_tuning_conversation_turns_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_tuning_conversation_turns_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "session_id" TEXT CONSTRAINT "ck_tuning_conversation_turns_session_id_type" CHECK (length("session_id") = 36) NOT NULL,
                  "turn_number" INTEGER CONSTRAINT "ck_tuning_conversation_turns_turn_number_type" CHECK ("turn_number" BETWEEN -2147483648 AND 2147483647) NOT NULL,
                  "user_message" TEXT NOT NULL,
                  "era_response" TEXT NOT NULL,
                  "timestamp" TEXT CONSTRAINT "ck_tuning_conversation_turns_timestamp_type" CHECK ("timestamp" IS NULL OR julianday("timestamp") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "processing_time_ms" INTEGER CONSTRAINT "ck_tuning_conversation_turns_processing_time_ms_type" CHECK ("processing_time_ms" BETWEEN -2147483648 AND 2147483647),
                  "search_results" TEXT CONSTRAINT "ck_tuning_conversation_turns_search_results_type" CHECK (json_valid("search_results")),
                  "avg_similarity" REAL,
                  "total_chunks" INTEGER CONSTRAINT "ck_tuning_conversation_turns_total_chunks_type" CHECK ("total_chunks" BETWEEN -2147483648 AND 2147483647),
                  "confidence_score" REAL,
                  "template_used" TEXT,
                  "metadata" TEXT CONSTRAINT "ck_tuning_conversation_turns_metadata_type" CHECK (json_valid("metadata")) NOT NULL DEFAULT '{}',
                  "has_policy_citation" INTEGER CONSTRAINT "ck_tuning_conversation_turns_has_policy_citation_type" CHECK ("has_policy_citation" IN (0, 1)),
                  "appropriate_action_suggested" INTEGER CONSTRAINT "ck_tuning_conversation_turns_appropriate_action_suggested_type" CHECK ("appropriate_action_suggested" IN (0, 1)),
                  "structure_complete" INTEGER CONSTRAINT "ck_tuning_conversation_turns_structure_complete_type" CHECK ("structure_complete" IN (0, 1)),
                  "professionalism_score" INTEGER CONSTRAINT "ck_tuning_conversation_turns_professionalism_score_type" CHECK ("professionalism_score" BETWEEN -2147483648 AND 2147483647),
                  "empathy_score" INTEGER CONSTRAINT "ck_tuning_conversation_turns_empathy_score_type" CHECK ("empathy_score" BETWEEN -2147483648 AND 2147483647),
                  "clarity_score" INTEGER CONSTRAINT "ck_tuning_conversation_turns_clarity_score_type" CHECK ("clarity_score" BETWEEN -2147483648 AND 2147483647),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_tuning_conversation_turns_turn_number_range" CHECK ("turn_number" BETWEEN 1 AND 2147483647),
                  CONSTRAINT "ck_tuning_conversation_turns_processing_time_ms_range" CHECK ("processing_time_ms" BETWEEN 0 AND 2147483647),
                  CONSTRAINT "ck_tuning_conversation_turns_total_chunks_range" CHECK ("total_chunks" BETWEEN 0 AND 2147483647),
                  CONSTRAINT "ck_tuning_conversation_turns_professionalism_score_range" CHECK ("professionalism_score" BETWEEN 1 AND 5),
                  CONSTRAINT "ck_tuning_conversation_turns_empathy_score_range" CHECK ("empathy_score" BETWEEN 1 AND 5),
                  CONSTRAINT "ck_tuning_conversation_turns_clarity_score_range" CHECK ("clarity_score" BETWEEN 1 AND 5),
                  CONSTRAINT "unique_session_turn" UNIQUE ("session_id", "turn_number"),
                  CONSTRAINT "fk_tuning_conversation_turns_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_tuning_conversation_turns_session_id" FOREIGN KEY ("session_id") REFERENCES "prompt_tuning_sessions" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_tuning_turns_timestamp" ON "tuning_conversation_turns" ("timestamp" DESC)"#,
                #"CREATE INDEX "idx_tuning_turns_similarity" ON "tuning_conversation_turns" ("avg_similarity") WHERE avg_similarity IS NOT NULL"#,
                #"CREATE INDEX "idx_tuning_conversation_turns_tenant_id" ON "tuning_conversation_turns" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "tuning_conversation_turns_fts" USING fts5("user_message", "era_response", content='tuning_conversation_turns', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_tuning_conversation_turns_fts_insert" AFTER INSERT ON "tuning_conversation_turns" BEGIN INSERT INTO "tuning_conversation_turns_fts" (rowid, "user_message", "era_response") VALUES (NEW.rowid, NEW."user_message", NEW."era_response"); END"#,
                #"CREATE TRIGGER "trg_tuning_conversation_turns_fts_delete" AFTER DELETE ON "tuning_conversation_turns" BEGIN INSERT INTO "tuning_conversation_turns_fts" ("tuning_conversation_turns_fts", rowid, "user_message", "era_response") VALUES ('delete', OLD.rowid, OLD."user_message", OLD."era_response"); END"#,
                #"""
                CREATE TRIGGER "trg_tuning_conversation_turns_fts_update" AFTER UPDATE OF "user_message", "era_response" ON "tuning_conversation_turns" BEGIN
                  INSERT INTO "tuning_conversation_turns_fts" ("tuning_conversation_turns_fts", rowid, "user_message", "era_response") VALUES ('delete', OLD.rowid, OLD."user_message", OLD."era_response");
                  INSERT INTO "tuning_conversation_turns_fts" (rowid, "user_message", "era_response") VALUES (NEW.rowid, NEW."user_message", NEW."era_response");
                END
                """#,
                #"""
                CREATE TABLE "tuning_improvements" (
                  "id" TEXT CONSTRAINT "ck_tuning_improvements_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_tuning_improvements_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "turn_id" TEXT CONSTRAINT "ck_tuning_improvements_turn_id_type" CHECK (length("turn_id") = 36) NOT NULL,
                  "improvement_note" TEXT NOT NULL,
                  "category" TEXT CONSTRAINT "ck_tuning_improvements_category_type" CHECK (length("category") <= 20),
                  "timestamp" TEXT CONSTRAINT "ck_tuning_improvements_timestamp_type" CHECK ("timestamp" IS NULL OR julianday("timestamp") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "metadata" TEXT CONSTRAINT "ck_tuning_improvements_metadata_type" CHECK (json_valid("metadata")) NOT NULL DEFAULT '{}',
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_tuning_improvements_category_value" CHECK ("category" IN ('tone', 'content', 'citation', 'clarity', 'structure', 'action')),
                  CONSTRAINT "fk_tuning_improvements_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_tuning_improvements_turn_id" FOREIGN KEY ("turn_id") REFERENCES "tuning_conversation_turns" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_tuning_improvements_turn" ON "tuning_improvements" ("turn_id")"#,
                #"CREATE INDEX "idx_tuning_improvements_category" ON "tuning_improvements" ("category") WHERE category IS NOT NULL"#,
                #"CREATE INDEX "idx_tuning_improvements_timestamp" ON "tuning_improvements" ("timestamp" DESC)"#,
                #"CREATE INDEX "idx_tuning_improvements_tenant_id" ON "tuning_improvements" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "tuning_improvements_fts" USING fts5("improvement_note", content='tuning_improvements', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_tuning_improvements_fts_insert" AFTER INSERT ON "tuning_improvements" BEGIN INSERT INTO "tuning_improvements_fts" (rowid, "improvement_note") VALUES (NEW.rowid, NEW."improvement_note"); END"#,
                #"CREATE TRIGGER "trg_tuning_improvements_fts_delete" AFTER DELETE ON "tuning_improvements" BEGIN INSERT INTO "tuning_improvements_fts" ("tuning_improvements_fts", rowid, "improvement_note") VALUES ('delete', OLD.rowid, OLD."improvement_note"); END"#,
                #"""
                CREATE TRIGGER "trg_tuning_improvements_fts_update" AFTER UPDATE OF "improvement_note" ON "tuning_improvements" BEGIN
                  INSERT INTO "tuning_improvements_fts" ("tuning_improvements_fts", rowid, "improvement_note") VALUES ('delete', OLD.rowid, OLD."improvement_note");
                  INSERT INTO "tuning_improvements_fts" (rowid, "improvement_note") VALUES (NEW.rowid, NEW."improvement_note");
                END
                """#,
                #"""
                CREATE TABLE "prompt_version_comparisons" (
                  "id" TEXT CONSTRAINT "ck_prompt_version_comparisons_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_prompt_version_comparisons_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "version_a" TEXT NOT NULL,
                  "version_b" TEXT NOT NULL,
                  "metric_name" TEXT NOT NULL,
                  "version_a_score" REAL,
                  "version_b_score" REAL,
                  "comparison_date" TEXT CONSTRAINT "ck_prompt_version_comparisons_comparison_date_type" CHECK ("comparison_date" IS NULL OR julianday("comparison_date") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "fk_prompt_version_comparisons_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_prompt_version_comparisons_tenant_id" ON "prompt_version_comparisons" ("tenant_id", "id")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "prompt_version_comparisons""#,
                #"DROP TABLE IF EXISTS "tuning_improvements_fts""#,
                #"DROP TABLE IF EXISTS "tuning_improvements""#,
                #"DROP TABLE IF EXISTS "tuning_conversation_turns_fts""#,
                #"DROP TABLE IF EXISTS "tuning_conversation_turns""#,
                #"DROP TABLE IF EXISTS "prompt_tuning_sessions""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "prompt_tuning_sessions" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "prompt_id" uuid,
                  "session_start" timestamptz(3) NOT NULL DEFAULT now(),
                  "session_end" timestamptz(3),
                  "master_prompt_version" text,
                  "branch_name" text NOT NULL DEFAULT 'prompt-tuning',
                  "total_turns" integer NOT NULL DEFAULT 0,
                  "total_improvements" integer NOT NULL DEFAULT 0,
                  "tester_id" text,
                  "tester_email" text,
                  "tester_name" text,
                  "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "archived_at" timestamptz(3),
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "valid_tuning_span" CHECK (session_end IS NULL OR session_end >= session_start),
                  CONSTRAINT "fk_prompt_tuning_sessions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_tuning_sessions_prompt_id" FOREIGN KEY ("prompt_id") REFERENCES "prompts" ("id") ON DELETE SET NULL
                )
                """#,
                #"CREATE INDEX "idx_tuning_sessions_start" ON "prompt_tuning_sessions" ("session_start" DESC)"#,
                #"CREATE INDEX "idx_tuning_sessions_tester" ON "prompt_tuning_sessions" ("tester_id")"#,
                #"CREATE INDEX "idx_tuning_sessions_branch" ON "prompt_tuning_sessions" ("branch_name")"#,
                #"CREATE INDEX "idx_tuning_sessions_active" ON "prompt_tuning_sessions" ("session_end") WHERE session_end IS NULL"#,
                #"CREATE INDEX "idx_prompt_tuning_sessions_tenant_id" ON "prompt_tuning_sessions" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_prompt_tuning_sessions_prompt_id" ON "prompt_tuning_sessions" ("prompt_id")"#,
                #"CREATE TRIGGER "trg_prompt_tuning_sessions_updated_at" BEFORE UPDATE ON "prompt_tuning_sessions" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "tuning_conversation_turns" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "session_id" uuid NOT NULL,
                  "turn_number" integer NOT NULL,
                  "user_message" text NOT NULL,
                  "era_response" text NOT NULL,
                  "timestamp" timestamptz(3) NOT NULL DEFAULT now(),
                  "processing_time_ms" integer,
                  "search_results" jsonb,
                  "avg_similarity" double precision,
                  "total_chunks" integer,
                  "confidence_score" double precision,
                  "template_used" text,
                  "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "has_policy_citation" boolean,
                  "appropriate_action_suggested" boolean,
                  "structure_complete" boolean,
                  "professionalism_score" integer,
                  "empathy_score" integer,
                  "clarity_score" integer,
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("user_message", '') || ' ' || coalesce("era_response", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_tuning_conversation_turns_turn_number_range" CHECK ("turn_number" BETWEEN 1 AND 2147483647),
                  CONSTRAINT "ck_tuning_conversation_turns_processing_time_ms_range" CHECK ("processing_time_ms" BETWEEN 0 AND 2147483647),
                  CONSTRAINT "ck_tuning_conversation_turns_total_chunks_range" CHECK ("total_chunks" BETWEEN 0 AND 2147483647),
                  CONSTRAINT "ck_tuning_conversation_turns_professionalism_score_range" CHECK ("professionalism_score" BETWEEN 1 AND 5),
                  CONSTRAINT "ck_tuning_conversation_turns_empathy_score_range" CHECK ("empathy_score" BETWEEN 1 AND 5),
                  CONSTRAINT "ck_tuning_conversation_turns_clarity_score_range" CHECK ("clarity_score" BETWEEN 1 AND 5),
                  CONSTRAINT "unique_session_turn" UNIQUE ("session_id", "turn_number"),
                  CONSTRAINT "fk_tuning_conversation_turns_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_tuning_conversation_turns_session_id" FOREIGN KEY ("session_id") REFERENCES "prompt_tuning_sessions" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_tuning_turns_timestamp" ON "tuning_conversation_turns" ("timestamp" DESC)"#,
                #"CREATE INDEX "idx_tuning_turns_similarity" ON "tuning_conversation_turns" ("avg_similarity") WHERE avg_similarity IS NOT NULL"#,
                #"CREATE INDEX "idx_tuning_conversation_turns_tenant_id" ON "tuning_conversation_turns" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_tuning_conversation_turns_search" ON "tuning_conversation_turns" USING gin ("search_vector")"#,
                #"""
                CREATE TABLE "tuning_improvements" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "turn_id" uuid NOT NULL,
                  "improvement_note" text NOT NULL,
                  "category" varchar(20),
                  "timestamp" timestamptz(3) NOT NULL DEFAULT now(),
                  "metadata" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("improvement_note", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_tuning_improvements_category_value" CHECK ("category" IN ('tone', 'content', 'citation', 'clarity', 'structure', 'action')),
                  CONSTRAINT "fk_tuning_improvements_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_tuning_improvements_turn_id" FOREIGN KEY ("turn_id") REFERENCES "tuning_conversation_turns" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_tuning_improvements_turn" ON "tuning_improvements" ("turn_id")"#,
                #"CREATE INDEX "idx_tuning_improvements_category" ON "tuning_improvements" ("category") WHERE category IS NOT NULL"#,
                #"CREATE INDEX "idx_tuning_improvements_timestamp" ON "tuning_improvements" ("timestamp" DESC)"#,
                #"CREATE INDEX "idx_tuning_improvements_tenant_id" ON "tuning_improvements" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_tuning_improvements_search" ON "tuning_improvements" USING gin ("search_vector")"#,
                #"""
                CREATE TABLE "prompt_version_comparisons" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "version_a" text NOT NULL,
                  "version_b" text NOT NULL,
                  "metric_name" text NOT NULL,
                  "version_a_score" double precision,
                  "version_b_score" double precision,
                  "comparison_date" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "fk_prompt_version_comparisons_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_prompt_version_comparisons_tenant_id" ON "prompt_version_comparisons" ("tenant_id", "id")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "prompt_version_comparisons" CASCADE"#,
                #"DROP TABLE IF EXISTS "tuning_improvements" CASCADE"#,
                #"DROP TABLE IF EXISTS "tuning_conversation_turns" CASCADE"#,
                #"DROP TABLE IF EXISTS "prompt_tuning_sessions" CASCADE"#,
            ]))
}
