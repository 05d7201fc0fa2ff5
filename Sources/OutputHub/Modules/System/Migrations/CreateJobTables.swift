// CreateJobTables: the durable job queue, the record of scheduled task periods, and the window counters behind
// limits that hold across app servers (sign-in throttle, gateway call limits).
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension SystemMigrations {
    static let createJobTables = FrozenMigration(
        name: "CreateJobTables", sequence: 14,
        sqlite: .init(
            up: [
                #"""
                CREATE TABLE "jobs" (
                  "id" TEXT CONSTRAINT "ck_jobs_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "tenant_id" TEXT CONSTRAINT "ck_jobs_tenant_id_type" CHECK (length("tenant_id") = 36),
                  "kind" TEXT CONSTRAINT "ck_jobs_kind_type" CHECK (length("kind") <= 100) NOT NULL,
                  "payload" TEXT CONSTRAINT "ck_jobs_payload_type" CHECK (json_valid("payload")) NOT NULL DEFAULT '{}',
                  "state" TEXT CONSTRAINT "ck_jobs_state_type" CHECK (length("state") <= 20) NOT NULL DEFAULT 'queued',
                  "attempts" INTEGER CONSTRAINT "ck_jobs_attempts_type" CHECK ("attempts" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "max_attempts" INTEGER CONSTRAINT "ck_jobs_max_attempts_type" CHECK ("max_attempts" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 5,
                  "run_at" TEXT CONSTRAINT "ck_jobs_run_at_type" CHECK ("run_at" IS NULL OR julianday("run_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "locked_by" TEXT CONSTRAINT "ck_jobs_locked_by_type" CHECK (length("locked_by") <= 100),
                  "locked_until" TEXT CONSTRAINT "ck_jobs_locked_until_type" CHECK ("locked_until" IS NULL OR julianday("locked_until") IS NOT NULL),
                  "last_error" TEXT,
                  "finished_at" TEXT CONSTRAINT "ck_jobs_finished_at_type" CHECK ("finished_at" IS NULL OR julianday("finished_at") IS NOT NULL),
                  "created_at" TEXT CONSTRAINT "ck_jobs_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  "updated_at" TEXT CONSTRAINT "ck_jobs_updated_at_type" CHECK ("updated_at" IS NULL OR julianday("updated_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_jobs_state_value" CHECK ("state" IN ('queued', 'running', 'succeeded', 'dead')),
                  CONSTRAINT "ck_jobs_max_attempts_range" CHECK ("max_attempts" BETWEEN 1 AND 100),
                  CONSTRAINT "fk_jobs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                ) STRICT
                """#,
                #"CREATE INDEX "idx_jobs_due" ON "jobs" ("state", "run_at")"#,
                #"CREATE INDEX "idx_jobs_kind" ON "jobs" ("kind", "created_at")"#,
                #"CREATE INDEX "idx_jobs_tenant_id" ON "jobs" ("tenant_id", "id")"#,
                #"CREATE VIRTUAL TABLE "jobs_fts" USING fts5("kind", "last_error", content='jobs', content_rowid='rowid', tokenize='porter unicode61')"#,
                #"CREATE TRIGGER "trg_jobs_fts_insert" AFTER INSERT ON "jobs" BEGIN INSERT INTO "jobs_fts" (rowid, "kind", "last_error") VALUES (NEW.rowid, NEW."kind", NEW."last_error"); END"#,
                #"CREATE TRIGGER "trg_jobs_fts_delete" AFTER DELETE ON "jobs" BEGIN INSERT INTO "jobs_fts" ("jobs_fts", rowid, "kind", "last_error") VALUES ('delete', OLD.rowid, OLD."kind", OLD."last_error"); END"#,
                #"""
                CREATE TRIGGER "trg_jobs_fts_update" AFTER UPDATE OF "kind", "last_error" ON "jobs" BEGIN
                  INSERT INTO "jobs_fts" ("jobs_fts", rowid, "kind", "last_error") VALUES ('delete', OLD.rowid, OLD."kind", OLD."last_error");
                  INSERT INTO "jobs_fts" (rowid, "kind", "last_error") VALUES (NEW.rowid, NEW."kind", NEW."last_error");
                END
                """#,
                #"""
                CREATE TRIGGER "trg_jobs_updated_at" AFTER UPDATE ON "jobs" FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE "jobs" SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid; END
                """#,
                #"""
                CREATE TABLE "scheduled_task_runs" (
                  "id" TEXT CONSTRAINT "ck_scheduled_task_runs_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "task" TEXT CONSTRAINT "ck_scheduled_task_runs_task_type" CHECK (length("task") <= 100) NOT NULL,
                  "period_start" TEXT CONSTRAINT "ck_scheduled_task_runs_period_start_type" CHECK ("period_start" IS NULL OR julianday("period_start") IS NOT NULL) NOT NULL,
                  "job_id" TEXT CONSTRAINT "ck_scheduled_task_runs_job_id_type" CHECK (length("job_id") = 36),
                  "created_at" TEXT CONSTRAINT "ck_scheduled_task_runs_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_scheduled_task_period" UNIQUE ("task", "period_start"),
                  CONSTRAINT "fk_scheduled_task_runs_job_id" FOREIGN KEY ("job_id") REFERENCES "jobs" ("id") ON DELETE SET NULL
                ) STRICT
                """#,
                #"CREATE INDEX "idx_scheduled_task_runs_job_id" ON "scheduled_task_runs" ("job_id")"#,
                #"""
                CREATE TABLE "rate_counters" (
                  "id" TEXT CONSTRAINT "ck_rate_counters_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "key" TEXT CONSTRAINT "ck_rate_counters_key_type" CHECK (length("key") <= 255) NOT NULL,
                  "window_start" TEXT CONSTRAINT "ck_rate_counters_window_start_type" CHECK ("window_start" IS NULL OR julianday("window_start") IS NOT NULL) NOT NULL,
                  "count" INTEGER CONSTRAINT "ck_rate_counters_count_type" CHECK ("count" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0,
                  "expires_at" TEXT CONSTRAINT "ck_rate_counters_expires_at_type" CHECK ("expires_at" IS NULL OR julianday("expires_at") IS NOT NULL) NOT NULL,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_rate_counter_window" UNIQUE ("key", "window_start")
                ) STRICT
                """#,
                #"CREATE INDEX "idx_rate_counters_expires_at" ON "rate_counters" ("expires_at")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "rate_counters""#,
                #"DROP TABLE IF EXISTS "scheduled_task_runs""#,
                #"DROP TABLE IF EXISTS "jobs_fts""#,
                #"DROP TABLE IF EXISTS "jobs""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE TABLE "jobs" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "tenant_id" uuid,
                  "kind" varchar(100) NOT NULL,
                  "payload" jsonb NOT NULL DEFAULT '{}'::jsonb,
                  "state" varchar(20) NOT NULL DEFAULT 'queued',
                  "attempts" integer NOT NULL DEFAULT 0,
                  "max_attempts" integer NOT NULL DEFAULT 5,
                  "run_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "locked_by" varchar(100),
                  "locked_until" timestamptz(3),
                  "last_error" text,
                  "finished_at" timestamptz(3),
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "updated_at" timestamptz(3) NOT NULL DEFAULT now(),
                  "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('english', coalesce("kind", '') || ' ' || coalesce("last_error", ''))) STORED,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "ck_jobs_state_value" CHECK ("state" IN ('queued', 'running', 'succeeded', 'dead')),
                  CONSTRAINT "ck_jobs_max_attempts_range" CHECK ("max_attempts" BETWEEN 1 AND 100),
                  CONSTRAINT "fk_jobs_tenant_id" FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE
                )
                """#,
                #"CREATE INDEX "idx_jobs_due" ON "jobs" ("state", "run_at")"#,
                #"CREATE INDEX "idx_jobs_kind" ON "jobs" ("kind", "created_at")"#,
                #"CREATE INDEX "idx_jobs_tenant_id" ON "jobs" ("tenant_id", "id")"#,
                #"CREATE INDEX "idx_jobs_search" ON "jobs" USING gin ("search_vector")"#,
                #"CREATE TRIGGER "trg_jobs_updated_at" BEFORE UPDATE ON "jobs" FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()"#,
                #"""
                CREATE TABLE "scheduled_task_runs" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "task" varchar(100) NOT NULL,
                  "period_start" timestamptz(3) NOT NULL,
                  "job_id" uuid,
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_scheduled_task_period" UNIQUE ("task", "period_start"),
                  CONSTRAINT "fk_scheduled_task_runs_job_id" FOREIGN KEY ("job_id") REFERENCES "jobs" ("id") ON DELETE SET NULL
                )
                """#,
                #"CREATE INDEX "idx_scheduled_task_runs_job_id" ON "scheduled_task_runs" ("job_id")"#,
                #"""
                CREATE TABLE "rate_counters" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "key" varchar(255) NOT NULL,
                  "window_start" timestamptz(3) NOT NULL,
                  "count" integer NOT NULL DEFAULT 0,
                  "expires_at" timestamptz(3) NOT NULL,
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_rate_counter_window" UNIQUE ("key", "window_start")
                )
                """#,
                #"CREATE INDEX "idx_rate_counters_expires_at" ON "rate_counters" ("expires_at")"#,
            ],
            down: [
                #"DROP TABLE IF EXISTS "rate_counters" CASCADE"#,
                #"DROP TABLE IF EXISTS "scheduled_task_runs" CASCADE"#,
                #"DROP TABLE IF EXISTS "jobs" CASCADE"#,
            ]))
}
