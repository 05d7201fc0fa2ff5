import Foundation
import Vapor

/// One-click feedback on a generation's page and on an output's page (like, dislike, 1–5 stars: a second
/// vote replaces the first), the votes it has, and — for a generation routed by `auto:<category>` — why
/// that model was chosen.
enum FeedbackPanel {
    static let voteRoute = AdminPath.detailRoute.appending("feedback")

    static func register(_ admin: any RoutesBuilder) {
        admin.on(.POST, voteRoute, use: vote)
    }

    @Sendable static func forGeneration(_ req: Request, _ row: DBRow) async throws -> HTML {
        guard let id = row["id"], row["status"]?.stringValue == "success" else { return .empty }
        return try await panel(req, log: row, voteAction: voteRoute.link(table: GenerationTables.aiLogs.name, id: id.stringValue ?? ""),
                               logID: id) + explanation(row)
    }

    @Sendable static func forOutput(_ req: Request, _ row: DBRow) async throws -> HTML {
        guard let id = row["id"], let session = req.signedIn else { return .empty }
        let log = try await req.store.select(GenerationTables.aiLogs, where: ["output_id": id, "tenant_id": .uuid(session.actor.tenantID)], limit: 1).first
        guard let log, let logID = log["id"] else { return .empty }
        return try await panel(req, log: log, voteAction: voteRoute.link(table: ConversationTables.outputs.name, id: id.stringValue ?? ""), logID: logID)
    }

    private static func panel(_ req: Request, log: DBRow, voteAction: String, logID: DBValue) async throws -> HTML {
        guard let session = req.signedIn, session.actor.may(Permissions.callModels) else { return .empty }
        let votes = try await req.store.select(GenerationTables.aiUserFeedback, where: ["ai_log_id": logID, "tenant_id": .uuid(session.actor.tenantID)])
        let mine = votes.first { $0["user_id"]?.uuidValue == session.actor.userID }
        let likes = votes.filter { $0["feedback_type"]?.stringValue == "like" }.count
        let dislikes = votes.filter { $0["feedback_type"]?.stringValue == "dislike" }.count
        let ratings = votes.compactMap { $0["quality_rating"]?.intValue }
        let average = ratings.isEmpty ? "" : String(format: " · %.1f ★ from %d", Double(ratings.reduce(0, +)) / Double(ratings.count), ratings.count)
        let csrf = AdminLayout.csrfField(req)
        func button(_ name: String, _ value: String, _ label: String, pressed: Bool) -> HTML {
            "<button type=\"submit\" name=\"\(name)\" value=\"\(value)\" aria-pressed=\"\(pressed ? "true" : "false")\">\(label)</button>"
        }
        let type = mine?["feedback_type"]?.stringValue, stars = mine?["quality_rating"]?.intValue
        var buttons: [HTML] = [button("vote", "like", "👍 Like", pressed: type == "like"), button("vote", "dislike", "👎 Dislike", pressed: type == "dislike")]
        for n in 1...5 { buttons.append(button("stars", String(n), "\(n) ★", pressed: stars == n)) }
        return """
            <section class="panel" aria-labelledby="feedback-heading"><h2 id="feedback-heading">Feedback</h2>
            <form class="inline" method="post" action="\(voteAction)">\(csrf)\(HTML(raw: buttons.map(\.description).joined(separator: " ")))</form>
            <p class="muted">\(likes) 👍 · \(dislikes) 👎\(average)\(HTML.when(mine != nil, " · your vote counts once; voting again replaces it"))</p>
            </section>
            """
    }

    /// "Why this model": the recommender's rank, confidence, weights and the top candidates' parts.
    private static func explanation(_ row: DBRow) -> HTML {
        guard let selection = row["metadata"]?.jsonDocument?["selection"] else { return .empty }
        func number(_ value: JSONValue?) -> String { value?.numberValue.map { String(format: "%.2f", $0) } ?? "–" }
        let weights = selection["weights"]?.objectValue ?? [:]
        let parts = ["quality", "cost", "latency", "capabilities"]
        let rows = (selection["candidates"]?.arrayValue ?? []).map { candidate -> HTML in
            let cells = parts.map { "<td>\(number(candidate["parts"]?[$0]))</td>" }.joined()
            return "<tr><td>\(candidate["model"]?.stringValue ?? "")\(HTML.when(candidate["fallback"]?.boolValue == true, " (fallback)"))</td><td>\(number(candidate["score"]))</td>\(HTML(raw: cells))<td>\(candidate["votes"]?.numberValue.map { String(Int($0)) } ?? "0")</td></tr>"
        }
        let weightText = parts.map { "\($0) \(number(weights[$0]))" }.joined(separator: " · ")
        return """
            <section class="panel" aria-labelledby="why-heading"><h2 id="why-heading">Why this model</h2>
            <p>Task category <strong>\(selection["category"]?.stringValue ?? "")</strong>, priority \(selection["priority"]?.stringValue ?? ""), \
            complexity \(selection["complexity"]?.stringValue ?? ""): rank \(number(selection["rank"]).replacingOccurrences(of: ".00", with: "")), \
            confidence \(number(selection["confidence"]))\(HTML.when(selection["explored"]?.boolValue == true, ", chosen by exploration (probability \(number(selection["probability"])))")).</p>
            \(HTML.when(selection["note"] != nil, "<p class=\"muted\">\(selection["note"]?.stringValue ?? "")</p>"))
            <p class="muted">Weights: \(weightText)</p>
            <table><thead><tr><th>Model</th><th>Score</th><th>Quality</th><th>Cost</th><th>Latency</th><th>Capabilities</th><th>Votes</th></tr></thead><tbody>\(rows)</tbody></table>
            </section>
            """
    }

    // MARK: Action

    /// Records the signed-in member's vote on a generation (or on the generation behind an output).
    static func vote(_ req: Request) async throws -> Response {
        guard let table = req.parameters.get("table"), [GenerationTables.aiLogs.name, ConversationTables.outputs.name].contains(table) else {
            throw AdminError.notFound()
        }
        let id = try AdminAccess.id(req)
        let form = try req.adminForm()
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first") }
        let detail = AdminPath.detail(table, id.lowercaseText)
        var vote: [String: JSONValue] = [table == GenerationTables.aiLogs.name ? "ai_log_id" : "output_id": .string(id.lowercaseText)]
        if let stars = form.first("stars").flatMap(Int.init) {
            vote["feedback_type"] = "rating"
            vote["quality_rating"] = .number(Double(stars))
        } else {
            vote["feedback_type"] = .string(form.first("vote") ?? "")
        }
        do {
            _ = try await ResourceService(store: req.store, resource: Resources.of(GenerationTables.aiUserFeedback), actor: session.actor, clients: req.hubClients)
                .create([vote], bulk: false)
        } catch let problem as Problem {
            return req.redirect(to: detail, flash: Flash(ok: false, (problem.errors.first.map { "\($0.field): \($0.message)" } ?? problem.detail) + "."))
        }
        return req.redirect(to: detail, flash: Flash("Thanks: your vote is recorded."))
    }
}
