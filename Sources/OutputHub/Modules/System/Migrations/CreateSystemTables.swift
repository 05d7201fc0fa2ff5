// CreateSystemTables: System settings, the audit log and system events (seeds 001, 004). First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension SystemMigrations {
    static let createSystemTables = FrozenMigration(
        name: "CreateSystemTables", sequence: 3,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "system_settings" (
                  "id" TEXT CONSTRAINT "ck_system_settings_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_system_settings_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "key" TEXT CONSTRAINT "ck_system_settings_key_type" CHECK (length("key") <= 255) NOT NULL,
                  "value" TEXT,
                  "value_type" TEXT CONSTRAINT "ck_system_settings_value_type_type" CHECK (length("value_type") <= 20) NOT NULL DEFAULT 'string',
                  "description" TEXT,
                  "created_at" TEXT CONSTRAINT "ck_system_settings_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_system_settings_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_system_settings_value_type_value" CHECK ("value_type" IN ('string', 'integer', 'number', 'boolean', 'json')),
                  CONSTRAINT "unique_setting_key" UNIQUE ("tenant_id", "key"),
                  CONSTRAINT "fk_system_settings_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_system_settings_tenant_id" ON "system_settings" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "system_settings_fts" USING fts5("key", "description", content='system_settings', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_system_settings_fts_insert" AFTER INSERT ON "system_settings" BEGIN INSERT INTO "system_settings_fts" (rowid, "key", "description") VALUES (NEW.rowid, NEW."key", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_system_settings_fts_delete" AFTER DELETE ON "system_settings" BEGIN INSERT INTO "system_settings_fts" ("system_settings_fts", rowid, "key", "description") VALUES ('delete', OLD.rowid, OLD."key", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_system_settings_fts_update" AFTER UPDATE OF "key", "description" ON "system_settings" BEGIN
                  INSERT INTO "system_settings_fts" ("system_settings_fts", rowid, "key", "description") VALUES ('delete', OLD.rowid, OLD."key", OLD."description");
                  INSERT INTO "system_settings_fts" (rowid, "key", "description") VALUES (NEW.rowid, NEW."key", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_system_settings_updated_at" AFTER UPDATE ON "system_settings" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "system_settings" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "audit_logs" (
                  "id" TEXT CONSTRAINT "ck_audit_logs_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_audit_logs_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "user_id" TEXT CONSTRAINT "ck_audit_logs_user_id_type" CHECK (length("user_id") = 36),
                  "action" TEXT CONSTRAINT "ck_audit_logs_action_type" CHECK (length("action") <= 20) NOT NULL,
                  "table_name" TEXT CONSTRAINT "ck_audit_logs_table_name_type" CHECK (length("table_name") <= 255) NOT NULL,
                  "record_id" TEXT CONSTRAINT "ck_audit_logs_record_id_type" CHECK (length("record_id") <= 64),
                  "old_values" TEXT CONSTRAINT "ck_audit_logs_old_values_type" CHECK (json_valid("old_values")),
                  "new_values" TEXT CONSTRAINT "ck_audit_logs_new_values_type" CHECK (json_valid("new_values")),
                  "ip_address" TEXT,
                  "created_at" TEXT CONSTRAINT "ck_audit_logs_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_audit_logs_action_value" CHECK ("action" IN ('create', 'update', 'delete', 'restore', 'approve', 'login', 'logout', 'import')),
                  CONSTRAINT "fk_audit_logs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_audit_logs_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL
                ) STRICT
                """#,
                #"CREATE INDEX "idx_audit_logs_record" ON "audit_logs" ("table_name", "record_id")"#,
                #"CREATE INDEX "idx_audit_logs_created_at" ON "audit_logs" ("tenant_id", "created_at" DESC)"#,
                #"CREATE INDEX "idx_audit_logs_tenant_id" ON "audit_logs" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_audit_logs_user_id" ON "audit_logs" ("user_id")"#,
                #"""
                CREATE TABLE "system_events" (
                  "id" TEXT CONSTRAINT "ck_system_events_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_system_events_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "event_type" TEXT CONSTRAINT "ck_system_events_event_type_type" CHECK (length("event_type") <= 100) NOT NULL,
                  "event_category" TEXT CONSTRAINT "ck_system_events_event_category_type" CHECK (length("event_category") <= 50) NOT NULL,
                  "event_data" TEXT CONSTRAINT "ck_system_events_event_data_type" CHECK (json_valid("event_data")) NOT NULL,
                  "affected_resource_type" TEXT CONSTRAINT "ck_system_events_affected_resource_type_type" CHECK (length("affected_resource_type") <= 50),
                  "affected_resource_id" TEXT CONSTRAINT "ck_system_events_affected_resource_id_type" CHECK (length("affected_resource_id") = 36),
                  "user_id" TEXT CONSTRAINT "ck_system_events_user_id_type" CHECK (length("user_id") = 36),
                  "ip_address" TEXT,
                  "user_agent" TEXT,
                  "severity" TEXT CONSTRAINT "ck_system_events_severity_type" CHECK (length("severity") <= 20) NOT NULL DEFAULT 'info',
                  "status" TEXT CONSTRAINT "ck_system_events_status_type" CHECK (length("status") <= 50) NOT NULL DEFAULT 'completed',
                  "timestamp" TEXT CONSTRAINT "ck_system_events_timestamp_type" CHECK ("timestamp" IS NULL OR julianday("timestamp") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_system_events_event_category_value" CHECK ("event_category" IN ('system', 'user_action', 'error', 'performance')),
                  CONSTRAINT "ck_system_events_severity_value" CHECK ("severity" IN ('debug', 'info', 'warning', 'error', 'critical')),
                  CONSTRAINT "ck_system_events_status_value" CHECK ("status" IN ('pending', 'completed', 'failed')),
                  CONSTRAINT "fk_system_events_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_system_events_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL
                ) STRICT
                """#,
                #"CREATE INDEX "idx_system_events_type" ON "system_events" ("event_type")"#,
                #"CREATE INDEX "idx_system_events_category" ON "system_events" ("event_category")"#,
                #"CREATE INDEX "idx_system_events_timestamp" ON "system_events" ("timestamp")"#,
                #"CREATE INDEX "idx_system_events_severity" ON "system_events" ("severity")"#,
                #"CREATE INDEX "idx_system_events_resource" ON "system_events" ("affected_resource_type", "affected_resource_id")"#,
                #"CREATE INDEX "idx_system_events_tenant_id" ON "system_events" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_system_events_user_id" ON "system_events" ("user_id")"#,
                #"CREATE VIRTUAL TABLE "system_events_fts" USING fts5("event_type", content='system_events', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_system_events_fts_insert" AFTER INSERT ON "system_events" BEGIN INSERT INTO "system_events_fts" (rowid, "event_type") VALUES (NEW.rowid, NEW."event_type"); END"#,
                #"CREATE TRIGGER "trg_system_events_fts_delete" AFTER DELETE ON "system_events" BEGIN INSERT INTO "system_events_fts" ("system_events_fts", rowid, "event_type") VALUES ('delete', OLD.rowid, OLD."event_type"); END"#,
                #"""
                CREATE TRIGGER "trg_system_events_fts_update" AFTER UPDATE OF "event_type" ON "system_events" BEGIN
                  INSERT INTO "system_events_fts" ("system_events_fts", rowid, "event_type") VALUES ('delete', OLD.rowid, OLD."event_type");
                  INSERT INTO "system_events_fts" (rowid, "event_type") VALUES (NEW.rowid, NEW."event_type");
                END
                """#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "system_events_fts""#,
                #"DROP TABLE IF EXISTS "system_events""#,
                #"DROP TABLE IF EXISTS "audit_logs""#,
                #"DROP TABLE IF EXISTS "system_settings_fts""#,
                #"DROP TABLE IF EXISTS "system_settings""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "system_settings" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "key" varchar(255) NOT NULL,
                  "value" text,
                  "value_type" varchar(20) NOT NULL DEFAULT 'string',
                  "description" text,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("key", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_system_settings_value_type_value" CHECK ("value_type" IN ('string', 'integer', 'number', 'boolean', 'json')),
                  CONSTRAINT "unique_setting_key" UNIQUE ("tenant_id", "key"),
                  CONSTRAINT "fk_system_settings_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_system_settings_tenant_id" ON "system_settings" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_system_settings_search" ON "system_settings" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_system_settings_updated_at" BEFORE UPDATE ON "system_settings" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "audit_logs" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "user_id" uuid,
                  "action" varchar(20) NOT NULL,
                  "table_name" varchar(255) NOT NULL,
                  "record_id" varchar(64),
                  "old_values" jsonb,
                  "new_values" jsonb,
                  "ip_address" inet,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_audit_logs_action_value" CHECK ("action" IN ('create', 'update', 'delete', 'restore', 'approve', 'login', 'logout', 'import')),
                  CONSTRAINT "fk_audit_logs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_audit_logs_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL
                )
                """#,
                #"CREATE INDEX "idx_audit_logs_record" ON "audit_logs" ("table_name", "record_id")"#,
                #"CREATE INDEX "idx_audit_logs_created_at" ON "audit_logs" ("tenant_id", "created_at" DESC)"#,
                #"CREATE INDEX "idx_audit_logs_tenant_id" ON "audit_logs" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_audit_logs_user_id" ON "audit_logs" ("user_id")"#,
                #"""
                CREATE TABLE "system_events" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "event_type" varchar(100) NOT NULL,
                  "event_category" varchar(50) NOT NULL,
                  "event_data" jsonb NOT NULL,
                  "affected_resource_type" varchar(50),
                  "affected_resource_id" uuid,
                  "user_id" uuid,
                  "ip_address" inet,
                  "user_agent" text,
                  "severity" varchar(20) NOT NULL DEFAULT 'info',
                  "status" varchar(50) NOT NULL DEFAULT 'completed',
                  "timestamp" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("event_type", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_system_events_event_category_value" CHECK ("event_category" IN ('system', 'user_action', 'error', 'performance')),
                  CONSTRAINT "ck_system_events_severity_value" CHECK ("severity" IN ('debug', 'info', 'warning', 'error', 'critical')),
                  CONSTRAINT "ck_system_events_status_value" CHECK ("status" IN ('pending', 'completed', 'failed')),
                  CONSTRAINT "fk_system_events_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_system_events_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE SET NULL
                )
                """#,
                #"CREATE INDEX "idx_system_events_type" ON "system_events" ("event_type")"#,
                #"CREATE INDEX "idx_system_events_category" ON "system_events" ("event_category")"#,
                #"CREATE INDEX "idx_system_events_timestamp" ON "system_events" ("timestamp")"#,
                #"CREATE INDEX "idx_system_events_severity" ON "system_events" ("severity")"#,
                #"CREATE INDEX "idx_system_events_resource" ON "system_events" ("affected_resource_type", "affected_resource_id")"#,
                #"CREATE INDEX "idx_system_events_tenant_id" ON "system_events" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_system_events_user_id" ON "system_events" ("user_id")"#,
                #"CREATE INDEX "idx_system_events_search" ON "system_events" USING gin ("search_vector")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "system_events" CASCADE"#,
                #"DROP TABLE IF EXISTS "audit_logs" CASCADE"#,
                #"DROP TABLE IF EXISTS "system_settings" CASCADE"#,
            ]))
}
