import Foundation
@testable import OutputHub
import Testing
import Vapor

/// Files in, chunks out: every format, duplicates, failures and retries, resuming after a lost server,
/// re-ingesting a changed file, domain statistics. Through the API, with the jobs run by the worker.
@Suite("Knowledge: ingestion")
struct IngestionTests {
    static let formats = ["pump.txt", "compressor.md", "valves.html", "boiler-safety.pdf", "heat-pump.docx"]

    @Test("each format is extracted, titled and chunked along its structure")
    func formats() async throws {
        try await withAPI { api in
            let files = try Self.formats.map { ($0, try APIFixture.fixture($0)) }
            let ids = try await api.uploadAccepted(files, fields: ["document_type": "manual"])
            try #require(ids.count == 5)
            #expect(ids.count == 5)
            for id in ids { #expect(try await api.document(id)["processing_status"]?.stringValue == "uploaded") }
            try await api.ingest()

            var titles: [String: String] = [:]
            for (name, id) in zip(Self.formats, ids) {
                let document = try await api.document(id)
                #expect(document["processing_status"]?.stringValue == "completed", "\(name): \(document["processing_error"] ?? .null)")
                let metadata = try #require(document["extracted_metadata"]?.objectValue, "\(name)")
                titles[name] = metadata["title"]?.stringValue
                #expect(document["title"] == metadata["title"])
                #expect((metadata["word_count"]?.numberValue ?? 0) > 5, "\(name)")
                #expect(metadata["language"]?.stringValue == "en", "\(name)")
                #expect(document["content_hash"]?.stringValue == DocumentUpload.sha256(try APIFixture.fixture(name)))
                let stages = document["processing_log"]?.arrayValue?.compactMap { $0.objectValue?["stage"]?.stringValue } ?? []
                #expect(stages == ["upload", "start", "extract", "chunk", "embed", "index"], "\(name)")
                #expect(try await api.chunks(of: id).isEmpty == false, "\(name)")
            }
            #expect(titles == ["pump.txt": "Pump Checklist", "compressor.md": "Compressor Maintenance", "valves.html": "Valve Types",
                               "boiler-safety.pdf": "Boiler Safety Manual", "heat-pump.docx": "Heat Pump Installation Guide"])
            let pdf = try await api.document(ids[3])
            #expect(pdf["extracted_metadata"]?.objectValue?["page_count"]?.numberValue == 1)

            let markdown = try await api.chunks(of: ids[1])
            #expect(markdown.map { $0["heading"]?.stringValue } == ["Compressor Maintenance", "Compressor Maintenance › Oil", "Compressor Maintenance › Belts"])
            #expect(markdown[1]["chunk_text"]?.stringValue?.contains("$ compressor-cli status --oil") == true)
            #expect(markdown.allSatisfy { ($0["token_count"]?.intValue ?? 0) > 0 && $0["content_hash"]?.stringValue?.count == 64 })

            let html = try await api.chunks(of: ids[2]).map { $0["chunk_text"]?.stringValue ?? "" }.joined(separator: "\n")
            #expect(html.contains("Gate valves start or stop flow & should not throttle."))
            #expect(html.contains("valve --open 90"))
            #expect(!html.contains("Navigation") && !html.contains("not text") && !html.contains("Copyright") && !html.contains("¶"))

            let docx = try await api.chunks(of: ids[4])
            #expect(docx.map { $0["heading"]?.stringValue } == ["Installation", "Installation › Wiring"])
            #expect(docx[0]["chunk_text"]?.stringValue == "Mount the bracket on a load-bearing wall.")
        }
    }

    @Test("the same bytes twice are a 409 naming the document, and nothing is stored")
    func duplicates() async throws {
        try await withAPI { api in
            let pump = try APIFixture.fixture("pump.txt")
            let first = try await api.uploadAccepted([("pump.txt", pump)])
            let again = try await api.upload([("copy-of-pump.txt", pump), ("compressor.md", try APIFixture.fixture("compressor.md"))])
            #expect(again.status == .conflict)
            #expect(again.errorFields == ["file"])
            #expect(again.text.contains(first[0]))
            let inSameUpload = try await api.upload([("a.md", Data("# A\n\ntext".utf8)), ("b.md", Data("# A\n\ntext".utf8))])
            #expect(inSameUpload.status == .conflict)
            #expect(try await api.store.select(KnowledgeTables.knowledgeSources).count == 1, "the conflicting uploads stored nothing")
            // Another tenant may hold the same file.
            #expect(try await api.uploadAccepted([("pump.txt", pump)], key: api.keyB).count == 1)
        }
    }

    @Test("bad uploads are refused naming the field")
    func badUploads() async throws {
        try await withAPI { api in
            let unsupported = try await api.upload([("image.png", Data([0x89, 0x50, 0x4E, 0x47, 1, 2, 3]))])
            #expect(unsupported.status == .unprocessableEntity)
            #expect(unsupported.errorFields == ["file"])
            let fakePDF = try await api.upload([("report.pdf", Data("plain words".utf8))])
            #expect(fakePDF.status == .unprocessableEntity)
            #expect(try await api.upload([]).errorFields == ["file"])
            let badFields = try await api.upload([("pump.txt", try APIFixture.fixture("pump.txt"))],
                                                 fields: ["product_id": "nope", "chunk_tokens": "10", "colour": "red"])
            #expect(badFields.status == .unprocessableEntity)
            #expect(Set(badFields.errorFields) == ["product_id", "colour"])
            let foreignDomain = try await api.request(.POST, "/api/v1/knowledge_domains", key: api.keyB, json: #"{"name":"B","code":"b"}"#)
            let domainB = try #require(foreignDomain.json.objectValue?["id"]?.stringValue)
            let outOfRange = try await api.upload([("pump.txt", try APIFixture.fixture("pump.txt"))], fields: ["chunk_tokens": "10", "domain_id": domainB])
            #expect(Set(outOfRange.errorFields) == ["chunk_tokens", "domain_id"])
            let json = try await api.request(.POST, "/api/v1/documents/upload", key: api.keyA, json: "{}")
            #expect(json.status == .unsupportedMediaType)
            #expect(try await api.store.select(KnowledgeTables.knowledgeSources).isEmpty)
        }
    }

    @Test("a failed document says why and is retried")
    func failureAndRetry() async throws {
        let reader = SwitchablePDFReader()
        try await withAPI(clients: HubClients(pdf: reader)) { api in
            let id = try await api.uploadAccepted([("boiler-safety.pdf", try APIFixture.fixture("boiler-safety.pdf"))])[0]
            try await api.ingest()
            let failed = try await api.document(id)
            #expect(failed["processing_status"]?.stringValue == "failed")
            #expect(failed["processing_error"]?.stringValue?.contains("Syntax Error") == true)
            let busy = try await api.request(.POST, "/api/v1/knowledge_sources/\(id)/retry", key: api.keyA)
            #expect(busy.status == .ok, "\(busy.text)")
            #expect(busy.json.objectValue?["processing_status"]?.stringValue == "uploaded")
            let again = try await api.request(.POST, "/api/v1/knowledge_sources/\(id)/retry", key: api.keyA)
            #expect(again.status == .conflict, "already queued")
            reader.failing = false
            try await api.ingest()
            let done = try await api.document(id)
            #expect(done["processing_status"]?.stringValue == "completed")
            #expect(done["processing_error"] == .null)
            #expect(try await api.chunks(of: id).first?["chunk_text"]?.stringValue?.contains("Vent the pressure valve") == true)
        }
    }

    @Test("a job whose server died is taken again once its lease lapses")
    func resumeAfterLostServer() async throws {
        let clock = TestClock()
        try await withAPI(clients: HubClients(clock: clock)) { api in
            let id = try await api.uploadAccepted([("pump.txt", try APIFixture.fixture("pump.txt"))])[0]
            let queue = JobQueue(store: api.store, clients: api.app.hubClients)
            let lost = try #require(try await queue.claim(worker: "server-that-dies", leases: [DocumentPipeline.job.name: DocumentPipeline.job.lease]))
            #expect(lost.kind == DocumentPipeline.job.name)
            try await api.ingest()
            #expect(try await api.document(id)["processing_status"]?.stringValue == "uploaded", "the dead server's lease still holds")
            clock.advance(DocumentPipeline.job.lease + 1)
            try await api.ingest()
            #expect(try await api.document(id)["processing_status"]?.stringValue == "completed")
        }
    }

    @Test("re-ingesting a changed file touches only the changed chunks")
    func reingestChanged() async throws {
        try await withAPI { api in
            let original = try APIFixture.fixture("compressor.md")
            let id = try await api.uploadAccepted([("compressor.md", original)])[0]
            try await api.ingest()
            let before = try await api.chunks(of: id)
            let changed = String(decoding: original, as: UTF8.self).replacingOccurrences(of: "cracks and tension", with: "cracks, glazing and tension")
            let answer = try await api.upload([("compressor.md", Data(changed.utf8))])
            #expect(answer.status == .accepted)
            #expect(answer.rows.first?["id"]?.stringValue == id)
            #expect(answer.rows.first?["replaced"] == .bool(true))
            try await api.ingest()
            let after = try await api.chunks(of: id)
            #expect(after.count == before.count)
            #expect(after[0]["id"] == before[0]["id"] && after[1]["id"] == before[1]["id"], "unchanged chunks keep their rows")
            #expect(after[2]["id"] != before[2]["id"])
            #expect(after[2]["chunk_text"]?.stringValue?.contains("glazing") == true)
            let log = try await api.document(id)["processing_log"]?.arrayValue ?? []
            #expect(log.last?.objectValue?["detail"]?.stringValue == "1 new, 2 unchanged, 1 removed")
        }
    }

    @Test("chunks respect the size and overlap set per upload")
    func chunkSizes() async throws {
        try await withAPI { api in
            let sentences = (1...120).map { "Sentence number \($0) describes step \($0) of the procedure." }.joined(separator: " ")
            let id = try await api.uploadAccepted([("long.txt", Data(sentences.utf8))], fields: ["chunk_tokens": "100", "overlap_tokens": "20"])[0]
            try await api.ingest()
            let chunks = try await api.chunks(of: id)
            #expect(chunks.count > 10)
            #expect(chunks.allSatisfy { ($0["token_count"]?.intValue ?? 0) <= 100 })
            let first = try #require(chunks[0]["chunk_text"]?.stringValue), second = try #require(chunks[1]["chunk_text"]?.stringValue)
            let lastSentence = try #require(Chunker.sentences(first).last)
            #expect(second.hasPrefix(lastSentence), "the next chunk repeats the end of the one before")
            #expect(chunks.map { $0["chunk_index"]?.intValue } == Array(0..<chunks.count))
        }
    }

    @Test("domain statistics follow documents and mappings")
    func domainStatistics() async throws {
        try await withAPI { api in
            let root = try await api.request(.POST, "/api/v1/knowledge_domains", key: api.keyA, json: #"{"name":"Plant","code":"plant"}"#)
            let rootID = try #require(root.json.objectValue?["id"]?.stringValue)
            let id = try await api.uploadAccepted([("compressor.md", try APIFixture.fixture("compressor.md"))], fields: ["domain_id": rootID])[0]
            try await api.ingest()
            func counts() async throws -> [Int?] {
                let domain = try await api.get("/api/v1/knowledge_domains/\(rootID)").json.objectValue
                return [domain?["knowledge_source_count"]?.numberValue.map(Int.init), domain?["total_chunk_count"]?.numberValue.map(Int.init)]
            }
            #expect(try await counts() == [1, 3])
            let mapping = try #require(try await api.store.select(KnowledgeTables.knowledgeDomainMapping).first)
            #expect(mapping["is_primary"]?.boolValue == true)
            #expect(try await api.request(.DELETE, "/api/v1/knowledge_sources/\(id)", key: api.keyA).status == .noContent)
            #expect(try await counts() == [0, 0])
            #expect(try await api.request(.POST, "/api/v1/knowledge_sources/\(id)/restore", key: api.keyA).status == .ok)
            #expect(try await counts() == [1, 3], "a restored document counts again")
            let relink = try await api.request(.DELETE, "/api/v1/knowledge_domain_mapping/\(mapping["id"]!.stringValue!)", key: api.keyA)
            #expect(relink.status == .noContent)
            #expect(try await counts() == [0, 0])
            let add = try await api.request(.POST, "/api/v1/knowledge_domain_mapping", key: api.keyA,
                                            json: #"{"knowledge_source_id":"\#(id)","domain_id":"\#(rootID)","is_primary":true}"#)
            #expect(add.status == .created, "\(add.text)")
            #expect(try await counts() == [1, 3])
        }
    }
}
