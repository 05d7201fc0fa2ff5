import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Builds the whole application from settings and the clients its code may use for side effects, without
/// opening a port: the server, the CLI and the tests all start here.
public func buildApplication(settings: Settings, clients: HubClients = .live, environment: Environment = .production) async throws -> Application {
    let app = try await Application.make(environment)
    do {
        app.logger.logLevel = settings.logLevel
        try Modules.validate()
        let engine = try configureDatabase(app, settings: settings)
        app.migrations.add(Migrations.all(engine: engine))
        var clients = clients
        if clients.files == nil {
            clients.files = LocalFileStorage(root: URL(fileURLWithPath: settings.dataDirectory).appendingPathComponent("files"))
        }
        app.outputHub = OutputHubContext(settings: settings, engine: engine, secrets: SecretBox(key: try SecretBox.masterKey(settings: settings)),
                                         clients: clients)
        app.firstAdminSetup = FirstAdminSetup()
        let worker = JobWorker(store: app.backgroundStore, clients: clients, logger: app.logger, jobs: Modules.jobs, tasks: Modules.scheduledTasks)
        app.jobWorker = worker
        app.lifecycle.use(JobWorkerLifecycle(worker: worker))  // after the database's handler, so it stops before the database closes
        let generationLog = GenerationLog(store: app.store, clients: clients, logger: app.logger)
        app.generationLog = generationLog
        app.lifecycle.use(GenerationLogLifecycle(log: generationLog))  // before the in-flight requests' handler, so it writes after they end
        let useCounts = UseCounts(store: app.store, logger: app.logger)
        app.useCounts = useCounts
        app.lifecycle.use(OnShutdown(run: useCounts.flush))  // likewise
        app.rateLimiter = RateLimiter(perMinute: settings.apiRateLimit, clock: clients.clock.now)
        app.http.server.configuration.hostname = settings.hostname
        app.http.server.configuration.port = settings.port
        // Every error becomes a problem response; Vapor's own error middleware is replaced.
        app.middleware = Middlewares()
        let inFlight = InFlightRequests()
        app.middleware.use(inFlight)
        app.lifecycle.use(inFlight)  // after the database's handler, so it stops first
        app.middleware.use(SecurityHeadersMiddleware())
        app.middleware.use(ProblemMiddleware())
        try routes(app)
        for module in Modules.all { module.configure(app) }
        if case .sqlite = settings.database {
            try await app.store.execute("PRAGMA journal_mode = WAL")
            // Each event loop has one SQLite connection (fluent-sqlite-driver), kept open: in WAL mode NORMAL
            // syncs at checkpoints instead of on every commit. A process crash loses nothing; a power cut may
            // lose the last commits, never the database's consistency (https://sqlite.org/pragma.html#pragma_synchronous).
            // Reads map the file (up to 1 GiB) instead of copying pages through read calls: full-text ranking at
            // 100,000 chunks otherwise spends a fifth of its time in pread, its pages missing the 2 MiB page cache.
            for loop in app.eventLoopGroup.makeIterator() {
                for id in [DatabaseID.sqlite, .sqliteBackground] {
                    guard let sql = app.databases.database(id, logger: app.logger, on: loop) as? any SQLDatabase else { continue }
                    for pragma in ["synchronous = NORMAL", "mmap_size = 1073741824"] {
                        try await sql.raw("PRAGMA \(unsafeRaw: pragma)").run()
                    }
                }
            }
        }
        return app
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

/// Registers the database for the configured engine and returns that engine.
private func configureDatabase(_ app: Application, settings: Settings) throws -> any DatabaseEngine {
    switch settings.database {
    case .sqlite(let path):
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw SettingsError("cannot create the data directory \(directory): \(error.localizedDescription)")
            }
        }
        // Its own blocking pool, set before the database so that its connections run their statements there:
        // the process-wide pool is shared with other applications in the process (tests) and could be
        // filled by their waits.
        app.threadPool = NIOThreadPool(numberOfThreads: 4)
        FullTextRanking.installOnEveryConnection()
        var configuration = SQLiteConfiguration(storage: .file(path: path))
        configuration.enableForeignKeys = true
        app.databases.use(.sqlite(configuration, sqlLogLevel: .trace), as: .sqlite)
        app.databases.use(.sqlite(configuration, sqlLogLevel: .trace), as: .sqliteBackground)
        let reader = SQLiteReader(path: path, threadPool: app.threadPool, eventLoops: app.eventLoopGroup)
        app.lifecycle.use(OnShutdown(run: reader.close))  // before the later handlers, so it closes after they stop
        return SQLiteEngine(writeGate: WriteGate(), reader: reader)
    case .postgres(let url):
        let configuration: SQLPostgresConfiguration
        do {
            configuration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw SettingsError("DATABASE_URL could not be read as a PostgreSQL URL")
        }
        app.databases.use(.postgres(configuration: configuration, sqlLogLevel: .trace), as: .psql)
        app.databases.use(.postgres(configuration: configuration, sqlLogLevel: .trace), as: .psqlBackground)
        return PostgresEngine()
    }
}

/// What every part of Output Hub needs from the running application.
public struct OutputHubContext: Sendable {
    public let settings: Settings
    public let engine: any DatabaseEngine
    public let secrets: SecretBox
    public let clients: HubClients
}

extension Application {
    private struct ContextKey: StorageKey { typealias Value = OutputHubContext }

    public var outputHub: OutputHubContext {
        get { built(ContextKey.self) }
        set { storage[ContextKey.self] = newValue }
    }

    /// A value `buildApplication(settings:)` stored; its absence is a programming error.
    func built<Key: StorageKey>(_ key: Key.Type) -> Key.Value {
        guard let value = storage[key] else { fatalError("buildApplication(settings:) has not run") }
        return value
    }

    /// The clients `buildApplication(settings:clients:)` was given (file storage resolved).
    public var hubClients: HubClients { outputHub.clients }

    /// The database through Output Hub's engine-aware store.
    public var store: Store {
        Store(sql: db as! any SQLDatabase, engine: outputHub.engine, secrets: outputHub.secrets)
    }

    /// The same database through connections of their own, for background work (jobs, scheduled tasks).
    /// Each event loop has one connection per database (both drivers' pools, and fluent-sqlite-driver
    /// allows no more), and a request waits for its loop's: a rollup's long transaction on a request
    /// connection would hold up every request on that loop until it ends.
    public var backgroundStore: Store {
        let id: DatabaseID = outputHub.engine.kind == .sqlite ? .sqliteBackground : .psqlBackground
        return Store(sql: db(id) as! any SQLDatabase, engine: outputHub.engine, secrets: outputHub.secrets)
    }
}

extension Request {
    private struct StoreKey: StorageKey { typealias Value = Store }

    public var hubClients: HubClients { application.outputHub.clients }

    /// The database through Output Hub's store, made once per request (authentication and the handler share it).
    public var store: Store {
        if let store = storage[StoreKey.self] { return store }
        let store = Store(sql: db as! any SQLDatabase, engine: application.outputHub.engine, secrets: application.outputHub.secrets)
        storage[StoreKey.self] = store
        return store
    }
}

extension DatabaseID {
    /// The background work's connections (`Application.backgroundStore`).
    static let sqliteBackground = DatabaseID(string: "sqlite-background")
    static let psqlBackground = DatabaseID(string: "psql-background")
}
