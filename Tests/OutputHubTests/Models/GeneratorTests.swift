import Foundation
@testable import OutputHub
import Testing

@Suite("Demo data generator")
struct GeneratorTests {
    @Test("generate fills every planned table, deterministically, and valid for the API")
    func generate() async throws {
        try await withAPI { api in
            let generator = DemoDataGenerator(store: api.store)
            let counts = try await generator.generate(scale: 200, tenantID: api.tenantA.uuidValue!, userID: api.userA.uuidValue!)
            let expected: [String: Int] = [
                "prompts": 200, "prompt_versions": 400, "outputs": 200, "conversations": 20, "messages": 120,
                "ai_logs": 100, "ai_user_feedback": 20, "document_chunks": 16, "knowledge_sources": 2,
            ]
            for (table, count) in expected {
                #expect(counts.first { $0.0 == table }?.1 == count, "\(table)")
                #expect(try await api.store.count(table) == count, "\(table) rows")
            }
            let conversations = try await api.get("/api/v1/conversations?limit=1&select=message_count")
            #expect(conversations.rows.first?["message_count"] == .number(6), "triggers kept counts during the bulk load")
            #expect(try await api.get("/api/v1/prompts?q=quarterly&count=exact&limit=1").json.objectValue?["total"]?.numberValue ?? 0 > 0)

            let first = try await api.get("/api/v1/prompts?order=code&limit=3&select=name,content").rows
            await #expect(throws: (any Error).self) {
                try await generator.generate(scale: 10, tenantID: api.tenantA.uuidValue!, userID: api.userA.uuidValue!)
            }
            let counts2 = try await generator.generate(scale: 200, tenantID: api.tenantB.uuidValue!, userID: api.userA.uuidValue!)
            #expect(counts2.map(\.1) == counts.map(\.1))
            let second = try await api.get("/api/v1/prompts?order=code&limit=3&select=name,content", key: api.keyB).rows
            #expect(first == second, "the same text for the same scale")
        }
    }
}
