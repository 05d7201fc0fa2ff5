import Vapor

/// The admin web UI: sign-in pages, the dashboard, global search, and the generic screens every table
/// and view gets from its declaration.
enum AdminRoutes {
    static let formLimit: ByteCount = "64kb"
    static let uploadLimit: ByteCount = "8mb"

    /// Registers the generic screens; returns the signed-in group (routes from `AdminPath`) for the modules' own screens.
    @discardableResult
    static func register(_ app: Application) -> any RoutesBuilder {
        let pages = app.grouped(AdminErrorMiddleware())
        pages.on(.GET, AdminPath.stylesheetRoute) { _ in asset(AdminStylesheet.css, type: "text/css") }
        pages.on(.GET, AdminPath.scriptRoute) { _ in asset(AdminScript.js, type: "text/javascript") }
        SignInPages.register(pages)

        let admin = pages.grouped(AdminSessionMiddleware())
        admin.on(.GET, AdminPath.dashboardRoute, use: Dashboard.show)
        admin.on(.GET, AdminPath.searchRoute, use: LookupAndSearch.search)
        admin.on(.POST, AdminPath.switchTenantRoute, body: formLimit, use: LookupAndSearch.switchTenant)
        AccountScreen.register(admin)
        admin.on(.GET, AdminPath.listRoute) { req in
            let resource = try AdminAccess.resource(req)
            return try await AdminLayout.render(try await ListScreen.load(req, resource).render(req), req)
        }
        admin.on(.GET, AdminPath.newRoute, use: FormScreen.newForm)
        admin.on(.POST, AdminPath.newRoute, body: formLimit, use: FormScreen.create)
        admin.on(.GET, AdminPath.exportRoute, use: Export.view)
        admin.on(.GET, AdminPath.importRoute, use: ImportScreen.form)
        admin.on(.POST, AdminPath.importRoute, body: uploadLimit, use: ImportScreen.submit)
        admin.on(.POST, AdminPath.bulkRoute, body: formLimit, use: RowActions.bulk)
        admin.on(.GET, AdminPath.lookupRoute, use: LookupAndSearch.lookup)
        admin.on(.GET, AdminPath.detailRoute, use: DetailScreen.show)
        admin.on(.GET, AdminPath.editRoute, use: FormScreen.editForm)
        admin.on(.POST, AdminPath.editRoute, body: formLimit, use: FormScreen.update)
        admin.on(.GET, AdminPath.deleteRoute, use: RowActions.confirmDelete)
        admin.on(.POST, AdminPath.deleteRoute, body: formLimit, use: RowActions.delete)
        admin.on(.POST, AdminPath.restoreRoute, body: formLimit, use: RowActions.restore)
        for name in Resources.rowActionNames {
            admin.on(.POST, AdminPath.rowActionRoute(name), body: formLimit) { req in try await RowActions.perform(name, req) }
        }
        return admin
    }

    private static func asset(_ text: String, type: String) -> Response {
        let response = Response(status: .ok, body: .init(string: text))
        response.headers.replaceOrAdd(name: .contentType, value: type + "; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }
}

/// Admin requests fail with a page a person can read (and a way back), not a problem document; the
/// details of unexpected errors stay in the log.
struct AdminErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let (status, message) = Self.describe(error)
            if status.code >= 500 { request.logger.error("\(request.method) \(request.url.path) failed: \(String(reflecting: error))") }
            return try await Self.errorPage(request, status: status, message: message)
        }
    }

    static func describe(_ error: any Error) -> (HTTPResponseStatus, String) {
        switch error {
        case let admin as AdminError: return (admin.status, admin.message)
        case let problem as Problem: return (HTTPResponseStatus(statusCode: problem.status), problem.detail)
        case let abort as any AbortError: return (abort.status, abort.status == .payloadTooLarge ? "The upload is too large." : abort.reason)
        default: return (.internalServerError, "Something went wrong on the server. The error has been logged.")
        }
    }

    static func errorPage(_ req: Request, status: HTTPResponseStatus, message: String) async throws -> Response {
        let content: HTML = "<p class=\"panel\">\(message)</p><p><a href=\"\(AdminPath.root)\">Back to the dashboard</a></p>"
        if req.signedIn != nil, let page = try? await AdminLayout.render(AdminPage(title: status.reasonPhrase, content: content, status: status), req) {
            return page
        }
        let html = AdminLayout.document(title: status.reasonPhrase, body: "<main id=\"main\" class=\"auth\"><h1>\(status.reasonPhrase)</h1>\(content)</main>")
        return AdminLayout.htmlResponse(html, status: status)
    }
}
