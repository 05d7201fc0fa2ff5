/// The lookup tables seed 001 organises everything with: categories, tags, sensitivity levels and
/// retention plans. Seed 001 names them; Output Hub designs them.
public enum OrganisingTables {
    public static let categories = TableDeclaration(
        "categories", label: "Categories", module: .outputs, scope: .tenant,
        summary: "A tenant's categories for prompts, conversations and outputs (seed 001 lookup table).",
        columns: [
            .id, .tenantID,
            .varchar("name", 255).notNull().searchable(),
            .varchar("slug", 100).notNull(),
            .text("description").searchable(),
            .varchar("color", 7),
            .integer("display_order").notNull().defaults(.integer(0)),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_category_slug", ["tenant_id", "slug"])]
    )

    public static let tags = TableDeclaration(
        "tags", label: "Tags", module: .outputs, scope: .tenant,
        summary: "Free labels attached to prompts, conversations and outputs (seed 001 lookup table).",
        columns: [
            .id, .tenantID,
            .varchar("name", 100).notNull().searchable(),
            .varchar("color", 7),
            .text("description"),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_tag_name", ["tenant_id", "name"])]
    )

    public static let sensitivityLevels = TableDeclaration(
        "sensitivity_levels", label: "Sensitivity levels", module: .outputs, scope: .tenant,
        summary: "How confidential content is, e.g. public, internal, confidential (seed 001 lookup table).",
        columns: [
            .id, .tenantID,
            .varchar("name", 100).notNull().searchable(),
            .varchar("code", 50).notNull(),
            .integer("level").notNull().between(0, 100).note("Higher is more sensitive"),
            .text("description"),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_sensitivity_code", ["tenant_id", "code"])]
    )

    public static let retentionPlans = TableDeclaration(
        "retention_plans", label: "Retention plans", module: .outputs, scope: .tenant,
        summary: "How long content is kept and what happens after (seed 001 lookup table).",
        columns: [
            .id, .tenantID,
            .varchar("name", 100).notNull().searchable(),
            .varchar("code", 50).notNull(),
            .integer("retention_days").between(0, 36_500).note("NULL keeps content forever"),
            .enumeration("expiry_action", ["delete", "archive", "anonymize"], length: 20).notNull().defaults(.text("archive")),
            .text("description"),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_retention_code", ["tenant_id", "code"])]
    )

    public static let all = [categories, tags, sensitivityLevels, retentionPlans]
}
