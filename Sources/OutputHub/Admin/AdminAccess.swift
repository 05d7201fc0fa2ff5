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
        return ResourceService(store: req.store, resource: resource, actor: session.actor)
    }

    /// Whether rows of the resource can be written by this user at all (views and shared catalogs may not be).
    static func canWrite(_ req: Request, _ resource: Resource) -> Bool {
        guard !resource.isView else { return false }
        switch resource.scope {
        case .global: return req.signedIn?.isSystemAdmin ?? false
        default: return true
        }
    }

    /// The row id in the path; anything that is not a UUID names no row.
    static func id(_ req: Request) throws -> UUID {
        guard let text = req.parameters.get("id"), let id = UUID(uuidString: text) else { throw AdminError.notFound() }
        return id
    }
}
