import Foundation

/// A tenant's embedding model: the model configuration its setting `embedding_configuration` names (or a
/// catalog model), called through the gateway, so every call is held to the configuration's limits and
/// the budgets, priced, and logged in `ai_logs` like any other. Vectors come back at unit length, so
/// cosine similarity is a dot product.
struct Embedder: Sendable {
    /// What the tenant's setting names (the gateway's `model`).
    let configuration: String
    /// The model behind it as `provider:model_id`: stored embeddings are keyed by it, so two
    /// configurations of one model share them.
    let model: String
    let tenant: UUID
    let store: Store
    let clients: HubClients
    let log: GenerationLog

    /// Texts per embeddings call.
    static let batchSize = 32

    /// The tenant's embedder; nil when the tenant has chosen no embedding configuration. A setting that
    /// names nothing the tenant can call is an `EmbeddingUnavailable`.
    static func of(tenant: UUID, store: Store, clients: HubClients, log: GenerationLog) async throws -> Embedder? {
        guard let name = try await configurationName(tenant: tenant, store: store) else { return nil }
        let target: GatewayTarget
        do {
            target = try await ModelResolver(store: store, clients: clients, apiKey: nil).resolve(name, tenant: tenant)
        } catch let error as GatewayError {
            throw EmbeddingUnavailable(description: "the embedding configuration '\(name)' cannot be used: \(error.message)")
        }
        return Embedder(configuration: name, model: "\(target.model.providerCode):\(target.model.modelID)", tenant: tenant,
                        store: store, clients: clients, log: log)
    }

    /// The tenants that have chosen an embedding configuration.
    static func tenants(_ store: Store) async throws -> [UUID] {
        try await TenantSettings.tenants(having: KnowledgeDefaults.embeddingSetting, in: store)
    }

    /// The tenant setting's value, without the quotes a JSON string value has.
    static func configurationName(tenant: UUID, store: Store) async throws -> String? {
        try await TenantSettings(store: store, tenant: tenant).text(KnowledgeDefaults.embeddingSetting)
    }

    /// The unit-length embeddings of `texts`, in order, `batchSize` texts per call.
    func embed(_ texts: [String]) async throws -> [[Float]] {
        let gateway = GatewayService(store: store, clients: clients, log: log)
        let caller = GatewayCaller(tenant: tenant, user: nil, apiKey: nil)
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        for start in stride(from: 0, to: texts.count, by: Self.batchSize) {
            let batch = Array(texts[start..<min(start + Self.batchSize, texts.count)])
            let body = JSONValue.object(["model": .string(configuration), "input": .array(batch.map(JSONValue.string)), "encoding_format": "float"])
            let (answer, _) = try await gateway.embeddings(body.jsonBytes, caller: caller)
            vectors += try Self.vectors(in: answer, count: batch.count).map(PackedVector.normalised)
        }
        return vectors
    }

    /// The `data[].embedding` arrays of an OpenAI embeddings answer, by `index`; all of one dimension.
    static func vectors(in body: [UInt8], count: Int) throws -> [[Float]] {
        guard let items = JSONValue.parse(body)?["data"]?.arrayValue, items.count == count else {
            throw EmbeddingUnavailable(description: "the embeddings answer does not hold \(count) embeddings")
        }
        var vectors = [[Float]](repeating: [], count: count)
        for (position, item) in items.enumerated() {
            let index = item["index"]?.intValue ?? position
            guard vectors.indices.contains(index), let numbers = item["embedding"]?.arrayValue else {
                throw EmbeddingUnavailable(description: "the embeddings answer has an item without an embedding")
            }
            vectors[index] = numbers.map { Float($0.numberValue ?? .nan) }
        }
        let dimensions = vectors.first?.count ?? 0
        guard dimensions > 0, vectors.allSatisfy({ $0.count == dimensions && $0.allSatisfy(\.isFinite) }) else {
            throw EmbeddingUnavailable(description: "the embeddings answer holds empty, uneven or non-numeric vectors")
        }
        return vectors
    }
}

/// The tenant's embedding model cannot be used (a setting naming no configuration, an answer that is not
/// embeddings); the reason is for the document's log and the search answer.
struct EmbeddingUnavailable: Error, CustomStringConvertible {
    let description: String
}
