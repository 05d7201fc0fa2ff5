/// Chatbot instances and what hangs off them (seed 004). Their sessions and messages are the shared
/// `conversations` and `messages` tables.
public enum ChatbotTables {
    public static let chatbotInstances = TableDeclaration(
        "chatbot_instances", label: "Chatbots", module: .chatbots, scope: .tenant,
        summary: "Chatbots with their model and retrieval settings (seed 004).",
        columns: [
            .id, .tenantID,
            .varchar("name", 255).notNull().searchable(),
            .text("description").searchable(),
            .enumeration("status", ["draft", "active", "inactive", "testing", "maintenance"]).notNull().defaults(.text("draft")),
            .varchar("avatar_url", 500),
            .text("welcome_message"),
            .text("fallback_message"),
            .varchar("llm_provider", 50).notNull().defaults(.text("bedrock")),
            .varchar("llm_model", 100).notNull(),
            .text("system_prompt").notNull(),
            .json("model_config").notNull().defaults(.emptyObject),
            .flag("rag_enabled", true),
            .integer("retrieval_k").notNull().defaults(.integer(5)).between(1, 100),
            .double("score_threshold").notNull().defaults(.number(0.7)).between(0, 1),
            .integer("context_window").notNull().defaults(.integer(4000)).between(1, 2_147_483_647),
            .json("knowledge_base_filter").notNull().defaults(.emptyObject),
            .json("integration_settings").notNull().defaults(.emptyObject),
            .json("performance_metrics").notNull().defaults(.emptyObject),
            .createdAt, .updatedAt,
            .timestamp("last_active_at"),
            .user("created_by"),
        ],
        uniques: [UniqueDeclaration("idx_chatbot_instances_name_org", ["name", "tenant_id"])],
        indexes: [
            IndexDeclaration("idx_chatbot_instances_status", ["status"]),
            IndexDeclaration("idx_chatbot_instances_model", ["llm_model"]),
        ]
    )

    public static let chatbotDocuments = TableDeclaration(
        "chatbot_documents", label: "Chatbot documents", module: .chatbots, scope: .tenant,
        summary: "Junction: knowledge sources a chatbot retrieves from (seed 004).",
        labelColumn: "document_id",
        columns: [
            .id, .tenantID,
            .uuid("chatbot_id").notNull().references("chatbot_instances", onDelete: .cascade),
            .uuid("document_id").notNull().references("knowledge_sources", onDelete: .cascade),
            .timestamp("assigned_at").notNull().defaults(.now).serverManaged(),
            .user("assigned_by"),
        ],
        uniques: [UniqueDeclaration("unique_chatbot_document", ["chatbot_id", "document_id"])],
        indexes: [IndexDeclaration("idx_chatbot_documents_document", ["document_id"])]
    )

    public static let integrationConfigs = TableDeclaration(
        "integration_configs", label: "Integrations", module: .chatbots, scope: .tenant,
        summary: "Where a chatbot is reachable (LINE, webhook, widget, iframe) with its credentials (seed 004).",
        labelColumn: "integration_name",
        columns: [
            .id, .tenantID,
            .uuid("chatbot_id").notNull().references("chatbot_instances", onDelete: .cascade),
            .enumeration("integration_type", ["line_oa", "webhook", "widget", "iframe"]).notNull(),
            .varchar("integration_name", 255).notNull().searchable(),
            .json("credentials").notNull().defaults(.emptyObject).encrypted().note("Encrypted at rest; answers show only whether it is set"),
            .json("settings").notNull().defaults(.emptyObject),
            .varchar("webhook_url", 500),
            .enumeration("status", ["active", "inactive", "error", "testing"]).notNull().defaults(.text("active")),
            .timestamp("last_health_check"),
            .json("health_status").notNull().defaults(.emptyObject),
            .json("error_log").notNull().defaults(.emptyArray),
            .createdAt, .updatedAt,
            .user("created_by"),
        ],
        indexes: [
            IndexDeclaration("idx_integration_configs_type", ["integration_type"]),
            IndexDeclaration("idx_integration_configs_status", ["status"]),
        ]
    )

    public static let dailyMetrics = TableDeclaration(
        "daily_metrics", label: "Daily metrics", module: .chatbots, scope: .tenant,
        summary: "Per-day conversation, performance and quality rollups per chatbot (seed 004).",
        labelColumn: "metric_date",
        columns: [
            .id, .tenantID,
            .uuid("chatbot_id").references("chatbot_instances", onDelete: .cascade),
            .date("metric_date").notNull(),
            .counter("total_sessions"), .counter("total_messages"), .counter("unique_users"),
            .counter("avg_session_duration_seconds"),
            .double("avg_messages_per_session").notNull().defaults(.number(0)),
            .counter("avg_response_time_ms"),
            .counter("total_tokens_used"),
            .decimal("total_cost_usd", 10, 4).notNull().defaults(.number(0)),
            .double("avg_user_satisfaction").between(1, 5),
            .double("successful_responses_ratio").between(0, 1),
            .json("platform_breakdown").notNull().defaults(.emptyObject),
            .createdAt,
        ],
        uniques: [UniqueDeclaration("idx_daily_metrics_unique", ["tenant_id", "chatbot_id", "metric_date"], nullsNotDistinct: true)],
        indexes: [IndexDeclaration("idx_daily_metrics_date", ["metric_date"])]
    )

    public static let all = [chatbotInstances, chatbotDocuments, integrationConfigs, dailyMetrics]
}
