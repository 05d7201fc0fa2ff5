/// Prompts and agents with versions, skills, jobs to be done, solutions, workflows and prompt suites.
struct PromptsModule: OutputHubModule {
    var area: AppModule { .prompts }
    var tables: [TableDeclaration] { PromptLibraryTables.all }
    var migrations: [any SchemaMigration] { [PromptsMigrations.createPromptLibraryTables] }
    /// Approval on prompts, agents and suites; prompts and their versions open in the gateway's playground.
    var behaviours: [TableBehaviour] {
        [Approval.behaviour(for: PromptLibraryTables.prompts).panel(GenerationPanel.runPrompt),
         Approval.behaviour(for: PromptLibraryTables.agents), Approval.behaviour(for: PromptSuiteTables.promptSuites),
         TableBehaviour(PromptLibraryTables.promptVersions).panel(GenerationPanel.runVersion)]
    }
}

/// The Prompts module's migration history (files under `Migrations/`).
enum PromptsMigrations {}
