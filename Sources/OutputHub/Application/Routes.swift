import Vapor

/// The HTTP routes: health, the REST API and its reference page, the admin web UI, then each module's own.
func routes(_ app: Application) throws {
    let api = APIRoutes.register(app)
    APIDocsPage.register(app)
    let admin = AdminRoutes.register(app)
    let moduleRoutes = ModuleRoutes(root: app, api: api, admin: admin)
    for module in Modules.all { module.registerRoutes(moduleRoutes) }
    app.on(.GET, APIPath.healthRoute) { req async throws -> HealthStatus in
        try await req.store.execute("SELECT 1")
        return HealthStatus(status: "ok", database: req.application.outputHub.engine.kind.rawValue)
    }
}

struct HealthStatus: Content {
    let status: String
    let database: String
}
