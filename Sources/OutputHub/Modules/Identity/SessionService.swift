import Crypto
import Foundation
import Vapor

/// Browser sign-in: checks a password, starts a session (only a hash of its token is stored), finds the
/// signed-in user from the cookie's token, switches the session's tenant, and ends sessions.
public struct SessionService: Sendable {
    public static let cookieName = "outputhub_session"
    /// A session ends after this long without activity.
    public static let idleLifetime: TimeInterval = 12 * 3600

    let store: Store
    let clock: any WallClock

    public init(store: Store, clients: HubClients) {
        self.store = store
        self.clock = clients.clock
    }

    /// Who a session belongs to and where they are working.
    public struct SignedIn: Sendable {
        public let sessionID: UUID
        public let userID: UUID
        public let email: String
        public let fullName: String?
        public let isSystemAdmin: Bool
        public let tenantID: UUID
        public let tenantName: String
        public let role: String
        /// The permission scopes in force in this tenant (role and groups).
        public let scopes: Set<String>
        /// The token forms must echo back; derived from the session token, which only the cookie holds.
        public let csrfToken: String

        public var actor: Actor { Actor(tenantID: tenantID, userID: userID, isSystemAdmin: isSystemAdmin, scopes: scopes) }
    }

    public enum SignInError: Error, Equatable {
        case wrongCredentials
        case noTenant
    }

    /// Checks the email and password and starts a session in the user's first tenant; returns its token.
    public func signIn(email: String, password: String, userAgent: String?, address: String?) async throws -> String {
        let users = IdentityTables.users
        let user = try await store.select(users, where: ["email": .string(UserService.normalise(email))], limit: 1).first
        guard let user, user["is_active"]?.boolValue == true, user["deleted_at"]?.isNull != false,
              let hash = user["password_hash"]?.stringValue, (try? Bcrypt.verify(password, created: hash)) == true,
              let userID = user["id"]?.uuidValue
        else {
            // Spend the same time on an unknown address as on a wrong password.
            _ = try? Bcrypt.verify(password, created: Self.timingHash)
            throw SignInError.wrongCredentials
        }
        guard let tenant = try await memberships(of: userID).first else { throw SignInError.noTenant }
        let token = Self.newToken()
        let now = clock.now()
        try await store.transaction { tx in
            let session = try await tx.insert(IdentityTables.sessions, [
                "user_id": .uuid(userID), "tenant_id": .uuid(tenant.id), "token_hash": .string(Self.hash(token)),
                "user_agent": userAgent.map { .string(String($0.prefix(500))) } ?? .null,
                "ip_address": address.map(DBValue.string) ?? .null,
                "expires_at": .date(now.addingTimeInterval(Self.idleLifetime)), "last_activity_at": .date(now),
            ])
            try await tx.update(users, id: .uuid(userID), ["last_login_at": .date(now)])
            try await Self.audit(tx, "login", tenant: tenant.id, user: userID, session: session["id"], address: address)
        }
        return token
    }

    /// The live session behind a cookie token, or nil. Keeps the session alive (written at most once a minute).
    public func resolve(_ token: String) async throws -> SignedIn? {
        guard token.count == 43 else { return nil }
        let yes = store.engine.kind == .postgres ? "true" : "1"
        var sql = SQLText(store.engine, """
            SELECT s.id, s.user_id, s.tenant_id, s.expires_at, s.last_activity_at, u.email, u.full_name,
                   u.is_system_admin, t.name AS tenant_name, m.role,
                   \(Permissions.grantedScopesSQL(store.engine, user: "s.user_id", tenant: "s.tenant_id")) AS granted
            FROM sessions s
            JOIN users u ON u.id = s.user_id AND u.is_active = \(yes) AND u.deleted_at IS NULL
            JOIN tenant_memberships m ON m.user_id = s.user_id AND m.tenant_id = s.tenant_id AND m.is_active = \(yes)
            JOIN tenants t ON t.id = s.tenant_id AND t.deleted_at IS NULL
            WHERE s.token_hash =
            """)
        sql.append(" ")
        sql.bind(.string(Self.hash(token)), as: .varchar(128))
        guard let raw = try await store.rows(sql).first else { return nil }
        let row = try store.decode(raw, [
            .uuid("id"), .uuid("user_id"), .uuid("tenant_id"), .timestamp("expires_at"), .timestamp("last_activity_at"),
            .text("email"), .text("full_name"), .boolean("is_system_admin"), .text("tenant_name"), .text("role"), .text("granted"),
        ])
        let now = clock.now()
        guard case .date(let expiry)? = row["expires_at"], expiry > now,
              let id = row["id"]?.uuidValue, let user = row["user_id"]?.uuidValue, let tenant = row["tenant_id"]?.uuidValue
        else { return nil }
        if case .date(let active)? = row["last_activity_at"], now.timeIntervalSince(active) >= 60 {
            try await store.update(IdentityTables.sessions, id: .uuid(id), [
                "last_activity_at": .date(now), "expires_at": .date(now.addingTimeInterval(Self.idleLifetime)),
            ])
        }
        return SignedIn(
            sessionID: id, userID: user, email: row["email"]?.stringValue ?? "", fullName: row["full_name"]?.stringValue,
            isSystemAdmin: row["is_system_admin"]?.boolValue ?? false, tenantID: tenant,
            tenantName: row["tenant_name"]?.stringValue ?? "", role: row["role"]?.stringValue ?? "viewer",
            scopes: Permissions.effective(role: row["role"]?.stringValue ?? "viewer", granted: row["granted"]?.stringValue),
            csrfToken: Self.csrfToken(for: token))
    }

    /// A tenant the user belongs to, for the switcher.
    public struct Membership: Sendable {
        public let id: UUID
        public let name: String
        public let role: String
    }

    /// The tenants the user is an active member of, by name.
    public func memberships(of userID: UUID) async throws -> [Membership] {
        let yes = store.engine.kind == .postgres ? "true" : "1"
        var sql = SQLText(store.engine, """
            SELECT t.id, t.name, m.role FROM tenant_memberships m JOIN tenants t ON t.id = m.tenant_id AND t.deleted_at IS NULL
            WHERE m.is_active = \(yes) AND m.user_id =
            """)
        sql.append(" ")
        sql.bind(.uuid(userID), as: .uuid)
        sql.append(" ORDER BY t.name, t.id")
        return try await store.rows(sql).compactMap { raw in
            let row = try store.decode(raw, [.uuid("id"), .text("name"), .text("role")])
            guard let id = row["id"]?.uuidValue else { return nil }
            return Membership(id: id, name: row["name"]?.stringValue ?? "", role: row["role"]?.stringValue ?? "")
        }
    }

    /// Moves the session to another tenant of the user; false when the user is not a member there.
    public func switchTenant(_ session: SignedIn, to tenantID: UUID) async throws -> Bool {
        guard try await memberships(of: session.userID).contains(where: { $0.id == tenantID }) else { return false }
        try await store.update(IdentityTables.sessions, id: .uuid(session.sessionID), ["tenant_id": .uuid(tenantID)])
        return true
    }

    /// A user's live sessions, most recently active first.
    public func sessions(of userID: UUID) async throws -> [DBRow] {
        let now = clock.now()
        return try await store.select(IdentityTables.sessions, where: ["user_id": .uuid(userID)])
            .filter { if case .date(let expiry)? = $0["expires_at"] { return expiry > now } else { return false } }
            .sorted { ($0["last_activity_at"]?.stringValue ?? "") > ($1["last_activity_at"]?.stringValue ?? "") }
    }

    /// Ends one of the user's sessions; false when it is not theirs.
    public func end(sessionID: UUID, of userID: UUID) async throws -> Bool {
        let sessions = IdentityTables.sessions
        guard try await store.select(sessions, where: ["id": .uuid(sessionID), "user_id": .uuid(userID)], limit: 1).first != nil else { return false }
        try await store.delete(sessions, id: .uuid(sessionID))
        return true
    }

    /// Changes the password after checking the current one, and ends every other session of the user.
    public func changePassword(_ session: SignedIn, current: String, new: String, bcryptCost: Int = 12) async throws {
        let users = IdentityTables.users
        guard let user = try await store.find(users, id: .uuid(session.userID)), let hash = user["password_hash"]?.stringValue,
              (try? Bcrypt.verify(current, created: hash)) == true
        else { throw IdentityError("the current password is not right") }
        try UserService.checkPassword(new)
        guard new != current else { throw IdentityError("the new password is the same as the current one") }
        let newHash = try Bcrypt.hash(new, cost: bcryptCost)
        try await store.transaction { tx in
            try await tx.update(users, id: .uuid(session.userID), ["password_hash": .string(newHash)])
            var sql = SQLText(tx.engine, "DELETE FROM sessions WHERE user_id = ")
            sql.bind(.uuid(session.userID), as: .uuid)
            sql.append(" AND id <> ")
            sql.bind(.uuid(session.sessionID), as: .uuid)
            try await tx.run(sql)
        }
    }

    /// Ends the session with this token (sign out), recorded in the audit log.
    public func end(token: String, address: String? = nil) async throws {
        let sessions = IdentityTables.sessions
        guard let session = try await store.select(sessions, where: ["token_hash": .string(Self.hash(token))], limit: 1).first else { return }
        try await store.transaction { tx in
            try await tx.delete(sessions, id: session["id"]!)
            if let tenant = session["tenant_id"]?.uuidValue, let user = session["user_id"]?.uuidValue {
                try await Self.audit(tx, "logout", tenant: tenant, user: user, session: session["id"], address: address)
            }
        }
    }

    /// Deletes sessions past their expiry (the hourly scheduled task `identity.expired-sessions`).
    @discardableResult
    public func purgeExpired() async throws -> Int {
        let now = clock.now()
        let sessions = IdentityTables.sessions
        var sql = SQLText(store.engine, "SELECT id FROM sessions WHERE expires_at < ")
        sql.bind(.date(now), as: .timestamp)
        let ids = try await store.rows(sql).compactMap { try store.decode($0, [.uuid("id")])["id"] }
        for id in ids { try await store.delete(sessions, id: id) }
        return ids.count
    }

    /// Sign-ins and sign-outs in the audit log (its `login`/`logout` actions, seed 001).
    private static func audit(_ tx: Store, _ action: String, tenant: UUID, user: UUID, session: DBValue?, address: String?) async throws {
        try await tx.insert(SystemTables.auditLogs, [
            "tenant_id": .uuid(tenant), "user_id": .uuid(user), "action": .string(action), "table_name": .string("sessions"),
            "record_id": .string(session?.stringValue ?? ""), "ip_address": address.map(DBValue.string) ?? .null,
        ])
    }

    // MARK: Tokens

    static func newToken() -> String { APIKeyService.generate().secret }

    static func hash(_ token: String) -> String { APIKeyService.hash("session:" + token) }

    /// Forms carry this; an attacker's page can neither read the cookie nor compute it.
    static func csrfToken(for token: String) -> String { String(APIKeyService.hash("csrf:" + token).prefix(40)) }

    /// A bcrypt hash of nothing in particular, verified against when the email is unknown.
    private static let timingHash = (try? Bcrypt.hash(UUID().uuidString, cost: 12)) ?? ""
}
