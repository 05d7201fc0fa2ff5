import Foundation
import Vapor

/// Spend through the gateway: per day, model, configuration, API key and user over a period, with filters,
/// SVG charts, a CSV download of the grouped rows, and the unpriced models in use (their calls' cost is
/// unknown until they get a price; `outputhub recost` then costs them).
enum CostsScreen {
    static func register(_ admin: any RoutesBuilder) {
        admin.on(.GET, GatewayAdminPath.costsRoute) { req in try await show(req) }
    }

    /// The filters, from the query string.
    struct Filters {
        var from: Date
        var to: Date
        var configuration: UUID?
        var model: UUID?
        var key: UUID?
        var user: UUID?

        static func read(_ req: Request, now: Date) throws -> Filters {
            let query = (try? req.query.decode([String: String].self)) ?? [:]
            func day(_ name: String) throws -> Date? {
                guard let text = query[name], !text.isEmpty else { return nil }
                guard let date = ValueParser.dateOnly(text) else {
                    throw AdminError(status: .badRequest, message: "\(name) must be a day (YYYY-MM-DD).")
                }
                return date
            }
            func id(_ name: String) throws -> UUID? {
                guard let text = query[name], !text.isEmpty else { return nil }
                guard let id = UUID(text: text) else { throw AdminError(status: .badRequest, message: "\(name) must be an id.") }
                return id
            }
            let today = WindowCounter.windowStart(now, length: 86_400)
            let to = try day("to").map { $0.addingTimeInterval(86_400) } ?? today.addingTimeInterval(86_400)
            let from = try day("from") ?? to.addingTimeInterval(-30 * 86_400)
            guard from < to else { throw AdminError(status: .badRequest, message: "from must be before to.") }
            return Filters(from: from, to: to, configuration: try id("configuration"), model: try id("model"), key: try id("key"), user: try id("user"))
        }
    }

    /// One group of calls: a day, a model, a configuration, a key and a user.
    struct Group {
        let day: String
        let model: UUID?
        let configuration: UUID?
        let key: UUID?
        let user: UUID?
        let calls: Int
        let unpriced: Int
        let cost: Double
        let inputTokens: Int
        let outputTokens: Int
    }

    static func groups(_ store: Store, tenant: UUID, _ filters: Filters) async throws -> [Group] {
        var sql = SQLText(store.engine, """
            SELECT \(store.engine.daySQL("created_at")) AS day, model_id, model_configuration_id, api_key_id, user_id,
              COUNT(*) AS calls, SUM(CASE WHEN cost_usd IS NULL THEN 1 ELSE 0 END) AS unpriced, COALESCE(SUM(cost_usd), 0) AS cost,
              SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens
            FROM ai_logs WHERE status <> 'refused' AND tenant_id =
            """)
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND created_at >= ")
        sql.bind(.date(filters.from), as: .timestamp)
        sql.append(" AND created_at < ")
        sql.bind(.date(filters.to), as: .timestamp)
        for (column, value) in [("model_configuration_id", filters.configuration), ("model_id", filters.model),
                                ("api_key_id", filters.key), ("user_id", filters.user)] {
            guard let value else { continue }
            sql.append(" AND \(column) = ")
            sql.bind(.uuid(value), as: .uuid)
        }
        sql.append(" GROUP BY 1, 2, 3, 4, 5 ORDER BY 1")
        return try await store.rows(sql).map { row in
            let read = RowReader(row: row, engine: store.engine)
            return Group(day: try read.text("day") ?? "", model: try read.optionalUUID("model_id"),
                         configuration: try read.optionalUUID("model_configuration_id"), key: try read.optionalUUID("api_key_id"),
                         user: try read.optionalUUID("user_id"), calls: try read.value("calls", .bigint).intValue ?? 0,
                         unpriced: try read.value("unpriced", .bigint).intValue ?? 0, cost: try read.double("cost") ?? 0,
                         inputTokens: try read.value("input_tokens", .bigint).intValue ?? 0,
                         outputTokens: try read.value("output_tokens", .bigint).intValue ?? 0)
        }
    }

    static func show(_ req: Request) async throws -> Response {
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        guard session.actor.may(Permissions.readScope(Resources.of(GenerationTables.aiLogs))) else {
            throw AdminError.forbidden("The cost views need the models:read permission.")
        }
        let filters = try Filters.read(req, now: req.hubClients.clock.now())
        let store = req.store
        let groups = try await groups(store, tenant: session.tenantID, filters)
        // The rows' references by label, as every list shows them (one query per table, only what the member may read).
        let log = Resources.of(GenerationTables.aiLogs)
        let (model, configuration, key, user) = (log.column("model_id")!, log.column("model_configuration_id")!, log.column("api_key_id")!, log.column("user_id")!)
        let labels = try await ReferenceLabels.load(for: groups.map { g in [g.model, g.configuration, g.key, g.user].map { $0.map(DBValue.uuid) ?? .null } },
                                                    columns: [model, configuration, key, user], req: req, actor: session.actor)
        func name(_ id: UUID?, _ column: ColumnDeclaration, none: String) -> String {
            guard let id, let reference = column.references else { return none }
            let text = id.lowercaseText
            return labels.label(reference, text) ?? text
        }

        if (try? req.query.get(String.self, at: "format")) == "csv" {
            guard session.actor.may(Permissions.export) else { throw AdminError.forbidden("Downloads need the \(Permissions.export) permission.") }
            var csv = "day,model,configuration,api_key,user,calls,unpriced_calls,cost_usd,input_tokens,output_tokens\r\n"
            for g in groups {
                let fields = [g.day, name(g.model, model, none: ""), name(g.configuration, configuration, none: ""), name(g.key, key, none: "admin session"),
                              name(g.user, user, none: ""), String(g.calls), String(g.unpriced), String(format: "%.6f", g.cost),
                              String(g.inputTokens), String(g.outputTokens)]
                csv += fields.map(RowEncoding.csvField).joined(separator: ",") + "\r\n"
            }
            let response = Response(status: .ok, body: .init(string: csv))
            response.headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
            response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"gateway-costs.csv\"")
            return response
        }

        func sums(_ key: (Group) -> String) -> [(label: String, value: Double)] {
            Dictionary(grouping: groups, by: key).map { ($0.key, $0.value.reduce(0) { $0 + $1.cost }) }.sorted { $0.1 > $1.1 }
        }
        var days: [(label: String, value: Double)] = []
        var day = filters.from
        let perDay = Dictionary(grouping: groups, by: \.day).mapValues { $0.reduce(0) { $0 + $1.cost } }
        while day < filters.to {
            let label = Timestamps.formatDay(day)
            days.append((label, perDay[label] ?? 0))
            day = day.addingTimeInterval(86_400)
        }
        let dollars: (Double) -> String = { String(format: "$%.4f", $0) }
        let charts: [HTML] = [
            BarChart(title: "Spend per day", bars: days, format: dollars).svg,
            BarChart(title: "By model", bars: Array(sums { name($0.model, model, none: "unknown") }.prefix(12)), format: dollars).svg,
            BarChart(title: "By configuration", bars: Array(sums { name($0.configuration, configuration, none: "no configuration") }.prefix(12)), format: dollars).svg,
            BarChart(title: "By API key", bars: Array(sums { name($0.key, key, none: "admin session") }.prefix(12)), format: dollars).svg,
            BarChart(title: "By user", bars: Array(sums { name($0.user, user, none: "no user") }.prefix(12)), format: dollars).svg,
        ]
        let total = groups.reduce(0) { $0 + $1.cost }, calls = groups.reduce(0) { $0 + $1.calls }
        let unpriced = Dictionary(grouping: groups.filter { $0.unpriced > 0 }, by: \.model).map { ($0.key, $0.value.reduce(0) { $0 + $1.unpriced }) }
            .sorted { $0.1 > $1.1 }
        let unpricedRows = unpriced.map { id, count in
            HTML("<tr><td>\(id.map { HTML("<a href=\"\(AdminPath.detail("llm_models", $0.lowercaseText))\">\(name($0, model, none: ""))</a>") } ?? "unknown")</td><td>\(count)</td></tr>")
        }
        let unpricedSection: HTML = unpriced.isEmpty
            ? "<section class=\"panel\"><h2>Unpriced models in use</h2><p class=\"muted\">None: every call in this period has a cost.</p></section>"
            : """
              <section class="panel" aria-labelledby="unpriced-heading"><h2 id="unpriced-heading">Unpriced models in use</h2>
              <p>These calls' cost is unknown. Add a dated price (\(HTML("<a href=\"\(AdminPath.new("llm_model_prices"))\">new price</a>"))) or import the catalog, then run <code>outputhub recost --since \(Timestamps.formatDay(filters.from))</code>.</p>
              <table><thead><tr><th>Model</th><th>Unpriced calls</th></tr></thead><tbody>\(unpricedRows)</tbody></table></section>
              """
        let query = req.url.query ?? ""
        let csvLink = GatewayAdminPath.costs + "?" + (query.isEmpty ? "format=csv" : query + "&format=csv")
        let configurationOptions = try await selectOptions(store, "SELECT id, name AS label FROM model_configurations WHERE deleted_at IS NULL AND tenant_id = ", tenant: session.tenantID, selected: filters.configuration)
        let modelOptions = try await selectOptions(store, """
            SELECT m.id AS id, m.model_id AS label FROM llm_models m WHERE m.id IN (SELECT model_id FROM ai_logs WHERE model_id IS NOT NULL AND tenant_id =
            """, tenant: session.tenantID, selected: filters.model, close: ")")
        // API keys are named only to members who may read them (as everywhere else).
        let keyOptions = session.actor.may(Permissions.readScope(Resources.of(IdentityTables.apiKeys)))
            ? try await selectOptions(store, "SELECT id, COALESCE(name, key_prefix) AS label FROM api_keys WHERE tenant_id = ", tenant: session.tenantID, selected: filters.key)
            : .empty
        let userOptions = try await selectOptions(store, """
            SELECT u.id AS id, u.email AS label FROM users u JOIN tenant_memberships t ON t.user_id = u.id WHERE t.tenant_id =
            """, tenant: session.tenantID, selected: filters.user)
        let form: HTML = """
            <form class="panel filters" method="get" action="\(GatewayAdminPath.costs)">
            <label>From <input type="date" name="from" value="\(Timestamps.formatDay(filters.from))"></label>
            <label>To <input type="date" name="to" value="\(Timestamps.formatDay(filters.to.addingTimeInterval(-86_400)))"></label>
            <label>Configuration <select name="configuration"><option value="">Any</option>\(configurationOptions)</select></label>
            <label>Model <select name="model"><option value="">Any</option>\(modelOptions)</select></label>
            <label>API key <select name="key"><option value="">Any</option>\(keyOptions)</select></label>
            <label>User <select name="user"><option value="">Any</option>\(userOptions)</select></label>
            <button type="submit">Show</button> \(HTML.when(session.actor.may(Permissions.export), "<a class=\"button\" href=\"\(csvLink)\">Download CSV</a>"))
            </form>
            <section class="cards"><section class="card"><h2>Spend</h2><div class="big">\(String(format: "$%.4f", total))</div></section>
            <section class="card"><h2>Calls</h2><div class="big">\(calls)</div></section>
            <section class="card"><h2>Unpriced calls</h2><div class="big">\(unpriced.reduce(0) { $0 + $1.1 })</div></section></section>
            """
        return try await AdminLayout.render(AdminPage(title: "Gateway costs", crumbs: [("Gateway costs", nil)], table: GatewayAdminPath.costs,
                                                      content: form + unpricedSection + "<div class=\"charts\">\(charts)</div>"), req)
    }

    /// `<option>`s of the rows `select` (ending in a tenant comparison, closed by `close`) finds, by label.
    static func selectOptions(_ store: Store, _ select: String, tenant: UUID, selected: UUID?, close: String = "") async throws -> HTML {
        var sql = SQLText(store.engine, select)
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(close + " ORDER BY 2")
        var html: HTML = .empty
        for row in try await store.rows(sql) {
            let read = RowReader(row: row, engine: store.engine)
            let id = try read.uuid("id")
            html += "<option value=\"\(id.lowercaseText)\"\(HTML.attribute("selected", id == selected))>\(try read.text("label") ?? "")</option>"
        }
        return html
    }
}
