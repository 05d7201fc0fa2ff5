/// Products, knowledge sources, chunks and the domain hierarchy, with their reporting views; ingestion of
/// files into chunks as durable jobs, and search.
struct KnowledgeModule: OutputHubModule {
    var area: AppModule { .knowledge }
    var tables: [TableDeclaration] { KnowledgeTables.all }
    var views: [ViewDeclaration] { KnowledgeViews.all }
    /// `CreateReportingViews` also made the Chatbots module's view in the first release.
    var migrations: [any SchemaMigration] {
        [KnowledgeMigrations.createKnowledgeTables, KnowledgeMigrations.createReportingViews, KnowledgeMigrations.addIngestion]
    }
    var behaviours: [TableBehaviour] { [KnowledgeRules.sources, KnowledgeRules.mappings] }
    var jobs: [JobDefinition] { [DocumentPipeline.job] }
    var apiOperations: [APIOperation] { KnowledgeOperations.all }

    func registerRoutes(_ routes: ModuleRoutes) {
        KnowledgeRoutes.register(routes.api)
    }
}

/// The Knowledge module's migration history (files under `Migrations/`).
enum KnowledgeMigrations {}
