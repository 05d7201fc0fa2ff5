// CreatePromptLibraryTables: Skills, jobs to be done, solutions, workflows, prompts, agents, their versions and
// suites (seeds 000, 001). First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension PromptsMigrations {
    static let createPromptLibraryTables = FrozenMigration(
        name: "CreatePromptLibraryTables", sequence: 6,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "skill_categories" (
                  "id" TEXT CONSTRAINT "ck_skill_categories_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "name" TEXT CONSTRAINT "ck_skill_categories_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_skill_categories_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "description" TEXT,
                  "parent_category_id" TEXT CONSTRAINT "ck_skill_categories_parent_category_id_type" CHECK (length("parent_category_id") = 36),
                  "hierarchy_path" TEXT,
                  "category_type" TEXT CONSTRAINT "ck_skill_categories_category_type_type" CHECK (length("category_type") <= 100),
                  "icon" TEXT CONSTRAINT "ck_skill_categories_icon_type" CHECK (length("icon") <= 50),
                  "color" TEXT CONSTRAINT "ck_skill_categories_color_type" CHECK (length("color") <= 7),
                  "is_active" INTEGER CONSTRAINT "ck_skill_categories_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "created_at" TEXT CONSTRAINT "ck_skill_categories_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_skill_categories_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_skill_categories_name" UNIQUE ("name"),
                  CONSTRAINT "uq_skill_categories_code" UNIQUE ("code"),
                  CONSTRAINT "fk_skill_categories_parent_category_id" FOREIGN KEY ("parent_category_id") REFERENCES "skill_categories" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_skill_categories_parent_category_id" ON "skill_categories" ("parent_category_id")"#,
                #"CREATE INDEX "idx_skill_categories_hierarchy_path" ON "skill_categories" ("hierarchy_path")"#,
                #"CREATE VIRTUAL TABLE "skill_categories_fts" USING fts5("name", "description", content='skill_categories', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_skill_categories_fts_insert" AFTER INSERT ON "skill_categories" BEGIN INSERT INTO "skill_categories_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_skill_categories_fts_delete" AFTER DELETE ON "skill_categories" BEGIN INSERT INTO "skill_categories_fts" ("skill_categories_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_skill_categories_fts_update" AFTER UPDATE OF "name", "description" ON "skill_categories" BEGIN
                  INSERT INTO "skill_categories_fts" ("skill_categories_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "skill_categories_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_skill_categories_updated_at" AFTER UPDATE ON "skill_categories" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "skill_categories" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TRIGGER "trg_skill_categories_hierarchy_insert" AFTER INSERT ON "skill_categories" FOR EACH ROW BEGIN
                  UPDATE "skill_categories" SET "hierarchy_path" = COALESCE((SELECT p."hierarchy_path" FROM "skill_categories" p WHERE p.id = NEW."parent_category_id"), '/') || NEW.id || '/' WHERE id = NEW.id;
                END
                """#,
                #"""
                CREATE TRIGGER "trg_skill_categories_hierarchy_acyclic" BEFORE UPDATE OF "parent_category_id" ON "skill_categories" FOR EACH ROW
                WHEN NEW."parent_category_id" IS NOT NULL AND (NEW."parent_category_id" = NEW.id
                  OR instr((SELECT p."hierarchy_path" FROM "skill_categories" p WHERE p.id = NEW."parent_category_id"), '/' || NEW.id || '/') > 0)
                BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ck_skill_categories_parent_category_id_acyclic'); END
                """#,
                #"""
                CREATE TRIGGER "trg_skill_categories_hierarchy_move" AFTER UPDATE OF "parent_category_id" ON "skill_categories" FOR EACH ROW
                WHEN NEW."parent_category_id" IS NOT OLD."parent_category_id"
                BEGIN
                  UPDATE "skill_categories" SET "hierarchy_path" = COALESCE((SELECT p."hierarchy_path" FROM "skill_categories" p WHERE p.id = NEW."parent_category_id"), '/') || NEW.id || '/' || substr("hierarchy_path", length(OLD."hierarchy_path") + 1)
                    WHERE "hierarchy_path" >= OLD."hierarchy_path" AND "hierarchy_path" < OLD."hierarchy_path" || '~';
                END
                """#,
                #"""
                CREATE TABLE "skills" (
                  "id" TEXT CONSTRAINT "ck_skills_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_skills_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_skills_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_skills_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "description" TEXT,
                  "category_id" TEXT CONSTRAINT "ck_skills_category_id_type" CHECK (length("category_id") = 36),
                  "skill_type" TEXT CONSTRAINT "ck_skills_skill_type_type" CHECK (length("skill_type") <= 100),
                  "proficiency_levels" TEXT CONSTRAINT "ck_skills_proficiency_levels_type" CHECK (json_valid("proficiency_levels")),
                  "parent_skill_id" TEXT CONSTRAINT "ck_skills_parent_skill_id_type" CHECK (length("parent_skill_id") = 36),
                  "hierarchy_path" TEXT,
                  "is_active" INTEGER CONSTRAINT "ck_skills_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "created_at" TEXT CONSTRAINT "ck_skills_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_skills_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_skills_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_skill_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_skills_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_skills_category_id" FOREIGN KEY ("category_id") REFERENCES "skill_categories" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_skills_parent_skill_id" FOREIGN KEY ("parent_skill_id") REFERENCES "skills" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_skills_tenant_id" ON "skills" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_skills_category_id" ON "skills" ("category_id")"#,
                #"CREATE INDEX "idx_skills_parent_skill_id" ON "skills" ("parent_skill_id")"#,
                #"CREATE INDEX "idx_skills_hierarchy_path" ON "skills" ("hierarchy_path")"#,
                #"CREATE VIRTUAL TABLE "skills_fts" USING fts5("name", "description", content='skills', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_skills_fts_insert" AFTER INSERT ON "skills" BEGIN INSERT INTO "skills_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_skills_fts_delete" AFTER DELETE ON "skills" BEGIN INSERT INTO "skills_fts" ("skills_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_skills_fts_update" AFTER UPDATE OF "name", "description" ON "skills" BEGIN
                  INSERT INTO "skills_fts" ("skills_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "skills_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_skills_updated_at" AFTER UPDATE ON "skills" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "skills" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TRIGGER "trg_skills_hierarchy_insert" AFTER INSERT ON "skills" FOR EACH ROW BEGIN
                  UPDATE "skills" SET "hierarchy_path" = COALESCE((SELECT p."hierarchy_path" FROM "skills" p WHERE p.id = NEW."parent_skill_id"), '/') || NEW.id || '/' WHERE id = NEW.id;
                END
                """#,
                #"""
                CREATE TRIGGER "trg_skills_hierarchy_acyclic" BEFORE UPDATE OF "parent_skill_id" ON "skills" FOR EACH ROW
                WHEN NEW."parent_skill_id" IS NOT NULL AND (NEW."parent_skill_id" = NEW.id
                  OR instr((SELECT p."hierarchy_path" FROM "skills" p WHERE p.id = NEW."parent_skill_id"), '/' || NEW.id || '/') > 0)
                BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ck_skills_parent_skill_id_acyclic'); END
                """#,
                #"""
                CREATE TRIGGER "trg_skills_hierarchy_move" AFTER UPDATE OF "parent_skill_id" ON "skills" FOR EACH ROW
                WHEN NEW."parent_skill_id" IS NOT OLD."parent_skill_id"
                BEGIN
                  UPDATE "skills" SET "hierarchy_path" = COALESCE((SELECT p."hierarchy_path" FROM "skills" p WHERE p.id = NEW."parent_skill_id"), '/') || NEW.id || '/' || substr("hierarchy_path", length(OLD."hierarchy_path") + 1)
                    WHERE "hierarchy_path" >= OLD."hierarchy_path" AND "hierarchy_path" < OLD."hierarchy_path" || '~';
                END
                """#,
                #"""
                CREATE TABLE "jobs_to_be_done" (
                  "id" TEXT CONSTRAINT "ck_jobs_to_be_done_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_jobs_to_be_done_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_jobs_to_be_done_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "title" TEXT CONSTRAINT "ck_jobs_to_be_done_title_type" CHECK (length("title") <= 255) NOT NULL,
                  "description" TEXT,
                  "persona" TEXT CONSTRAINT "ck_jobs_to_be_done_persona_type" CHECK (length("persona") <= 100),
                  "industry" TEXT CONSTRAINT "ck_jobs_to_be_done_industry_type" CHECK (length("industry") <= 100),
                  "is_active" INTEGER CONSTRAINT "ck_jobs_to_be_done_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "created_at" TEXT CONSTRAINT "ck_jobs_to_be_done_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_jobs_to_be_done_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_jobs_to_be_done_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_jtbd_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_jobs_to_be_done_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_jobs_to_be_done_tenant_id" ON "jobs_to_be_done" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE VIRTUAL TABLE "jobs_to_be_done_fts" USING fts5("title", "description", content='jobs_to_be_done', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_jobs_to_be_done_fts_insert" AFTER INSERT ON "jobs_to_be_done" BEGIN INSERT INTO "jobs_to_be_done_fts" (rowid, "title", "description") VALUES (NEW.rowid, NEW."title", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_jobs_to_be_done_fts_delete" AFTER DELETE ON "jobs_to_be_done" BEGIN INSERT INTO "jobs_to_be_done_fts" ("jobs_to_be_done_fts", rowid, "title", "description") VALUES ('delete', OLD.rowid, OLD."title", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_jobs_to_be_done_fts_update" AFTER UPDATE OF "title", "description" ON "jobs_to_be_done" BEGIN
                  INSERT INTO "jobs_to_be_done_fts" ("jobs_to_be_done_fts", rowid, "title", "description") VALUES ('delete', OLD.rowid, OLD."title", OLD."description");
                  INSERT INTO "jobs_to_be_done_fts" (rowid, "title", "description") VALUES (NEW.rowid, NEW."title", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_jobs_to_be_done_updated_at" AFTER UPDATE ON "jobs_to_be_done" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "jobs_to_be_done" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "solutions" (
                  "id" TEXT CONSTRAINT "ck_solutions_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_solutions_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_solutions_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_solutions_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "description" TEXT,
                  "is_active" INTEGER CONSTRAINT "ck_solutions_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "created_by" TEXT CONSTRAINT "ck_solutions_created_by_type" CHECK (length("created_by") = 36),
                  "created_at" TEXT CONSTRAINT "ck_solutions_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_solutions_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_solutions_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_solution_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_solutions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_solutions_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_solutions_tenant_id" ON "solutions" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_solutions_created_by" ON "solutions" ("created_by")"#,
                #"CREATE VIRTUAL TABLE "solutions_fts" USING fts5("name", "description", content='solutions', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_solutions_fts_insert" AFTER INSERT ON "solutions" BEGIN INSERT INTO "solutions_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_solutions_fts_delete" AFTER DELETE ON "solutions" BEGIN INSERT INTO "solutions_fts" ("solutions_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_solutions_fts_update" AFTER UPDATE OF "name", "description" ON "solutions" BEGIN
                  INSERT INTO "solutions_fts" ("solutions_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "solutions_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_solutions_updated_at" AFTER UPDATE ON "solutions" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "solutions" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "workflows" (
                  "id" TEXT CONSTRAINT "ck_workflows_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_workflows_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_workflows_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_workflows_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "description" TEXT,
                  "definition" TEXT CONSTRAINT "ck_workflows_definition_type" CHECK (json_valid("definition")),
                  "is_active" INTEGER CONSTRAINT "ck_workflows_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "created_by" TEXT CONSTRAINT "ck_workflows_created_by_type" CHECK (length("created_by") = 36),
                  "created_at" TEXT CONSTRAINT "ck_workflows_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_workflows_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_workflows_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_workflow_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_workflows_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_workflows_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_workflows_tenant_id" ON "workflows" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_workflows_created_by" ON "workflows" ("created_by")"#,
                #"CREATE VIRTUAL TABLE "workflows_fts" USING fts5("name", "description", content='workflows', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_workflows_fts_insert" AFTER INSERT ON "workflows" BEGIN INSERT INTO "workflows_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_workflows_fts_delete" AFTER DELETE ON "workflows" BEGIN INSERT INTO "workflows_fts" ("workflows_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_workflows_fts_update" AFTER UPDATE OF "name", "description" ON "workflows" BEGIN
                  INSERT INTO "workflows_fts" ("workflows_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "workflows_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_workflows_updated_at" AFTER UPDATE ON "workflows" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "workflows" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "prompts" (
                  "id" TEXT CONSTRAINT "ck_prompts_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_prompts_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_prompts_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_prompts_code_type" CHECK (length("code") <= 50),
                  "description" TEXT,
                  "content" TEXT NOT NULL,
                  "role" TEXT CONSTRAINT "ck_prompts_role_type" CHECK (length("role") <= 20) NOT NULL DEFAULT 'user',
                  "variables" TEXT CONSTRAINT "ck_prompts_variables_type" CHECK (json_valid("variables")),
                  "category_id" TEXT CONSTRAINT "ck_prompts_category_id_type" CHECK (length("category_id") = 36),
                  "sensitivity_level_id" TEXT CONSTRAINT "ck_prompts_sensitivity_level_id_type" CHECK (length("sensitivity_level_id") = 36),
                  "retention_plan_id" TEXT CONSTRAINT "ck_prompts_retention_plan_id_type" CHECK (length("retention_plan_id") = 36),
                  "current_version" TEXT CONSTRAINT "ck_prompts_current_version_type" CHECK (length("current_version") <= 50) NOT NULL DEFAULT '1.0.0',
                  "visibility" TEXT CONSTRAINT "ck_prompts_visibility_type" CHECK (length("visibility") <= 20) NOT NULL DEFAULT 'tenant',
                  "approval_status" TEXT CONSTRAINT "ck_prompts_approval_status_type" CHECK (length("approval_status") <= 20) NOT NULL DEFAULT 'pending',
                  "approved_by" TEXT CONSTRAINT "ck_prompts_approved_by_type" CHECK (length("approved_by") = 36),
                  "approved_at" TEXT CONSTRAINT "ck_prompts_approved_at_type" CHECK ("approved_at" IS NULL OR julianday("approved_at") IS NOT NULL),
                  "is_active" INTEGER CONSTRAINT "ck_prompts_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "usage_count" INTEGER CONSTRAINT "ck_prompts_usage_count_type" CHECK ("usage_count" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "last_used_at" TEXT CONSTRAINT "ck_prompts_last_used_at_type" CHECK ("last_used_at" IS NULL OR julianday("last_used_at") IS NOT NULL),
                  "created_by" TEXT CONSTRAINT "ck_prompts_created_by_type" CHECK (length("created_by") = 36),
                  "created_at" TEXT CONSTRAINT "ck_prompts_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_prompts_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_prompts_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_prompts_role_value" CHECK ("role" IN ('system', 'user', 'assistant', 'tool')),
                  CONSTRAINT "ck_prompts_visibility_value" CHECK ("visibility" IN ('private', 'tenant', 'public')),
                  CONSTRAINT "ck_prompts_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected')),
                  CONSTRAINT "fk_prompts_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompts_category_id" FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_prompts_sensitivity_level_id" FOREIGN KEY ("sensitivity_level_id") REFERENCES "sensitivity_levels" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_prompts_retention_plan_id" FOREIGN KEY ("retention_plan_id") REFERENCES "retention_plans" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_prompts_approved_by" FOREIGN KEY ("approved_by") REFERENCES "users" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_prompts_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE UNIQUE INDEX "unique_prompt_code_tenant" ON "prompts" ("tenant_id", "code") WHERE "code" IS NOT NULL"#,
                #"CREATE INDEX "idx_prompts_updated" ON "prompts" ("tenant_id", "updated_at" DESC)"#,
                #"CREATE INDEX "idx_prompts_tenant_id" ON "prompts" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_prompts_category_id" ON "prompts" ("category_id")"#,
                #"CREATE INDEX "idx_prompts_sensitivity_level_id" ON "prompts" ("sensitivity_level_id")"#,
                #"CREATE INDEX "idx_prompts_retention_plan_id" ON "prompts" ("retention_plan_id")"#,
                #"CREATE INDEX "idx_prompts_approved_by" ON "prompts" ("approved_by")"#,
                #"CREATE INDEX "idx_prompts_created_by" ON "prompts" ("created_by")"#,
                #"CREATE VIRTUAL TABLE "prompts_fts" USING fts5("name", "description", "content", content='prompts', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_prompts_fts_insert" AFTER INSERT ON "prompts" BEGIN INSERT INTO "prompts_fts" (rowid, "name", "description", "content") VALUES (NEW.rowid, NEW."name", NEW."description", NEW."content"); END"#,
                #"CREATE TRIGGER "trg_prompts_fts_delete" AFTER DELETE ON "prompts" BEGIN INSERT INTO "prompts_fts" ("prompts_fts", rowid, "name", "description", "content") VALUES ('delete', OLD.rowid, OLD."name", OLD."description", OLD."content"); END"#,
                #"""
                CREATE TRIGGER "trg_prompts_fts_update" AFTER UPDATE OF "name", "description", "content" ON "prompts" BEGIN
                  INSERT INTO "prompts_fts" ("prompts_fts", rowid, "name", "description", "content") VALUES ('delete', OLD.rowid, OLD."name", OLD."description", OLD."content");
                  INSERT INTO "prompts_fts" (rowid, "name", "description", "content") VALUES (NEW.rowid, NEW."name", NEW."description", NEW."content");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_prompts_updated_at" AFTER UPDATE ON "prompts" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "prompts" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "prompt_versions" (
                  "id" TEXT CONSTRAINT "ck_prompt_versions_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_prompt_versions_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "prompt_id" TEXT CONSTRAINT "ck_prompt_versions_prompt_id_type" CHECK (length("prompt_id") = 36) NOT NULL,
                  "version" TEXT CONSTRAINT "ck_prompt_versions_version_type" CHECK (length("version") <= 50) NOT NULL,
                  "is_current" INTEGER CONSTRAINT "ck_prompt_versions_is_current_type" CHECK ("is_current" IN (0, 1)) NOT NULL DEFAULT 0,
                  "content" TEXT NOT NULL,
                  "variables" TEXT CONSTRAINT "ck_prompt_versions_variables_type" CHECK (json_valid("variables")),
                  "role" TEXT CONSTRAINT "ck_prompt_versions_role_type" CHECK (length("role") <= 20) NOT NULL,
                  "change_summary" TEXT,
                  "changed_by" TEXT CONSTRAINT "ck_prompt_versions_changed_by_type" CHECK (length("changed_by") = 36),
                  "changed_at" TEXT CONSTRAINT "ck_prompt_versions_changed_at_type" CHECK ("changed_at" IS NULL OR julianday("changed_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "avg_effectiveness_score" REAL CONSTRAINT "ck_prompt_versions_avg_effectiveness_score_type" CHECK (abs("avg_effectiveness_score") < 10),
                  "usage_count" INTEGER CONSTRAINT "ck_prompt_versions_usage_count_type" CHECK ("usage_count" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_prompt_versions_role_value" CHECK ("role" IN ('system', 'user', 'assistant', 'tool')),
                  CONSTRAINT "unique_prompt_version" UNIQUE ("prompt_id", "version"),
                  CONSTRAINT "fk_prompt_versions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_versions_prompt_id" FOREIGN KEY ("prompt_id") REFERENCES "prompts" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_versions_changed_by" FOREIGN KEY ("changed_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_prompt_versions_tenant_id" ON "prompt_versions" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_prompt_versions_changed_by" ON "prompt_versions" ("changed_by")"#,
                #"CREATE VIRTUAL TABLE "prompt_versions_fts" USING fts5("content", content='prompt_versions', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_prompt_versions_fts_insert" AFTER INSERT ON "prompt_versions" BEGIN INSERT INTO "prompt_versions_fts" (rowid, "content") VALUES (NEW.rowid, NEW."content"); END"#,
                #"CREATE TRIGGER "trg_prompt_versions_fts_delete" AFTER DELETE ON "prompt_versions" BEGIN INSERT INTO "prompt_versions_fts" ("prompt_versions_fts", rowid, "content") VALUES ('delete', OLD.rowid, OLD."content"); END"#,
                #"""
                CREATE TRIGGER "trg_prompt_versions_fts_update" AFTER UPDATE OF "content" ON "prompt_versions" BEGIN
                  INSERT INTO "prompt_versions_fts" ("prompt_versions_fts", rowid, "content") VALUES ('delete', OLD.rowid, OLD."content");
                  INSERT INTO "prompt_versions_fts" (rowid, "content") VALUES (NEW.rowid, NEW."content");
                END
                """#,
                #"""
                CREATE TABLE "agents" (
                  "id" TEXT CONSTRAINT "ck_agents_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_agents_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_agents_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_agents_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "description" TEXT,
                  "system_prompt" TEXT,
                  "model_configuration_id" TEXT CONSTRAINT "ck_agents_model_configuration_id_type" CHECK (length("model_configuration_id") = 36),
                  "config" TEXT CONSTRAINT "ck_agents_config_type" CHECK (json_valid("config")),
                  "current_version" TEXT CONSTRAINT "ck_agents_current_version_type" CHECK (length("current_version") <= 50) NOT NULL DEFAULT '1.0.0',
                  "visibility" TEXT CONSTRAINT "ck_agents_visibility_type" CHECK (length("visibility") <= 20) NOT NULL DEFAULT 'tenant',
                  "approval_status" TEXT CONSTRAINT "ck_agents_approval_status_type" CHECK (length("approval_status") <= 20) NOT NULL DEFAULT 'pending',
                  "approved_by" TEXT CONSTRAINT "ck_agents_approved_by_type" CHECK (length("approved_by") = 36),
                  "approved_at" TEXT CONSTRAINT "ck_agents_approved_at_type" CHECK ("approved_at" IS NULL OR julianday("approved_at") IS NOT NULL),
                  "is_active" INTEGER CONSTRAINT "ck_agents_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "usage_count" INTEGER CONSTRAINT "ck_agents_usage_count_type" CHECK ("usage_count" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "created_by" TEXT CONSTRAINT "ck_agents_created_by_type" CHECK (length("created_by") = 36),
                  "created_at" TEXT CONSTRAINT "ck_agents_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_agents_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_agents_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_agents_visibility_value" CHECK ("visibility" IN ('private', 'tenant', 'public')),
                  CONSTRAINT "ck_agents_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected')),
                  CONSTRAINT "unique_agent_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_agents_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_agents_model_configuration_id" FOREIGN KEY ("model_configuration_id") REFERENCES "model_configurations" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_agents_approved_by" FOREIGN KEY ("approved_by") REFERENCES "users" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_agents_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_agents_tenant_id" ON "agents" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_agents_model_configuration_id" ON "agents" ("model_configuration_id")"#,
                #"CREATE INDEX "idx_agents_approved_by" ON "agents" ("approved_by")"#,
                #"CREATE INDEX "idx_agents_created_by" ON "agents" ("created_by")"#,
                #"CREATE VIRTUAL TABLE "agents_fts" USING fts5("name", "description", "system_prompt", content='agents', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_agents_fts_insert" AFTER INSERT ON "agents" BEGIN INSERT INTO "agents_fts" (rowid, "name", "description", "system_prompt") VALUES (NEW.rowid, NEW."name", NEW."description", NEW."system_prompt"); END"#,
                #"CREATE TRIGGER "trg_agents_fts_delete" AFTER DELETE ON "agents" BEGIN INSERT INTO "agents_fts" ("agents_fts", rowid, "name", "description", "system_prompt") VALUES ('delete', OLD.rowid, OLD."name", OLD."description", OLD."system_prompt"); END"#,
                #"""
                CREATE TRIGGER "trg_agents_fts_update" AFTER UPDATE OF "name", "description", "system_prompt" ON "agents" BEGIN
                  INSERT INTO "agents_fts" ("agents_fts", rowid, "name", "description", "system_prompt") VALUES ('delete', OLD.rowid, OLD."name", OLD."description", OLD."system_prompt");
                  INSERT INTO "agents_fts" (rowid, "name", "description", "system_prompt") VALUES (NEW.rowid, NEW."name", NEW."description", NEW."system_prompt");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_agents_updated_at" AFTER UPDATE ON "agents" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "agents" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "agent_versions" (
                  "id" TEXT CONSTRAINT "ck_agent_versions_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_agent_versions_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "agent_id" TEXT CONSTRAINT "ck_agent_versions_agent_id_type" CHECK (length("agent_id") = 36) NOT NULL,
                  "version" TEXT CONSTRAINT "ck_agent_versions_version_type" CHECK (length("version") <= 50) NOT NULL,
                  "is_current" INTEGER CONSTRAINT "ck_agent_versions_is_current_type" CHECK ("is_current" IN (0, 1)) NOT NULL DEFAULT 0,
                  "system_prompt" TEXT,
                  "model_configuration_id" TEXT CONSTRAINT "ck_agent_versions_model_configuration_id_type" CHECK (length("model_configuration_id") = 36),
                  "config" TEXT CONSTRAINT "ck_agent_versions_config_type" CHECK (json_valid("config")),
                  "change_summary" TEXT,
                  "changed_by" TEXT CONSTRAINT "ck_agent_versions_changed_by_type" CHECK (length("changed_by") = 36),
                  "changed_at" TEXT CONSTRAINT "ck_agent_versions_changed_at_type" CHECK ("changed_at" IS NULL OR julianday("changed_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_agent_version" UNIQUE ("agent_id", "version"),
                  CONSTRAINT "fk_agent_versions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_agent_versions_agent_id" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_agent_versions_model_configuration_id" FOREIGN KEY ("model_configuration_id") REFERENCES "model_configurations" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_agent_versions_changed_by" FOREIGN KEY ("changed_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_agent_versions_tenant_id" ON "agent_versions" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_agent_versions_model_configuration_id" ON "agent_versions" ("model_configuration_id")"#,
                #"CREATE INDEX "idx_agent_versions_changed_by" ON "agent_versions" ("changed_by")"#,
                #"""
                CREATE TABLE "prompt_suites" (
                  "id" TEXT CONSTRAINT "ck_prompt_suites_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_prompt_suites_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_prompt_suites_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_prompt_suites_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "description" TEXT,
                  "suite_type" TEXT CONSTRAINT "ck_prompt_suites_suite_type_type" CHECK (length("suite_type") <= 100),
                  "category" TEXT CONSTRAINT "ck_prompt_suites_category_type" CHECK (length("category") <= 100),
                  "parent_suite_id" TEXT CONSTRAINT "ck_prompt_suites_parent_suite_id_type" CHECK (length("parent_suite_id") = 36),
                  "hierarchy_level" INTEGER CONSTRAINT "ck_prompt_suites_hierarchy_level_type" CHECK ("hierarchy_level" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 1,
                  "hierarchy_path" TEXT,
                  "default_config" TEXT CONSTRAINT "ck_prompt_suites_default_config_type" CHECK (json_valid("default_config")),
                  "execution_order" TEXT CONSTRAINT "ck_prompt_suites_execution_order_type" CHECK (json_valid("execution_order")),
                  "target_personas" TEXT CONSTRAINT "ck_prompt_suites_target_personas_type" CHECK (json_valid("target_personas") AND json_type("target_personas") = 'array'),
                  "target_industries" TEXT CONSTRAINT "ck_prompt_suites_target_industries_type" CHECK (json_valid("target_industries") AND json_type("target_industries") = 'array'),
                  "target_jtbds" TEXT CONSTRAINT "ck_prompt_suites_target_jtbds_type" CHECK (json_valid("target_jtbds") AND json_type("target_jtbds") = 'array'),
                  "version" TEXT CONSTRAINT "ck_prompt_suites_version_type" CHECK (length("version") <= 50) NOT NULL DEFAULT '1.0.0',
                  "is_active" INTEGER CONSTRAINT "ck_prompt_suites_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "icon" TEXT CONSTRAINT "ck_prompt_suites_icon_type" CHECK (length("icon") <= 50),
                  "color" TEXT CONSTRAINT "ck_prompt_suites_color_type" CHECK (length("color") <= 7),
                  "tags" TEXT CONSTRAINT "ck_prompt_suites_tags_type" CHECK (json_valid("tags") AND json_type("tags") = 'array'),
                  "usage_count" INTEGER CONSTRAINT "ck_prompt_suites_usage_count_type" CHECK ("usage_count" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "last_used_at" TEXT CONSTRAINT "ck_prompt_suites_last_used_at_type" CHECK ("last_used_at" IS NULL OR julianday("last_used_at") IS NOT NULL),
                  "visibility" TEXT CONSTRAINT "ck_prompt_suites_visibility_type" CHECK (length("visibility") <= 20) NOT NULL DEFAULT 'tenant',
                  "approval_status" TEXT CONSTRAINT "ck_prompt_suites_approval_status_type" CHECK (length("approval_status") <= 20) NOT NULL DEFAULT 'pending',
                  "approved_by" TEXT CONSTRAINT "ck_prompt_suites_approved_by_type" CHECK (length("approved_by") = 36),
                  "approved_at" TEXT CONSTRAINT "ck_prompt_suites_approved_at_type" CHECK ("approved_at" IS NULL OR julianday("approved_at") IS NOT NULL),
                  "is_system_suite" INTEGER CONSTRAINT "ck_prompt_suites_is_system_suite_type" CHECK ("is_system_suite" IN (0, 1)) NOT NULL DEFAULT 0,
                  "created_by" TEXT CONSTRAINT "ck_prompt_suites_created_by_type" CHECK (length("created_by") = 36),
                  "created_at" TEXT CONSTRAINT "ck_prompt_suites_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_prompt_suites_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_prompt_suites_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_prompt_suites_visibility_value" CHECK ("visibility" IN ('private', 'tenant', 'public')),
                  CONSTRAINT "ck_prompt_suites_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected')),
                  CONSTRAINT "unique_suite_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_prompt_suites_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_suites_parent_suite_id" FOREIGN KEY ("parent_suite_id") REFERENCES "prompt_suites" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_prompt_suites_approved_by" FOREIGN KEY ("approved_by") REFERENCES "users" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_prompt_suites_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_prompt_suites_tenant_id" ON "prompt_suites" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_prompt_suites_parent_suite_id" ON "prompt_suites" ("parent_suite_id")"#,
                #"CREATE INDEX "idx_prompt_suites_approved_by" ON "prompt_suites" ("approved_by")"#,
                #"CREATE INDEX "idx_prompt_suites_created_by" ON "prompt_suites" ("created_by")"#,
                #"CREATE INDEX "idx_prompt_suites_hierarchy_path" ON "prompt_suites" ("hierarchy_path")"#,
                #"CREATE VIRTUAL TABLE "prompt_suites_fts" USING fts5("name", "description", content='prompt_suites', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_prompt_suites_fts_insert" AFTER INSERT ON "prompt_suites" BEGIN INSERT INTO "prompt_suites_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_prompt_suites_fts_delete" AFTER DELETE ON "prompt_suites" BEGIN INSERT INTO "prompt_suites_fts" ("prompt_suites_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_prompt_suites_fts_update" AFTER UPDATE OF "name", "description" ON "prompt_suites" BEGIN
                  INSERT INTO "prompt_suites_fts" ("prompt_suites_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "prompt_suites_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_prompt_suites_updated_at" AFTER UPDATE ON "prompt_suites" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "prompt_suites" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TRIGGER "trg_prompt_suites_hierarchy_insert" AFTER INSERT ON "prompt_suites" FOR EACH ROW BEGIN
                  UPDATE "prompt_suites" SET "hierarchy_path" = COALESCE((SELECT p."hierarchy_path" FROM "prompt_suites" p WHERE p.id = NEW."parent_suite_id"), '/') || NEW.id || '/', "hierarchy_level" = length(COALESCE((SELECT p."hierarchy_path" FROM "prompt_suites" p WHERE p.id = NEW."parent_suite_id"), '/') || NEW.id || '/') - length(replace(COALESCE((SELECT p."hierarchy_path" FROM "prompt_suites" p WHERE p.id = NEW."parent_suite_id"), '/') || NEW.id || '/', '/', '')) - 1 WHERE id = NEW.id;
                END
                """#,
                #"""
                CREATE TRIGGER "trg_prompt_suites_hierarchy_acyclic" BEFORE UPDATE OF "parent_suite_id" ON "prompt_suites" FOR EACH ROW
                WHEN NEW."parent_suite_id" IS NOT NULL AND (NEW."parent_suite_id" = NEW.id
                  OR instr((SELECT p."hierarchy_path" FROM "prompt_suites" p WHERE p.id = NEW."parent_suite_id"), '/' || NEW.id || '/') > 0)
                BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ck_prompt_suites_parent_suite_id_acyclic'); END
                """#,
                #"""
                CREATE TRIGGER "trg_prompt_suites_hierarchy_move" AFTER UPDATE OF "parent_suite_id" ON "prompt_suites" FOR EACH ROW
                WHEN NEW."parent_suite_id" IS NOT OLD."parent_suite_id"
                BEGIN
                  UPDATE "prompt_suites" SET "hierarchy_path" = COALESCE((SELECT p."hierarchy_path" FROM "prompt_suites" p WHERE p.id = NEW."parent_suite_id"), '/') || NEW.id || '/' || substr("hierarchy_path", length(OLD."hierarchy_path") + 1), "hierarchy_level" = length(COALESCE((SELECT p."hierarchy_path" FROM "prompt_suites" p WHERE p.id = NEW."parent_suite_id"), '/') || NEW.id || '/' || substr("hierarchy_path", length(OLD."hierarchy_path") + 1)) - length(replace(COALESCE((SELECT p."hierarchy_path" FROM "prompt_suites" p WHERE p.id = NEW."parent_suite_id"), '/') || NEW.id || '/' || substr("hierarchy_path", length(OLD."hierarchy_path") + 1), '/', '')) - 1
                    WHERE "hierarchy_path" >= OLD."hierarchy_path" AND "hierarchy_path" < OLD."hierarchy_path" || '~';
                END
                """#,
                #"""
                CREATE TABLE "prompt_sub_suites" (
                  "id" TEXT CONSTRAINT "ck_prompt_sub_suites_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_prompt_sub_suites_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "parent_suite_id" TEXT CONSTRAINT "ck_prompt_sub_suites_parent_suite_id_type" CHECK (length("parent_suite_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_prompt_sub_suites_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "code" TEXT CONSTRAINT "ck_prompt_sub_suites_code_type" CHECK (length("code") <= 50) NOT NULL,
                  "description" TEXT,
                  "display_order" INTEGER CONSTRAINT "ck_prompt_sub_suites_display_order_type" CHECK ("display_order" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 1,
                  "config_overrides" TEXT CONSTRAINT "ck_prompt_sub_suites_config_overrides_type" CHECK (json_valid("config_overrides")),
                  "is_active" INTEGER CONSTRAINT "ck_prompt_sub_suites_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "created_at" TEXT CONSTRAINT "ck_prompt_sub_suites_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_prompt_sub_suites_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_prompt_sub_suites_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_subsuite_code" UNIQUE ("parent_suite_id", "code"),
                  CONSTRAINT "fk_prompt_sub_suites_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_sub_suites_parent_suite_id" FOREIGN KEY ("parent_suite_id") REFERENCES "prompt_suites" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_prompt_sub_suites_tenant_id" ON "prompt_sub_suites" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE VIRTUAL TABLE "prompt_sub_suites_fts" USING fts5("name", "description", content='prompt_sub_suites', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_prompt_sub_suites_fts_insert" AFTER INSERT ON "prompt_sub_suites" BEGIN INSERT INTO "prompt_sub_suites_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_prompt_sub_suites_fts_delete" AFTER DELETE ON "prompt_sub_suites" BEGIN INSERT INTO "prompt_sub_suites_fts" ("prompt_sub_suites_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_prompt_sub_suites_fts_update" AFTER UPDATE OF "name", "description" ON "prompt_sub_suites" BEGIN
                  INSERT INTO "prompt_sub_suites_fts" ("prompt_sub_suites_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "prompt_sub_suites_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_prompt_sub_suites_updated_at" AFTER UPDATE ON "prompt_sub_suites" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "prompt_sub_suites" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "suite_prompts" (
                  "id" TEXT CONSTRAINT "ck_suite_prompts_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_suite_prompts_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "suite_id" TEXT CONSTRAINT "ck_suite_prompts_suite_id_type" CHECK (length("suite_id") = 36),
                  "sub_suite_id" TEXT CONSTRAINT "ck_suite_prompts_sub_suite_id_type" CHECK (length("sub_suite_id") = 36),
                  "prompt_id" TEXT CONSTRAINT "ck_suite_prompts_prompt_id_type" CHECK (length("prompt_id") = 36) NOT NULL,
                  "execution_order" INTEGER CONSTRAINT "ck_suite_prompts_execution_order_type" CHECK ("execution_order" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 1,
                  "is_required" INTEGER CONSTRAINT "ck_suite_prompts_is_required_type" CHECK ("is_required" IN (0, 1)) NOT NULL DEFAULT 1,
                  "is_conditional" INTEGER CONSTRAINT "ck_suite_prompts_is_conditional_type" CHECK ("is_conditional" IN (0, 1)) NOT NULL DEFAULT 0,
                  "condition_expression" TEXT,
                  "role_override" TEXT CONSTRAINT "ck_suite_prompts_role_override_type" CHECK (length("role_override") <= 20),
                  "variable_mappings" TEXT CONSTRAINT "ck_suite_prompts_variable_mappings_type" CHECK (json_valid("variable_mappings")),
                  "created_at" TEXT CONSTRAINT "ck_suite_prompts_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_suite_prompts_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_suite_prompts_role_override_value" CHECK ("role_override" IN ('system', 'user', 'assistant', 'tool')),
                  CONSTRAINT "suite_or_subsuite_required" CHECK ((suite_id IS NOT NULL AND sub_suite_id IS NULL) OR (suite_id IS NULL AND sub_suite_id IS NOT NULL)),
                  CONSTRAINT "condition_when_conditional" CHECK (is_conditional = (condition_expression IS NOT NULL)),
                  CONSTRAINT "fk_suite_prompts_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_prompts_suite_id" FOREIGN KEY ("suite_id") REFERENCES "prompt_suites" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_prompts_sub_suite_id" FOREIGN KEY ("sub_suite_id") REFERENCES "prompt_sub_suites" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_prompts_prompt_id" FOREIGN KEY ("prompt_id") REFERENCES "prompts" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE UNIQUE INDEX "unique_suite_prompt" ON "suite_prompts" ("suite_id", "prompt_id") WHERE "suite_id" IS NOT NULL"#,
                #"CREATE UNIQUE INDEX "unique_sub_suite_prompt" ON "suite_prompts" ("sub_suite_id", "prompt_id") WHERE "sub_suite_id" IS NOT NULL"#,
                #"CREATE INDEX "idx_suite_prompts_tenant_id" ON "suite_prompts" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_suite_prompts_prompt_id" ON "suite_prompts" ("prompt_id")"#,
                #"""
                CREATE TRIGGER "trg_suite_prompts_updated_at" AFTER UPDATE ON "suite_prompts" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "suite_prompts" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "suite_assignments" (
                  "id" TEXT CONSTRAINT "ck_suite_assignments_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_suite_assignments_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "suite_id" TEXT CONSTRAINT "ck_suite_assignments_suite_id_type" CHECK (length("suite_id") = 36) NOT NULL,
                  "agent_id" TEXT CONSTRAINT "ck_suite_assignments_agent_id_type" CHECK (length("agent_id") = 36),
                  "solution_id" TEXT CONSTRAINT "ck_suite_assignments_solution_id_type" CHECK (length("solution_id") = 36),
                  "workflow_id" TEXT CONSTRAINT "ck_suite_assignments_workflow_id_type" CHECK (length("workflow_id") = 36),
                  "is_default" INTEGER CONSTRAINT "ck_suite_assignments_is_default_type" CHECK ("is_default" IN (0, 1)) NOT NULL DEFAULT 0,
                  "config_overrides" TEXT CONSTRAINT "ck_suite_assignments_config_overrides_type" CHECK (json_valid("config_overrides")),
                  "usage_count" INTEGER CONSTRAINT "ck_suite_assignments_usage_count_type" CHECK ("usage_count" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "last_used_at" TEXT CONSTRAINT "ck_suite_assignments_last_used_at_type" CHECK ("last_used_at" IS NULL OR julianday("last_used_at") IS NOT NULL),
                  "assigned_by" TEXT CONSTRAINT "ck_suite_assignments_assigned_by_type" CHECK (length("assigned_by") = 36),
                  "assigned_at" TEXT CONSTRAINT "ck_suite_assignments_assigned_at_type" CHECK ("assigned_at" IS NULL OR julianday("assigned_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_suite_assignments_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "one_assignment_target" CHECK ((agent_id IS NOT NULL AND solution_id IS NULL AND workflow_id IS NULL) OR (agent_id IS NULL AND solution_id IS NOT NULL AND workflow_id IS NULL) OR (agent_id IS NULL AND solution_id IS NULL AND workflow_id IS NOT NULL)),
                  CONSTRAINT "fk_suite_assignments_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_suite_id" FOREIGN KEY ("suite_id") REFERENCES "prompt_suites" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_agent_id" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_solution_id" FOREIGN KEY ("solution_id") REFERENCES "solutions" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_workflow_id" FOREIGN KEY ("workflow_id") REFERENCES "workflows" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_assigned_by" FOREIGN KEY ("assigned_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                ) STRICT
                """#,
                #"CREATE INDEX "idx_suite_assignments_tenant_id" ON "suite_assignments" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_suite_assignments_suite_id" ON "suite_assignments" ("suite_id")"#,
                #"CREATE INDEX "idx_suite_assignments_agent_id" ON "suite_assignments" ("agent_id")"#,
                #"CREATE INDEX "idx_suite_assignments_solution_id" ON "suite_assignments" ("solution_id")"#,
                #"CREATE INDEX "idx_suite_assignments_workflow_id" ON "suite_assignments" ("workflow_id")"#,
                #"CREATE INDEX "idx_suite_assignments_assigned_by" ON "suite_assignments" ("assigned_by")"#,
                #"""
                CREATE TRIGGER "trg_suite_assignments_updated_at" AFTER UPDATE ON "suite_assignments" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "suite_assignments" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "prompt_tags" (
                  "id" TEXT CONSTRAINT "ck_prompt_tags_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_prompt_tags_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "prompt_id" TEXT CONSTRAINT "ck_prompt_tags_prompt_id_type" CHECK (length("prompt_id") = 36) NOT NULL,
                  "tag_id" TEXT CONSTRAINT "ck_prompt_tags_tag_id_type" CHECK (length("tag_id") = 36) NOT NULL,
                  "created_at" TEXT CONSTRAINT "ck_prompt_tags_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_prompt_tag" UNIQUE ("prompt_id", "tag_id"),
                  CONSTRAINT "fk_prompt_tags_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_tags_prompt_id" FOREIGN KEY ("prompt_id") REFERENCES "prompts" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_tags_tag_id" FOREIGN KEY ("tag_id") REFERENCES "tags" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_prompt_tags_tenant_id" ON "prompt_tags" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_prompt_tags_tag_id" ON "prompt_tags" ("tag_id")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "prompt_tags""#,
                #"DROP TABLE IF EXISTS "suite_assignments""#,
                #"DROP TABLE IF EXISTS "suite_prompts""#,
                #"DROP TABLE IF EXISTS "prompt_sub_suites_fts""#,
                #"DROP TABLE IF EXISTS "prompt_sub_suites""#,
                #"DROP TABLE IF EXISTS "prompt_suites_fts""#,
                #"DROP TABLE IF EXISTS "prompt_suites""#,
                #"DROP TABLE IF EXISTS "agent_versions""#,
                #"DROP TABLE IF EXISTS "agents_fts""#,
                #"DROP TABLE IF EXISTS "agents""#,
                #"DROP TABLE IF EXISTS "prompt_versions_fts""#,
                #"DROP TABLE IF EXISTS "prompt_versions""#,
                #"DROP TABLE IF EXISTS "prompts_fts""#,
                #"DROP TABLE IF EXISTS "prompts""#,
                #"DROP TABLE IF EXISTS "workflows_fts""#,
                #"DROP TABLE IF EXISTS "workflows""#,
                #"DROP TABLE IF EXISTS "solutions_fts""#,
                #"DROP TABLE IF EXISTS "solutions""#,
                #"DROP TABLE IF EXISTS "jobs_to_be_done_fts""#,
                #"DROP TABLE IF EXISTS "jobs_to_be_done""#,
                #"DROP TABLE IF EXISTS "skills_fts""#,
                #"DROP TABLE IF EXISTS "skills""#,
                #"DROP TABLE IF EXISTS "skill_categories_fts""#,
                #"DROP TABLE IF EXISTS "skill_categories""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "skill_categories" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "name" varchar(255) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "description" text,
                  "parent_category_id" uuid,
                  "hierarchy_path" text COLLATE "C",
                  "category_type" varchar(100),
                  "icon" varchar(50),
                  "color" varchar(7),
                  "is_active" boolean NOT NULL DEFAULT true,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_skill_categories_name" UNIQUE ("name"),
                  CONSTRAINT "uq_skill_categories_code" UNIQUE ("code"),
                  CONSTRAINT "fk_skill_categories_parent_category_id" FOREIGN KEY ("parent_category_id") REFERENCES "skill_categories" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_skill_categories_parent_category_id" ON "skill_categories" ("parent_category_id")"#,
                #"CREATE INDEX "idx_skill_categories_hierarchy_path" ON "skill_categories" ("hierarchy_path")"#,
                #"CREATE INDEX "idx_skill_categories_search" ON "skill_categories" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_skill_categories_updated_at" BEFORE UPDATE ON "skill_categories" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE FUNCTION "fn_skill_categories_hierarchy"() RETURNS trigger AS $$
                DECLARE parent_path text;
                BEGIN
                  IF NEW."parent_category_id" IS NULL THEN
                    parent_path := '/';
                  ELSE
                    SELECT "hierarchy_path" INTO parent_path FROM "skill_categories" WHERE id = NEW."parent_category_id";
                    IF parent_path IS NULL THEN parent_path := '/' || NEW."parent_category_id"::text || '/'; END IF;
                    IF NEW."parent_category_id" = NEW.id OR position('/' || NEW.id::text || '/' IN parent_path) > 0 THEN
                      RAISE EXCEPTION 'hierarchy cycle: %.% would make a row its own ancestor', 'skill_categories', 'parent_category_id'
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_skill_categories_parent_category_id_acyclic';
                    END IF;
                  END IF;
                  NEW."hierarchy_path" := parent_path || NEW.id::text || '/';
                  
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER "trg_skill_categories_hierarchy" BEFORE INSERT OR UPDATE OF "parent_category_id" ON "skill_categories" FOR EACH ROW EXECUTE FUNCTION "fn_skill_categories_hierarchy"()"#,
                #"""
                CREATE FUNCTION "fn_skill_categories_hierarchy_move"() RETURNS trigger AS $$
                BEGIN
                  UPDATE "skill_categories" SET "hierarchy_path" = NEW."hierarchy_path" || substr("hierarchy_path", length(OLD."hierarchy_path") + 1)
                    
                    WHERE "hierarchy_path" > OLD."hierarchy_path" AND "hierarchy_path" < OLD."hierarchy_path" || '~';
                  RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER "trg_skill_categories_hierarchy_move" AFTER UPDATE OF "parent_category_id" ON "skill_categories" FOR EACH ROW WHEN (NEW."hierarchy_path" IS DISTINCT FROM OLD."hierarchy_path") EXECUTE FUNCTION "fn_skill_categories_hierarchy_move"()"#,
                #"""
                CREATE TABLE "skills" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "description" text,
                  "category_id" uuid,
                  "skill_type" varchar(100),
                  "proficiency_levels" jsonb,
                  "parent_skill_id" uuid,
                  "hierarchy_path" text COLLATE "C",
                  "is_active" boolean NOT NULL DEFAULT true,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_skill_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_skills_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_skills_category_id" FOREIGN KEY ("category_id") REFERENCES "skill_categories" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_skills_parent_skill_id" FOREIGN KEY ("parent_skill_id") REFERENCES "skills" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_skills_tenant_id" ON "skills" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_skills_category_id" ON "skills" ("category_id")"#,
                #"CREATE INDEX "idx_skills_parent_skill_id" ON "skills" ("parent_skill_id")"#,
                #"CREATE INDEX "idx_skills_hierarchy_path" ON "skills" ("hierarchy_path")"#,
                #"CREATE INDEX "idx_skills_search" ON "skills" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_skills_updated_at" BEFORE UPDATE ON "skills" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE FUNCTION "fn_skills_hierarchy"() RETURNS trigger AS $$
                DECLARE parent_path text;
                BEGIN
                  IF NEW."parent_skill_id" IS NULL THEN
                    parent_path := '/';
                  ELSE
                    SELECT "hierarchy_path" INTO parent_path FROM "skills" WHERE id = NEW."parent_skill_id";
                    IF parent_path IS NULL THEN parent_path := '/' || NEW."parent_skill_id"::text || '/'; END IF;
                    IF NEW."parent_skill_id" = NEW.id OR position('/' || NEW.id::text || '/' IN parent_path) > 0 THEN
                      RAISE EXCEPTION 'hierarchy cycle: %.% would make a row its own ancestor', 'skills', 'parent_skill_id'
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_skills_parent_skill_id_acyclic';
                    END IF;
                  END IF;
                  NEW."hierarchy_path" := parent_path || NEW.id::text || '/';
                  
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER "trg_skills_hierarchy" BEFORE INSERT OR UPDATE OF "parent_skill_id" ON "skills" FOR EACH ROW EXECUTE FUNCTION "fn_skills_hierarchy"()"#,
                #"""
                CREATE FUNCTION "fn_skills_hierarchy_move"() RETURNS trigger AS $$
                BEGIN
                  UPDATE "skills" SET "hierarchy_path" = NEW."hierarchy_path" || substr("hierarchy_path", length(OLD."hierarchy_path") + 1)
                    
                    WHERE "hierarchy_path" > OLD."hierarchy_path" AND "hierarchy_path" < OLD."hierarchy_path" || '~';
                  RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER "trg_skills_hierarchy_move" AFTER UPDATE OF "parent_skill_id" ON "skills" FOR EACH ROW WHEN (NEW."hierarchy_path" IS DISTINCT FROM OLD."hierarchy_path") EXECUTE FUNCTION "fn_skills_hierarchy_move"()"#,
                #"""
                CREATE TABLE "jobs_to_be_done" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "title" varchar(255) NOT NULL,
                  "description" text,
                  "persona" varchar(100),
                  "industry" varchar(100),
                  "is_active" boolean NOT NULL DEFAULT true,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("title", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_jtbd_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_jobs_to_be_done_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_jobs_to_be_done_tenant_id" ON "jobs_to_be_done" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_jobs_to_be_done_search" ON "jobs_to_be_done" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_jobs_to_be_done_updated_at" BEFORE UPDATE ON "jobs_to_be_done" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "solutions" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "description" text,
                  "is_active" boolean NOT NULL DEFAULT true,
                  "created_by" uuid,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_solution_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_solutions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_solutions_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_solutions_tenant_id" ON "solutions" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_solutions_created_by" ON "solutions" ("created_by")"#,
                #"CREATE INDEX "idx_solutions_search" ON "solutions" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_solutions_updated_at" BEFORE UPDATE ON "solutions" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "workflows" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "description" text,
                  "definition" jsonb,
                  "is_active" boolean NOT NULL DEFAULT true,
                  "created_by" uuid,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_workflow_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_workflows_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_workflows_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_workflows_tenant_id" ON "workflows" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_workflows_created_by" ON "workflows" ("created_by")"#,
                #"CREATE INDEX "idx_workflows_search" ON "workflows" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_workflows_updated_at" BEFORE UPDATE ON "workflows" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "prompts" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "code" varchar(50),
                  "description" text,
                  "content" text NOT NULL,
                  "role" varchar(20) NOT NULL DEFAULT 'user',
                  "variables" jsonb,
                  "category_id" uuid,
                  "sensitivity_level_id" uuid,
                  "retention_plan_id" uuid,
                  "current_version" varchar(50) NOT NULL DEFAULT '1.0.0',
                  "visibility" varchar(20) NOT NULL DEFAULT 'tenant',
                  "approval_status" varchar(20) NOT NULL DEFAULT 'pending',
                  "approved_by" uuid,
                  "approved_at" timestamptz(3),
                  "is_active" boolean NOT NULL DEFAULT true,
                  "usage_count" integer NOT NULL DEFAULT 0,
                  "last_used_at" timestamptz(3),
                  "created_by" uuid,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", '') || ' ' || coalesce("content", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_prompts_role_value" CHECK ("role" IN ('system', 'user', 'assistant', 'tool')),
                  CONSTRAINT "ck_prompts_visibility_value" CHECK ("visibility" IN ('private', 'tenant', 'public')),
                  CONSTRAINT "ck_prompts_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected')),
                  CONSTRAINT "fk_prompts_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompts_category_id" FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_prompts_sensitivity_level_id" FOREIGN KEY ("sensitivity_level_id") REFERENCES "sensitivity_levels" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_prompts_retention_plan_id" FOREIGN KEY ("retention_plan_id") REFERENCES "retention_plans" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_prompts_approved_by" FOREIGN KEY ("approved_by") REFERENCES "users" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_prompts_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE UNIQUE INDEX "unique_prompt_code_tenant" ON "prompts" ("tenant_id", "code") WHERE "code" IS NOT NULL"#,
                #"CREATE INDEX "idx_prompts_updated" ON "prompts" ("tenant_id", "updated_at" DESC)"#,
                #"CREATE INDEX "idx_prompts_tenant_id" ON "prompts" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_prompts_category_id" ON "prompts" ("category_id")"#,
                #"CREATE INDEX "idx_prompts_sensitivity_level_id" ON "prompts" ("sensitivity_level_id")"#,
                #"CREATE INDEX "idx_prompts_retention_plan_id" ON "prompts" ("retention_plan_id")"#,
                #"CREATE INDEX "idx_prompts_approved_by" ON "prompts" ("approved_by")"#,
                #"CREATE INDEX "idx_prompts_created_by" ON "prompts" ("created_by")"#,
                #"CREATE INDEX "idx_prompts_search" ON "prompts" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_prompts_updated_at" BEFORE UPDATE ON "prompts" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "prompt_versions" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "prompt_id" uuid NOT NULL,
                  "version" varchar(50) NOT NULL,
                  "is_current" boolean NOT NULL DEFAULT false,
                  "content" text NOT NULL,
                  "variables" jsonb,
                  "role" varchar(20) NOT NULL,
                  "change_summary" text,
                  "changed_by" uuid,
                  "changed_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "avg_effectiveness_score" numeric(3,2),
                  "usage_count" integer NOT NULL DEFAULT 0,
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("content", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_prompt_versions_role_value" CHECK ("role" IN ('system', 'user', 'assistant', 'tool')),
                  CONSTRAINT "unique_prompt_version" UNIQUE ("prompt_id", "version"),
                  CONSTRAINT "fk_prompt_versions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_versions_prompt_id" FOREIGN KEY ("prompt_id") REFERENCES "prompts" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_versions_changed_by" FOREIGN KEY ("changed_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_prompt_versions_tenant_id" ON "prompt_versions" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_prompt_versions_changed_by" ON "prompt_versions" ("changed_by")"#,
                #"CREATE INDEX "idx_prompt_versions_search" ON "prompt_versions" USING gin ("search_vector")"#,
                #"""
                CREATE TABLE "agents" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "description" text,
                  "system_prompt" text,
                  "model_configuration_id" uuid,
                  "config" jsonb,
                  "current_version" varchar(50) NOT NULL DEFAULT '1.0.0',
                  "visibility" varchar(20) NOT NULL DEFAULT 'tenant',
                  "approval_status" varchar(20) NOT NULL DEFAULT 'pending',
                  "approved_by" uuid,
                  "approved_at" timestamptz(3),
                  "is_active" boolean NOT NULL DEFAULT true,
                  "usage_count" integer NOT NULL DEFAULT 0,
                  "created_by" uuid,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", '') || ' ' || coalesce("system_prompt", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_agents_visibility_value" CHECK ("visibility" IN ('private', 'tenant', 'public')),
                  CONSTRAINT "ck_agents_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected')),
                  CONSTRAINT "unique_agent_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_agents_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_agents_model_configuration_id" FOREIGN KEY ("model_configuration_id") REFERENCES "model_configurations" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_agents_approved_by" FOREIGN KEY ("approved_by") REFERENCES "users" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_agents_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_agents_tenant_id" ON "agents" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_agents_model_configuration_id" ON "agents" ("model_configuration_id")"#,
                #"CREATE INDEX "idx_agents_approved_by" ON "agents" ("approved_by")"#,
                #"CREATE INDEX "idx_agents_created_by" ON "agents" ("created_by")"#,
                #"CREATE INDEX "idx_agents_search" ON "agents" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_agents_updated_at" BEFORE UPDATE ON "agents" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "agent_versions" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "agent_id" uuid NOT NULL,
                  "version" varchar(50) NOT NULL,
                  "is_current" boolean NOT NULL DEFAULT false,
                  "system_prompt" text,
                  "model_configuration_id" uuid,
                  "config" jsonb,
                  "change_summary" text,
                  "changed_by" uuid,
                  "changed_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_agent_version" UNIQUE ("agent_id", "version"),
                  CONSTRAINT "fk_agent_versions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_agent_versions_agent_id" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_agent_versions_model_configuration_id" FOREIGN KEY ("model_configuration_id") REFERENCES "model_configurations" ("id") ON DELETE SET NULL,
                  CONSTRAINT "fk_agent_versions_changed_by" FOREIGN KEY ("changed_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_agent_versions_tenant_id" ON "agent_versions" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_agent_versions_model_configuration_id" ON "agent_versions" ("model_configuration_id")"#,
                #"CREATE INDEX "idx_agent_versions_changed_by" ON "agent_versions" ("changed_by")"#,
                #"""
                CREATE TABLE "prompt_suites" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "description" text,
                  "suite_type" varchar(100),
                  "category" varchar(100),
                  "parent_suite_id" uuid,
                  "hierarchy_level" integer NOT NULL DEFAULT 1,
                  "hierarchy_path" text COLLATE "C",
                  "default_config" jsonb,
                  "execution_order" jsonb,
                  "target_personas" text[],
                  "target_industries" text[],
                  "target_jtbds" uuid[],
                  "version" varchar(50) NOT NULL DEFAULT '1.0.0',
                  "is_active" boolean NOT NULL DEFAULT true,
                  "icon" varchar(50),
                  "color" varchar(7),
                  "tags" text[],
                  "usage_count" integer NOT NULL DEFAULT 0,
                  "last_used_at" timestamptz(3),
                  "visibility" varchar(20) NOT NULL DEFAULT 'tenant',
                  "approval_status" varchar(20) NOT NULL DEFAULT 'pending',
                  "approved_by" uuid,
                  "approved_at" timestamptz(3),
                  "is_system_suite" boolean NOT NULL DEFAULT false,
                  "created_by" uuid,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_prompt_suites_visibility_value" CHECK ("visibility" IN ('private', 'tenant', 'public')),
                  CONSTRAINT "ck_prompt_suites_approval_status_value" CHECK ("approval_status" IN ('pending', 'approved', 'rejected')),
                  CONSTRAINT "unique_suite_code_tenant" UNIQUE ("tenant_id", "code"),
                  CONSTRAINT "fk_prompt_suites_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_suites_parent_suite_id" FOREIGN KEY ("parent_suite_id") REFERENCES "prompt_suites" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_prompt_suites_approved_by" FOREIGN KEY ("approved_by") REFERENCES "users" ("id") ON DELETE NO ACTION,
                  CONSTRAINT "fk_prompt_suites_created_by" FOREIGN KEY ("created_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_prompt_suites_tenant_id" ON "prompt_suites" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_prompt_suites_parent_suite_id" ON "prompt_suites" ("parent_suite_id")"#,
                #"CREATE INDEX "idx_prompt_suites_approved_by" ON "prompt_suites" ("approved_by")"#,
                #"CREATE INDEX "idx_prompt_suites_created_by" ON "prompt_suites" ("created_by")"#,
                #"CREATE INDEX "idx_prompt_suites_hierarchy_path" ON "prompt_suites" ("hierarchy_path")"#,
                #"CREATE INDEX "idx_prompt_suites_search" ON "prompt_suites" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_prompt_suites_updated_at" BEFORE UPDATE ON "prompt_suites" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE FUNCTION "fn_prompt_suites_hierarchy"() RETURNS trigger AS $$
                DECLARE parent_path text;
                BEGIN
                  IF NEW."parent_suite_id" IS NULL THEN
                    parent_path := '/';
                  ELSE
                    SELECT "hierarchy_path" INTO parent_path FROM "prompt_suites" WHERE id = NEW."parent_suite_id";
                    IF parent_path IS NULL THEN parent_path := '/' || NEW."parent_suite_id"::text || '/'; END IF;
                    IF NEW."parent_suite_id" = NEW.id OR position('/' || NEW.id::text || '/' IN parent_path) > 0 THEN
                      RAISE EXCEPTION 'hierarchy cycle: %.% would make a row its own ancestor', 'prompt_suites', 'parent_suite_id'
                        USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_prompt_suites_parent_suite_id_acyclic';
                    END IF;
                  END IF;
                  NEW."hierarchy_path" := parent_path || NEW.id::text || '/';
                  NEW."hierarchy_level" := length(NEW."hierarchy_path") - length(replace(NEW."hierarchy_path", '/', '')) - 1;
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER "trg_prompt_suites_hierarchy" BEFORE INSERT OR UPDATE OF "parent_suite_id" ON "prompt_suites" FOR EACH ROW EXECUTE FUNCTION "fn_prompt_suites_hierarchy"()"#,
                #"""
                CREATE FUNCTION "fn_prompt_suites_hierarchy_move"() RETURNS trigger AS $$
                BEGIN
                  UPDATE "prompt_suites" SET "hierarchy_path" = NEW."hierarchy_path" || substr("hierarchy_path", length(OLD."hierarchy_path") + 1)
                    , "hierarchy_level" = length(NEW."hierarchy_path" || substr("hierarchy_path", length(OLD."hierarchy_path") + 1)) - length(replace(NEW."hierarchy_path" || substr("hierarchy_path", length(OLD."hierarchy_path") + 1), '/', '')) - 1
                    WHERE "hierarchy_path" > OLD."hierarchy_path" AND "hierarchy_path" < OLD."hierarchy_path" || '~';
                  RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER "trg_prompt_suites_hierarchy_move" AFTER UPDATE OF "parent_suite_id" ON "prompt_suites" FOR EACH ROW WHEN (NEW."hierarchy_path" IS DISTINCT FROM OLD."hierarchy_path") EXECUTE FUNCTION "fn_prompt_suites_hierarchy_move"()"#,
                #"""
                CREATE TABLE "prompt_sub_suites" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "parent_suite_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "code" varchar(50) NOT NULL,
                  "description" text,
                  "display_order" integer NOT NULL DEFAULT 1,
                  "config_overrides" jsonb,
                  "is_active" boolean NOT NULL DEFAULT true,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_subsuite_code" UNIQUE ("parent_suite_id", "code"),
                  CONSTRAINT "fk_prompt_sub_suites_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_sub_suites_parent_suite_id" FOREIGN KEY ("parent_suite_id") REFERENCES "prompt_suites" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_prompt_sub_suites_tenant_id" ON "prompt_sub_suites" ("tenant_id", "deleted_at", "id")"#,
                #"CREATE INDEX "idx_prompt_sub_suites_search" ON "prompt_sub_suites" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_prompt_sub_suites_updated_at" BEFORE UPDATE ON "prompt_sub_suites" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "suite_prompts" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "suite_id" uuid,
                  "sub_suite_id" uuid,
                  "prompt_id" uuid NOT NULL,
                  "execution_order" integer NOT NULL DEFAULT 1,
                  "is_required" boolean NOT NULL DEFAULT true,
                  "is_conditional" boolean NOT NULL DEFAULT false,
                  "condition_expression" text,
                  "role_override" varchar(20),
                  "variable_mappings" jsonb,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_suite_prompts_role_override_value" CHECK ("role_override" IN ('system', 'user', 'assistant', 'tool')),
                  CONSTRAINT "suite_or_subsuite_required" CHECK ((suite_id IS NOT NULL AND sub_suite_id IS NULL) OR (suite_id IS NULL AND sub_suite_id IS NOT NULL)),
                  CONSTRAINT "condition_when_conditional" CHECK (is_conditional = (condition_expression IS NOT NULL)),
                  CONSTRAINT "fk_suite_prompts_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_prompts_suite_id" FOREIGN KEY ("suite_id") REFERENCES "prompt_suites" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_prompts_sub_suite_id" FOREIGN KEY ("sub_suite_id") REFERENCES "prompt_sub_suites" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_prompts_prompt_id" FOREIGN KEY ("prompt_id") REFERENCES "prompts" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE UNIQUE INDEX "unique_suite_prompt" ON "suite_prompts" ("suite_id", "prompt_id") WHERE "suite_id" IS NOT NULL"#,
                #"CREATE UNIQUE INDEX "unique_sub_suite_prompt" ON "suite_prompts" ("sub_suite_id", "prompt_id") WHERE "sub_suite_id" IS NOT NULL"#,
                #"CREATE INDEX "idx_suite_prompts_tenant_id" ON "suite_prompts" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_suite_prompts_prompt_id" ON "suite_prompts" ("prompt_id")"#,
                #"CREATE TRIGGER "trg_suite_prompts_updated_at" BEFORE UPDATE ON "suite_prompts" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "suite_assignments" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "suite_id" uuid NOT NULL,
                  "agent_id" uuid,
                  "solution_id" uuid,
                  "workflow_id" uuid,
                  "is_default" boolean NOT NULL DEFAULT false,
                  "config_overrides" jsonb,
                  "usage_count" integer NOT NULL DEFAULT 0,
                  "last_used_at" timestamptz(3),
                  "assigned_by" uuid,
                  "assigned_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "one_assignment_target" CHECK ((agent_id IS NOT NULL AND solution_id IS NULL AND workflow_id IS NULL) OR (agent_id IS NULL AND solution_id IS NOT NULL AND workflow_id IS NULL) OR (agent_id IS NULL AND solution_id IS NULL AND workflow_id IS NOT NULL)),
                  CONSTRAINT "fk_suite_assignments_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_suite_id" FOREIGN KEY ("suite_id") REFERENCES "prompt_suites" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_agent_id" FOREIGN KEY ("agent_id") REFERENCES "agents" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_solution_id" FOREIGN KEY ("solution_id") REFERENCES "solutions" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_workflow_id" FOREIGN KEY ("workflow_id") REFERENCES "workflows" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_suite_assignments_assigned_by" FOREIGN KEY ("assigned_by") REFERENCES "users" ("id") ON DELETE NO ACTION
                )
                """#,
                #"CREATE INDEX "idx_suite_assignments_tenant_id" ON "suite_assignments" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_suite_assignments_suite_id" ON "suite_assignments" ("suite_id")"#,
                #"CREATE INDEX "idx_suite_assignments_agent_id" ON "suite_assignments" ("agent_id")"#,
                #"CREATE INDEX "idx_suite_assignments_solution_id" ON "suite_assignments" ("solution_id")"#,
                #"CREATE INDEX "idx_suite_assignments_workflow_id" ON "suite_assignments" ("workflow_id")"#,
                #"CREATE INDEX "idx_suite_assignments_assigned_by" ON "suite_assignments" ("assigned_by")"#,
                #"CREATE TRIGGER "trg_suite_assignments_updated_at" BEFORE UPDATE ON "suite_assignments" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "prompt_tags" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "prompt_id" uuid NOT NULL,
                  "tag_id" uuid NOT NULL,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_prompt_tag" UNIQUE ("prompt_id", "tag_id"),
                  CONSTRAINT "fk_prompt_tags_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_tags_prompt_id" FOREIGN KEY ("prompt_id") REFERENCES "prompts" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_prompt_tags_tag_id" FOREIGN KEY ("tag_id") REFERENCES "tags" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_prompt_tags_tenant_id" ON "prompt_tags" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_prompt_tags_tag_id" ON "prompt_tags" ("tag_id")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "prompt_tags" CASCADE"#,
                #"DROP TABLE IF EXISTS "suite_assignments" CASCADE"#,
                #"DROP TABLE IF EXISTS "suite_prompts" CASCADE"#,
                #"DROP TABLE IF EXISTS "prompt_sub_suites" CASCADE"#,
                #"DROP TABLE IF EXISTS "prompt_suites" CASCADE"#,
                #"DROP FUNCTION IF EXISTS "fn_prompt_suites_hierarchy"()"#,
                #"DROP FUNCTION IF EXISTS "fn_prompt_suites_hierarchy_move"()"#,
                #"DROP TABLE IF EXISTS "agent_versions" CASCADE"#,
                #"DROP TABLE IF EXISTS "agents" CASCADE"#,
                #"DROP TABLE IF EXISTS "prompt_versions" CASCADE"#,
                #"DROP TABLE IF EXISTS "prompts" CASCADE"#,
                #"DROP TABLE IF EXISTS "workflows" CASCADE"#,
                #"DROP TABLE IF EXISTS "solutions" CASCADE"#,
                #"DROP TABLE IF EXISTS "jobs_to_be_done" CASCADE"#,
                #"DROP TABLE IF EXISTS "skills" CASCADE"#,
                #"DROP FUNCTION IF EXISTS "fn_skills_hierarchy"()"#,
                #"DROP FUNCTION IF EXISTS "fn_skills_hierarchy_move"()"#,
                #"DROP TABLE IF EXISTS "skill_categories" CASCADE"#,
                #"DROP FUNCTION IF EXISTS "fn_skill_categories_hierarchy"()"#,
                #"DROP FUNCTION IF EXISTS "fn_skill_categories_hierarchy_move"()"#,
            ]))
}
