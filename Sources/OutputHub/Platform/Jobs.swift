import Foundation
import Logging

/// A kind of background work a module enqueues (`JobQueue.enqueue`) and the worker of every app server
/// runs: ingestion, embedding, rollups, webhooks, retention.
public struct JobDefinition: Sendable {
    public typealias Run = @Sendable (JobRecord, JobContext) async throws -> Void

    /// The stored `kind` of its jobs, `module.work` (`knowledge.ingest`).
    public let name: String
    /// Attempts before the job is dead (kept with its last error, retried by hand).
    public var maxAttempts: Int
    /// How long a claim lasts; the worker renews it every third of it while the job runs, so only a worker
    /// that is gone (killed, cut off from the database) lets it lapse, and then the job is taken again.
    public var lease: TimeInterval
    public let run: Run

    public init(_ name: String, maxAttempts: Int = 5, lease: TimeInterval = 300, run: @escaping Run) {
        self.name = name
        self.maxAttempts = maxAttempts
        self.lease = lease
        self.run = run
    }
}

/// One claimed job as its definition sees it.
public struct JobRecord: Sendable {
    public let id: UUID
    public let kind: String
    /// This claim's token in `locked_by`.
    let claim: String
    public let tenantID: UUID?
    public let payload: JSONValue
    /// This attempt's number, from 1.
    public let attempt: Int
    public let maxAttempts: Int
}

/// What a running job may use: the database, the clients, a logger. A job runs at least once: after a lapsed
/// lease (its server gone) it may run again, so what it writes must be safe to write twice.
public struct JobContext: Sendable {
    public let store: Store
    public let clients: HubClients
    public let logger: Logger
}

/// Work that runs once per period across every app server sharing the database (housekeeping, rollups).
/// Each period, the first server to see it due records the period and enqueues one job for it.
public struct ScheduledTask: Sendable {
    public enum Schedule: Sendable, Hashable {
        /// Every N minutes, periods aligned to the Unix epoch (every 60 minutes: on the hour, UTC).
        case every(minutes: Int)
        /// Once a day at HH:MM UTC.
        case daily(hour: Int, minute: Int)
    }

    public let name: String
    public let schedule: Schedule
    public var maxAttempts: Int
    public let run: @Sendable (JobContext) async throws -> Void

    public init(_ name: String, _ schedule: Schedule, maxAttempts: Int = 3, run: @escaping @Sendable (JobContext) async throws -> Void) {
        self.name = name
        self.schedule = schedule
        self.maxAttempts = maxAttempts
        self.run = run
    }

    /// The start of the period `date` falls in.
    public func periodStart(containing date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        switch schedule {
        case .every(let minutes):
            let length = Double(max(minutes, 1) * 60)
            return Date(timeIntervalSince1970: (seconds / length).rounded(.down) * length)
        case .daily(let hour, let minute):
            let offset = Double(hour * 3600 + minute * 60)
            let day = ((seconds - offset) / 86_400).rounded(.down)
            return Date(timeIntervalSince1970: day * 86_400 + offset)
        }
    }

    /// The job its runs are stored as (kind `schedule.<name>`).
    var job: JobDefinition {
        JobDefinition("schedule." + name, maxAttempts: maxAttempts) { _, context in try await run(context) }
    }
}
