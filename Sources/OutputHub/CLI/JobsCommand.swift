import ArgumentParser
import Foundation

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List background jobs, retry one, or run what is due and exit (for cron).",
        subcommands: [List.self, Retry.self, RunOnce.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List jobs, newest first.")

        @Option(help: "Only jobs in this state: \(JobTables.states.joined(separator: ", ")).")
        var state: String?

        @Option(help: "At most this many (default 50).")
        var limit = 50

        func validate() throws {
            if let state, !JobTables.states.contains(state) {
                throw ValidationError("--state must be one of \(JobTables.states.joined(separator: ", "))")
            }
        }

        func run() async throws {
            let (state, limit) = (self.state, self.limit)
            let jobs = try await withApplication { app in
                try await MigrationRunner(app: app).prepare()
                return try await app.hubClients.jobs(in: app.store).list(state: state, limit: limit)
            }
            guard !jobs.isEmpty else { return print(state.map { "No \($0) jobs." } ?? "No jobs.") }
            for job in jobs {
                let columns = [
                    job["id"]?.stringValue ?? "", (job["state"]?.stringValue ?? "").padding(toLength: 9, withPad: " ", startingAt: 0),
                    "\(job["attempts"]?.intValue ?? 0)/\(job["max_attempts"]?.intValue ?? 0)",
                    job["run_at"].map(ValueFormat.text) ?? "", job["kind"]?.stringValue ?? "",
                ]
                print(columns.joined(separator: "  "))
                if let error = job["last_error"]?.stringValue, job["state"]?.stringValue != "succeeded" {
                    print("    last error: \(error.prefix(300))")
                }
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a dead job (or one waiting to retry) again now, with a fresh set of attempts.")

        @Argument(help: "The job's id.")
        var id: String

        func run() async throws {
            guard let id = UUID(text: id) else { throw CLIError("\(self.id) is not a job id") }
            let retried = try await withApplication { app in
                try await MigrationRunner(app: app).prepare()
                return try await app.hubClients.jobs(in: app.store).retry(id)
            }
            guard retried else { throw CLIError("no dead or waiting job \(self.id) (a running or succeeded job is not retried)") }
            print("Queued \(self.id) again.")
        }
    }

    struct RunOnce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run-once",
            abstract: "Record due scheduled tasks, run every due job, then exit (for running jobs from cron instead of serve).")

        func run() async throws {
            let ran = try await withApplication { app in
                try await MigrationRunner(app: app).prepare()
                return try await app.jobWorker.runDue()
            }
            print(ran == 0 ? "Nothing was due." : "Ran \(ran) job\(ran == 1 ? "" : "s").")
        }
    }
}
