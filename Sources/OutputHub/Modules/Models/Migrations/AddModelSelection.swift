// AddModelSelection: new column ai_task_categories.fallback_model_id, new column
// ai_task_categories.min_context_tokens, new index idx_ai_task_categories_fallback_model_id.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).
//
// Written by hand on top of what make-migration planned: ai_user_feedback.feedback_type gains `rating` (a star
// vote without a like or dislike). SQLite cannot alter a check, so the table's stored definition is edited in
// place as AddGatewayColumns does (the CREATE INDEX after it changes the schema version, so every connection
// reloads it). Going down, rating votes become likes (3 stars or more) or dislikes.

extension ModelsMigrations {
    static let addModelSelection = FrozenMigration(
        name: "AddModelSelection", sequence: 18,
        sqlite: .init(
            up: [
                #"ALTER TABLE "ai_task_categories" ADD COLUMN "fallback_model_id" TEXT CONSTRAINT "ck_ai_task_categories_fallback_model_id_type" CHECK (length("fallback_model_id") = 36) CONSTRAINT "fk_ai_task_categories_fallback_model_id" REFERENCES "llm_models" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "ai_task_categories" ADD COLUMN "min_context_tokens" INTEGER CONSTRAINT "ck_ai_task_categories_min_context_tokens_type" CHECK ("min_context_tokens" BETWEEN -2147483648 AND 2147483647) CONSTRAINT "ck_ai_task_categories_min_context_tokens_range" CHECK ("min_context_tokens" BETWEEN 1 AND 2147483647)"#,
                #"PRAGMA writable_schema = ON"#,
                #"""
                UPDATE sqlite_schema SET sql = replace(sql,
                  'CHECK ("feedback_type" IN (''like'', ''dislike'', ''regenerate'', ''skip''))',
                  'CHECK ("feedback_type" IN (''like'', ''dislike'', ''regenerate'', ''skip'', ''rating''))')
                WHERE type = 'table' AND name = 'ai_user_feedback'
                """#,
                #"PRAGMA writable_schema = RESET"#,
                #"CREATE INDEX "idx_ai_task_categories_fallback_model_id" ON "ai_task_categories" ("fallback_model_id")"#,
            ],
            down: [
                #"UPDATE "ai_user_feedback" SET "feedback_type" = CASE WHEN "quality_rating" >= 3 THEN 'like' ELSE 'dislike' END WHERE "feedback_type" = 'rating'"#,
                #"PRAGMA writable_schema = ON"#,
                #"""
                UPDATE sqlite_schema SET sql = replace(sql,
                  'CHECK ("feedback_type" IN (''like'', ''dislike'', ''regenerate'', ''skip'', ''rating''))',
                  'CHECK ("feedback_type" IN (''like'', ''dislike'', ''regenerate'', ''skip''))')
                WHERE type = 'table' AND name = 'ai_user_feedback'
                """#,
                #"PRAGMA writable_schema = RESET"#,
                #"DROP INDEX IF EXISTS "idx_ai_task_categories_fallback_model_id""#,
                #"ALTER TABLE "ai_task_categories" DROP COLUMN "min_context_tokens""#,
                #"ALTER TABLE "ai_task_categories" DROP COLUMN "fallback_model_id""#,
            ]),
        postgres: .init(
            up: [
                #"ALTER TABLE "ai_task_categories" ADD COLUMN "fallback_model_id" uuid CONSTRAINT "fk_ai_task_categories_fallback_model_id" REFERENCES "llm_models" ("id") ON DELETE SET NULL"#,
                #"ALTER TABLE "ai_task_categories" ADD COLUMN "min_context_tokens" integer CONSTRAINT "ck_ai_task_categories_min_context_tokens_range" CHECK ("min_context_tokens" BETWEEN 1 AND 2147483647)"#,
                #"CREATE INDEX "idx_ai_task_categories_fallback_model_id" ON "ai_task_categories" ("fallback_model_id")"#,
                #"ALTER TABLE "ai_user_feedback" DROP CONSTRAINT "ck_ai_user_feedback_feedback_type_value""#,
                #"ALTER TABLE "ai_user_feedback" ADD CONSTRAINT "ck_ai_user_feedback_feedback_type_value" CHECK ("feedback_type" IN ('like', 'dislike', 'regenerate', 'skip', 'rating'))"#,
            ],
            down: [
                #"UPDATE "ai_user_feedback" SET "feedback_type" = CASE WHEN "quality_rating" >= 3 THEN 'like' ELSE 'dislike' END WHERE "feedback_type" = 'rating'"#,
                #"ALTER TABLE "ai_user_feedback" DROP CONSTRAINT "ck_ai_user_feedback_feedback_type_value""#,
                #"ALTER TABLE "ai_user_feedback" ADD CONSTRAINT "ck_ai_user_feedback_feedback_type_value" CHECK ("feedback_type" IN ('like', 'dislike', 'regenerate', 'skip'))"#,
                #"DROP INDEX IF EXISTS "idx_ai_task_categories_fallback_model_id""#,
                #"ALTER TABLE "ai_task_categories" DROP COLUMN "min_context_tokens""#,
                #"ALTER TABLE "ai_task_categories" DROP COLUMN "fallback_model_id""#,
            ]))
}
