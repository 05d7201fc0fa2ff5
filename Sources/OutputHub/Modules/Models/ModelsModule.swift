/// Providers, the model catalog with prices, configurations, task categories and suitability, learned
/// preferences and rollups, the generation log and feedback.
struct ModelsModule: OutputHubModule {
    var area: AppModule { .models }
    var tables: [TableDeclaration] { ModelCatalogTables.all + GenerationTables.all }
    /// The generation tables reference conversations, so the Outputs module's `CreateConversationTables`
    /// created them in the first release.
    var migrations: [any SchemaMigration] { [ModelsMigrations.createModelCatalogTables] }
}

/// The Models module's migration history (files under `Migrations/`).
enum ModelsMigrations {}
