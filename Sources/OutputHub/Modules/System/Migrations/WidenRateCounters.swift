// WidenRateCounters: rate_counters.count becomes a 64-bit integer, so a monthly budget counted in millionths
// of a dollar fits. Written by hand: on SQLite only the column's 32-bit range check goes, edited in the stored
// table definition as SQLite documents for removing a CHECK (https://sqlite.org/lang_altertable.html#otheralter);
// rebuilding the expiry index afterwards changes the schema version, so every open connection reloads it.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension SystemMigrations {
    static let widenRateCounters = FrozenMigration(
        name: "WidenRateCounters", sequence: 16,
        sqlite: .init(
            up: [
                #"PRAGMA writable_schema = ON"#,
                #"""
                UPDATE sqlite_schema SET sql = replace(sql,
                  '"count" INTEGER CONSTRAINT "ck_rate_counters_count_type" CHECK ("count" BETWEEN -2147483648 AND 2147483647) NOT NULL',
                  '"count" INTEGER NOT NULL')
                WHERE type = 'table' AND name = 'rate_counters'
                """#,
                #"PRAGMA writable_schema = RESET"#,
                #"DROP INDEX "idx_rate_counters_expires_at""#,
                #"CREATE INDEX "idx_rate_counters_expires_at" ON "rate_counters" ("expires_at")"#,
            ],
            down: [
                #"DELETE FROM "rate_counters" WHERE "count" NOT BETWEEN -2147483648 AND 2147483647"#,
                #"PRAGMA writable_schema = ON"#,
                #"""
                UPDATE sqlite_schema SET sql = replace(sql,
                  '"count" INTEGER NOT NULL',
                  '"count" INTEGER CONSTRAINT "ck_rate_counters_count_type" CHECK ("count" BETWEEN -2147483648 AND 2147483647) NOT NULL')
                WHERE type = 'table' AND name = 'rate_counters'
                """#,
                #"PRAGMA writable_schema = RESET"#,
                #"DROP INDEX "idx_rate_counters_expires_at""#,
                #"CREATE INDEX "idx_rate_counters_expires_at" ON "rate_counters" ("expires_at")"#,
            ]),
        postgres: .init(
            up: [#"ALTER TABLE "rate_counters" ALTER COLUMN "count" TYPE bigint"#],
            down: [
                #"DELETE FROM "rate_counters" WHERE "count" NOT BETWEEN -2147483648 AND 2147483647"#,
                #"ALTER TABLE "rate_counters" ALTER COLUMN "count" TYPE integer"#,
            ]))
}
