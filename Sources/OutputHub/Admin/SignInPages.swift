import Foundation
import Vapor

/// `/login`, `/logout` and the one-time `/setup` of the first administrator.
enum SignInPages {
    /// Pre-session forms use a double-submit token: a random cookie the form must repeat.
    static let formCookie = "outputhub_form"

    static func register(_ app: any RoutesBuilder) {
        app.on(.GET, AdminPath.loginRoute, use: loginForm)
        app.on(.POST, AdminPath.loginRoute, body: AdminRoutes.formLimit, use: login)
        app.grouped(AdminSessionMiddleware()).on(.POST, AdminPath.logoutRoute, body: AdminRoutes.formLimit, use: logout)
        app.on(.GET, AdminPath.setupRoute, use: setupForm)
        app.on(.POST, AdminPath.setupRoute, body: AdminRoutes.formLimit, use: setup)
        app.get { req in req.redirect(to: AdminPath.root) }
    }

    // MARK: Sign in

    static func loginForm(_ req: Request) async throws -> Response {
        page(req, title: "Sign in", form: loginFields(email: "", next: req.query[String.self, at: "next"], error: nil))
    }

    static func login(_ req: Request) async throws -> Response {
        let fields = try checkedForm(req)
        let email = fields.first("email") ?? "", next = fields.first("next")
        let address = req.remoteAddress?.ipAddress
        let throttle = SignInThrottle(store: req.store, clients: req.hubClients)
        if let wait = try await throttle.attempt(email: email, address: address) {
            let minutes = max(1, Int((wait / 60).rounded(.up)))
            let message = "Too many failed sign-ins. Try again in \(minutes) minute\(minutes == 1 ? "" : "s")."
            return page(req, title: "Sign in", form: loginFields(email: email, next: next, error: message), status: .tooManyRequests)
        }
        do {
            let token = try await SessionService(store: req.store, clients: req.hubClients).signIn(
                email: email, password: fields.first("password") ?? "",
                userAgent: req.headers.first(name: .userAgent), address: req.remoteAddress?.ipAddress)
            try await throttle.succeeded(email: email, address: address)
            let response = req.redirect(to: safeNext(next), redirectType: .normal)
            response.cookies[SessionService.cookieName] = sessionCookie(token, secure: req.isSecure)
            response.cookies[formCookie] = .expired
            return response
        } catch let error as SessionService.SignInError {
            if error == .noTenant { try await throttle.succeeded(email: email, address: address) }  // the password was right
            let message = error == .noTenant ? "This account does not belong to any tenant yet." : "The email or password is not right."
            return page(req, title: "Sign in", form: loginFields(email: email, next: next, error: message), status: .unauthorized)
        }
    }

    static func logout(_ req: Request) async throws -> Response {
        _ = try req.adminForm()
        if let token = req.cookies[SessionService.cookieName]?.string {
            try await SessionService(store: req.store, clients: req.hubClients).end(token: token, address: req.remoteAddress?.ipAddress)
        }
        let response = req.redirect(to: AdminPath.login, redirectType: .normal)
        response.cookies[SessionService.cookieName] = .expired
        return response
    }

    private static func loginFields(email: String, next: String?, error: String?) -> HTML {
        """
        \(error.map { HTML("<p class=\"flash bad\" role=\"alert\">\($0)</p>") } ?? .empty)
        <form method="post" action="\(AdminPath.login)" class="form">
        <input type="hidden" name="next" value="\(next ?? "")">
        <div class="field"><label class="field-label" for="email">Email</label>
        <input id="email" type="email" name="email" value="\(email)" autocomplete="username" required autofocus></div>
        <div class="field"><label class="field-label" for="password">Password</label>
        <input id="password" type="password" name="password" autocomplete="current-password" required></div>
        <button class="primary" type="submit">Sign in</button></form>
        """
    }

    /// Only a path on this server; anything else goes to the dashboard.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return AdminPath.root }
        return next
    }

    // MARK: First administrator

    static func setupForm(_ req: Request) async throws -> Response {
        let token = req.query[String.self, at: "token"]
        guard req.application.firstAdminSetup.accepts(token) else { throw AdminError.notFound("This setup link is not valid or has been used.") }
        return page(req, title: "Set up Output Hub", form: setupFields(token: token ?? "", values: [:], errors: [:]))
    }

    static func setup(_ req: Request) async throws -> Response {
        let fields = try checkedForm(req)
        let token = fields.first("token")
        guard req.application.firstAdminSetup.accepts(token) else { throw AdminError.notFound("This setup link is not valid or has been used.") }
        let form = FirstAdminSetup.Form(
            tenantName: fields.first("tenant_name") ?? "", tenantSlug: fields.first("tenant_slug") ?? "",
            fullName: fields.first("full_name") ?? "", email: fields.first("email") ?? "", password: fields.first("password") ?? "")
        let errors = try await req.application.firstAdminSetup.complete(form, store: req.store)
        guard errors.isEmpty else {
            let values = ["tenant_name": form.tenantName, "tenant_slug": form.tenantSlug, "full_name": form.fullName, "email": form.email]
            return page(req, title: "Set up Output Hub", form: setupFields(token: token ?? "", values: values, errors: errors), status: .unprocessableEntity)
        }
        let session = try await SessionService(store: req.store, clients: req.hubClients).signIn(
            email: form.email, password: form.password, userAgent: req.headers.first(name: .userAgent), address: req.remoteAddress?.ipAddress)
        let response = req.redirect(to: AdminPath.root, flash: Flash("Welcome. You are the administrator of this Output Hub."))
        response.cookies[SessionService.cookieName] = sessionCookie(session, secure: req.isSecure)
        return response
    }

    private static func setupFields(token: String, values: [String: String], errors: [String: String]) -> HTML {
        func field(_ name: String, _ label: String, type: String = "text", hint: String? = nil) -> HTML {
            let error = errors[name]
            return """
                <div class="field\(error == nil ? "" : " invalid")"><label class="field-label" for="\(name)">\(label) <span class="required" aria-hidden="true">*</span></label>
                <input id="\(name)" type="\(type)" name="\(name)" value="\(type == "password" ? "" : values[name] ?? "")" required\(HTML.when(error != nil, " aria-invalid=\"true\" aria-describedby=\"\(name)-error\""))>
                \(hint.map { HTML("<p class=\"hint\">\($0)</p>") } ?? .empty)\(error.map { HTML("<p class=\"error\" id=\"\(name)-error\">\($0)</p>") } ?? .empty)</div>
                """
        }
        return """
            <p>Create the first tenant and your administrator account. This link works once.</p>
            <form method="post" action="\(AdminPath.setup)" class="form"><input type="hidden" name="token" value="\(token)">
            \(field("tenant_name", "Tenant name"))\(field("tenant_slug", "Tenant slug", hint: "Lowercase letters, digits and hyphens, used by the CLI"))
            \(field("full_name", "Your name"))\(field("email", "Email", type: "email"))
            \(field("password", "Password", type: "password", hint: "At least \(UserService.minimumPasswordLength) characters"))
            <button class="primary" type="submit">Create administrator</button></form>
            """
    }

    // MARK: Parts

    /// A standalone page (no sidebar) with a fresh double-submit token in its form.
    private static func page(_ req: Request, title: String, form: HTML, status: HTTPResponseStatus = .ok) -> Response {
        let token = req.cookies[formCookie]?.string ?? SessionService.newToken()
        let withToken = HTML(raw: form.raw.replacingOccurrences(of: "class=\"form\">", with: "class=\"form\"><input type=\"hidden\" name=\"_form\" value=\"\(token)\">"))
        let html = AdminLayout.document(title: title, body: "<main id=\"main\" class=\"auth\"><h1>\(title)</h1>\(withToken)</main>")
        let response = AdminLayout.htmlResponse(html, status: status)
        response.cookies[formCookie] = HTTPCookies.Value(string: token, maxAge: 3600, path: "/", isSecure: req.isSecure, isHTTPOnly: true, sameSite: .strict)
        return response
    }

    /// The form, when its token matches the cookie set with the page.
    private static func checkedForm(_ req: Request) throws -> FormFields {
        let fields = try FormFields.read(req, maxSize: 64 * 1024)
        guard let cookie = req.cookies[formCookie]?.string, let sent = fields.first("_form"), constantTimeEqual(cookie, sent) else {
            throw AdminError.forbidden("This form has expired. Reload the page and try again.")
        }
        return fields
    }
}

extension Application {
    private struct SetupKey: StorageKey { typealias Value = FirstAdminSetup }

    /// The one-time first-administrator setup of this process (made by `buildApplication`).
    public var firstAdminSetup: FirstAdminSetup {
        get { built(SetupKey.self) }
        set { storage[SetupKey.self] = newValue }
    }
}
