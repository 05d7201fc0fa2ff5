import Foundation

/// Writes the audit trail: one `audit_logs` row per change, inside the change's own transaction.
enum Audit {
    enum Action: String { case create, update, delete, restore }

    static func record(_ store: Store, actor: Actor, action: Action, resource: Resource, id: DBValue,
                       old: DBRow?, new: DBRow?) async throws {
        try await store.insert(SystemTables.auditLogs, [
            "tenant_id": .uuid(actor.tenantID),
            "user_id": .uuid(actor.userID),
            "action": .string(action.rawValue),
            "table_name": .string(resource.name),
            "record_id": .string(id.stringValue ?? ""),
            "old_values": old.map { .json(RowEncoding.json($0, columns: resource.columns)) } ?? .null,
            "new_values": new.map { .json(RowEncoding.json($0, columns: resource.columns)) } ?? .null,
        ])
    }
}
