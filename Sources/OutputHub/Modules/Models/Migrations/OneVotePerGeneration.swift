// OneVotePerGeneration: new index unique_feedback_vote_per_generation, after removing all but the newest of a
// voter's votes on one generation (two votes at once could both be stored before).
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension ModelsMigrations {
    static let oneVotePerGeneration = FrozenMigration(
        name: "OneVotePerGeneration", sequence: 20,
        sqlite: .init(
            up: [
                // Votes doubled by an earlier race: the voter's newest vote on a generation stands.
                #"DELETE FROM "ai_user_feedback" WHERE "ai_log_id" IS NOT NULL AND EXISTS (SELECT 1 FROM "ai_user_feedback" n WHERE n."tenant_id" = "ai_user_feedback"."tenant_id" AND n."user_id" = "ai_user_feedback"."user_id" AND n."ai_log_id" = "ai_user_feedback"."ai_log_id" AND (n."created_at" > "ai_user_feedback"."created_at" OR (n."created_at" = "ai_user_feedback"."created_at" AND n."id" > "ai_user_feedback"."id")))"#,
                #"CREATE UNIQUE INDEX "unique_feedback_vote_per_generation" ON "ai_user_feedback" ("tenant_id", "user_id", "ai_log_id") WHERE "user_id" IS NOT NULL AND "ai_log_id" IS NOT NULL"#,
            ],
            down: [
                #"DROP INDEX IF EXISTS "unique_feedback_vote_per_generation""#,
            ]),
        postgres: .init(
            up: [
                // Votes doubled by an earlier race: the voter's newest vote on a generation stands.
                #"DELETE FROM "ai_user_feedback" WHERE "ai_log_id" IS NOT NULL AND EXISTS (SELECT 1 FROM "ai_user_feedback" n WHERE n."tenant_id" = "ai_user_feedback"."tenant_id" AND n."user_id" = "ai_user_feedback"."user_id" AND n."ai_log_id" = "ai_user_feedback"."ai_log_id" AND (n."created_at" > "ai_user_feedback"."created_at" OR (n."created_at" = "ai_user_feedback"."created_at" AND n."id" > "ai_user_feedback"."id")))"#,
                #"CREATE UNIQUE INDEX "unique_feedback_vote_per_generation" ON "ai_user_feedback" ("tenant_id", "user_id", "ai_log_id") WHERE "user_id" IS NOT NULL AND "ai_log_id" IS NOT NULL"#,
            ],
            down: [
                #"DROP INDEX IF EXISTS "unique_feedback_vote_per_generation""#,
            ]))
}
