/// The one list of Output Hub's modules, in sidebar order. The catalog, the migration history, the routes,
/// the sidebar, the table behaviours and the job worker are all derived from it.
public enum Modules {
    public static let all: [any OutputHubModule] = [
        PromptsModule(), ModelsModule(), GatewayModule(), OutputsModule(), KnowledgeModule(), ChatbotsModule(), TuningModule(),
        IdentityModule(), SystemModule(),
    ]

    /// Every step of every module's migrations, in history order.
    static let migrations: [any SchemaMigration] = all.flatMap(\.migrations).sorted { $0.sequence < $1.sequence }
    static let behaviours: [String: TableBehaviour] = Dictionary(all.flatMap(\.behaviours).map { ($0.table.name, $0) }) { first, _ in first }
    static let jobs: [JobDefinition] = all.flatMap(\.jobs)
    static let scheduledTasks: [ScheduledTask] = all.flatMap(\.scheduledTasks)

    /// Checks that the modules fit together; `buildApplication` refuses to start otherwise.
    public static func validate(_ modules: [any OutputHubModule] = all) throws {
        var problems: [String] = []
        let tables = modules.flatMap(\.tables)
        let tableNames = Set(tables.map(\.name))
        if tableNames.count != tables.count { problems.append("a table is declared by more than one module") }
        var behaviourTables = Set<String>()
        for behaviour in modules.flatMap(\.behaviours) {
            if !tableNames.contains(behaviour.table.name) {
                problems.append("a behaviour is declared for \(behaviour.table.name), which no module's tables include")
            }
            if !behaviourTables.insert(behaviour.table.name).inserted {
                problems.append("\(behaviour.table.name) has more than one behaviour; combine them into one")
            }
        }
        // Row actions share one route per name (`/{table}/{id}/{name}`, dispatched by table), so a name may
        // serve several tables but never one of the generic routes'.
        let reserved: Set<String> = ["edit", "delete", "restore"]
        for behaviour in modules.flatMap(\.behaviours) {
            var names = Set<String>()
            for action in behaviour.rowActions {
                if reserved.contains(action.name) { problems.append("row action \(action.name) of \(behaviour.table.name) would hide the generic \(action.name) route") }
                if !names.insert(action.name).inserted { problems.append("\(behaviour.table.name) declares row action \(action.name) twice") }
            }
        }
        let steps = modules.flatMap(\.migrations)
        for (sequence, group) in Dictionary(grouping: steps, by: \.sequence) where group.count > 1 {
            problems.append("migrations \(group.map(\.name).joined(separator: ", ")) share sequence \(sequence)")
        }
        for (name, group) in Dictionary(grouping: steps, by: \.name) where group.count > 1 {
            problems.append("migration name \(name) is used \(group.count) times")
        }
        for (name, group) in Dictionary(grouping: modules.flatMap(\.jobs), by: \.name) where group.count > 1 {
            problems.append("job \(name) is declared \(group.count) times")
        }
        for (name, group) in Dictionary(grouping: modules.flatMap(\.scheduledTasks), by: \.name) where group.count > 1 {
            problems.append("scheduled task \(name) is declared \(group.count) times")
        }
        guard problems.isEmpty else { throw ModuleError(problems: problems) }
    }
}

public struct ModuleError: Error, CustomStringConvertible {
    public let problems: [String]
    public var description: String { "the modules do not fit together: " + problems.joined(separator: "; ") }
}
