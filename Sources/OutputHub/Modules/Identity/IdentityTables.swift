/// Tenants, people and what they may do. Seeds: 000 (`tenants`, `user_profiles`), 001 (users, groups,
/// sessions, permission scopes, API keys), 004 (`organizations`, Stack Auth users).
public enum IdentityTables {
    public static let roles = ["owner", "admin", "editor", "viewer"]

    public static let tenants = TableDeclaration(
        "tenants", label: "Tenants", module: .identity, scope: .ownTenant,
        summary: "Workspaces that own data: seed 000 tenants merged with seed 004 organizations.",
        readableByEveryMember: true,
        columns: [
            .id,
            .varchar("name", 255).notNull().searchable(),
            .varchar("slug", 100).notNull().unique().note("URL-safe identifier used by the CLI and API"),
            .text("description").searchable(),
            .json("settings").notNull().defaults(.emptyObject),
            .enumeration("subscription_tier", ["basic", "pro", "enterprise"]).notNull().defaults(.text("basic")),
            .flag("is_active", true),
            .createdAt, .updatedAt, .deletedAt,
        ],
        checks: [CheckDeclaration("ck_tenants_slug_format", columns: ["slug"], "slug <> '' AND slug NOT LIKE '% %'")],
        indexes: [IndexDeclaration("idx_tenants_created_at", ["created_at"])]
    )

    public static let users = TableDeclaration(
        "users", label: "Users", module: .identity, scope: .tenantMembers(through: "tenant_memberships", member: "user_id"),
        summary: "People who sign in: seed 000 user_profiles, seed 001/002 users and seed 004's auth users in one table.",
        labelColumn: "email",
        readableByEveryMember: true,
        columns: [
            .id,
            .varchar("email", 255).notNull().unique().searchable(),
            .varchar("full_name", 255).searchable(),
            .varchar("password_hash", 255).secret().note("Slow password hash; never returned"),
            .text("avatar_url"),
            .varchar("locale", 20),
            .varchar("timezone", 64),
            .flag("is_active", true),
            .flag("is_system_admin", false).systemAdminOnly().note("Changes shared catalogs; only a system administrator grants it"),
            .timestamp("last_login_at").serverManaged(),
            .createdAt, .updatedAt, .deletedAt,
        ],
        checks: [CheckDeclaration("ck_users_email_format", columns: ["email"], "email LIKE '%_@_%'")]
    )

    public static let tenantMemberships = TableDeclaration(
        "tenant_memberships", label: "Tenant memberships", module: .identity, scope: .tenant,
        summary: "Which users belong to which tenant, with their role.",
        labelColumn: "role",
        columns: [
            .id, .tenantID,
            .uuid("user_id").notNull().references("users", onDelete: .cascade).reachingOutsideTenant(),
            .enumeration("role", roles, length: 20).notNull().defaults(.text("viewer")),
            .flag("is_active", true),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_tenant_membership", ["tenant_id", "user_id"])],
        indexes: [IndexDeclaration("idx_tenant_memberships_user", ["user_id"])]
    )

    public static let userGroups = TableDeclaration(
        "user_groups", label: "User groups", module: .identity, scope: .tenant,
        summary: "Groups of users within a tenant (seed 001); groups grant permission scopes.",
        columns: [
            .id, .tenantID,
            .varchar("name", 255).notNull().searchable(),
            .text("description").searchable(),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_user_group_name", ["tenant_id", "name"])]
    )

    public static let userGroupMembers = TableDeclaration(
        "user_group_members", label: "Group members", module: .identity, scope: .tenant,
        summary: "Junction: users in groups.",
        labelColumn: "user_id",
        columns: [
            .id, .tenantID,
            .uuid("user_group_id").notNull().references("user_groups", onDelete: .cascade),
            .uuid("user_id").notNull().references("users", onDelete: .cascade),
            .createdAt,
        ],
        uniques: [UniqueDeclaration("unique_user_group_member", ["user_group_id", "user_id"])]
    )

    public static let permissionScopes = TableDeclaration(
        "permission_scopes", label: "Permission scopes", module: .identity, scope: .global,
        summary: "Named capabilities such as prompts:write (seed 001).",
        readableByEveryMember: true,
        columns: [
            .id,
            .varchar("name", 255).notNull().unique().searchable(),
            .varchar("module", 50).notNull(),
            .varchar("action", 50).notNull(),
            .text("description").searchable(),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_permission_module_action", ["module", "action"])]
    )

    public static let userGroupPermissions = TableDeclaration(
        "user_group_permissions", label: "Group permissions", module: .identity, scope: .tenant,
        summary: "Junction: scopes granted to groups (seed 001).",
        labelColumn: "permission_scope_id",
        columns: [
            .id, .tenantID,
            .uuid("user_group_id").notNull().references("user_groups", onDelete: .cascade),
            .uuid("permission_scope_id").notNull().references("permission_scopes", onDelete: .cascade),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_group_permission", ["user_group_id", "permission_scope_id"])]
    )

    public static let sessions = TableDeclaration(
        "sessions", label: "Sessions", module: .identity, scope: .tenant,
        summary: "Signed-in browser sessions (seed 001); only a hash of the token is stored.",
        labelColumn: "user_agent",
        access: .readDelete,
        columns: [
            .id,
            .uuid("user_id").notNull().references("users", onDelete: .cascade),
            .uuid("tenant_id").references("tenants", onDelete: .setNull).note("The tenant the session is working in"),
            .varchar("token_hash", 128).notNull().unique().secret(),
            .text("user_agent"),
            .inet("ip_address"),
            .timestamp("expires_at").notNull(),
            .timestamp("last_activity_at").notNull().defaults(.now),
            .createdAt, .updatedAt,
        ],
        indexes: [IndexDeclaration("idx_sessions_user", ["user_id"]), IndexDeclaration("idx_sessions_expires", ["expires_at"])]
    )

    public static let apiKeys = TableDeclaration(
        "api_keys", label: "API keys", module: .identity, scope: .tenant,
        summary: "Keys for the REST API (seed 001): only a hash and a short visible prefix are stored.",
        columns: [
            .id, .tenantID,
            .uuid("user_id").notNull().references("users", onDelete: .cascade),
            .varchar("name", 255),
            .varchar("key_prefix", 16).notNull().serverManaged(),
            .varchar("key_hash", 128).notNull().unique().secret(),
            .textArray("scopes").notNull().defaults(.emptyArray),
            .decimal("monthly_budget_usd", 12, 4).between(0, 99_999_999)
                .note("What calls through the gateway with this key may cost per calendar month (UTC); empty: no limit of its own"),
            .timestamp("last_used_at").serverManaged(),
            .timestamp("expires_at"),
            .timestamp("revoked_at"),
            .createdAt, .updatedAt,
        ],
        indexes: [IndexDeclaration("idx_api_keys_user", ["user_id"])]
    )

    public static let all = [
        tenants, users, tenantMemberships, userGroups, userGroupMembers, permissionScopes, userGroupPermissions,
        sessions, apiKeys,
    ]
}
