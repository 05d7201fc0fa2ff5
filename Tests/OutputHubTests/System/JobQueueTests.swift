import Foundation
import NIOConcurrencyHelpers
@testable import OutputHub
import Testing
import Vapor

/// Counts how often each job ran, across workers.
final class RunLog: Sendable {
    private let runs = NIOLockedValueBox<[String: Int]>([:])
    func record(_ key: String) { runs.withLockedValue { $0[key, default: 0] += 1 } }
    var counts: [String: Int] { runs.withLockedValue { $0 } }
    var total: Int { counts.values.reduce(0, +) }
}

/// A second app server on the same database as `app` (its own connection pool), shut down after `body`.
/// On SQLite it is `app` itself: each application admits its writes through a gate of its own, so a second
/// one's writes would wait in SQLite's busy handler instead of at the gate (scaling out is PostgreSQL's job).
func withSecondServer<T>(_ app: Application, clients: HubClients, _ body: (Application) async throws -> T) async throws -> T {
    if app.outputHub.engine.kind == .sqlite { return try await body(app) }
    let second = try await buildApplication(settings: app.outputHub.settings, clients: clients, environment: .testing)
    do {
        let result = try await body(second)
        try await second.asyncShutdown()
        return result
    } catch {
        try? await second.asyncShutdown()
        throw error
    }
}

@Suite("System: durable jobs")
struct JobQueueTests {
    static func worker(_ app: Application, _ id: String, jobs: [JobDefinition] = [], tasks: [ScheduledTask] = []) -> JobWorker {
        JobWorker(store: app.store, clients: app.hubClients, logger: app.logger, jobs: jobs, tasks: tasks, id: id)
    }

    static func state(_ app: Application, _ id: UUID) async throws -> DBRow {
        try #require(try await app.store.find(JobTables.jobs, id: .uuid(id)))
    }

    @Test("Two servers on one database never run one job twice, and together run every job")
    func noJobRunsTwice() async throws {
        let clock = TestClock()
        try await withApp(clients: HubClients(clock: clock)) { app in
            let log = RunLog()
            let job = JobDefinition("test.count") { record, _ in log.record(record.id.uuidString) }
            var ids: [UUID] = []
            for i in 0..<40 { ids.append(try await app.hubClients.jobs(in: app.store).enqueue(job, payload: .object(["i": .number(Double(i))]))) }
            try await withSecondServer(app, clients: HubClients(clock: clock)) { second in
                let workers = [Self.worker(app, "a1", jobs: [job]), Self.worker(app, "a2", jobs: [job]),
                               Self.worker(second, "b1", jobs: [job]), Self.worker(second, "b2", jobs: [job])]
                let ran = try await withThrowingTaskGroup(of: Int.self) { group in
                    for worker in workers { group.addTask { try await worker.runDue() } }
                    return try await group.reduce(0, +)
                }
                #expect(ran == 40)
            }
            #expect(log.counts.count == 40 && log.counts.values.allSatisfy { $0 == 1 }, "each job ran exactly once")
            for id in ids {
                let row = try await Self.state(app, id)
                #expect(row["state"]?.stringValue == "succeeded")
                #expect(row["attempts"]?.intValue == 1)
            }
        }
    }

    @Test("A killed worker's job is taken again once its lease lapses, and not before")
    func leaseExpiry() async throws {
        let clock = TestClock()
        try await withApp(clients: HubClients(clock: clock)) { app in
            let log = RunLog()
            let job = JobDefinition("test.lease", lease: 60) { record, _ in log.record(record.id.uuidString) }
            let id = try await app.hubClients.jobs(in: app.store).enqueue(job)
            // The first worker claims the job and dies without a word.
            let claimed = try await app.hubClients.jobs(in: app.store).claim(worker: "dead", leases: ["test.lease": 60])
            #expect(claimed?.id == id)
            let survivor = Self.worker(app, "alive", jobs: [job])
            #expect(try await survivor.runDue() == 0, "the lease still holds")
            clock.advance(61)
            #expect(try await survivor.runDue() == 1)
            let row = try await Self.state(app, id)
            #expect(row["state"]?.stringValue == "succeeded")
            #expect(row["attempts"]?.intValue == 2)
            #expect(log.total == 1)
        }
    }

    @Test("A claim that lapsed cannot record an outcome over the claim that took the job over")
    func lapsedClaimCannotFinish() async throws {
        let clock = TestClock()
        try await withApp(clients: HubClients(clock: clock)) { app in
            let job = JobDefinition("test.takeover", lease: 60) { _, _ in }
            let queue = app.hubClients.jobs(in: app.store)
            let id = try await queue.enqueue(job)
            let first = try #require(try await queue.claim(worker: "same", leases: [job.name: 60]))
            clock.advance(61)
            let second = try #require(try await queue.claim(worker: "same", leases: [job.name: 60]))
            #expect(second.id == id && second.claim != first.claim, "the same worker's second claim has its own token")
            #expect(try await !queue.failed(first, error: "late"), "the lapsed claim's failure is ignored")
            #expect(try await !queue.renew(first, lease: 60))
            #expect(try await queue.succeeded(second))
            let row = try await Self.state(app, id)
            #expect(row["state"]?.stringValue == "succeeded")
            #expect(row["last_error"]?.isNull == true)
            #expect(try await !queue.retry(id), "a succeeded job is not run again")
        }
    }

    @Test("A failing job backs off exponentially with jitter, then is dead with its last error; retry queues it again")
    func retriesBackOff() async throws {
        let clock = TestClock()
        try await withApp(clients: HubClients(clock: clock)) { app in
            struct Broken: Error, CustomStringConvertible { var description: String { "upstream said no" } }
            let job = JobDefinition("test.broken", maxAttempts: 4) { _, _ in throw Broken() }
            let queue = app.hubClients.jobs(in: app.store)
            let id = try await queue.enqueue(job)
            let worker = Self.worker(app, "w", jobs: [job])
            var waits: [TimeInterval] = []
            for attempt in 1...3 {
                #expect(try await worker.runDue() == 1)
                let row = try await Self.state(app, id)
                #expect(row["state"]?.stringValue == "queued")
                #expect(row["attempts"]?.intValue == attempt)
                #expect(row["last_error"]?.stringValue == "upstream said no")
                let wait = try #require(row["run_at"]?.dateValue).timeIntervalSince(clock.now())
                let full = 10 * pow(2, Double(attempt - 1))
                #expect(wait >= full / 2 - 0.01 && wait <= full + 0.01, "attempt \(attempt) waits \(wait) s")
                #expect(try await worker.runDue() == 0, "not due before its backoff")
                waits.append(wait)
                clock.advance(wait + 0.01)
            }
            #expect(try await worker.runDue() == 1)
            let dead = try await Self.state(app, id)
            #expect(dead["state"]?.stringValue == "dead")
            #expect(dead["attempts"]?.intValue == 4)
            #expect(dead["last_error"]?.stringValue == "upstream said no")
            #expect(try await queue.retry(id))
            let again = try await Self.state(app, id)
            #expect(again["state"]?.stringValue == "queued")
            #expect(again["attempts"]?.intValue == 0)
        }
    }

    @Test("A scheduled task runs once per period across two servers")
    func scheduledOncePerPeriod() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_790_000_000))
        try await withApp(clients: HubClients(clock: clock)) { app in
            let log = RunLog()
            let task = ScheduledTask("test.tick", .every(minutes: 60)) { _ in log.record("tick") }
            try await withSecondServer(app, clients: HubClients(clock: clock)) { second in
                let workers = [Self.worker(app, "a", tasks: [task]), Self.worker(second, "b", tasks: [task])]
                for round in 1...3 {
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for worker in workers { group.addTask { try await worker.runDue() } }
                        for _ in workers { _ = try await group.next() }
                    }
                    for worker in workers { _ = try await worker.runDue() }
                    #expect(log.total == round, "round \(round)")
                    clock.advance(3600)
                }
            }
            #expect(try await app.store.count("scheduled_task_runs") == 3)
        }
    }

    @Test("Periods: every N minutes aligns to the epoch; daily at HH:MM UTC")
    func periods() {
        let every = ScheduledTask("t", .every(minutes: 15)) { _ in }
        let daily = ScheduledTask("d", .daily(hour: 3, minute: 30)) { _ in }
        let moment = Date(timeIntervalSince1970: 1_790_003_000)  // 2026-09-21 13:43:20 UTC
        #expect(every.periodStart(containing: moment) == Date(timeIntervalSince1970: 1_790_002_800))
        #expect(daily.periodStart(containing: moment) == Date(timeIntervalSince1970: 1_789_961_400))  // 03:30 that day
        let early = Date(timeIntervalSince1970: 1_789_959_600)  // 03:00 the same day: still yesterday's period
        #expect(daily.periodStart(containing: early) == Date(timeIntervalSince1970: 1_789_875_000))
    }

    @Test("Stopping the worker hands a job that does not finish in its grace period back, without counting the attempt")
    func shutdownHandsBack() async throws {
        try await withApp { app in
            let (started, signal) = AsyncStream<Void>.makeStream()
            let job = JobDefinition("test.slow") { _, _ in
                signal.yield()
                try await Task.sleep(for: .seconds(3600))  // ends only by cancellation
            }
            let id = try await app.hubClients.jobs(in: app.store).enqueue(job)
            let worker = Self.worker(app, "w", jobs: [job])
            worker.start()
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            await worker.stop(grace: 0)
            let row = try await Self.state(app, id)
            #expect(row["state"]?.stringValue == "queued")
            #expect(row["attempts"]?.intValue == 0)
            #expect(row["locked_by"]?.isNull == true)
        }
    }
}
