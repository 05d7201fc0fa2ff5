import Foundation
import Vapor

/// The admin UI's addresses of the gateway's own screens.
enum GatewayAdminPath {
    static let playgroundRoute = AdminPath.dashboardRoute.appending("gateway", "playground")
    static let playgroundStreamRoute = playgroundRoute.appending("stream")
    static let costsRoute = AdminPath.dashboardRoute.appending("gateway", "costs")

    static let playground = playgroundRoute.link()
    static let playgroundStream = playgroundStreamRoute.link()
    static let costs = costsRoute.link()

    /// The playground with a prompt's (or a prompt version's) content in the message.
    static func run(prompt: String? = nil, version: String? = nil) -> String {
        playgroundRoute.link(query: [prompt.map { ("prompt", $0) }, version.map { ("prompt_version", $0) }].compactMap { $0 })
    }
}

/// The playground: pick a configuration or model, write a message (or start from a prompt and fill its
/// `{{variables}}`), send it through the gateway as the signed-in member, and see the answer arrive, its
/// tokens, cost, latency and log row. With JavaScript the answer streams in; without, the form posts and
/// the page shows the whole answer.
enum PlaygroundScreen {
    static func register(_ admin: any RoutesBuilder) {
        admin.on(.GET, GatewayAdminPath.playgroundRoute) { req in try await show(req) }
        admin.on(.POST, GatewayAdminPath.playgroundRoute, body: AdminRoutes.formLimit) { req in try await send(req) }
        admin.on(.POST, GatewayAdminPath.playgroundStreamRoute, body: AdminRoutes.formLimit) { req in try await stream(req) }
    }

    /// What the form holds.
    struct Draft {
        var model = ""
        var system = ""
        var message = ""
        var temperature = ""
        var maxTokens = ""
        var variables: [(name: String, value: String)] = []
        var source: String?

        /// The chat request the draft makes, `{{variables}}` filled in.
        func body(stream: Bool) throws -> [UInt8] {
            var text = message
            for (name, value) in variables { text = text.replacingOccurrences(of: "{{\(name)}}", with: value) }
            var messages: [JSONValue] = []
            if !system.isEmpty { messages.append(.object(["role": "system", "content": .string(system)])) }
            messages.append(.object(["role": "user", "content": .string(text)]))
            var body: [String: JSONValue] = ["model": .string(model), "messages": .array(messages)]
            if let t = Double(temperature.trimmingCharacters(in: .whitespaces)) { body["temperature"] = .number(t) }
            if let m = Int(maxTokens.trimmingCharacters(in: .whitespaces)) { body["max_tokens"] = .number(Double(m)) }
            if stream {
                body["stream"] = true
                body["stream_options"] = .object(["include_usage": true])
            }
            return JSONValue.object(body).jsonBytes
        }

        static func read(_ fields: FormFields) -> Draft {
            var draft = Draft(model: fields.first("model") ?? "", system: fields.first("system") ?? "", message: fields.first("message") ?? "",
                              temperature: fields.first("temperature") ?? "", maxTokens: fields.first("max_tokens") ?? "")
            draft.variables = variableNames(in: draft.message).map { ($0, fields.first("var." + $0) ?? "") }
            return draft
        }
    }

    /// The `{{name}}` placeholders of a text, in order, once each.
    static func variableNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !name.isEmpty, !name.hasPrefix(">"), name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !names.contains(name) {
                names.append(name)
            }
            rest = rest[close.upperBound...]
        }
        return names
    }

    static func caller(_ req: Request) throws -> GatewayCaller {
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        guard session.actor.may(GatewayRoutes.callScope) else {
            throw AdminError.forbidden("Calling models needs the \(GatewayRoutes.callScope) permission.")
        }
        return GatewayCaller(tenant: session.tenantID, user: session.userID, apiKey: nil)
    }

    static func show(_ req: Request) async throws -> Response {
        _ = try caller(req)
        var draft = Draft()
        let query = try? req.query.decode([String: String].self)
        if let id = query?["prompt_version"].flatMap(UUID.init(text:)) {
            let row = try await AdminAccess.service(req, Resources.of(PromptLibraryTables.promptVersions)).get(id)
            draft.message = row["content"]?.stringValue ?? ""
            draft.source = "version \(row["version"]?.stringValue ?? "") of a prompt"
        } else if let id = query?["prompt"].flatMap(UUID.init(text:)) {
            let row = try await AdminAccess.service(req, Resources.of(PromptLibraryTables.prompts)).get(id)
            draft.message = row["content"]?.stringValue ?? ""
            draft.source = "prompt \(row["name"]?.stringValue ?? "")"
        }
        draft.model = query?["model"] ?? ""
        draft.variables = variableNames(in: draft.message).map { ($0, "") }
        return try await page(req, draft: draft, result: .empty)
    }

    /// The form posted without JavaScript: the whole answer at once.
    static func send(_ req: Request) async throws -> Response {
        let caller = try caller(req)
        let draft = Draft.read(try req.adminForm())
        let service = GatewayRoutes.service(req)
        let result: HTML
        do {
            let admitted = try await service.admitChat(try draft.body(stream: false), caller: caller, labels: TaskLabels(), conversation: nil)
            let answer = try await service.complete(admitted)
            result = answerPanel(text: answer.text, summary: answer.summary)
        } catch let error as GatewayError {
            result = "<section class=\"panel error\" role=\"alert\"><h2>\(error.status) · \(error.code ?? error.type)</h2><p>\(error.message)</p></section>"
        }
        return try await page(req, draft: draft, result: result)
    }

    /// The form posted by the page's script: the answer streams as OpenAI chunks, then an `event: summary`.
    static func stream(_ req: Request) async throws -> Response {
        let caller = try caller(req)
        let draft = Draft.read(try req.adminForm())
        let service = GatewayRoutes.service(req)
        do {
            let admitted = try await service.admitChat(try draft.body(stream: true), caller: caller, labels: TaskLabels(), conversation: nil)
            let opened = try await service.openStream(admitted)
            let response = Response(status: .ok)
            response.headers.replaceOrAdd(name: .contentType, value: "text/event-stream; charset=utf-8")
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            response.body = Response.Body(asyncStream: { writer in
                let summary = await service.relay(opened) { bytes in try await writer.write(.buffer(ByteBuffer(bytes: bytes))) }
                let event = "event: summary\ndata: " + String(decoding: summaryJSON(summary).jsonBytes, as: UTF8.self) + "\n\n"
                try await writer.write(.buffer(ByteBuffer(string: event)))
                try await writer.write(.end)
            })
            return response
        } catch let error as GatewayError {
            return OpenAIErrorMiddleware.response(error)
        }
    }

    static func summaryJSON(_ summary: GatewayService.CallSummary) -> JSONValue {
        .object([
            "status": .string(summary.status), "input_tokens": .number(Double(summary.usage.input)),
            "output_tokens": .number(Double(summary.usage.output)), "cost": .string(costText(summary.cost)),
            "latency_ms": .number(Double(summary.latencyMS)),
            "time_to_first_token_ms": summary.timeToFirstTokenMS.map { .number(Double($0)) } ?? .null,
            "log": .string(AdminPath.detail(GenerationTables.aiLogs.name, summary.logID.lowercaseText)),
        ])
    }

    static func costText(_ cost: Double?) -> String { cost.map { String(format: "$%.6f", $0) } ?? "unpriced" }

    static func answerPanel(text: String, summary: GatewayService.CallSummary?) -> HTML {
        let facts: HTML = summary.map { s in
            let ttft: HTML = s.timeToFirstTokenMS.map { "<dt>First token</dt><dd>\($0) ms</dd>" } ?? .empty
            return """
                <dl class="facts"><dt>Tokens</dt><dd>\(s.usage.input) in · \(s.usage.output) out</dd>
                <dt>Cost</dt><dd>\(costText(s.cost))</dd><dt>Latency</dt><dd>\(s.latencyMS) ms</dd>\(ttft)
                <dt>Log</dt><dd><a href="\(AdminPath.detail(GenerationTables.aiLogs.name, s.logID.lowercaseText))">generation</a></dd></dl>
                """
        } ?? .empty
        return "<section class=\"panel\" id=\"playground-answer\" aria-live=\"polite\"><h2>Answer</h2><pre class=\"prose answer\">\(text)</pre>\(facts)</section>"
    }

    static func page(_ req: Request, draft: Draft, result: HTML) async throws -> Response {
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        let options = try await modelOptions(req, tenant: session.tenantID)
        let datalist = options.map { HTML("<option value=\"\($0.value)\">\($0.label)</option>") }
        let variables = draft.variables.map { variable in
            HTML("""
                <label>\(variable.name) <input name="var.\(variable.name)" value="\(variable.value)" data-variable="\(variable.name)"></label>
                """)
        }
        let source: HTML = draft.source.map { "<p class=\"muted\">From \($0). Fill its variables below; they are put into the message when it is sent.</p>" } ?? .empty
        let form: HTML = """
            <form class="panel playground" method="post" action="\(GatewayAdminPath.playground)" data-playground data-stream-action="\(GatewayAdminPath.playgroundStream)">
            \(AdminLayout.csrfField(req))\(source)
            <label>Model <input name="model" list="playground-models" required value="\(draft.model)"
              placeholder="a configuration name, a model id or auto:<category>"></label>
            <datalist id="playground-models">\(datalist)</datalist>
            <label>System message <textarea name="system" rows="2">\(draft.system)</textarea></label>
            <label>Message <textarea name="message" rows="6" required>\(draft.message)</textarea></label>
            \(HTML.when(!variables.isEmpty, "<fieldset><legend>Variables</legend>\(variables)</fieldset>"))
            <div class="row"><label>Temperature <input name="temperature" type="number" min="0" max="2" step="0.1" value="\(draft.temperature)"></label>
            <label>Max tokens <input name="max_tokens" type="number" min="1" value="\(draft.maxTokens)"></label>
            <label><input type="checkbox" name="stream" value="1" checked> Stream the answer</label></div>
            <button class="primary" type="submit">Send</button>
            </form>
            """
        let answer = result.raw.isEmpty ? "<section class=\"panel\" id=\"playground-answer\" aria-live=\"polite\" hidden><h2>Answer</h2><pre class=\"prose answer\"></pre><dl class=\"facts\"></dl></section>" : result
        return try await AdminLayout.render(AdminPage(title: "Playground", crumbs: [("Playground", nil)], table: GatewayAdminPath.playground,
                                                      content: form + answer), req)
    }

    /// The tenant's configurations, then `auto:<category>` for each active task category.
    static func modelOptions(_ req: Request, tenant: UUID) async throws -> [(value: String, label: String)] {
        var options: [(String, String)] = []
        var sql = SQLText(req.store.engine, """
            SELECT c.name AS name, m.model_id AS model FROM model_configurations c JOIN llm_models m ON m.id = c.model_id
            WHERE c.tenant_id =
            """)
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND c.deleted_at IS NULL AND c.is_active ORDER BY c.name")
        for row in try await req.store.rows(sql) {
            let read = RowReader(row: row, engine: req.store.engine)
            options.append((try read.text("name") ?? "", "configuration · \(try read.text("model") ?? "")"))
        }
        for row in try await req.store.rows(SQLText(req.store.engine, "SELECT category_key, category_name FROM ai_task_categories WHERE is_active ORDER BY category_key")) {
            let read = RowReader(row: row, engine: req.store.engine)
            options.append(("auto:" + (try read.text("category_key") ?? ""), "best model for \(try read.text("category_name") ?? "")"))
        }
        return options
    }
}
