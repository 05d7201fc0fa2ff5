import Foundation

/// Every admin UI address, in one place: routes are registered from these and links are built with them,
/// so no path string is scattered through the screens.
enum AdminPath {
    static let root = "/admin"
    static let login = "/login"
    static let logout = "/logout"
    static let setup = "/setup"
    static let search = "/admin/search"
    static let switchTenant = "/admin/tenant"
    static let account = "/admin/account"
    static let stylesheet = "/assets/admin.css"
    static let script = "/assets/admin.js"

    static func list(_ table: String, _ query: [(String, String)] = []) -> String { "/admin/\(table)" + queryString(query) }
    static func new(_ table: String) -> String { "/admin/\(table)/new" }
    static func detail(_ table: String, _ id: String) -> String { "/admin/\(table)/\(id)" }
    static func edit(_ table: String, _ id: String) -> String { "/admin/\(table)/\(id)/edit" }
    static func delete(_ table: String, _ id: String) -> String { "/admin/\(table)/\(id)/delete" }
    static func restore(_ table: String, _ id: String) -> String { "/admin/\(table)/\(id)/restore" }
    static func export(_ table: String, _ query: [(String, String)]) -> String { "/admin/\(table)/export" + queryString(query) }
    static func importRows(_ table: String) -> String { "/admin/\(table)/import" }
    static func bulk(_ table: String) -> String { "/admin/\(table)/bulk" }
    static func lookup(_ table: String) -> String { "/admin/\(table)/lookup" }
    /// A row's own action a module registers (`POST /admin/jobs/{id}/retry`).
    static func action(_ table: String, _ id: String, _ action: String) -> String { "/admin/\(table)/\(id)/\(action)" }

    /// `?a=b&c=d`, percent-encoded; empty when there are no pairs.
    static func queryString(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    private static let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~*()")

    static func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
}
