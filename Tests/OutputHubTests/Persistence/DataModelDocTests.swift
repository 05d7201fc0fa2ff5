import Foundation
@testable import OutputHub
import Testing

/// docs/data-model.md accounts for every table and view, and for every table of the seed documents.
@Suite("Data model documentation")
struct DataModelDocTests {
    static let document: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/data-model.md"), encoding: .utf8)) ?? ""
    }()

    /// Every table and view the seed documents create or reference.
    static let seedTables = [
        "prompt_suites", "prompt_sub_suites", "suite_prompts", "suite_assignments", "prompt_versions", "llm_providers",
        "llm_models", "model_configurations", "knowledge_domains", "knowledge_domain_mapping", "domain_hierarchies",
        "skill_categories", "skills", "tenants", "user_profiles", "prompts", "agents", "solutions", "workflows",
        "knowledge_sources", "core_conversations", "core_messages", "core_prompts", "core_agents", "core_outputs",
        "users", "user_groups", "sessions", "permission_scopes", "user_group_permissions", "versions", "audit_logs",
        "system_settings", "api_keys", "ai_models", "ai_task_categories", "ai_model_task_mappings", "ai_user_preferences",
        "ai_user_feedback", "ai_model_performance_aggregates", "ai_logs", "prompt_tuning_sessions",
        "tuning_conversation_turns", "tuning_improvements", "prompt_tuning_sessions_archive", "prompt_version_comparisons",
        "organizations", "products", "documents", "document_chunks", "chatbot_instances", "chatbot_documents",
        "conversation_sessions", "messages", "integration_configs", "admin_feedback", "daily_metrics", "system_events",
        "chatbot_performance_summary", "document_processing_status",
    ]

    @Test("Every declared table and view is documented")
    func declarationsDocumented() {
        for name in Catalog.tables.map(\.name) + Catalog.views.map(\.name) {
            #expect(Self.document.contains("`\(name)`"), "\(name) is missing from docs/data-model.md")
        }
    }

    @Test("Every seed table is accounted for")
    func seedTablesDocumented() {
        for name in Self.seedTables {
            #expect(Self.document.contains("`\(name)`"), "seed table \(name) is missing from docs/data-model.md")
        }
    }
}
