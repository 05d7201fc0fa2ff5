import Foundation

/// The System module's scheduled housekeeping: the query planner's statistics hourly, and a daily prune
/// of finished jobs, old schedule records and lapsed counters.
enum Housekeeping {
    /// Finished jobs and schedule records are kept this long.
    static let keepFinished: TimeInterval = 14 * 86_400

    static let plannerStatistics = ScheduledTask("system.planner-statistics", .every(minutes: 60)) { context in
        try await context.store.maintain()
    }

    static let prune = ScheduledTask("system.prune", .daily(hour: 3, minute: 30)) { context in
        let cutoff = context.clients.clock.now().addingTimeInterval(-keepFinished)
        let store = context.store
        var jobs = SQLText(store.engine, "DELETE FROM jobs WHERE state = 'succeeded' AND finished_at < ")
        jobs.bind(.date(cutoff), as: .timestamp)
        try await store.run(jobs)
        var runs = SQLText(store.engine, "DELETE FROM scheduled_task_runs WHERE period_start < ")
        runs.bind(.date(cutoff), as: .timestamp)
        try await store.run(runs)
        try await WindowCounter(store: store, clients: context.clients).prune()
    }
}
