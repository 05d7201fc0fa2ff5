// CreateIdentityTables: Tenants, users, memberships, groups, permission scopes, sessions and API keys (seeds
// 000, 001, 004). First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension IdentityMigrations {
    static let createIdentityTables = FrozenMigration(
        name: "CreateIdentityTables", sequence: 2,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "tenants" (
                  "id" TEXT CONSTRAINT "ck_tenants_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "name" TEXT CONSTRAINT "ck_tenants_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "slug" TEXT CONSTRAINT "ck_tenants_slug_type" CHECK (length("slug") <= 100) NOT NULL,
                  "description" TEXT,
                  "settings" TEXT CONSTRAINT "ck_tenants_settings_type" CHECK (json_valid("settings")) NOT NULL DEFAULT '{}',
                  "subscription_tier" TEXT CONSTRAINT "ck_tenants_subscription_tier_type" CHECK (length("subscription_tier") <= 50) NOT NULL DEFAULT 'basic',
                  "is_active" INTEGER CONSTRAINT "ck_tenants_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "created_at" TEXT CONSTRAINT "ck_tenants_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_tenants_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_tenants_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_tenants_slug" UNIQUE ("slug"),
                  CONSTRAINT "ck_tenants_subscription_tier_value" CHECK ("subscription_tier" IN ('basic', 'pro', 'enterprise')),
                  CONSTRAINT "ck_tenants_slug_format" CHECK (slug <> '' AND slug NOT LIKE '% %')
                ) STRICT
                """#,
                #"CREATE INDEX "idx_tenants_created_at" ON "tenants" ("created_at")"#,
                #"CREATE VIRTUAL TABLE "tenants_fts" USING fts5("name", "description", content='tenants', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_tenants_fts_insert" AFTER INSERT ON "tenants" BEGIN INSERT INTO "tenants_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_tenants_fts_delete" AFTER DELETE ON "tenants" BEGIN INSERT INTO "tenants_fts" ("tenants_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_tenants_fts_update" AFTER UPDATE OF "name", "description" ON "tenants" BEGIN
                  INSERT INTO "tenants_fts" ("tenants_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "tenants_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_tenants_updated_at" AFTER UPDATE ON "tenants" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "tenants" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "users" (
                  "id" TEXT CONSTRAINT "ck_users_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "email" TEXT CONSTRAINT "ck_users_email_type" CHECK (length("email") <= 255) NOT NULL,
                  "full_name" TEXT CONSTRAINT "ck_users_full_name_type" CHECK (length("full_name") <= 255),
                  "password_hash" TEXT CONSTRAINT "ck_users_password_hash_type" CHECK (length("password_hash") <= 255),
                  "avatar_url" TEXT,
                  "locale" TEXT CONSTRAINT "ck_users_locale_type" CHECK (length("locale") <= 20),
                  "timezone" TEXT CONSTRAINT "ck_users_timezone_type" CHECK (length("timezone") <= 64),
                  "is_active" INTEGER CONSTRAINT "ck_users_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "is_system_admin" INTEGER CONSTRAINT "ck_users_is_system_admin_type" CHECK ("is_system_admin" IN (0, 1)) NOT NULL DEFAULT 0,
                  "last_login_at" TEXT CONSTRAINT "ck_users_last_login_at_type" CHECK ("last_login_at" IS NULL OR julianday("last_login_at") IS NOT NULL),
                  "created_at" TEXT CONSTRAINT "ck_users_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_users_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "deleted_at" TEXT CONSTRAINT "ck_users_deleted_at_type" CHECK ("deleted_at" IS NULL OR julianday("deleted_at") IS NOT NULL),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_users_email" UNIQUE ("email"),
                  CONSTRAINT "ck_users_email_format" CHECK (email LIKE '%_@_%')
                ) STRICT
                """#,
                #"CREATE VIRTUAL TABLE "users_fts" USING fts5("email", "full_name", content='users', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_users_fts_insert" AFTER INSERT ON "users" BEGIN INSERT INTO "users_fts" (rowid, "email", "full_name") VALUES (NEW.rowid, NEW."email", NEW."full_name"); END"#,
                #"CREATE TRIGGER "trg_users_fts_delete" AFTER DELETE ON "users" BEGIN INSERT INTO "users_fts" ("users_fts", rowid, "email", "full_name") VALUES ('delete', OLD.rowid, OLD."email", OLD."full_name"); END"#,
                #"""
                CREATE TRIGGER "trg_users_fts_update" AFTER UPDATE OF "email", "full_name" ON "users" BEGIN
                  INSERT INTO "users_fts" ("users_fts", rowid, "email", "full_name") VALUES ('delete', OLD.rowid, OLD."email", OLD."full_name");
                  INSERT INTO "users_fts" (rowid, "email", "full_name") VALUES (NEW.rowid, NEW."email", NEW."full_name");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_users_updated_at" AFTER UPDATE ON "users" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "users" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "tenant_memberships" (
                  "id" TEXT CONSTRAINT "ck_tenant_memberships_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_tenant_memberships_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "user_id" TEXT CONSTRAINT "ck_tenant_memberships_user_id_type" CHECK (length("user_id") = 36) NOT NULL,
                  "role" TEXT CONSTRAINT "ck_tenant_memberships_role_type" CHECK (length("role") <= 20) NOT NULL DEFAULT 'viewer',
                  "is_active" INTEGER CONSTRAINT "ck_tenant_memberships_is_active_type" CHECK ("is_active" IN (0, 1)) NOT NULL DEFAULT 1,
                  "created_at" TEXT CONSTRAINT "ck_tenant_memberships_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_tenant_memberships_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_tenant_memberships_role_value" CHECK ("role" IN ('owner', 'admin', 'editor', 'viewer')),
                  CONSTRAINT "unique_tenant_membership" UNIQUE ("tenant_id", "user_id"),
                  CONSTRAINT "fk_tenant_memberships_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_tenant_memberships_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_tenant_memberships_user" ON "tenant_memberships" ("user_id")"#,
                #"CREATE INDEX "idx_tenant_memberships_tenant_id" ON "tenant_memberships" ("tenant_id", "id")"#,
                #"""
                CREATE TRIGGER "trg_tenant_memberships_updated_at" AFTER UPDATE ON "tenant_memberships" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "tenant_memberships" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "user_groups" (
                  "id" TEXT CONSTRAINT "ck_user_groups_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_user_groups_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_user_groups_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "description" TEXT,
                  "created_at" TEXT CONSTRAINT "ck_user_groups_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_user_groups_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_user_group_name" UNIQUE ("tenant_id", "name"),
                  CONSTRAINT "fk_user_groups_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_user_groups_tenant_id" ON "user_groups" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "user_groups_fts" USING fts5("name", "description", content='user_groups', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_user_groups_fts_insert" AFTER INSERT ON "user_groups" BEGIN INSERT INTO "user_groups_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_user_groups_fts_delete" AFTER DELETE ON "user_groups" BEGIN INSERT INTO "user_groups_fts" ("user_groups_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_user_groups_fts_update" AFTER UPDATE OF "name", "description" ON "user_groups" BEGIN
                  INSERT INTO "user_groups_fts" ("user_groups_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "user_groups_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_user_groups_updated_at" AFTER UPDATE ON "user_groups" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "user_groups" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "user_group_members" (
                  "id" TEXT CONSTRAINT "ck_user_group_members_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_user_group_members_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "user_group_id" TEXT CONSTRAINT "ck_user_group_members_user_group_id_type" CHECK (length("user_group_id") = 36) NOT NULL,
                  "user_id" TEXT CONSTRAINT "ck_user_group_members_user_id_type" CHECK (length("user_id") = 36) NOT NULL,
                  "created_at" TEXT CONSTRAINT "ck_user_group_members_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_user_group_member" UNIQUE ("user_group_id", "user_id"),
                  CONSTRAINT "fk_user_group_members_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_user_group_members_user_group_id" FOREIGN KEY ("user_group_id") REFERENCES "user_groups" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_user_group_members_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_user_group_members_tenant_id" ON "user_group_members" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_user_group_members_user_id" ON "user_group_members" ("user_id")"#,
                #"""
                CREATE TABLE "permission_scopes" (
                  "id" TEXT CONSTRAINT "ck_permission_scopes_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "name" TEXT CONSTRAINT "ck_permission_scopes_name_type" CHECK (length("name") <= 255) NOT NULL,
                  "module" TEXT CONSTRAINT "ck_permission_scopes_module_type" CHECK (length("module") <= 50) NOT NULL,
                  "action" TEXT CONSTRAINT "ck_permission_scopes_action_type" CHECK (length("action") <= 50) NOT NULL,
                  "description" TEXT,
                  "created_at" TEXT CONSTRAINT "ck_permission_scopes_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_permission_scopes_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_permission_scopes_name" UNIQUE ("name"),
                  CONSTRAINT "unique_permission_module_action" UNIQUE ("module", "action")
                ) STRICT
                """#,
                #"CREATE VIRTUAL TABLE "permission_scopes_fts" USING fts5("name", "description", content='permission_scopes', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_permission_scopes_fts_insert" AFTER INSERT ON "permission_scopes" BEGIN INSERT INTO "permission_scopes_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description"); END"#,
                #"CREATE TRIGGER "trg_permission_scopes_fts_delete" AFTER DELETE ON "permission_scopes" BEGIN INSERT INTO "permission_scopes_fts" ("permission_scopes_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description"); END"#,
                #"""
                CREATE TRIGGER "trg_permission_scopes_fts_update" AFTER UPDATE OF "name", "description" ON "permission_scopes" BEGIN
                  INSERT INTO "permission_scopes_fts" ("permission_scopes_fts", rowid, "name", "description") VALUES ('delete', OLD.rowid, OLD."name", OLD."description");
                  INSERT INTO "permission_scopes_fts" (rowid, "name", "description") VALUES (NEW.rowid, NEW."name", NEW."description");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_permission_scopes_updated_at" AFTER UPDATE ON "permission_scopes" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "permission_scopes" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "user_group_permissions" (
                  "id" TEXT CONSTRAINT "ck_user_group_permissions_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_user_group_permissions_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "user_group_id" TEXT CONSTRAINT "ck_user_group_permissions_user_group_id_type" CHECK (length("user_group_id") = 36) NOT NULL,
                  "permission_scope_id" TEXT CONSTRAINT "ck_user_group_permissions_permission_scope_id_type" CHECK (length("permission_scope_id") = 36) NOT NULL,
                  "created_at" TEXT CONSTRAINT "ck_user_group_permissions_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_user_group_permissions_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_group_permission" UNIQUE ("user_group_id", "permission_scope_id"),
                  CONSTRAINT "fk_user_group_permissions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_user_group_permissions_user_group_id" FOREIGN KEY ("user_group_id") REFERENCES "user_groups" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_user_group_permissions_permission_scope_id" FOREIGN KEY ("permission_scope_id") REFERENCES "permission_scopes" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_user_group_permissions_tenant_id" ON "user_group_permissions" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_user_group_permissions_permission_scope_id" ON "user_group_permissions" ("permission_scope_id")"#,
                #"""
                CREATE TRIGGER "trg_user_group_permissions_updated_at" AFTER UPDATE ON "user_group_permissions" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "user_group_permissions" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "sessions" (
                  "id" TEXT CONSTRAINT "ck_sessions_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "user_id" TEXT CONSTRAINT "ck_sessions_user_id_type" CHECK (length("user_id") = 36) NOT NULL,
                  "tenant_id" TEXT CONSTRAINT "ck_sessions_tenant_id_type" CHECK (length("tenant_id") = 36),
                  "token_hash" TEXT CONSTRAINT "ck_sessions_token_hash_type" CHECK (length("token_hash") <= 128) NOT NULL,
                  "user_agent" TEXT,
                  "ip_address" TEXT,
                  "expires_at" TEXT CONSTRAINT "ck_sessions_expires_at_type" CHECK ("expires_at" IS NULL OR julianday("expires_at") IS NOT NULL) NOT NULL,
                  "last_activity_at" TEXT CONSTRAINT "ck_sessions_last_activity_at_type" CHECK ("last_activity_at" IS NULL OR julianday("last_activity_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "created_at" TEXT CONSTRAINT "ck_sessions_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_sessions_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_sessions_token_hash" UNIQUE ("token_hash"),
                  CONSTRAINT "fk_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_sessions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE SET NULL
                ) STRICT
                """#,
                #"CREATE INDEX "idx_sessions_user" ON "sessions" ("user_id")"#,
                #"CREATE INDEX "idx_sessions_expires" ON "sessions" ("expires_at")"#,
                #"CREATE INDEX "idx_sessions_tenant_id" ON "sessions" ("tenant_id", "id")"#,
                #"""
                CREATE TRIGGER "trg_sessions_updated_at" AFTER UPDATE ON "sessions" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "sessions" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "api_keys" (
                  "id" TEXT CONSTRAINT "ck_api_keys_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_api_keys_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL,
                  "user_id" TEXT CONSTRAINT "ck_api_keys_user_id_type" CHECK (length("user_id") = 36) NOT NULL,
                  "name" TEXT CONSTRAINT "ck_api_keys_name_type" CHECK (length("name") <= 255),
                  "key_prefix" TEXT CONSTRAINT "ck_api_keys_key_prefix_type" CHECK (length("key_prefix") <= 16) NOT NULL,
                  "key_hash" TEXT CONSTRAINT "ck_api_keys_key_hash_type" CHECK (length("key_hash") <= 128) NOT NULL,
                  "scopes" TEXT CONSTRAINT "ck_api_keys_scopes_type" CHECK (json_valid("scopes") AND json_type("scopes") = 'array') NOT NULL DEFAULT '[]',
                  "last_used_at" TEXT CONSTRAINT "ck_api_keys_last_used_at_type" CHECK ("last_used_at" IS NULL OR julianday("last_used_at") IS NOT NULL),
                  "expires_at" TEXT CONSTRAINT "ck_api_keys_expires_at_type" CHECK ("expires_at" IS NULL OR julianday("expires_at") IS NOT NULL),
                  "revoked_at" TEXT CONSTRAINT "ck_api_keys_revoked_at_type" CHECK ("revoked_at" IS NULL OR julianday("revoked_at") IS NOT NULL),
                  "created_at" TEXT CONSTRAINT "ck_api_keys_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_api_keys_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_api_keys_key_hash" UNIQUE ("key_hash"),
                  CONSTRAINT "fk_api_keys_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_api_keys_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_api_keys_user" ON "api_keys" ("user_id")"#,
                #"CREATE INDEX "idx_api_keys_tenant_id" ON "api_keys" ("tenant_id", "id")"#,
                #"""
                CREATE TRIGGER "trg_api_keys_updated_at" AFTER UPDATE ON "api_keys" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "api_keys" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "api_keys""#,
                #"DROP TABLE IF EXISTS "sessions""#,
                #"DROP TABLE IF EXISTS "user_group_permissions""#,
                #"DROP TABLE IF EXISTS "permission_scopes_fts""#,
                #"DROP TABLE IF EXISTS "permission_scopes""#,
                #"DROP TABLE IF EXISTS "user_group_members""#,
                #"DROP TABLE IF EXISTS "user_groups_fts""#,
                #"DROP TABLE IF EXISTS "user_groups""#,
                #"DROP TABLE IF EXISTS "tenant_memberships""#,
                #"DROP TABLE IF EXISTS "users_fts""#,
                #"DROP TABLE IF EXISTS "users""#,
                #"DROP TABLE IF EXISTS "tenants_fts""#,
                #"DROP TABLE IF EXISTS "tenants""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "tenants" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "name" varchar(255) NOT NULL,
                  "slug" varchar(100) NOT NULL,
                  "description" text,
                  "settings" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "subscription_tier" varchar(50) NOT NULL DEFAULT 'basic',
                  "is_active" boolean NOT NULL DEFAULT true,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_tenants_slug" UNIQUE ("slug"),
                  CONSTRAINT "ck_tenants_subscription_tier_value" CHECK ("subscription_tier" IN ('basic', 'pro', 'enterprise')),
                  CONSTRAINT "ck_tenants_slug_format" CHECK (slug <> '' AND slug NOT LIKE '% %')
                )
                """#,
                #"CREATE INDEX "idx_tenants_created_at" ON "tenants" ("created_at")"#,
                #"CREATE INDEX "idx_tenants_search" ON "tenants" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_tenants_updated_at" BEFORE UPDATE ON "tenants" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "users" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "email" varchar(255) NOT NULL,
                  "full_name" varchar(255),
                  "password_hash" varchar(255),
                  "avatar_url" text,
                  "locale" varchar(20),
                  "timezone" varchar(64),
                  "is_active" boolean NOT NULL DEFAULT true,
                  "is_system_admin" boolean NOT NULL DEFAULT false,
                  "last_login_at" timestamptz(3),
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "deleted_at" timestamptz(3),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("email", '') || ' ' || coalesce("full_name", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_users_email" UNIQUE ("email"),
                  CONSTRAINT "ck_users_email_format" CHECK (email LIKE '%_@_%')
                )
                """#,
                #"CREATE INDEX "idx_users_search" ON "users" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_users_updated_at" BEFORE UPDATE ON "users" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "tenant_memberships" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "user_id" uuid NOT NULL,
                  "role" varchar(20) NOT NULL DEFAULT 'viewer',
                  "is_active" boolean NOT NULL DEFAULT true,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_tenant_memberships_role_value" CHECK ("role" IN ('owner', 'admin', 'editor', 'viewer')),
                  CONSTRAINT "unique_tenant_membership" UNIQUE ("tenant_id", "user_id"),
                  CONSTRAINT "fk_tenant_memberships_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_tenant_memberships_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_tenant_memberships_user" ON "tenant_memberships" ("user_id")"#,
                #"CREATE INDEX "idx_tenant_memberships_tenant_id" ON "tenant_memberships" ("tenant_id", "id")"#,
                #"CREATE TRIGGER "trg_tenant_memberships_updated_at" BEFORE UPDATE ON "tenant_memberships" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "user_groups" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "name" varchar(255) NOT NULL,
                  "description" text,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_user_group_name" UNIQUE ("tenant_id", "name"),
                  CONSTRAINT "fk_user_groups_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_user_groups_tenant_id" ON "user_groups" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_user_groups_search" ON "user_groups" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_user_groups_updated_at" BEFORE UPDATE ON "user_groups" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "user_group_members" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "user_group_id" uuid NOT NULL,
                  "user_id" uuid NOT NULL,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_user_group_member" UNIQUE ("user_group_id", "user_id"),
                  CONSTRAINT "fk_user_group_members_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_user_group_members_user_group_id" FOREIGN KEY ("user_group_id") REFERENCES "user_groups" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_user_group_members_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_user_group_members_tenant_id" ON "user_group_members" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_user_group_members_user_id" ON "user_group_members" ("user_id")"#,
                #"""
                CREATE TABLE "permission_scopes" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "name" varchar(255) NOT NULL,
                  "module" varchar(50) NOT NULL,
                  "action" varchar(50) NOT NULL,
                  "description" text,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("name", '') || ' ' || coalesce("description", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_permission_scopes_name" UNIQUE ("name"),
                  CONSTRAINT "unique_permission_module_action" UNIQUE ("module", "action")
                )
                """#,
                #"CREATE INDEX "idx_permission_scopes_search" ON "permission_scopes" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_permission_scopes_updated_at" BEFORE UPDATE ON "permission_scopes" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "user_group_permissions" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "user_group_id" uuid NOT NULL,
                  "permission_scope_id" uuid NOT NULL,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_group_permission" UNIQUE ("user_group_id", "permission_scope_id"),
                  CONSTRAINT "fk_user_group_permissions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_user_group_permissions_user_group_id" FOREIGN KEY ("user_group_id") REFERENCES "user_groups" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_user_group_permissions_permission_scope_id" FOREIGN KEY ("permission_scope_id") REFERENCES "permission_scopes" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_user_group_permissions_tenant_id" ON "user_group_permissions" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_user_group_permissions_permission_scope_id" ON "user_group_permissions" ("permission_scope_id")"#,
                #"CREATE TRIGGER "trg_user_group_permissions_updated_at" BEFORE UPDATE ON "user_group_permissions" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "sessions" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "user_id" uuid NOT NULL,
                  "tenant_id" uuid,
                  "token_hash" varchar(128) NOT NULL,
                  "user_agent" text,
                  "ip_address" inet,
                  "expires_at" timestamptz(3) NOT NULL,
                  "last_activity_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_sessions_token_hash" UNIQUE ("token_hash"),
                  CONSTRAINT "fk_sessions_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_sessions_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE SET NULL
                )
                """#,
                #"CREATE INDEX "idx_sessions_user" ON "sessions" ("user_id")"#,
                #"CREATE INDEX "idx_sessions_expires" ON "sessions" ("expires_at")"#,
                #"CREATE INDEX "idx_sessions_tenant_id" ON "sessions" ("tenant_id", "id")"#,
                #"CREATE TRIGGER "trg_sessions_updated_at" BEFORE UPDATE ON "sessions" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "api_keys" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL,
                  "user_id" uuid NOT NULL,
                  "name" varchar(255),
                  "key_prefix" varchar(16) NOT NULL,
                  "key_hash" varchar(128) NOT NULL,
                  "scopes" text[] NOT NULL DEFAULT '{}',
                  "last_used_at" timestamptz(3),
                  "expires_at" timestamptz(3),
                  "revoked_at" timestamptz(3),
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "uq_api_keys_key_hash" UNIQUE ("key_hash"),
                  CONSTRAINT "fk_api_keys_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  CONSTRAINT "fk_api_keys_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_api_keys_user" ON "api_keys" ("user_id")"#,
                #"CREATE INDEX "idx_api_keys_tenant_id" ON "api_keys" ("tenant_id", "id")"#,
                #"CREATE TRIGGER "trg_api_keys_updated_at" BEFORE UPDATE ON "api_keys" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "api_keys" CASCADE"#,
                #"DROP TABLE IF EXISTS "sessions" CASCADE"#,
                #"DROP TABLE IF EXISTS "user_group_permissions" CASCADE"#,
                #"DROP TABLE IF EXISTS "permission_scopes" CASCADE"#,
                #"DROP TABLE IF EXISTS "user_group_members" CASCADE"#,
                #"DROP TABLE IF EXISTS "user_groups" CASCADE"#,
                #"DROP TABLE IF EXISTS "tenant_memberships" CASCADE"#,
                #"DROP TABLE IF EXISTS "users" CASCADE"#,
                #"DROP TABLE IF EXISTS "tenants" CASCADE"#,
            ]))
}
