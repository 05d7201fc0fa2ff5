import Foundation

/// Who is calling: the tenant a request works in and the user behind it.
public struct Actor: Sendable {
    public let tenantID: UUID
    public let userID: UUID
    public let isSystemAdmin: Bool
    /// The API key used, if any.
    public let apiKeyID: UUID?

    public init(tenantID: UUID, userID: UUID, isSystemAdmin: Bool = false, apiKeyID: UUID? = nil) {
        self.tenantID = tenantID
        self.userID = userID
        self.isSystemAdmin = isSystemAdmin
        self.apiKeyID = apiKeyID
    }
}
