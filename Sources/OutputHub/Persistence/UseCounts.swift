import Foundation
import Logging
import Vapor

/// Uses of rows counted behind the callers (`WriteBehind`): each `count` adds one to the row's
/// `usage_count` and moves its `last_used_at` (where the table has one) to the time of the use. Uses of one
/// row within a batch become one `UPDATE … usage_count + n`, so counts stay exact with any number of app
/// servers; the rows of a batch are updated in one transaction, in a fixed order (no deadlocks between
/// servers). A read right after a use may not see it yet (about `interval`); a graceful shutdown writes
/// every waiting use, a crash loses them.
public struct UseCounts: Sendable {
    struct Use: Sendable {
        let table: TableDeclaration
        let id: DBValue
        let at: Date
    }

    private let queue: WriteBehind<Use>

    public init(store: Store, logger: Logger, interval: TimeInterval = 0.2) {
        queue = WriteBehind(interval: interval) { uses in await Self.write(uses, store: store, logger: logger) }
    }

    /// Counts one use of the row `id` of `table` at `time`.
    public func count(_ table: TableDeclaration, _ id: DBValue, at time: Date) async {
        await queue.append(Use(table: table, id: id, at: time))
    }

    /// Writes every use counted so far (shutdown, tests).
    public func flush() async { await queue.flush() }

    static func write(_ uses: [Use], store: Store, logger: Logger) async {
        struct Total { var table: TableDeclaration; var id: DBValue; var uses = 0; var last = Date.distantPast }
        var totals: [String: Total] = [:]
        for use in uses {
            let key = use.table.name + "/" + (use.id.stringValue ?? "")
            totals[key, default: Total(table: use.table, id: use.id)].uses += 1
            totals[key]!.last = max(totals[key]!.last, use.at)
        }
        let ordered = totals.sorted { $0.key < $1.key }.map(\.value)
        do {
            try await store.transaction { tx in
                for total in ordered {
                    var sql = SQLText(tx.engine, "UPDATE \(quote(total.table.name)) SET \(quote("usage_count")) = \(quote("usage_count")) + ")
                    sql.bind(.int(total.uses), as: .integer)
                    if total.table.column("last_used_at") != nil {
                        // A later batch may carry an earlier time (a slow caller): the newest use wins.
                        sql.append(", \(quote("last_used_at")) = CASE WHEN \(quote("last_used_at")) IS NULL OR \(quote("last_used_at")) < ")
                        sql.bind(.date(total.last), as: .timestamp)
                        sql.append(" THEN ")
                        sql.bind(.date(total.last), as: .timestamp)
                        sql.append(" ELSE \(quote("last_used_at")) END")
                    }
                    sql.append(" WHERE id = ")
                    sql.bind(total.id, as: .uuid)
                    try await tx.run(sql)
                }
            }
        } catch {
            logger.error("use counts: \(uses.count) uses could not be written: \(String(describing: error))")
        }
    }
}

extension Application {
    private struct UseCountsKey: StorageKey { typealias Value = UseCounts }

    /// Uses of rows (prompts, versions, suites, …) counted behind requests (made by `buildApplication`).
    public var useCounts: UseCounts {
        get { built(UseCountsKey.self) }
        set { storage[UseCountsKey.self] = newValue }
    }
}

/// Work for a graceful stop: writing what a write-behind queue still holds, closing the SQLite reader.
struct OnShutdown: LifecycleHandler {
    let run: @Sendable () async -> Void

    func shutdownAsync(_ application: Application) async { await run() }
}
