import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// Every error status with its problem+json body; a refused write changes nothing.
@Suite("API: errors")
struct ErrorTests {
    static func expectProblem(_ response: TestingHTTPResponse, _ status: HTTPStatus, fields: [String] = [],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(response.headers.contentType?.subType == "problem+json", sourceLocation: sourceLocation)
        let object = response.json.objectValue ?? [:]
        #expect(object["status"] == .number(Double(status.code)) && object["title"] != nil && object["detail"] != nil
                && object["type"] != nil && object["errors"] != nil, "\(response.text)", sourceLocation: sourceLocation)
        for field in fields {
            #expect(response.errorFields.contains(field), "\(field) not named in \(response.text)", sourceLocation: sourceLocation)
        }
    }

    @Test("400: malformed JSON, unknown columns, operators and values")
    func badRequests() async throws {
        try await withAPI { api in
            Self.expectProblem(try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: "{\"name\": "), .badRequest, fields: ["body"])
            Self.expectProblem(try await api.get("/api/v1/prompts?nope=eq.1"), .badRequest, fields: ["nope"])
            Self.expectProblem(try await api.get("/api/v1/prompts?name=contains.x"), .badRequest, fields: ["name"])
            Self.expectProblem(try await api.get("/api/v1/prompts?usage_count=gt.many"), .badRequest, fields: ["usage_count"])
            Self.expectProblem(try await api.get("/api/v1/prompts?created_at=lt.yesterday"), .badRequest, fields: ["created_at"])
            Self.expectProblem(try await api.get("/api/v1/prompts?id=in.(1,2)"), .badRequest, fields: ["id"])
            Self.expectProblem(try await api.get("/api/v1/prompts?order=nope.desc"), .badRequest, fields: ["order"])
            Self.expectProblem(try await api.get("/api/v1/prompts?order=name.sideways"), .badRequest, fields: ["order"])
            Self.expectProblem(try await api.get("/api/v1/prompts?select=name,nope"), .badRequest, fields: ["select"])
            Self.expectProblem(try await api.get("/api/v1/prompts?limit=0"), .badRequest, fields: ["limit"])
            Self.expectProblem(try await api.get("/api/v1/prompts?limit=1001"), .badRequest, fields: ["limit"])
            Self.expectProblem(try await api.get("/api/v1/prompts?cursor=garbage"), .badRequest, fields: ["cursor"])
            Self.expectProblem(try await api.get("/api/v1/prompts?variables=eq.x"), .badRequest, fields: ["variables"])
            Self.expectProblem(try await api.get("/api/v1/prompts?count=maybe"), .badRequest, fields: ["count"])
            Self.expectProblem(try await api.get("/api/v1/prompts?name=eq.%C3%28"), .badRequest, fields: ["name"])
            let accented = try await api.get("/api/v1/prompts?name=eq.caf%C3%A9+au+lait")
            #expect(accented.status == .ok && accented.rows.isEmpty, "\(accented.text)")
        }
    }

    @Test("401: no key, an unknown key, a revoked key, an expired key, a key whose user left the tenant")
    func unauthorized() async throws {
        try await withAPI { api in
            Self.expectProblem(try await api.request(.GET, "/api/v1/prompts", key: nil), .unauthorized)
            Self.expectProblem(try await api.request(.GET, "/api/v1/prompts", key: "oh_" + String(repeating: "x", count: 40)), .unauthorized)
            let keys = APIKeyService(store: api.store, clients: api.app.hubClients)
            let revoked = try await keys.create(tenantSlug: "alpha", email: "ann@alpha.test", name: "r")
            try await api.store.update(Catalog.declared("api_keys"), id: revoked.row["id"]!, ["revoked_at": .date(Date())])
            Self.expectProblem(try await api.request(.GET, "/api/v1/prompts", key: revoked.key), .unauthorized)
            let expired = try await keys.create(tenantSlug: "alpha", email: "ann@alpha.test", name: "e", expiresAt: Date().addingTimeInterval(-1))
            Self.expectProblem(try await api.request(.GET, "/api/v1/prompts", key: expired.key), .unauthorized)
            #expect(try await api.get("/api/v1/prompts").status == .ok)
            var sql = SQLText(api.store.engine, "DELETE FROM tenant_memberships WHERE user_id = ")
            sql.bind(api.userA, as: .uuid)
            try await api.store.run(sql)
            Self.expectProblem(try await api.get("/api/v1/prompts"), .unauthorized)
            #expect(try await api.request(.GET, "/healthz", key: nil).status == .ok)
            #expect(try await api.request(.GET, "/api/v1/openapi.json", key: nil).status == .ok)
        }
    }

    @Test("404: unknown resource, unknown id, an id that is not a UUID")
    func notFound() async throws {
        try await withAPI { api in
            Self.expectProblem(try await api.get("/api/v1/nonsense"), .notFound)
            Self.expectProblem(try await api.get("/api/v1/prompts/\(UUID())"), .notFound)
            Self.expectProblem(try await api.get("/api/v1/prompts/not-a-uuid"), .notFound)
            Self.expectProblem(try await api.request(.PATCH, "/api/v1/prompts/\(UUID())", key: api.keyA, json: "{}"), .notFound)
            Self.expectProblem(try await api.request(.DELETE, "/api/v1/prompts/\(UUID())", key: api.keyA), .notFound)
        }
    }

    @Test("409: unique and reference conflicts name the field, and change nothing")
    func conflicts() async throws {
        try await withAPI { api in
            let body = #"{"name":"Config","model_id":"MODEL","temperature":0.5}"#
            let models = try await api.get("/api/v1/llm_models?limit=1&select=id")
            let model = try #require(models.rows.first?["id"]?.stringValue)
            #expect(try await api.request(.POST, "/api/v1/model_configurations", key: api.keyA, json: body.replacingOccurrences(of: "MODEL", with: model)).status == .created)
            Self.expectProblem(try await api.request(.POST, "/api/v1/model_configurations", key: api.keyA,
                                                     json: body.replacingOccurrences(of: "MODEL", with: model)), .conflict, fields: ["name"])
            Self.expectProblem(try await api.request(.POST, "/api/v1/model_configurations", key: api.keyA,
                                                     json: body.replacingOccurrences(of: "MODEL", with: UUID().uuidString)), .conflict, fields: ["model_id"])
            #expect(try await api.store.count("model_configurations") == 1)

            // A row still referred to by a row that keeps its reference cannot be hard-deleted.
            let category = try await api.request(.POST, "/api/v1/skill_categories", key: api.adminKey, json: #"{"name":"Parent","code":"PARENT"}"#)
            let categoryID = try #require(category.json.objectValue?["id"]?.stringValue)
            let child = try await api.request(.POST, "/api/v1/skill_categories", key: api.adminKey,
                                              json: "{\"name\":\"Child\",\"code\":\"CHILD\",\"parent_category_id\":\"\(categoryID)\"}")
            #expect(child.status == .created)
            Self.expectProblem(try await api.request(.DELETE, "/api/v1/skill_categories/\(categoryID)", key: api.adminKey), .conflict, fields: ["id"])
            #expect(try await api.get("/api/v1/skill_categories/\(categoryID)").status == .ok, "still there")
        }
    }

    @Test("413, 415 and 422: too large, not JSON, invalid fields all at once")
    func payloads() async throws {
        try await withAPI { api in
            let huge = "{\"name\":\"x\",\"content\":\"" + String(repeating: "a", count: 1_100_000) + "\"}"
            Self.expectProblem(try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: huge), .payloadTooLarge)
            Self.expectProblem(try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: "name=x", headers: [("Content-Type", "text/plain")]), .unsupportedMediaType)
            let invalid = try await api.request(.POST, "/api/v1/model_configurations", key: api.keyA,
                                                json: #"{"name":"ab","temperature":"hot","top_p":3,"max_tokens":1.5,"stop_sequences":[1],"extra":true,"usage_count":4}"#)
            Self.expectProblem(invalid, .unprocessableEntity, fields: ["temperature", "top_p", "max_tokens", "stop_sequences", "extra", "usage_count", "model_id"])
            let tooLong = try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: "{\"name\":\"\(String(repeating: "n", count: 256))\",\"content\":\"c\",\"role\":\"boss\"}")
            Self.expectProblem(tooLong, .unprocessableEntity, fields: ["name", "role"])
            Self.expectProblem(try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: "42"), .unprocessableEntity, fields: ["body"])
            Self.expectProblem(try await api.request(.PATCH, "/api/v1/tenants/\(api.tenantA.stringValue!)", key: api.keyA, json: #"{"id":"\#(UUID())"}"#), .unprocessableEntity, fields: ["id"])
            #expect(try await api.store.count("prompts") == 0)
        }
    }

    @Test("A table CHECK is a 422 naming its fields")
    func tableCheck() async throws {
        try await withAPI { api in
            let suite = try await api.request(.POST, "/api/v1/prompt_suites", key: api.keyA, json: #"{"name":"S","code":"S1"}"#)
            let suiteID = try #require(suite.json.objectValue?["id"]?.stringValue)
            let response = try await api.request(.POST, "/api/v1/suite_assignments", key: api.keyA, json: "{\"suite_id\":\"\(suiteID)\"}")
            Self.expectProblem(response, .unprocessableEntity, fields: ["agent_id", "solution_id", "workflow_id"])
            let config = #"{"name":"C","model_id":"M","temperature":2.5}"#
            let model = try #require(try await api.get("/api/v1/llm_models?limit=1&select=id").rows.first?["id"]?.stringValue)
            Self.expectProblem(try await api.request(.POST, "/api/v1/model_configurations", key: api.keyA, json: config.replacingOccurrences(of: "\"M\"", with: "\"\(model)\"")),
                               .unprocessableEntity, fields: ["temperature"])
        }
    }

    @Test("Bulk create writes every row or none")
    func bulk() async throws {
        try await withAPI { api in
            let good = (1...3).map { "{\"name\":\"B\($0)\",\"content\":\"c\"}" }
            let mixed = try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: "[" + good.joined(separator: ",") + ",{\"name\":\"bad\"}]")
            Self.expectProblem(mixed, .unprocessableEntity, fields: ["[3].content"])
            let duplicate = #"[{"name":"T1","code":"SAME","content":"c"},{"name":"T2","code":"SAME","content":"c"}]"#
            Self.expectProblem(try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: duplicate), .conflict, fields: ["[1].code"])
            #expect(try await api.store.count("prompts") == 0, "nothing written")
            #expect(try await api.store.count("audit_logs") == 0, "no audit rows for a refused write")
            let created = try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: "[" + good.joined(separator: ",") + "]")
            #expect(created.status == .created && created.rows.count == 3)
        }
    }

    @Test("Global catalogs are read by every tenant and changed only by a system administrator")
    func globalCatalogs() async throws {
        try await withAPI { api in
            #expect(try await api.get("/api/v1/llm_providers", key: api.keyB).rows.count == 7)
            Self.expectProblem(try await api.request(.POST, "/api/v1/llm_providers", key: api.keyA, json: #"{"name":"X","code":"x","auth_type":"api_key"}"#), .forbidden)
            #expect(try await api.request(.POST, "/api/v1/llm_providers", key: api.adminKey, json: #"{"name":"X","code":"x","auth_type":"api_key"}"#).status == .created)
            Self.expectProblem(try await api.request(.POST, "/api/v1/audit_logs", key: api.keyA, json: "{}"), .methodNotAllowed)
        }
    }
}
