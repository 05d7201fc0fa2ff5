import ArgumentParser

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply, revert or list database migrations.",
        subcommands: [Up.self, Revert.self, Status.self],
        defaultSubcommand: Up.self)

    struct Up: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Apply every pending migration.")

        func run() async throws {
            let applied = try await withApplication { try await MigrationRunner(app: $0).up() }
            print(applied.isEmpty ? "Nothing to migrate: the database is up to date." : "Applied \(applied.count) migrations:")
            applied.forEach { print("  \($0)") }
        }
    }

    struct Revert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revert the last batch of migrations (or all with --all).")

        @Flag(help: "Revert every batch, leaving an empty database.")
        var all = false

        func run() async throws {
            let all = self.all
            let reverted = try await withApplication { try await MigrationRunner(app: $0).revert(all: all) }
            print(reverted.isEmpty ? "Nothing to revert." : "Reverted \(reverted.count) migrations:")
            reverted.forEach { print("  \($0)") }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List migrations and whether each is applied.")

        func run() async throws {
            let status = try await withApplication { try await MigrationRunner(app: $0).status() }
            for entry in status {
                let state = entry.batch.map { "applied (batch \($0))" } ?? "pending"
                print(state.padding(toLength: 20, withPad: " ", startingAt: 0) + entry.name)
            }
            let pending = status.filter { $0.batch == nil }.count
            print(pending == 0 ? "Up to date." : "\(pending) pending.")
        }
    }
}
