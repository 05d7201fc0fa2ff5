/// The product areas; the admin UI groups tables by these and the source tree is divided the same way.
public enum AppModule: String, Sendable, CaseIterable {
    case prompts = "Prompts"
    case models = "Models"
    case gateway = "Gateway"
    case outputs = "Outputs"
    case knowledge = "Knowledge"
    case chatbots = "Chatbots"
    case tuning = "Tuning"
    case identity = "Identity"
    case system = "System"
}

/// Which rows a tenant sees: the API, the admin UI and reference checks all scope reads by this.
public enum TableScope: Sendable, Hashable {
    /// Carries `tenant_id`; a tenant sees only its own rows.
    case tenant
    /// Shared by every tenant (providers, models, task categories, …); only system administrators change it.
    case global
    /// The `tenants` table: a tenant sees its own row.
    case ownTenant
    /// The `users` table: a tenant sees its members, the rows whose id appears in `member` of the
    /// `through` table with the tenant's id.
    case tenantMembers(through: String, member: String)
    /// Carries a nullable `tenant_id`: a tenant sees its own rows; system administrators also see the rows
    /// that belong to no tenant (background jobs of the whole installation).
    case tenantOrSystem
}

/// What the API and admin UI may do with a table's rows.
public enum TableAccess: Sendable, Hashable {
    case readWrite
    /// Rows are written by the server only (the audit log).
    case readOnly
    /// Kept by the server for itself (counters behind limits): neither the API nor the admin UI serves it.
    case hidden
    /// Rows can be read and ended, not created or edited by hand (sessions).
    case readDelete
    /// Rows are created, read and deleted, never edited (votes: voting again replaces one).
    case appendOnly
}

/// A UNIQUE constraint over one or more columns, optionally partial (`WHERE column IS NOT NULL`).
public struct UniqueDeclaration: Sendable, Hashable {
    public let name: String
    public let columns: [String]
    /// Columns that must be non-null for the constraint to apply (a partial unique index).
    public let whenNotNull: [String]
    /// NULL counts as one value (SQL treats NULLs as distinct, so two rows with a NULL never clash).
    public let nullsNotDistinct: Bool

    public init(_ name: String, _ columns: [String], whenNotNull: [String] = [], nullsNotDistinct: Bool = false) {
        self.name = name
        self.columns = columns
        self.whenNotNull = whenNotNull
        self.nullsNotDistinct = nullsNotDistinct
    }
}

/// A table-level CHECK constraint written in the SQL both engines share.
public struct CheckDeclaration: Sendable, Hashable {
    public let name: String
    /// The columns the check is about (reported to users when it fails).
    public let columns: [String]
    public let sql: String

    public init(_ name: String, columns: [String], _ sql: String) {
        self.name = name
        self.columns = columns
        self.sql = sql
    }
}

/// A secondary index. `descending` columns are sorted newest/highest first.
public struct IndexDeclaration: Sendable, Hashable {
    public let name: String
    public let columns: [String]
    public let descending: Set<String>
    /// Optional partial-index predicate in shared SQL (e.g. `session_end IS NULL`).
    public let predicate: String?
    /// A GIN index over an array column: PostgreSQL only (SQLite has no array index; its arrays are JSON).
    public let isArrayIndex: Bool

    public init(_ name: String, _ columns: [String], descending: Set<String> = [], where predicate: String? = nil, arrayIndex: Bool = false) {
        self.name = name
        self.columns = columns
        self.descending = descending
        self.predicate = predicate
        self.isArrayIndex = arrayIndex
    }
}

/// A self-referencing hierarchy: the engine keeps a materialised path (`/id/id/…/`) and, when present, a
/// level column up to date with triggers, refuses cycles, and indexes the path for subtree queries.
public struct HierarchyDeclaration: Sendable, Hashable {
    public let parentColumn: String
    public let pathColumn: String
    public let levelColumn: String?
}

/// Which columns hold a row's visibility (`private`, `tenant`, `public`) and its author; or, with `parent`,
/// the reference column through which a row follows its parent's visibility (a prompt's versions).
public struct VisibilityDeclaration: Sendable, Hashable {
    public let column: String
    public let author: String
    public let parent: String?

    public static let standard = VisibilityDeclaration(column: "visibility", author: "created_by", parent: nil)

    /// Rows seen exactly when the `parent` row `column` points at is (its `visibility` and `created_by`).
    public static func following(_ column: String, of parent: String) -> Self {
        VisibilityDeclaration(column: column, author: "created_by", parent: parent)
    }
}

/// Everything Output Hub knows about one table. It is the single source for the migration on both engines
/// and, through the shared machinery, for the API resource, the OpenAPI schema and the admin screens.
public struct TableDeclaration: Sendable {
    public let name: String
    /// Human label of the table, plural ("Prompt suites").
    public let label: String
    public let module: AppModule
    public let scope: TableScope
    public let columns: [ColumnDeclaration]
    public let uniques: [UniqueDeclaration]
    public let checks: [CheckDeclaration]
    public let indexes: [IndexDeclaration]
    public let hierarchy: HierarchyDeclaration?
    /// The column that names a row for people (shown instead of ids in links and pickers).
    public let labelColumn: String
    /// One line on what the table holds and where it comes from.
    public let summary: String
    public let access: TableAccess
    /// Every member may read the rows, whatever their permissions (names shown everywhere: tenants, users).
    public let readableByEveryMember: Bool
    /// The columns a list shows after the label unless its URL chooses; nil: the first short columns.
    public let listColumns: [String]?
    /// Rows carry a visibility: `private` (their author and the tenant's administrators), `tenant`, or
    /// `public` (readable by every tenant, changed only by its own).
    public let visibility: VisibilityDeclaration?
    /// The scope creating, changing or deleting rows needs when it is not the module's usual one (feedback
    /// on a generation: whoever may call models, not only their administrators).
    public let writeScope: String?

    public init(
        _ name: String,
        label: String,
        module: AppModule,
        scope: TableScope,
        summary: String,
        labelColumn: String = "name",
        access: TableAccess = .readWrite,
        readableByEveryMember: Bool = false,
        listColumns: [String]? = nil,
        columns: [ColumnDeclaration],
        uniques: [UniqueDeclaration] = [],
        checks: [CheckDeclaration] = [],
        indexes: [IndexDeclaration] = [],
        hierarchy: (parent: String, path: String, level: String?)? = nil,
        visibility: VisibilityDeclaration? = nil,
        writeScope: String? = nil
    ) {
        self.name = name
        self.label = label
        self.module = module
        self.scope = scope
        self.summary = summary
        self.labelColumn = labelColumn
        self.access = access
        self.readableByEveryMember = readableByEveryMember
        self.listColumns = listColumns
        self.columns = columns
        self.uniques = uniques
        self.checks = checks
        self.indexes = indexes
        self.hierarchy = hierarchy.map { HierarchyDeclaration(parentColumn: $0.parent, pathColumn: $0.path, levelColumn: $0.level) }
        self.visibility = visibility
        self.writeScope = writeScope
    }

    public func column(_ name: String) -> ColumnDeclaration? { columns.first { $0.name == name } }
    public var hasUpdatedAt: Bool { column("updated_at") != nil }
    public var isSoftDeletable: Bool { column("deleted_at") != nil }
    public var searchableColumns: [ColumnDeclaration] { columns.filter(\.isSearchable) }
    public var foreignKeys: [(column: ColumnDeclaration, key: ForeignKey)] {
        columns.compactMap { c in c.references.map { (c, $0) } }
    }
}
