import Vapor

/// The admin web UI: sign-in pages, the dashboard, global search, and the generic screens every table
/// and view gets from its declaration.
enum AdminRoutes {
    static let formLimit: ByteCount = "64kb"
    static let uploadLimit: ByteCount = "8mb"

    /// Registers the generic screens; returns the signed-in `/admin` group for the modules' own screens.
    @discardableResult
    static func register(_ app: Application) -> any RoutesBuilder {
        let pages = app.grouped(AdminErrorMiddleware())
        pages.get("assets", "admin.css") { _ in asset(AdminStylesheet.css, type: "text/css") }
        pages.get("assets", "admin.js") { _ in asset(AdminScript.js, type: "text/javascript") }
        SignInPages.register(pages)

        let admin = pages.grouped(AdminSessionMiddleware()).grouped("admin")
        admin.get(use: Dashboard.show)
        admin.get("search", use: LookupAndSearch.search)
        admin.on(.POST, "tenant", body: .collect(maxSize: formLimit), use: LookupAndSearch.switchTenant)
        AccountScreen.register(admin)
        admin.get(":table", use: { req in
            let resource = try AdminAccess.resource(req)
            return try await AdminLayout.render(try await ListScreen.load(req, resource).render(req), req)
        })
        admin.get(":table", "new", use: FormScreen.newForm)
        admin.on(.POST, ":table", "new", body: .collect(maxSize: formLimit), use: FormScreen.create)
        admin.get(":table", "export", use: Export.view)
        admin.get(":table", "import", use: ImportScreen.form)
        admin.on(.POST, ":table", "import", body: .collect(maxSize: uploadLimit), use: ImportScreen.submit)
        admin.on(.POST, ":table", "bulk", body: .collect(maxSize: formLimit), use: RowActions.bulk)
        admin.get(":table", "lookup", use: LookupAndSearch.lookup)
        admin.get(":table", ":id", use: DetailScreen.show)
        admin.get(":table", ":id", "edit", use: FormScreen.editForm)
        admin.on(.POST, ":table", ":id", "edit", body: .collect(maxSize: formLimit), use: FormScreen.update)
        admin.get(":table", ":id", "delete", use: RowActions.confirmDelete)
        admin.on(.POST, ":table", ":id", "delete", body: .collect(maxSize: formLimit), use: RowActions.delete)
        admin.on(.POST, ":table", ":id", "restore", body: .collect(maxSize: formLimit), use: RowActions.restore)
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
