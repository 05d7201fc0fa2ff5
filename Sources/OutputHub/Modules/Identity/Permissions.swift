/// What a member may do: permission scopes (`prompts:read`, `prompts:write`, `prompts:approve`,
/// `models:admin`, `identity:admin`, `data:export`, …) come from the member's role and from the groups they
/// belong to. Every resource names the scope its reads and writes need; the API and the admin UI both ask
/// `ResourceService`, so a refusal is the same everywhere.
public enum Permissions {
    /// Every scope Output Hub knows (the seeded `permission_scopes`).
    public static let all: Set<String> = Set(ReferenceData.permissionScopes.map { "\($0.module):\($0.action)" })

    public static let approve = "prompts:approve"
    public static let callModels = "models:call"
    public static let export = "data:export"

    /// The scopes a role carries before any group adds more.
    public static func defaults(role: String) -> Set<String> {
        switch role {
        case "owner", "admin": all
        case "editor": editorScopes
        default: readScopes
        }
    }

    private static let readScopes = all.filter { $0.hasSuffix(":read") }
    private static let editorScopes = readScopes.union(["models:call", "prompts:write", "outputs:write", "knowledge:write", "chatbots:write", "tuning:write", export])

    /// The scope needed to read a resource's rows, or nil when every member may (tables declared
    /// `readableByEveryMember`: tenants, users, permission scopes — names the screens show everywhere).
    public static func readScope(_ resource: Resource) -> String? {
        if resource.table?.readableByEveryMember == true { return nil }
        switch resource.module {
        case .identity: return "identity:admin"
        case .system: return "system:admin"
        case .models: return "models:read"
        default: return resource.module.rawValue.lowercased() + ":read"
        }
    }

    /// The scope needed to create, change or delete a resource's rows.
    public static func writeScope(_ resource: Resource) -> String {
        if let scope = resource.table?.writeScope { return scope }
        switch resource.module {
        case .identity: return "identity:admin"
        case .system: return "system:admin"
        case .models: return "models:admin"
        default: return resource.module.rawValue.lowercased() + ":write"
        }
    }
}

extension Permissions {
    /// A subquery (for the authentication queries) giving the comma-separated scopes a user's groups grant
    /// in a tenant; `user` and `tenant` are the SQL expressions naming them.
    static func grantedScopesSQL(_ engine: any DatabaseEngine, user: String, tenant: String) -> String {
        """
        (SELECT \(engine.commaListSQL("ps.name")) FROM user_group_members gm
           JOIN user_group_permissions gp ON gp.user_group_id = gm.user_group_id
           JOIN permission_scopes ps ON ps.id = gp.permission_scope_id
         WHERE gm.user_id = \(user) AND gm.tenant_id = \(tenant))
        """
    }

    /// The scopes in force: the role's, plus what groups grant, narrowed to a key's own list when it has one.
    static func effective(role: String, granted: String?, keyScopes: [String]? = nil) -> Set<String> {
        var scopes = defaults(role: role)
        if let granted, !granted.isEmpty {
            for scope in granted.split(separator: ",") where all.contains(String(scope)) { scopes.insert(String(scope)) }
        }
        if let keyScopes, !keyScopes.isEmpty { scopes.formIntersection(keyScopes) }
        return scopes
    }
}
