import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

@Suite("API: tenant isolation and audit")
struct IsolationAndAuditTests {
    static let tenantOwned = Resources.all.filter {
        if case .tenantColumn = $0.scope { return !$0.isView } else { return false }
    }.map(\.name)

    @Test("Another tenant's key can neither read, list, change nor delete a row", arguments: tenantOwned)
    func isolation(_ name: String) async throws {
        try await withAPI { api in
            let (resource, row, id) = try await api.insertRowA(name)
            #expect(try await api.get("/api/v1/\(name)/\(id)", key: api.keyA).status == .ok, "the owner sees it")
            #expect(try await api.get("/api/v1/\(name)/\(id)", key: api.keyB).status == .notFound)
            #expect(try await api.get("/api/v1/\(name)?id=eq.\(id)", key: api.keyB).rows.isEmpty)
            #expect(try await api.get("/api/v1/\(name)?limit=1000", key: api.keyB).rows.allSatisfy { $0["tenant_id"] != .string(api.tenantA.stringValue!) })
            if resource.canUpdate {
                #expect(try await api.request(.PATCH, "/api/v1/\(name)/\(id)", key: api.keyB, json: "{}").status == .notFound)
            }
            if resource.canDelete {
                #expect(try await api.request(.DELETE, "/api/v1/\(name)/\(id)", key: api.keyB).status == .notFound)
            }
            #expect(try await api.store.find(resource.table!, id: row["id"]!)?["deleted_at"] ?? .null == .null, "still there")
        }
    }

    @Test("A row cannot point at another tenant's rows")
    func crossTenantReferences() async throws {
        try await withAPI { api in
            let promptB = try await api.request(.POST, "/api/v1/prompts", key: api.keyB, json: #"{"name":"B","content":"c"}"#)
            let idB = try #require(promptB.json.objectValue?["id"]?.stringValue)
            let tagged = try await api.request(.POST, "/api/v1/prompt_tags", key: api.keyA,
                                               json: "{\"prompt_id\":\"\(idB)\",\"tag_id\":\"\(UUID().uuidString)\"}")
            ErrorTests.expectProblem(tagged, .conflict, fields: ["prompt_id"])
            let members = try await api.get("/api/v1/users", key: api.keyB)
            #expect(members.rows.compactMap { $0["email"]?.stringValue } == ["bob@beta.test"])
            #expect(members.rows.first?["password_hash"] == nil, "secrets never leave the server")
        }
    }

    @Test("Every create, update, delete and restore writes an audit row in the same transaction")
    func audit() async throws {
        try await withAPI { api in
            let created = try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: #"{"name":"Audited","content":"v1"}"#)
            let id = try #require(created.json.objectValue?["id"]?.stringValue)
            #expect(try await api.request(.PATCH, "/api/v1/prompts/\(id)", key: api.keyA, json: #"{"content":"v2"}"#).status == .ok)
            #expect(try await api.request(.DELETE, "/api/v1/prompts/\(id)", key: api.keyA).status == .noContent)
            #expect(try await api.request(.POST, "/api/v1/prompts/\(id)/restore", key: api.keyA).status == .ok)

            let log = try await api.get("/api/v1/audit_logs?record_id=eq.\(id)&order=created_at,action")
            let entries = log.rows
            #expect(entries.compactMap { $0["action"]?.stringValue }.sorted() == ["create", "delete", "restore", "update"])
            #expect(entries.allSatisfy { $0["user_id"] == .string(api.userA.stringValue!) && $0["table_name"] == .string("prompts") })
            let update = try #require(entries.first { $0["action"] == .string("update") })
            #expect(update["old_values"]?.objectValue?["content"] == .string("v1"))
            #expect(update["new_values"]?.objectValue?["content"] == .string("v2"))
            #expect(try await api.get("/api/v1/audit_logs", key: api.keyB).rows.isEmpty, "audit rows are tenant-scoped")
            let auditID = try #require(entries.first?["id"]?.stringValue)
            #expect(try await api.request(.PATCH, "/api/v1/audit_logs/\(auditID)", key: api.keyA, json: "{}").status == .methodNotAllowed)
            #expect(try await api.request(.DELETE, "/api/v1/audit_logs/\(auditID)", key: api.keyA).status == .methodNotAllowed)
        }
    }
}
