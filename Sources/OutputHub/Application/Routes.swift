import Vapor

/// The HTTP routes. The API and admin UI register here as they arrive.
func routes(_ app: Application) throws {
    app.get("healthz") { req async throws -> HealthStatus in
        try await req.store.execute("SELECT 1")
        return HealthStatus(status: "ok", database: req.application.outputHub.engine.kind.rawValue)
    }
}

struct HealthStatus: Content {
    let status: String
    let database: String
}
