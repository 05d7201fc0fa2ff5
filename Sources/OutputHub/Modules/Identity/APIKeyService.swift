import Crypto
import Foundation

/// API keys: `oh_` followed by 40 random characters. Only a SHA-256 hash and a short prefix are stored.
public struct APIKeyService: Sendable {
    public struct NewKey: Sendable {
        public let secret: String
        public let prefix: String
        public let hash: String
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    static func generate() -> NewKey {
        var generator = SystemRandomNumberGenerator()
        let body = String((0..<40).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
        let secret = "oh_" + body
        return NewKey(secret: secret, prefix: String(secret.prefix(10)), hash: hash(secret))
    }

    static func hash(_ secret: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(secret.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    let store: Store

    public init(store: Store) { self.store = store }

    /// Creates a key for a member of a tenant; returns the stored row and the key, which is shown only now.
    public func create(tenantSlug: String, email: String, name: String?, expiresAt: Date? = nil) async throws -> (row: DBRow, key: String) {
        guard let tenant = try await TenantService(store: store).tenant(slug: tenantSlug), let tenantID = tenant["id"]?.uuidValue else {
            throw IdentityError("no tenant with slug '\(tenantSlug)'")
        }
        let users = Catalog.declared("users"), memberships = Catalog.declared("tenant_memberships")
        guard let user = try await store.select(users, where: ["email": .string(UserService.normalise(email))], limit: 1).first,
              let userID = user["id"]
        else { throw IdentityError("no user with email '\(email)'") }
        guard try await !store.select(memberships, where: ["tenant_id": .uuid(tenantID), "user_id": userID], limit: 1).isEmpty else {
            throw IdentityError("\(email) is not a member of '\(tenantSlug)'")
        }
        if let name, name.count > 255 { throw IdentityError("the name must be at most 255 characters") }
        let key = Self.generate()
        let row = try await store.transaction { tx in
            try await tx.insert(Catalog.declared("api_keys"), [
                "tenant_id": .uuid(tenantID), "user_id": userID, "name": name.map(DBValue.string) ?? .null,
                "key_prefix": .string(key.prefix), "key_hash": .string(key.hash),
                "expires_at": expiresAt.map(DBValue.date) ?? .null,
            ])
        }
        return (row, key.secret)
    }

    /// Creates a key for the signed-in member, holding at most their own scopes (none listed: all of them).
    public func create(for actor: Actor, name: String?, scopes: [String], expiresAt: Date?) async throws -> (row: DBRow, key: String) {
        if let name, name.count > 255 { throw IdentityError("the name must be at most 255 characters") }
        let beyond = scopes.filter { !actor.may($0) }
        guard beyond.isEmpty else { throw IdentityError("a key cannot hold scopes its owner lacks: \(beyond.joined(separator: ", "))") }
        let key = Self.generate()
        let row = try await store.transaction { tx in
            try await tx.insert(Catalog.declared("api_keys"), [
                "tenant_id": .uuid(actor.tenantID), "user_id": .uuid(actor.userID), "name": name.map(DBValue.string) ?? .null,
                "key_prefix": .string(key.prefix), "key_hash": .string(key.hash), "scopes": .array(scopes),
                "expires_at": expiresAt.map(DBValue.date) ?? .null,
            ])
        }
        return (row, key.secret)
    }

    /// Revokes a key by id (of this user when `userID` is given) or by its visible prefix; false when none matched.
    public func revoke(id: UUID? = nil, prefix: String? = nil, userID: UUID? = nil) async throws -> Bool {
        var filter: DBRow = [:]
        if let id { filter["id"] = .uuid(id) }
        if let prefix { filter["key_prefix"] = .string(prefix) }
        if let userID { filter["user_id"] = .uuid(userID) }
        guard !filter.isEmpty else { return false }
        let keys = Catalog.declared("api_keys")
        let found = try await store.select(keys, where: filter, limit: 2)
        guard found.count == 1, let keyID = found[0]["id"] else { return false }
        try await store.update(keys, id: keyID, ["revoked_at": .date(Date())])
        return true
    }

    /// What `authenticate` reads, in its SELECT order.
    private static let authenticationColumns: [ColumnDeclaration] = [
        .uuid("id"), .uuid("tenant_id"), .uuid("user_id"), .timestamp("expires_at"), .timestamp("revoked_at"),
        .timestamp("last_used_at"), .textArray("scopes"), .boolean("is_system_admin"), .text("role"), .text("granted"),
    ]

    /// The key lookup up to `WHERE k.key_hash =`, per engine (made once: every API request runs it).
    private static let authenticationSQL = (sqlite: authenticationSQL(SQLiteEngine()), postgres: authenticationSQL(PostgresEngine()))

    private static func authenticationSQL(_ engine: any DatabaseEngine) -> String {
        let yes = engine.kind == .postgres ? "true" : "1"
        return """
            SELECT k.id, k.tenant_id, k.user_id, k.expires_at, k.revoked_at, k.last_used_at, k.scopes, u.is_system_admin, m.role,
                   \(Permissions.grantedScopesSQL(engine, user: "k.user_id", tenant: "k.tenant_id")) AS granted
            FROM api_keys k
            JOIN users u ON u.id = k.user_id AND u.is_active = \(yes) AND u.deleted_at IS NULL
            JOIN tenant_memberships m ON m.user_id = k.user_id AND m.tenant_id = k.tenant_id AND m.is_active = \(yes)
            WHERE k.key_hash =
            """
    }

    /// The caller behind a presented key, or nil when the key is unknown, revoked, expired, or its user is
    /// no longer an active member of the key's tenant. Marks the key used (at most once a minute).
    public func authenticate(_ secret: String) async throws -> Actor? {
        guard secret.hasPrefix("oh_"), secret.count == 43 else { return nil }
        var sql = SQLText(store.engine, store.engine.kind == .postgres ? Self.authenticationSQL.postgres : Self.authenticationSQL.sqlite)
        sql.append(" ")
        sql.bind(.string(Self.hash(secret)), as: .varchar(128))
        guard let row = try await store.rows(sql).first else { return nil }
        let values = try store.decodeRows([row], Self.authenticationColumns)[0]
        let (keyID, tenantID, userID, expiresAt, revokedAt, lastUsedAt, scopeList, isSystemAdmin, role, granted) =
            (values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7], values[8], values[9])
        let now = Date()
        if !revokedAt.isNull { return nil }
        if case .date(let expiry) = expiresAt, expiry <= now { return nil }
        guard let id = keyID.uuidValue, let tenant = tenantID.uuidValue, let user = userID.uuidValue else { return nil }
        if case .date(let used) = lastUsedAt, now.timeIntervalSince(used) < 60 {
            // recently marked: spare the write
        } else {
            try await store.update(Catalog.declared("api_keys"), id: .uuid(id), ["last_used_at": .date(now)])
        }
        var keyScopes: [String]?
        if case .array(let list) = scopeList { keyScopes = list }
        let scopes = Permissions.effective(role: role.stringValue ?? "viewer", granted: granted.stringValue, keyScopes: keyScopes)
        return Actor(tenantID: tenant, userID: user, isSystemAdmin: isSystemAdmin.boolValue ?? false, apiKeyID: id, scopes: scopes)
    }
}
