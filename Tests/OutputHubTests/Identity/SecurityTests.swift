import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import OutputHub
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@Suite("Identity: sign-in throttling, sessions, keys, rate limits, hardening")
struct SecurityTests {
    @Test("Five failed sign-ins lock the account with a clear message; the lock lifts by itself")
    func throttling() async throws {
        let clock = TestClock()
        try await withAPI(clients: HubClients(clock: clock)) { api in
            let browser = BrowserSession(api.app)
            for _ in 0..<5 { #expect(try await browser.signIn(email: "ann@alpha.test", password: "wrong guess").status == .unauthorized) }
            let locked = try await browser.signIn(email: "ann@alpha.test", password: "long password 1")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.visibleText.contains("Too many failed sign-ins. Try again in 15 minutes."))
            #expect(try await api.store.count("sessions") == 0)
            #expect(try await BrowserSession(api.app).signIn(email: "bob@beta.test", password: "long password 2").status == .seeOther,
                    "another account from the same address is not locked yet")
            clock.advance(16 * 60)
            #expect(try await browser.signIn(email: "ann@alpha.test", password: "long password 1").status == .seeOther)
        }
    }

    @Test("Common passwords are refused even when long enough")
    func commonPasswords() async throws {
        try await withAPI { api in
            let users = UserService(store: api.store, bcryptCost: 4)
            for password in ["password123", "Qwertyuiop", "aaaaaaaaaaaa"] {
                await #expect(throws: IdentityError.self) {
                    _ = try await users.createUser(email: "new@alpha.test", name: "New", tenantSlug: "alpha", role: "viewer", password: password)
                }
            }
            _ = try await users.createUser(email: "new@alpha.test", name: "New", tenantSlug: "alpha", role: "viewer", password: "plum orchard lantern")
        }
    }

    @Test("A user sees their sessions, ends one, and a password change signs out the others")
    func sessions() async throws {
        try await withAPI { api in
            let laptop = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            let phone = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            let tablet = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            let page = try await laptop.get("/admin/account")
            #expect(page.visibleText.contains("this session"))
            let ends = page.text.components(separatedBy: "/sessions/").dropFirst().compactMap { $0.split(separator: "/").first.map(String.init) }
            #expect(ends.count == 3)
            let other = try #require(ends.first { !Self.isCurrent($0, page.text) })
            #expect(try await laptop.post("/admin/account/sessions/\(other)/end", [:]).status == .seeOther)
            #expect(try await api.store.count("sessions") == 2)
            let wrong = try await laptop.post("/admin/account/password", ["current_password": "nope nope nope", "new_password": "a new long password"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.visibleText.contains("the current password is not right"))
            let common = try await laptop.post("/admin/account/password", ["current_password": "long password 1", "new_password": "password123"])
            #expect(common.visibleText.contains("most common"))
            #expect(try await laptop.post("/admin/account/password", ["current_password": "long password 1", "new_password": "a new long password"]).status == .seeOther)
            #expect(try await api.store.count("sessions") == 1, "only the session that changed the password is left")
            #expect(try await laptop.get("/admin").status == .ok)
            for browser in [phone, tablet] { #expect(try await browser.get("/admin").status == .seeOther) }
            #expect(try await BrowserSession(api.app).signIn(email: "ann@alpha.test", password: "a new long password").status == .seeOther)
        }
    }

    static func isCurrent(_ id: String, _ page: String) -> Bool {
        guard let row = page.components(separatedBy: "<tr>").first(where: { $0.contains("/sessions/\(id)/end") }) else { return false }
        return row.contains("this session")
    }

    @Test("Keys are created with a subset of the owner's scopes and revoked from the account page; expired keys stop working")
    func keys() async throws {
        try await withAPI { api in
            let browser = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            _ = try await browser.get("/admin/account")
            let created = try await browser.post("/admin/account/keys", pairs: [("name", "reporting"), ("scopes", "prompts:read")])
            let key = try #require(created.text.range(of: "<code id=\"new-key\">").map { r in String(created.text[r.upperBound...].prefix(43)) })
            #expect(try await api.get("/api/v1/prompts", key: key).status == .ok)
            #expect(try await api.request(.POST, "/api/v1/prompts", key: key, json: #"{"name":"n","content":"c"}"#).status == .forbidden)
            let row = try #require(try await api.store.select(Catalog.declared("api_keys"), where: ["name": .string("reporting")], limit: 1).first)
            #expect(try await browser.post("/admin/account/keys/\(row["id"]!.stringValue!)/revoke", [:]).status == .seeOther)
            #expect(try await api.get("/api/v1/prompts", key: key).status == .unauthorized)

            let expiring = try await APIKeyService(store: api.store, clients: api.app.hubClients).create(tenantSlug: "alpha", email: "ann@alpha.test", name: "soon")
            #expect(try await api.get("/api/v1/prompts", key: expiring.key).status == .ok)
            try await api.store.update(Catalog.declared("api_keys"), id: expiring.row["id"]!, ["expires_at": .date(Date().addingTimeInterval(-1))])
            #expect(try await api.get("/api/v1/prompts", key: expiring.key).status == .unauthorized)

            let viewer = try await BrowserSession.signIn(api.app, email: "bob@beta.test", password: "long password 2")
            _ = try await viewer.get("/admin/account")
            #expect(try await viewer.post("/admin/account/keys/\(row["id"]!.stringValue!)/revoke", [:]).status == .notFound, "only your own keys")
        }
    }

    @Test("Each API key has a request budget; past it the answer is 429 with Retry-After")
    func rateLimit() async throws {
        try await withAPI { api in
            let clock = TestClock()
            api.app.rateLimiter = RateLimiter(perMinute: 3, clock: clock.now)
            for _ in 0..<3 { #expect(try await api.get("/api/v1/prompts").status == .ok) }
            let limited = try await api.get("/api/v1/prompts")
            ErrorTests.expectProblem(limited, .tooManyRequests)
            #expect(limited.headers.first(name: .retryAfter) == "20")
            #expect(try await api.get("/api/v1/prompts", key: api.keyB).status == .ok, "another key has its own budget")
            clock.advance(20)
            #expect(try await api.get("/api/v1/prompts").status == .ok)
        }
    }

    /// SQLite's: it has one writer, which a background transaction holds. (On PostgreSQL the mark is a row
    /// update that no such transaction holds.) The time limit catches a call that waits for the writer; it
    /// counts the test database's setup too, which in the whole suite waits behind every other test's
    /// (past two minutes on a slow 2-core machine), so it is generous.
    @Test("Calls go on while background work holds SQLite's writer, and a key's last use is marked without waiting for it",
          .enabled(if: TestDatabase.engineKind == .sqlite), .timeLimit(.minutes(10)))
    func lastUseNeverWaits() async throws {
        try await withAPI { api in
            let key = try #require(try await APIKeyService(store: api.store, clients: api.app.hubClients).authenticate(api.keyA)?.apiKeyID)
            func lastUsed() async throws -> Date? { try await api.store.find(IdentityTables.apiKeys, id: .uuid(key))?["last_used_at"]?.dateValue }
            let hourAgo = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 3600).rounded())  // whole seconds: stored exactly
            _ = try await api.store.update(IdentityTables.apiKeys, id: .uuid(key), ["last_used_at": .date(hourAgo)])
            // As a rollup's transaction: on the background connections, holding SQLite's one writer.
            try await api.app.backgroundStore.transaction { tx in
                _ = try await tx.count("tenants")
                let status = try await api.get("/api/v1/prompts").status
                #expect(status == .ok, "answered while the transaction holds the database")
            }
            let during = try await lastUsed()
            #expect(during == hourAgo, "the mark is left for a later call")
            #expect(try await api.get("/api/v1/prompts").status == .ok)
            #expect(try await lastUsed() != hourAgo, "marked by the next call")
        }
    }

    @Test("Every response carries the hardening headers; pages allow only this server's scripts and styles")
    func headers() async throws {
        try await withAPI { api in
            let apiAnswer = try await api.get("/api/v1/prompts")
            let page = try await BrowserSession(api.app).get("/login")
            let problem = try await api.get("/api/v1/nothing")
            for response in [apiAnswer, page, problem] {
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
            }
            #expect(apiAnswer.headers.first(name: "Content-Security-Policy")?.hasPrefix("default-src 'none'") == true)
            let policy = try #require(page.headers.first(name: "Content-Security-Policy"))
            #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
            #expect(!page.text.contains("<script>") && !page.text.contains("<style>"), "no inline script or style to allow")
        }
    }

    @Test("Secrets never reach the log, even at trace level", .timeLimit(.minutes(10)))  // setup included, as above
    func logs() async throws {
        try await withCLI { cli, _ in
            #expect(try await cli.run(["tenant", "create", "--slug", "logs", "--name", "Logs"]).status == 0)
            let password = "log-test password 77"
            #expect(try await cli.run(["user", "create", "--email", "l@logs.test", "--name", "L", "--tenant", "logs", "--role", "owner", "--password-stdin"],
                                stdin: password + "\n").status == 0)
            let key = try #require(try await cli.run(["apikey", "create", "--tenant", "logs", "--user", "l@logs.test"]).stdout.split(separator: "\n").last.map(String.init))
            // Port 0: the system picks a free port and the server prints the address it bound, once it listens.
            let server = try cli.launch(["serve", "--port", "0"], extraEnvironment: ["LOG_LEVEL": "trace"])
            defer { server.stop() }
            let prefix = "Listening on "
            let listening = await server.line { $0.hasPrefix(prefix) }
            let line = try #require(listening, "the server did not start: \(server.output)")
            let base = String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            let address = try #require(URL(string: base), "\(line)")
            #expect((address.port ?? 0) > 0, "\(line)")
            let credential = "whsec-LOGTEST-9f8e7d"
            func send(_ method: String, _ path: String, _ body: String? = nil, key: String? = key) async throws -> Int {
                var request = URLRequest(url: URL(string: base + path)!)
                request.httpMethod = method
                if let key { request.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization") }
                if let body { request.httpBody = Data(body.utf8); request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
                return (try await URLSession.shared.data(for: request).1 as? HTTPURLResponse)?.statusCode ?? 0
            }
            let chatbot = try await URLSession.shared.data(for: {
                var r = URLRequest(url: URL(string: base + "/api/v1/chatbot_instances")!)
                r.httpMethod = "POST"; r.setValue("Bearer \(key)", forHTTPHeaderField: "Authorization"); r.setValue("application/json", forHTTPHeaderField: "Content-Type")
                r.httpBody = Data(#"{"name":"C","llm_model":"m","system_prompt":"s"}"#.utf8)
                return r
            }()).0
            let chatbotID = try #require((try JSONDecoder().decode(JSONValue.self, from: chatbot)).objectValue?["id"]?.stringValue)
            #expect(try await send("POST", "/api/v1/integration_configs",
                                   "{\"chatbot_id\":\"\(chatbotID)\",\"integration_type\":\"webhook\",\"integration_name\":\"W\",\"credentials\":{\"secret\":\"\(credential)\"}}") == 201)
            #expect(try await send("GET", "/api/v1/integration_configs") == 200)
            #expect(try await send("GET", "/api/v1/prompts", key: key + "x") == 401)
            // Stopping the server and reading until it closes its output collects every line it logged for the requests.
            let text = await server.stopAndCollect()
            #expect(text.contains("integration_configs"), "the trace log did record the requests' SQL")
            for secret in [key, String(key.dropFirst(3)), credential, password] {
                #expect(!text.contains(secret), "the log holds a secret")
            }
        }
    }
}

@Suite("Identity: people added by an administrator")
struct AddedUserTests {
    @Test("An administrator adds a person in the UI, sets a temporary password, and the person signs in and changes it")
    func temporaryPassword() async throws {
        try await withAPI { api in
            let admin = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            let created = try await admin.post("/admin/users/new", ["email": "newcomer@alpha.test", "full_name": "Newcomer"])
            let path = try #require(created.location, "\(created.text)")
            let page = try await admin.get(path)
            #expect(page.visibleText.contains("Set a temporary password"))
            let shown = try await admin.post(path + "/password", [:])
            let password = try #require(shown.text.range(of: "<code id=\"temporary-password\">").map { r in
                String(shown.text[r.upperBound...].prefix { $0 != "<" })
            })
            #expect(password.count == 16)
            let newcomer = try await BrowserSession.signIn(api.app, email: "newcomer@alpha.test", password: password)
            _ = try await newcomer.get("/admin/account")
            #expect(try await newcomer.post("/admin/account/password", ["current_password": password, "new_password": "my own long password"]).status == .seeOther)
            let audit = try await api.get("/api/v1/audit_logs?table_name=eq.users&action=eq.update")
            #expect(audit.text.contains("temporary password") && !audit.text.contains(password))

            let edit = try await admin.get(path + "/edit")
            #expect(edit.text.contains("name=\"is_system_admin\" value=\"true\" disabled"), "a tenant owner cannot grant system administration")
            let renamed = try await admin.post(path + "/edit", ["email": "newcomer@alpha.test", "full_name": "New Comer"])
            #expect(renamed.status == .seeOther, "editing a person works without touching the locked field")

            let bob = try await BrowserSession.signIn(api.app, email: "bob@beta.test", password: "long password 2")
            #expect(try await bob.post(path + "/password", [:]).status == .notFound, "not a member of Bob's tenant")
        }
    }

    @Test("A tenant's own administrators cannot make anyone a system administrator")
    func noEscalation() async throws {
        try await withAPI { api in
            let me = try #require(try await APIKeyService(store: api.store, clients: api.app.hubClients).authenticate(api.keyA))
            let escalate = try await api.request(.PATCH, "/api/v1/users/\(me.userID.uuidString)", key: api.keyA, json: #"{"is_system_admin":true}"#)
            ErrorTests.expectProblem(escalate, .forbidden, fields: ["is_system_admin"])
            let created = try await api.request(.POST, "/api/v1/users", key: api.keyA, json: #"{"email":"sneaky@alpha.test","is_system_admin":true}"#)
            ErrorTests.expectProblem(created, .forbidden, fields: ["is_system_admin"])
            let byRoot = try await api.request(.PATCH, "/api/v1/users/\(me.userID.uuidString)", key: api.adminKey, json: #"{"is_system_admin":true}"#)
            #expect(byRoot.status == .ok)
        }
    }
}
