import ArgumentParser
import Foundation

struct RecostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recost",
        abstract: "Cost logged model calls again with the price valid at each call's time (after adding or fixing a price).")

    @Option(help: "Recost calls made on or after this day or time (YYYY-MM-DD, or an ISO 8601 time).")
    var since: String

    func run() async throws {
        guard let date = Self.parse(since) else {
            throw CLIError("--since must be a date (YYYY-MM-DD) or an ISO 8601 time, not \(since)")
        }
        let report = try await withApplication { app in
            try await MigrationRunner(app: app).up()
            let report = try await Recosting(store: app.store).run(since: date)
            // The rollups of the recosted calls' periods hold the old costs: redo them now.
            if report.changed > 0 { _ = try await PerformanceRollup(store: app.store, clients: app.hubClients).run(since: date) }
            return report
        }
        print("Recosted \(report.calls) calls since \(since): \(report.changed) changed (\(report.newlyPriced) newly priced, \(report.nowUnpriced) now unpriced)\(report.changed > 0 ? "; their periods' rollups recomputed" : "").")
        print(String(format: "Total before $%.6f, after $%.6f, difference %@$%.6f", report.before, report.after,
                     report.difference < 0 ? "-" : "+", abs(report.difference)))
    }

    static func parse(_ text: String) -> Date? { ValueParser.dateOnly(text) ?? Timestamps.parse(text) }
}
