// CreateOrganisingTables: Categories, tags, sensitivity levels and retention plans (seed 004). First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension OutputsMigrations {
    static let createOrganisingTables = FrozenMigration(
        name: "CreateOrganisingTables", sequence: 5,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "categories" (
                  "id" TEXT CONSTRAINT "ck_categories_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_categories_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_categories_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "slug" TEXT CONSTRAINT "ck_categories_slug_type" CHECK (length("slug") <= 100) NOT NULL,
                  "description" TEXT,
                  "color" TEXT CONSTRAINT "ck_categories_color_type" CHECK (length("color") <= 7),
                  "display_order" INTEGER CONSTRAINT "ck_categories_display_order_type" CHECK ("display_order" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "created_at" TEXT CONSTRAINT "ck_categories_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_categories_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_category_slug" UNIQUE ("tenant_id", "slug"),
                  CONSTRAINT "fk_categories_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_categories_tenant_id" ON "categories" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "categories_fts" USING fts5("name", "description", content='categories', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_categories_fts_insert" AFTER INSERT ON "categories" BEGIN INSERT INTO "categories_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_categories_fts_delete" AFTER DELETE ON "categories" BEGIN INSERT INTO "categories_fts" ("categories_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_categories_fts_update" AFTER UPDATE OF "name", "description" ON "categories" BEGIN
                  INSERT INTO "categories_fts" ("categories_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "categories_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_categories_updated_at" AFTER UPDATE ON "categories" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "categories" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "tags" (
                  "id" TEXT CONSTRAINT "ck_tags_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_tags_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_tags_name_type" CHECK (length("name") <= 100) NOT NULL,
                  "color" TEXT CONSTRAINT "ck_tags_color_type" CHECK (length("color") <= 7),
                  "description" TEXT,
                  "created_at" TEXT CONSTRAINT "ck_tags_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_tags_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_tag_name" UNIQUE ("tenant_id", "name"),
                  CONSTRAINT "fk_tags_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_tags_tenant_id" ON "tags" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "tags_fts" USING fts5("name", content='tags', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_tags_fts_insert" AFTER INSERT ON "tags" BEGIN INSERT INTO "tags_fts" (rowid, "name") VALUES (NEW.rowid, NEW."name"); END"#,
                #"CREATE TRIGGER "trg_tags_fts_delete" AFTER DELETE ON "tags" BEGIN INSERT INTO "tags_fts" ("tags_fts", rowid, "name") VALUES ('delete', OLD.rowid, OLD."name"); END"#,
                #"""
                CREATE TRIGGER "trg_tags_fts_update" AFTER UPDATE OF "name" ON "tags" BEGIN
                  INSERT INTO "tags_fts" ("tags_fts", rowid, "name") VALUES ('delete', OLD.rowid, OLD."name");
                  INSERT INTO "tags_fts" (rowid, "name") VALUES (NEW.rowid, NEW."name");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_tags_updated_at" AFTER UPDATE ON "tags" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "tags" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "sensitivity_levels" (
                  "id" TEXT CONSTRAINT "ck_sensitivity_levels_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_sensitivity_levels_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_sensitivity_levels_name_type" CHECK (length("name") <= 100) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_sensitivity_levels_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "level" INTEGER CONSTRAINT "ck_sensitivity_levels_level_type" CHECK ("level" BETWEEN -2147483648 AND 2147483647) NOT NULL,
                  "description" TEXT,
                  "created_at" TEXT CONSTRAINT "ck_sensitivity_levels_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_sensitivity_levels_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_sensitivity_levels_level_range" CHECK ("level" BETWEEN 0 AND 100),
                  CONSTRAINT "unique_sensitivity_code" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_sensitivity_levels_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_sensitivity_levels_tenant_id" ON "sensitivity_levels" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "sensitivity_levels_fts" USING fts5("name", content='sensitivity_levels', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_sensitivity_levels_fts_insert" AFTER INSERT ON "sensitivity_levels" BEGIN INSERT INTO "sensitivity_levels_fts" (rowid, "name") VALUES (NEW.rowid, NEW."name"); END"#,
                #"CREATE TRIGGER "trg_sensitivity_levels_fts_delete" AFTER DELETE ON "sensitivity_levels" BEGIN INSERT INTO "sensitivity_levels_fts" ("sensitivity_levels_fts", rowid, "name") VALUES ('delete', OLD.rowid, OLD."name"); END"#,
                #"""
                CREATE TRIGGER "trg_sensitivity_levels_fts_update" AFTER UPDATE OF "name" ON "sensitivity_levels" BEGIN
                  INSERT INTO "sensitivity_levels_fts" ("sensitivity_levels_fts", rowid, "name") VALUES ('delete', OLD.rowid, OLD."name");
                  INSERT INTO "sensitivity_levels_fts" (rowid, "name") VALUES (NEW.rowid, NEW."name");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_sensitivity_levels_updated_at" AFTER UPDATE ON "sensitivity_levels" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "sensitivity_levels" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "retention_plans" (
                  "id" TEXT CONSTRAINT "ck_retention_plans_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_retention_plans_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_retention_plans_name_type" CHECK (length("name") <= 100) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_retention_plans_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "retention_days" INTEGER CONSTRAINT "ck_retention_plans_retention_days_type" CHECK ("retention_days" BETWEEN -2147483648 AND 2147483647),
                  "expiry_action" TEXT CONSTRAINT "ck_retention_plans_expiry_action_type" CHECK (length("expiry_action") <= 20) NOT NULL DEFAULT 'archive',
                  "description" TEXT,
                  "created_at" TEXT CONSTRAINT "ck_retention_plans_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_retention_plans_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_retention_plans_retention_days_range" CHECK ("retention_days" BETWEEN 0 AND 36500),
                  CONSTRAINT "ck_retention_plans_expiry_action_value" CHECK ("expiry_action" IN ('delete', 'archive', 'anonymize')),
                  CONSTRAINT "unique_retention_code" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_retention_plans_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_retention_plans_tenant_id" ON "retention_plans" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "retention_plans_fts" USING fts5("name", content='retention_plans', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_retention_plans_fts_insert" AFTER INSERT ON "retention_plans" BEGIN INSERT INTO "retention_plans_fts" (rowid, "name") VALUES (NEW.rowid, NEW."name"); END"#,
                #"CREATE TRIGGER "trg_retention_plans_fts_delete" AFTER DELETE ON "retention_plans" BEGIN INSERT INTO "retention_plans_fts" ("retention_plans_fts", rowid, "name") VALUES ('delete', OLD.rowid, OLD."name"); END"#,
                #"""
                CREATE TRIGGER "trg_retention_plans_fts_update" AFTER UPDATE OF "name" ON "retention_plans" BEGIN
                  INSERT INTO "retention_plans_fts" ("retention_plans_fts", rowid, "name") VALUES ('delete', OLD.rowid, OLD."name");
                  INSERT INTO "retention_plans_fts" (rowid, "name") VALUES (NEW.rowid, NEW."name");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_retention_plans_updated_at" AFTER UPDATE ON "retention_plans" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "retention_plans" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "retention_plans_fts""#,
                #"DROP TABLE IF EXISTS "retention_plans""#,
                #"DROP TABLE IF EXISTS "sensitivity_levels_fts""#,
                #"DROP TABLE IF EXISTS "sensitivity_levels""#,
                #"DROP TABLE IF EXISTS "tags_fts""#,
                #"DROP TABLE IF EXISTS "tags""#,
                #"DROP TABLE IF EXISTS "categories_fts""#,
                #"DROP TABLE IF EXISTS "categories""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "categories" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "slug" varchar(100) NOT NULL,
                  "description" text,
                  "color" varchar(7),
                  "display_order" integer NOT NULL DEFAULT 0,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_category_slug" UNIQUE ("tenant_id", "slug"),
                  CONSTRAINT "fk_categories_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_categories_tenant_id" ON "categories" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_categories_search" ON "categories" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_categories_updated_at" BEFORE UPDATE ON "categories" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "tags" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(100) NOT NULL,
                  "color" varchar(7),
                  "description" text,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_tag_name" UNIQUE ("tenant_id", "name"),
                  CONSTRAINT "fk_tags_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_tags_tenant_id" ON "tags" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_tags_search" ON "tags" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_tags_updated_at" BEFORE UPDATE ON "tags" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "sensitivity_levels" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(100) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "level" integer NOT NULL,
                  "description" text,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_sensitivity_levels_level_range" CHECK ("level" BETWEEN 0 AND 100),
                  CONSTRAINT "unique_sensitivity_code" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_sensitivity_levels_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_sensitivity_levels_tenant_id" ON "sensitivity_levels" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_sensitivity_levels_search" ON "sensitivity_levels" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_sensitivity_levels_updated_at" BEFORE UPDATE ON "sensitivity_levels" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "retention_plans" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(100) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "retention_days" integer,
                  "expiry_action" varchar(20) NOT NULL DEFAULT 'archive',
                  "description" text,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_retention_plans_retention_days_range" CHECK ("retention_days" BETWEEN 0 AND 36500),
                  CONSTRAINT "ck_retention_plans_expiry_action_value" CHECK ("expiry_action" IN ('delete', 'archive', 'anonymize')),
                  CONSTRAINT "unique_retention_code" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_retention_plans_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_retention_plans_tenant_id" ON "retention_plans" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_retention_plans_search" ON "retention_plans" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_retention_plans_updated_at" BEFORE UPDATE ON "retention_plans" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "retention_plans" CASCADE"#,
                #"DROP TABLE IF EXISTS "sensitivity_levels" CASCADE"#,
                #"DROP TABLE IF EXISTS "tags" CASCADE"#,
                #"DROP TABLE IF EXISTS "categories" CASCADE"#,
            ]))
}
