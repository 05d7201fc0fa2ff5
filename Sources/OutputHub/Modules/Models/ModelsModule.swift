/// Providers, the model catalog with prices, configurations, task categories and suitability, learned
/// preferences and rollups, the generation log and feedback.
struct ModelsModule: OutputHubModule {
    var area: AppModule { .models }
    var tables: [TableDeclaration] { ModelCatalogTables.all + GenerationTables.all }
    /// The generation tables reference conversations, so the Outputs module's `CreateConversationTables`
    /// created them in the first release.
    var migrations: [any SchemaMigration] { [ModelsMigrations.createModelCatalogTables, ModelsMigrations.addGatewayColumns, ModelsMigrations.addModelSelection,
                                                  ModelsMigrations.oneVotePerGeneration, ModelsMigrations.addVoteTotals] }
    var behaviours: [TableBehaviour] { [ModelRules.configurations, ModelRules.providers, FeedbackRules.behaviour,
         TableBehaviour(ModelCatalogTables.aiTaskCategories).panel(Leaderboard.panel)] }
    var apiOperations: [APIOperation] { SelectionRoutes.operations }
    /// The rollups: hourly for what was written since the last one (everything the first time), and daily
    /// in full (what deletions changed, and the vote totals recomputed from the feedback).
    var scheduledTasks: [ScheduledTask] {
        [
            ScheduledTask("models.rollup", .every(minutes: 60)) { context in
                let rollup = PerformanceRollup(store: context.store, clients: context.clients)
                _ = try await rollup.run(since: try await rollup.lastRun().map { $0.addingTimeInterval(-3600) })
            },
            ScheduledTask("models.rollup-full", .every(minutes: 24 * 60)) { context in
                _ = try await PerformanceRollup(store: context.store, clients: context.clients).run(since: nil)
            },
        ]
    }

    func registerRoutes(_ routes: ModuleRoutes) {
        SelectionRoutes.register(routes.api)
        FeedbackPanel.register(routes.admin)
    }
    var dashboardCharts: [DashboardChart] {
        [
            DashboardChart("Generations per day", table: GenerationTables.aiLogs, dateColumn: "created_at", .rowsPerDay),
            DashboardChart("Cost per day (USD)", table: GenerationTables.aiLogs, dateColumn: "created_at", .sumPerDay(column: "cost_usd", format: "$%.2f")),
            DashboardChart("Feedback mix (30 days)", table: GenerationTables.aiUserFeedback, dateColumn: "created_at", .rowsPerValue(column: "feedback_type")),
        ]
    }
}

/// The Models module's migration history (files under `Migrations/`).
enum ModelsMigrations {}
