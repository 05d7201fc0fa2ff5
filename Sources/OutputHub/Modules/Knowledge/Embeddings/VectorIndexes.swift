import Foundation
import Logging
import NIOConcurrencyHelpers

/// The vector channel's state on this server: each tenant's embedder and its in-memory index, following
/// what every server writes to the shared database.
///
/// At most once per `checkInterval` a search compares the index with the table (a count and the newest
/// time): new rows are appended, deleted ones rebuild it. A build of at most `inlineLimit` embeddings
/// happens in the search that needs it; a larger one (a server starting on a big knowledge base) runs in
/// the background while searches stay keyword-only and say the index is loading.
final class VectorIndexes: Sendable {
    static let checkInterval: TimeInterval = 1
    static let inlineLimit = 20_000
    static let cachedQueries = 512

    /// Why there is no vector channel, or what it needs.
    enum Source: Sendable {
        case ready(Embedder, VectorIndex)
        case unavailable(String)
    }

    private struct Entry {
        var index = VectorIndex()
        var ready = false
        var checkedAt: Date?
        /// The refresh under way (or, for a background build, the build), which clears it when done.
        var inflight: Task<Void, Never>?
        /// The table held more rows than the index at the last check: a second such check rebuilds.
        var short = false
    }

    private struct Resolved {
        var embedder: Embedder?
        var failure: String?
        var checkedAt: Date
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var embedders: [UUID: Resolved] = [:]
        var queries: [String: [Float]] = [:]
        var queryOrder: [String] = []
        var background: [UUID: Task<Void, Never>] = [:]
    }

    private let state = NIOLockedValueBox(State())
    let logger: Logger

    init(logger: Logger) {
        self.logger = logger
    }

    /// The tenant's embedder and a current index, or why the vector channel cannot run.
    func source(tenant: UUID, store: Store, clients: HubClients, log: GenerationLog) async throws -> Source {
        let now = clients.clock.now()
        let embedder: Embedder
        switch try await resolve(tenant: tenant, store: store, clients: clients, log: log, now: now) {
        case .success(let resolved): embedder = resolved
        case .failure(let reason): return .unavailable(reason.description)
        }
        let key = Self.key(tenant, embedder.model)
        // The search that finds the index due refreshes it and waits; others wait only for an index not built yet.
        let wait = state.withLockedValue { state -> Task<Void, Never>? in
            var entry = state.entries[key] ?? Entry()
            if let inflight = entry.inflight { return entry.ready ? nil : inflight }
            guard entry.checkedAt.map({ now.timeIntervalSince($0) >= Self.checkInterval }) ?? true else { return nil }
            let task = Task { [self] in await refresh(key, tenant: tenant, model: embedder.model, store: store, now: now) }
            entry.inflight = task
            state.entries[key] = entry
            return task
        }
        if let wait { await wait.value }
        let entry = state.withLockedValue { $0.entries[key] }
        guard let entry, entry.ready else { return .unavailable("the vector index is loading") }
        return .ready(embedder, entry.index)
    }

    /// The unit embedding of a query, from the recent ones when it was asked before.
    func queryVector(_ text: String, embedder: Embedder) async throws -> [Float] {
        let key = Self.key(embedder.tenant, embedder.model) + "|" + text
        if let known = state.withLockedValue({ $0.queries[key] }) { return known }
        guard let vector = try await embedder.embed([text]).first else { throw EmbeddingUnavailable(description: "the query has no embedding") }
        state.withLockedValue { state in
            if state.queries.updateValue(vector, forKey: key) == nil { state.queryOrder.append(key) }
            if state.queryOrder.count > Self.cachedQueries { state.queries[state.queryOrder.removeFirst()] = nil }
        }
        return vector
    }

    /// Loads the index of every tenant with an embedding model (a server starting), without blocking.
    func warm(store: Store, clients: HubClients, log: GenerationLog) {
        let task = Task { [self] in
            do {
                for tenant in try await Embedder.tenants(store) {
                    try Task.checkCancellation()
                    _ = try await source(tenant: tenant, store: store, clients: clients, log: log)
                }
            } catch is CancellationError {
            } catch {
                logger.warning("vector index warm-up: \(error)")
            }
        }
        track(task)
    }

    /// Stops background builds (the server is stopping).
    func stop() async {
        let tasks = state.withLockedValue { state in
            let tasks = Array(state.background.values)
            state.background = [:]
            return tasks
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }

    // MARK: Internals

    private static func key(_ tenant: UUID, _ model: String) -> String { tenant.lowercaseText + "|" + model }

    private func track(_ task: Task<Void, Never>) {
        let id = UUID()
        state.withLockedValue { $0.background[id] = task }
        Task { [self] in
            await task.value
            _ = state.withLockedValue { $0.background.removeValue(forKey: id) }
        }
    }

    private func resolve(tenant: UUID, store: Store, clients: HubClients, log: GenerationLog, now: Date) async throws -> Result<Embedder, EmbeddingUnavailable> {
        if let known = state.withLockedValue({ $0.embedders[tenant] }), now.timeIntervalSince(known.checkedAt) < Self.checkInterval {
            if let embedder = known.embedder { return .success(embedder) }
            return .failure(EmbeddingUnavailable(description: known.failure ?? "no embedding model"))
        }
        var resolved = Resolved(checkedAt: now)
        do {
            resolved.embedder = try await Embedder.of(tenant: tenant, store: store, clients: clients, log: log)
            if resolved.embedder == nil { resolved.failure = "no embedding model" }
        } catch let error as EmbeddingUnavailable {
            resolved.failure = error.description
        }
        state.withLockedValue { $0.embedders[tenant] = resolved }
        if let embedder = resolved.embedder { return .success(embedder) }
        return .failure(EmbeddingUnavailable(description: resolved.failure ?? "no embedding model"))
    }

    /// Brings the entry up to date and clears its `inflight` (a large build in the background clears it
    /// when it ends). A failure is logged and leaves the entry as it was, to be tried at the next check.
    private func refresh(_ key: String, tenant: UUID, model: String, store: Store, now: Date) async {
        let loader = VectorIndexLoader(store: store, tenant: tenant, model: model)
        do {
            let (count, newest) = try await loader.state()
            let entry = state.withLockedValue { $0.entries[key] ?? Entry() }
            if entry.ready && count == entry.index.count && newest == entry.index.newest {
                finish(key) { $0.checkedAt = now; $0.short = false }
                return
            }
            if entry.ready && count >= entry.index.count && !(entry.short && count > entry.index.count) {
                // Rows added since the last check: append them. More rows than the table holds means some were deleted.
                var index = entry.index
                try await loader.load(into: &index, since: index.newest)
                if index.count <= count {
                    let short = index.count < count
                    finish(key) { $0.index = index; $0.checkedAt = now; $0.short = short }
                    return
                }
            }
            if count <= Self.inlineLimit {
                var index = VectorIndex()
                try await loader.load(into: &index, since: nil)
                finish(key) { $0.index = index; $0.ready = true; $0.checkedAt = now; $0.short = false }
                return
            }
            // Made under the lock, which its own end takes: it cannot clear `inflight` before it is set.
            let build = state.withLockedValue { state -> Task<Void, Never> in
                let build = Task { [self] in
                    do {
                        var index = VectorIndex()
                        try await loader.load(into: &index, since: nil)
                        finish(key) { $0.index = index; $0.ready = true; $0.checkedAt = now; $0.short = false }
                    } catch {
                        if !(error is CancellationError) { logger.warning("vector index of \(key): \(error)") }
                        finish(key) { _ in }
                    }
                }
                state.entries[key]?.inflight = build
                return build
            }
            track(build)
        } catch {
            if !(error is CancellationError) { logger.warning("vector index of \(key): \(error)") }
            finish(key) { _ in }
        }
    }

    private func finish(_ key: String, _ change: (inout Entry) -> Void) {
        state.withLockedValue { state in
            var entry = state.entries[key] ?? Entry()
            change(&entry)
            entry.inflight = nil
            state.entries[key] = entry
        }
    }
}
