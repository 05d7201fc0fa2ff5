import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// The knowledge base's test helpers: the small real files under `Fixtures/knowledge`, multipart uploads
/// through the API and running the ingestion jobs.
extension APIFixture {
    static let knowledgeFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/knowledge")

    static func fixture(_ name: String) throws -> Data { try Data(contentsOf: knowledgeFixtures.appendingPathComponent(name)) }

    /// `POST /api/v1/documents/upload` with `files` (name and bytes) and form `fields`.
    @discardableResult
    func upload(_ files: [(String, Data)], fields: [String: String] = [:], key: String? = nil) async throws -> TestingHTTPResponse {
        let boundary = "----outputhub-test-\(UUID().uuidString)"
        var body = Data()
        func line(_ text: String) { body.append(Data((text + "\r\n").utf8)) }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(name)\"")
            line("")
            line(value)
        }
        for (filename, data) in files {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"")
            line("Content-Type: application/octet-stream")
            line("")
            body.append(data)
            line("")
        }
        line("--\(boundary)--")
        var headers = HTTPHeaders([("Authorization", "Bearer \(key ?? keyA)")])
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        return try await app.testing().sendRequest(.POST, "/api/v1/documents/upload", headers: headers, body: ByteBuffer(data: body))
    }

    /// Uploads and expects 202; the new documents' ids in order.
    func uploadAccepted(_ files: [(String, Data)], fields: [String: String] = [:], key: String? = nil,
                        sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String] {
        let response = try await upload(files, fields: fields, key: key)
        #expect(response.status == .accepted, "\(response.text)", sourceLocation: sourceLocation)
        return response.rows.compactMap { $0["id"]?.stringValue }
    }

    /// Runs every due job (the scheduled tasks' too); the number run.
    @discardableResult
    func ingest() async throws -> Int { try await app.jobWorker.runDue() }

    func document(_ id: String, key: String? = nil) async throws -> [String: JSONValue] {
        let response = try await get("/api/v1/knowledge_sources/\(id)", key: key)
        #expect(response.status == .ok, "\(response.text)")
        return response.json.objectValue ?? [:]
    }

    /// The document's chunks in order.
    func chunks(of id: String) async throws -> [DBRow] {
        try await store.select(KnowledgeTables.documentChunks, where: ["document_id": .uuid(UUID(uuidString: id)!)])
            .sorted { ($0["chunk_index"]?.intValue ?? 0) < ($1["chunk_index"]?.intValue ?? 0) }
    }

    func search(_ body: String, key: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let response = try await request(.POST, "/api/v1/search", key: key ?? keyA, json: body)
        #expect(response.status == .ok, "\(response.text)", sourceLocation: sourceLocation)
        return response.json
    }
}

extension JSONValue {
    var hits: [[String: JSONValue]] { objectValue?["hits"]?.arrayValue?.compactMap(\.objectValue) ?? [] }
}

/// A PDF reader that fails while `failing` is set, as a broken or missing `pdftotext` would.
final class SwitchablePDFReader: PDFTextExtractor, @unchecked Sendable {
    private let lock = NSLock()
    private var broken = true
    var failing: Bool {
        get { lock.withLock { broken } }
        set { lock.withLock { broken = newValue } }
    }

    func text(ofPDF data: Data) async throws -> String {
        if failing { throw PDFTextError(description: "pdftotext could not read the PDF (exit 1): Syntax Error") }
        return try await PdftotextCommand().text(ofPDF: data)
    }
}
