import Fluent
import SQLKit
import Vapor

/// `outputhub migrate up|revert|status` and the automatic migration on `serve`.
public struct MigrationRunner: Sendable {
    let app: Application

    public init(app: Application) { self.app = app }

    /// Fluent's migrator, logging each migration's start and finish ("[Migrator] Starting prepare", …) at
    /// debug instead of its default info: at the default level the one summary line of `prepare`
    /// ("Applied N migrations") is enough; `LOG_LEVEL=debug` shows them. Failures are still logged as errors.
    private var migrator: Migrator {
        Migrator(databases: app.databases, migrations: app.migrations, logger: app.logger,
                 on: app.eventLoopGroup.any(), migrationLogLevel: .debug)
    }

    /// Applies pending migrations; returns their names.
    @discardableResult
    public func up() async throws -> [String] {
        try await migrator.setupIfNeeded().get()
        let pending = try await migrator.previewPrepareBatch().get().map(\.0.name)
        try await migrator.prepareBatch().get()
        return pending
    }

    /// Reverts the last batch, or every batch with `all`; returns the reverted names.
    @discardableResult
    public func revert(all: Bool) async throws -> [String] {
        try await migrator.setupIfNeeded().get()
        if all {
            let names = try await migrator.previewRevertAllBatches().get().map(\.0.name)
            try await migrator.revertAllBatches().get()
            return names
        }
        let names = try await migrator.previewRevertLastBatch().get().map(\.0.name)
        try await migrator.revertLastBatch().get()
        return names
    }

    /// Every known migration with the batch it was applied in, or nil when pending.
    public func status() async throws -> [(name: String, batch: Int?)] {
        try await migrator.setupIfNeeded().get()
        let rows = try await app.store.sql.raw("SELECT name, batch FROM _fluent_migrations").all()
        var applied: [String: Int] = [:]
        for row in rows {
            applied[try row.decode(column: "name", as: String.self)] = try row.decode(column: "batch", as: Int.self)
        }
        return Migrations.all(engine: app.outputHub.engine).map { ($0.name, applied[$0.name]) }
    }

    /// Brings the database up to date; a new database also gets the seed documents' reference data.
    /// Returns whether it was new.
    @discardableResult
    public func prepare() async throws -> Bool {
        let fresh = try await isFresh()
        let applied = try await up()
        if !applied.isEmpty { app.logger.notice("Applied \(applied.count) migrations") }
        if fresh {
            try await Seeder(store: app.store).run()
            app.logger.notice("New database: loaded the seed documents' reference data")
        }
        return fresh
    }

    /// True when no migration has been applied yet (a new database).
    public func isFresh() async throws -> Bool {
        try await status().allSatisfy { $0.batch == nil }
    }
}
