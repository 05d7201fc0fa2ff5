/// Prompts and agents with versions, skills, jobs to be done, solutions, workflows and prompt suites.
struct PromptsModule: OutputHubModule {
    var area: AppModule { .prompts }
    var tables: [TableDeclaration] { PromptLibraryTables.all }
    var migrations: [any SchemaMigration] { [PromptsMigrations.createPromptLibraryTables] }
    var behaviours: [TableBehaviour] {
        [PromptLibraryTables.prompts, PromptLibraryTables.agents, PromptSuiteTables.promptSuites].map(Approval.behaviour)
    }
}

/// The Prompts module's migration history (files under `Migrations/`).
enum PromptsMigrations {}
