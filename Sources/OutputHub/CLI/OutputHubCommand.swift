@_exported import ArgumentParser
import Foundation
import Logging
import Vapor

/// The `outputhub` command line.
public struct OutputHubCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "outputhub",
        abstract: "Output Hub: one place to keep and run prompts, models, outputs, knowledge and chatbots.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, SeedCommand.self, ImportModelsCommand.self, RecostCommand.self, RollupCommand.self, EvalRoutingCommand.self, TenantCommand.self,
            UserCommand.self, APIKeyCommand.self, GenerateCommand.self, RotateKeyCommand.self, JobsCommand.self,
            PromptsCommand.self, IngestCommand.self, Dev.self,
        ]
    )

    public init() {}
}

/// A failure the CLI reports as one line on stderr with a non-zero exit.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Builds the application from `settings`, or from the environment (plus flags) when nil, runs `body`, and
/// shuts it down.
func withApplication<T: Sendable>(
    settings given: Settings? = nil, hostname: String? = nil, port: Int? = nil, arguments: [String] = ["outputhub"],
    quiet: Bool = true, _ body: @Sendable (Application) async throws -> T
) async throws -> T {
    var settings: Settings
    do {
        settings = try given ?? Settings.load(hostname: hostname, port: port)
    } catch {
        throw CLIError(describe(error))
    }
    // One-shot commands print their own result; the log only speaks up for problems unless LOG_LEVEL says otherwise.
    if quiet && ProcessInfo.processInfo.environment["LOG_LEVEL"] == nil { settings.logLevel = .warning }
    let level = settings.logLevel
    LoggingSystem.bootstrap { label in
        var handler = RedactingLogHandler(wrapping: StreamLogHandler.standardError(label: label))
        handler.logLevel = level
        return handler
    }
    let app: Application
    do {
        app = try await buildApplication(settings: settings, environment: Environment(name: "production", arguments: arguments))
    } catch {
        throw CLIError(describe(error))
    }
    do {
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        if error is CLIError || error is ExitCode { throw error }
        throw CLIError(describe(error))
    }
}
