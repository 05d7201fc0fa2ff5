import Foundation
import Vapor

/// People's side of the job queue: a job's page shows its state and last error, with a Retry button for a
/// dead job (or one waiting out its backoff); `POST /admin/jobs/{id}/retry` and `POST /api/v1/jobs/{id}/retry`
/// queue it again now with a fresh set of attempts (needs `system:admin`; audited).
enum JobScreens {
    static let behaviour = TableBehaviour(JobTables.jobs)
        .panel(panel)
        .rowAction(action, summary: "Queue a dead job (or one waiting to retry) again now, with a fresh set of attempts", problems: [409])

    static let action = "retry"

    static func register(_ routes: ModuleRoutes) {
        routes.admin.on(.POST, AdminPath.rowActionRoute(action), body: AdminRoutes.formLimit, use: retryFromAdmin)
        routes.api.on(.POST, APIPath.rowActionRoute(action), use: retryFromAPI)
    }

    @Sendable static func panel(_ req: Request, _ job: DBRow) async throws -> HTML {
        guard let session = req.signedIn, let id = job["id"]?.stringValue else { return .empty }
        let state = job["state"]?.stringValue ?? ""
        let error: HTML = (job["last_error"]?.stringValue).map { "<p>Last error:</p><pre class=\"code\">\($0)</pre>" } ?? .empty
        let attempts = "\(job["attempts"]?.intValue ?? 0) of \(job["max_attempts"]?.intValue ?? 0) attempts"
        let mayRetry = (state == "dead" || state == "queued") && session.actor.may(Permissions.writeScope(Resources.of(JobTables.jobs)))
        let retry: HTML = mayRetry ? """
            <form method="post" action="\(AdminPath.action(JobTables.jobs.name, id, action))">\(AdminLayout.csrfField(req))
            <button class="primary" type="submit">Retry</button></form>
            """ : .empty
        return """
            <section class="panel" aria-labelledby="job-heading"><h2 id="job-heading">\(state.capitalized) · \(attempts)</h2>
            \(error)\(retry)</section>
            """
    }

    static func retryFromAdmin(_ req: Request) async throws -> Response {
        guard req.parameters.get("table") == JobTables.jobs.name else { throw AdminError.notFound() }
        _ = try req.adminForm()
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        let id = try AdminAccess.id(req)
        let detail = AdminPath.detail(JobTables.jobs.name, id.uuidString.lowercased())
        switch try await retry(id, actor: session.actor, req) {
        case .retried: return req.redirect(to: detail, flash: Flash("Queued again."))
        case .notRetryable: return req.redirect(to: detail, flash: Flash(ok: false, "Only a dead job or one waiting to retry can be retried."))
        }
    }

    static func retryFromAPI(_ req: Request) async throws -> Response {
        guard req.parameters.get("table") == JobTables.jobs.name else { throw Problem.notFound() }
        guard let text = req.parameters.get("id"), let id = UUID(uuidString: text) else { throw Problem.notFound() }
        let actor = try req.requireActor()
        guard case .retried = try await retry(id, actor: actor, req) else {
            throw Problem(.conflict, "Only a dead job or one waiting to retry can be retried; this one is running or has succeeded")
        }
        let row = try await ResourceService(store: req.store, resource: Resources.of(JobTables.jobs), actor: actor, clients: req.hubClients).get(id)
        let response = Response(status: .ok, body: .init(string: RowEncoding.json(row, columns: Resources.of(JobTables.jobs).columns)))
        response.headers.contentType = .json
        return response
    }

    enum Outcome { case retried, notRetryable }

    /// Retries a job the actor can see, when they may change System data; audited with the change.
    private static func retry(_ id: UUID, actor: Actor, _ req: Request) async throws -> Outcome {
        let resource = Resources.of(JobTables.jobs)
        let clients = req.hubClients
        let service = ResourceService(store: req.store, resource: resource, actor: actor, clients: clients)
        let old = try await service.get(id)  // 404 unless the actor's tenant (or a system administrator) sees it
        let scope = Permissions.writeScope(resource)
        guard actor.may(scope) else { throw ResourceService.missing(scope) }
        let retried = try await req.store.transaction { tx in
            guard try await clients.jobs(in: tx).retry(id) else { return false }
            let new = try await tx.find(JobTables.jobs, id: .uuid(id))
            try await Audit.record(tx, actor: actor, action: .update, resource: resource, id: .uuid(id), old: old, new: new)
            return true
        }
        return retried ? .retried : .notRetryable
    }
}
