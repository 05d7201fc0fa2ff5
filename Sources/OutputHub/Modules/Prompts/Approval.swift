import Foundation

/// Approval of prompts, agents and suites (seed 000's `approval_status`, `approved_by`, `approved_at`).
/// Only holders of `prompts:approve` move a row out of or back to "pending"; the server records who and
/// when; with the tenant setting `four_eyes_approval` set to true the author cannot approve their own row.
enum Approval {
    static let fourEyesSetting = "four_eyes_approval"

    /// The behaviour of a table with seed 000's approval columns (prompts, agents, suites).
    static func behaviour(for table: TableDeclaration) -> TableBehaviour {
        TableBehaviour(table).preparing { row, old, context in try await apply(&row, old: old, context) }
    }

    /// Fills the server's approval fields of a row about to be written (`old` is nil on create) and
    /// refuses a change the actor may not make.
    static func apply(_ row: inout DBRow, old: DBRow?, _ context: WriteContext) async throws {
        let (actor, store) = (context.actor, context.store)
        if old == nil { row["created_by"] = .uuid(actor.userID) }
        let before = old?["approval_status"]?.stringValue ?? "pending"
        guard let status = row["approval_status"]?.stringValue, status != before else { return }
        guard actor.may(Permissions.approve) else {
            throw Problem(.forbidden, "Changing approval_status needs the \(Permissions.approve) permission",
                          errors: [FieldError("approval_status", "forbidden", "approval needs the \(Permissions.approve) permission")])
        }
        if status == "pending" {
            row["approved_by"] = .null
            row["approved_at"] = .null
            return
        }
        let author = old == nil ? actor.userID : old?["created_by"]?.uuidValue
        if author == actor.userID, try await fourEyesRequired(tenant: actor.tenantID, in: store) {
            throw Problem(.forbidden, "Four-eyes approval is on in this tenant: someone other than the author must approve",
                          errors: [FieldError("approval_status", "four_eyes", "the author cannot approve their own work")])
        }
        row["approved_by"] = .uuid(actor.userID)
        row["approved_at"] = .date(context.clients.clock.now())
    }

    /// Whether the tenant's `four_eyes_approval` setting is true.
    static func fourEyesRequired(tenant: UUID, in store: Store) async throws -> Bool {
        try await TenantSettings(store: store, tenant: tenant).flag(fourEyesSetting)
    }
}
