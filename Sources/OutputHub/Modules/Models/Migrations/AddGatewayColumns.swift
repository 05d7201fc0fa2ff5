// AddGatewayColumns: new column llm_providers.api_style, new table llm_model_prices, new column
// model_configurations.api_base_url, new column model_configurations.fallback_configuration_id, new column
// model_configurations.timeout_seconds, new index idx_model_configurations_fallback_configuration_id, new column
// ai_logs.api_key_id, new column ai_logs.cache_write_tokens, new column ai_logs.cached_input_tokens, new column
// ai_logs.output_id, new column ai_logs.price_id, new column ai_logs.reasoning_tokens, new column
// ai_logs.retries, new column ai_logs.time_to_first_token_ms, new index idx_ai_logs_api_key_id, new index
// idx_ai_logs_output_id, new index idx_ai_logs_price.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).
//
// Written by hand on top of what make-migration planned: ai_logs.cost_usd becomes nullable without a default
// (NULL = unknown, never a silent $0) and its status gains `refused`; model_configurations.total_cost keeps
// six decimals (on PostgreSQL; SQLite's REAL and check are the same); the seeded providers get their API
// style, base URL and key variable; the prices models had become their first dated price rows.
// SQLite cannot alter a column's constraints, and rebuilding ai_logs would cascade to its feedback, so the
// table's stored definition is edited in place as SQLite documents for loosening constraints
// (https://sqlite.org/lang_altertable.html#otheralter): `writable_schema=RESET` reloads this connection's
// schema and the CREATE INDEX statements after it change the schema version, so every other connection
// reloads it too. API keys get a monthly budget of their own (a tenant's is its gateway_monthly_budget_usd setting). Its down keeps the providers' base URLs and key variables (empty before, harmless after).

extension ModelsMigrations {
    static let addGatewayColumns = FrozenMigration(
        name: "AddGatewayColumns", sequence: 15,
        sqlite: .init(
            up: [
                #"ALTER TABLE "llm_providers" ADD COLUMN "api_style" TEXT CONSTRAINT "ck_llm_providers_api_style_type" CHECK (length("api_style") <= 20) NOT NULL DEFAULT 'openai' CONSTRAINT "ck_llm_providers_api_style_value" CHECK ("api_style" IN ('openai', 'anthropic'))"#,
                #"""
                CREATE TABLE "llm_model_prices" (
                  "id" TEXT CONSTRAINT "ck_llm_model_prices_id_type" CHECK (length("id") = 36) NOT NULL DEFAULT (lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))),
                  "model_id" TEXT CONSTRAINT "ck_llm_model_prices_model_id_type" CHECK (length("model_id") = 36) NOT NULL CONSTRAINT "fk_llm_model_prices_model_id" REFERENCES "llm_models" ("id") ON DELETE CASCADE,
                  "valid_from" TEXT CONSTRAINT "ck_llm_model_prices_valid_from_type" CHECK ("valid_from" IS NULL OR julianday("valid_from") IS NOT NULL) NOT NULL,
                  "input_per_million" REAL CONSTRAINT "ck_llm_model_prices_input_per_million_type" CHECK (abs("input_per_million") < 100000000) CONSTRAINT "ck_llm_model_prices_input_per_million_range" CHECK ("input_per_million" BETWEEN 0 AND 99999999),
                  "output_per_million" REAL CONSTRAINT "ck_llm_model_prices_output_per_million_type" CHECK (abs("output_per_million") < 100000000) CONSTRAINT "ck_llm_model_prices_output_per_million_range" CHECK ("output_per_million" BETWEEN 0 AND 99999999),
                  "cached_input_per_million" REAL CONSTRAINT "ck_llm_model_prices_cached_input_per_million_type" CHECK (abs("cached_input_per_million") < 100000000) CONSTRAINT "ck_llm_model_prices_cached_input_per_million_range" CHECK ("cached_input_per_million" BETWEEN 0 AND 99999999),
                  "cache_write_per_million" REAL CONSTRAINT "ck_llm_model_prices_cache_write_per_million_type" CHECK (abs("cache_write_per_million") < 100000000) CONSTRAINT "ck_llm_model_prices_cache_write_per_million_range" CHECK ("cache_write_per_million" BETWEEN 0 AND 99999999),
                  "reasoning_per_million" REAL CONSTRAINT "ck_llm_model_prices_reasoning_per_million_type" CHECK (abs("reasoning_per_million") < 100000000) CONSTRAINT "ck_llm_model_prices_reasoning_per_million_range" CHECK ("reasoning_per_million" BETWEEN 0 AND 99999999),
                  "per_request" REAL CONSTRAINT "ck_llm_model_prices_per_request_type" CHECK (abs("per_request") < 100000000) CONSTRAINT "ck_llm_model_prices_per_request_range" CHECK ("per_request" BETWEEN 0 AND 99999999),
                  "input_per_image" REAL CONSTRAINT "ck_llm_model_prices_input_per_image_type" CHECK (abs("input_per_image") < 100000000) CONSTRAINT "ck_llm_model_prices_input_per_image_range" CHECK ("input_per_image" BETWEEN 0 AND 99999999),
                  "output_per_image" REAL CONSTRAINT "ck_llm_model_prices_output_per_image_type" CHECK (abs("output_per_image") < 100000000) CONSTRAINT "ck_llm_model_prices_output_per_image_range" CHECK ("output_per_image" BETWEEN 0 AND 99999999),
                  "source" TEXT CONSTRAINT "ck_llm_model_prices_source_type" CHECK (length("source") <= 50),
                  "created_at" TEXT CONSTRAINT "ck_llm_model_prices_created_at_type" CHECK ("created_at" IS NULL OR julianday("created_at") IS NOT NULL) NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_model_price_from" UNIQUE ("model_id", "valid_from")
                ) STRICT
                """#,
                #"ALTER TABLE "model_configurations" ADD COLUMN "api_base_url" TEXT"#,
                #"ALTER TABLE "model_configurations" ADD COLUMN "fallback_configuration_id" TEXT CONSTRAINT "ck_model_configurations_fallback_configuration_id_type" CHECK (length("fallback_configuration_id") = 36) CONSTRAINT "fk_model_configurations_fallback_configuration_id" REFERENCES "model_configurations" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "model_configurations" ADD COLUMN "timeout_seconds" INTEGER CONSTRAINT "ck_model_configurations_timeout_seconds_type" CHECK ("timeout_seconds" BETWEEN -2147483648 AND 2147483647) CONSTRAINT "ck_model_configurations_timeout_seconds_range" CHECK ("timeout_seconds" BETWEEN 1 AND 3600)"#,
                #"CREATE INDEX "idx_model_configurations_fallback_configuration_id" ON "model_configurations" ("fallback_configuration_id")"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "api_key_id" TEXT CONSTRAINT "ck_ai_logs_api_key_id_type" CHECK (length("api_key_id") = 36) CONSTRAINT "fk_ai_logs_api_key_id" REFERENCES "api_keys" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "cache_write_tokens" INTEGER CONSTRAINT "ck_ai_logs_cache_write_tokens_type" CHECK ("cache_write_tokens" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "cached_input_tokens" INTEGER CONSTRAINT "ck_ai_logs_cached_input_tokens_type" CHECK ("cached_input_tokens" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "output_id" TEXT CONSTRAINT "ck_ai_logs_output_id_type" CHECK (length("output_id") = 36) CONSTRAINT "fk_ai_logs_output_id" REFERENCES "outputs" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "price_id" TEXT CONSTRAINT "ck_ai_logs_price_id_type" CHECK (length("price_id") = 36) CONSTRAINT "fk_ai_logs_price_id" REFERENCES "llm_model_prices" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "reasoning_tokens" INTEGER CONSTRAINT "ck_ai_logs_reasoning_tokens_type" CHECK ("reasoning_tokens" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "retries" INTEGER CONSTRAINT "ck_ai_logs_retries_type" CHECK ("retries" BETWEEN -2147483648 AND 2147483647) NOT NULL DEFAULT 0"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "time_to_first_token_ms" INTEGER CONSTRAINT "ck_ai_logs_time_to_first_token_ms_type" CHECK ("time_to_first_token_ms" BETWEEN -2147483648 AND 2147483647) CONSTRAINT "ck_ai_logs_time_to_first_token_ms_range" CHECK ("time_to_first_token_ms" BETWEEN 0 AND 2147483647)"#,
                #"ALTER TABLE "api_keys" ADD COLUMN "monthly_budget_usd" REAL CONSTRAINT "ck_api_keys_monthly_budget_usd_type" CHECK (abs("monthly_budget_usd") < 100000000) CONSTRAINT "ck_api_keys_monthly_budget_usd_range" CHECK ("monthly_budget_usd" BETWEEN 0 AND 99999999)"#,
                #"PRAGMA writable_schema = ON"#,
                #"""
                UPDATE sqlite_schema SET sql = replace(replace(sql,
                  '"cost_usd" REAL CONSTRAINT "ck_ai_logs_cost_usd_type" CHECK (abs("cost_usd") < 1000000) NOT NULL DEFAULT 0',
                  '"cost_usd" REAL CONSTRAINT "ck_ai_logs_cost_usd_type" CHECK (abs("cost_usd") < 1000000)'),
                  'CHECK ("status" IN (''success'', ''error'', ''timeout'', ''cancelled''))',
                  'CHECK ("status" IN (''success'', ''error'', ''timeout'', ''cancelled'', ''refused''))')
                WHERE type = 'table' AND name = 'ai_logs'
                """#,
                #"PRAGMA writable_schema = RESET"#,
                #"UPDATE "llm_providers" SET "api_style" = 'openai', "api_base_url" = COALESCE("api_base_url", 'https://api.openai.com/v1'), "required_env_vars" = COALESCE("required_env_vars", '["OPENAI_API_KEY"]') WHERE "code" = 'openai'"#,
                #"UPDATE "llm_providers" SET "api_style" = 'anthropic', "api_base_url" = COALESCE("api_base_url", 'https://api.anthropic.com'), "required_env_vars" = COALESCE("required_env_vars", '["ANTHROPIC_API_KEY"]') WHERE "code" = 'anthropic'"#,
                #"UPDATE "llm_providers" SET "api_style" = 'openai', "api_base_url" = COALESCE("api_base_url", 'https://generativelanguage.googleapis.com/v1beta/openai'), "required_env_vars" = COALESCE("required_env_vars", '["GEMINI_API_KEY"]') WHERE "code" = 'google'"#,
                #"UPDATE "llm_providers" SET "api_style" = 'openai', "required_env_vars" = COALESCE("required_env_vars", '["AZURE_API_KEY"]') WHERE "code" = 'azure_openai'"#,
                #"""
                INSERT INTO "llm_model_prices" ("model_id", "valid_from", "input_per_million", "output_per_million", "source")
                SELECT "id", "created_at", "input_cost_per_million", "output_cost_per_million", COALESCE("catalog_source", 'manual') FROM "llm_models"
                WHERE "input_cost_per_million" IS NOT NULL OR "output_cost_per_million" IS NOT NULL
                """#,
                #"CREATE INDEX "idx_ai_logs_api_key_id" ON "ai_logs" ("api_key_id")"#,
                #"CREATE INDEX "idx_ai_logs_output_id" ON "ai_logs" ("output_id")"#,
                #"CREATE INDEX "idx_ai_logs_price" ON "ai_logs" ("price_id")"#,
            ],
            down: [
                #"UPDATE "ai_logs" SET "cost_usd" = 0 WHERE "cost_usd" IS NULL"#,
                #"UPDATE "ai_logs" SET "status" = 'error' WHERE "status" = 'refused'"#,
                #"PRAGMA writable_schema = ON"#,
                #"""
                UPDATE sqlite_schema SET sql = replace(replace(sql,
                  '"cost_usd" REAL CONSTRAINT "ck_ai_logs_cost_usd_type" CHECK (abs("cost_usd") < 1000000)',
                  '"cost_usd" REAL CONSTRAINT "ck_ai_logs_cost_usd_type" CHECK (abs("cost_usd") < 1000000) NOT NULL DEFAULT 0'),
                  'CHECK ("status" IN (''success'', ''error'', ''timeout'', ''cancelled'', ''refused''))',
                  'CHECK ("status" IN (''success'', ''error'', ''timeout'', ''cancelled''))')
                WHERE type = 'table' AND name = 'ai_logs'
                """#,
                #"PRAGMA writable_schema = RESET"#,
                #"DROP INDEX IF EXISTS "idx_ai_logs_price""#,
                #"DROP INDEX IF EXISTS "idx_ai_logs_output_id""#,
                #"DROP INDEX IF EXISTS "idx_ai_logs_api_key_id""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "time_to_first_token_ms""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "retries""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "reasoning_tokens""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "price_id""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "output_id""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "cached_input_tokens""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "cache_write_tokens""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "api_key_id""#,
                #"DROP INDEX IF EXISTS "idx_model_configurations_fallback_configuration_id""#,
                #"ALTER TABLE "model_configurations" DROP COLUMN "timeout_seconds""#,
                #"ALTER TABLE "model_configurations" DROP COLUMN "fallback_configuration_id""#,
                #"ALTER TABLE "model_configurations" DROP COLUMN "api_base_url""#,
                #"DROP TABLE IF EXISTS "llm_model_prices""#,
                #"ALTER TABLE "llm_providers" DROP COLUMN "api_style""#,
                #"ALTER TABLE "api_keys" DROP COLUMN "monthly_budget_usd""#,
            ]),
        postgres: .init(
            up: [
                #"ALTER TABLE "llm_providers" ADD COLUMN "api_style" varchar(20) NOT NULL DEFAULT 'openai' CONSTRAINT "ck_llm_providers_api_style_value" CHECK ("api_style" IN ('openai', 'anthropic'))"#,
                #"""
                CREATE TABLE "llm_model_prices" (
                  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                  "model_id" uuid NOT NULL CONSTRAINT "fk_llm_model_prices_model_id" REFERENCES "llm_models" ("id") ON DELETE CASCADE,
                  "valid_from" timestamptz(3) NOT NULL,
                  "input_per_million" numeric(14,6) CONSTRAINT "ck_llm_model_prices_input_per_million_range" CHECK ("input_per_million" BETWEEN 0 AND 99999999),
                  "output_per_million" numeric(14,6) CONSTRAINT "ck_llm_model_prices_output_per_million_range" CHECK ("output_per_million" BETWEEN 0 AND 99999999),
                  "cached_input_per_million" numeric(14,6) CONSTRAINT "ck_llm_model_prices_cached_input_per_million_range" CHECK ("cached_input_per_million" BETWEEN 0 AND 99999999),
                  "cache_write_per_million" numeric(14,6) CONSTRAINT "ck_llm_model_prices_cache_write_per_million_range" CHECK ("cache_write_per_million" BETWEEN 0 AND 99999999),
                  "reasoning_per_million" numeric(14,6) CONSTRAINT "ck_llm_model_prices_reasoning_per_million_range" CHECK ("reasoning_per_million" BETWEEN 0 AND 99999999),
                  "per_request" numeric(14,6) CONSTRAINT "ck_llm_model_prices_per_request_range" CHECK ("per_request" BETWEEN 0 AND 99999999),
                  "input_per_image" numeric(14,6) CONSTRAINT "ck_llm_model_prices_input_per_image_range" CHECK ("input_per_image" BETWEEN 0 AND 99999999),
                  "output_per_image" numeric(14,6) CONSTRAINT "ck_llm_model_prices_output_per_image_range" CHECK ("output_per_image" BETWEEN 0 AND 99999999),
                  "source" varchar(50),
                  "created_at" timestamptz(3) NOT NULL DEFAULT now(),
                  PRIMARY KEY ("id"),
                  CONSTRAINT "unique_model_price_from" UNIQUE ("model_id", "valid_from")
                )
                """#,
                #"ALTER TABLE "model_configurations" ADD COLUMN "api_base_url" text"#,
                #"ALTER TABLE "model_configurations" ADD COLUMN "fallback_configuration_id" uuid CONSTRAINT "fk_model_configurations_fallback_configuration_id" REFERENCES "model_configurations" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "model_configurations" ADD COLUMN "timeout_seconds" integer CONSTRAINT "ck_model_configurations_timeout_seconds_range" CHECK ("timeout_seconds" BETWEEN 1 AND 3600)"#,
                #"CREATE INDEX "idx_model_configurations_fallback_configuration_id" ON "model_configurations" ("fallback_configuration_id")"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "api_key_id" uuid CONSTRAINT "fk_ai_logs_api_key_id" REFERENCES "api_keys" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "cache_write_tokens" integer NOT NULL DEFAULT 0"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "cached_input_tokens" integer NOT NULL DEFAULT 0"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "output_id" uuid CONSTRAINT "fk_ai_logs_output_id" REFERENCES "outputs" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "price_id" uuid CONSTRAINT "fk_ai_logs_price_id" REFERENCES "llm_model_prices" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "reasoning_tokens" integer NOT NULL DEFAULT 0"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "retries" integer NOT NULL DEFAULT 0"#,
                #"ALTER TABLE "ai_logs" ADD COLUMN "time_to_first_token_ms" integer CONSTRAINT "ck_ai_logs_time_to_first_token_ms_range" CHECK ("time_to_first_token_ms" BETWEEN 0 AND 2147483647)"#,
                #"ALTER TABLE "api_keys" ADD COLUMN "monthly_budget_usd" numeric(12,4) CONSTRAINT "ck_api_keys_monthly_budget_usd_range" CHECK ("monthly_budget_usd" BETWEEN 0 AND 99999999)"#,
                #"ALTER TABLE "ai_logs" ALTER COLUMN "cost_usd" DROP NOT NULL"#,
                #"ALTER TABLE "ai_logs" ALTER COLUMN "cost_usd" DROP DEFAULT"#,
                #"ALTER TABLE "ai_logs" DROP CONSTRAINT "ck_ai_logs_status_value""#,
                #"ALTER TABLE "ai_logs" ADD CONSTRAINT "ck_ai_logs_status_value" CHECK ("status" IN ('success', 'error', 'timeout', 'cancelled', 'refused'))"#,
                #"ALTER TABLE "model_configurations" ALTER COLUMN "total_cost" TYPE numeric(14,6)"#,
                #"UPDATE "llm_providers" SET "api_style" = 'openai', "api_base_url" = COALESCE("api_base_url", 'https://api.openai.com/v1'), "required_env_vars" = COALESCE("required_env_vars", ARRAY['OPENAI_API_KEY']) WHERE "code" = 'openai'"#,
                #"UPDATE "llm_providers" SET "api_style" = 'anthropic', "api_base_url" = COALESCE("api_base_url", 'https://api.anthropic.com'), "required_env_vars" = COALESCE("required_env_vars", ARRAY['ANTHROPIC_API_KEY']) WHERE "code" = 'anthropic'"#,
                #"UPDATE "llm_providers" SET "api_style" = 'openai', "api_base_url" = COALESCE("api_base_url", 'https://generativelanguage.googleapis.com/v1beta/openai'), "required_env_vars" = COALESCE("required_env_vars", ARRAY['GEMINI_API_KEY']) WHERE "code" = 'google'"#,
                #"UPDATE "llm_providers" SET "api_style" = 'openai', "required_env_vars" = COALESCE("required_env_vars", ARRAY['AZURE_API_KEY']) WHERE "code" = 'azure_openai'"#,
                #"""
                INSERT INTO "llm_model_prices" ("model_id", "valid_from", "input_per_million", "output_per_million", "source")
                SELECT "id", "created_at", "input_cost_per_million", "output_cost_per_million", COALESCE("catalog_source", 'manual') FROM "llm_models"
                WHERE "input_cost_per_million" IS NOT NULL OR "output_cost_per_million" IS NOT NULL
                """#,
                #"CREATE INDEX "idx_ai_logs_api_key_id" ON "ai_logs" ("api_key_id")"#,
                #"CREATE INDEX "idx_ai_logs_output_id" ON "ai_logs" ("output_id")"#,
                #"CREATE INDEX "idx_ai_logs_price" ON "ai_logs" ("price_id")"#,
            ],
            down: [
                #"UPDATE "model_configurations" SET "total_cost" = round("total_cost", 2)"#,
                #"ALTER TABLE "model_configurations" ALTER COLUMN "total_cost" TYPE numeric(10,2)"#,
                #"UPDATE "ai_logs" SET "cost_usd" = 0 WHERE "cost_usd" IS NULL"#,
                #"UPDATE "ai_logs" SET "status" = 'error' WHERE "status" = 'refused'"#,
                #"ALTER TABLE "ai_logs" DROP CONSTRAINT "ck_ai_logs_status_value""#,
                #"ALTER TABLE "ai_logs" ADD CONSTRAINT "ck_ai_logs_status_value" CHECK ("status" IN ('success', 'error', 'timeout', 'cancelled'))"#,
                #"ALTER TABLE "ai_logs" ALTER COLUMN "cost_usd" SET DEFAULT 0"#,
                #"ALTER TABLE "ai_logs" ALTER COLUMN "cost_usd" SET NOT NULL"#,
                #"DROP INDEX IF EXISTS "idx_ai_logs_price""#,
                #"DROP INDEX IF EXISTS "idx_ai_logs_output_id""#,
                #"DROP INDEX IF EXISTS "idx_ai_logs_api_key_id""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "time_to_first_token_ms""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "retries""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "reasoning_tokens""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "price_id""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "output_id""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "cached_input_tokens""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "cache_write_tokens""#,
                #"ALTER TABLE "ai_logs" DROP COLUMN "api_key_id""#,
                #"DROP INDEX IF EXISTS "idx_model_configurations_fallback_configuration_id""#,
                #"ALTER TABLE "model_configurations" DROP COLUMN "timeout_seconds""#,
                #"ALTER TABLE "model_configurations" DROP COLUMN "fallback_configuration_id""#,
                #"ALTER TABLE "model_configurations" DROP COLUMN "api_base_url""#,
                #"DROP TABLE IF EXISTS "llm_model_prices" CASCADE"#,
                #"ALTER TABLE "llm_providers" DROP COLUMN "api_style""#,
                #"ALTER TABLE "api_keys" DROP COLUMN "monthly_budget_usd""#,
            ]))
}
