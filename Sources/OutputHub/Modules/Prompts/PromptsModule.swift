/// Prompts and agents with versions, skills, jobs to be done, solutions, workflows and prompt suites.
struct PromptsModule: OutputHubModule {
    var area: AppModule { .prompts }
    var tables: [TableDeclaration] { PromptLibraryTables.all }
    var migrations: [any SchemaMigration] { [PromptsMigrations.createPromptLibraryTables, PromptsMigrations.addPromptVersioning] }
    /// Versioned prompts and agents with approval, suites with approval, checked steps and assignments;
    /// prompts and their versions open in the gateway's playground.
    var behaviours: [TableBehaviour] {
        [PromptBehaviours.prompts, PromptBehaviours.agents, Approval.behaviour(for: PromptSuiteTables.promptSuites).panel(SuiteWorkbench.panel),
         PromptBehaviours.suiteSteps, PromptBehaviours.assignments,
         TableBehaviour(PromptLibraryTables.promptVersions).panel(GenerationPanel.runVersion)]
    }

    var apiOperations: [APIOperation] { PromptOperations.all }

    func registerRoutes(_ routes: ModuleRoutes) {
        PromptRoutes.register(routes.api)
        PromptWorkbench.register(routes.admin)
    }
}

/// The Prompts module's migration history (files under `Migrations/`).
enum PromptsMigrations {}
