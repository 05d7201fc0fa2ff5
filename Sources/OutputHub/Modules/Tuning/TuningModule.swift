/// Prompt-tuning sessions, their turns and improvements, and version comparisons.
struct TuningModule: OutputHubModule {
    var area: AppModule { .tuning }
    var tables: [TableDeclaration] { TuningTables.all }
    var migrations: [any SchemaMigration] { [TuningMigrations.createTuningTables, TuningMigrations.createTuningCounters] }
}

/// The Tuning module's migration history (files under `Migrations/`).
enum TuningMigrations {}
