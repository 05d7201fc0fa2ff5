import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// The API fixture with a fake provider on loopback and a clock the test moves.
struct GatewayFixture {
    let api: APIFixture
    let upstream: FakeUpstream
    let clock: TestClock

    var app: Application { api.app }
    var store: Store { api.store }

    /// Randomness fixed at the middle (backoff jitter), so waits are the same every run.
    struct HalfRandom: RandomSource { func unit() -> Double { 0.5 } }

    static func run(importCatalog: Bool = false, environment: [String: String] = [:], _ body: (GatewayFixture) async throws -> Void) async throws {
        let upstream = try await FakeUpstream.start()
        let clock = TestClock()
        do {
            try await withAPI(clients: HubClients(clock: clock, random: HalfRandom(), environment: { environment[$0] })) { api in
                if importCatalog {
                    _ = try await ModelCatalogImporter(store: api.store, clients: api.app.hubClients).importFile(at: ReferenceDataTests.catalogPath)
                }
                try await body(GatewayFixture(api: api, upstream: upstream, clock: clock))
            }
            await upstream.stop()
        } catch {
            await upstream.stop()
            throw error
        }
    }

    /// The catalog row of `modelID`.
    func modelRowID(_ modelID: String) async throws -> String {
        let row = try #require(try await store.select(ModelCatalogTables.llmModels, where: ["model_id": .string(modelID)], limit: 1).first)
        return try #require(row["id"]?.stringValue)
    }

    /// Creates a configuration of tenant A through the API on `model`, calling the fake provider with `behaviour`
    /// (with `key` as its own provider key; none when empty).
    @discardableResult
    func configure(_ name: String, model: String = "gpt-4o-mini", behaviour: String = "ok", anthropic: Bool = false,
                   key: String = "sk-fake-secret-0001", extra: [String: JSONValue] = [:]) async throws -> String {
        var body: [String: JSONValue] = [
            "name": .string(name), "model_id": .string(try await modelRowID(model)),
            "api_base_url": .string(upstream.base(behaviour) + (anthropic ? "" : "/v1")),
        ]
        if !key.isEmpty { body["api_key"] = .string(key) }
        body.merge(extra) { $1 }
        let response = try await api.request(.POST, "/api/v1/model_configurations", key: api.keyA, json: String(decoding: JSONValue.object(body).jsonBytes, as: UTF8.self))
        #expect(response.status == .created, "configuration \(name): \(response.body.string)")
        return try #require(response.json["id"]?.stringValue)
    }

    @discardableResult
    func chat(_ model: String, _ content: String = "hello", extra: String = "", key: String? = nil,
              headers: [(String, String)] = []) async throws -> TestingHTTPResponse {
        clock.advance(0.001)  // each call its own time, so the log sorts in call order
        let body = #"{"model":\#(FakeUpstream.quoted(model)),"messages":[{"role":"user","content":\#(FakeUpstream.quoted(content))}]\#(extra)}"#
        return try await api.request(.POST, "/v1/chat/completions", key: key ?? api.keyA, json: body, headers: headers)
    }

    /// The generation log, every waiting record written first, newest last.
    func logs() async throws -> [DBRow] {
        await app.generationLog.flush()
        return try await store.select(GenerationTables.aiLogs).sorted {
            ($0["created_at"]?.dateValue ?? .distantPast, $0["id"]?.stringValue ?? "") < ($1["created_at"]?.dateValue ?? .distantPast, $1["id"]?.stringValue ?? "")
        }
    }

    func configuration(_ id: String) async throws -> DBRow {
        await app.generationLog.flush()
        return try #require(try await store.find(ModelCatalogTables.modelConfigurations, id: .string(id)))
    }
}

/// Whether a stored cost is `expected` dollars, to a millionth of a millionth (PostgreSQL's numeric reads
/// back as the nearest double, not always the literal's).
func dollars(_ value: DBValue?, _ expected: Double) -> Bool {
    guard let value = value?.doubleValue else { return false }
    return abs(value - expected) < 1e-12
}
