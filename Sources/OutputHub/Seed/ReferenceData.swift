import Foundation

/// The reference rows the seed documents give, merged where two documents describe the same row.
enum ReferenceData {
    /// Seed 000 writes knowledge domains for the all-zero tenant; Output Hub keeps that tenant as "Default".
    static let defaultTenantID = "00000000-0000-0000-0000-000000000000"
    /// The seed documents' prices become dated price rows valid from the start of 2024 (when they were written).
    static let seedPricesValidFrom = Date(timeIntervalSince1970: 1_704_067_200)

    struct Provider {
        let code, name, authType: String
        let streaming, functions, vision, embeddings: Bool
        var endpoint: ProviderEndpoint? { ProviderEndpoint.known[code] }
    }

    /// Seed 000's providers, then the providers seed 002's models name that 000 does not.
    static let providers = [
        Provider(code: "openai", name: "OpenAI", authType: "api_key", streaming: true, functions: true, vision: true, embeddings: true),
        Provider(code: "anthropic", name: "Anthropic", authType: "api_key", streaming: true, functions: true, vision: true, embeddings: false),
        Provider(code: "google", name: "Google AI", authType: "api_key", streaming: true, functions: true, vision: true, embeddings: true),
        Provider(code: "azure_openai", name: "Azure OpenAI", authType: "api_key", streaming: true, functions: true, vision: true, embeddings: true),
        Provider(code: "aws_bedrock", name: "AWS Bedrock", authType: "service_account", streaming: true, functions: true, vision: false, embeddings: true),
        Provider(code: "stability", name: "Stability AI", authType: "api_key", streaming: false, functions: false, vision: false, embeddings: false),
        Provider(code: "fal", name: "fal", authType: "api_key", streaming: false, functions: false, vision: false, embeddings: false),
    ]

    struct Model {
        let provider, modelID, name: String
        var contextWindow: Int?
        var maxOutput: Int?
        var inputPerMillion: Double?
        var outputPerMillion: Double?
        var functions = false
        var vision = false
        var streaming = true
        var jsonMode = false
        var capabilities: [String] = []
        var costBucket: String?
        var isRecommended = false
    }

    /// Seed 000's llm_models and seed 002's ai_models. The two Claude 3.5 Sonnet rows are one model
    /// (002 writes `anthropic:claude-3-5-sonnet-20241022`), so they are merged into one row.
    static let models: [Model] = [
        Model(provider: "anthropic", modelID: "claude-3-5-sonnet-20241022", name: "Claude 3.5 Sonnet", contextWindow: 200000, maxOutput: 8192,
              inputPerMillion: 3.00, outputPerMillion: 15.00, functions: true, vision: true, jsonMode: true,
              capabilities: ["text_generation", "text_reasoning", "vision", "json_mode", "streaming"], costBucket: "high", isRecommended: true),
        Model(provider: "anthropic", modelID: "claude-3-opus-20240229", name: "Claude 3 Opus", contextWindow: 200000, maxOutput: 4096,
              inputPerMillion: 15.00, outputPerMillion: 75.00, functions: true, vision: true),
        Model(provider: "anthropic", modelID: "claude-3-haiku-20240307", name: "Claude 3 Haiku", contextWindow: 200000, maxOutput: 4096,
              inputPerMillion: 0.25, outputPerMillion: 1.25, functions: true, vision: true),
        Model(provider: "openai", modelID: "gpt-4-turbo-preview", name: "GPT-4 Turbo", contextWindow: 128000, maxOutput: 4096,
              inputPerMillion: 10.00, outputPerMillion: 30.00, functions: true, vision: true),
        Model(provider: "openai", modelID: "gpt-4", name: "GPT-4", contextWindow: 8192, maxOutput: 4096,
              inputPerMillion: 30.00, outputPerMillion: 60.00, functions: true, vision: false),
        Model(provider: "openai", modelID: "gpt-3.5-turbo", name: "GPT-3.5 Turbo", contextWindow: 16384, maxOutput: 4096,
              inputPerMillion: 0.50, outputPerMillion: 1.50, functions: true, vision: false),
        Model(provider: "openai", modelID: "gpt-4o", name: "GPT-4 Omni", contextWindow: 128000, maxOutput: 4096,
              functions: true, vision: true, jsonMode: true,
              capabilities: ["text_generation", "text_reasoning", "vision", "json_mode", "function_calling", "streaming"], costBucket: "high", isRecommended: true),
        Model(provider: "openai", modelID: "gpt-4o-mini", name: "GPT-4 Omni Mini", contextWindow: 128000, maxOutput: 4096, jsonMode: true,
              capabilities: ["text_generation", "text_chat", "json_mode", "streaming"], costBucket: "low", isRecommended: true),
        Model(provider: "openai", modelID: "gpt-4-turbo", name: "GPT-4 Turbo", contextWindow: 128000, maxOutput: 4096, vision: true, streaming: false, jsonMode: true,
              capabilities: ["text_generation", "text_reasoning", "vision", "json_mode"], costBucket: "high"),
        Model(provider: "openai", modelID: "dall-e-3", name: "DALL-E 3", streaming: false,
              capabilities: ["image_generation"], costBucket: "high", isRecommended: true),
        Model(provider: "anthropic", modelID: "claude-3-5-haiku-20241022", name: "Claude 3.5 Haiku", contextWindow: 200000, maxOutput: 8192,
              capabilities: ["text_generation", "text_chat", "streaming"], costBucket: "low", isRecommended: true),
        Model(provider: "google", modelID: "gemini-2.0-flash", name: "Gemini 2.0 Flash", contextWindow: 1_000_000, maxOutput: 8192,
              capabilities: ["text_generation", "text_chat", "streaming"], costBucket: "low", isRecommended: true),
        Model(provider: "google", modelID: "gemini-1.5-pro", name: "Gemini 1.5 Pro", contextWindow: 2_000_000, maxOutput: 8192, vision: true,
              capabilities: ["text_generation", "text_reasoning", "vision", "video_generation", "streaming"], costBucket: "medium", isRecommended: true),
        Model(provider: "stability", modelID: "stable-diffusion-3", name: "Stable Diffusion 3", streaming: false,
              capabilities: ["image_generation"], costBucket: "medium", isRecommended: true),
        Model(provider: "fal", modelID: "sora-turbo", name: "Sora Turbo", streaming: false,
              capabilities: ["video_generation"], costBucket: "high"),
    ]

    struct TaskCategory {
        let key, name, description: String
        let required: [String]
        let priority: String
        let maxTokens: Int?
    }

    static let taskCategories = [
        TaskCategory(key: "content_caption", name: "Social Media Captions", description: "Generate captions for social media posts", required: ["text_generation"], priority: "balanced", maxTokens: 500),
        TaskCategory(key: "content_hooks", name: "Attention Hooks", description: "Generate attention-grabbing hooks", required: ["text_generation"], priority: "speed", maxTokens: 300),
        TaskCategory(key: "content_hashtags", name: "Hashtags", description: "Generate relevant hashtags", required: ["text_generation"], priority: "speed", maxTokens: 200),
        TaskCategory(key: "content_ideas", name: "Content Ideas", description: "Generate content ideas and storylines", required: ["text_generation", "text_reasoning"], priority: "quality", maxTokens: 2000),
        TaskCategory(key: "image_social", name: "Social Media Images", description: "Generate images for social media", required: ["image_generation"], priority: "balanced", maxTokens: nil),
        TaskCategory(key: "video_short", name: "Short Videos", description: "Generate short video clips", required: ["video_generation"], priority: "quality", maxTokens: nil),
    ]

    struct TaskMapping {
        let provider, modelID, category: String
        let suitability: Double
        let recommended: Bool
        let rank: Int
    }

    static let taskMappings = [
        TaskMapping(provider: "openai", modelID: "gpt-4o-mini", category: "content_caption", suitability: 0.95, recommended: true, rank: 1),
        TaskMapping(provider: "anthropic", modelID: "claude-3-5-haiku-20241022", category: "content_caption", suitability: 0.90, recommended: false, rank: 2),
        TaskMapping(provider: "openai", modelID: "gpt-4o", category: "content_ideas", suitability: 0.98, recommended: true, rank: 1),
        TaskMapping(provider: "anthropic", modelID: "claude-3-5-sonnet-20241022", category: "content_ideas", suitability: 0.97, recommended: true, rank: 2),
        TaskMapping(provider: "openai", modelID: "dall-e-3", category: "image_social", suitability: 0.95, recommended: true, rank: 1),
        TaskMapping(provider: "stability", modelID: "stable-diffusion-3", category: "image_social", suitability: 0.90, recommended: false, rank: 2),
    ]

    static let skillCategories: [(name: String, code: String, type: String)] = [
        ("Technical Skills", "TECH", "technical"),
        ("Domain Knowledge", "DOMAIN", "domain"),
        ("Analytical Skills", "ANALYTICAL", "soft_skill"),
        ("Communication Skills", "COMM", "soft_skill"),
        ("Tool Proficiency", "TOOLS", "tool"),
        ("Leadership Skills", "LEADERSHIP", "soft_skill"),
    ]

    /// Seed 000's domains; a parent code is given for level-2 domains.
    static let knowledgeDomains: [(name: String, code: String, type: String, parent: String?)] = [
        ("Medical & Clinical", "MED", "medical", nil),
        ("Regulatory & Compliance", "REG", "regulatory", nil),
        ("Commercial & Marketing", "COMM", "commercial", nil),
        ("Market Access & HEOR", "HEOR", "commercial", nil),
        ("Clinical Trials", "MED-CT", "medical", "MED"),
        ("Medical Communications", "MED-COMM", "medical", "MED"),
        ("Evidence Generation", "MED-EVID", "medical", "MED"),
    ]

    /// Output Hub's permission scopes: one per module and action, plus export.
    static let permissionScopes: [(module: String, action: String, description: String)] = [
        ("prompts", "read", "Read prompts, agents, suites and their versions"),
        ("prompts", "write", "Create and change prompts, agents and suites"),
        ("prompts", "approve", "Approve or reject prompts, agents and suites"),
        ("models", "read", "Read providers, models, configurations and the generation log"),
        ("models", "admin", "Manage providers, models and model configurations"),
        ("models", "call", "Call models through the OpenAI-compatible gateway (/v1)"),
        ("outputs", "read", "Read conversations, messages and outputs"),
        ("outputs", "write", "Create and change conversations, messages and outputs"),
        ("knowledge", "read", "Read the knowledge base"),
        ("knowledge", "write", "Change the knowledge base"),
        ("chatbots", "read", "Read chatbots, their sessions and metrics"),
        ("chatbots", "write", "Create and change chatbots and integrations"),
        ("tuning", "read", "Read tuning sessions"),
        ("tuning", "write", "Run tuning sessions and record improvements"),
        ("identity", "admin", "Manage users, groups, roles and API keys"),
        ("system", "admin", "Change system settings and read the audit log"),
        ("data", "export", "Export data as CSV or JSON lines"),
    ]
}
