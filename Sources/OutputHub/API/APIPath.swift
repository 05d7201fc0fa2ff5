/// Every REST API address, each written once as a `RoutePath`: routes are registered from these, and the
/// OpenAPI document, the reference page and `Location` headers are built with them.
enum APIPath {
    static let base = RoutePath("api", "v1")
    static let collectionRoute = base.appending(.table)
    static let itemRoute = collectionRoute.appending(.id)
    static let restoreRoute = itemRoute.appending("restore")
    static let openAPIRoute = base.appending("openapi.json")
    static let docsRoute = RoutePath("api", "docs")
    static let docsStylesheetRoute = RoutePath("assets", "api-docs.css")
    static let healthRoute = RoutePath("healthz")

    /// A row's own operation a module registers (`POST /api/v1/jobs/{id}/retry`), under the generic `:table`
    /// segment (the router does not backtrack from a constant segment).
    static func rowActionRoute(_ action: String) -> RoutePath { itemRoute.appending(.constant(action)) }

    static let openAPI = openAPIRoute.link()
    static let docs = docsRoute.link()
    static let docsStylesheet = docsStylesheetRoute.link()

    static func collection(_ table: String) -> String { collectionRoute.link(table: table) }
    static func item(_ table: String, _ id: String) -> String { itemRoute.link(table: table, id: id) }

    /// The OpenAPI path templates (`{id}` in place of an id).
    static func itemTemplate(_ table: String) -> String { item(table, "{id}") }
    static func restoreTemplate(_ table: String) -> String { restoreRoute.link(table: table, id: "{id}") }
    static func rowActionTemplate(_ table: String, _ action: String) -> String { rowActionRoute(action).link(table: table, id: "{id}") }
}
