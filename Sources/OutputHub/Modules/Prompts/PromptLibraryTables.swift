/// Prompts, agents and what uses them. Seeds: 000 (suites, sub-suites, suite prompts, assignments, prompt
/// versions, skills, skill categories) and 001 (core prompts and agents, versioning of both).
public enum PromptLibraryTables {
    public static let visibility = ["private", "tenant", "public"]
    public static let approvalStatus = ["pending", "approved", "rejected"]
    public static let promptRoles = ["system", "user", "assistant", "tool"]

    /// Approval of one version (the parent row's approval columns show its current version's).
    static let versionApprovalColumns: [ColumnDeclaration] = [
        .enumeration("approval_status", approvalStatus, length: 20).notNull().defaults(.text("pending")),
        .user("approved_by"),
        .timestamp("approved_at"),
        .text("approval_comment"),
    ]

    /// The approval columns seed 000 gives suites, shared by every approvable table.
    static let approvalColumns: [ColumnDeclaration] = [
        .enumeration("visibility", visibility, length: 20).notNull().defaults(.text("tenant")),
        .enumeration("approval_status", approvalStatus, length: 20).notNull().defaults(.text("pending")).changing(needs: Permissions.approve),
        .user("approved_by").serverManaged().note("Set by the server to whoever approved or rejected"),
        .timestamp("approved_at").serverManaged(),
    ]

    public static let skillCategories = TableDeclaration(
        "skill_categories", label: "Skill categories", module: .prompts, scope: .global,
        summary: "Hierarchical categories of skills (seed 000).",
        columns: [
            .id,
            .varchar("name", 255).notNull().unique().searchable(),
            .varchar("code", 50).notNull().unique(),
            .text("description").searchable(),
            .uuid("parent_category_id").references("skill_categories"),
            .text("hierarchy_path").serverManaged(),
            .varchar("category_type", 100).note("technical, domain, soft_skill, tool"),
            .varchar("icon", 50), .varchar("color", 7),
            .flag("is_active", true),
            .createdAt, .updatedAt,
        ],
        hierarchy: (parent: "parent_category_id", path: "hierarchy_path", level: nil)
    )

    public static let skills = TableDeclaration(
        "skills", label: "Skills", module: .prompts, scope: .tenant,
        summary: "Skills agents and people have, with the seed 000 enhancements (category, type, levels, parent).",
        columns: [
            .id, .tenantID,
            .varchar("name", 255).notNull().searchable(),
            .varchar("code", 50).notNull(),
            .text("description").searchable(),
            .uuid("category_id").references("skill_categories"),
            .varchar("skill_type", 100).note("hard, soft, technical, domain"),
            .json("proficiency_levels"),
            .uuid("parent_skill_id").references("skills"),
            .text("hierarchy_path").serverManaged(),
            .flag("is_active", true),
            .createdAt, .updatedAt, .deletedAt,
        ],
        uniques: [UniqueDeclaration("unique_skill_code_tenant", ["tenant_id", "code"])],
        hierarchy: (parent: "parent_skill_id", path: "hierarchy_path", level: nil)
    )

    public static let jobsToBeDone = TableDeclaration(
        "jobs_to_be_done", label: "Jobs to be done", module: .prompts, scope: .tenant,
        summary: "The jobs users hire prompts and agents for; suites target them (seed 000 target_jtbds).",
        labelColumn: "title",
        columns: [
            .id, .tenantID,
            .varchar("code", 50).notNull(),
            .varchar("title", 255).notNull().searchable(),
            .text("description").searchable(),
            .varchar("persona", 100),
            .varchar("industry", 100),
            .flag("is_active", true),
            .createdAt, .updatedAt, .deletedAt,
        ],
        uniques: [UniqueDeclaration("unique_jtbd_code_tenant", ["tenant_id", "code"])]
    )

    public static let solutions = TableDeclaration(
        "solutions", label: "Solutions", module: .prompts, scope: .tenant,
        summary: "Packaged solutions that suites are assigned to (seed 000 suite_assignments).",
        columns: [
            .id, .tenantID,
            .varchar("name", 255).notNull().searchable(),
            .varchar("code", 50).notNull(),
            .text("description").searchable(),
            .flag("is_active", true),
            .user("created_by"),
            .createdAt, .updatedAt, .deletedAt,
        ],
        uniques: [UniqueDeclaration("unique_solution_code_tenant", ["tenant_id", "code"])]
    )

    public static let workflows = TableDeclaration(
        "workflows", label: "Workflows", module: .prompts, scope: .tenant,
        summary: "Multi-step workflows that suites are assigned to (seed 000 suite_assignments).",
        columns: [
            .id, .tenantID,
            .varchar("name", 255).notNull().searchable(),
            .varchar("code", 50).notNull(),
            .text("description").searchable(),
            .json("definition").note("Steps and transitions"),
            .flag("is_active", true),
            .user("created_by"),
            .createdAt, .updatedAt, .deletedAt,
        ],
        uniques: [UniqueDeclaration("unique_workflow_code_tenant", ["tenant_id", "code"])]
    )

    public static let prompts = TableDeclaration(
        "prompts", label: "Prompts", module: .prompts, scope: .tenant,
        summary: "The prompt library (seed 001 core_prompts); each change is kept in prompt_versions.",
        columns: [
            [
                .id, .tenantID,
                .varchar("name", 255).notNull().searchable(),
                .varchar("code", 50),
                .text("description").searchable(),
                .text("content").notNull().searchable(),
                .enumeration("role", promptRoles, length: 20).notNull().defaults(.text("user")),
                .json("variables").note("Typed declarations: [{name, type, required, default, description, values}]"),
                .json("config").note("Model parameters that travel with the prompt (versioned)"),
                .uuid("category_id").references("categories", onDelete: .setNull),
                .uuid("sensitivity_level_id").references("sensitivity_levels", onDelete: .setNull),
                .uuid("retention_plan_id").references("retention_plans", onDelete: .setNull),
                .varchar("current_version", 50).notNull().defaults(.text("1.0.0")).serverManaged()
                    .note("The current version's number (1, 2, …), set by the server"),
                .text("change_summary").note("Why the current version was made; sent with a change that makes a version"),
            ],
            approvalColumns,
            [
                .flag("is_active", true),
                .counter("usage_count").serverManaged(),
                .timestamp("last_used_at").serverManaged(),
                .user("created_by").serverManaged().note("The author, set by the server"),
                .createdAt, .updatedAt, .deletedAt,
            ],
        ].flatMap { $0 },
        uniques: [UniqueDeclaration("unique_prompt_code_tenant", ["tenant_id", "code"], whenNotNull: ["code"])],
        indexes: [IndexDeclaration("idx_prompts_updated", ["tenant_id", "updated_at"], descending: ["updated_at"])],
        visibility: .standard
    )

    public static let promptVersions = TableDeclaration(
        "prompt_versions", label: "Prompt versions", module: .prompts, scope: .tenant,
        summary: "Immutable version history of prompts (seed 000; seed 001's polymorphic versions for prompts), written by the server.",
        labelColumn: "version", access: .readOnly,
        columns: [
            [
                .id, .tenantID,
                .uuid("prompt_id").notNull().references("prompts", onDelete: .cascade),
                .varchar("version", 50).notNull(),
                .flag("is_current", false),
                .text("content").notNull().searchable(),
                .json("variables"),
                .enumeration("role", promptRoles, length: 20).notNull(),
                .json("config"),
                .text("change_summary"),
                .user("changed_by"),
                .timestamp("changed_at").notNull().defaults(.now),
                .decimal("avg_effectiveness_score", 3, 2),
                .counter("usage_count"),
                .timestamp("last_used_at"),
            ],
            versionApprovalColumns,
        ].flatMap { $0 },
        uniques: [
            UniqueDeclaration("unique_prompt_version", ["prompt_id", "version"]),
        ],
        visibility: .following("prompt_id", of: "prompts")
    )

    /// Named pointers to prompt versions (`production`, `staging`, …), moved through
    /// `PUT /api/v1/prompts/{id}/labels/{label}`; `latest` is implied and never stored.
    public static let promptLabels = TableDeclaration(
        "prompt_labels", label: "Prompt labels", module: .prompts, scope: .tenant,
        summary: "Named pointers to prompt versions; moved through the prompt's labels endpoint, every move audited.",
        access: .readOnly,
        columns: [
            .id, .tenantID,
            .uuid("prompt_id").notNull().references("prompts", onDelete: .cascade),
            .varchar("name", 50).notNull(),
            .uuid("version_id").notNull().references("prompt_versions", onDelete: .cascade),
            .user("moved_by"),
            .timestamp("moved_at").notNull().defaults(.now),
        ],
        uniques: [UniqueDeclaration("unique_prompt_label", ["prompt_id", "name"])],
        visibility: .following("prompt_id", of: "prompts")
    )

    public static let agents = TableDeclaration(
        "agents", label: "Agents", module: .prompts, scope: .tenant,
        summary: "Agent set-ups (seed 001 core_agents); each change is kept in agent_versions.",
        columns: [
            [
                .id, .tenantID,
                .varchar("name", 255).notNull().searchable(),
                .varchar("code", 50).notNull(),
                .text("description").searchable(),
                .text("system_prompt").searchable(),
                .uuid("model_configuration_id").references("model_configurations", onDelete: .setNull),
                .json("config"),
                .varchar("current_version", 50).notNull().defaults(.text("1.0.0")).serverManaged()
                    .note("The current version's number (1, 2, …), set by the server"),
                .text("change_summary").note("Why the current version was made; sent with a change that makes a version"),
            ],
            approvalColumns,
            [
                .flag("is_active", true),
                .counter("usage_count").serverManaged(),
                .user("created_by").serverManaged().note("The author, set by the server"),
                .createdAt, .updatedAt, .deletedAt,
            ],
        ].flatMap { $0 },
        uniques: [UniqueDeclaration("unique_agent_code_tenant", ["tenant_id", "code"])],
        visibility: .standard
    )

    public static let agentVersions = TableDeclaration(
        "agent_versions", label: "Agent versions", module: .prompts, scope: .tenant,
        summary: "Immutable version history of agents (seed 001's polymorphic versions for agents), written by the server.",
        labelColumn: "version", access: .readOnly,
        columns: [
            [
                .id, .tenantID,
                .uuid("agent_id").notNull().references("agents", onDelete: .cascade),
                .varchar("version", 50).notNull(),
                .flag("is_current", false),
                .text("system_prompt"),
                .uuid("model_configuration_id").references("model_configurations", onDelete: .setNull),
                .json("config"),
                .text("change_summary"),
                .user("changed_by"),
                .timestamp("changed_at").notNull().defaults(.now),
            ],
            versionApprovalColumns,
        ].flatMap { $0 },
        uniques: [UniqueDeclaration("unique_agent_version", ["agent_id", "version"])],
        visibility: .following("agent_id", of: "agents")
    )

    public static let all = [
        skillCategories, skills, jobsToBeDone, solutions, workflows, prompts, promptVersions, promptLabels, agents, agentVersions,
    ] + PromptSuiteTables.all
}
