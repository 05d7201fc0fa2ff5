import Foundation
@testable import OutputHub
import Testing

@Suite("Clients: what domain code may use for side effects")
struct ClientsTests {
    @Test("Local file storage writes whole files, reads them back, deletes them and refuses keys outside its root")
    func localFiles() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("outputhub-files-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = LocalFileStorage(root: root)
        try await files.put("documents/t1/abc.pdf", Data("first".utf8))
        try await files.put("documents/t1/abc.pdf", Data("second".utf8))
        #expect(try await files.get("documents/t1/abc.pdf") == Data("second".utf8))
        #expect(try await files.exists("documents/t1/abc.pdf"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("documents/t1").path)
        #expect(leftovers == ["abc.pdf"], "no temporary files stay behind")
        try await files.delete("documents/t1/abc.pdf")
        #expect(try await files.get("documents/t1/abc.pdf") == nil)
        for key in ["../escape", "/etc/passwd", "a//b", "a/.hidden", "", "a/b c"] {
            await #expect(throws: FileStorageError.self, "\(key)") { try await files.put(key, Data()) }
        }
    }

    @Test("The application uses the clients it is given: the clock stamps server-set times, files go under the data directory")
    func injected() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let http = RecordingHTTPClient { _ in OutboundResponse(status: 204) }
        try await withAPI(clients: HubClients(clock: clock, http: http)) { api in
            #expect(try await api.app.hubClients.http.send(OutboundRequest(url: "http://127.0.0.1:9/ping")).status == 204)
            #expect(http.requests.map(\.url) == ["http://127.0.0.1:9/ping"])
            let files = try #require(api.app.hubClients.files as? LocalFileStorage)
            #expect(files.root.path.hasPrefix(api.app.outputHub.settings.dataDirectory))
            // Approval time comes from the injected clock.
            let created = try await api.request(.POST, "/api/v1/prompts", key: api.adminKey,
                                                json: #"{"name":"Clocked","content":"Hi","approval_status":"approved"}"#)
            #expect(created.status == .created)
            #expect(created.text.contains("\"approved_at\":\"2027-01-15T08:00:00"), "\(created.text)")
        }
    }
}
