import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// Members of each role, and a viewer whose group grants `prompts:write`, against every resource and
/// action through the API: the expected answer is written out here, independently of `Permissions`.
@Suite("Identity: the permission matrix")
struct PermissionMatrixTests {
    static let roles = ["owner", "admin", "editor", "viewer", "viewer+group"]
    static let everyone: Set<String> = Set(roles)
    static let writers: Set<AppModule> = [.prompts, .outputs, .knowledge, .chatbots, .tuning]

    /// Who may read a resource's rows.
    static func readers(_ resource: Resource) -> Set<String> {
        switch resource.module {
        case .system: return ["owner", "admin"]
        case .identity: return ["tenants", "users", "permission_scopes"].contains(resource.name) ? everyone : ["owner", "admin"]
        default: return everyone
        }
    }

    /// Who may write a resource's rows (global catalogs: only system administrators, so nobody here).
    static func writers(_ resource: Resource) -> Set<String> {
        if resource.scope == .global { return [] }
        // A table that names its own write scope (feedback: models:call) is written by the roles that carry it.
        if let scope = resource.table?.writeScope { return Set(["owner", "admin", "editor", "viewer"].filter { Permissions.defaults(role: $0).contains(scope) }) }
        switch resource.module {
        case .prompts: return ["owner", "admin", "editor", "viewer+group"]
        case let module where writers.contains(module): return ["owner", "admin", "editor"]
        default: return ["owner", "admin"]
        }
    }

    static let resources = Resources.all.filter { !$0.isView }.map(\.name)

    @Test("Each role and a custom group get 2xx or 403 as expected for list, create, update and delete", arguments: resources)
    func matrix(_ name: String) async throws {
        try await withAPI { api in
            let resource = try #require(Resources.named(name))
            let table = try #require(resource.table)
            let keys = try await Self.roleKeys(api)
            for role in Self.roles {
                let key = keys[role]!
                let canRead = Self.readers(resource).contains(role), canWrite = Self.writers(resource).contains(role)
                let list = try await api.get("/api/v1/\(name)?limit=1", key: key)
                #expect(list.status == (canRead ? .ok : .forbidden), "\(role) lists \(name): \(list.text)")
                if !canRead { #expect(list.headers.contentType?.subType == "problem+json") }

                var factory = try await api.factoryA()
                factory.addsMemberships = name != "tenant_memberships"
                if resource.canCreate && resource.scope != .ownTenant {
                    var values = try await factory.values(table).filter { resource.column($0.key).map { !$0.isServerManaged } ?? false }
                    if name == "tenant_memberships" {
                        values["user_id"] = try await api.store.insert(Catalog.declared("users"), try await factory.values(Catalog.declared("users")))["id"]
                    }
                    let created = try await api.request(.POST, "/api/v1/\(name)", key: key, json: jsonObject(values))
                    // An editor votes only on a generation (the factory's vote has none) and deletes only their own votes.
                    let ownVotesOnly = name == "ai_user_feedback" && canWrite && !Permissions.defaults(role: role).contains("models:admin")
                    #expect(created.status == (ownVotesOnly ? .unprocessableEntity : canWrite ? .created : .forbidden), "\(role) creates \(name): \(created.text)")
                }
                guard case .tenantColumn = resource.scope else { continue }
                let row = try await factory.insert(table)
                let id = try #require(row["id"]?.stringValue)
                if resource.canUpdate {
                    let updated = try await api.request(.PATCH, "/api/v1/\(name)/\(id)", key: key, json: "{}")
                    #expect(updated.status == (canWrite ? .ok : .forbidden), "\(role) updates \(name): \(updated.text)")
                }
                if resource.canDelete {
                    let deleted = try await api.request(.DELETE, "/api/v1/\(name)/\(id)", key: key)
                    let othersVote = name == "ai_user_feedback" && !Permissions.defaults(role: role).contains("models:admin")
                    #expect(canWrite && !othersVote ? [.noContent, .conflict].contains(deleted.status) : deleted.status == .forbidden, "\(role) deletes \(name): \(deleted.text)")
                }
            }
        }
    }

    @Test("An API key holds at most its owner's scopes; an empty list means all of them")
    func keyScopes() async throws {
        try await withAPI { api in
            let keys = try await Self.roleKeys(api)
            let narrowed = try await APIKeyService(store: api.store, clients: api.app.hubClients).create(tenantSlug: "alpha", email: "ann@alpha.test", name: "read only")
            try await api.store.update(Catalog.declared("api_keys"), id: narrowed.row["id"]!, ["scopes": .array(["prompts:read", "system:admin", "made:up"])])
            #expect(try await api.get("/api/v1/prompts", key: narrowed.key).status == .ok)
            #expect(try await api.request(.POST, "/api/v1/prompts", key: narrowed.key, json: #"{"name":"x","content":"y"}"#).status == .forbidden)
            #expect(try await api.get("/api/v1/audit_logs", key: narrowed.key).status == .ok, "the owner holds system:admin")
            let viewerKey = keys["viewer"]!
            let viewer = try #require(try await APIKeyService(store: api.store, clients: api.app.hubClients).authenticate(viewerKey))
            let wider = try await api.store.select(Catalog.declared("api_keys"), where: ["user_id": .uuid(viewer.userID)], limit: 1).first
            try await api.store.update(Catalog.declared("api_keys"), id: wider!["id"]!, ["scopes": .array(["prompts:read", "system:admin"])])
            #expect(try await api.get("/api/v1/audit_logs", key: viewerKey).status == .forbidden, "a key cannot widen its owner's scopes")
            #expect(try await api.get("/api/v1/prompts", key: viewerKey, accept: "text/csv").status == .forbidden, "viewers do not export")
            #expect(try await api.get("/api/v1/prompts", key: api.keyA, accept: "text/csv").status == .ok)
        }
    }

    @Test("Approval needs prompts:approve; the server records who and when; four-eyes stops authors approving their own")
    func approval() async throws {
        try await withAPI { api in
            let keys = try await Self.roleKeys(api)
            let created = try await api.request(.POST, "/api/v1/prompts", key: keys["editor"]!, json: #"{"name":"Draft","content":"c"}"#)
            let id = try #require(created.json.objectValue?["id"]?.stringValue)
            let editor = try #require(try await APIKeyService(store: api.store, clients: api.app.hubClients).authenticate(keys["editor"]!))
            #expect(created.json.objectValue?["created_by"]?.stringValue == editor.userID.uuidString.lowercased(), "the author is recorded")
            let refused = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: keys["editor"]!, json: #"{"approval_status":"approved"}"#)
            ErrorTests.expectProblem(refused, .forbidden, fields: ["approval_status"])
            let forged = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: keys["admin"]!, json: "{\"approved_by\":\"\(editor.userID.uuidString)\"}")
            ErrorTests.expectProblem(forged, .unprocessableEntity, fields: ["approved_by"])

            let badSetting = try await api.request(.POST, "/api/v1/system_settings", key: keys["owner"]!,
                                                   json: #"{"key":"four_eyes_approval","value":"yes please","value_type":"boolean"}"#)
            ErrorTests.expectProblem(badSetting, .unprocessableEntity, fields: ["value"])
            let setting = try await api.request(.POST, "/api/v1/system_settings", key: keys["owner"]!,
                                                json: #"{"key":"four_eyes_approval","value":"true","value_type":"boolean"}"#)
            #expect(setting.status == .created)
            let retyped = try await api.request(.PATCH, "/api/v1/system_settings/\(setting.json.objectValue?["id"]?.stringValue ?? "")", key: keys["owner"]!,
                                                json: #"{"value_type":"integer"}"#)
            ErrorTests.expectProblem(retyped, .unprocessableEntity, fields: ["value", "value_type"])
            let own = try await api.request(.POST, "/api/v1/prompts", key: keys["admin"]!, json: #"{"name":"Mine","content":"c"}"#)
            let ownID = try #require(own.json.objectValue?["id"]?.stringValue)
            let selfApproved = try await api.request(.PATCH, "/api/v1/prompts/\(ownID)", key: keys["admin"]!, json: #"{"approval_status":"approved"}"#)
            ErrorTests.expectProblem(selfApproved, .forbidden, fields: ["approval_status"])
            let approved = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: keys["admin"]!, json: #"{"approval_status":"approved"}"#)
            #expect(approved.status == .ok)
            let admin = try #require(try await APIKeyService(store: api.store, clients: api.app.hubClients).authenticate(keys["admin"]!))
            #expect(approved.json.objectValue?["approved_by"]?.stringValue == admin.userID.uuidString.lowercased())
            #expect(approved.json.objectValue?["approved_at"]?.stringValue != nil)
            let reopened = try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: keys["owner"]!, json: #"{"approval_status":"pending"}"#)
            #expect(reopened.json.objectValue?["approved_by"] == .null)
        }
    }

    @Test("The admin UI hides what a role may not do and answers 403 when asked anyway")
    func screens() async throws {
        try await withAPI { api in
            _ = try await Self.roleKeys(api)
            let viewer = try await BrowserSession.signIn(api.app, email: "viewer@alpha.test", password: "long password 9")
            let list = try await viewer.get("/admin/prompts")
            #expect(list.status == .ok)
            #expect(!list.text.contains("href=\"/admin/prompts/new\""), "no New button")
            #expect(!list.text.contains("Export CSV"), "no export without data:export")
            #expect(!list.text.contains("href=\"/admin/audit_logs\""), "the sidebar hides what the role cannot read")
            #expect(try await viewer.get("/admin/prompts/new").status == .forbidden)
            #expect(try await viewer.get("/admin/audit_logs").status == .forbidden)
            #expect(try await viewer.get("/admin/prompts/export?format=csv").status == .forbidden)
            #expect(try await viewer.post("/admin/prompts/new", ["name": "x", "content": "y"]).status == .forbidden)
            let editor = try await BrowserSession.signIn(api.app, email: "editor@alpha.test", password: "long password 9")
            let form = try await editor.get("/admin/prompts/new")
            #expect(form.text.contains("<select id=\"field-approval_status\" name=\"approval_status\" disabled"), "approval shown but locked")
            let grouped = try await BrowserSession.signIn(api.app, email: "grouped@alpha.test", password: "long password 9")
            #expect(try await grouped.get("/admin/prompts").text.contains("href=\"/admin/prompts/new\""), "the group's scope shows the button")
        }
    }

    @Test("For every role, each table's list shows New only when creating is allowed, and answers 403 when reading is not")
    func controlsPerRole() async throws {
        try await withAPI { api in
            _ = try await Self.roleKeys(api)
            let people = ["owner": "ann@alpha.test", "admin": "admin@alpha.test", "editor": "editor@alpha.test",
                          "viewer": "viewer@alpha.test", "viewer+group": "grouped@alpha.test"]
            let created = try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: #"{"name":"Audited","content":"c"}"#)
            let prompt = try #require(created.json.objectValue?["id"]?.stringValue)
            let user = try #require(try await APIKeyService(store: api.store, clients: api.app.hubClients).authenticate(api.keyA)).userID.uuidString.lowercased()
            for role in Self.roles {
                let password = role == "owner" ? "long password 1" : "long password 9"
                let browser = try await BrowserSession.signIn(api.app, email: people[role]!, password: password)
                // The shared screens show what the role may read and leave out the rest, never refusing the page.
                for page in ["/admin", "/admin/search?q=alpha", "/admin/prompts/\(prompt)", "/admin/users/\(user)", "/admin/account"] {
                    #expect(try await browser.get(page).status == .ok, "\(role) opens \(page)")
                }
                let detail = try await browser.get("/admin/prompts/\(prompt)")
                #expect(detail.visibleText.contains("History") == Self.readers(Resources.named("audit_logs")!).contains(role),
                        "\(role): the history comes from the audit log")
                for resource in Resources.all where !resource.isView {
                    let page = try await browser.get("/admin/\(resource.name)")
                    let readable = Self.readers(resource).contains(role)
                    #expect(page.status == (readable ? .ok : .forbidden), "\(role) opens \(resource.name)")
                    guard readable else { continue }
                    let creatable = Self.writers(resource).contains(role) && resource.canCreate && resource.scope != .ownTenant
                    #expect(page.text.contains("href=\"/admin/\(resource.name)/new\"") == creatable, "\(role) sees New on \(resource.name)")
                }
            }
        }
    }

    /// A key for a member of tenant alpha in each role; `viewer+group` is a viewer in a group granting prompts:write.
    static func roleKeys(_ api: APIFixture) async throws -> [String: String] {
        let users = UserService(store: api.store, bcryptCost: 4)
        var keys: [String: String] = ["owner": api.keyA]
        for (role, email) in [("admin", "admin@alpha.test"), ("editor", "editor@alpha.test"), ("viewer", "viewer@alpha.test"), ("viewer", "grouped@alpha.test")] {
            _ = try await users.createUser(email: email, name: role, tenantSlug: "alpha", role: role, password: "long password 9")
            keys[email == "grouped@alpha.test" ? "viewer+group" : role] = try await APIKeyService(store: api.store, clients: api.app.hubClients).create(tenantSlug: "alpha", email: email, name: role).key
        }
        let grouped = try #require(try await api.store.select(Catalog.declared("users"), where: ["email": .string("grouped@alpha.test")], limit: 1).first)
        let group = try await api.store.insert(Catalog.declared("user_groups"), ["tenant_id": api.tenantA, "name": .string("Prompt writers")])
        try await api.store.insert(Catalog.declared("user_group_members"), ["tenant_id": api.tenantA, "user_group_id": group["id"]!, "user_id": grouped["id"]!])
        let scope = try #require(try await api.store.select(Catalog.declared("permission_scopes"), where: ["name": .string("prompts:write")], limit: 1).first)
        try await api.store.insert(Catalog.declared("user_group_permissions"), ["tenant_id": api.tenantA, "user_group_id": group["id"]!, "permission_scope_id": scope["id"]!])
        return keys
    }
}
