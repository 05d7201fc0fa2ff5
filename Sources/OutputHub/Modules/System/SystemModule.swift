/// Settings, the audit log, system events, background jobs and the counters limits are kept in.
struct SystemModule: OutputHubModule {
    var area: AppModule { .system }
    var tables: [TableDeclaration] { SystemTables.all + JobTables.all }
    var migrations: [any SchemaMigration] {
        [SystemMigrations.prepareDatabase, SystemMigrations.createSystemTables, SystemMigrations.createJobTables, SystemMigrations.widenRateCounters,
         SystemMigrations.splitSearchWords]
    }
    var behaviours: [TableBehaviour] { [SettingRules.behaviour, JobScreens.behaviour] }
    var scheduledTasks: [ScheduledTask] { [Housekeeping.plannerStatistics, Housekeeping.prune] }

}

/// The System module's migration history (files under `Migrations/`).
enum SystemMigrations {}
