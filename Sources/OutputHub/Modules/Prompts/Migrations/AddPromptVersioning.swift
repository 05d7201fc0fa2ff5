// AddPromptVersioning: new column prompts.change_summary, new column prompts.config, new column
// prompt_versions.approval_comment, new column prompt_versions.approval_status, new column
// prompt_versions.approved_at, new column prompt_versions.approved_by, new column prompt_versions.config, new
// column prompt_versions.last_used_at, new index idx_prompt_versions_approved_by, new table prompt_labels, new
// column agents.change_summary, new column agent_versions.approval_comment, new column
// agent_versions.approval_status, new column agent_versions.approved_at, new column agent_versions.approved_by,
// new index idx_agent_versions_approved_by.
// Written by hand on top of what make-migration planned: every prompt and agent without a version gets its
// version 1 from its row (author, time and approval included), and points at it. Its down keeps those rows
// (they are the history the rows always implied).
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension PromptsMigrations {
    static let addPromptVersioning = FrozenMigration(
        name: "AddPromptVersioning", sequence: 17,
        sqlite: .init(
            up: [
                #"ALTER TABLE "prompts" ADD COLUMN "change_summary" TEXT"#,
                #"ALTER TABLE "prompts" ADD COLUMN "config" TEXT CONSTRAINT "ck_prompts_config_type" CHECK (json_valid("config"))"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "approval_comment" TEXT"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "approval_status" TEXT CONSTRAINT "ck_prompt_versions_approval_status_type" CHECK (length("approval_status") <= 20) NOT NULL DEFAULT 'pending' CONSTRAINT "ck_prompt_versions_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected'))"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "approved_at" TEXT CONSTRAINT "ck_prompt_versions_approved_at_type" CHECK ("approved_at" IS NULL OR julianday("approved_at") IS NOT NULL)"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "approved_by" TEXT CONSTRAINT "ck_prompt_versions_approved_by_type" CHECK (length("approved_by") = 36) CONSTRAINT "fk_prompt_versions_approved_by" REFERENCES "users" ("id") ON DELETE NO ACTION"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "config" TEXT CONSTRAINT "ck_prompt_versions_config_type" CHECK (json_valid("config"))"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "last_used_at" TEXT CONSTRAINT "ck_prompt_versions_last_used_at_type" CHECK ("last_used_at" IS NULL OR julianday("last_used_at") IS NOT NULL)"#,
                #"CREATE INDEX "idx_prompt_versions_approved_by" ON "prompt_versions" ("approved_by")"#,
                #"""
                CREATE TABLE "prompt_labels" (
                  "id" TEXT CONSTRAINT "ck_prompt_labels_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_prompt_labels_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL CONSTRAINT "fk_prompt_labels_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "prompt_id" TEXT CONSTRAINT "ck_prompt_labels_prompt_id_type" CHECK (length("prompt_id") = 36) NOT NULL CONSTRAINT "fk_prompt_labels_prompt_id" REFERENCES "prompts" ("id") ON DELETE CASCADE,
                  "name" TEXT CONSTRAINT "ck_prompt_labels_name_type" CHECK (length("name") <= 50) NOT NULL,
                  "version_id" TEXT CONSTRAINT "ck_prompt_labels_version_id_type" CHECK (length("version_id") = 36) NOT NULL CONSTRAINT "fk_prompt_labels_version_id" REFERENCES "prompt_versions" ("id") ON DELETE CASCADE,
                  "moved_by" TEXT CONSTRAINT "ck_prompt_labels_moved_by_type" CHECK (length("moved_by") = 36) CONSTRAINT "fk_prompt_labels_moved_by" REFERENCES "users" ("id") ON DELETE NO ACTION,
                  "moved_at" TEXT CONSTRAINT "ck_prompt_labels_moved_at_type" CHECK ("moved_at" IS NULL OR julianday("moved_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_prompt_label" UNIQUE ("prompt_id", "name")
                ) STRICT
                """#,
                #"CREATE INDEX "idx_prompt_labels_tenant_id" ON "prompt_labels" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_prompt_labels_version_id" ON "prompt_labels" ("version_id")"#,
                #"CREATE INDEX "idx_prompt_labels_moved_by" ON "prompt_labels" ("moved_by")"#,
                #"ALTER TABLE "agents" ADD COLUMN "change_summary" TEXT"#,
                #"ALTER TABLE "agent_versions" ADD COLUMN "approval_comment" TEXT"#,
                #"ALTER TABLE "agent_versions" ADD COLUMN "approval_status" TEXT CONSTRAINT "ck_agent_versions_approval_status_type" CHECK (length("approval_status") <= 20) NOT NULL DEFAULT 'pending' CONSTRAINT "ck_agent_versions_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected'))"#,
                #"ALTER TABLE "agent_versions" ADD COLUMN "approved_at" TEXT CONSTRAINT "ck_agent_versions_approved_at_type" CHECK ("approved_at" IS NULL OR julianday("approved_at") IS NOT NULL)"#,
                #"ALTER TABLE "agent_versions" ADD COLUMN "approved_by" TEXT CONSTRAINT "ck_agent_versions_approved_by_type" CHECK (length("approved_by") = 36) CONSTRAINT "fk_agent_versions_approved_by" REFERENCES "users" ("id") ON DELETE NO ACTION"#,
                #"CREATE INDEX "idx_agent_versions_approved_by" ON "agent_versions" ("approved_by")"#,
                #"""
                INSERT INTO "prompt_versions" ("tenant_id", "prompt_id", "version", "is_current", "content", "variables", "role", "changed_by", "changed_at", "approval_status", "approved_by", "approved_at")
                SELECT p."tenant_id", p."id", '1', 1, p."content", p."variables", p."role", p."created_by", p."updated_at", p."approval_status", p."approved_by", p."approved_at"
                FROM "prompts" p WHERE NOT EXISTS (SELECT 1 FROM "prompt_versions" v WHERE v."prompt_id" = p."id")
                """#,
                #"""
                INSERT INTO "agent_versions" ("tenant_id", "agent_id", "version", "is_current", "system_prompt", "model_configuration_id", "config", "changed_by", "changed_at", "approval_status", "approved_by", "approved_at")
                SELECT a."tenant_id", a."id", '1', 1, a."system_prompt", a."model_configuration_id", a."config", a."created_by", a."updated_at", a."approval_status", a."approved_by", a."approved_at"
                FROM "agents" a WHERE NOT EXISTS (SELECT 1 FROM "agent_versions" v WHERE v."agent_id" = a."id")
                """#,
                #"UPDATE "prompts" SET "current_version" = '1' WHERE "id" IN (SELECT "prompt_id" FROM "prompt_versions" GROUP BY "prompt_id" HAVING COUNT(*) = 1 AND MAX("version") = '1')"#,
                #"UPDATE "agents" SET "current_version" = '1' WHERE "id" IN (SELECT "agent_id" FROM "agent_versions" GROUP BY "agent_id" HAVING COUNT(*) = 1 AND MAX("version") = '1')"#,
            ],
            down: [
                #"DROP INDEX IF EXISTS "idx_agent_versions_approved_by""#,
                #"ALTER TABLE "agent_versions" DROP COLUMN "approved_by""#,
                #"ALTER TABLE "agent_versions" DROP COLUMN "approved_at""#,
                #"ALTER TABLE "agent_versions" DROP COLUMN "approval_status""#,
                #"ALTER TABLE "agent_versions" DROP COLUMN "approval_comment""#,
                #"ALTER TABLE "agents" DROP COLUMN "change_summary""#,
                #"DROP TABLE IF EXISTS "prompt_labels""#,
                #"DROP INDEX IF EXISTS "idx_prompt_versions_approved_by""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "last_used_at""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "config""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "approved_by""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "approved_at""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "approval_status""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "approval_comment""#,
                #"ALTER TABLE "prompts" DROP COLUMN "config""#,
                #"ALTER TABLE "prompts" DROP COLUMN "change_summary""#,
            ]),
        postgres: .init(
            up: [
                #"ALTER TABLE "prompts" ADD COLUMN "change_summary" text"#,
                #"ALTER TABLE "prompts" ADD COLUMN "config" jsonb"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "approval_comment" text"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "approval_status" varchar(20) NOT NULL DEFAULT 'pending' CONSTRAINT "ck_prompt_versions_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected'))"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "approved_at" timestamptz(3)"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "approved_by" uuid CONSTRAINT "fk_prompt_versions_approved_by" REFERENCES "users" ("id") ON DELETE NO ACTION"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "config" jsonb"#,
                #"ALTER TABLE "prompt_versions" ADD COLUMN "last_used_at" timestamptz(3)"#,
                #"CREATE INDEX "idx_prompt_versions_approved_by" ON "prompt_versions" ("approved_by")"#,
                #"""
                CREATE TABLE "prompt_labels" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL CONSTRAINT "fk_prompt_labels_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "prompt_id" uuid NOT NULL CONSTRAINT "fk_prompt_labels_prompt_id" REFERENCES "prompts" ("id") ON DELETE CASCADE,
                  "name" varchar(50) NOT NULL,
                  "version_id" uuid NOT NULL CONSTRAINT "fk_prompt_labels_version_id" REFERENCES "prompt_versions" ("id") ON DELETE CASCADE,
                  "moved_by" uuid CONSTRAINT "fk_prompt_labels_moved_by" REFERENCES "users" ("id") ON DELETE NO ACTION,
                  "moved_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_prompt_label" UNIQUE ("prompt_id", "name")
                )
                """#,
                #"CREATE INDEX "idx_prompt_labels_tenant_id" ON "prompt_labels" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_prompt_labels_version_id" ON "prompt_labels" ("version_id")"#,
                #"CREATE INDEX "idx_prompt_labels_moved_by" ON "prompt_labels" ("moved_by")"#,
                #"ALTER TABLE "agents" ADD COLUMN "change_summary" text"#,
                #"ALTER TABLE "agent_versions" ADD COLUMN "approval_comment" text"#,
                #"ALTER TABLE "agent_versions" ADD COLUMN "approval_status" varchar(20) NOT NULL DEFAULT 'pending' CONSTRAINT "ck_agent_versions_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected'))"#,
                #"ALTER TABLE "agent_versions" ADD COLUMN "approved_at" timestamptz(3)"#,
                #"ALTER TABLE "agent_versions" ADD COLUMN "approved_by" uuid CONSTRAINT "fk_agent_versions_approved_by" REFERENCES "users" ("id") ON DELETE NO ACTION"#,
                #"CREATE INDEX "idx_agent_versions_approved_by" ON "agent_versions" ("approved_by")"#,
                #"""
                INSERT INTO "prompt_versions" ("tenant_id", "prompt_id", "version", "is_current", "content", "variables", "role", "changed_by", "changed_at", "approval_status", "approved_by", "approved_at")
                SELECT p."tenant_id", p."id", '1', true, p."content", p."variables", p."role", p."created_by", p."updated_at", p."approval_status", p."approved_by", p."approved_at"
                FROM "prompts" p WHERE NOT EXISTS (SELECT 1 FROM "prompt_versions" v WHERE v."prompt_id" = p."id")
                """#,
                #"""
                INSERT INTO "agent_versions" ("tenant_id", "agent_id", "version", "is_current", "system_prompt", "model_configuration_id", "config", "changed_by", "changed_at", "approval_status", "approved_by", "approved_at")
                SELECT a."tenant_id", a."id", '1', true, a."system_prompt", a."model_configuration_id", a."config", a."created_by", a."updated_at", a."approval_status", a."approved_by", a."approved_at"
                FROM "agents" a WHERE NOT EXISTS (SELECT 1 FROM "agent_versions" v WHERE v."agent_id" = a."id")
                """#,
                #"UPDATE "prompts" SET "current_version" = '1' WHERE "id" IN (SELECT "prompt_id" FROM "prompt_versions" GROUP BY "prompt_id" HAVING COUNT(*) = 1 AND MAX("version") = '1')"#,
                #"UPDATE "agents" SET "current_version" = '1' WHERE "id" IN (SELECT "agent_id" FROM "agent_versions" GROUP BY "agent_id" HAVING COUNT(*) = 1 AND MAX("version") = '1')"#,
            ],
            down: [
                #"DROP INDEX IF EXISTS "idx_agent_versions_approved_by""#,
                #"ALTER TABLE "agent_versions" DROP COLUMN "approved_by""#,
                #"ALTER TABLE "agent_versions" DROP COLUMN "approved_at""#,
                #"ALTER TABLE "agent_versions" DROP COLUMN "approval_status""#,
                #"ALTER TABLE "agent_versions" DROP COLUMN "approval_comment""#,
                #"ALTER TABLE "agents" DROP COLUMN "change_summary""#,
                #"DROP TABLE IF EXISTS "prompt_labels" CASCADE"#,
                #"DROP INDEX IF EXISTS "idx_prompt_versions_approved_by""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "last_used_at""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "config""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "approved_by""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "approved_at""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "approval_status""#,
                #"ALTER TABLE "prompt_versions" DROP COLUMN "approval_comment""#,
                #"ALTER TABLE "prompts" DROP COLUMN "config""#,
                #"ALTER TABLE "prompts" DROP COLUMN "change_summary""#,
            ]))
}
