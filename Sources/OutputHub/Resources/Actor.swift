import Foundation

/// Who is calling: the tenant a request works in, the user behind it, and what they may do there.
public struct Actor: Sendable {
    public let tenantID: UUID
    public let userID: UUID
    public let isSystemAdmin: Bool
    /// The API key used, if any.
    public let apiKeyID: UUID?
    /// The permission scopes in force (see `Permissions`); the server's own work has them all.
    public let scopes: Set<String>

    public init(tenantID: UUID, userID: UUID, isSystemAdmin: Bool = false, apiKeyID: UUID? = nil, scopes: Set<String> = Permissions.all) {
        self.tenantID = tenantID
        self.userID = userID
        self.isSystemAdmin = isSystemAdmin
        self.apiKeyID = apiKeyID
        self.scopes = scopes
    }

    /// Whether the actor holds `scope` (nil: nothing is needed).
    public func may(_ scope: String?) -> Bool {
        guard let scope else { return true }
        return isSystemAdmin || scopes.contains(scope)
    }
}
