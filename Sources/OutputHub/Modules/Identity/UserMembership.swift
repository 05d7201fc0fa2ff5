import Foundation

/// Users are shared across tenants: creating one in a tenant makes (or finds) the user and adds a
/// membership; deleting one removes the membership only. Administrators set temporary passwords on
/// the user's page.
enum UserMembership {
    static let behaviour = TableBehaviour(IdentityTables.users)
        .inserting(insert)
        .deleting(delete)
        .panel(UserPasswordAction.panel)

    @Sendable static func insert(_ row: DBRow, _ context: WriteContext) async throws -> DBRow {
        let (store, actor) = (context.store, context.actor)
        var row = row
        if let email = row["email"]?.stringValue { row["email"] = .string(UserService.normalise(email)) }
        let user: DBRow
        if let email = row["email"], let existing = try await store.select(IdentityTables.users, where: ["email": email], limit: 1).first {
            let membership: DBRow = ["tenant_id": .uuid(actor.tenantID), "user_id": existing["id"]!]
            guard try await store.select(IdentityTables.tenantMemberships, where: membership, limit: 1).isEmpty else {
                throw Problem.conflict([FieldError("email", "unique", "a user with this email is already a member")])
            }
            user = existing
        } else {
            user = try await store.insert(IdentityTables.users, row)
        }
        try await store.insert(IdentityTables.tenantMemberships, ["tenant_id": .uuid(actor.tenantID), "user_id": user["id"]!, "role": .string("viewer")])
        return user
    }

    @Sendable static func delete(_ id: UUID, _ context: WriteContext) async throws -> Bool {
        var sql = SQLText(context.store.engine, "DELETE FROM tenant_memberships WHERE tenant_id = ")
        sql.bind(.uuid(context.actor.tenantID), as: .uuid)
        sql.append(" AND user_id = ")
        sql.bind(.uuid(id), as: .uuid)
        try await context.store.run(sql)
        return true
    }
}
