// AddVoteTotals: new tables model_vote_totals and user_vote_totals (feedback per tenant, and per voter, task
// category and model as weighted votes, so a recommendation reads a row or two per candidate; filled by the
// next full rollup), new index idx_feedback_voter_model (a voter's votes on a model in a category), and
// ai_model_performance_aggregates.total_cost_usd widened from seed 002's DECIMAL(10,2) to (16,6): in cents a
// day of cheap calls rolled up to $0.00. That part is written by hand: on SQLite only the column's range check
// changes, edited in the stored table definition as in WidenRateCounters, and an index is rebuilt so every
// open connection reloads the schema.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension ModelsMigrations {
    static let addVoteTotals = FrozenMigration(
        name: "AddVoteTotals", sequence: 22,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "model_vote_totals" (
                  "id" TEXT CONSTRAINT "ck_model_vote_totals_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_model_vote_totals_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL CONSTRAINT "fk_model_vote_totals_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "category_key" TEXT CONSTRAINT "ck_model_vote_totals_category_key_type" CHECK (length("category_key") <= 100) NOT NULL CONSTRAINT "fk_model_vote_totals_category_key" REFERENCES "ai_task_categories" ("category_key") ON DELETE CASCADE,
                  "model_id" TEXT CONSTRAINT "ck_model_vote_totals_model_id_type" CHECK (length("model_id") = 36) NOT NULL CONSTRAINT "fk_model_vote_totals_model_id" REFERENCES "llm_models" ("id") ON DELETE CASCADE,
                  "votes" INTEGER CONSTRAINT "ck_model_vote_totals_votes_type" CHECK ("votes" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "favour" REAL NOT NULL DEFAULT 0,
                  "against" REAL NOT NULL DEFAULT 0,
                  "updated_at" TEXT CONSTRAINT "ck_model_vote_totals_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_model_vote_totals" UNIQUE ("tenant_id", "category_key", "model_id")
                ) STRICT
                """#,
                #"CREATE INDEX "idx_model_vote_totals_tenant_id" ON "model_vote_totals" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_model_vote_totals_category_key" ON "model_vote_totals" ("category_key")"#,
                #"CREATE INDEX "idx_model_vote_totals_model_id" ON "model_vote_totals" ("model_id")"#,
                #"""
                CREATE TRIGGER "trg_model_vote_totals_updated_at" AFTER UPDATE ON "model_vote_totals" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "model_vote_totals" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "user_vote_totals" (
                  "id" TEXT CONSTRAINT "ck_user_vote_totals_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_user_vote_totals_tenant_id_type" CHECK (length("tenant_id") = 36) NOT NULL CONSTRAINT "fk_user_vote_totals_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "user_id" TEXT CONSTRAINT "ck_user_vote_totals_user_id_type" CHECK (length("user_id") = 36) NOT NULL CONSTRAINT "fk_user_vote_totals_user_id" REFERENCES "users" ("id") ON DELETE CASCADE,
                  "category_key" TEXT CONSTRAINT "ck_user_vote_totals_category_key_type" CHECK (length("category_key") <= 100) NOT NULL CONSTRAINT "fk_user_vote_totals_category_key" REFERENCES "ai_task_categories" ("category_key") ON DELETE CASCADE,
                  "model_id" TEXT CONSTRAINT "ck_user_vote_totals_model_id_type" CHECK (length("model_id") = 36) NOT NULL CONSTRAINT "fk_user_vote_totals_model_id" REFERENCES "llm_models" ("id") ON DELETE CASCADE,
                  "votes" INTEGER CONSTRAINT "ck_user_vote_totals_votes_type" CHECK ("votes" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "favour" REAL NOT NULL DEFAULT 0,
                  "against" REAL NOT NULL DEFAULT 0,
                  "updated_at" TEXT CONSTRAINT "ck_user_vote_totals_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_user_vote_totals" UNIQUE ("tenant_id", "user_id", "category_key", "model_id")
                ) STRICT
                """#,
                #"CREATE INDEX "idx_user_vote_totals_tenant_id" ON "user_vote_totals" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_user_vote_totals_user_id" ON "user_vote_totals" ("user_id")"#,
                #"CREATE INDEX "idx_user_vote_totals_category_key" ON "user_vote_totals" ("category_key")"#,
                #"CREATE INDEX "idx_user_vote_totals_model_id" ON "user_vote_totals" ("model_id")"#,
                #"""
                CREATE TRIGGER "trg_user_vote_totals_updated_at" AFTER UPDATE ON "user_vote_totals" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "user_vote_totals" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"CREATE INDEX "idx_feedback_voter_model" ON "ai_user_feedback" ("tenant_id", "user_id", "model_id", "category_key")"#,
                #"PRAGMA writable_schema = ON"#,
                #"""
                UPDATE sqlite_schema SET sql = replace(sql,
                  'CHECK (abs("total_cost_usd") < 100000000)',
                  'CHECK (abs("total_cost_usd") < 10000000000)')
                WHERE type = 'table' AND name = 'ai_model_performance_aggregates'
                """#,
                #"PRAGMA writable_schema = RESET"#,
                #"DROP INDEX "idx_perf_agg_period""#,
                #"CREATE INDEX "idx_perf_agg_period" ON "ai_model_performance_aggregates" ("period_type", "period_start")"#,
            ],
            down: [
                #"DELETE FROM "ai_model_performance_aggregates" WHERE abs("total_cost_usd") >= 100000000"#,
                #"UPDATE "ai_model_performance_aggregates" SET "total_cost_usd" = round("total_cost_usd", 2)"#,
                #"PRAGMA writable_schema = ON"#,
                #"""
                UPDATE sqlite_schema SET sql = replace(sql,
                  'CHECK (abs("total_cost_usd") < 10000000000)',
                  'CHECK (abs("total_cost_usd") < 100000000)')
                WHERE type = 'table' AND name = 'ai_model_performance_aggregates'
                """#,
                #"PRAGMA writable_schema = RESET"#,
                #"DROP INDEX "idx_perf_agg_period""#,
                #"CREATE INDEX "idx_perf_agg_period" ON "ai_model_performance_aggregates" ("period_type", "period_start")"#,
                #"DROP INDEX IF EXISTS "idx_feedback_voter_model""#,
                #"DROP TABLE IF EXISTS "user_vote_totals""#,
                #"DROP TABLE IF EXISTS "model_vote_totals""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "model_vote_totals" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL CONSTRAINT "fk_model_vote_totals_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "category_key" varchar(100) NOT NULL CONSTRAINT "fk_model_vote_totals_category_key" REFERENCES "ai_task_categories" ("category_key") ON DELETE CASCADE,
                  "model_id" uuid NOT NULL CONSTRAINT "fk_model_vote_totals_model_id" REFERENCES "llm_models" ("id") ON DELETE CASCADE,
                  "votes" integer NOT NULL DEFAULT 0,
                  "favour" double precision NOT NULL DEFAULT 0,
                  "against" double precision NOT NULL DEFAULT 0,
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_model_vote_totals" UNIQUE ("tenant_id", "category_key", "model_id")
                )
                """#,
                #"CREATE INDEX "idx_model_vote_totals_tenant_id" ON "model_vote_totals" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_model_vote_totals_category_key" ON "model_vote_totals" ("category_key")"#,
                #"CREATE INDEX "idx_model_vote_totals_model_id" ON "model_vote_totals" ("model_id")"#,
                #"CREATE TRIGGER "trg_model_vote_totals_updated_at" BEFORE UPDATE ON "model_vote_totals" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "user_vote_totals" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid NOT NULL CONSTRAINT "fk_user_vote_totals_tenant_id" REFERENCES "tenants" ("id") ON DELETE CASCADE,
                  "user_id" uuid NOT NULL CONSTRAINT "fk_user_vote_totals_user_id" REFERENCES "users" ("id") ON DELETE CASCADE,
                  "category_key" varchar(100) NOT NULL CONSTRAINT "fk_user_vote_totals_category_key" REFERENCES "ai_task_categories" ("category_key") ON DELETE CASCADE,
                  "model_id" uuid NOT NULL CONSTRAINT "fk_user_vote_totals_model_id" REFERENCES "llm_models" ("id") ON DELETE CASCADE,
                  "votes" integer NOT NULL DEFAULT 0,
                  "favour" double precision NOT NULL DEFAULT 0,
                  "against" double precision NOT NULL DEFAULT 0,
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_user_vote_totals" UNIQUE ("tenant_id", "user_id", "category_key", "model_id")
                )
                """#,
                #"CREATE INDEX "idx_user_vote_totals_tenant_id" ON "user_vote_totals" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_user_vote_totals_user_id" ON "user_vote_totals" ("user_id")"#,
                #"CREATE INDEX "idx_user_vote_totals_category_key" ON "user_vote_totals" ("category_key")"#,
                #"CREATE INDEX "idx_user_vote_totals_model_id" ON "user_vote_totals" ("model_id")"#,
                #"CREATE TRIGGER "trg_user_vote_totals_updated_at" BEFORE UPDATE ON "user_vote_totals" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"CREATE INDEX "idx_feedback_voter_model" ON "ai_user_feedback" ("tenant_id", "user_id", "model_id", "category_key")"#,
                #"ALTER TABLE "ai_model_performance_aggregates" ALTER COLUMN "total_cost_usd" TYPE numeric(16,6)"#,
            ],
            down: [
                #"DELETE FROM "ai_model_performance_aggregates" WHERE abs("total_cost_usd") >= 100000000"#,
                #"ALTER TABLE "ai_model_performance_aggregates" ALTER COLUMN "total_cost_usd" TYPE numeric(10,2)"#,
                #"DROP INDEX IF EXISTS "idx_feedback_voter_model""#,
                #"DROP TABLE IF EXISTS "user_vote_totals" CASCADE"#,
                #"DROP TABLE IF EXISTS "model_vote_totals" CASCADE"#,
            ]))
}
