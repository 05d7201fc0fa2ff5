import Crypto
import Foundation
@testable import OutputHub
import Testing
import Vapor

@Suite("Identity: secrets at rest")
struct SecretsTests {
    @Test("Integration credentials and provider keys are sealed in the database and never come back out")
    func sealedAndMasked() async throws {
        try await withAPI { api in
            let chatbot = try await api.request(.POST, "/api/v1/chatbot_instances", key: api.keyA, json: #"{"name":"Helpdesk","llm_model":"gpt-4o","system_prompt":"Help."}"#)
            let chatbotID = try #require(chatbot.json.objectValue?["id"]?.stringValue, "\(chatbot.text)")
            let secret = "line-channel-secret-QX7Z"
            let created = try await api.request(.POST, "/api/v1/integration_configs", key: api.keyA, json: """
                {"chatbot_id":"\(chatbotID)","integration_type":"line_oa","integration_name":"LINE","credentials":{"channel_secret":"\(secret)"}}
                """)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json.objectValue?["id"]?.stringValue)
            let masked = JSONValue.object(["set": .bool(true), "last4": .string("QX7Z")])
            #expect(created.json.objectValue?["credentials"] == masked)
            #expect(try await api.get("/api/v1/integration_configs/\(id)").json.objectValue?["credentials"] == masked)
            #expect(try await api.get("/api/v1/integration_configs").rows.first?["credentials"] == masked)
            #expect(!(try await api.get("/api/v1/integration_configs", accept: "text/csv").text.contains(secret)))
            #expect(try await api.get("/api/v1/integration_configs?credentials=is.null").status == .badRequest, "secrets cannot be filtered on")

            let stored = try #require(try await api.store.find(Catalog.declared("integration_configs"), id: .uuid(UUID(uuidString: id)!)))
            let text = try #require(stored["credentials"]?.stringValue)
            #expect(text.contains("enc:v1:"))
            #expect(!text.contains(secret))
            let sealed = try JSONDecoder().decode(String.self, from: Data(text.utf8))
            #expect(try api.app.outputHub.secrets.open(sealed) == "{\"channel_secret\":\"\(secret)\"}")

            let renamed = try await api.request(.PATCH, "/api/v1/integration_configs/\(id)", key: api.keyA, json: #"{"integration_name":"LINE OA"}"#)
            #expect(renamed.json.objectValue?["credentials"] == masked, "an edit without credentials keeps them")
            let audit = try await api.get("/api/v1/audit_logs?table_name=eq.integration_configs", key: api.keyA)
            #expect(audit.rows.count == 2)
            #expect(!audit.text.contains(secret) && !audit.text.contains("enc:v1"), "the audit log holds no secret")

            let config = try await api.request(.POST, "/api/v1/model_configurations", key: api.keyA, json: """
                {"model_id":"\(try await Self.anyModel(api))","name":"Default","api_key":"sk-live-1234abcd"}
                """)
            #expect(config.status == .created, "\(config.text)")
            #expect(config.json.objectValue?["api_key"]?.stringValue == "••••abcd")
            #expect(!config.text.contains("sk-live"))
        }
    }

    @Test("The admin UI never shows a stored secret, and leaving the field blank keeps it")
    func screens() async throws {
        try await withAPI { api in
            let model = try await Self.anyModel(api)
            let browser = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            let created = try await browser.post("/admin/model_configurations/new", ["model_id": model, "name": "Gateway", "api_key": "sk-test-9876wxyz"])
            let path = try #require(created.location, "\(created.text)")
            let detail = try await browser.get(path)
            #expect(detail.visibleText.contains("••••wxyz"))
            #expect(!detail.text.contains("sk-test"))
            let edit = try await browser.get(path + "/edit")
            #expect(edit.text.contains("type=\"password\""))
            #expect(!edit.text.contains("wxyz\""), "the form does not hold the secret")
            _ = try await browser.post(path + "/edit", ["model_id": model, "name": "Gateway 2", "api_key": ""])
            #expect(try await browser.get(path).visibleText.contains("••••wxyz"))
        }
    }

    @Test("A wrong key or altered data does not open; rotation re-seals every secret under the new key")
    func rotation() async throws {
        try await withAPI { api in
            let old = api.app.outputHub.secrets
            let sealed = try old.seal("top secret 42")
            #expect(throws: SecretError.self) { try SecretBox(key: SymmetricKey(size: .bits256)).open(sealed) }
            var altered = Array(sealed)
            altered[altered.count - 3] = altered[altered.count - 3] == "A" ? "B" : "A"
            #expect(throws: SecretError.self) { try old.open(String(altered)) }

            let model = try await Self.anyModel(api)
            #expect(try await api.request(.POST, "/api/v1/model_configurations", key: api.keyA,
                                          json: "{\"model_id\":\"\(model)\",\"name\":\"R\",\"api_key\":\"sk-rotate-5678\"}").status == .created)
            let new = SecretBox(key: SymmetricKey(size: .bits256))
            #expect(try await SecretRotation(old: old, new: new).run(api.store) == 1)
            let row = try #require(try await api.store.select(Catalog.declared("model_configurations"), where: ["name": .string("R")], limit: 1).first)
            let stored = try #require(row["api_key"]?.stringValue)
            #expect(try new.open(stored) == "sk-rotate-5678")
            #expect(throws: SecretError.self) { try old.open(stored) }
        }
    }

    @Test("The key file is created owner-only on first run, and outputhub rotate-key replaces it")
    func keyFileAndCLI() async throws {
        try await withCLI { cli, settings in
            #expect(try await cli.run(["migrate"]).status == 0)
            let path = SecretBox.keyFile(settings)
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            let before = try String(contentsOfFile: path, encoding: .utf8)
            let rotated = try await cli.run(["rotate-key"])
            #expect(rotated.status == 0, "\(rotated.stderr)")
            #expect(rotated.stdout.contains("Re-encrypted 0 secrets"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) != before)
            #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
        }
    }

    static func anyModel(_ api: APIFixture) async throws -> String {
        try #require(try await api.store.select(Catalog.declared("llm_models"), limit: 1).first?["id"]?.stringValue)
    }
}
