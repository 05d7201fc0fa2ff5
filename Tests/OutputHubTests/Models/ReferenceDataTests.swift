import Foundation
@testable import OutputHub
import Testing

@Suite("Seed and model catalog import")
struct ReferenceDataTests {
    static let catalogPath = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/litellm_model_prices_and_context_window.json").path

    @Test("Seeding loads every seed row once; a second run changes nothing")
    func seedIsIdempotent() async throws {
        try await withApp { app in
            let store = app.store
            let first = try await Seeder(store: store).run()
            let expected = [
                "llm_providers": 7, "llm_models": 15, "ai_task_categories": 6, "ai_model_task_mappings": 6,
                "skill_categories": 6, "tenants": 1, "knowledge_domains": 7, "permission_scopes": 17, "llm_model_prices": 6,
            ]
            #expect(Dictionary(uniqueKeysWithValues: first.map { ($0.table, $0.inserted) }) == expected)
            let snapshot = try await Self.snapshot(store, tables: Array(expected.keys))
            let second = try await Seeder(store: store).run()
            #expect(second.allSatisfy { $0.inserted == 0 })
            #expect(try await Self.snapshot(store, tables: Array(expected.keys)) == snapshot)

            let domains = Catalog.declared("knowledge_domains")
            let med = try #require(try await store.select(domains, where: ["code": .string("MED")]).first)
            let trial = try #require(try await store.select(domains, where: ["code": .string("MED-CT")]).first)
            #expect(trial["parent_domain_id"] == med["id"])
            #expect(trial["hierarchy_level"]?.intValue == 2)
            let models = Catalog.declared("llm_models")
            let sonnet = try #require(try await store.select(models, where: ["model_id": .string("claude-3-5-sonnet-20241022")]).first)
            #expect(sonnet["input_cost_per_million"] == .double(3), "seed 000's price")
            #expect(sonnet["cost_bucket"] == .string("high"), "seed 002's bucket on the same row")
            #expect(sonnet["capabilities"] == .array(["text_generation", "text_reasoning", "vision", "json_mode", "streaming"]))
        }
    }

    @Test("The real LiteLLM catalog imports with exact prices; bad entries are reported; re-import updates in place")
    func importRealCatalog() async throws {
        try await withApp(seeded: true) { app in
            let store = app.store
            let importer = ModelCatalogImporter(store: store, clients: app.hubClients)
            let report = try await importer.importFile(at: Self.catalogPath)
            #expect(report.created + report.updated == 2982)
            #expect(report.skipped.map(\.key) == ["fallback_generalizations", "last_updated", "sample_spec"])
            #expect(try await store.count("llm_models") == 15 + report.created)

            let models = Catalog.declared("llm_models")
            let gpt4o = try #require(try await store.select(models, where: ["model_id": .string("gpt-4o")]).first)
            #expect(gpt4o["input_cost_per_million"] == .double(2.5))
            #expect(gpt4o["output_cost_per_million"] == .double(10))
            #expect(gpt4o["context_window"] == .int(128_000))
            #expect(gpt4o["max_output_tokens"] == .int(16_384))
            #expect(gpt4o["mode"] == .string("chat"))
            #expect(gpt4o["name"] == .string("GPT-4 Omni"), "a seeded model keeps its display name")
            guard case .array(let capabilities)? = gpt4o["capabilities"] else { Issue.record("no capabilities"); return }
            #expect(Set(["function_calling", "vision", "json_mode", "text_generation", "prompt_caching"]).isSubset(of: capabilities))
            #expect(gpt4o["supports_vision"] == .bool(true))

            let embedding = try #require(try await store.select(models, where: ["model_id": .string("text-embedding-3-small")]).first)
            #expect(embedding["input_cost_per_million"] == .double(0.02))
            #expect(embedding["mode"] == .string("embedding"))

            let providers = Catalog.declared("llm_providers")
            #expect(try await store.select(providers, where: ["code": .string("vertex_ai-language-models")]).count == 1)
            let bedrock = try #require(try await store.select(providers, where: ["code": .string("aws_bedrock")]).first)
            #expect(try await store.select(models, where: ["provider_id": bedrock["id"]!]).count > 50, "bedrock models join the seed's AWS Bedrock")

            let again = try await importer.importFile(at: Self.catalogPath)
            #expect(again.created == 0 && again.updated == 2982 && again.providersCreated == 0)
            #expect(try await store.count("llm_models") == 15 + report.created)
        }
    }

    @Test("Unusable entries are reported by key and the usable ones land together")
    func badEntries() async throws {
        try await withApp { app in
            let catalog = """
                {
                  "good-model": {"litellm_provider": "acme", "mode": "chat", "input_cost_per_token": 1e-06, "output_cost_per_token": 2e-06, "max_input_tokens": 8192, "supports_vision": true},
                  "no-provider": {"mode": "chat"},
                  "bad-price": {"litellm_provider": "acme", "input_cost_per_token": "cheap"},
                  "negative": {"litellm_provider": "acme", "output_cost_per_token": -1},
                  "fractional-window": {"litellm_provider": "acme", "max_input_tokens": 10.5},
                  "bad-flag": {"litellm_provider": "acme", "supports_vision": "yes"},
                  "bad-date": {"litellm_provider": "acme", "deprecation_date": "soon"},
                  "\(String(repeating: "k", count: 300))": {"litellm_provider": "acme"},
                  "not-an-object": 42
                }
                """
            let report = try await ModelCatalogImporter(store: app.store, clients: app.hubClients).importCatalog(Data(catalog.utf8))
            #expect(report.created == 1 && report.providersCreated == 1)
            #expect(Set(report.skipped.map(\.key)) == [
                "no-provider", "bad-price", "negative", "fractional-window", "bad-flag", "bad-date", String(repeating: "k", count: 300), "not-an-object",
            ])
            #expect(report.skipped.allSatisfy { !$0.reason.isEmpty })
            let model = try #require(try await app.store.select(Catalog.declared("llm_models"), where: ["model_id": .string("good-model")]).first)
            #expect(model["input_cost_per_million"] == .double(1) && model["output_cost_per_million"] == .double(2))
        }
    }

    @Test("A file that is not a catalog is refused and nothing is written")
    func notACatalog() async throws {
        try await withApp { app async throws in
            for text in ["[1, 2, 3]", "{ not json", ""] {
                await #expect(throws: ImportError.self) {
                    try await ModelCatalogImporter(store: app.store, clients: app.hubClients).importCatalog(Data(text.utf8))
                }
            }
            #expect(try await app.store.count("llm_models") == 0)
            #expect(try await app.store.count("llm_providers") == 0)
        }
    }

    /// Every row of the tables, as comparable text.
    private static func snapshot(_ store: Store, tables: [String]) async throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for name in tables {
            result[name] = try await store.select(Catalog.declared(name)).map { row in
                row.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|")
            }
        }
        return result
    }
}
