/// A column's default value, rendered by each engine in its own dialect.
public enum ColumnDefault: Sendable, Hashable {
    case text(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    /// The current time at insert.
    case now
    /// A new random UUID.
    case randomUUID
    /// An empty JSON object `{}`.
    case emptyObject
    /// An empty JSON array `[]` or an empty SQL array.
    case emptyArray
}

/// What happens to referencing rows when the referenced row is deleted (the seeds' `ON DELETE`).
public enum DeleteRule: String, Sendable, Hashable {
    case noAction = "NO ACTION"
    case cascade = "CASCADE"
    case setNull = "SET NULL"
    case restrict = "RESTRICT"
}

/// A foreign key from one column to another table's `id`.
public struct ForeignKey: Sendable, Hashable {
    public let table: String
    public let column: String
    public let onDelete: DeleteRule
    /// Writes may point at a row the tenant cannot see yet (a membership is how a user joins a tenant);
    /// otherwise a reference must name a row visible to the writer's tenant.
    public internal(set) var reachesOutsideTenant = false
}

/// One column of a table declaration. Built with the static constructors and the modifier methods, e.g.
/// `.varchar("name", 255).notNull()`.
public struct ColumnDeclaration: Sendable, Hashable {
    public let name: String
    public let type: ColumnType
    public internal(set) var isNullable = true
    public internal(set) var defaultValue: ColumnDefault?
    public internal(set) var references: ForeignKey?
    /// The allowed values of an enumerated column (checked on both engines).
    public internal(set) var allowedValues: [String]?
    /// An inclusive numeric range checked on both engines.
    public internal(set) var range: ClosedRange<Double>?
    /// The seed's name for the range constraint, when it has one (`valid_temperature`).
    public internal(set) var rangeConstraintName: String?
    /// Set by the server, never by a client (ids, tenant, timestamps, derived counters and paths).
    public internal(set) var isServerManaged = false
    /// Never leaves the server and is never accepted from a client (password, token and key hashes).
    public internal(set) var isSecret = false
    /// Only a system administrator may set it (it reaches beyond the tenant).
    public internal(set) var isSystemAdminOnly = false
    /// The permission scope needed to change it (approval needs `prompts:approve`); forms show it disabled
    /// to members without it. The table's behaviour enforces it.
    public internal(set) var changeScope: String?
    /// Sealed at rest with the master key; answers show only whether it is set and its last 4 characters.
    public internal(set) var isEncrypted = false
    /// Included in the table's full-text index.
    public internal(set) var isSearchable = false
    /// Unique on its own.
    public internal(set) var isUnique = false
    /// A short note on what the column holds (the seeds' comments).
    public internal(set) var note: String?
    /// For long text: the column of the same row that names its format (`text`, `markdown`, `html`, `json`,
    /// `code`); the admin UI shows Markdown rendered, JSON and code as code, HTML as its source text.
    public internal(set) var formatColumn: String?
    /// What an empty value means, shown instead of "not set" (`cost_usd`: "unpriced").
    public internal(set) var nullMeaning: String?

    init(_ name: String, _ type: ColumnType) {
        self.name = name
        self.type = type
    }

    // MARK: Modifiers

    public func notNull() -> Self { var c = self; c.isNullable = false; return c }
    public func defaults(_ value: ColumnDefault) -> Self { var c = self; c.defaultValue = value; return c }
    public func references(_ table: String, column: String = "id", onDelete: DeleteRule = .noAction) -> Self {
        var c = self; c.references = ForeignKey(table: table, column: column, onDelete: onDelete); return c
    }
    /// See `ForeignKey.reachesOutsideTenant`.
    public func reachingOutsideTenant() -> Self { var c = self; c.references?.reachesOutsideTenant = true; return c }
    public func oneOf(_ values: [String]) -> Self { var c = self; c.allowedValues = values; return c }
    public func between(_ low: Double, _ high: Double, constraint name: String? = nil) -> Self {
        var c = self; c.range = low...high; c.rangeConstraintName = name; return c
    }
    public func serverManaged() -> Self { var c = self; c.isServerManaged = true; return c }
    public func secret() -> Self { var c = self; c.isSecret = true; c.isServerManaged = true; return c }
    public func encrypted() -> Self { var c = self; c.isEncrypted = true; return c }
    public func systemAdminOnly() -> Self { var c = self; c.isSystemAdminOnly = true; return c }
    public func changing(needs scope: String) -> Self { var c = self; c.changeScope = scope; return c }
    public func searchable() -> Self { var c = self; c.isSearchable = true; return c }
    public func unique() -> Self { var c = self; c.isUnique = true; return c }
    public func note(_ text: String) -> Self { var c = self; c.note = text; return c }
    public func formatted(by column: String) -> Self { var c = self; c.formatColumn = column; return c }
    public func nullMeans(_ text: String) -> Self { var c = self; c.nullMeaning = text; return c }

    // MARK: Constructors

    public static func uuid(_ name: String) -> Self { .init(name, .uuid) }
    public static func varchar(_ name: String, _ length: Int) -> Self { .init(name, .varchar(length)) }
    public static func text(_ name: String) -> Self { .init(name, .text) }
    public static func integer(_ name: String) -> Self { .init(name, .integer) }
    public static func bigint(_ name: String) -> Self { .init(name, .bigint) }
    public static func decimal(_ name: String, _ precision: Int, _ scale: Int) -> Self { .init(name, .decimal(precision, scale)) }
    public static func double(_ name: String) -> Self { .init(name, .double) }
    public static func boolean(_ name: String) -> Self { .init(name, .boolean) }
    public static func timestamp(_ name: String) -> Self { .init(name, .timestamp) }
    public static func date(_ name: String) -> Self { .init(name, .date) }
    public static func json(_ name: String) -> Self { .init(name, .json) }
    public static func textArray(_ name: String) -> Self { .init(name, .textArray) }
    public static func uuidArray(_ name: String) -> Self { .init(name, .uuidArray) }
    public static func inet(_ name: String) -> Self { .init(name, .inet) }
    public static func vector(_ name: String, dimensions: Int) -> Self { .init(name, .vector(dimensions)) }
    public static func bytes(_ name: String) -> Self { .init(name, .bytes) }

    /// An enumerated `varchar` column whose values are checked.
    public static func enumeration(_ name: String, _ values: [String], length: Int = 50) -> Self {
        Self(name, .varchar(length)).oneOf(values)
    }

    // MARK: Columns most tables share

    /// The primary key: a UUID the server assigns.
    public static var id: Self { uuid("id").notNull().defaults(.randomUUID).serverManaged() }
    /// The owning tenant; rows go with their tenant.
    public static var tenantID: Self { uuid("tenant_id").notNull().references("tenants", onDelete: .cascade).serverManaged() }
    public static var createdAt: Self { timestamp("created_at").notNull().defaults(.now).serverManaged() }
    /// Kept current by a trigger on both engines.
    public static var updatedAt: Self { timestamp("updated_at").notNull().defaults(.now).serverManaged() }
    /// Soft-delete marker: rows with a value are hidden from lists.
    public static var deletedAt: Self { timestamp("deleted_at").serverManaged() }
    /// A reference to the user who did something; the seeds keep the row when the user goes (no action).
    public static func user(_ name: String, onDelete: DeleteRule = .noAction) -> Self {
        uuid(name).references("users", onDelete: onDelete)
    }
    /// A boolean flag with a default, NOT NULL as in the seeds.
    public static func flag(_ name: String, _ value: Bool) -> Self { boolean(name).notNull().defaults(.bool(value)) }
    /// A NOT NULL integer counter starting at zero.
    public static func counter(_ name: String) -> Self { integer(name).notNull().defaults(.integer(0)) }
}
