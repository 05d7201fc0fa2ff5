import ArgumentParser
import Foundation

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
            return try await ModelCatalogImporter(store: app.store).importFile(at: file)
        }
        print("Imported \(report.created + report.updated) models from \(file): \(report.created) new, \(report.updated) updated, \(report.providersCreated) new providers.")
        if !report.skipped.isEmpty {
            print("Skipped \(report.skipped.count) entries that could not be used:")
            for entry in report.skipped { print("  \(entry.key): \(entry.reason)") }
        }
    }
}
