import Foundation
import Vapor

/// People's side of the job queue: a job's page shows its state and last error, with a Retry button for a
/// dead job (or one waiting out its backoff). Retry is the table's row action, served by the shared routes
/// (`POST /admin/jobs/{id}/retry`, `POST /api/v1/jobs/{id}/retry`; needs `system:admin`; audited).
enum JobScreens {
    static let behaviour = TableBehaviour(JobTables.jobs)
        .panel(panel)
        .rowAction(action, summary: "Queue a dead job (or one waiting to retry) again now, with a fresh set of attempts",
                   done: "Queued again.", problems: [409]) { id, context in
            guard try await context.clients.jobs(in: context.store).retry(id) else {
                throw Problem(.conflict, "Only a dead job or one waiting to retry can be retried; this one is running or has succeeded")
            }
        }

    static let action = "retry"

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
}
