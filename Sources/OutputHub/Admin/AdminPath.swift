import Foundation

/// Every admin UI address, each written once as a `RoutePath`: routes are registered from these and links
/// are built with them, so no path string is scattered through the screens.
enum AdminPath {
    // MARK: Routes

    static let loginRoute = RoutePath("login")
    static let logoutRoute = RoutePath("logout")
    static let setupRoute = RoutePath("setup")
    static let stylesheetRoute = RoutePath("assets", "admin.css")
    static let scriptRoute = RoutePath("assets", "admin.js")
    static let dashboardRoute = RoutePath("admin")
    static let searchRoute = dashboardRoute.appending("search")
    static let switchTenantRoute = dashboardRoute.appending("tenant")
    static let accountRoute = dashboardRoute.appending("account")
    static let passwordRoute = accountRoute.appending("password")
    static let keysRoute = accountRoute.appending("keys")
    static let revokeKeyRoute = keysRoute.appending(.id, "revoke")
    static let endSessionRoute = accountRoute.appending("sessions", .id, "end")
    static let listRoute = dashboardRoute.appending(.table)
    static let newRoute = listRoute.appending("new")
    static let exportRoute = listRoute.appending("export")
    static let importRoute = listRoute.appending("import")
    static let bulkRoute = listRoute.appending("bulk")
    static let lookupRoute = listRoute.appending("lookup")
    static let detailRoute = listRoute.appending(.id)
    static let editRoute = detailRoute.appending("edit")
    static let deleteRoute = detailRoute.appending("delete")
    static let restoreRoute = detailRoute.appending("restore")

    /// A row's own action a module registers (`POST /admin/jobs/{id}/retry`). It sits under the generic
    /// `:table` segment: the router does not backtrack from a constant segment, so a constant table name
    /// would hide that table's other routes.
    static func rowActionRoute(_ action: String) -> RoutePath { detailRoute.appending(.constant(action)) }

    // MARK: Links

    static let root = dashboardRoute.link()
    static let login = loginRoute.link()
    static let logout = logoutRoute.link()
    static let setup = setupRoute.link()
    static let search = searchRoute.link()
    static let switchTenant = switchTenantRoute.link()
    static let account = accountRoute.link()
    static let changePassword = passwordRoute.link()
    static let keys = keysRoute.link()
    static let stylesheet = stylesheetRoute.link()
    static let script = scriptRoute.link()

    static func list(_ table: String, _ query: [(String, String)] = []) -> String { listRoute.link(table: table, query: query) }
    static func new(_ table: String) -> String { newRoute.link(table: table) }
    static func detail(_ table: String, _ id: String) -> String { detailRoute.link(table: table, id: id) }
    static func edit(_ table: String, _ id: String) -> String { editRoute.link(table: table, id: id) }
    static func delete(_ table: String, _ id: String) -> String { deleteRoute.link(table: table, id: id) }
    static func restore(_ table: String, _ id: String) -> String { restoreRoute.link(table: table, id: id) }
    static func export(_ table: String, _ query: [(String, String)]) -> String { exportRoute.link(table: table, query: query) }
    static func importRows(_ table: String) -> String { importRoute.link(table: table) }
    static func bulk(_ table: String) -> String { bulkRoute.link(table: table) }
    static func lookup(_ table: String) -> String { lookupRoute.link(table: table) }
    static func action(_ table: String, _ id: String, _ action: String) -> String { rowActionRoute(action).link(table: table, id: id) }
    static func revokeKey(_ id: String) -> String { revokeKeyRoute.link(id: id) }
    static func endSession(_ id: String) -> String { endSessionRoute.link(id: id) }

    static func queryString(_ pairs: [(String, String)]) -> String { RoutePath.queryString(pairs) }
    static func encode(_ text: String) -> String { RoutePath.encode(text) }
}
