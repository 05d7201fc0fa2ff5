import Foundation
import Vapor

/// One admin screen: what the layout needs around its content.
struct AdminPage {
    var title: String
    /// Links above the title, from the dashboard down; the last has no link.
    var crumbs: [(label: String, href: String?)] = []
    /// The table highlighted in the sidebar.
    var table: String?
    var content: HTML
    var status: HTTPResponseStatus = .ok
}

/// The page frame: header with search, tenant switcher and sign-out; the sidebar of tables grouped by
/// module; breadcrumbs; a one-time notice from the previous action.
enum AdminLayout {
    static let flashCookie = "outputhub_flash"

    static func render(_ page: AdminPage, _ req: Request) async throws -> Response {
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        let tenants = try await SessionService(store: req.store, clients: req.hubClients).memberships(of: session.userID)
        let flash: Flash? = req.cookies[flashCookie].flatMap { Flash(cookie: $0.string) }
        let html = document(title: page.title, body: """
            <a class="skip" href="#main">Skip to content</a>
            \(header(session, tenants: tenants))
            <div class="shell">\(sidebar(active: page.table, actor: session.actor))
            <main id="main">\(crumbs(page.crumbs))\(flash.map(\.html) ?? .empty)
            <h1>\(page.title)</h1>
            \(page.content)</main></div>
            """)
        let response = htmlResponse(html, status: page.status)
        if flash != nil { response.cookies[flashCookie] = .expired }
        return response
    }

    /// A complete HTML document around `body`.
    static func document(title: String, body: HTML) -> HTML {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <title>\(title) · Output Hub</title>
        <link rel="stylesheet" href="\(AdminPath.stylesheet)"><script src="\(AdminPath.script)" defer></script>
        </head><body>\(body)</body></html>
        """
    }

    static func htmlResponse(_ html: HTML, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: html.raw))
        response.headers.contentType = .html
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    /// A hidden input carrying the session's CSRF token; every POST form includes it.
    static func csrfField(_ req: Request) -> HTML {
        "<input type=\"hidden\" name=\"_csrf\" value=\"\(req.signedIn?.csrfToken ?? "")\">"
    }

    private static func header(_ session: SessionService.SignedIn, tenants: [SessionService.Membership]) -> HTML {
        let token = session.csrfToken
        let options = tenants.map { t in
            HTML("<option value=\"\(t.id.lowercaseText)\"\(HTML.attribute("selected", t.id == session.tenantID))>\(t.name)</option>")
        }
        let switcher: HTML = tenants.count > 1 ? """
            <form class="tenant" method="post" action="\(AdminPath.switchTenant)"><input type="hidden" name="_csrf" value="\(token)">
            <label for="tenant-switch" class="visually-hidden">Tenant</label>
            <select id="tenant-switch" name="tenant_id" data-autosubmit>\(options)</select>
            <button type="submit">Switch</button></form>
            """ : "<span class=\"tenant-name\" title=\"Tenant\">\(session.tenantName)</span>"
        return """
            <header class="topbar">
            <button class="menu-toggle" type="button" aria-controls="sidebar" aria-expanded="false">Menu</button>
            <a class="brand" href="\(AdminPath.root)">Output Hub</a>
            <form class="search" role="search" action="\(AdminPath.search)" method="get">
            <label for="global-search" class="visually-hidden">Search everything</label>
            <input id="global-search" type="search" name="q" placeholder="Search (press /)"></form>
            \(switcher)
            <a class="user" href="\(AdminPath.account)">\(session.fullName ?? session.email) · \(session.role)</a>
            <form method="post" action="\(AdminPath.logout)"><input type="hidden" name="_csrf" value="\(token)">
            <button type="submit">Sign out</button></form>
            </header>
            """
    }

    private static func sidebar(active: String?, actor: Actor) -> HTML {
        var html: HTML = "<nav id=\"sidebar\" class=\"sidebar\" aria-label=\"Tables\"><ul><li><a href=\"\(AdminPath.root)\"\(HTML.attribute("aria-current=\"page\"", active == nil))>Dashboard</a></li></ul>"
        for module in Modules.all {
            let resources = Resources.all.filter { $0.module == module.area && actor.may(Permissions.readScope($0)) }
            let links = module.adminLinks.filter { actor.may($0.scope) }
            guard !resources.isEmpty || !links.isEmpty else { continue }
            html += "<h2>\(module.area.rawValue)</h2><ul>"
            for link in links {
                html += "<li><a href=\"\(link.path)\"\(HTML.attribute("aria-current=\"page\"", link.path == active))>\(link.label)</a></li>"
            }
            for resource in resources {
                html += "<li><a href=\"\(AdminPath.list(resource.name))\"\(HTML.attribute("aria-current=\"page\"", resource.name == active))>\(resource.label)</a></li>"
            }
            html += "</ul>"
        }
        return html + "</nav>"
    }

    private static func crumbs(_ items: [(label: String, href: String?)]) -> HTML {
        guard !items.isEmpty else { return .empty }
        let all = [(label: "Dashboard", href: Optional(AdminPath.root))] + items
        let parts = all.map { item -> HTML in
            if let href = item.href { return "<li><a href=\"\(href)\">\(item.label)</a></li>" }
            return "<li aria-current=\"page\">\(item.label)</li>"
        }
        return "<nav class=\"crumbs\" aria-label=\"Breadcrumb\"><ol>\(parts)</ol></nav>"
    }
}

/// A one-line notice carried to the next page in a short-lived cookie ("Prompt created").
struct Flash {
    let ok: Bool
    let message: String

    init(ok: Bool = true, _ message: String) {
        self.ok = ok
        self.message = message
    }

    init?(cookie: String) {
        guard let decoded = cookie.removingPercentEncoding, decoded.count > 2 else { return nil }
        ok = decoded.hasPrefix("1")
        message = String(decoded.dropFirst(2))
    }

    var cookieValue: HTTPCookies.Value {
        HTTPCookies.Value(string: AdminPath.encode((ok ? "1|" : "0|") + message), maxAge: 60, path: "/", isHTTPOnly: true, sameSite: .lax)
    }

    var html: HTML { "<p class=\"flash \(ok ? "ok" : "bad")\" role=\"status\">\(message)</p>" }
}

extension Request {
    /// A 303 redirect after a POST, with a notice for the next page.
    func redirect(to path: String, flash: Flash?) -> Response {
        let response = redirect(to: path, redirectType: .normal)
        if let flash { response.cookies[AdminLayout.flashCookie] = flash.cookieValue }
        return response
    }
}
