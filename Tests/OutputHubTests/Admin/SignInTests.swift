import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

@Suite("Admin UI: sign-in, sessions, CSRF, first administrator")
struct SignInTests {
    @Test("A visitor is sent to the sign-in page and back to where they were going")
    func redirectsToLogin() async throws {
        try await withAPI { api in
            let browser = BrowserSession(api.app)
            let answer = try await browser.get("/admin/prompts?status=draft")
            #expect(answer.status == .seeOther)
            #expect(answer.location == "/login?next=%2Fadmin%2Fprompts%3Fstatus%3Ddraft")
            let login = try await browser.get(answer.location!)
            #expect(login.visibleText.contains("Sign in"))
            #expect(BrowserSession.inputValue(login.text, name: "next") == "/admin/prompts?status=draft")
        }
    }

    @Test("A wrong password is refused with a message; the right one starts a session cookie that is HttpOnly")
    func signIn() async throws {
        try await withAPI { api in
            let browser = BrowserSession(api.app)
            let wrong = try await browser.signIn(email: "ann@alpha.test", password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.visibleText.contains("The email or password is not right."))
            #expect(BrowserSession.inputValue(wrong.text, name: "email") == "ann@alpha.test", "the email is kept")
            let right = try await browser.signIn(email: "Ann@Alpha.test", password: "long password 1")
            #expect(right.status == .seeOther)
            #expect(right.location == "/admin")
            let cookie = try #require(right.headers[.setCookie].first { $0.hasPrefix(SessionService.cookieName) })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"), "no Secure flag over plain HTTP")
            let dashboard = try await browser.get("/admin")
            #expect(dashboard.status == .ok)
            #expect(dashboard.visibleText.contains("Ann · owner"))
            #expect(try await api.store.count("sessions") == 1)
        }
    }

    @Test("Sign-in without the form's token is refused")
    func loginNeedsFormToken() async throws {
        try await withAPI { api in
            let browser = BrowserSession(api.app)
            let answer = try await browser.post("/login", ["email": "ann@alpha.test", "password": "long password 1"], csrf: false)
            #expect(answer.status == .forbidden)
            #expect(try await api.store.count("sessions") == 0)
        }
    }

    @Test("Signing out ends the session on the server")
    func signOut() async throws {
        try await withAPI { api in
            let browser = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            let out = try await browser.post("/logout", [:])
            #expect(out.status == .seeOther)
            #expect(try await api.store.count("sessions") == 0)
            let actions = try await api.store.select(Catalog.declared("audit_logs"), where: ["table_name": .string("sessions")]).compactMap { $0["action"]?.stringValue }
            #expect(actions.sorted() == ["login", "logout"], "sign-in and sign-out are in the audit log")
            #expect(try await browser.get("/admin").status == .seeOther)
        }
    }

    @Test("An expired session no longer signs in")
    func expiry() async throws {
        try await withAPI { api in
            let browser = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            try await api.store.execute("UPDATE sessions SET expires_at = '2020-01-01T00:00:00.000Z'")
            #expect(try await browser.get("/admin").status == .seeOther)
            #expect(try await SessionService(store: api.store, clients: api.app.hubClients).purgeExpired() == 1, "expired sessions are cleaned up")
            #expect(try await api.store.count("sessions") == 0)
        }
    }

    @Test("A POST without a valid CSRF token is refused and changes nothing")
    func csrf() async throws {
        try await withAPI { api in
            let browser = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            let fields = ["name": "Forged", "content": "x"]
            let missing = try await browser.post("/admin/prompts/new", fields, csrf: false)
            #expect(missing.status == .forbidden)
            #expect(missing.visibleText.contains("did not come from Output Hub"))
            let forged = try await browser.post("/admin/prompts/new", pairs: [("name", "Forged"), ("content", "x"), ("_csrf", "oh_forged")], csrf: false)
            #expect(forged.status == .forbidden)
            #expect(try await api.store.count("prompts") == 0)
            #expect(try await browser.post("/admin/prompts/new", fields).status == .seeOther)
            #expect(try await api.store.count("prompts") == 1)
        }
    }

    @Test("A member of two tenants switches between them from the header")
    func tenantSwitch() async throws {
        try await withAPI { api in
            _ = try await UserService(store: api.store, bcryptCost: 4).createUser(
                email: "ann@alpha.test", name: "Ann", tenantSlug: "beta", role: "viewer", password: nil)
            let browser = try await BrowserSession.signIn(api.app, email: "ann@alpha.test", password: "long password 1")
            let page = try await browser.get("/admin")
            #expect(page.text.contains("<select id=\"tenant-switch\""))
            let switched = try await browser.post("/admin/tenant", ["tenant_id": api.tenantB.stringValue!])
            #expect(switched.status == .seeOther)
            #expect(try await browser.get("/admin").visibleText.contains("Ann · viewer"))
            let outsider = try await browser.post("/admin/tenant", ["tenant_id": UUID().uuidString])
            #expect(outsider.status == .forbidden)
        }
    }

    @Test("On an empty database a one-time setup link creates the first administrator; there is no default password")
    func firstAdministrator() async throws {
        try await withApp(seeded: true) { app in
            let token = try #require(try await app.firstAdminSetup.startIfNeeded(store: app.store))
            let browser = BrowserSession(app)
            #expect(try await browser.get("/setup?token=wrong").status == .notFound)
            let form = try await browser.get("/setup?token=\(token)")
            #expect(form.status == .ok)
            let formToken = try #require(BrowserSession.inputValue(form.text, name: "_form"))
            let short = try await browser.post("/setup", [
                "_form": formToken, "token": token, "tenant_name": "Acme", "tenant_slug": "acme", "full_name": "Ada",
                "email": "ada@acme.test", "password": "short",
            ], csrf: false)
            #expect(short.status == .unprocessableEntity)
            #expect(short.visibleText.contains("at least 10 characters"))
            #expect(try await app.store.count("users") == 0)
            let done = try await browser.post("/setup", [
                "_form": formToken, "token": token, "tenant_name": "Acme", "tenant_slug": "acme", "full_name": "Ada",
                "email": "ada@acme.test", "password": "a long enough password",
            ], csrf: false)
            #expect(done.status == .seeOther)
            #expect(try await browser.get("/admin").visibleText.contains("Ada · owner"))
            let admin = try #require(try await app.store.select(Catalog.declared("users"), limit: 1).first)
            #expect(admin["is_system_admin"] == .bool(true))
            #expect(try await browser.get("/setup?token=\(token)").status == .notFound, "the link works once")
            #expect(try await app.firstAdminSetup.startIfNeeded(store: app.store) == nil)
        }
    }
}
