/// Settings, the audit log, system events, background jobs and the counters limits are kept in.
struct SystemModule: OutputHubModule {
    var area: AppModule { .system }
    var tables: [TableDeclaration] { SystemTables.all }
    var migrations: [any SchemaMigration] { [SystemMigrations.prepareDatabase, SystemMigrations.createSystemTables] }
    var behaviours: [TableBehaviour] { [SettingRules.behaviour] }
}

/// The System module's migration history (files under `Migrations/`).
enum SystemMigrations {}
