import Foundation
import Vapor

/// A generation's page: the request's messages and parameters, the answer, timings, tokens and cost
/// (with the price row it was computed from, or "unpriced"), above the log row's fields.
enum GenerationPanel {
    static let behaviour = TableBehaviour(GenerationTables.aiLogs).panel(render).panel(FeedbackPanel.forGeneration)

    /// "Run in playground" on a prompt's page (the Prompts module shows it).
    @Sendable static func runPrompt(_ req: Request, _ row: DBRow) async throws -> HTML {
        runButton(req, GatewayAdminPath.run(prompt: row["id"]?.stringValue))
    }

    /// "Run in playground" on a prompt version's page.
    @Sendable static func runVersion(_ req: Request, _ row: DBRow) async throws -> HTML {
        runButton(req, GatewayAdminPath.run(version: row["id"]?.stringValue))
    }

    static func runButton(_ req: Request, _ link: String) -> HTML {
        guard req.signedIn?.actor.may(GatewayRoutes.callScope) == true else { return .empty }
        return "<p><a class=\"button\" href=\"\(link)\">Run in playground</a></p>"
    }

    @Sendable static func render(_ req: Request, _ row: DBRow) async throws -> HTML {
        let request = row["request"]?.stringValue.flatMap { JSONValue.parse(Array($0.utf8)) }
        let messages = (request?["messages"]?.arrayValue ?? []).map { message -> HTML in
            let role = message["role"]?.stringValue ?? ""
            return "<li class=\"turn \(role)\"><span class=\"muted\">\(role)</span><pre class=\"prose\">\(messageText(message["content"]))</pre></li>"
        }
        var parameters = request?.objectValue ?? [:]
        parameters["messages"] = nil
        let parameterText = parameters.isEmpty ? "" : String(decoding: JSONValue.object(parameters).jsonBytes, as: UTF8.self)
        let cost: HTML
        if let value = row["cost_usd"]?.doubleValue {
            let price = row["price_id"]?.stringValue.map { HTML(" · <a href=\"\(AdminPath.detail("llm_model_prices", $0))\">price used</a>") } ?? .empty
            cost = "\(String(format: "$%.6f", value))\(price)"
        } else {
            cost = row["status"]?.stringValue == "refused" ? "none (refused before any call)" : "<strong>unpriced</strong>: the model had no price at the call's time"
        }
        func int(_ name: String) -> Int { row[name]?.intValue ?? 0 }
        let ttft: HTML = row["time_to_first_token_ms"]?.intValue.map { "<dt>First token</dt><dd>\($0) ms</dd>" } ?? .empty
        let error: HTML = row["error_message"]?.stringValue.map { "<p role=\"alert\">\($0)</p>" } ?? .empty
        return """
            <section class="panel" aria-labelledby="generation-heading"><h2 id="generation-heading">\(row["status"]?.stringValue?.capitalized ?? "") · \(row["model_name"]?.stringValue ?? "")</h2>
            \(error)
            <dl class="facts"><dt>Tokens</dt><dd>\(int("input_tokens")) in (\(int("cached_input_tokens")) cached, \(int("cache_write_tokens")) written to cache) · \(int("output_tokens")) out (\(int("reasoning_tokens")) reasoning)</dd>
            <dt>Cost</dt><dd>\(cost)</dd><dt>Latency</dt><dd>\(int("latency_ms")) ms</dd>\(ttft)
            <dt>Retries</dt><dd>\(int("retries"))</dd><dt>Chosen</dt><dd>\(row["selected_by"]?.stringValue ?? "")</dd></dl>
            \(HTML.when(!messages.isEmpty, "<h3>Request</h3><ol class=\"transcript\">\(messages)</ol>"))
            \(HTML.when(!parameterText.isEmpty, "<p class=\"muted\">Parameters</p><pre class=\"code\">\(parameterText)</pre>"))
            \(HTML.when(row["response"]?.stringValue != nil, "<h3>Answer</h3><pre class=\"prose\">\(row["response"]?.stringValue ?? "")</pre>"))
            </section>
            """
    }
}
