import Vapor

/// Products, knowledge sources, chunks and the domain hierarchy, with their reporting views; ingestion of
/// files into chunks as durable jobs, and search.
struct KnowledgeModule: OutputHubModule {
    var area: AppModule { .knowledge }
    var tables: [TableDeclaration] { KnowledgeTables.all }
    var views: [ViewDeclaration] { KnowledgeViews.all }
    /// `CreateReportingViews` also made the Chatbots module's view in the first release.
    var migrations: [any SchemaMigration] {
        [KnowledgeMigrations.createKnowledgeTables, KnowledgeMigrations.createReportingViews, KnowledgeMigrations.addIngestion,
         KnowledgeMigrations.addEmbeddings]
    }
    var behaviours: [TableBehaviour] { [KnowledgeRules.sources.panel(KnowledgeScreens.documentPanel), KnowledgeRules.mappings] }
    var adminLinks: [AdminLink] {
        [AdminLink("Documents", path: DocumentsScreen.documents, scope: KnowledgeScreens.readScope),
         AdminLink("Knowledge search", path: KnowledgeScreens.search, scope: KnowledgeScreens.readScope),
         AdminLink("Domain tree", path: DocumentsScreen.domains, scope: KnowledgeScreens.readScope)]
    }
    var jobs: [JobDefinition] { [DocumentPipeline.job] }
    var scheduledTasks: [ScheduledTask] { [EmbeddingBackfill.task] }
    var apiOperations: [APIOperation] { KnowledgeOperations.all }

    func configure(_ app: Application) {
        let indexes = VectorIndexes(logger: app.logger)
        app.vectorIndexes = indexes
        app.lifecycle.use(VectorIndexLifecycle(indexes: indexes))
    }

    func registerRoutes(_ routes: ModuleRoutes) {
        KnowledgeRoutes.register(routes.api)
        KnowledgeScreens.register(routes.admin)
        DocumentsScreen.register(routes.admin)
    }
}

/// The Knowledge module's migration history (files under `Migrations/`).
enum KnowledgeMigrations {}
