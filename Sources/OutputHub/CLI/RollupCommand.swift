import ArgumentParser
import Foundation

/// `outputhub rollup [--since DATE]`: the performance rollups (see `PerformanceRollup`) now, as the hourly
/// scheduled task does.
struct RollupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup",
        abstract: "Recompute the daily, weekly, monthly and all-time performance rollups per model and task category, and the suitability statistics.")

    @Option(help: "Only the periods holding generations or votes written on or after this day or time (YYYY-MM-DD or ISO 8601); all periods without it.")
    var since: String?

    func run() async throws {
        var date: Date?
        if let since {
            guard let parsed = RecostCommand.parse(since) else { throw CLIError("--since must be a date (YYYY-MM-DD) or an ISO 8601 time, not \(since)") }
            date = parsed
        }
        let (started, from) = (Date(), date)
        let summary = try await withApplication { app in
            try await MigrationRunner(app: app).up()
            return try await PerformanceRollup(store: app.store, clients: app.hubClients).run(since: from)
        }
        let rows = ["daily", "weekly", "monthly", "all_time"].map { "\(summary.rows[$0] ?? 0) \($0.replacingOccurrences(of: "_", with: "-"))" }
        print("Rolled up \(rows.joined(separator: ", ")) rows\(since.map { " for the periods touched since \($0)" } ?? ""); \(summary.mappings) suitability rows updated\(summary.voteTotals.map { "; \($0) vote totals recomputed" } ?? ""); \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
    }
}
