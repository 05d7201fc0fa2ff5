import Foundation

/// A tenant's settings (`system_settings` rows with its `tenant_id`), read by key: the one place modules
/// read them from.
struct TenantSettings: Sendable {
    let store: Store
    let tenant: UUID

    /// The value as stored; nil when the tenant has no such setting.
    func raw(_ key: String) async throws -> String? {
        try await store.select(SystemTables.systemSettings, where: ["tenant_id": .uuid(tenant), "key": .string(key)], limit: 1).first?["value"]?.stringValue
    }

    /// The value without surrounding blanks or the quotes of a JSON string; nil when missing or empty.
    func text(_ key: String) async throws -> String? {
        let value = try await raw(key)?.trimmingCharacters(in: CharacterSet(charactersIn: "\" \n"))
        return value?.isEmpty == false ? value : nil
    }

    func integer(_ key: String) async throws -> Int? { try await text(key).flatMap { Int($0) } }

    /// true only for `true` (any case).
    func flag(_ key: String) async throws -> Bool { try await text(key)?.lowercased() == "true" }

    /// The tenants that have a setting `key`.
    static func tenants(having key: String, in store: Store) async throws -> [UUID] {
        var sql = SQLText(store.engine, "SELECT DISTINCT tenant_id FROM \(quote(SystemTables.systemSettings.name)) WHERE key = ")
        sql.bind(.string(key), as: .varchar(100))
        sql.append(" AND tenant_id IS NOT NULL")
        return try await store.rows(sql).map { try RowReader(row: $0, engine: store.engine).uuid("tenant_id") }
    }
}
