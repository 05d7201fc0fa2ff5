import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

@Suite("System: jobs in the admin UI and the API")
struct JobScreensTests {
    /// A job in `state` for `tenant` (nil: the whole installation).
    static func job(_ api: APIFixture, tenant: DBValue?, state: String, error: String? = nil) async throws -> String {
        let job = JobDefinition("knowledge.ingest", maxAttempts: 4) { _, _ in }
        let id = try await api.app.hubClients.jobs(in: api.store).enqueue(job, tenant: tenant?.uuidValue)
        try await api.store.update(JobTables.jobs, id: .uuid(id), [
            "state": .string(state), "attempts": .int(state == "dead" ? 4 : 1),
            "last_error": error.map(DBValue.string) ?? .null, "locked_by": state == "running" ? .string("elsewhere") : .null,
        ])
        return id.uuidString.lowercased()
    }

    @Test("A dead job's page shows its last error and a Retry button that queues it again")
    func retryInAdmin() async throws {
        try await withAPI { api in
            let id = try await Self.job(api, tenant: api.tenantA, state: "dead", error: "pdftotext: file is damaged")
            let browser = try await ScreenTests.annBrowser(api)
            let page = try await browser.get("/admin/jobs/\(id)")
            #expect(page.status == .ok)
            #expect(page.visibleText.contains("Dead · 4 of 4 attempts"))
            #expect(page.visibleText.contains("pdftotext: file is damaged"))
            #expect(page.text.contains("action=\"/admin/jobs/\(id)/retry\""))
            let retried = try await browser.post("/admin/jobs/\(id)/retry", [:])
            #expect(retried.status == .seeOther)
            let row = try #require(try await api.store.find(JobTables.jobs, id: .string(id)))
            #expect(row["state"]?.stringValue == "queued")
            #expect(row["attempts"]?.intValue == 0)
            let running = try await Self.job(api, tenant: api.tenantA, state: "running")
            #expect(!(try await browser.get("/admin/jobs/\(running)")).text.contains("/retry\""), "no Retry while it runs")
            let audit = try await api.store.select(SystemTables.auditLogs, where: ["table_name": .string("jobs"), "record_id": .string(id)])
            #expect(audit.count == 1 && audit[0]["action"]?.stringValue == "update", "the retry is in the audit log")
        }
    }

    @Test("POST /api/v1/jobs/{id}/retry queues a dead job; 409 while it runs; other tenants' and installation jobs are 404 except to system administrators")
    func retryInAPI() async throws {
        try await withAPI { api in
            let dead = try await Self.job(api, tenant: api.tenantA, state: "dead", error: "boom")
            let answer = try await api.request(.POST, "/api/v1/jobs/\(dead)/retry", key: api.keyA)
            #expect(answer.status == .ok)
            #expect(answer.text.contains("\"state\":\"queued\""))
            let running = try await Self.job(api, tenant: api.tenantA, state: "running")
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/jobs/\(running)/retry", key: api.keyA), .conflict)
            let theirs = try await Self.job(api, tenant: api.tenantB, state: "dead")
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/jobs/\(theirs)/retry", key: api.keyA), .notFound)
            let installation = try await Self.job(api, tenant: nil, state: "dead")
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/jobs/\(installation)/retry", key: api.keyA), .notFound)
            #expect(try await api.request(.POST, "/api/v1/jobs/\(installation)/retry", key: api.adminKey).status == .ok)
            #expect(try await api.get("/api/v1/jobs", key: api.keyA).text.contains(dead))
            #expect(!(try await api.get("/api/v1/jobs", key: api.keyA)).text.contains(installation))
            #expect(try await api.get("/api/v1/jobs", key: api.adminKey).text.contains(installation))
            ErrorTests.expectProblem(try await api.request(.POST, "/api/v1/jobs", key: api.adminKey, json: #"{"kind":"x"}"#), .methodNotAllowed)
        }
    }
}

extension JobScreensTests {
    @Test("The OpenAPI document describes the retry operation")
    func documented() async throws {
        try await withAPI { api in
            let document = try await api.get("/api/v1/openapi.json").text
            #expect(document.contains("\"/api/v1/jobs/{id}/retry\""))
            #expect(document.contains("\"retry_jobs\""))
        }
    }
}
