import Vapor

/// One product area as a unit: its tables and views, its migrations, the typed behaviour of tables that
/// need more than CRUD, its routes and screens, its jobs and scheduled tasks. Each folder under `Modules/`
/// has one entry type conforming to this; `Modules.all` lists them, and everything else (the catalog, the
/// migration history, routes, the sidebar, the job worker) is derived from that list.
public protocol OutputHubModule: Sendable {
    /// The area (its sidebar group and permission scopes).
    var area: AppModule { get }
    /// The module's tables, each after the tables it references within the module.
    var tables: [TableDeclaration] { get }
    var views: [ViewDeclaration] { get }
    /// The module's part of the one migration history (see `SchemaMigration.sequence`).
    var migrations: [any SchemaMigration] { get }
    /// Behaviour of the module's tables beyond plain CRUD.
    var behaviours: [TableBehaviour] { get }
    /// Background work the module enqueues (see `JobQueue`).
    var jobs: [JobDefinition] { get }
    /// Work that runs once per period across all app servers.
    var scheduledTasks: [ScheduledTask] { get }
    /// Charts of the module's tables on the dashboard.
    var dashboardCharts: [DashboardChart] { get }
    /// The module's own screens in the sidebar, above its tables.
    var adminLinks: [AdminLink] { get }
    /// The OpenAPI description of the API routes `registerRoutes` adds.
    var apiOperations: [APIOperation] { get }
    /// API routes and admin screens beyond the generic ones every table gets.
    func registerRoutes(_ routes: ModuleRoutes)
    /// Services the module keeps for the application's lifetime (in its storage, with their lifecycle).
    func configure(_ app: Application)
}

extension OutputHubModule {
    public var views: [ViewDeclaration] { [] }
    public var behaviours: [TableBehaviour] { [] }
    public var jobs: [JobDefinition] { [] }
    public var scheduledTasks: [ScheduledTask] { [] }
    public var dashboardCharts: [DashboardChart] { [] }
    public var adminLinks: [AdminLink] { [] }
    public var apiOperations: [APIOperation] { [] }
    public func registerRoutes(_ routes: ModuleRoutes) {}
    public func configure(_ app: Application) {}
}

/// A screen of a module's own in the sidebar, shown to members with `scope`.
public struct AdminLink: Sendable {
    public let label: String
    public let path: String
    public let scope: String?

    public init(_ label: String, path: String, scope: String?) {
        self.label = label
        self.path = path
        self.scope = scope
    }
}

/// Where a module adds its routes, with paths from `APIPath` and `AdminPath` (`rowActionRoute`, …).
public struct ModuleRoutes {
    /// The server's root, for routes with their own authentication (the gateway's `/v1`).
    public let root: any RoutesBuilder
    /// Behind API-key authentication.
    public let api: any RoutesBuilder
    /// Behind the admin session (and its error pages).
    public let admin: any RoutesBuilder
}
