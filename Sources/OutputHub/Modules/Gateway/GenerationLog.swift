import Foundation
import Logging
import Vapor

/// One finished gateway call, as it goes into the log.
public struct GenerationRecord: Sendable {
    /// The `ai_logs` row (without its conversation links).
    public var row: DBRow
    /// The configuration whose `usage_count` and `total_cost` the call adds to (calls that reached a provider).
    public var configurationID: UUID?
    public var cost: Double?
    /// Set with `X-Output-Hub-Conversation`: the turn appended to the conversation and kept as an output.
    public var conversation: ConversationTurn?
}

/// The user's message and the answer of one call, for its conversation.
public struct ConversationTurn: Sendable {
    public let conversationID: UUID
    public let userText: String
    public let answerText: String
    public let model: String
    public let modelID: UUID
    public let tokenUsage: JSONValue
    public let latencyMS: Int
}

/// Writes the generation log behind the callers (`WriteBehind`): records go to the database in one
/// transaction per batch, with the configurations' usage added up and conversation turns appended in the
/// same transaction. A graceful shutdown writes everything still waiting; a crash loses at most what waited
/// (about 0.2 s of calls).
public actor GenerationLog {
    let logger: Logger
    private let queue: WriteBehind<GenerationRecord>

    public init(store: Store, clients: HubClients, logger: Logger) {
        self.logger = logger
        queue = WriteBehind { batch in await Self.write(batch, store: store, clients: clients, logger: logger) }
    }

    public nonisolated func append(_ record: GenerationRecord) async { await queue.append(record) }

    /// Writes everything waiting now and returns when it is in the database (shutdown, tests).
    public nonisolated func flush() async { await queue.flush() }

    /// Something the log's callers could not do, for the server log.
    public func reportFailure(_ message: String) { logger.error("generation log: \(message)") }

    // MARK: Streams still being relayed (a graceful shutdown waits for them before the last flush)

    private var openStreams = 0
    public func streamStarted() { openStreams += 1 }
    public func streamEnded() { openStreams -= 1 }

    /// Waits up to `seconds` for relayed streams to end, then writes everything.
    public func drain(waitingUpTo seconds: TimeInterval) async {
        var waited = 0.0
        while openStreams > 0 && waited < seconds {
            try? await Task.sleep(nanoseconds: 20_000_000)
            waited += 0.02
        }
        await flush()
    }

    /// One transaction for the batch; if it fails, each record on its own, so one bad record loses only itself.
    static func write(_ batch: [GenerationRecord], store: Store, clients: HubClients, logger: Logger) async {
        do {
            try await store.transaction { tx in try await write(batch, in: tx, clients: clients) }
        } catch {
            for record in batch {
                do {
                    try await store.transaction { tx in try await write([record], in: tx, clients: clients) }
                } catch {
                    logger.error("generation log: a record of \(record.row["model_name"]?.stringValue ?? "?") could not be written: \(String(describing: error))")
                }
            }
        }
    }

    static func write(_ batch: [GenerationRecord], in store: Store, clients: HubClients) async throws {
        var rows: [DBRow] = []
        var usage: [UUID: (calls: Int, cost: Double)] = [:]
        for record in batch {
            var row = record.row
            if let turn = record.conversation { try await append(turn, to: &row, in: store, clients: clients) }
            rows.append(row)
            if let configuration = record.configurationID {
                usage[configuration, default: (0, 0)].calls += 1
                usage[configuration, default: (0, 0)].cost += record.cost ?? 0
            }
        }
        // One statement for the batch needs one column list: a column some rows lack is NULL in them.
        let columns = Set(rows.flatMap(\.keys))
        rows = rows.map { row in row.merging(columns.map { ($0, DBValue.null) }) { have, _ in have } }
        try await store.insertMany(GenerationTables.aiLogs, rows)
        for (configuration, added) in usage.sorted(by: { $0.key.precedes($1.key) }) {
            var sql = SQLText(store.engine, "UPDATE model_configurations SET usage_count = usage_count + ")
            sql.bind(.int(added.calls), as: .integer)
            sql.append(", total_cost = total_cost + ")
            sql.bind(.double(ModelPrice.round(added.cost)), as: .decimal(14, 6))
            sql.append(" WHERE id = ")
            sql.bind(.uuid(configuration), as: .uuid)
            try await store.run(sql)
        }
    }

    /// The user's message and the answer as messages of the conversation, the answer also as an output.
    private static func append(_ turn: ConversationTurn, to row: inout DBRow, in store: Store, clients: HubClients) async throws {
        let tenant = row["tenant_id"] ?? .null, user = row["user_id"] ?? .null
        let conversation = DBValue.uuid(turn.conversationID)
        if !turn.userText.isEmpty {
            _ = try await store.insert(ConversationTables.messages, [
                "id": .uuid(clients.ids.next()), "tenant_id": tenant, "conversation_id": conversation,
                "message_type": .string("user_message"), "content": .string(turn.userText),
            ])
        }
        let messageID = clients.ids.next()
        _ = try await store.insert(ConversationTables.messages, [
            "id": .uuid(messageID), "tenant_id": tenant, "conversation_id": conversation, "message_type": .string("bot_response"),
            "content": .string(turn.answerText), "model_used": .string(String(turn.model.prefix(100))),
            "token_usage": .json(String(decoding: turn.tokenUsage.jsonBytes, as: UTF8.self)), "processing_time_ms": .int(turn.latencyMS),
        ])
        let outputID = clients.ids.next()
        _ = try await store.insert(ConversationTables.outputs, [
            "id": .uuid(outputID), "tenant_id": tenant, "title": .string(String(turn.answerText.prefix(80))),
            "content": .string(turn.answerText), "conversation_id": conversation, "message_id": .uuid(messageID),
            "model_id": .uuid(turn.modelID), "created_by": user,
        ])
        row["conversation_id"] = conversation
        row["message_id"] = .uuid(messageID)
        row["output_id"] = .uuid(outputID)
    }
}

extension Application {
    private struct GenerationLogKey: StorageKey { typealias Value = GenerationLog }

    /// The gateway's write-behind generation log (made by `buildApplication`).
    public var generationLog: GenerationLog {
        get { built(GenerationLogKey.self) }
        set { storage[GenerationLogKey.self] = newValue }
    }
}

/// Writes what the generation log holds when the application shuts down (after in-flight requests).
struct GenerationLogLifecycle: LifecycleHandler {
    let log: GenerationLog

    func shutdownAsync(_ application: Application) async {
        await log.drain(waitingUpTo: 10)
    }
}
