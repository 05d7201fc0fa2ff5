import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

@Suite("API: OpenAPI document and reference page")
struct OpenAPITests {
    @Test("The served document is OpenAPI 3.1 and describes every resource, its schema and its errors")
    func document() async throws {
        try await withAPI { api in
            let response = try await api.request(.GET, "/api/v1/openapi.json", key: nil)
            #expect(response.status == .ok)
            let document = try #require(response.json.objectValue)
            #expect(document["openapi"] == .string("3.1.0"))
            let paths = try #require(document["paths"]?.objectValue)
            let schemas = try #require(document["components"]?.objectValue?["schemas"]?.objectValue)
            for resource in Resources.all {
                let collection = try #require(paths["/api/v1/\(resource.name)"]?.objectValue, "\(resource.name)")
                #expect(collection["get"] != nil)
                #expect((collection["post"] != nil) == resource.canCreate, "\(resource.name) POST")
                let item = try #require(paths["/api/v1/\(resource.name)/{id}"]?.objectValue)
                #expect((item["patch"] != nil) == resource.canUpdate && (item["delete"] != nil) == resource.canDelete)
                let schema = try #require(schemas[OpenAPIDocument.schemaName(resource)]?.objectValue?["properties"]?.objectValue)
                #expect(Set(schema.keys) == Set(resource.columns.map(\.name)), "\(resource.name) schema columns")
            }
            let prompt = try #require(schemas["PromptsCreate"]?.objectValue)
            #expect(prompt["required"] == .array(["name", "content"]))
            #expect(prompt["additionalProperties"] == .bool(false))
            let name = prompt["properties"]?.objectValue?["name"]?.objectValue
            #expect(name?["maxLength"] == .number(255))
            #expect(prompt["properties"]?.objectValue?["role"]?.objectValue?["enum"] == .array(["system", "user", "assistant", "tool"]))
            let post = try #require(paths["/api/v1/prompts"]?.objectValue?["post"]?.objectValue?["responses"]?.objectValue)
            let statuses = Set(post.keys)
            #expect(statuses.isSuperset(of: ["201", "400", "401", "409", "413", "415", "422"]))
            // Modules' own operations are described too, each with its answer.
            for operation in Modules.all.flatMap(\.apiOperations) {
                let described = try #require(paths[operation.path]?.objectValue?[operation.method.rawValue]?.objectValue, "\(operation.path)")
                #expect(described["responses"]?.objectValue?[String(operation.status)] != nil && described["operationId"] == .string(operation.operationID))
            }
            let byCode = try #require(paths["/api/v1/prompts/by-code/{code}"]?.objectValue?["get"]?.objectValue?["responses"]?.objectValue)
            #expect(byCode["304"] != nil && byCode["200"]?.objectValue?["headers"]?.objectValue?["ETag"] != nil)
            #expect(paths["/api/v1/prompts/{id}/labels/{label}"]?.objectValue?["put"] != nil && paths["/api/v1/prompt_suites/{id}/render"]?.objectValue?["post"] != nil)
        }
    }

    @Test("/api/docs is a readable reference of every resource")
    func docsPage() async throws {
        try await withAPI { api in
            let page = try await api.request(.GET, "/api/docs", key: nil)
            #expect(page.status == .ok && page.headers.contentType?.subType == "html")
            for resource in Resources.all { #expect(page.text.contains("id=\"\(resource.name)\"")) }
            #expect(page.text.contains("Full-text search over name, description, content"))
            #expect(page.text.contains("POST /api/v1/prompts/{id}/render"))
        }
    }
}
