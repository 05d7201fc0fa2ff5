import Foundation
import Vapor

/// `/admin/account`: the signed-in user's own password, sessions and API keys.
enum AccountScreen {
    static func register(_ admin: any RoutesBuilder) {
        admin.on(.GET, AdminPath.accountRoute, use: show)
        admin.on(.POST, AdminPath.passwordRoute, body: AdminRoutes.formLimit, use: changePassword)
        admin.on(.POST, AdminPath.endSessionRoute, body: AdminRoutes.formLimit, use: endSession)
        admin.on(.POST, AdminPath.keysRoute, body: AdminRoutes.formLimit, use: createKey)
        admin.on(.POST, AdminPath.revokeKeyRoute, body: AdminRoutes.formLimit, use: revokeKey)
    }

    static func show(_ req: Request) async throws -> Response {
        try await render(req)
    }

    static func changePassword(_ req: Request) async throws -> Response {
        let fields = try req.adminForm()
        let session = try signedIn(req)
        do {
            try await SessionService(store: req.store, clients: req.hubClients).changePassword(session, current: fields.first("current_password") ?? "",
                                                                      new: fields.first("new_password") ?? "")
        } catch let error as IdentityError {
            return try await render(req, passwordError: error.description, status: .unprocessableEntity)
        }
        return req.redirect(to: AdminPath.account, flash: Flash("Password changed. Your other sessions have been signed out."))
    }

    static func endSession(_ req: Request) async throws -> Response {
        _ = try req.adminForm()
        let session = try signedIn(req)
        guard let id = req.parameters.get("id").flatMap(UUID.init(text:)),
              try await SessionService(store: req.store, clients: req.hubClients).end(sessionID: id, of: session.userID)
        else { throw AdminError.notFound("That session is not one of yours.") }
        if id == session.sessionID {
            let response = req.redirect(to: AdminPath.login, redirectType: .normal)
            response.cookies[SessionService.cookieName] = .expired
            return response
        }
        return req.redirect(to: AdminPath.account, flash: Flash("Session ended."))
    }

    static func createKey(_ req: Request) async throws -> Response {
        let fields = try req.adminForm()
        let session = try signedIn(req)
        let name = fields.first("name").flatMap { $0.trimmingCharacters(in: .whitespaces).nilIfEmpty }
        let days = fields.first("expires_in_days").flatMap { Int($0) }
        if let text = fields.first("expires_in_days"), !text.isEmpty, days == nil || days! < 1 {
            return try await render(req, keyError: "Expiry must be a whole number of days, at least 1.", status: .unprocessableEntity)
        }
        do {
            let (_, key) = try await APIKeyService(store: req.store, clients: req.hubClients).create(
                for: session.actor, name: name, scopes: fields.all("scopes"), expiresAt: days.map { req.hubClients.clock.now().addingTimeInterval(Double($0) * 86_400) })
            return try await render(req, newKey: key)
        } catch let error as IdentityError {
            return try await render(req, keyError: error.description, status: .unprocessableEntity)
        }
    }

    static func revokeKey(_ req: Request) async throws -> Response {
        _ = try req.adminForm()
        let session = try signedIn(req)
        guard let id = req.parameters.get("id").flatMap(UUID.init(text:)),
              try await APIKeyService(store: req.store, clients: req.hubClients).revoke(id: id, userID: session.userID)
        else { throw AdminError.notFound("That key is not one of yours.") }
        return req.redirect(to: AdminPath.account, flash: Flash("Key revoked. It no longer works."))
    }

    // MARK: Page

    private static func signedIn(_ req: Request) throws -> SessionService.SignedIn {
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        return session
    }

    private static func render(_ req: Request, passwordError: String? = nil, keyError: String? = nil, newKey: String? = nil,
                               status: HTTPResponseStatus = .ok) async throws -> Response {
        let session = try signedIn(req)
        let csrf = AdminLayout.csrfField(req)
        let sessions = try await SessionService(store: req.store, clients: req.hubClients).sessions(of: session.userID)
        let sessionRows = sessions.map { row -> HTML in
            let id = row["id"]?.stringValue ?? ""
            let current = row["id"]?.uuidValue == session.sessionID
            return """
                <tr><td>\(ValueFormat.shorten(row["user_agent"]?.stringValue ?? "unknown device", 80))\(HTML.when(current, " <span class=\"chip\">this session</span>"))</td>
                <td>\(row["ip_address"]?.stringValue ?? "")</td><td>\(ValueFormat.timestamp(row["last_activity_at"] ?? .null))</td>
                <td><form method="post" action="\(AdminPath.endSession(id))">\(csrf)<button type="submit">End</button></form></td></tr>
                """
        }
        let keys = try await req.store.select(IdentityTables.apiKeys, where: ["user_id": .uuid(session.userID), "tenant_id": .uuid(session.tenantID)])
            .sorted { ($0["created_at"]?.stringValue ?? "") > ($1["created_at"]?.stringValue ?? "") }
        let keyRows = keys.map { row -> HTML in
            let id = row["id"]?.stringValue ?? ""
            let revoked = row["revoked_at"].map { !$0.isNull } ?? false
            let scopes: [String] = if case .array(let list)? = row["scopes"] { list } else { [] }
            return """
                <tr><td><code>\(row["key_prefix"]?.stringValue ?? "")…</code> \(row["name"]?.stringValue ?? "")</td>
                <td>\(scopes.isEmpty ? HTML("<span class=\"muted\">all of yours</span>") : ValueFormat.chips(scopes))</td>
                <td>\(ValueFormat.timestamp(row["last_used_at"] ?? .null))</td><td>\(ValueFormat.timestamp(row["expires_at"] ?? .null))</td>
                <td>\(revoked ? HTML("<span class=\"muted\">revoked</span>") : HTML("<form method=\"post\" action=\"\(AdminPath.revokeKey(id))\">\(csrf)<button class=\"danger\" type=\"submit\">Revoke</button></form>"))</td></tr>
                """
        }
        let scopeBoxes = session.scopes.sorted().map { scope in
            HTML("<label class=\"chip\"><input type=\"checkbox\" name=\"scopes\" value=\"\(scope)\"> \(scope)</label>")
        }
        let content: HTML = """
            <section class="panel"><h2>You</h2><dl class="fields"><dt>Email</dt><dd>\(session.email)</dd><dt>Role in \(session.tenantName)</dt><dd>\(session.role)</dd>
            <dt>Permissions</dt><dd>\(ValueFormat.chips(session.scopes.sorted()))</dd></dl></section>
            <section class="panel"><h2>Change password</h2>
            \(passwordError.map { HTML("<p class=\"flash bad\" role=\"alert\">\($0)</p>") } ?? .empty)
            <form class="form" method="post" action="\(AdminPath.changePassword)">\(csrf)
            <div class="field"><label class="field-label" for="current-password">Current password</label>
            <input id="current-password" type="password" name="current_password" autocomplete="current-password" required></div>
            <div class="field"><label class="field-label" for="new-password">New password</label>
            <input id="new-password" type="password" name="new_password" autocomplete="new-password" required minlength="\(UserService.minimumPasswordLength)">
            <p class="hint">At least \(UserService.minimumPasswordLength) characters, not a common password. Your other sessions are signed out.</p></div>
            <button class="primary" type="submit">Change password</button></form></section>
            <section class="panel"><h2>Sessions</h2><div class="table-wrap"><table class="rows" id="sessions"><thead><tr><th>Device</th><th>Address</th><th>Last activity</th><th></th></tr></thead>
            <tbody>\(sessionRows)</tbody></table></div></section>
            <section class="panel"><h2>API keys</h2>
            \(newKey.map { HTML("<p class=\"flash ok\" role=\"status\">New key — copy it now, it is not shown again: <code id=\"new-key\">\($0)</code></p>") } ?? .empty)
            \(keyError.map { HTML("<p class=\"flash bad\" role=\"alert\">\($0)</p>") } ?? .empty)
            <div class="table-wrap"><table class="rows" id="keys"><thead><tr><th>Key</th><th>Scopes</th><th>Last used</th><th>Expires</th><th></th></tr></thead>
            <tbody>\(keyRows)</tbody></table></div>
            <form class="form" method="post" action="\(AdminPath.keys)">\(csrf)<h3>New key</h3>
            <div class="field"><label class="field-label" for="key-name">Name</label><input id="key-name" type="text" name="name" maxlength="255"></div>
            <fieldset><legend>Scopes (none ticked: all of yours)</legend>\(scopeBoxes)</fieldset>
            <div class="field"><label class="field-label" for="key-expiry">Expires in days</label><input id="key-expiry" type="number" min="1" step="1" name="expires_in_days"></div>
            <button class="primary" type="submit">Create key</button></form></section>
            """
        return try await AdminLayout.render(AdminPage(title: "Your account", crumbs: [("Account", nil)], content: content, status: status), req)
    }
}
