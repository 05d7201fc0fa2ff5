/// Chatbot instances, their documents and integrations, daily metrics and the performance view.
struct ChatbotsModule: OutputHubModule {
    var area: AppModule { .chatbots }
    var tables: [TableDeclaration] { ChatbotTables.all }
    var views: [ViewDeclaration] { ChatbotViews.all }
    var migrations: [any SchemaMigration] { [ChatbotsMigrations.createChatbotTables] }
}

/// The Chatbots module's migration history (files under `Migrations/`).
enum ChatbotsMigrations {}
