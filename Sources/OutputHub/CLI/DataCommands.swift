import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct SeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Load the seed documents' reference data (providers, models, task categories, skill categories, knowledge domains). Safe to run again.")

    func run() async throws {
        let report = try await withApplication { app in
            try await MigrationRunner(app: app).up()
            return try await Seeder(store: app.store).run()
        }
        let total = report.reduce(0) { $0 + $1.inserted }
        print(total == 0 ? "Reference data already present: nothing changed." : "Loaded \(total) reference rows:")
        for entry in report where entry.inserted > 0 { print("  \(entry.table): \(entry.inserted)") }
    }
}

struct ImportModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-models",
        abstract: "Import a model price catalog in LiteLLM's JSON format (model_prices_and_context_window.json).")

    @Argument(help: "Path of the catalog file.")
    var file: String

    func run() async throws {
        let file = self.file
        guard FileManager.default.isReadableFile(atPath: file) else { throw CLIError("cannot read \(file)") }
        let report = try await withApplication { app in
            try await MigrationRunner(app: app).prepare()
            let report = try await ModelCatalogImporter(store: app.store, clients: app.hubClients).importFile(at: file)
            try await app.store.maintain()
            return report
        }
        print("Imported \(report.created + report.updated) models from \(file): \(report.created) new, \(report.updated) updated, \(report.providersCreated) new providers, \(report.pricesAdded) new dated prices.")
        if !report.skipped.isEmpty {
            print("Skipped \(report.skipped.count) entries that could not be used:")
            for entry in report.skipped { print("  \(entry.key): \(entry.reason)") }
        }
    }
}

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Fill a tenant with realistic, deterministic demo data (N=100000 gives about 100k prompts and outputs).")

    @Option(help: "Size of the data set: prompts and outputs; other tables scale with it.")
    var scale: Int

    @Option(help: "Slug of the tenant to fill; created, with a demo owner, when missing.")
    var tenant = "demo"

    func run() async throws {
        let (scale, slug) = (self.scale, tenant)
        guard scale >= 1 else { throw CLIError("--scale must be at least 1") }
        let counts = try await withApplication { app in
            try await MigrationRunner(app: app).prepare()
            let store = app.store
            let tenants = TenantService(store: store)
            var tenantRow = try await tenants.tenant(slug: slug)
            if tenantRow == nil { tenantRow = try await tenants.createTenant(slug: slug, name: slug.capitalized) }
            let tenantID = tenantRow!["id"]!.uuidValue!
            let users = IdentityTables.users
            let email = "demo@\(slug).example"
            var user = try await store.select(users, where: ["email": .string(email)], limit: 1).first
            if user == nil {
                user = try await store.transaction { tx in
                    let row = try await tx.insert(users, ["email": .string(email), "full_name": .string("Demo Owner")])
                    try await tx.insert(IdentityTables.tenantMemberships, ["tenant_id": .uuid(tenantID), "user_id": row["id"]!, "role": .string("owner")])
                    return row
                }
            }
            let bar = ProgressBar()
            let generator = DemoDataGenerator(store: store) { done, total, step in bar.update(done: done, total: total, step: step) }
            let counts = try await generator.generate(scale: scale, tenantID: tenantID, userID: user!["id"]!.uuidValue!)
            // The votes went in beside the feedback rules: a full rollup counts them, as the daily one would.
            _ = try await PerformanceRollup(store: store, clients: app.hubClients).run(since: nil)
            try await store.maintain()
            bar.finish()
            return counts
        }
        print("Generated demo data in '\(slug)':")
        for (table, count) in counts { print("  \(table): \(count)") }
    }
}

/// A one-line progress bar on a terminal; silent when output goes elsewhere.
final class ProgressBar: @unchecked Sendable {
    private let enabled = isatty(STDOUT_FILENO) != 0
    private let lock = NSLock()
    private var lastPercent = -1

    func update(done: Int, total: Int, step: String) {
        guard enabled else { return }
        lock.withLock {
            let percent = total == 0 ? 100 : min(100, done * 100 / total)
            guard percent != lastPercent else { return }
            lastPercent = percent
            let filled = percent * 30 / 100
            let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: "-", count: 30 - filled) + "] \(percent)% \(step)"
            FileHandle.standardOutput.write(Data((line.padding(toLength: 70, withPad: " ", startingAt: 0)).utf8))
        }
    }

    /// A line of its own above the bar (or plain output without a terminal).
    func say(_ line: String) {
        guard enabled else { print(line); return }
        lock.withLock {
            FileHandle.standardOutput.write(Data(("\r" + line.padding(toLength: max(70, line.count), withPad: " ", startingAt: 0) + "\n").utf8))
            lastPercent = -1
        }
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}
