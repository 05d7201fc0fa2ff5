import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The first administrator of a new installation. While no user exists, `serve` prints a one-time setup
/// link; the page behind it creates the first tenant and a system administrator who owns it. There is
/// never a default password.
public final class FirstAdminSetup: Sendable {
    private let token = NIOLockedValueBox<String?>(nil)

    public init() {}

    /// A new one-time token when the database has no users yet, else nil.
    public func startIfNeeded(store: Store) async throws -> String? {
        guard try await store.count("users") == 0 else { return nil }
        let fresh = APIKeyService.generate().secret
        token.withLockedValue { $0 = fresh }
        return fresh
    }

    /// Whether `candidate` is the current setup token.
    public func accepts(_ candidate: String?) -> Bool {
        guard let candidate, let current = token.withLockedValue({ $0 }) else { return false }
        return APIKeyService.hash(candidate) == APIKeyService.hash(current)
    }

    /// What the setup form asks for.
    public struct Form: Sendable {
        public init(tenantName: String, tenantSlug: String, fullName: String, email: String, password: String) {
            (self.tenantName, self.tenantSlug, self.fullName, self.email, self.password) = (tenantName, tenantSlug, fullName, email, password)
        }

        public var tenantName: String
        public var tenantSlug: String
        public var fullName: String
        public var email: String
        public var password: String
    }

    /// Creates the tenant and its owner, a system administrator, in one transaction; the token is used up.
    /// Returns field errors (by form field name) when the input is not acceptable.
    public func complete(_ form: Form, store: Store, bcryptCost: Int = 12) async throws -> [String: String] {
        var errors: [String: String] = [:]
        let slug = form.tenantSlug.trimmingCharacters(in: .whitespaces).lowercased()
        let email = UserService.normalise(form.email)
        if form.tenantName.trimmingCharacters(in: .whitespaces).isEmpty { errors["tenant_name"] = "Name the first tenant" }
        if slug.count < 2 || slug.count > 100 || !slug.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }) {
            errors["tenant_slug"] = "2–100 lowercase letters, digits and hyphens"
        }
        if form.fullName.trimmingCharacters(in: .whitespaces).isEmpty { errors["full_name"] = "Your name is needed" }
        if !UserService.looksLikeEmail(email) { errors["email"] = "Enter an email address" }
        do { try UserService.checkPassword(form.password) } catch { errors["password"] = "\(error)" }
        guard errors.isEmpty else { return errors }
        let hash = try Bcrypt.hash(form.password, cost: bcryptCost)
        let token = self.token
        try await store.transaction { tx in
            guard try await tx.count("users") == 0 else { throw IdentityError("an administrator already exists") }
            let tenant = try await tx.insert(IdentityTables.tenants, [
                "name": .string(form.tenantName.trimmingCharacters(in: .whitespaces)), "slug": .string(slug),
            ])
            let user = try await tx.insert(IdentityTables.users, [
                "email": .string(email), "full_name": .string(form.fullName.trimmingCharacters(in: .whitespaces)),
                "password_hash": .string(hash), "is_system_admin": .bool(true),
            ])
            try await tx.insert(IdentityTables.tenantMemberships, [
                "tenant_id": tenant["id"]!, "user_id": user["id"]!, "role": .string("owner"),
            ])
        }
        token.withLockedValue { $0 = nil }
        return [:]
    }
}
