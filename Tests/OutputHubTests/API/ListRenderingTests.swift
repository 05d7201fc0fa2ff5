import Foundation
@testable import OutputHub
import Testing
import Vapor

/// A list page's rows are written by the engine where it can (SQLite renders each row as JSON in the query);
/// they must say exactly what the decoded rows say, for every resource and column type.
@Suite("API: list rows as the database writes them")
struct ListRenderingTests {
    @Test("Every resource's list rows equal its decoded rows and its get answers")
    func listsAgreeWithDecodedRows() async throws {
        try await withAPI { api in
            let tenant = try #require(api.tenantA.uuidValue), user = try #require(api.userA.uuidValue)
            _ = try await DemoDataGenerator(store: api.store).generate(scale: 30, tenantID: tenant, userID: user)
            for resource in Resources.all where resource.table != nil && resource.scope != .ownTenant {
                _ = try await api.insertRowA(resource.name)
            }
            let actor = Actor(tenantID: tenant, userID: user, isSystemAdmin: true)
            var empty: [String] = []
            for resource in Resources.all {
                let listed = try await api.get("/api/v1/\(resource.name)?limit=25", key: api.adminKey)
                #expect(listed.status == .ok, "\(resource.name): \(listed.text)")
                var query = ListQuery()
                query.limit = 25
                let decoded = try await ResourceService(store: api.store, resource: resource, actor: actor, clients: api.app.hubClients).list(query)
                let keys = RowEncoding.keys(decoded.columns)
                let expected = decoded.rows.map { row -> JSONValue in
                    var out: [UInt8] = []
                    RowEncoding.json(values: row, keys: keys, into: &out)
                    return (try? JSONDecoder().decode(JSONValue.self, from: Data(out))) ?? .null
                }
                #expect(listed.rows.map(JSONValue.object) == expected, "\(resource.name)")
                for row in listed.rows.prefix(3) where resource.table != nil {
                    guard let id = row["id"]?.stringValue else { continue }
                    let got = try await api.get("/api/v1/\(resource.name)/\(id)", key: api.adminKey)
                    #expect(got.json == .object(row), "\(resource.name) \(id)")
                }
                if listed.rows.isEmpty { empty.append(resource.name) }
            }
            #expect(empty.isEmpty, "nothing listed to compare: \(empty)")
        }
    }

    @Test("SQLite renders each column type as the API writes it; stored text that is not JSON stays a string",
          .enabled(if: TestDatabase.engineKind == .sqlite, "PostgreSQL rows are written in Swift"))
    func sqliteRowJSON() async throws {
        try await withAPI { api in
            let expression = try #require(api.store.engine.rowJSONSQL([
                .text("t"), .integer("i"), .double("d"), .boolean("b"), .boolean("n"), .json("j"), .json("bad"), .textArray("a"),
            ]), "SQLite writes list rows as JSON in the query")
            let source = #"SELECT 'say "hi"' || char(10) || char(1) AS t, 42 AS i, 0.1 + 0.2 AS d, 2 AS b, NULL AS n, '{"k": [1, 2.5, true, null]}' AS j, 'not json' AS bad, '["x","y"]' AS a"#
            let row = try #require(try await api.store.rows(SQLText(api.store.engine, "SELECT \(expression) AS r FROM (\(source))")).first)
            let text = try row.decode(column: "r", as: String.self)
            let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            #expect(value == .object([
                "t": .string("say \"hi\"\n\u{01}"), "i": .number(42), "d": .number(0.1 + 0.2), "b": .bool(true), "n": .null,
                "j": .object(["k": .array([.number(1), .number(2.5), .bool(true), .null])]), "bad": .string("not json"),
                "a": .array([.string("x"), .string("y")]),
            ]))
            #expect(text.hasPrefix(#"{"t":"#), "members keep the declared order")
        }
    }
}
