/// Products, knowledge sources, chunks and the domain hierarchy, with their reporting views.
struct KnowledgeModule: OutputHubModule {
    var area: AppModule { .knowledge }
    var tables: [TableDeclaration] { KnowledgeTables.all }
    var views: [ViewDeclaration] { KnowledgeViews.all }
    /// `CreateReportingViews` also made the Chatbots module's view in the first release.
    var migrations: [any SchemaMigration] { [KnowledgeMigrations.createKnowledgeTables, KnowledgeMigrations.createReportingViews] }
}

/// The Knowledge module's migration history (files under `Migrations/`).
enum KnowledgeMigrations {}
