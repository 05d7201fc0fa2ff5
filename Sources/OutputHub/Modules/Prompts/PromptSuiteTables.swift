/// Suites of prompts: ordered, conditional steps with variable mappings, assigned to agents, solutions or
/// workflows (seed 000).
public enum PromptSuiteTables {
    public static let promptSuites = TableDeclaration(
        "prompt_suites", label: "Prompt suites", module: .prompts, scope: .tenant,
        summary: "Collections of related prompts organised by use case (seed 000).",
        columns: [
            [
                .id, .tenantID,
                .varchar("name", 255).notNull().searchable(),
                .varchar("code", 50).notNull(),
                .text("description").searchable(),
                .varchar("suite_type", 100).note("expert, panel, workflow, solution_specific"),
                .varchar("category", 100).note("medical_affairs, commercial, regulatory"),
                .uuid("parent_suite_id").references("prompt_suites"),
                .integer("hierarchy_level").notNull().defaults(.integer(1)).serverManaged(),
                .text("hierarchy_path").serverManaged(),
                .json("default_config"),
                .json("execution_order").note("Seed: jsonb[]; here one JSON array"),
                .textArray("target_personas"),
                .textArray("target_industries"),
                .uuidArray("target_jtbds").note("jobs_to_be_done ids"),
                .varchar("version", 50).notNull().defaults(.text("1.0.0")),
                .flag("is_active", true),
                .varchar("icon", 50), .varchar("color", 7),
                .textArray("tags"),
                .counter("usage_count"),
                .timestamp("last_used_at"),
            ],
            PromptLibraryTables.approvalColumns,
            [
                .flag("is_system_suite", false),
                .user("created_by").serverManaged().note("The author, set by the server"),
                .createdAt, .updatedAt, .deletedAt,
            ],
        ].flatMap { $0 },
        uniques: [UniqueDeclaration("unique_suite_code_tenant", ["tenant_id", "code"])],
        hierarchy: (parent: "parent_suite_id", path: "hierarchy_path", level: "hierarchy_level"),
        visibility: .standard
    )

    public static let promptSubSuites = TableDeclaration(
        "prompt_sub_suites", label: "Prompt sub-suites", module: .prompts, scope: .tenant,
        summary: "Nested collections within prompt suites (seed 000).",
        columns: [
            .id, .tenantID,
            .uuid("parent_suite_id").notNull().references("prompt_suites", onDelete: .cascade),
            .varchar("name", 255).notNull().searchable(),
            .varchar("code", 50).notNull(),
            .text("description").searchable(),
            .integer("display_order").notNull().defaults(.integer(1)),
            .json("config_overrides"),
            .flag("is_active", true),
            .createdAt, .updatedAt, .deletedAt,
        ],
        uniques: [UniqueDeclaration("unique_subsuite_code", ["parent_suite_id", "code"])]
    )

    public static let suitePrompts = TableDeclaration(
        "suite_prompts", label: "Suite steps", module: .prompts, scope: .tenant,
        summary: "Prompts in a suite or sub-suite with order, conditions, role override and variable mappings (seed 000).",
        labelColumn: "execution_order",
        columns: [
            .id, .tenantID,
            .uuid("suite_id").references("prompt_suites", onDelete: .cascade),
            .uuid("sub_suite_id").references("prompt_sub_suites", onDelete: .cascade),
            .uuid("prompt_id").notNull().references("prompts", onDelete: .cascade),
            .integer("execution_order").notNull().defaults(.integer(1)),
            .flag("is_required", true),
            .flag("is_conditional", false),
            .text("condition_expression"),
            .enumeration("role_override", PromptLibraryTables.promptRoles, length: 20),
            .json("variable_mappings"),
            .createdAt, .updatedAt,
        ],
        // Seed 000's UNIQUE(suite_id, sub_suite_id, prompt_id) never fires because one of the two is always
        // NULL; two partial unique indexes say what it means.
        uniques: [
            UniqueDeclaration("unique_suite_prompt", ["suite_id", "prompt_id"], whenNotNull: ["suite_id"]),
            UniqueDeclaration("unique_sub_suite_prompt", ["sub_suite_id", "prompt_id"], whenNotNull: ["sub_suite_id"]),
        ],
        checks: [
            CheckDeclaration(
                "suite_or_subsuite_required", columns: ["suite_id", "sub_suite_id"],
                "(suite_id IS NOT NULL AND sub_suite_id IS NULL) OR (suite_id IS NULL AND sub_suite_id IS NOT NULL)"),
            CheckDeclaration(
                "condition_when_conditional", columns: ["condition_expression"],
                "is_conditional = (condition_expression IS NOT NULL)"),
        ]
    )

    public static let suiteAssignments = TableDeclaration(
        "suite_assignments", label: "Suite assignments", module: .prompts, scope: .tenant,
        summary: "Which agents, solutions or workflows use which suites (seed 000).",
        labelColumn: "suite_id",
        columns: [
            .id, .tenantID,
            .uuid("suite_id").notNull().references("prompt_suites", onDelete: .cascade),
            .uuid("agent_id").references("agents", onDelete: .cascade),
            .uuid("solution_id").references("solutions", onDelete: .cascade),
            .uuid("workflow_id").references("workflows", onDelete: .cascade),
            .flag("is_default", false),
            .json("config_overrides"),
            .counter("usage_count"),
            .timestamp("last_used_at"),
            .user("assigned_by"),
            .timestamp("assigned_at").notNull().defaults(.now).serverManaged(),
            .updatedAt,
        ],
        checks: [
            CheckDeclaration(
                "one_assignment_target", columns: ["agent_id", "solution_id", "workflow_id"],
                "(agent_id IS NOT NULL AND solution_id IS NULL AND workflow_id IS NULL) OR "
                    + "(agent_id IS NULL AND solution_id IS NOT NULL AND workflow_id IS NULL) OR "
                    + "(agent_id IS NULL AND solution_id IS NULL AND workflow_id IS NOT NULL)")
        ]
    )

    public static let promptTags = TableDeclaration(
        "prompt_tags", label: "Prompt tags", module: .prompts, scope: .tenant,
        summary: "Junction: tags on prompts (seed 001 junction tables).",
        labelColumn: "tag_id",
        columns: [
            .id, .tenantID,
            .uuid("prompt_id").notNull().references("prompts", onDelete: .cascade),
            .uuid("tag_id").notNull().references("tags", onDelete: .cascade),
            .createdAt,
        ],
        uniques: [UniqueDeclaration("unique_prompt_tag", ["prompt_id", "tag_id"])]
    )

    public static let all = [promptSuites, promptSubSuites, suitePrompts, suiteAssignments, promptTags]
}
