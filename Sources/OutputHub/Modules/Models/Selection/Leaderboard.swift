import Foundation
import Vapor

/// A task category's page: its models ranked by the recommender for the chosen priority (score and its
/// parts, votes, cost per request, latency; what the filter left out and why), and the like ratio per day
/// from the daily rollups.
enum Leaderboard {
    @Sendable static func panel(_ req: Request, _ row: DBRow) async throws -> HTML {
        guard let session = req.signedIn, let key = row["category_key"]?.stringValue, let id = row["id"]?.stringValue else { return .empty }
        let asked = (try? req.query.get(String.self, at: "priority")).flatMap(ModelRecommender.Priority.init(rawValue:))
        let recommendation: ModelRecommender.Recommendation
        do {
            recommendation = try await ModelRecommender(store: req.store, clients: req.hubClients, tenant: session.actor.tenantID)
                .recommend(ModelRecommender.Request(category: key, priority: asked, user: session.actor.userID))
        } catch let problem as Problem where problem.status == 404 {
            return "<section class=\"panel\"><h2>Leaderboard</h2><p>This category is inactive: nothing is recommended for it.</p></section>"
        }
        func number(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "–" }
        let switches = ModelRecommender.Priority.allCases.map { priority -> HTML in
            priority == recommendation.priority
                ? "<strong>\(priority.rawValue)</strong>"
                : "<a href=\"\(AdminPath.detail(ModelCatalogTables.aiTaskCategories.name, id))?priority=\(priority.rawValue)\">\(priority.rawValue)</a>"
        }
        let rows = recommendation.candidates.enumerated().map { i, c -> HTML in
            let parts = ["quality", "cost", "latency", "capabilities"].map { "<td>\(number(c.parts[$0]))</td>" }.joined()
            let cost = c.costPerRequest.map { String(format: "$%.5f", $0) } ?? "unpriced"
            return "<tr><td>\(i + 1)</td><td><a href=\"\(AdminPath.detail(ModelCatalogTables.llmModels.name, c.modelID.lowercaseText))\">\(c.model)</a>\(HTML.when(c.fallback, " (fallback)"))</td><td>\(number(c.score))</td>\(HTML(raw: parts))<td>\(c.votes)</td><td>\(cost)</td><td>\(c.latencyMS.map { "\(Int($0)) ms" } ?? "–")</td></tr>"
        }
        let excluded = recommendation.excluded.map { "<li>\($0.model): \($0.reason)</li>" as HTML }
        let weights = ["quality", "cost", "latency", "capabilities"].map { "\($0) \(number(recommendation.weights[$0]))" }.joined(separator: " · ")
        return """
            <section class="panel" aria-labelledby="leaderboard-heading"><h2 id="leaderboard-heading">Leaderboard</h2>
            <p>Priority: \(HTML(raw: switches.map(\.description).joined(separator: " · "))) — weights \(weights); confidence \(number(recommendation.confidence)) that the first beats the second (your own votes included).</p>
            \(HTML.when(rows.isEmpty, "<p>No model passes this category's filter and it has no fallback model.</p>"))
            \(HTML.when(!rows.isEmpty, "<table><thead><tr><th>#</th><th>Model</th><th>Score</th><th>Quality</th><th>Cost</th><th>Latency</th><th>Capabilities</th><th>Votes</th><th>Per request</th><th>Speed</th></tr></thead><tbody>\(rows)</tbody></table>"))
            \(HTML.when(!excluded.isEmpty, "<p class=\"muted\">Left out:</p><ul>\(excluded)</ul>"))
            \(try await likeRatio(req, category: key, tenant: session.actor.tenantID))
            </section>
            """
    }

    /// Likes / (likes + dislikes) per day over the last 30 days of daily rollups, all models together.
    private static func likeRatio(_ req: Request, category: String, tenant: UUID) async throws -> HTML {
        let since = Timestamps.formatDay(req.hubClients.clock.now().addingTimeInterval(-30 * 86_400))
        var sql = SQLText(req.store.engine, "SELECT CAST(period_start AS TEXT) AS day, SUM(like_count) AS likes, SUM(dislike_count) AS dislikes FROM ai_model_performance_aggregates WHERE period_type = 'daily' AND tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND category_key = ")
        sql.bind(.string(category), as: .varchar(100))
        sql.append(" AND CAST(period_start AS TEXT) >= ")
        sql.bind(.string(since), as: .text)
        sql.append(" GROUP BY period_start ORDER BY period_start")
        var bars: [(label: String, value: Double)] = []
        for row in try await req.store.rows(sql) {
            let read = RowReader(row: row, engine: req.store.engine)
            let likes = Double(try read.int("likes") ?? 0), dislikes = Double(try read.int("dislikes") ?? 0)
            guard likes + dislikes > 0 else { continue }
            bars.append((String((try read.text("day") ?? "").suffix(5)), likes / (likes + dislikes)))
        }
        guard !bars.isEmpty else { return "<p class=\"muted\">No likes or dislikes in the daily rollups of the last 30 days yet.</p>" }
        return "<h3>Like ratio per day</h3>" + BarChart(title: "Like ratio per day", bars: bars, format: { String(format: "%.0f%%", $0 * 100) }).svg
    }
}
