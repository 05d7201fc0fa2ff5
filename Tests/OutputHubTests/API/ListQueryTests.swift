import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// Filters, search, ordering, paging and CSV through `GET /api/v1/{table}`.
@Suite("API: lists")
struct ListQueryTests {
    /// Prompts named P01…P12 with alternating roles; P03 has a code, others none.
    static func seedPrompts(_ api: APIFixture) async throws {
        let items = (1...12).map { n -> String in
            let name = String(format: "P%02d %@", n, n % 2 == 0 ? "Draft" : "final")
            let code = n == 3 ? ",\"code\":\"THREE\"" : ""
            return "{\"name\":\"\(name)\",\"content\":\"Summarise the quarterly report \(n)\",\"role\":\"\(n % 2 == 0 ? "system" : "user")\",\"is_active\":\(n <= 6)\(code)}"
        }
        let response = try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: "[" + items.joined(separator: ",") + "]")
        #expect(response.status == .created)
    }

    static func names(_ response: TestingHTTPResponse) -> [String] {
        response.rows.compactMap { $0["name"]?.stringValue.map { String($0.prefix(3)) } }
    }

    @Test("Every filter operator, negation and combination")
    func operators() async throws {
        try await withAPI { api in
            try await Self.seedPrompts(api)
            let cases: [(String, [String])] = [
                ("name=eq.P01 final", ["P01"]),
                ("role=neq.user", ["P02", "P04", "P06", "P08", "P10", "P12"]),
                ("name=gt.P10", ["P10", "P11", "P12"]),
                ("name=gte.P11 final", ["P11", "P12"]),
                ("name=lt.P02", ["P01"]),
                ("name=lte.P02 Draft", ["P01", "P02"]),
                ("name=like.*Draft", ["P02", "P04", "P06", "P08", "P10", "P12"]),
                ("name=like.*draft", []),
                ("name=ilike.*DRAFT", ["P02", "P04", "P06", "P08", "P10", "P12"]),
                ("name=in.(P01 final,P05 final,nope)", ["P01", "P05"]),
                ("code=is.null&name=lt.P04", ["P01", "P02"]),
                ("code=not.is.null", ["P03"]),
                ("is_active=is.true&role=eq.user", ["P01", "P03", "P05"]),
                ("is_active=is.false&role=not.eq.system", ["P07", "P09", "P11"]),
                ("name=not.in.(P01 final,P02 Draft)&name=lt.P05", ["P03", "P04"]),
                ("name=not.like.P1*&role=eq.system", ["P02", "P04", "P06", "P08"]),
            ]
            for (query, expected) in cases {
                let response = try await api.get("/api/v1/prompts?\(query.replacingOccurrences(of: " ", with: "%20"))&order=name")
                #expect(response.status == .ok, "\(query): \(response.text)")
                #expect(Self.names(response) == expected, "\(query)")
            }
            let numeric = try await api.get("/api/v1/llm_models?context_window=gte.200000&input_cost_per_million=lt.5&order=model_id&select=model_id")
            #expect(numeric.rows.compactMap { $0["model_id"]?.stringValue } == ["claude-3-5-sonnet-20241022", "claude-3-haiku-20240307"])
            let dated = try await api.get("/api/v1/prompts?created_at=gt.2000-01-01T00:00:00Z&count=exact&limit=1")
            #expect(dated.json.objectValue?["total"] == .number(12))
        }
    }

    @Test("Full-text search over the declared columns")
    func search() async throws {
        try await withAPI { api in
            try await Self.seedPrompts(api)
            let found = try await api.get("/api/v1/prompts?q=quarterly%20reports&count=exact")
            #expect(found.json.objectValue?["total"] == .number(12), "stemmed words match: \(found.text)")
            #expect(Self.names(try await api.get("/api/v1/prompts?q=draft&role=eq.system&order=name.desc&limit=2")) == ["P12", "P10"])
            #expect(try await api.get("/api/v1/prompts?q=nothing-like-this").rows.isEmpty)
            #expect(try await api.get("/api/v1/prompt_versions?q=x").status == .ok)
            #expect(try await api.get("/api/v1/tenant_memberships?q=x").status == .badRequest, "no searchable columns")
        }
    }

    @Test("Ordering, select, and NULLs sorting last ascending")
    func ordering() async throws {
        try await withAPI { api in
            try await Self.seedPrompts(api)
            #expect(Self.names(try await api.get("/api/v1/prompts?order=name.desc&limit=3")) == ["P12", "P11", "P10"])
            #expect(Self.names(try await api.get("/api/v1/prompts?order=role.asc,name.desc&limit=3")) == ["P12", "P10", "P08"])
            let codes = try await api.get("/api/v1/prompts?order=code.asc,name&limit=2&select=code")
            #expect(codes.rows.map { $0["code"] } == [.string("THREE"), .null])
            #expect(codes.rows.first?.keys.sorted() == ["code"])
            let descending = try await api.get("/api/v1/prompts?order=code.desc,name&limit=2&select=code,name")
            #expect(descending.rows.map { $0["code"] } == [.null, .null], "NULL is the largest value")
        }
    }

    @Test("Keyset paging over more than a page returns every row once, in order, for any order", arguments: ["", "order=name.desc", "order=role,created_at.desc", "order=code.desc"])
    func keysetPaging(_ order: String) async throws {
        try await withAPI { api in
            let items = (1...130).map { "{\"name\":\"Prompt \(String(format: "%03d", $0))\",\"content\":\"c\"\($0 % 10 == 0 ? ",\"code\":\"C\($0)\"" : "")}" }
            #expect(try await api.request(.POST, "/api/v1/prompts", key: api.keyA, json: "[" + items.joined(separator: ",") + "]").status == .created)
            let all = try await api.get("/api/v1/prompts?limit=1000&\(order)").rows.compactMap { $0["id"]?.stringValue }
            #expect(all.count == 130)
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let path = "/api/v1/prompts?limit=17&\(order)" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await api.get(path)
                #expect(page.status == .ok, "\(page.text)")
                seen += page.rows.compactMap { $0["id"]?.stringValue }
                cursor = page.json.objectValue?["next_cursor"]?.stringValue
                pages += 1
            } while cursor != nil && pages < 20
            #expect(seen == all, "pages in order \(order) must join to the whole list")
            #expect(pages == 8)
            let offset = try await api.get("/api/v1/prompts?limit=17&offset=17&\(order)").rows.compactMap { $0["id"]?.stringValue }
            #expect(offset == Array(all[17..<34]))
        }
    }

    @Test("CSV has a header row and the same rows")
    func csv() async throws {
        try await withAPI { api in
            try await Self.seedPrompts(api)
            let response = try await api.request(.GET, "/api/v1/prompts?select=name,content,is_active&order=name&limit=2", key: api.keyA, headers: [("Accept", "text/csv")])
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.subType == "csv")
            #expect(response.text == "name,content,is_active\r\nP01 final,Summarise the quarterly report 1,true\r\nP02 Draft,Summarise the quarterly report 2,true\r\n")
            #expect(response.headers.first(name: "X-Next-Cursor") != nil)
        }
    }

    @Test("Soft-deleted rows are hidden unless asked for")
    func softDelete() async throws {
        try await withAPI { api in
            try await Self.seedPrompts(api)
            let first = try #require(try await api.get("/api/v1/prompts?order=name&limit=1").rows.first?["id"]?.stringValue)
            #expect(try await api.request(.DELETE, "/api/v1/prompts/\(first)", key: api.keyA).status == .noContent)
            #expect(try await api.get("/api/v1/prompts?count=exact").json.objectValue?["total"] == .number(11))
            #expect(try await api.get("/api/v1/prompts?deleted=include&count=exact").json.objectValue?["total"] == .number(12))
            #expect(try await api.get("/api/v1/prompts?deleted=only").rows.map { $0["id"]?.stringValue } == [first])
            #expect(try await api.get("/api/v1/prompts?deleted=maybe").status == .badRequest)
        }
    }
}
