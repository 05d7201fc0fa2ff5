/// Which rows of a resource a tenant may see.
public enum RowScope: Sendable, Hashable {
    /// Rows whose tenant column is the caller's tenant.
    case tenantColumn(String)
    /// A catalog every tenant reads; only system administrators change it.
    case global
    /// The `tenants` table: the caller's own tenant only.
    case ownTenant
    /// The `users` table: the members of the caller's tenant (see `TableScope.tenantMembers`).
    case tenantMembers(through: String, member: String)
    /// Rows of the caller's tenant, and for system administrators also rows of no tenant.
    case tenantOrSystem(String)
}

/// A table or view as the API and admin UI serve it, derived from its declaration.
public struct Resource: Sendable {
    public let name: String
    public let label: String
    public let module: AppModule
    public let summary: String
    /// Every column that may leave the server (secrets removed), in declaration order.
    public let columns: [ColumnDeclaration]
    /// The table declaration; nil for a view.
    public let table: TableDeclaration?
    public let scope: RowScope
    public let labelColumn: String
    /// What the table's module adds to plain CRUD; nil for most tables and every view.
    public let behaviour: TableBehaviour?

    public var isView: Bool { table == nil }
    public var access: TableAccess { table?.access ?? .readOnly }
    public var canCreate: Bool { access == .readWrite || access == .appendOnly }
    public var canUpdate: Bool { access == .readWrite }
    public var canDelete: Bool { access != .readOnly }
    /// Deleted rows are kept and can be restored. (A user "deleted" from a tenant leaves its membership.)
    public var isSoftDeletable: Bool {
        guard table?.isSoftDeletable == true else { return false }
        if case .tenantMembers = scope { return false }
        return true
    }
    public var searchableColumns: [ColumnDeclaration] { table?.searchableColumns ?? [] }

    private let columnsByName: [String: ColumnDeclaration]
    /// The names of `columns`, and the same as a quoted SQL list (made once: every page reads them).
    let columnNames: [String]
    let quotedColumnList: String
    /// Each engine's expression rendering a whole row as the API's JSON (`DatabaseEngine.rowJSONSQL` of
    /// `columns`), made once: every API list page without `select` uses it.
    private let wholeRowJSON: [EngineKind: String]

    /// The row-as-JSON expression for all of `columns` on `engine`; nil when the engine renders rows in Swift.
    func wholeRowJSON(_ engine: any DatabaseEngine) -> String? { wholeRowJSON[engine.kind] }

    public func column(_ name: String) -> ColumnDeclaration? { columnsByName[name] }

    /// Columns a client may send on create or update.
    public var writableColumns: [ColumnDeclaration] { columns.filter { !$0.isServerManaged } }

    /// The same resource read without tenant scope (for existence checks only).
    var globalScoped: Resource {
        Resource(name: name, label: label, module: module, summary: summary, columns: columns, table: table,
                 labelColumn: labelColumn, scope: .global, behaviour: behaviour)
    }

    init(table: TableDeclaration) {
        let scope: RowScope =
            switch table.scope {
            case .tenant: .tenantColumn("tenant_id")
            case .global: .global
            case .ownTenant: .ownTenant
            case .tenantMembers(let through, let member): .tenantMembers(through: through, member: member)
            case .tenantOrSystem: .tenantOrSystem("tenant_id")
            }
        self.init(
            name: table.name, label: table.label, module: table.module, summary: table.summary,
            columns: table.columns.filter { !$0.isSecret }, table: table, labelColumn: table.labelColumn, scope: scope,
            behaviour: Modules.behaviours[table.name])
    }

    init(view: ViewDeclaration) {
        self.init(
            name: view.name, label: view.label, module: view.module, summary: view.summary, columns: view.columns,
            table: nil, labelColumn: view.columns.first { $0.name == "name" || $0.name == "title" }?.name ?? "id",
            scope: .tenantColumn(view.tenantColumn), behaviour: nil)
    }

    private init(name: String, label: String, module: AppModule, summary: String, columns: [ColumnDeclaration],
                 table: TableDeclaration?, labelColumn: String, scope: RowScope, behaviour: TableBehaviour?) {
        self.name = name
        self.label = label
        self.module = module
        self.summary = summary
        self.columns = columns
        self.table = table
        self.labelColumn = labelColumn
        self.scope = scope
        self.behaviour = behaviour
        self.columnsByName = Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0) })
        self.columnNames = columns.map(\.name)
        self.quotedColumnList = columnNames.map(quote).joined(separator: ", ")
        let engines: [any DatabaseEngine] = [SQLiteEngine(), PostgresEngine()]
        self.wholeRowJSON = Dictionary(uniqueKeysWithValues: engines.compactMap { engine in engine.rowJSONSQL(columns).map { (engine.kind, $0) } })
    }
}

/// Every resource of Output Hub: one per declared table and view.
public enum Resources {
    public static let all: [Resource] = Catalog.tables.filter { $0.access != .hidden }.map(Resource.init(table:))
        + Catalog.views.map(Resource.init(view:))
    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func named(_ name: String) -> Resource? { byName[name] }

    /// The names of every table's row actions (each is one route for all tables; `Modules.validate` keeps
    /// a name to one table).
    static let rowActionNames = Set(all.flatMap { $0.behaviour?.rowActions.map(\.name) ?? [] }).sorted()

    /// The resource of a declared table (modules name their tables by symbol).
    public static func of(_ table: TableDeclaration) -> Resource {
        guard let resource = byName[table.name] else { preconditionFailure("\(table.name) is in no module's tables, or is hidden") }
        return resource
    }
}
