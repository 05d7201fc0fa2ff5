/// The generation log and the feedback people give on generations (seed 002 `ai_logs` with its added
/// columns, `ai_user_feedback`), and admin feedback on chatbot answers (seed 004).
public enum GenerationTables {
    public static let aiLogs = TableDeclaration(
        "ai_logs", label: "Generation log", module: .models, scope: .tenant,
        summary: "Every model call with tokens, cost and latency (seed 002 ai_logs with its task columns).",
        labelColumn: "model_name",
        listColumns: ["status", "model_configuration_id", "total_tokens", "cost_usd", "latency_ms"],
        columns: [
            .id, .tenantID,
            .user("user_id", onDelete: .setNull),
            .uuid("api_key_id").references("api_keys", onDelete: .setNull).note("The key the call came with"),
            .uuid("model_id").references("llm_models", onDelete: .setNull),
            .uuid("model_configuration_id").references("model_configurations", onDelete: .setNull),
            .varchar("provider", 50),
            .varchar("model_name", 255).notNull().note("The model as requested"),
            .uuid("prompt_id").references("prompts", onDelete: .setNull),
            .uuid("agent_id").references("agents", onDelete: .setNull),
            .uuid("conversation_id").references("conversations", onDelete: .setNull),
            .uuid("message_id").references("messages", onDelete: .setNull),
            .uuid("output_id").references("outputs", onDelete: .setNull).note("The answer kept as an output (X-Output-Hub-Conversation)"),
            .json("request").note("Messages and parameters sent"),
            .text("response"),
            .counter("input_tokens").note("OpenAI's meaning: cached tokens are part of it"),
            .counter("output_tokens").note("Reasoning tokens are part of it"),
            .counter("total_tokens"),
            .counter("cached_input_tokens").note("Input tokens read from the provider's cache"),
            .counter("cache_write_tokens").note("Input tokens written to the provider's cache (Anthropic)"),
            .counter("reasoning_tokens"),
            .decimal("cost_usd", 12, 6).between(0, 999_999).nullMeans("unpriced").note("NULL: unknown (the model has no price for the call's time)"),
            .uuid("price_id").references("llm_model_prices", onDelete: .setNull).note("The price row the cost was computed with"),
            .integer("latency_ms").between(0, 2_147_483_647),
            .integer("time_to_first_token_ms").between(0, 2_147_483_647),
            .counter("retries").note("Upstream attempts after the first"),
            .enumeration("status", ["success", "error", "timeout", "cancelled", "refused"], length: 20).notNull().defaults(.text("success"))
                .note("refused: stopped by a limit or budget before any upstream call"),
            .text("error_message"),
            .varchar("category_key", 100).references("ai_task_categories", column: "category_key", onDelete: .setNull),
            .enumeration("task_priority", ModelCatalogTables.priorities, length: 20),
            .enumeration("task_complexity", ModelCatalogTables.complexities, length: 20),
            .enumeration("selected_by", ["auto", "user_override", "fallback"]).notNull().defaults(.text("auto")),
            .decimal("confidence_score", 3, 2).between(0, 1),
            .json("metadata").notNull().defaults(.emptyObject),
            .createdAt,
        ],
        checks: [CheckDeclaration("valid_token_total", columns: ["total_tokens"], "total_tokens >= input_tokens + output_tokens OR total_tokens = 0")],
        indexes: [
            IndexDeclaration("idx_ai_logs_created", ["tenant_id", "created_at"], descending: ["created_at"]),
            IndexDeclaration("idx_ai_logs_category", ["category_key"]),
            IndexDeclaration("idx_ai_logs_priority", ["task_priority"]),
            IndexDeclaration("idx_ai_logs_price", ["price_id"]),
        ]
    )

    public static let feedbackTypes = ["like", "dislike", "regenerate", "skip", "rating"]

    public static let aiUserFeedback = TableDeclaration(
        "ai_user_feedback", label: "Model feedback", module: .models, scope: .tenant,
        summary: "Like, dislike, regenerate, skip and ratings on generations (seed 002).",
        labelColumn: "feedback_type", access: .appendOnly,
        columns: [
            .id, .tenantID,
            .user("user_id", onDelete: .setNull),
            .uuid("ai_log_id").references("ai_logs", onDelete: .cascade),
            .uuid("model_id").references("llm_models", onDelete: .setNull),
            .uuid("output_id").references("outputs", onDelete: .setNull),
            .varchar("category_key", 100).references("ai_task_categories", column: "category_key", onDelete: .setNull),
            .enumeration("feedback_type", feedbackTypes, length: 20).notNull().note("rating: a 1–5 star vote without a like or dislike"),
            .integer("quality_rating").between(1, 5),
            .text("reason").searchable(),
            .text("prompt_summary"),
            .text("output_summary"),
            .varchar("session_id", 100),
            .varchar("device_type", 50),
            .createdAt,
        ],
        // One vote per voter and generation, even when two arrive at once on two servers.
        uniques: [UniqueDeclaration("unique_feedback_vote_per_generation", ["tenant_id", "user_id", "ai_log_id"], whenNotNull: ["user_id", "ai_log_id"])],
        indexes: [
            IndexDeclaration("idx_feedback_user", ["user_id"]),
            // A voter's votes on a model in a category: every vote refreshes that preference from them.
            IndexDeclaration("idx_feedback_voter_model", ["tenant_id", "user_id", "model_id", "category_key"]),
            IndexDeclaration("idx_feedback_model", ["model_id"]),
            IndexDeclaration("idx_feedback_category", ["category_key"]),
            IndexDeclaration("idx_feedback_type", ["feedback_type"]),
            IndexDeclaration("idx_feedback_created", ["created_at"], descending: ["created_at"]),
        ],
        writeScope: Permissions.callModels
    )

    public static let adminFeedback = TableDeclaration(
        "admin_feedback", label: "Admin feedback", module: .chatbots, scope: .tenant,
        summary: "Administrators' feedback on chatbot answers and what it changed (seed 004).",
        labelColumn: "feedback_text",
        columns: [
            .id, .tenantID,
            .uuid("chatbot_id").notNull().references("chatbot_instances", onDelete: .cascade),
            .uuid("message_id").references("messages", onDelete: .setNull),
            .text("feedback_text").notNull().searchable(),
            .enumeration("feedback_type", ["accuracy", "tone", "completeness", "relevance", "other"]).notNull(),
            .enumeration("severity", ["low", "medium", "high", "critical"], length: 20).notNull(),
            .text("context"),
            .enumeration("status", ["pending", "analyzing", "completed", "applied", "rejected"]).notNull().defaults(.text("pending")),
            .json("analysis_results").notNull().defaults(.emptyObject),
            .json("suggested_improvements").notNull().defaults(.emptyArray),
            .json("applied_changes").notNull().defaults(.emptyObject),
            .json("before_snapshot").notNull().defaults(.emptyObject),
            .json("after_snapshot").notNull().defaults(.emptyObject),
            .json("impact_metrics").notNull().defaults(.emptyObject),
            .createdAt,
            .timestamp("processed_at"),
            .timestamp("applied_at"),
            .user("created_by"),
            .user("processed_by"),
        ],
        indexes: [
            IndexDeclaration("idx_admin_feedback_chatbot", ["chatbot_id"]),
            IndexDeclaration("idx_admin_feedback_type", ["feedback_type"]),
            IndexDeclaration("idx_admin_feedback_severity", ["severity"]),
            IndexDeclaration("idx_admin_feedback_status", ["status"]),
            IndexDeclaration("idx_admin_feedback_created_at", ["created_at"]),
        ]
    )

    /// The tenant's feedback per task category and model as decaying votes, so a recommendation reads one row
    /// per candidate instead of every vote (see `VoteTotals`).
    public static let modelVoteTotals = voteTotals("model_vote_totals", label: "Vote totals", whose: "Feedback", perUser: false)

    /// Each voter's share of `model_vote_totals`, so a recommendation for a user reads one more row per
    /// candidate, however much that user has voted.
    public static let userVoteTotals = voteTotals("user_vote_totals", label: "Vote totals per user", whose: "A user's feedback", perUser: true)

    /// The two vote-total tables: the same columns, and with `perUser` a voter in the key.
    private static func voteTotals(_ name: String, label: String, whose: String, perUser: Bool) -> TableDeclaration {
        let key = ["tenant_id"] + (perUser ? ["user_id"] : []) + ["category_key", "model_id"]
        return TableDeclaration(
            name, label: label, module: .models, scope: .tenant,
            summary: "\(whose) per task category and model as votes for and against, weighted by when they were cast.",
            labelColumn: "category_key",
            access: .hidden,
            columns: [.id, .tenantID] + (perUser ? [.user("user_id", onDelete: .cascade).notNull()] : []) + [
                .varchar("category_key", 100).notNull().references("ai_task_categories", column: "category_key", onDelete: .cascade),
                .uuid("model_id").notNull().references("llm_models", onDelete: .cascade),
                .counter("votes"),
                .double("favour").notNull().defaults(.integer(0)).note("Votes for, each weighted 2^(days since 2020-01-01 / 60)"),
                .double("against").notNull().defaults(.integer(0)).note("Votes against, weighted the same way"),
                .updatedAt,
            ],
            uniques: [UniqueDeclaration("unique_\(name)", key)]
        )
    }

    public static let all = [aiLogs, aiUserFeedback, adminFeedback, modelVoteTotals, userVoteTotals]
}
