import Foundation
import Logging
@testable import OutputHub
import SQLKit
import Vapor

/// Fresh, migrated databases for tests: migrate once per run into a template, then copy it per test (an
/// SQLite file copy, or PostgreSQL's `CREATE DATABASE … TEMPLATE`). The engine is SQLite unless
/// `OUTPUTHUB_TEST_POSTGRES_URL` names a PostgreSQL server (the test script starts one).
actor TestDatabase {
    static let shared = TestDatabase()

    /// The PostgreSQL server to test against, if any.
    nonisolated static let postgresURL = ProcessInfo.processInfo.environment["OUTPUTHUB_TEST_POSTGRES_URL"]
    nonisolated static var engineKind: EngineKind { postgresURL == nil ? .sqlite : .postgres }

    private let root = FileManager.default.temporaryDirectory.appendingPathComponent("outputhub-tests-\(getpid())")
    private var template: Task<String, any Error>?
    private var admin: Task<Application, any Error>?

    /// Settings for a new database holding every migration and nothing else.
    func freshDatabase() async throws -> Settings {
        let templateName = try await templateDatabase()
        let name = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        if let url = Self.postgresURL {
            try await adminStore().execute("CREATE DATABASE \(name) TEMPLATE \(templateName)")
            return Settings(database: .postgres(url: Self.replacingDatabase(in: url, with: String(name))),
                            dataDirectory: root.appendingPathComponent(String(name)).path, logLevel: .warning)
        }
        let directory = root.appendingPathComponent(String(name))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("outputhub.sqlite").path
        try FileManager.default.copyItem(atPath: templateName, toPath: path)
        return Settings(database: .sqlite(path: path), dataDirectory: directory.path, logLevel: .warning)
    }

    /// Removes a database made by `freshDatabase()`.
    func drop(_ settings: Settings) async {
        switch settings.database {
        case .sqlite:
            try? FileManager.default.removeItem(atPath: settings.dataDirectory)
        case .postgres(let url):
            // Each test database has its own data directory (its master key file lives there).
            try? FileManager.default.removeItem(atPath: settings.dataDirectory)
            guard let name = URL(string: url)?.lastPathComponent else { return }
            try? await adminStore().execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    /// Settings for an empty database with no migrations applied.
    func emptyDatabase() async throws -> Settings {
        let name = "e" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        if let url = Self.postgresURL {
            try await adminStore().execute("CREATE DATABASE \(name)")
            return Settings(database: .postgres(url: Self.replacingDatabase(in: url, with: String(name))),
                            dataDirectory: root.appendingPathComponent(String(name)).path, logLevel: .warning)
        }
        let directory = root.appendingPathComponent(String(name))
        return Settings(database: .sqlite(path: directory.appendingPathComponent("outputhub.sqlite").path), dataDirectory: directory.path, logLevel: .warning)
    }

    private func templateDatabase() async throws -> String {
        if let template { return try await template.value }
        let task = Task { try await self.makeTemplate() }
        template = task
        return try await task.value
    }

    private func makeTemplate() async throws -> String {
        let settings: Settings
        let result: String
        if let url = Self.postgresURL {
            let name = "template_\(getpid())"
            try await adminStore().execute("CREATE DATABASE \(name)")
            settings = Settings(database: .postgres(url: Self.replacingDatabase(in: url, with: name)), dataDirectory: root.path, logLevel: .warning)
            result = name
        } else {
            let directory = root.appendingPathComponent("template")
            settings = Settings(database: .sqlite(path: directory.appendingPathComponent("outputhub.sqlite").path), dataDirectory: directory.path, logLevel: .warning)
            result = directory.appendingPathComponent("outputhub.sqlite").path
        }
        let app = try await buildApplication(settings: settings, environment: .testing)
        do {
            try await MigrationRunner(app: app).up()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        // Closing the last SQLite connection checkpoints the WAL into the main file, which is then all there is to copy.
        try await app.asyncShutdown()
        return result
    }

    /// A connection to the PostgreSQL server's maintenance database, for creating and dropping databases.
    /// Kept for the whole run (one task, so concurrent callers share one application).
    private func adminStore() async throws -> Store {
        if let admin { return try await admin.value.store }
        guard let url = Self.postgresURL else { preconditionFailure("no PostgreSQL server configured") }
        let settings = Settings(database: .postgres(url: url), dataDirectory: root.path, logLevel: .warning)
        let task = Task { try await buildApplication(settings: settings, environment: .testing) }
        admin = task
        return try await task.value.store
    }

    private static func replacingDatabase(in url: String, with name: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.path = "/" + name
        return components.string ?? url
    }
}

/// Runs `body` with an application on a fresh, migrated database, then shuts it down and drops the database.
func withApp<T>(seeded: Bool = false, clients: HubClients = .live, _ body: (Application) async throws -> T) async throws -> T {
    await TestGate.shared.enter()
    do {
        let settings = try await TestDatabase.shared.freshDatabase()
        let result = try await withApp(settings: settings, seeded: seeded, clients: clients, body)
        await TestGate.shared.leave()
        return result
    } catch {
        await TestGate.shared.leave()
        throw error
    }
}

/// Runs `body` with an application on the given database settings, then shuts it down and drops the database.
func withApp<T>(settings: Settings, seeded: Bool = false, clients: HubClients = .live, _ body: (Application) async throws -> T) async throws -> T {
    let app = try await buildApplication(settings: settings, clients: clients, environment: .testing)
    do {
        if seeded { try await Seeder(store: app.store).run() }
        let result = try await body(app)
        try await app.asyncShutdown()
        await TestDatabase.shared.drop(settings)
        return result
    } catch {
        try? await app.asyncShutdown()
        await TestDatabase.shared.drop(settings)
        throw error
    }
}

/// Lets a few tests hold a database at a time, so a parallel run does not queue hundreds of database
/// creations behind each other (and time out) on a two-core machine.
actor TestGate {
    static let shared = TestGate(limit: 4)

    private let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
