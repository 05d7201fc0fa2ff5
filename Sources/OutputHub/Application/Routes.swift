import Vapor

/// The HTTP routes: health, the REST API and its reference page, the admin web UI.
func routes(_ app: Application) throws {
    APIRoutes.register(app)
    APIDocsPage.register(app)
    AdminRoutes.register(app)
    app.get("healthz") { req async throws -> HealthStatus in
        try await req.store.execute("SELECT 1")
        return HealthStatus(status: "ok", database: req.application.outputHub.engine.kind.rawValue)
    }
}

struct HealthStatus: Content {
    let status: String
    let database: String
}
