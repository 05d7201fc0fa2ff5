import Foundation
@testable import OutputHub
import Testing
import Vapor

/// The knowledge base's admin screens, as a signed-in member uses them.
@Suite("Knowledge: admin screens")
struct KnowledgeScreenTests {
    @Test("Upload on the documents screen, follow the status, read the chunks and log, search with both channels shown, see the domain tree")
    func screens() async throws {
        try await withAPI { api in
            let root = try await api.request(.POST, "/api/v1/knowledge_domains", key: api.keyA, json: #"{"name":"Plant","code":"plant"}"#)
            let rootID = try #require(root.json.objectValue?["id"]?.stringValue)
            let child = try await api.request(.POST, "/api/v1/knowledge_domains", key: api.keyA,
                                              json: #"{"name":"Compressors","code":"compressors","parent_domain_id":"\#(rootID)"}"#)
            let childID = try #require(child.json.objectValue?["id"]?.stringValue)
            let browser = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")

            let page = try await browser.get(DocumentsScreen.documents)
            #expect(page.status == .ok)
            #expect(page.body.string.contains("data-dropzone") && page.body.string.contains("multiple"))
            #expect(page.body.string.contains("— Compressors"), "domains are offered in tree order")
            #expect(page.body.string.contains(">Documents</a>") && page.body.string.contains(">Knowledge search</a>"))

            let markdown = String(decoding: try APIFixture.fixture("compressor.md"), as: UTF8.self)
            let sent = try await browser.upload(DocumentsScreen.documents, fields: ["domain_id": childID, "document_type": "manual"],
                                                file: (name: "file", filename: "compressor.md", content: markdown))
            #expect(sent.status == .ok)
            #expect(sent.body.string.contains("Queued for ingestion"))
            #expect(sent.body.string.contains("data-reload-after"), "the list follows documents being ingested")
            #expect(sent.body.string.contains("status-uploaded"))

            let again = try await browser.upload(DocumentsScreen.documents, fields: [:], file: (name: "file", filename: "copy.md", content: markdown))
            #expect(again.status == .conflict)
            #expect(again.body.string.contains("Nothing was uploaded") && again.body.string.contains("is already in the knowledge base as document"))

            try await api.ingest()
            let list = try await browser.get(DocumentsScreen.documents)
            #expect(list.body.string.contains("status-completed") && !list.body.string.contains("data-reload-after"))
            let document = try #require(try await api.store.select(KnowledgeTables.knowledgeSources).first?["id"]?.stringValue)
            let detail = try await browser.get(AdminPath.detail("knowledge_sources", document))
            #expect(detail.body.string.contains("Ingestion: <span class=\"badge\">completed</span>"))
            #expect(detail.body.string.contains("Compressor Maintenance › Oil"))
            #expect(detail.body.string.contains("<td>extract</td>") && detail.body.string.contains("<td>index</td>"))
            #expect(detail.body.string.contains("Chunks (3)"))

            let search = try await browser.get(KnowledgeScreens.searchRoute.link(query: [("q", "check the oil level")]))
            #expect(search.status == .ok)
            #expect(search.body.string.contains("<mark>oil</mark>"))
            #expect(search.body.string.contains("<strong>vector</strong>: off — no embedding model"))
            #expect(search.body.string.contains("<strong>keyword</strong>: ran"))
            #expect(search.body.string.contains("#1 · "), "the keyword rank and score")
            let elsewhere = try await browser.get(KnowledgeScreens.searchRoute.link(query: [("q", "oil"), ("domain_id", UUID().uuidString)]))
            #expect(elsewhere.body.string.contains("No hits."))

            let tree = try await browser.get(DocumentsScreen.domains)
            #expect(tree.status == .ok)
            let text = tree.body.string
            let plant = try #require(text.range(of: ">Plant</a>")), compressors = try #require(text.range(of: ">Compressors</a>"))
            #expect(plant.lowerBound < compressors.lowerBound)
            #expect(text.contains("1 document · 3 chunks"))
        }
    }

    @Test("The knowledge screens need a signed-in member; an upload needs the form's token")
    func refused() async throws {
        try await withAPI { api in
            for path in [DocumentsScreen.documents, DocumentsScreen.domains, KnowledgeScreens.search] {
                let anonymous = try await BrowserSession(api.app).get(path)
                #expect(anonymous.status == .seeOther, "\(path)")
                #expect(anonymous.headers.first(name: .location)?.hasPrefix(AdminPath.login) == true, "\(path)")
            }
            let browser = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            _ = try await browser.get(DocumentsScreen.documents)
            let forged = try await browser.upload(DocumentsScreen.documents, fields: ["_csrf": "forged"], file: (name: "file", filename: "a.txt", content: "Hello there"))
            #expect(forged.status == .forbidden)
            let notMultipart = try await browser.post(DocumentsScreen.documents, ["document_type": "manual"])
            #expect(notMultipart.status == .badRequest)
            #expect(try await api.store.select(KnowledgeTables.knowledgeSources).isEmpty)
        }
    }
}
