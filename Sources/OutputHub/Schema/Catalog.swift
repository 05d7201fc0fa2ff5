/// Every table and view of Output Hub, in creation order (a table comes after the tables it references).
public enum Catalog {
    /// Tables grouped by the migration that creates them.
    public static let tableGroups: [(migration: String, tables: [TableDeclaration])] = [
        ("CreateIdentityTables", IdentityTables.all),
        ("CreateSystemTables", SystemTables.all),
        ("CreateModelCatalogTables", ModelCatalogTables.all),
        ("CreateOrganisingTables", OrganisingTables.all),
        ("CreatePromptLibraryTables", PromptLibraryTables.all),
        ("CreateKnowledgeTables", KnowledgeTables.all),
        ("CreateChatbotTables", ChatbotTables.all),
        ("CreateConversationTables", ConversationTables.all + GenerationTables.all),
        ("CreateTuningTables", TuningTables.all),
    ]

    public static let tables: [TableDeclaration] = tableGroups.flatMap(\.tables)
    public static let views: [ViewDeclaration] = KnowledgeViews.all + ChatbotViews.all

    private static let tablesByName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0) })

    /// The declaration of a table known to exist; for code that names a table of the catalog.
    static func declared(_ name: String) -> TableDeclaration {
        guard let table = tablesByName[name] else { preconditionFailure("\(name) is not a declared table") }
        return table
    }
}
