import Vapor

extension Application {
    private struct VectorIndexesKey: StorageKey { typealias Value = VectorIndexes }

    /// The knowledge base's vector indexes on this server (made by the Knowledge module).
    var vectorIndexes: VectorIndexes {
        get { built(VectorIndexesKey.self) }
        set { storage[VectorIndexesKey.self] = newValue }
    }
}

/// Builds every tenant's vector index in the background when the server starts (searches stay
/// keyword-only meanwhile), and stops the builds when it stops.
struct VectorIndexLifecycle: LifecycleHandler {
    let indexes: VectorIndexes

    func didBootAsync(_ application: Application) async throws {
        indexes.warm(store: application.store, clients: application.hubClients, log: application.generationLog)
    }

    func shutdownAsync(_ application: Application) async {
        await indexes.stop()
    }
}

extension KnowledgeSearch.Vectors {
    /// The vector channel as a request's application has it.
    init(_ req: Request) {
        self.init(indexes: req.application.vectorIndexes, clients: req.hubClients, log: req.application.generationLog)
    }
}
