import Foundation
@testable import OutputHub
import Testing
import Vapor

/// Every resource generated from its declaration works end to end through HTTP.
@Suite("API: CRUD of every resource")
struct ResourceCRUDTests {
    static let creatable = Resources.all.filter { $0.canCreate && $0.scope != .ownTenant }.map(\.name)

    @Test("create → get → list with a filter → update → delete (→ restore)", arguments: creatable)
    func crud(_ name: String) async throws {
        try await withAPI { api in
            let resource = try #require(Resources.named(name))
            let table = try #require(resource.table)
            let key = resource.scope == .global ? api.adminKey : api.keyA
            let factory = try await api.factoryA()
            var values = try await factory.values(table).filter { resource.column($0.key).map { !$0.isServerManaged } ?? false }
            if name == "tenant_memberships" {
                // Joining needs a user who is not a member yet.
                values["user_id"] = try await api.store.insert(Catalog.declared("users"), try await factory.values(Catalog.declared("users")))["id"]
            }

            let created = try await api.request(.POST, "/api/v1/\(name)", key: key, json: jsonObject(values))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json.objectValue?["id"]?.stringValue)
            #expect(created.headers.first(name: .location) == "/api/v1/\(name)/\(id)")
            var expected = created.json.objectValue ?? [:]
            if name == "api_keys" { expected["key"] = nil }

            let fetched = try await api.get("/api/v1/\(name)/\(id)", key: key)
            #expect(fetched.status == .ok)
            #expect(fetched.json.objectValue == expected)

            let listed = try await api.get("/api/v1/\(name)?id=eq.\(id)", key: key)
            #expect(listed.status == .ok && listed.rows.count == 1 && listed.rows.first?["id"]?.stringValue == id)

            if let (column, value) = Self.change(for: resource) {
                let updated = try await api.request(.PATCH, "/api/v1/\(name)/\(id)", key: key, json: "{\"\(column)\":\(value)}")
                #expect(updated.status == .ok, "\(updated.text)")
                #expect(updated.json.objectValue?[column] == (try? JSONDecoder().decode(JSONValue.self, from: Data(value.utf8))))
            }

            let deleted = try await api.request(.DELETE, "/api/v1/\(name)/\(id)", key: key)
            #expect(deleted.status == .noContent, "\(deleted.text)")
            #expect(try await api.get("/api/v1/\(name)/\(id)", key: key).status == .notFound)
            if resource.isSoftDeletable {
                #expect(try await api.get("/api/v1/\(name)/\(id)?deleted=include", key: key).status == .ok)
                #expect(try await api.get("/api/v1/\(name)?deleted=only&id=eq.\(id)", key: key).rows.count == 1)
                let restored = try await api.request(.POST, "/api/v1/\(name)/\(id)/restore", key: key)
                #expect(restored.status == .ok && restored.json.objectValue?["deleted_at"] == .null)
                #expect(try await api.get("/api/v1/\(name)/\(id)", key: key).status == .ok)
            }
        }
    }

    @Test("The tenant resource is the caller's own tenant")
    func ownTenant() async throws {
        try await withAPI { api in
            let list = try await api.get("/api/v1/tenants")
            #expect(list.rows.map { $0["slug"] } == [.string("alpha")])
            #expect(try await api.get("/api/v1/tenants/\(api.tenantB.stringValue!)").status == .notFound)
            let renamed = try await api.request(.PATCH, "/api/v1/tenants/\(api.tenantA.stringValue!)", key: api.keyA, json: #"{"name":"Alpha Labs"}"#)
            #expect(renamed.status == .ok && renamed.json.objectValue?["name"] == .string("Alpha Labs"))
            #expect(try await api.request(.POST, "/api/v1/tenants", key: api.keyA, json: #"{"name":"X","slug":"x-y"}"#).status == .forbidden)
        }
    }

    @Test("Views are read-only resources")
    func views() async throws {
        try await withAPI { api in
            for view in Catalog.views {
                #expect(try await api.get("/api/v1/\(view.name)").status == .ok)
                #expect(try await api.request(.POST, "/api/v1/\(view.name)", key: api.keyA, json: "{}").status == .methodNotAllowed)
            }
            let domains = try await api.get("/api/v1/domain_hierarchies", key: api.keyA)
            #expect(domains.rows.isEmpty, "the seed's domains belong to the Default tenant")
        }
    }

    @Test("A new API key is shown once; only its hash is stored")
    func apiKeys() async throws {
        try await withAPI { api in
            let created = try await api.request(.POST, "/api/v1/api_keys", key: api.keyA, json: "{\"user_id\":\(api.userA.jsonText),\"name\":\"ci\"}")
            #expect(created.status == .created)
            let secret = try #require(created.json.objectValue?["key"]?.stringValue)
            #expect(secret.hasPrefix("oh_") && created.json.objectValue?["key_hash"] == nil)
            #expect(try await api.get("/api/v1/prompts", key: secret).status == .ok, "the new key works")
            let id = try #require(created.json.objectValue?["id"]?.stringValue)
            #expect(try await api.get("/api/v1/api_keys/\(id)").json.objectValue?["key"] == nil)
        }
    }

    /// A writable column and a new JSON value for it, to test PATCH.
    static func change(for resource: Resource) -> (String, String)? {
        guard resource.canUpdate else { return nil }
        let skipped = Set(["email", "slug", "code"] + (resource.table?.checks.flatMap(\.columns) ?? []))
        for column in resource.writableColumns where column.references == nil && column.allowedValues == nil && !skipped.contains(column.name) {
            switch column.type {
            case .varchar(let n) where n >= 7: return (column.name, "\"changed\"")
            case .text: return (column.name, "\"changed text\"")
            default: continue
            }
        }
        if let flag = resource.writableColumns.first(where: { $0.type == .boolean && !$0.isNullable }) { return (flag.name, "true") }
        return nil
    }
}
