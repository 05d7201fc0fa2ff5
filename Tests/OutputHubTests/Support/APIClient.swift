import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// Two tenants with a member and an API key each, plus a system administrator's key, on a fresh seeded
/// database; requests go through the whole HTTP stack in memory.
struct APIFixture {
    let app: Application
    let tenantA: DBValue
    let tenantB: DBValue
    let userA: DBValue
    let keyA: String
    let keyB: String
    /// A system administrator in tenant A, who may change global catalogs.
    let adminKey: String

    var store: Store { app.store }

    static func make(_ app: Application) async throws -> APIFixture {
        let store = app.store
        let tenants = TenantService(store: store)
        let a = try await tenants.createTenant(slug: "alpha", name: "Alpha")
        let b = try await tenants.createTenant(slug: "beta", name: "Beta")
        let users = UserService(store: store, bcryptCost: 4)
        guard case .created(let userA) = try await users.createUser(email: "ann@alpha.test", name: "Ann", tenantSlug: "alpha", role: "owner", password: "long password 1"),
              case .created = try await users.createUser(email: "bob@beta.test", name: "Bob", tenantSlug: "beta", role: "owner", password: "long password 2"),
              case .created(let admin) = try await users.createUser(email: "root@alpha.test", name: "Root", tenantSlug: "alpha", role: "owner", password: "long password 3")
        else { throw TestFailure("fixture users") }
        try await store.update(Catalog.declared("users"), id: admin["id"]!, ["is_system_admin": .bool(true)])
        let keys = APIKeyService(store: store, clients: app.hubClients)
        return APIFixture(
            app: app, tenantA: a["id"]!, tenantB: b["id"]!, userA: userA["id"]!,
            keyA: try await keys.create(tenantSlug: "alpha", email: "ann@alpha.test", name: "a").key,
            keyB: try await keys.create(tenantSlug: "beta", email: "bob@beta.test", name: "b").key,
            adminKey: try await keys.create(tenantSlug: "alpha", email: "root@alpha.test", name: "admin").key)
    }

    /// A row factory writing into tenant A.
    func factoryA() async throws -> RowFactory { try await RowFactory.make(store, tenantID: tenantA) }

    /// A valid row of the named table in tenant A, written directly (its parents first), and its id.
    func insertRowA(_ name: String) async throws -> (resource: Resource, row: DBRow, id: String) {
        let resource = try #require(Resources.named(name))
        var factory = try await factoryA()
        factory.addsMemberships = name != "tenant_memberships"
        let row = try await factory.insert(try #require(resource.table))
        return (resource, row, try #require(row["id"]?.stringValue))
    }

    @discardableResult
    func request(_ method: HTTPMethod, _ path: String, key: String?, json: String? = nil,
                 headers extra: [(String, String)] = [], sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders(extra)
        if let key { headers.add(name: .authorization, value: "Bearer \(key)") }
        var body: ByteBuffer?
        if let json {
            if headers[.contentType].isEmpty { headers.contentType = .json }
            body = ByteBuffer(string: json)
        }
        return try await app.testing().sendRequest(method, path, headers: headers, body: body)
    }

    func get(_ path: String, key: String? = nil, accept: String? = nil) async throws -> TestingHTTPResponse {
        try await request(.GET, path, key: key ?? keyA, headers: accept.map { [("Accept", $0)] } ?? [])
    }
}

/// Runs `body` with a fixture on a fresh, seeded database.
func withAPI(clients: HubClients = .live, _ body: (APIFixture) async throws -> Void) async throws {
    try await withApp(seeded: true, clients: clients) { app in
        try await body(try await APIFixture.make(app))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TestingHTTPResponse {
    var text: String { body.getString(at: body.readerIndex, length: body.readableBytes) ?? "" }

    var json: JSONValue { (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .null }

    /// `data` of a list answer.
    var rows: [[String: JSONValue]] {
        guard case .array(let items)? = json.objectValue?["data"] else { return [] }
        return items.compactMap(\.objectValue)
    }

    /// The fields named in a problem's errors.
    var errorFields: [String] {
        guard case .array(let errors)? = json.objectValue?["errors"] else { return [] }
        return errors.compactMap { $0.objectValue?["field"]?.stringValue }
    }
}

extension DBValue {
    /// The value as the API writes it in JSON.
    var jsonText: String {
        var out: [UInt8] = []
        RowEncoding.value(self, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

/// A JSON object body from API-visible values.
func jsonObject(_ values: DBRow) -> String {
    "{" + values.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value.jsonText)" }.joined(separator: ",") + "}"
}
