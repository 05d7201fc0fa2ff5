import Foundation
import Vapor

/// Creating users and their tenant memberships.
public struct UserService: Sendable {
    public static let minimumPasswordLength = 10

    let store: Store
    /// Hashes passwords with a slow hash (bcrypt); tests pass a cheaper cost.
    let hashPassword: @Sendable (String) throws -> String

    public init(store: Store, bcryptCost: Int = 12) {
        self.store = store
        self.hashPassword = { try Bcrypt.hash($0, cost: bcryptCost) }
    }

    public enum Outcome: Sendable {
        case created(DBRow)
        /// The user existed and was added to the tenant.
        case addedToTenant(DBRow)
    }

    /// Whether a user with this email exists (then no password is needed to add them to a tenant).
    public func userExists(email: String) async throws -> Bool {
        try await findUser(email: Self.normalise(email)) != nil
    }

    /// Creates the user (or finds the existing one) and makes them a member of the tenant with the role.
    ///
    /// With `systemAdmin` (`user create --system-admin`) it also sets `users.is_system_admin` and records that
    /// in the audit log, in the same transaction. The command line has no signed-in actor, so the audit row
    /// names the user themself as actor, in the tenant they join: a `create` of the new user's row (with
    /// `is_system_admin: true`), or an `update` of an existing user's row from false to true (none when they
    /// already were one).
    public func createUser(email: String, name: String, tenantSlug: String, role: String, password: String?,
                           systemAdmin: Bool = false) async throws -> Outcome {
        let email = Self.normalise(email)
        guard email.count <= 255, Self.looksLikeEmail(email) else { throw IdentityError("'\(email)' is not an email address") }
        guard IdentityTables.roles.contains(role) else {
            throw IdentityError("role must be one of \(IdentityTables.roles.joined(separator: ", ")); got '\(role)'")
        }
        let fullName = name.trimmingCharacters(in: .whitespaces)
        guard !fullName.isEmpty, fullName.count <= 255 else { throw IdentityError("name must be 1–255 characters") }
        guard let tenant = try await TenantService(store: store).tenant(slug: tenantSlug), let tenantID = tenant["id"]?.uuidValue else {
            throw IdentityError("no tenant with slug '\(tenantSlug)'")
        }
        let existing = try await findUser(email: email)
        var hash: String?
        if existing == nil {
            guard let password else { throw IdentityError("a password is needed for a new user") }
            try Self.checkPassword(password)
            hash = try hashPassword(password)
        }
        let passwordHash = hash
        return try await store.transaction { tx in
            let users = IdentityTables.users, memberships = IdentityTables.tenantMemberships
            let user: DBRow
            if let existing, systemAdmin {
                // A promotion reads the row again inside the transaction, so the audit row's old values are the
                // row as it was changed.
                user = try await tx.find(users, id: existing["id"]!) ?? existing
            } else if let existing {
                user = existing
            } else {
                var values: DBRow = [
                    "email": .string(email), "full_name": .string(fullName), "password_hash": .string(passwordHash!),
                ]
                if systemAdmin { values["is_system_admin"] = .bool(true) }
                user = try await tx.insert(users, values)
            }
            guard let userID = user["id"]?.uuidValue else { throw IdentityError("the user \(email) has no id") }
            let membership: DBRow = ["tenant_id": .uuid(tenantID), "user_id": .uuid(userID)]
            guard try await tx.select(memberships, where: membership, limit: 1).isEmpty else {
                throw IdentityError("\(email) is already a member of '\(tenantSlug)'")
            }
            try await tx.insert(memberships, membership.merging(["role": .string(role)]) { $1 })
            guard systemAdmin else { return existing == nil ? .created(user) : .addedToTenant(user) }

            let resource = Resources.of(users)
            let actor = Actor(tenantID: tenantID, userID: userID, isSystemAdmin: true)
            guard existing != nil else {
                try await Audit.record(tx, actor: actor, action: .create, resource: resource, id: .uuid(userID), old: nil, new: user)
                return .created(user)
            }
            guard user["is_system_admin"]?.boolValue == true else {
                let updated = try await tx.update(users, id: .uuid(userID), ["is_system_admin": .bool(true)]) ?? user
                try await Audit.record(tx, actor: actor, action: .update, resource: resource, id: .uuid(userID), old: user, new: updated)
                return .addedToTenant(updated)
            }
            return .addedToTenant(user)
        }
    }

    /// Gives a member of the actor's tenant a new random password (shown once to the administrator), ends
    /// their sessions and records it in the audit log. For people an administrator added without a password.
    public func setTemporaryPassword(userID: UUID, by actor: Actor) async throws -> String {
        let memberships = IdentityTables.tenantMemberships
        guard try await !store.select(memberships, where: ["tenant_id": .uuid(actor.tenantID), "user_id": .uuid(userID)], limit: 1).isEmpty else {
            throw IdentityError("that user is not a member of this tenant")
        }
        let password = String(APIKeyService.generate().secret.dropFirst(3).prefix(16))
        let hash = try hashPassword(password)
        try await store.transaction { tx in
            try await tx.update(IdentityTables.users, id: .uuid(userID), ["password_hash": .string(hash)])
            var sql = SQLText(tx.engine, "DELETE FROM sessions WHERE user_id = ")
            sql.bind(.uuid(userID), as: .uuid)
            try await tx.run(sql)
            try await tx.insert(SystemTables.auditLogs, [
                "tenant_id": .uuid(actor.tenantID), "user_id": .uuid(actor.userID), "action": .string("update"),
                "table_name": .string("users"), "record_id": .string(userID.lowercaseText),
                "new_values": .json(#"{"password":"set to a temporary password by an administrator"}"#),
            ])
        }
        return password
    }

    static func checkPassword(_ password: String) throws {
        guard password.count >= minimumPasswordLength else {
            throw IdentityError("the password must be at least \(minimumPasswordLength) characters")
        }
        guard password.count <= 72 else { throw IdentityError("the password must be at most 72 characters") }
        guard !CommonPasswords.contains(password) else {
            throw IdentityError("that password is one of the most common ones; choose another")
        }
    }

    private func findUser(email: String) async throws -> DBRow? {
        try await store.select(IdentityTables.users, where: ["email": .string(email)], limit: 1).first
    }

    static func normalise(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }

    static func looksLikeEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !email.contains(" ")
            && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
    }
}
