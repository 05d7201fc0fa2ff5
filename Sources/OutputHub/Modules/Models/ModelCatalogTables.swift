/// The model registry and model selection catalog. Seeds: 000 (`llm_providers`, `llm_models`,
/// `model_configurations`), 002 (`ai_models` merged into `llm_models`, task categories, model↔task
/// mappings, user preferences, performance aggregates).
public enum ModelCatalogTables {
    public static let costBuckets = ["low", "medium", "high"]
    public static let priorities = ["speed", "balanced", "quality"]
    public static let complexities = ["simple", "moderate", "complex"]
    public static let apiStyles = ["openai", "anthropic"]

    public static let llmProviders = TableDeclaration(
        "llm_providers", label: "LLM providers", module: .models, scope: .global,
        summary: "Provider registry: OpenAI, Anthropic, … (seed 000).",
        columns: [
            .id,
            .varchar("name", 255).notNull().unique().searchable(),
            .varchar("code", 50).notNull().unique(),
            .text("description").searchable(),
            .text("website_url"), .text("documentation_url"),
            .text("api_base_url").note("Where calls go: OpenAI-style bases include /v1 (https://api.openai.com/v1), Anthropic's does not"),
            .enumeration("api_style", ModelCatalogTables.apiStyles, length: 20).notNull().defaults(.text("openai"))
                .note("The gateway adapter: openai (OpenAI-compatible APIs) or anthropic (Messages API)"),
            .flag("is_active", true), .flag("is_deprecated", false),
            .varchar("auth_type", 50).notNull().note("api_key, oauth, service_account"),
            .textArray("required_env_vars"),
            .json("default_config"),
            .flag("supports_streaming", true), .flag("supports_function_calling", true),
            .flag("supports_vision", false), .flag("supports_embeddings", false),
            .integer("default_rate_limit_rpm").between(0, 2_147_483_647),
            .integer("default_rate_limit_tpm").between(0, 2_147_483_647),
            .text("icon_url"), .text("logo_url"),
            .createdAt, .updatedAt,
        ]
    )

    public static let llmModels = TableDeclaration(
        "llm_models", label: "LLM models", module: .models, scope: .global,
        summary: "One model catalog: seed 000 llm_models merged with seed 002 ai_models, filled from the LiteLLM catalog.",
        columns: [
            .id,
            .uuid("provider_id").notNull().references("llm_providers", onDelete: .cascade),
            .varchar("name", 255).notNull().searchable().note("Display name (ai_models.model_name)"),
            .varchar("model_id", 255).notNull().searchable().note("Provider's model identifier, e.g. gpt-4o"),
            .varchar("version", 50),
            .text("description").searchable(),
            .varchar("model_family", 100),
            .varchar("model_tier", 50).note("flagship, standard, fast, embedding"),
            .varchar("mode", 50).note("LiteLLM mode: chat, completion, embedding, image_generation, …"),
            .integer("context_window").between(0, 2_147_483_647).note("NULL for models without a token window (image, video)"),
            .integer("max_output_tokens").between(0, 2_147_483_647).note("ai_models.max_tokens"),
            .textArray("capabilities").notNull().defaults(.emptyArray),
            .flag("supports_streaming", true), .flag("supports_function_calling", false),
            .flag("supports_vision", false), .flag("supports_json_mode", false),
            .decimal("input_cost_per_million", 14, 6).between(0, 99_999_999).note("USD per 1M input tokens"),
            .decimal("output_cost_per_million", 14, 6).between(0, 99_999_999).note("USD per 1M output tokens"),
            .enumeration("cost_bucket", costBuckets, length: 20),
            .date("training_cutoff_date"),
            .integer("avg_latency_ms").between(0, 2_147_483_647).note("ai_models.average_speed_ms"),
            .integer("throughput_tps").between(0, 2_147_483_647),
            .decimal("overall_quality_score", 3, 2).between(1, 5),
            .decimal("reliability_score", 3, 2).between(0, 1),
            .flag("is_active", true), .flag("is_deprecated", false), .flag("is_beta", false), .flag("is_recommended", false),
            .integer("priority_rank").notNull().defaults(.integer(0)).note("Higher is preferred"),
            .textArray("recommended_for").note("Also ai_models.use_cases"),
            .text("limitations"),
            .json("metadata").notNull().defaults(.emptyObject),
            .varchar("catalog_source", 50).note("Where the row came from: seed, litellm, manual"),
            .createdAt, .updatedAt,
            .timestamp("deprecated_at"),
        ],
        uniques: [UniqueDeclaration("unique_provider_model", ["provider_id", "model_id"])],
        indexes: [
            IndexDeclaration("idx_llm_models_active", ["is_active"]),
            IndexDeclaration("idx_llm_models_cost_bucket", ["cost_bucket"]),
            IndexDeclaration("idx_llm_models_model_id", ["model_id"]),
            IndexDeclaration("idx_llm_models_capabilities", ["capabilities"], arrayIndex: true),
        ]
    )

    public static let llmModelPrices = TableDeclaration(
        "llm_model_prices", label: "Model prices", module: .models, scope: .global,
        summary: "Dated prices per model: a call is costed with the row valid at its time; a model without one is unpriced.",
        labelColumn: "valid_from",
        columns: [
            .id,
            .uuid("model_id").notNull().references("llm_models", onDelete: .cascade),
            .timestamp("valid_from").notNull().note("The price holds from here until the model's next row"),
            .decimal("input_per_million", 14, 6).between(0, 99_999_999).note("USD per 1M input tokens not read from a cache"),
            .decimal("output_per_million", 14, 6).between(0, 99_999_999).note("USD per 1M output tokens"),
            .decimal("cached_input_per_million", 14, 6).between(0, 99_999_999).note("USD per 1M input tokens read from the provider's cache (default: the input price)"),
            .decimal("cache_write_per_million", 14, 6).between(0, 99_999_999).note("USD per 1M input tokens written to the cache (Anthropic; default: the input price)"),
            .decimal("reasoning_per_million", 14, 6).between(0, 99_999_999).note("USD per 1M reasoning tokens (default: the output price)"),
            .decimal("per_request", 14, 6).between(0, 99_999_999).note("USD per call on top of the tokens"),
            .decimal("input_per_image", 14, 6).between(0, 99_999_999),
            .decimal("output_per_image", 14, 6).between(0, 99_999_999),
            .varchar("source", 50).note("Where the price came from: seed, litellm, manual"),
            .createdAt,
        ],
        uniques: [UniqueDeclaration("unique_model_price_from", ["model_id", "valid_from"])]
    )

    public static let modelConfigurations = TableDeclaration(
        "model_configurations", label: "Model configurations", module: .models, scope: .tenant,
        summary: "Per-tenant model parameters and usage limits (seed 000).",
        columns: [
            .id, .tenantID,
            .uuid("model_id").notNull().references("llm_models", onDelete: .cascade),
            .varchar("name", 255).notNull().searchable(),
            .text("description").searchable(),
            .decimal("temperature", 3, 2).notNull().defaults(.number(0.7)).between(0, 2, constraint: "valid_temperature"),
            .decimal("top_p", 3, 2).notNull().defaults(.number(1.0)).between(0, 1, constraint: "valid_top_p"),
            .integer("top_k").between(0, 2_147_483_647),
            .integer("max_tokens").between(1, 2_147_483_647),
            .decimal("frequency_penalty", 3, 2).between(-2, 2),
            .decimal("presence_penalty", 3, 2).between(-2, 2),
            .text("system_prompt"),
            .text("api_key").encrypted().note("The provider API key this configuration calls with; encrypted at rest, never shown again"),
            .text("api_base_url").note("Calls go here instead of the provider's base URL (an own Azure deployment, a local Ollama); http(s) only"),
            .uuid("fallback_configuration_id").references("model_configurations", onDelete: .setNull)
                .note("Called when this configuration's provider still fails after retries"),
            .integer("timeout_seconds").between(1, 3600).note("Total time a call may take (default 120 s)"),
            .textArray("stop_sequences"),
            .integer("max_calls_per_minute").between(0, 2_147_483_647),
            .integer("max_calls_per_day").between(0, 2_147_483_647),
            .decimal("cost_limit_per_call", 10, 4).between(0, 999_999),
            .flag("is_default", false), .flag("is_active", true),
            .counter("usage_count").serverManaged(),
            .decimal("total_cost", 14, 6).notNull().defaults(.number(0)).serverManaged(),
            .user("created_by"),
            .createdAt, .updatedAt, .deletedAt,
        ],
        uniques: [UniqueDeclaration("unique_tenant_config_name", ["tenant_id", "name"])]
    )

    public static let aiTaskCategories = TableDeclaration(
        "ai_task_categories", label: "Task categories", module: .models, scope: .global,
        summary: "Kinds of work and what they need from a model (seed 002).",
        labelColumn: "category_name",
        columns: [
            .id,
            .varchar("category_key", 100).notNull().unique(),
            .varchar("category_name", 255).notNull().searchable(),
            .text("description").searchable(),
            .textArray("required_capabilities").notNull().defaults(.emptyArray),
            .textArray("preferred_capabilities").notNull().defaults(.emptyArray),
            .enumeration("default_priority", priorities, length: 20).notNull().defaults(.text("balanced")),
            .enumeration("default_complexity", complexities, length: 20).notNull().defaults(.text("moderate")),
            .integer("typical_max_tokens").between(1, 2_147_483_647),
            .decimal("typical_temperature", 3, 2).between(0, 2),
            .varchar("parent_category", 100).references("ai_task_categories", column: "category_key", onDelete: .setNull),
            .uuid("fallback_model_id").references("llm_models", onDelete: .setNull)
                .note("The model recommended when no candidate passes the category's filter"),
            .integer("min_context_tokens").between(1, 2_147_483_647).note("The context window a model needs for this kind of work"),
            .textArray("tags").notNull().defaults(.emptyArray),
            .flag("is_active", true),
            .createdAt, .updatedAt,
        ],
        indexes: [IndexDeclaration("idx_task_categories_active", ["is_active"])]
    )

    public static let aiModelTaskMappings = TableDeclaration(
        "ai_model_task_mappings", label: "Model task suitability", module: .models, scope: .global,
        summary: "Which models suit which task categories (seed 002).",
        labelColumn: "category_key",
        columns: [
            .id,
            .uuid("model_id").notNull().references("llm_models", onDelete: .cascade),
            .varchar("category_key", 100).notNull().references("ai_task_categories", column: "category_key", onDelete: .cascade),
            .decimal("suitability_score", 3, 2).between(0, 1),
            .flag("is_recommended", false),
            .integer("priority_rank").notNull().defaults(.integer(0)),
            .decimal("average_quality", 3, 2).between(1, 5),
            .integer("average_speed_ms").between(0, 2_147_483_647),
            .decimal("success_rate", 3, 2).between(0, 1),
            .enumeration("min_complexity", complexities, length: 20),
            .enumeration("max_complexity", complexities, length: 20),
            .enumeration("recommended_for_priority", priorities, length: 20),
            .counter("total_uses"), .counter("total_likes"), .counter("total_dislikes"), .counter("total_regenerates"),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_model_task", ["model_id", "category_key"])],
        indexes: [
            IndexDeclaration("idx_model_task_category", ["category_key"]),
            IndexDeclaration("idx_model_task_recommended", ["is_recommended"]),
            IndexDeclaration("idx_model_task_score", ["suitability_score"], descending: ["suitability_score"]),
        ]
    )

    public static let aiUserPreferences = TableDeclaration(
        "ai_user_preferences", label: "Learned preferences", module: .models, scope: .tenant,
        summary: "Each user's learned liking of a model for a task category (seed 002), kept by the server from their feedback.",
        labelColumn: "category_key", access: .readOnly,
        columns: [
            .id, .tenantID,
            .uuid("user_id").notNull().references("users", onDelete: .cascade),
            .uuid("model_id").notNull().references("llm_models", onDelete: .cascade),
            .varchar("category_key", 100).references("ai_task_categories", column: "category_key", onDelete: .cascade),
            .decimal("preference_score", 3, 2).between(0, 1),
            .counter("total_interactions"),
            .counter("likes"), .counter("dislikes"), .counter("regenerates"), .counter("skips"),
            .decimal("average_quality_rating", 3, 2).between(1, 5),
            .counter("total_ratings"),
            .timestamp("last_used_at"),
            .timestamp("first_used_at").notNull().defaults(.now),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_user_model_category", ["tenant_id", "user_id", "model_id", "category_key"], nullsNotDistinct: true)],
        indexes: [
            IndexDeclaration("idx_user_prefs_user", ["user_id"]),
            IndexDeclaration("idx_user_prefs_model", ["model_id"]),
            IndexDeclaration("idx_user_prefs_category", ["category_key"]),
            IndexDeclaration("idx_user_prefs_score", ["preference_score"], descending: ["preference_score"]),
        ]
    )

    public static let aiModelPerformanceAggregates = TableDeclaration(
        "ai_model_performance_aggregates", label: "Performance rollups", module: .models, scope: .tenant,
        summary: "Per-period usage, speed and feedback rollups per model and task category (seed 002).",
        labelColumn: "period_type",
        columns: [
            .id, .tenantID,
            .uuid("model_id").notNull().references("llm_models", onDelete: .cascade),
            .varchar("category_key", 100).references("ai_task_categories", column: "category_key", onDelete: .cascade),
            .enumeration("period_type", ["daily", "weekly", "monthly", "all_time"], length: 20).notNull(),
            .date("period_start").notNull(),
            .date("period_end").notNull(),
            .counter("total_requests"),
            .bigint("total_tokens").notNull().defaults(.integer(0)),
            .decimal("total_cost_usd", 16, 6).note("Seed 002 has DECIMAL(10,2): cents lose a cheap model's costs"),
            .integer("average_speed_ms").between(0, 2_147_483_647),
            .decimal("success_rate", 5, 4).between(0, 1),
            .decimal("error_rate", 5, 4).between(0, 1),
            .counter("total_feedback"), .counter("like_count"), .counter("dislike_count"), .counter("regenerate_count"),
            .decimal("average_quality_rating", 3, 2).between(1, 5),
            .decimal("like_ratio", 5, 4).between(0, 1),
            .decimal("satisfaction_score", 3, 2),
            .decimal("recommendation_score", 3, 2),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_model_period", ["tenant_id", "model_id", "category_key", "period_type", "period_start"], nullsNotDistinct: true)],
        checks: [CheckDeclaration("valid_period", columns: ["period_end"], "period_end >= period_start")],
        indexes: [
            IndexDeclaration("idx_perf_agg_model", ["model_id"]),
            IndexDeclaration("idx_perf_agg_category", ["category_key"]),
            IndexDeclaration("idx_perf_agg_period", ["period_type", "period_start"]),
            IndexDeclaration("idx_perf_agg_score", ["recommendation_score"], descending: ["recommendation_score"]),
        ]
    )

    public static let all = [
        llmProviders, llmModels, llmModelPrices, modelConfigurations, aiTaskCategories, aiModelTaskMappings, aiUserPreferences,
        aiModelPerformanceAggregates,
    ]
}
