/// The prompt-tuning workflow (seed 003), kept apart from production conversations as the seed asks.
public enum TuningTables {
    public static let promptTuningSessions = TableDeclaration(
        "prompt_tuning_sessions", label: "Tuning sessions", module: .tuning, scope: .tenant,
        summary: "Each testing session a tester runs against a master prompt (seed 003).",
        labelColumn: "branch_name",
        columns: [
            .id, .tenantID,
            .uuid("prompt_id").references("prompts", onDelete: .setNull).note("The prompt being tuned, when it lives in the library"),
            .timestamp("session_start").notNull().defaults(.now),
            .timestamp("session_end"),
            .text("master_prompt_version").note("Git commit of the master prompt at session start"),
            .text("branch_name").notNull().defaults(.text("prompt-tuning")),
            .counter("total_turns").serverManaged(),
            .counter("total_improvements").serverManaged(),
            .text("tester_id"), .text("tester_email"), .text("tester_name"),
            .json("metadata").notNull().defaults(.emptyObject),
            .timestamp("archived_at").note("Seed 003's archive table: archived sessions are marked, not moved"),
            .createdAt, .updatedAt,
        ],
        checks: [CheckDeclaration("valid_tuning_span", columns: ["session_end"], "session_end IS NULL OR session_end >= session_start")],
        indexes: [
            IndexDeclaration("idx_tuning_sessions_start", ["session_start"], descending: ["session_start"]),
            IndexDeclaration("idx_tuning_sessions_tester", ["tester_id"]),
            IndexDeclaration("idx_tuning_sessions_branch", ["branch_name"]),
            IndexDeclaration("idx_tuning_sessions_active", ["session_end"], where: "session_end IS NULL"),
        ]
    )

    public static let tuningConversationTurns = TableDeclaration(
        "tuning_conversation_turns", label: "Tuning turns", module: .tuning, scope: .tenant,
        summary: "Each user message and response in a tuning session, with its retrieval context (seed 003).",
        labelColumn: "turn_number",
        columns: [
            .id, .tenantID,
            .uuid("session_id").notNull().references("prompt_tuning_sessions", onDelete: .cascade),
            .integer("turn_number").notNull().between(1, 2_147_483_647),
            .text("user_message").notNull().searchable(),
            .text("era_response").notNull().searchable(),
            .timestamp("timestamp").notNull().defaults(.now),
            .integer("processing_time_ms").between(0, 2_147_483_647),
            .json("search_results"),
            .double("avg_similarity"),
            .integer("total_chunks").between(0, 2_147_483_647),
            .double("confidence_score"),
            .text("template_used"),
            .json("metadata").notNull().defaults(.emptyObject),
            .boolean("has_policy_citation"),
            .boolean("appropriate_action_suggested"),
            .boolean("structure_complete"),
            .integer("professionalism_score").between(1, 5),
            .integer("empathy_score").between(1, 5),
            .integer("clarity_score").between(1, 5),
        ],
        uniques: [UniqueDeclaration("unique_session_turn", ["session_id", "turn_number"])],
        indexes: [
            IndexDeclaration("idx_tuning_turns_timestamp", ["timestamp"], descending: ["timestamp"]),
            IndexDeclaration("idx_tuning_turns_similarity", ["avg_similarity"], where: "avg_similarity IS NOT NULL"),
        ]
    )

    public static let tuningImprovements = TableDeclaration(
        "tuning_improvements", label: "Tuning improvements", module: .tuning, scope: .tenant,
        summary: "Improvement notes a tester gives on a turn (seed 003).",
        labelColumn: "improvement_note",
        columns: [
            .id, .tenantID,
            .uuid("turn_id").notNull().references("tuning_conversation_turns", onDelete: .cascade),
            .text("improvement_note").notNull().searchable(),
            .enumeration("category", ["tone", "content", "citation", "clarity", "structure", "action"], length: 20),
            .timestamp("timestamp").notNull().defaults(.now),
            .json("metadata").notNull().defaults(.emptyObject),
        ],
        indexes: [
            IndexDeclaration("idx_tuning_improvements_turn", ["turn_id"]),
            IndexDeclaration("idx_tuning_improvements_category", ["category"], where: "category IS NOT NULL"),
            IndexDeclaration("idx_tuning_improvements_timestamp", ["timestamp"], descending: ["timestamp"]),
        ]
    )

    public static let promptVersionComparisons = TableDeclaration(
        "prompt_version_comparisons", label: "Version comparisons", module: .tuning, scope: .tenant,
        summary: "Metric-by-metric comparison of two master prompt versions (seed 003 future enhancement).",
        labelColumn: "metric_name",
        columns: [
            .id, .tenantID,
            .text("version_a").notNull(),
            .text("version_b").notNull(),
            .text("metric_name").notNull(),
            .double("version_a_score"),
            .double("version_b_score"),
            .timestamp("comparison_date").notNull().defaults(.now),
        ]
    )

    public static let all = [promptTuningSessions, tuningConversationTurns, tuningImprovements, promptVersionComparisons]
}
