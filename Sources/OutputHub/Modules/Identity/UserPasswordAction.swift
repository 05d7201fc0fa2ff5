import Foundation
import Vapor

/// On a user's page, an administrator (`identity:admin`) can set a temporary password: how someone added
/// through the admin UI signs in for the first time (they then change it on their account page).
enum UserPasswordAction {
    static let route = AdminPath.rowActionRoute("password")

    static func register(_ admin: any RoutesBuilder) {
        admin.on(.POST, route, body: AdminRoutes.formLimit, use: setTemporary)
    }

    @Sendable static func panel(_ req: Request, _ user: DBRow) async throws -> HTML {
        guard let session = req.signedIn, session.actor.may("identity:admin"), let id = user["id"]?.stringValue,
              user["id"]?.uuidValue != session.userID else { return .empty }
        return """
            <section class="panel"><h2>Password</h2><form method="post" action="\(route.link(table: IdentityTables.users.name, id: id))">\(AdminLayout.csrfField(req))
            <p>Set a temporary password for this person (it is shown to you once; their sessions end). They change it on their account page.</p>
            <button type="submit">Set a temporary password</button></form></section>
            """
    }

    static func setTemporary(_ req: Request) async throws -> Response {
        guard req.parameters.get("table") == IdentityTables.users.name else { throw AdminError.notFound() }
        _ = try req.adminForm()
        guard let session = req.signedIn, session.actor.may("identity:admin") else {
            throw AdminError.forbidden("Setting passwords needs the identity:admin permission.")
        }
        let id = try AdminAccess.id(req)
        let password: String
        do {
            password = try await UserService(store: req.store).setTemporaryPassword(userID: id, by: session.actor)
        } catch let error as IdentityError {
            throw AdminError.notFound(error.description.prefix(1).uppercased() + error.description.dropFirst() + ".")
        }
        let content: HTML = """
            <p class="flash ok" role="status">Temporary password: <code id="temporary-password">\(password)</code></p>
            <p>Give it to them over a channel you trust. It is not shown again.</p>
            <p><a class="button" href="\(AdminPath.detail(IdentityTables.users.name, id.lowercaseText))">Back to the user</a></p>
            """
        return try await AdminLayout.render(AdminPage(title: "Temporary password", crumbs: [("Identity", nil), ("Users", AdminPath.list(IdentityTables.users.name)), ("Password", nil)],
                                                      table: IdentityTables.users.name, content: content), req)
    }
}
