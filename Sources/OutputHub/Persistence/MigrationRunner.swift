import Fluent
import SQLKit
import Vapor

/// `outputhub migrate up|revert|status` and the automatic migration on `serve`.
public struct MigrationRunner: Sendable {
    let app: Application

    public init(app: Application) { self.app = app }

    /// Applies pending migrations; returns their names.
    @discardableResult
    public func up() async throws -> [String] {
        try await app.migrator.setupIfNeeded().get()
        let pending = try await app.migrator.previewPrepareBatch().get().map(\.0.name)
        try await app.migrator.prepareBatch().get()
        return pending
    }

    /// Reverts the last batch, or every batch with `all`; returns the reverted names.
    @discardableResult
    public func revert(all: Bool) async throws -> [String] {
        try await app.migrator.setupIfNeeded().get()
        if all {
            let names = try await app.migrator.previewRevertAllBatches().get().map(\.0.name)
            try await app.migrator.revertAllBatches().get()
            return names
        }
        let names = try await app.migrator.previewRevertLastBatch().get().map(\.0.name)
        try await app.migrator.revertLastBatch().get()
        return names
    }

    /// Every known migration with the batch it was applied in, or nil when pending.
    public func status() async throws -> [(name: String, batch: Int?)] {
        try await app.migrator.setupIfNeeded().get()
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
