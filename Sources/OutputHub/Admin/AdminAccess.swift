import Vapor

/// What the signed-in user may do with a resource on the admin screens: the same rules as the API,
/// read from the same `ResourceService`, so a control is shown only when the action would be allowed.
enum AdminAccess {
    static func resource(_ req: Request) throws -> Resource {
        guard let name = req.parameters.get("table"), let resource = Resources.named(name) else {
            throw AdminError.notFound("There is no table named '\(req.parameters.get("table") ?? "")'.")
        }
        return resource
    }

    static func service(_ req: Request, _ resource: Resource) throws -> ResourceService {
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        return ResourceService(store: req.store, resource: resource, actor: session.actor, clients: req.hubClients)
    }

    /// Whether this user may make this kind of change to the resource's rows: the service's own rules
    /// (views, read-only tables, shared catalogs, permission scopes), so a control shows only when it works.
    static func can(_ req: Request, _ kind: ResourceService.WriteKind, _ resource: Resource) -> Bool {
        guard let service = try? service(req, resource) else { return false }
        return service.mayWrite(kind)
    }

    /// Whether this user may read the resource (the sidebar lists only these).
    static func canRead(_ req: Request, _ resource: Resource) -> Bool {
        req.signedIn?.actor.may(Permissions.readScope(resource)) ?? false
    }

    /// Whether this user may export rows (`data:export`).
    static func canExport(_ req: Request) -> Bool {
        req.signedIn?.actor.may(Permissions.export) ?? false
    }

    /// The row id in the path; anything that is not a UUID names no row.
    static func id(_ req: Request) throws -> UUID {
        guard let text = req.parameters.get("id"), let id = UUID(text: text) else { throw AdminError.notFound() }
        return id
    }
}
