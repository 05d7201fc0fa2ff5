import Foundation
@testable import OutputHub

/// Runs the built `outputhub` executable the way a person would, against a given database.
struct CLIRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let environment: [String: String]

    /// An environment pointing the CLI at the database of `settings`.
    init(settings: Settings) {
        var environment = ProcessInfo.processInfo.environment
        environment["LOG_LEVEL"] = nil
        environment["OUTPUTHUB_DATA_DIR"] = settings.dataDirectory
        switch settings.database {
        case .sqlite:
            environment["DATABASE_URL"] = nil
        case .postgres(let url):
            environment["DATABASE_URL"] = url
        }
        self.environment = environment
    }

    /// The executable beside the test bundle (`swift build --build-tests` builds both).
    static let executable: URL = {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundleDirectory, URL(fileURLWithPath: ".build/debug")].map { $0.appendingPathComponent("outputhub") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }()

    func run(_ arguments: [String], stdin: String? = nil, extraEnvironment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    /// Starts a long-running command (the server); the caller terminates it.
    func start(_ arguments: [String], logTo log: URL, extraEnvironment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }
}

/// Runs `body` with a CLI pointed at a new, empty database, and drops the database afterwards.
func withCLI<T>(_ body: (CLIRunner, Settings) async throws -> T) async throws -> T {
    let settings = try await TestDatabase.shared.emptyDatabase()
    do {
        let result = try await body(CLIRunner(settings: settings), settings)
        await TestDatabase.shared.drop(settings)
        return result
    } catch {
        await TestDatabase.shared.drop(settings)
        throw error
    }
}
