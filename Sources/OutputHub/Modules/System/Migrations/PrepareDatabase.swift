// PrepareDatabase: Functions and settings every later step relies on. First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension SystemMigrations {
    static let prepareDatabase = FrozenMigration(
        name: "PrepareDatabase", sequence: 1,
        sqlite: .init(
            up: [],
            down: []),
        postgres: .init(
            up: [
                #"""
                CREATE OR REPLACE FUNCTION outputhub_touch_updated_at() RETURNS trigger AS $$
                BEGIN
                  NEW.updated_at := now();
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """#,
            ],
            down: [
                #"DROP FUNCTION IF EXISTS outputhub_touch_updated_at()"#,
            ]))
}
