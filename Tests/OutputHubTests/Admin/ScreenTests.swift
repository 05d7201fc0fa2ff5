import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

@Suite("Admin UI: the generic screens")
struct ScreenTests {
    static func annBrowser(_ api: APIFixture) async throws -> BrowserSession {
        try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
    }

    @Test("Every table and view has a list screen; every writable table a create form; every row a detail page and edit form",
          arguments: Resources.all.map(\.name))
    func everyScreenRenders(_ name: String) async throws {
        try await withAPI { api in
            let resource = try #require(Resources.named(name))
            let browser = try await BrowserSession.signIn(api.app, email: "root@alpha.test", password: "long password 3")
            let list = try await browser.get("/admin/\(name)")
            #expect(list.status == .ok)
            #expect(list.visibleText.contains(resource.label))
            #expect(try await browser.get("/admin/\(name)/new").status == (resource.canCreate && resource.scope != .ownTenant ? .ok : .forbidden))
            guard resource.table != nil else { return }
            let (_, _, id) = try await api.insertRowA(name)
            guard case .tenantColumn = resource.scope else { return }
            let detail = try await browser.get("/admin/\(name)/\(id)")
            #expect(detail.status == .ok)
            if resource.canUpdate { #expect(try await browser.get("/admin/\(name)/\(id)/edit").status == .ok) }
            let listed = try await browser.get("/admin/\(name)")
            #expect(listed.text.contains("/admin/\(name)/\(id)"), "the new row is listed with a link")
        }
    }

    @Test("Creating a prompt with a missing field shows the message next to it and keeps the input; then it is created")
    func createWithValidation() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            let form = try await browser.get("/admin/prompts/new")
            #expect(form.text.contains("<textarea id=\"field-content\""))
            #expect(form.text.contains("<select id=\"field-role\""))
            let refused = try await browser.post("/admin/prompts/new", ["name": "Weekly report", "content": "", "variables": "{not json"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("<p class=\"error\" id=\"field-content-error\">content is required</p>"))
            #expect(refused.text.contains("<p class=\"error\" id=\"field-variables-error\">variables is not valid JSON</p>"))
            #expect(BrowserSession.inputValue(refused.text, name: "name") == "Weekly report", "input kept")
            #expect(try await api.store.count("prompts") == 0)
            let created = try await browser.post("/admin/prompts/new", ["name": "Weekly report", "content": "Summarise {{week}}", "variables": "[{\"name\": \"week\"}]"])
            #expect(created.status == .seeOther)
            let detail = try await browser.get(try #require(created.location))
            #expect(detail.visibleText.contains("Prompt created."))
            #expect(detail.visibleText.contains("Summarise {{week}}"))
            #expect(detail.text.contains("&quot;name&quot; : &quot;week&quot;"), "JSON pretty-printed")
        }
    }

    @Test("Editing records the change in the row's history; a stored <script> is shown as text")
    func editHistoryAndEscaping() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            let created = try await browser.post("/admin/prompts/new", ["name": "<script>alert(1)</script>", "content": "v1"])
            let path = try #require(created.location)
            let edited = try await browser.post(path + "/edit", ["name": "<script>alert(1)</script>", "content": "v2", "role": "system"])
            #expect(edited.status == .seeOther)
            let detail = try await browser.get(path)
            #expect(!detail.text.contains("<script>alert(1)</script>"))
            #expect(detail.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(detail.visibleText.contains("History"))
            #expect(detail.visibleText.contains("content v1 v2"))
            #expect(detail.visibleText.contains("update by ann@alpha.test"))
            let list = try await browser.get("/admin/prompts")
            #expect(!list.text.contains("<script>alert(1)</script>"))
        }
    }

    @Test("Filters, search, sort and keyset paging are all in the URL; no row is shown twice or skipped")
    func listing() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            let rows = (0..<60).map { i in "{\"name\":\"Prompt \(String(format: "%02d", i))\",\"content\":\"\(i % 2 == 0 ? "even" : "odd") text\",\"role\":\"\(i % 3 == 0 ? "system" : "user")\"}" }
            #expect(try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: "[" + rows.joined(separator: ",") + "]").status == .created)
            let first = try await browser.get("/admin/prompts?sort=name&limit=25")
            #expect(first.visibleText.contains("60 rows"))
            var names = Self.linkedNames(first.text)
            var next = Self.nextLink(first.text)
            while let link = next {
                let page = try await browser.get(link)
                names += Self.linkedNames(page.text)
                next = Self.nextLink(page.text)
            }
            #expect(names == (0..<60).map { "Prompt " + String(format: "%02d", $0) })
            let filtered = try await browser.get("/admin/prompts?role=system&name=Prompt+0&sort=-name")
            #expect(Self.linkedNames(filtered.text) == ["Prompt 09", "Prompt 06", "Prompt 03", "Prompt 00"])
            #expect(filtered.visibleText.contains("4 rows"))
            #expect(filtered.text.contains("<option selected>system</option>"), "the filter shows its value")
            let searched = try await browser.get("/admin/prompts?q=odd&role=system")
            #expect(Self.linkedNames(searched.text).count == 10)
            let bad = try await browser.get("/admin/prompts?usage_count.min=lots")
            #expect(bad.status == .badRequest)
            #expect(bad.visibleText.contains("'lots' is not a whole number"))
        }
    }

    @Test("Delete moves a row to the trash, restore brings it back; bulk delete is all or nothing")
    func deleteAndRestore() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            let created = try await browser.post("/admin/prompts/new", ["name": "Doomed", "content": "x"])
            let path = try #require(created.location)
            let confirm = try await browser.get(path + "/delete")
            #expect(confirm.visibleText.contains("Delete Doomed ? It moves to the trash"))
            #expect(try await browser.post(path + "/delete", [:]).location == "/admin/prompts")
            #expect(!(try await browser.get("/admin/prompts").text.contains(path)))
            let trash = try await browser.get("/admin/prompts?deleted=only")
            #expect(trash.text.contains(path))
            #expect(try await browser.post(path + "/restore", [:]).status == .seeOther)
            #expect(try await browser.get("/admin/prompts").text.contains(path))

            let other = try #require(try await browser.post("/admin/prompts/new", ["name": "Other", "content": "x"]).location)
            let ids = [path, other].map { String($0.split(separator: "/").last!) }
            let missing = UUID().uuidString.lowercased()
            let refused = try await browser.post("/admin/prompts/bulk", pairs: [("action", "delete"), ("ids", ids[0]), ("ids", missing)])
            #expect(refused.status == .seeOther)
            #expect(try await api.store.select(Catalog.declared("prompts")).allSatisfy { $0["deleted_at"] == .null }, "nothing deleted")
            _ = try await browser.post("/admin/prompts/bulk", pairs: [("action", "delete"), ("ids", ids[0]), ("ids", ids[1])])
            #expect(try await api.store.select(Catalog.declared("prompts")).allSatisfy { $0["deleted_at"] != .null })
        }
    }

    @Test("Export gives the filtered list as CSV and JSON Lines")
    func export() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            for (name, role) in [("Alpha, \"quoted\"", "system"), ("Beta", "user"), ("Gamma", "system")] {
                _ = try await browser.post("/admin/prompts/new", ["name": name, "content": "line one\nline two", "role": role])
            }
            let csv = try await browser.get("/admin/prompts/export?format=csv&role=system&sort=name")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.headers.first(name: .contentDisposition) == "attachment; filename=\"prompts.csv\"")
            let records = try CSVReader.records(csv.text)
            let nameColumn = try #require(records.first?.firstIndex(of: "name"))
            #expect(records.dropFirst().map { $0[nameColumn] } == ["Alpha, \"quoted\"", "Gamma"])
            let jsonl = try await browser.get("/admin/prompts/export?format=jsonl&role=user")
            let lines = jsonl.text.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(lines.first?.contains("\"name\":\"Beta\"") == true)

            let ids = try records.dropFirst().map { try #require($0.first) }
            let selected = try await browser.post("/admin/prompts/bulk", pairs: [("action", "export"), ("ids", ids[1])])
            let picked = try CSVReader.records(selected.text)
            #expect(picked.count == 2, "the header and the one checked row")
            #expect(picked.last?[nameColumn] == "Gamma")
        }
    }

    @Test("Import: a file with one bad row writes nothing and shows the row's error; a good file is previewed, then written at once")
    func importRows() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            _ = try await browser.get("/admin/prompts/import")
            let bad = "name,content,role\nOne,first,user\nTwo,,user\nThree,third,wizard\n"
            let refused = try await browser.upload("/admin/prompts/import", fields: ["format": "auto"], file: ("file", "prompts.csv", bad))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.visibleText.contains("2 rows have errors"))
            #expect(refused.visibleText.contains("content is required"))
            #expect(refused.visibleText.contains("role must be one of"))
            #expect(try await api.store.count("prompts") == 0)
            let good = "name,content,role,id\nOne,first,user,\nTwo,\"second, with comma\",system,\n"
            let preview = try await browser.upload("/admin/prompts/import", fields: ["format": "csv"], file: ("file", "prompts.csv", good))
            #expect(preview.status == .ok)
            #expect(preview.visibleText.contains("Dry run: all 2 rows are valid"))
            #expect(preview.visibleText.contains("Columns set by the server are ignored: id"))
            #expect(try await api.store.count("prompts") == 0, "a dry run writes nothing")
            let text = try #require(preview.text.range(of: "<textarea name=\"text\" hidden>").map { r in
                String(preview.text[r.upperBound...].prefix { $0 != "<" })
            })
            let written = try await browser.post("/admin/prompts/import", ["format": "csv", "confirm": "yes", "text": text.replacingOccurrences(of: "&quot;", with: "\"")])
            #expect(written.status == .seeOther)
            #expect(try await api.store.count("prompts") == 2)
            #expect(try await api.store.select(Catalog.declared("audit_logs"), where: ["table_name": .string("prompts")]).count == 2)
        }
    }

    @Test("The picker finds related rows by label; details show references by label with a link")
    func referencesByLabel() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            let category = try #require(try await browser.post("/admin/categories/new", ["name": "Finance reports", "slug": "finance", "color": "#112233"]).location)
            _ = try await browser.post("/admin/categories/new", ["name": "Marketing", "slug": "marketing"])
            let lookup = try await browser.get("/admin/categories/lookup?q=fin")
            guard case .array(let found) = lookup.json else { throw TestFailure("lookup answer") }
            #expect(found.compactMap { $0.objectValue?["label"]?.stringValue } == ["Finance reports"])
            let categoryID = String(category.split(separator: "/").last!)
            #expect(found.first?.objectValue?["value"]?.stringValue == categoryID)
            let prompt = try #require(try await browser.post("/admin/prompts/new", ["name": "Q3", "content": "x", "category_id": categoryID]).location)
            let detail = try await browser.get(prompt)
            #expect(detail.text.contains("<a href=\"/admin/categories/\(categoryID)\">Finance reports</a>"))
            let parent = try await browser.get(category)
            #expect(parent.visibleText.contains("Prompts"), "related rows are listed on the parent")
            #expect(parent.text.contains(prompt))
            let edit = try await browser.get(prompt + "/edit")
            #expect(edit.text.contains("value=\"Finance reports\""), "the picker shows the label")
        }
    }

    @Test("One tenant never sees another's rows on any screen")
    func isolation() async throws {
        try await withAPI { api in
            let ann = try await Self.annBrowser(api)
            let secret = try #require(try await ann.post("/admin/prompts/new", ["name": "Alpha secret plan", "content": "x"]).location)
            let bob = try await BrowserSession.signIn(api.app, email: "bob@beta.test", password: "long password 2")
            #expect(try await bob.get(secret).status == .notFound)
            #expect(try await bob.get(secret + "/edit").status == .notFound)
            #expect(!(try await bob.get("/admin/prompts").visibleText.contains("Alpha secret plan")))
            #expect(!(try await bob.get("/admin/search?q=secret").visibleText.contains("Alpha secret plan")))
            #expect(!(try await bob.get("/admin/prompts/lookup?q=Alpha").text.contains("Alpha secret plan")))
            #expect(!(try await bob.get("/admin/prompts/export?format=csv").text.contains("Alpha secret plan")))
            #expect(try await bob.post(secret + "/delete", [:]).status == .notFound)
            #expect(try await api.store.select(Catalog.declared("prompts")).first?["deleted_at"] == .null)
        }
    }

    @Test("Another tenant's member can neither open, edit nor delete a row on any screen", arguments: IsolationAndAuditTests.tenantOwned)
    func isolationEverywhere(_ name: String) async throws {
        try await withAPI { api in
            let (resource, row, id) = try await api.insertRowA(name)
            let owner = try await BrowserSession.signIn(api.app, email: "root@alpha.test", password: "long password 3")
            #expect(try await owner.get("/admin/\(name)/\(id)").status == .ok, "the owner's tenant sees it")
            let bob = try await BrowserSession.signIn(api.app, email: "bob@beta.test", password: "long password 2")
            #expect(try await bob.get("/admin/\(name)/\(id)").status == .notFound)
            if resource.canUpdate { #expect(try await bob.get("/admin/\(name)/\(id)/edit").status == .notFound) }
            #expect(!(try await bob.get("/admin/\(name)?limit=200").text.contains(id)))
            if resource.canDelete {
                #expect(try await bob.post("/admin/\(name)/\(id)/delete", [:]).status == .notFound)
                #expect(try await api.store.find(resource.table!, id: row["id"]!)?["deleted_at"] ?? .null == .null, "still there")
            }
        }
    }

    @Test("The dashboard counts rows per module, charts the last 30 days, and lists recent changes")
    func dashboard() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            let empty = try await browser.get("/admin")
            #expect(empty.visibleText.contains("Nothing to chart from the last 30 days yet."))
            _ = try await browser.post("/admin/prompts/new", ["name": "Counted", "content": "x"])
            #expect(try await api.request(.POST, "/api/v1/ai_logs", key: api.keyA, json: #"{"model_name":"gpt-x","cost_usd":0.25}"#).status == .created)
            let page = try await browser.get("/admin")
            #expect(page.text.contains("<svg class=\"chart\""))
            #expect(page.visibleText.contains("Generations per day"))
            #expect(page.visibleText.contains("Total $0.25"))
            #expect(page.visibleText.contains("create prompt"))
        }
    }

    @Test("A conversation shows as a transcript in order")
    func transcript() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            let conversation = try #require(try await browser.post("/admin/conversations/new", ["title": "Support chat"]).location)
            let id = String(conversation.split(separator: "/").last!)
            for (type, content) in [("user_message", "Where is my order?"), ("bot_response", "It ships <b>today</b>.")] {
                #expect(try await api.request(.POST, "/api/v1/messages", key: api.keyA,
                                              json: "{\"conversation_id\":\"\(id)\",\"message_type\":\"\(type)\",\"content\":\"\(content)\"}").status == .created)
            }
            let page = try await browser.get(conversation)
            let text = page.visibleText
            let question = try #require(text.range(of: "Where is my order?"))
            let answer = try #require(text.range(of: "It ships <b>today</b>."))
            #expect(question.lowerBound < answer.lowerBound)
            #expect(page.text.contains("class=\"msg user\""))
        }
    }

    @Test("Markdown messages and outputs are shown rendered, other formats as text; HTML never runs")
    func markdownContent() async throws {
        try await withAPI { api in
            let browser = try await Self.annBrowser(api)
            let conversation = try #require(try await browser.post("/admin/conversations/new", ["title": "Formats"]).location)
            let id = String(conversation.split(separator: "/").last!)
            var messages: [String: String] = [:]
            for (format, content) in [("markdown", "## Plan\\n**Ship** it, see [docs](https://example.com) <script>x</script>"),
                                      ("text", "**not bold**"), ("html", "<b>not bold</b>")] {
                let created = try await api.request(.POST, "/api/v1/messages", key: api.keyA,
                                                    json: "{\"conversation_id\":\"\(id)\",\"message_type\":\"bot_response\",\"content_type\":\"\(format)\",\"content\":\"\(content)\"}")
                messages[format] = try #require(created.json.objectValue?["id"]?.stringValue, "\(created.text)")
            }
            for page in [try await browser.get(conversation), try await browser.get("/admin/messages/\(messages["markdown"]!)")] {
                #expect(page.text.contains("<div class=\"markdown\"><h4>Plan</h4><p><strong>Ship</strong> it, see <a href=\"https://example.com\" rel=\"noopener noreferrer\">docs</a> &lt;script&gt;x&lt;/script&gt;</p></div>"))
            }
            let text = try await browser.get("/admin/messages/\(messages["text"]!)")
            #expect(text.text.contains("<div class=\"prose\">**not bold**</div>"))
            let html = try await browser.get("/admin/messages/\(messages["html"]!)")
            #expect(html.text.contains("<div class=\"prose\">&lt;b&gt;not bold&lt;/b&gt;</div>"))
        }
    }

    @Test("The dashboard counts each table's rows in the member's tenant and leaves out tables the role may not read")
    func dashboardCountsAndReadableTables() async throws {
        try await withAPI { api in
            for (name, slug) in [("Finance", "finance"), ("Legal", "legal")] {
                #expect(try await api.request(.POST, "/api/v1/categories", key: api.keyA, json: "{\"name\":\"\(name)\",\"slug\":\"\(slug)\"}").status == .created)
            }
            #expect(try await api.request(.POST, "/api/v1/tags", key: api.keyA, json: #"{"name":"urgent"}"#).status == .created)
            #expect(try await api.request(.POST, "/api/v1/categories", key: api.keyB, json: #"{"name":"Beta only","slug":"beta"}"#).status == .created,
                    "another tenant's row, not counted in Alpha")
            guard case .created = try await UserService(store: api.store, bcryptCost: 4).createUser(
                email: "vic@alpha.test", name: "Vic", tenantSlug: "alpha", role: "viewer", password: "long password 4")
            else { throw TestFailure("viewer") }

            let ownerBrowser = try await Self.annBrowser(api)
            let viewerBrowser = try await BrowserSession.signIn(api.app, email: "vic@alpha.test", password: "long password 4")
            let owner = try await ownerBrowser.get("/admin")
            let viewer = try await viewerBrowser.get("/admin")
            for page in [owner, viewer] {
                #expect(page.status == .ok)
                #expect(page.text.contains("<h2>Outputs</h2><div class=\"big\">3</div>"))
                #expect(page.text.contains("<li><a href=\"/admin/categories\">Categories</a> <span class=\"muted\">2</span></li>"))
                #expect(page.text.contains("<li><a href=\"/admin/tags\">Tags</a> <span class=\"muted\">1</span></li>"))
            }
            // The owner reads the audit log (the three creates are in it); a viewer may not, so it is not counted or linked.
            #expect(owner.text.contains("<li><a href=\"/admin/audit_logs\">Audit log</a> <span class=\"muted\">"))
            #expect(viewer.text.contains("<h2>System</h2><div class=\"big\">0</div>"))
            for hidden in ["audit_logs", "tenant_memberships", "api_keys", "sessions"] {
                #expect(!viewer.text.contains("href=\"/admin/\(hidden)\""), "\(hidden) is not shown to a viewer")
            }
        }
    }

    // MARK: Reading pages

    /// The link texts of the rows of a list page, in order.
    static func linkedNames(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "<td><a href=\"/admin/prompts/[0-9a-f-]{36}\">([^<]*)</a></td>")
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap {
            Range($0.range(at: 1), in: html).map { String(html[$0]) }
        }
    }

    static func nextLink(_ html: String) -> String? {
        guard let range = html.range(of: "rel=\"next\" href=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]).replacingOccurrences(of: "&amp;", with: "&") }
    }
}
