/// Conversations, their messages and the outputs people keep. Seeds: 001 (core conversations, messages,
/// outputs, tag junctions) merged with 004 (chatbot conversation sessions and messages).
public enum ConversationTables {
    public static let platforms = ["web", "line", "api", "playground", "widget", "import"]

    public static let conversations = TableDeclaration(
        "conversations", label: "Conversations", module: .outputs, scope: .tenant,
        summary: "Chat logs: seed 001 core_conversations merged with seed 004 conversation_sessions.",
        labelColumn: "title",
        columns: [
            .id, .tenantID,
            .varchar("title", 500).searchable(),
            .text("summary").searchable(),
            .user("user_id", onDelete: .setNull),
            .uuid("agent_id").references("agents", onDelete: .setNull),
            .uuid("chatbot_id").references("chatbot_instances", onDelete: .cascade),
            .uuid("model_id").references("llm_models", onDelete: .setNull),
            .varchar("user_identifier", 255).note("Platform-specific user id, may be anonymous"),
            .enumeration("platform", platforms).notNull().defaults(.text("web")),
            .json("session_context").notNull().defaults(.emptyObject),
            .timestamp("start_time").notNull().defaults(.now),
            .timestamp("end_time"),
            .timestamp("last_activity").notNull().defaults(.now).serverManaged(),
            .integer("session_duration_seconds").between(0, 2_147_483_647),
            .counter("message_count").serverManaged(),
            .integer("user_satisfaction_score").between(1, 5),
            .json("session_metadata").notNull().defaults(.emptyObject),
            .enumeration("status", ["active", "inactive", "expired", "terminated"]).notNull().defaults(.text("active")),
            .uuid("category_id").references("categories", onDelete: .setNull),
            .uuid("sensitivity_level_id").references("sensitivity_levels", onDelete: .setNull),
            .uuid("retention_plan_id").references("retention_plans", onDelete: .setNull),
            .createdAt, .updatedAt, .deletedAt,
        ],
        checks: [CheckDeclaration("valid_session_span", columns: ["end_time"], "end_time IS NULL OR end_time >= start_time")],
        indexes: [
            IndexDeclaration("idx_conversation_sessions_chatbot", ["chatbot_id"]),
            IndexDeclaration("idx_conversation_sessions_platform", ["platform"]),
            IndexDeclaration("idx_conversation_sessions_start_time", ["start_time"]),
            IndexDeclaration("idx_conversation_sessions_status", ["status"]),
            IndexDeclaration("idx_conversation_sessions_user", ["user_identifier"]),
        ]
    )

    public static let messages = TableDeclaration(
        "messages", label: "Messages", module: .outputs, scope: .tenant,
        summary: "Messages of conversations: seed 001 core_messages merged with seed 004 messages.",
        labelColumn: "content",
        columns: [
            .id, .tenantID,
            .uuid("conversation_id").notNull().references("conversations", onDelete: .cascade).note("Seed 004: session_id"),
            .enumeration("message_type", ["user_message", "bot_response", "system_message"], length: 20).notNull(),
            .text("content").notNull().searchable().formatted(by: "content_type"),
            .enumeration("content_type", ["text", "html", "markdown", "json"]).notNull().defaults(.text("text")),
            .json("attachments").notNull().defaults(.emptyArray),
            .timestamp("timestamp").notNull().defaults(.now),
            .integer("sequence_number").notNull().defaults(.integer(0)).between(0, 2_147_483_647).serverManaged()
                .note("Assigned on insert: next number in the conversation"),
            .json("response_metadata").notNull().defaults(.emptyObject),
            .json("token_usage").notNull().defaults(.emptyObject),
            .integer("processing_time_ms").between(0, 2_147_483_647),
            .varchar("model_used", 100),
            .json("user_feedback").notNull().defaults(.emptyObject),
            .json("error_info").notNull().defaults(.emptyObject),
        ],
        uniques: [UniqueDeclaration("idx_messages_sequence", ["conversation_id", "sequence_number"])],
        indexes: [
            IndexDeclaration("idx_messages_type", ["message_type"]),
            IndexDeclaration("idx_messages_timestamp", ["timestamp"]),
        ]
    )

    public static let outputs = TableDeclaration(
        "outputs", label: "Outputs", module: .outputs, scope: .tenant,
        summary: "Generated outputs worth keeping (seed 001 core_outputs).",
        labelColumn: "title",
        columns: [
            .id, .tenantID,
            .varchar("title", 500).searchable(),
            .text("content").notNull().searchable().formatted(by: "content_type"),
            .enumeration("content_type", ["text", "markdown", "html", "json", "code"]).notNull().defaults(.text("markdown")),
            .uuid("conversation_id").references("conversations", onDelete: .setNull),
            .uuid("message_id").references("messages", onDelete: .setNull),
            .uuid("prompt_id").references("prompts", onDelete: .setNull),
            .uuid("agent_id").references("agents", onDelete: .setNull),
            .uuid("model_id").references("llm_models", onDelete: .setNull),
            .uuid("category_id").references("categories", onDelete: .setNull),
            .uuid("sensitivity_level_id").references("sensitivity_levels", onDelete: .setNull),
            .uuid("retention_plan_id").references("retention_plans", onDelete: .setNull),
            .integer("rating").between(1, 5),
            .flag("is_favorite", false),
            .json("metadata").notNull().defaults(.emptyObject),
            .timestamp("retain_until"),
            .user("created_by"),
            .createdAt, .updatedAt, .deletedAt,
        ],
        indexes: [IndexDeclaration("idx_outputs_updated", ["tenant_id", "updated_at"], descending: ["updated_at"])]
    )

    public static let conversationTags = TableDeclaration(
        "conversation_tags", label: "Conversation tags", module: .outputs, scope: .tenant,
        summary: "Junction: tags on conversations (seed 001 junction tables).",
        labelColumn: "tag_id",
        columns: [
            .id, .tenantID,
            .uuid("conversation_id").notNull().references("conversations", onDelete: .cascade),
            .uuid("tag_id").notNull().references("tags", onDelete: .cascade),
            .createdAt,
        ],
        uniques: [UniqueDeclaration("unique_conversation_tag", ["conversation_id", "tag_id"])]
    )

    public static let outputTags = TableDeclaration(
        "output_tags", label: "Output tags", module: .outputs, scope: .tenant,
        summary: "Junction: tags on outputs (seed 001 junction tables).",
        labelColumn: "tag_id",
        columns: [
            .id, .tenantID,
            .uuid("output_id").notNull().references("outputs", onDelete: .cascade),
            .uuid("tag_id").notNull().references("tags", onDelete: .cascade),
            .createdAt,
        ],
        uniques: [UniqueDeclaration("unique_output_tag", ["output_id", "tag_id"])]
    )

    public static let all = [conversations, messages, outputs, conversationTags, outputTags]
}
