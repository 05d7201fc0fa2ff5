import Foundation

/// `outputhub seed`: loads the seed documents' reference rows. A row already present (same natural key)
/// is left as it is, so running it again changes nothing and never overwrites a user's edits.
public struct Seeder: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Loads everything in one transaction; returns how many rows each table gained.
    @discardableResult
    public func run() async throws -> [(table: String, inserted: Int)] {
        try await store.transaction { tx in
            var counter = InsertCounter(store: tx)
            try await Self.seedProviders(&counter)
            try await Self.seedModels(&counter)
            try await Self.seedTaskCategories(&counter)
            try await Self.seedSkillCategories(&counter)
            try await Self.seedTenantAndDomains(&counter)
            try await Self.seedPermissionScopes(&counter)
            return counter.report
        }
    }

    private static func seedProviders(_ counter: inout InsertCounter) async throws {
        for p in ReferenceData.providers {
            try await counter.insertIfMissing(ModelCatalogTables.llmProviders, key: ["code"], [
                "code": .string(p.code), "name": .string(p.name), "auth_type": .string(p.authType),
                "supports_streaming": .bool(p.streaming), "supports_function_calling": .bool(p.functions),
                "supports_vision": .bool(p.vision), "supports_embeddings": .bool(p.embeddings),
                "api_style": .string(p.endpoint?.style ?? "openai"),
                "api_base_url": p.endpoint?.baseURL.map(DBValue.string) ?? .null,
                "required_env_vars": p.endpoint.map { .array([$0.keyVariable]) } ?? .null,
            ])
        }
    }

    private static func seedModels(_ counter: inout InsertCounter) async throws {
        for m in ReferenceData.models {
            let provider = try await counter.id(of: ModelCatalogTables.llmProviders, ["code": .string(m.provider)])
            try await counter.insertIfMissing(ModelCatalogTables.llmModels, key: ["provider_id", "model_id"], [
                "provider_id": provider, "model_id": .string(m.modelID), "name": .string(m.name),
                "context_window": m.contextWindow.map(DBValue.int) ?? .null,
                "max_output_tokens": m.maxOutput.map(DBValue.int) ?? .null,
                "input_cost_per_million": m.inputPerMillion.map(DBValue.double) ?? .null,
                "output_cost_per_million": m.outputPerMillion.map(DBValue.double) ?? .null,
                "supports_function_calling": .bool(m.functions), "supports_vision": .bool(m.vision),
                "supports_streaming": .bool(m.streaming), "supports_json_mode": .bool(m.jsonMode),
                "capabilities": .array(m.capabilities), "cost_bucket": m.costBucket.map(DBValue.string) ?? .null,
                "is_recommended": .bool(m.isRecommended), "catalog_source": .string("seed"),
            ])
            if m.inputPerMillion != nil || m.outputPerMillion != nil {
                let model = try await counter.id(of: ModelCatalogTables.llmModels, ["provider_id": provider, "model_id": .string(m.modelID)])
                try await counter.insertIfMissing(ModelCatalogTables.llmModelPrices, key: ["model_id"], [
                    "model_id": model, "valid_from": .date(ReferenceData.seedPricesValidFrom),
                    "input_per_million": m.inputPerMillion.map(DBValue.double) ?? .null,
                    "output_per_million": m.outputPerMillion.map(DBValue.double) ?? .null,
                    "source": .string("seed"),
                ])
            }
        }
    }

    private static func seedTaskCategories(_ counter: inout InsertCounter) async throws {
        for c in ReferenceData.taskCategories {
            try await counter.insertIfMissing(ModelCatalogTables.aiTaskCategories, key: ["category_key"], [
                "category_key": .string(c.key), "category_name": .string(c.name), "description": .string(c.description),
                "required_capabilities": .array(c.required), "default_priority": .string(c.priority),
                "typical_max_tokens": c.maxTokens.map(DBValue.int) ?? .null,
            ])
        }
        for m in ReferenceData.taskMappings {
            let provider = try await counter.id(of: ModelCatalogTables.llmProviders, ["code": .string(m.provider)])
            let model = try await counter.id(of: ModelCatalogTables.llmModels, ["provider_id": provider, "model_id": .string(m.modelID)])
            try await counter.insertIfMissing(ModelCatalogTables.aiModelTaskMappings, key: ["model_id", "category_key"], [
                "model_id": model, "category_key": .string(m.category), "suitability_score": .double(m.suitability),
                "is_recommended": .bool(m.recommended), "priority_rank": .int(m.rank),
            ])
        }
    }

    private static func seedSkillCategories(_ counter: inout InsertCounter) async throws {
        for c in ReferenceData.skillCategories {
            try await counter.insertIfMissing(PromptLibraryTables.skillCategories, key: ["code"], [
                "code": .string(c.code), "name": .string(c.name), "category_type": .string(c.type),
            ])
        }
    }

    private static func seedTenantAndDomains(_ counter: inout InsertCounter) async throws {
        let tenant = DBValue.string(ReferenceData.defaultTenantID)
        try await counter.insertIfMissing(IdentityTables.tenants, key: ["id"], [
            "id": tenant, "name": .string("Default"), "slug": .string("default"),
            "description": .string("Tenant of the seed documents' example rows"),
        ])
        for d in ReferenceData.knowledgeDomains {
            var row: DBRow = ["tenant_id": tenant, "code": .string(d.code), "name": .string(d.name), "domain_type": .string(d.type)]
            if let parent = d.parent {
                row["parent_domain_id"] = try await counter.id(of: KnowledgeTables.knowledgeDomains, ["tenant_id": tenant, "code": .string(parent)])
            }
            try await counter.insertIfMissing(KnowledgeTables.knowledgeDomains, key: ["tenant_id", "code"], row)
        }
    }

    private static func seedPermissionScopes(_ counter: inout InsertCounter) async throws {
        for s in ReferenceData.permissionScopes {
            let name = s.action == "export" ? "export" : "\(s.module):\(s.action)"
            try await counter.insertIfMissing(IdentityTables.permissionScopes, key: ["name"], [
                "name": .string(name), "module": .string(s.module), "action": .string(s.action), "description": .string(s.description),
            ])
        }
    }
}

/// Inserts rows that are not there yet and counts what it added per table.
private struct InsertCounter {
    let store: Store
    private var counts: [String: Int] = [:]
    private var order: [String] = []

    init(store: Store) { self.store = store }

    var report: [(table: String, inserted: Int)] { order.map { ($0, counts[$0] ?? 0) } }

    mutating func insertIfMissing(_ table: TableDeclaration, key: [String], _ values: DBRow) async throws {
        if !order.contains(table.name) { order.append(table.name) }
        let filter = values.filter { key.contains($0.key) }
        if try await store.select(table, where: filter, limit: 1).isEmpty {
            try await store.insert(table, values)
            counts[table.name, default: 0] += 1
        }
    }

    func id(of table: TableDeclaration, _ filter: DBRow) async throws -> DBValue {
        guard let row = try await store.select(table, where: filter, limit: 1).first, let id = row["id"] else {
            throw SeedError("missing \(table.name) row for \(filter)")
        }
        return id
    }
}

struct SeedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
