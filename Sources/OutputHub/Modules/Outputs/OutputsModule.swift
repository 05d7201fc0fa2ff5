/// Conversations, messages and outputs with their categories, tags, sensitivity and retention.
struct OutputsModule: OutputHubModule {
    var area: AppModule { .outputs }
    var tables: [TableDeclaration] { OrganisingTables.all + ConversationTables.all }
    var migrations: [any SchemaMigration] {
        [OutputsMigrations.createOrganisingTables, OutputsMigrations.createConversationTables, OutputsMigrations.createMessageSequencing]
    }
    var dashboardCharts: [DashboardChart] {
        [DashboardChart("Messages per day", table: ConversationTables.messages, dateColumn: "timestamp", .rowsPerDay)]
    }
    /// A conversation's transcript; feedback on the generation behind an output.
    var behaviours: [TableBehaviour] {
        [TableBehaviour(ConversationTables.conversations).panel(ConversationTranscript.render),
         TableBehaviour(ConversationTables.outputs).panel(FeedbackPanel.forOutput)]
    }
}

/// The Outputs module's migration history (files under `Migrations/`).
enum OutputsMigrations {}
