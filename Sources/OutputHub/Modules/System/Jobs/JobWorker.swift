import Foundation
import Logging
import NIOConcurrencyHelpers

/// Runs the jobs of every module in one app server. `serve` starts it: a scheduler loop records the
/// scheduled tasks that are due (once per period across all servers) and buries jobs whose worker died on
/// their last attempt, while `concurrency` runner loops claim and run due jobs. `jobs run-once` and tests
/// call `runDue` instead.
public final class JobWorker: Sendable {
    /// This worker's name, the first part of each claim in `jobs.locked_by`: host, process, a random part.
    public let id: String
    let store: Store
    let clients: HubClients
    let logger: Logger
    let definitions: [String: JobDefinition]
    let tasks: [ScheduledTask]
    let concurrency: Int
    let pollInterval: TimeInterval

    private struct State {
        var loops: [Task<Void, Never>] = []
        var stopping = false
        /// The period each scheduled task was last recorded for by this worker (saves a write per pass).
        var scheduled: [String: Date] = [:]
    }
    private let state = NIOLockedValueBox(State())

    public init(store: Store, clients: HubClients, logger: Logger, jobs: [JobDefinition], tasks: [ScheduledTask],
                concurrency: Int = 2, pollInterval: TimeInterval = 1, id: String? = nil) {
        self.store = store
        self.clients = clients
        self.logger = logger
        self.tasks = tasks
        self.concurrency = max(1, concurrency)
        self.pollInterval = pollInterval
        self.id = id ?? "\(ProcessInfo.processInfo.hostName.prefix(40))-\(getpid())-\(UInt16.random(in: 0...UInt16.max))"
        self.definitions = Dictionary((jobs + tasks.map(\.job)).map { ($0.name, $0) }) { first, _ in first }
    }

    var queue: JobQueue { JobQueue(store: store, clients: clients) }
    private var leases: [String: TimeInterval] { definitions.mapValues(\.lease) }

    // MARK: One pass

    /// Schedules what is due, then runs due jobs until none is left (or `limit` have run); returns how many ran.
    @discardableResult
    public func runDue(limit: Int = .max) async throws -> Int {
        try await schedule()
        try await queue.buryLapsed()
        var ran = 0
        while ran < limit, !isStopping, try await runNext() { ran += 1 }
        return ran
    }

    /// Claims one due job and runs it; false when none was due.
    func runNext() async throws -> Bool {
        guard let job = try await queue.claim(worker: id, leases: leases) else { return false }
        await run(job)
        return true
    }

    /// Records each scheduled task's current period; the server whose record lands enqueues the job.
    func schedule() async throws {
        let now = clients.clock.now()
        for task in tasks {
            let period = task.periodStart(containing: now)
            if state.withLockedValue({ $0.scheduled[task.name] }) == period { continue }
            let clients = self.clients
            try await store.transaction { tx in
                var sql = SQLText(tx.engine, "INSERT INTO scheduled_task_runs (id, task, period_start, created_at) VALUES (")
                let runID = clients.ids.next()
                sql.bind(.uuid(runID), as: .uuid)
                sql.append(", ")
                sql.bind(.string(task.name), as: .varchar(100))
                sql.append(", ")
                sql.bind(.date(period), as: .timestamp)
                sql.append(", ")
                sql.bind(.date(now), as: .timestamp)
                sql.append(") ON CONFLICT (task, period_start) DO NOTHING RETURNING id")
                guard try await !tx.rows(sql).isEmpty else { return }
                let job = try await clients.jobs(in: tx).enqueue(task.job)
                try await tx.update(JobTables.scheduledTaskRuns, id: .uuid(runID), ["job_id": .uuid(job)])
            }
            state.withLockedValue { $0.scheduled[task.name] = period }
        }
    }

    /// Runs a claimed job, renewing its lease while it runs, and records the outcome under its claim.
    private func run(_ job: JobRecord) async {
        guard let definition = definitions[job.kind] else { return }  // claims only ask for known kinds
        let (queue, logger) = (self.queue, self.logger)
        let renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int(definition.lease * 1000 / 3)))
                if Task.isCancelled { break }
                do { try await queue.renew(job, lease: definition.lease) } catch { logger.warning("job \(job.id) lease not renewed: \(error)") }
            }
        }
        let outcome: Result<Void, any Error>
        do {
            try await definition.run(job, JobContext(store: store, clients: clients, logger: logger))
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        renewal.cancel()
        do {
            switch outcome {
            case .success:
                if try await !queue.succeeded(job) { logger.warning("job \(job.kind) \(job.id) finished after its claim lapsed") }
            case .failure where isStopping && Task.isCancelled:
                try await queue.handBack(job)
            case .failure(let error):
                logger.warning("job \(job.kind) \(job.id) failed on attempt \(job.attempt) of \(job.maxAttempts): \(error)")
                try await queue.failed(job, error: String(describing: error))
            }
        } catch {
            logger.error("job \(job.id) outcome not recorded (its lease will lapse and it runs again): \(error)")
        }
    }

    // MARK: Running in the background

    private var isStopping: Bool { state.withLockedValue { $0.stopping } }

    /// Starts the scheduler loop and `concurrency` runner loops, each pausing `pollInterval` when idle.
    public func start() {
        state.withLockedValue { state in
            guard state.loops.isEmpty else { return }
            state.stopping = false
            state.loops.append(Task { [self] in
                while !isStopping {
                    do {
                        try await schedule()
                        try await queue.buryLapsed()
                    } catch {
                        logger.warning("scheduling jobs failed: \(error)")
                    }
                    try? await Task.sleep(for: .milliseconds(Int(pollInterval * 1000)))
                }
            })
            for _ in 0..<concurrency {
                state.loops.append(Task { [self] in
                    while !isStopping {
                        let ran: Bool
                        do { ran = try await runNext() } catch {
                            logger.warning("claiming a job failed: \(error)")
                            ran = false
                        }
                        if !ran { try? await Task.sleep(for: .milliseconds(Int(pollInterval * 1000))) }
                    }
                })
            }
        }
    }

    /// Stops claiming. Running jobs get `grace` seconds to finish; then they are cancelled and a job that
    /// stops on cancellation is handed back. After `grace` plus 5 seconds it returns regardless: a job still
    /// running then keeps its lease until it lapses, and another server takes it.
    public func stop(grace: TimeInterval = 10) async {
        let loops = state.withLockedValue { state -> [Task<Void, Never>] in
            state.stopping = true
            defer { state.loops = [] }
            return state.loops
        }
        guard !loops.isEmpty else { return }
        if await Self.finished(loops, within: grace) { return }
        loops.forEach { $0.cancel() }
        _ = await Self.finished(loops, within: 5)
    }

    /// Whether every task ended within `seconds` (it does not wait for them past that).
    private static func finished(_ tasks: [Task<Void, Never>], within seconds: TimeInterval) async -> Bool {
        let pending = NIOLockedValueBox<CheckedContinuation<Bool, Never>?>(nil)
        let resume: @Sendable (Bool) -> Void = { value in
            pending.withLockedValue { continuation in
                continuation?.resume(returning: value)
                continuation = nil
            }
        }
        return await withCheckedContinuation { continuation in
            pending.withLockedValue { $0 = continuation }
            Task {
                for task in tasks { await task.value }
                resume(true)
            }
            Task {
                try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
                resume(false)
            }
        }
    }
}
