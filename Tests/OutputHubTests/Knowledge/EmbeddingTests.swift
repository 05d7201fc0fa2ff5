import Foundation
@testable import OutputHub
import Testing
import Vapor

/// Embeddings through a fake embeddings server (the gateway's OpenAI adapter, behaviour `words`), the
/// vector channel and hybrid fusion, and an index that follows what another server writes.
@Suite("Knowledge: embeddings and vector search")
struct EmbeddingTests {
    static let model = "openai:text-embedding-3-small"

    /// A configuration on the fake server's word-vector model, chosen as tenant A's embedding configuration.
    static func embeddingModel(_ g: GatewayFixture, behaviour: String = "words") async throws {
        try await g.configure("embedder", model: "text-embedding-3-small", behaviour: behaviour)
        try await choose("embedder", g.api)
    }

    static func choose(_ name: String, _ api: APIFixture) async throws {
        let existing = try await api.store.select(SystemTables.systemSettings, where: ["tenant_id": api.tenantA, "key": .string("embedding_configuration")])
        let body = #"{"key":"embedding_configuration","value":\#(FakeUpstream.quoted(name))}"#
        let response = if let id = existing.first?["id"]?.stringValue {
            try await api.request(.PATCH, "/api/v1/system_settings/\(id)", key: api.keyA, json: body)
        } else {
            try await api.request(.POST, "/api/v1/system_settings", key: api.keyA, json: body)
        }
        #expect(response.status == .created || response.status == .ok, "\(response.text)")
    }

    static func search(_ api: APIFixture, _ text: String, mode: String = "hybrid", extra: String = "", key: String? = nil) async throws -> JSONValue {
        try await api.search(#"{"query":\#(FakeUpstream.quoted(text)),"mode":"\#(mode)"\#(extra)}"#, key: key)
    }

    static func channel(_ answer: JSONValue, _ name: String) -> [String: JSONValue] {
        answer.objectValue?["channels"]?.objectValue?[name]?.objectValue ?? [:]
    }

    @Test("ingestion embeds each chunk once per model, through the gateway, and a changed file sends only its changed chunks")
    func embeddingsAreStoredAndCached() async throws {
        try await GatewayFixture.run(importCatalog: true) { g in
            try await Self.embeddingModel(g)
            let docs = try await SearchTests.library(g.api)
            let chunks = try await g.store.select(KnowledgeTables.documentChunks)
            let embeddings = try await g.store.select(KnowledgeTables.chunkEmbeddings)
            #expect(embeddings.count == chunks.count && !chunks.isEmpty)
            #expect(Set(embeddings.compactMap { $0["chunk_id"]?.stringValue }) == Set(chunks.compactMap { $0["id"]?.stringValue }))
            for row in embeddings {
                #expect(row["model"]?.stringValue == Self.model && row["dimensions"]?.intValue == 64)
                guard case .bytes(let data) = row["vector"] else { Issue.record("no packed vector"); continue }
                #expect(data.count == 64 * 4)
                let vector = PackedVector.unpack(data)
                #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-4, "stored at unit length")
            }
            let hashes = Set(chunks.compactMap { $0["content_hash"]?.stringValue })
            #expect(try await g.store.select(KnowledgeTables.embeddingCache).count == hashes.count)
            #expect(g.upstream.embeddedTexts.count == hashes.count, "each distinct text sent once")
            let calls = try await g.logs().filter { $0["model_name"]?.stringValue == "embedder" }
            #expect(!calls.isEmpty && calls.allSatisfy { $0["status"]?.stringValue == "success" }, "embedding calls are logged as generations")

            let compressor = try #require(docs["compressor"])
            let embed = DocumentPipeline.log(of: try #require(try await g.store.find(KnowledgeTables.knowledgeSources, id: .string(compressor))))
                .last { $0["stage"]?.stringValue == "embed" }
            #expect(embed?["status"]?.stringValue == "ok")
            #expect(embed?["detail"]?.stringValue?.contains("embedded by \(Self.model)") == true)

            // A changed paragraph: one new text goes to the model, the others come from the cache.
            let sent = g.upstream.embeddedTexts.count
            let original = String(decoding: try APIFixture.fixture("compressor.md"), as: UTF8.self)
            let changed = original.replacingOccurrences(of: "cracks and tension", with: "cracks, glazing and tension")
            #expect(try await g.api.upload([("compressor.md", Data(changed.utf8))]).status == .accepted)
            try await g.api.ingest()
            #expect(g.upstream.embeddedTexts.count == sent + 1)
            #expect(g.upstream.embeddedTexts.last?.contains("glazing") == true)
            let after = try await g.api.chunks(of: compressor)
            let embedded = Set(try await g.store.select(KnowledgeTables.chunkEmbeddings).compactMap { $0["chunk_id"]?.stringValue })
            #expect(after.allSatisfy { embedded.contains($0["id"]?.stringValue ?? "") }, "every chunk of the new version has its embedding")
            #expect(try await g.store.select(KnowledgeTables.chunkEmbeddings).count == (try await g.store.select(KnowledgeTables.documentChunks)).count,
                    "the removed chunk's embedding went with it")
        }
    }

    @Test("vector and hybrid search: a chunk's words find it by cosine similarity, both channels rank it, thresholds apply per channel, tenants stay apart")
    func vectorAndHybridSearch() async throws {
        try await GatewayFixture.run(importCatalog: true) { g in
            try await Self.embeddingModel(g)
            let docs = try await SearchTests.library(g.api)
            let compressor = try #require(docs["compressor"])
            let target = try #require(try await g.api.chunks(of: compressor).first { ($0["heading"]?.stringValue ?? "").hasSuffix("Belts") })
            let targetID = try #require(target["id"]?.stringValue)

            let vector = try await Self.search(g.api, "drive belts tension cracks inspect", mode: "vector")
            let top = try #require(vector.hits.first)
            #expect(top["chunk_id"]?.stringValue == targetID)
            #expect(top["vector"]?.objectValue?["rank"]?.numberValue == 1)
            #expect((top["vector"]?.objectValue?["score"]?.numberValue ?? 0) > 0.5)
            #expect(top["keyword"] == .null)
            #expect(Self.channel(vector, "vector")["enabled"] == .bool(true))
            #expect(Self.channel(vector, "keyword") == ["enabled": .bool(false), "reason": .string("mode is vector")])
            let scores = vector.hits.compactMap { $0["vector"]?.objectValue?["score"]?.numberValue }
            #expect(scores == scores.sorted(by: >) && scores.allSatisfy { $0 <= 1.000001 && $0 >= -1.000001 })

            let hybrid = try await Self.search(g.api, "drive belts tension cracks inspect")
            let best = try #require(hybrid.hits.first)
            #expect(best["chunk_id"]?.stringValue == targetID)
            #expect(best["keyword"]?.objectValue?["rank"]?.numberValue == 1 && best["vector"]?.objectValue?["rank"]?.numberValue == 1)
            #expect(abs((best["score"]?.numberValue ?? 0) - 2.0 / 61) < 1e-6, "reciprocal rank fusion of two first places")
            #expect(Self.channel(hybrid, "vector")["enabled"] == .bool(true) && Self.channel(hybrid, "keyword")["enabled"] == .bool(true))

            // A vector threshold above every cosine leaves the keyword channel's hits, with no vector part.
            let strict = try await Self.search(g.api, "drive belts tension cracks inspect", extra: #","min_vector_score":1.5"#)
            #expect(!strict.hits.isEmpty && strict.hits.allSatisfy { $0["vector"] == .null })
            #expect(Self.channel(strict, "vector")["candidates"]?.numberValue == 0)

            // Filters hold in the vector channel too.
            let filtered = try await Self.search(g.api, "drive belts tension cracks inspect", mode: "vector",
                                                 extra: #","filters":{"document_id":"\#(docs["pump"]!)"}"#)
            #expect(!filtered.hits.isEmpty && filtered.hits.allSatisfy { $0["document_id"]?.stringValue == docs["pump"] })

            // An exact title stays first in hybrid mode.
            #expect(try await Self.search(g.api, "Pump Checklist").hits.first?["document_id"]?.stringValue == docs["pump"])

            // The screens: a document's page says which model embeds its chunks, the search page shows the vector ranks.
            let browser = try await BrowserSession.signIn(g.app, email: "ann@alpha.test", password: "long password 1")
            let page = try await browser.get(AdminPath.detail("knowledge_sources", compressor))
            #expect(page.body.string.contains("Embeddings: <strong>\(Self.model)</strong> (64 dimensions) for"))
            let screen = try await browser.get(KnowledgeScreens.searchRoute.link(query: [("q", "drive belts tension cracks inspect")]))
            #expect(screen.body.string.contains("<strong>vector</strong>: ran"))
            #expect(screen.body.string.contains("#1 · 0."), "a hit's vector rank and cosine")
            let pump = try await browser.get(AdminPath.detail("knowledge_sources", try #require(docs["pump"])))
            #expect(pump.body.string.contains("Embeddings: <strong>"))

            // Tenant B has no embedding model and none of A's chunks.
            let other = try await Self.search(g.api, "drive belts tension cracks inspect", key: g.api.keyB)
            #expect(other.hits.isEmpty)
            #expect(Self.channel(other, "vector") == ["enabled": .bool(false), "reason": .string("no embedding model")])
        }
    }

    @Test("an embedding configuration that cannot be used fails the document with the reason; fixed, the retry embeds it")
    func unusableModel() async throws {
        try await GatewayFixture.run(importCatalog: true) { g in
            try await Self.choose("no-such-configuration", g.api)
            let id = try await g.api.uploadAccepted([("pump.txt", try APIFixture.fixture("pump.txt"))])[0]
            try await g.api.ingest()
            let failed = try await g.api.document(id)
            #expect(failed["processing_status"]?.stringValue == "failed")
            #expect(failed["processing_error"]?.stringValue?.contains("embedding configuration 'no-such-configuration' cannot be used") == true)
            let answer = try await Self.search(g.api, "pump")
            #expect(Self.channel(answer, "vector")["reason"]?.stringValue?.contains("cannot be used") == true)

            try await g.configure("embedder", model: "text-embedding-3-small", behaviour: "words")
            try await Self.choose("embedder", g.api)
            #expect(try await g.api.request(.POST, "/api/v1/knowledge_sources/\(id)/retry", key: g.api.keyA).status == .ok)
            try await g.api.ingest()
            #expect(try await g.api.document(id)["processing_status"]?.stringValue == "completed")
            #expect(try await g.store.select(KnowledgeTables.chunkEmbeddings).count == (try await g.api.chunks(of: id)).count)
            g.clock.advance(2)
            #expect(Self.channel(try await Self.search(g.api, "pump"), "vector")["enabled"] == .bool(true))
        }
    }

    @Test("chunks ingested before the tenant chose a model are embedded by the background task")
    func backfill() async throws {
        try await GatewayFixture.run(importCatalog: true) { g in
            _ = try await SearchTests.library(g.api)
            #expect(try await g.store.select(KnowledgeTables.chunkEmbeddings).isEmpty)
            try await Self.embeddingModel(g)
            g.clock.advance(600)  // the next five-minute period
            try await g.api.ingest()
            #expect(try await g.store.select(KnowledgeTables.chunkEmbeddings).count == (try await g.store.select(KnowledgeTables.documentChunks)).count)
        }
    }

    @Test("a second server's index follows the first server's new and deleted documents")
    func secondServerFollows() async throws {
        try await GatewayFixture.run(importCatalog: true) { g in
            try await Self.embeddingModel(g)
            _ = try await g.api.uploadAccepted([("pump.txt", try APIFixture.fixture("pump.txt"))])
            try await g.api.ingest()
            try await withSecondServer(g.app, clients: g.app.hubClients) { second in
                let other = APIFixture(app: second, tenantA: g.api.tenantA, tenantB: g.api.tenantB, userA: g.api.userA,
                                       keyA: g.api.keyA, keyB: g.api.keyB, adminKey: g.api.adminKey)
                let query = "ball valves quarter turn"
                #expect(Self.channel(try await Self.search(other, query, mode: "vector"), "vector")["enabled"] == .bool(true))
                #expect(!(try await Self.search(other, query, mode: "vector").hits.contains { $0["title"]?.stringValue == "Valve Types" }))

                let valves = try await g.api.uploadAccepted([("valves.html", try APIFixture.fixture("valves.html"))])[0]
                try await g.api.ingest()
                g.clock.advance(2)  // past the index's next check
                let found = try await Self.search(other, query, mode: "vector")
                #expect(found.hits.first?["document_id"]?.stringValue == valves, "the second server sees the first server's new chunks")

                #expect(try await g.api.request(.DELETE, "/api/v1/knowledge_sources/\(valves)", key: g.api.keyA).status == .noContent)
                #expect(!(try await Self.search(other, query, mode: "vector").hits.contains { $0["document_id"]?.stringValue == valves }),
                        "a deleted document is gone at once, before the index looks again")
            }
        }
    }

    @Test("the index appends new rows and rebuilds when rows are deleted")
    func indexFollowsTable() async throws {
        try await GatewayFixture.run(importCatalog: true) { g in
            try await Self.embeddingModel(g)
            let pump = try await g.api.uploadAccepted([("pump.txt", try APIFixture.fixture("pump.txt"))])[0]
            try await g.api.ingest()
            let indexes = VectorIndexes(logger: g.app.logger)
            func index() async throws -> VectorIndex {
                guard case .ready(_, let index) = try await indexes.source(tenant: try #require(g.api.tenantA.uuidValue), store: g.store,
                                                                           clients: g.app.hubClients, log: g.app.generationLog) else {
                    throw TestFailure("no vector index")
                }
                return index
            }
            let pumpChunks = try await g.api.chunks(of: pump).count
            #expect(try await index().count == pumpChunks)
            let valves = try await g.api.uploadAccepted([("valves.html", try APIFixture.fixture("valves.html"))])[0]
            try await g.api.ingest()
            #expect(try await index().count == pumpChunks, "not looked at again within the check interval")
            g.clock.advance(2)
            let valveChunks = try await g.api.chunks(of: valves).count
            #expect(try await index().count == pumpChunks + valveChunks)

            // A deleted document's entries stay until the index looks again; the channel reads further
            // neighbours in their place, a batch at a time (here one).
            let tenant = try #require(g.api.tenantA.uuidValue)
            guard case .ready(let embedder, let both) = try await indexes.source(tenant: tenant, store: g.store, clients: g.app.hubClients, log: g.app.generationLog) else {
                throw TestFailure("no vector index")
            }
            let query = try await indexes.queryVector("ball valves quarter turn open close", embedder: embedder)
            let order = both.nearest(query, limit: 3).map(\.document)
            #expect(order == [UUID(uuidString: valves)!, UUID(uuidString: valves)!, UUID(uuidString: pump)!], "the valves' chunks first")
            #expect(try await g.api.request(.DELETE, "/api/v1/knowledge_sources/\(valves)", key: g.api.keyA).status == .noContent)
            let found = try await VectorSearch(store: g.store, tenant: tenant).search(query, index: both, filters: .init(), limit: 1, spare: 0)
            #expect(found.map(\.documentID) == [UUID(uuidString: pump)!])

            var sql = SQLText(g.store.engine, "DELETE FROM document_chunks WHERE document_id = ")
            sql.bind(.uuid(UUID(uuidString: pump)!), as: .uuid)
            try await g.store.run(sql)
            g.clock.advance(2)
            #expect(try await index().count == valveChunks, "rows deleted: rebuilt from the table")
        }
    }
}
