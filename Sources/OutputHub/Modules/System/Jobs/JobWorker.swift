import Foundation
import Logging
import NIOConcurrencyHelpers

/// Runs the jobs of every module in one app server: each pass records the scheduled tasks that are due
/// (once per period across all servers), buries jobs whose worker died on their last attempt, then claims
/// and runs due jobs, `concurrency` at a time. `serve` starts it; `jobs run-once` and tests call `runDue`.
public final class JobWorker: Sendable {
    /// This worker's name in `jobs.locked_by`: host, process and a random part.
    public let id: String
    let store: Store
    let clients: HubClients
    let logger: Logger
    let definitions: [String: JobDefinition]
    let tasks: [ScheduledTask]
    let concurrency: Int
    let pollInterval: TimeInterval

    private struct State {
        var loop: Task<Void, Never>?
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
        self.id = id ?? "\(ProcessInfo.processInfo.hostName.prefix(60))-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        var definitions = Dictionary(jobs.map { ($0.name, $0) }) { first, _ in first }
        for task in tasks {
            definitions[task.jobKind] = JobDefinition(task.jobKind, maxAttempts: task.maxAttempts) { _, context in try await task.run(context) }
        }
        self.definitions = definitions
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
            let (queue, ids, engine) = (self.queue, clients.ids, store.engine)
            try await store.transaction { tx in
                var sql = SQLText(engine, "INSERT INTO scheduled_task_runs (id, task, period_start, created_at) VALUES (")
                let runID = ids.next()
                sql.bind(.uuid(runID), as: .uuid)
                sql.append(", ")
                sql.bind(.string(task.name), as: .varchar(100))
                sql.append(", ")
                sql.bind(.date(period), as: .timestamp)
                sql.append(", ")
                sql.bind(.date(now), as: .timestamp)
                sql.append(") ON CONFLICT (task, period_start) DO NOTHING RETURNING id")
                guard try await !tx.rows(sql).isEmpty else { return }
                let job = try await JobQueue(store: tx, clients: queue.clients).enqueue(task.jobKind, maxAttempts: task.maxAttempts)
                try await tx.update(JobTables.scheduledTaskRuns, id: .uuid(runID), ["job_id": .uuid(job)])
            }
            state.withLockedValue { $0.scheduled[task.name] = period }
        }
    }

    private func run(_ job: JobRecord) async {
        guard let definition = definitions[job.kind] else { return }
        let (queue, id) = (self.queue, self.id)
        let context = JobContext(store: store, clients: clients, logger: logger) {
            try await queue.renew(job.id, worker: id, lease: definition.lease)
        }
        do {
            try await definition.run(job, context)
            try await queue.succeeded(job.id, worker: id)
        } catch where isStopping && Task.isCancelled {
            do { try await queue.handBack(job.id, worker: id) } catch { logger.warning("job \(job.id) not handed back: \(error)") }
        } catch {
            logger.warning("job \(job.kind) \(job.id) failed on attempt \(job.attempt) of \(job.maxAttempts): \(error)")
            do { try await queue.failed(job, worker: id, error: String(describing: error)) } catch {
                logger.error("job \(job.id) failure not recorded: \(error)")
            }
        }
    }

    // MARK: Running in the background

    private var isStopping: Bool { state.withLockedValue { $0.stopping } }

    /// Starts passing every `pollInterval` seconds with `concurrency` jobs at a time, until `stop`.
    public func start() {
        state.withLockedValue { state in
            guard state.loop == nil else { return }
            state.stopping = false
            state.loop = Task { [self] in
                while !isStopping {
                    do {
                        try await schedule()
                        try await queue.buryLapsed()
                        await withTaskGroup(of: Void.self) { group in
                            for _ in 0..<concurrency {
                                group.addTask { [self] in
                                    while !isStopping, (try? await runNext()) == true {}
                                }
                            }
                        }
                    } catch {
                        logger.warning("job worker pass failed: \(error)")
                    }
                    try? await Task.sleep(for: .milliseconds(Int(pollInterval * 1000)))
                }
            }
        }
    }

    /// Stops claiming; running jobs get `grace` seconds to finish, then are cancelled and handed back.
    public func stop(grace: TimeInterval = 10) async {
        guard let loop = state.withLockedValue({ state -> Task<Void, Never>? in
            state.stopping = true
            defer { state.loop = nil }
            return state.loop
        }) else { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await loop.value }
            group.addTask {
                // Past the grace period the jobs still running are cancelled (and handed back by `run`).
                do {
                    try await Task.sleep(for: .milliseconds(Int(grace * 1000)))
                    loop.cancel()
                } catch {}
            }
            await group.next()
            group.cancelAll()
        }
    }
}
