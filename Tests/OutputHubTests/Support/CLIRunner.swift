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

    /// Runs the command to its end. The wait is on a thread of its own: waiting on one of the few threads
    /// that run every test's async work (two on a 2-core machine) would hold up the other tests while the
    /// command runs.
    func run(_ arguments: [String], stdin: String? = nil, extraEnvironment: [String: String] = [:]) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try runWaiting(arguments, stdin: stdin, extraEnvironment: extraEnvironment) })
            }
        }
    }

    private func runWaiting(_ arguments: [String], stdin: String?, extraEnvironment: [String: String]) throws -> Result {
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

    /// Starts a long-running command (the server) whose output the test reads line by line as it comes, so it
    /// waits for what the command prints instead of sleeping; the caller stops it with `stop()`.
    func launch(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> RunningCommand {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return RunningCommand(process: process, outputs: [out.fileHandleForReading, err.fileHandleForReading])
    }
}

/// A running command and the lines it writes to standard output and standard error. Two threads read the two
/// streams as the command writes them (so it never blocks on a full pipe) and hand each line to `lines`.
final class RunningCommand: @unchecked Sendable {  // the mutable state is guarded by `lock`
    let process: Process
    /// Every line of either stream, in the order read; it ends when the command has closed both streams.
    let lines: AsyncStream<String>
    private let continuation: AsyncStream<String>.Continuation
    private let outputs: [FileHandle]
    private let lock = NSLock()
    private var received: [String] = []
    private var openStreams: Int

    init(process: Process, outputs: [FileHandle]) {
        self.process = process
        self.outputs = outputs
        openStreams = outputs.count
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        self.lines = lines
        self.continuation = continuation
        for index in outputs.indices {
            Thread.detachNewThread { [self] in self.pump(self.outputs[index]) }
        }
    }

    /// Everything read so far, for failure messages.
    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return received.joined(separator: "\n")
    }

    /// Reads on until a line satisfies `match` and returns it; nil when the command closes its output first (it
    /// ended) or the test is cancelled (its time limit).
    func line(where match: (String) -> Bool) async -> String? {
        for await line in lines where match(line) { return line }
        return nil
    }

    /// Stops the command (SIGTERM) and waits until it has exited.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    /// Stops the command and returns everything it wrote, once it has closed its output.
    func stopAndCollect() async -> String {
        stop()
        for await _ in lines {}
        return output
    }

    private func pump(_ handle: FileHandle) {
        var pending = Data()
        while true {
            let chunk = handle.availableData  // blocks until the command writes; empty at the end
            if chunk.isEmpty { break }
            pending.append(chunk)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                deliver(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                pending.removeSubrange(pending.startIndex...newline)
            }
        }
        if !pending.isEmpty { deliver(String(decoding: pending, as: UTF8.self)) }
        lock.lock()
        openStreams -= 1
        let finished = openStreams == 0
        lock.unlock()
        if finished { continuation.finish() }
    }

    private func deliver(_ line: String) {
        lock.lock()
        received.append(line)
        lock.unlock()
        continuation.yield(line)
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
