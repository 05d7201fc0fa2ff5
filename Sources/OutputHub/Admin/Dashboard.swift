import Foundation
import Vapor

/// The landing page: rows per module, the modules' charts of the last 30 days (where there is data), and
/// recent changes from the audit log.
enum Dashboard {
    static let countCap = 10_000
    static let days = 30

    static func show(_ req: Request) async throws -> Response {
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        let content: HTML = """
            <div class="cards">\(try await moduleCards(req, session))</div>
            <div class="charts">\(try await charts(req, session))</div>
            \(try await recentActivity(req, session))
            """
        return try await AdminLayout.render(AdminPage(title: "Dashboard", content: content), req)
    }

    // MARK: Counts

    private static func moduleCards(_ req: Request, _ session: SessionService.SignedIn) async throws -> HTML {
        let all = try await rowCounts(req.store, actor: session.actor)
        var cards: [HTML] = []
        for module in Modules.all.filter({ !$0.tables.isEmpty }).map(\.area) {
            let counts = all.filter { $0.0.module == module }
            let total = counts.map(\.1).reduce(0, +)
            let top = counts.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(3).map { resource, n in
                HTML("<li><a href=\"\(AdminPath.list(resource.name))\">\(resource.label)</a> <span class=\"muted\">\(number(n))</span></li>")
            }
            cards.append("""
                <section class="card"><h2>\(module.rawValue)</h2><div class="big">\(number(total))</div>
                <ul>\(top.isEmpty ? [HTML("<li class=\"muted\">No rows yet</li>")] : top)</ul></section>
                """)
        }
        return cards.joined()
    }

    /// Every table the actor may read with its row count, scoped and capped at `countCap + 1` exactly like
    /// its list screen's count (`RowQuery.count(_:upTo:)`), all read by one statement: a single SELECT of
    /// one capped scalar subquery per table, in `Resources.all` order.
    static func rowCounts(_ store: Store, actor: Actor) async throws -> [(Resource, Int)] {
        let readable = Resources.all.filter { !$0.isView && actor.may(Permissions.readScope($0)) }
        guard !readable.isEmpty else { return [] }
        var sql = SQLText(store.engine, "SELECT ")
        for (i, resource) in readable.enumerated() {
            if i > 0 { sql.append(", ") }
            RowQuery(resource: resource, actor: actor, engine: store.engine).appendCount(ListQuery(), upTo: countCap + 1, to: &sql)
            sql.append(" AS \(quote("c\(i)"))")
        }
        guard let row = try await store.rows(sql).first else { return readable.map { ($0, 0) } }
        return try readable.enumerated().map { i, resource in (resource, try row.decode(column: "c\(i)", as: Int.self)) }
    }

    private static func number(_ n: Int) -> String { n > countCap ? "\(countCap.formatted())+" : n.formatted() }

    // MARK: Charts

    /// The modules' charts the member may read, where their last `days` days hold data.
    private static func charts(_ req: Request, _ session: SessionService.SignedIn) async throws -> HTML {
        let store = req.store
        let since = Calendar(identifier: .gregorian).startOfDay(for: req.hubClients.clock.now()).addingTimeInterval(-Double(days - 1) * 86_400)
        var html: [HTML] = []
        for chart in Modules.all.flatMap(\.dashboardCharts) where session.actor.may(Permissions.readScope(Resources.of(chart.table))) {
            switch chart.measure {
            case .rowsPerDay:
                let bars = try await perDay(store, chart, tenant: session.tenantID, since: since, sum: nil)
                if bars.contains(where: { $0.count > 0 }) { html.append(BarChart(title: chart.title, bars: bars.map { ($0.day, Double($0.count)) }).svg) }
            case .sumPerDay(let column, let format):
                let bars = try await perDay(store, chart, tenant: session.tenantID, since: since, sum: column)
                if bars.contains(where: { $0.count > 0 }) {
                    html.append(BarChart(title: chart.title, bars: bars.map { ($0.day, $0.sum) }, format: { String(format: format, $0) }).svg)
                }
            case .rowsPerValue(let column):
                let bars = try await perValue(store, chart, column: column, tenant: session.tenantID, since: since)
                if !bars.isEmpty { html.append(BarChart(title: chart.title, bars: bars.map { ($0.0, Double($0.1)) }).svg) }
            }
        }
        if html.isEmpty { return "<p class=\"panel muted\">Nothing to chart from the last \(days) days yet.</p>" }
        return html.joined()
    }

    struct Day { let day: String; var count: Int; var sum: Double }

    /// Rows per UTC day over the last `days` days, every day present (zero when empty).
    private static func perDay(_ store: Store, _ chart: DashboardChart, tenant: UUID, since: Date, sum: String?) async throws -> [Day] {
        let day = store.engine.daySQL(chart.dateColumn)
        let total = sum.map { ", COALESCE(SUM(\(quote($0))), 0) AS total" } ?? ""
        var sql = SQLText(store.engine, "SELECT \(day) AS day, COUNT(*) AS n\(total) FROM \(quote(chart.table.name)) WHERE tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND \(quote(chart.dateColumn)) >= ")
        sql.bind(.date(since), as: .timestamp)
        sql.append(" GROUP BY \(day) ORDER BY 1")
        var found: [String: Day] = [:]
        for raw in try await store.rows(sql) {
            let row = try store.decode(raw, [.text("day"), .bigint("n")] + (sum == nil ? [] : [.double("total")]))
            if let key = row["day"]?.stringValue {
                found[key] = Day(day: key, count: row["n"]?.intValue ?? 0, sum: row["total"]?.doubleValue ?? 0)
            }
        }
        return (0..<days).map { offset in
            let key = String(Timestamps.format(since.addingTimeInterval(Double(offset) * 86_400)).prefix(10))
            return found[key] ?? Day(day: key, count: 0, sum: 0)
        }
    }

    /// Rows per value of `column` since `since`, by value.
    private static func perValue(_ store: Store, _ chart: DashboardChart, column: String, tenant: UUID, since: Date) async throws -> [(String, Int)] {
        var sql = SQLText(store.engine, "SELECT \(quote(column)) AS value, COUNT(*) AS n FROM \(quote(chart.table.name)) WHERE tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND \(quote(chart.dateColumn)) >= ")
        sql.bind(.date(since), as: .timestamp)
        sql.append(" GROUP BY \(quote(column)) ORDER BY 1")
        return try await store.rows(sql).map { raw in
            let row = try store.decode(raw, [.text("value"), .bigint("n")])
            return (row["value"]?.stringValue ?? "", row["n"]?.intValue ?? 0)
        }
    }

    // MARK: Activity

    private static func recentActivity(_ req: Request, _ session: SessionService.SignedIn) async throws -> HTML {
        let audit = Resources.of(SystemTables.auditLogs)
        guard session.actor.may(Permissions.readScope(audit)) else { return .empty }
        var query = ListQuery()
        query.limit = 12
        query.order = [OrderTerm(column: "created_at", descending: true)]
        query.select = ["created_at", "user_id", "action", "table_name", "record_id"]
        let page = try await ResourceService(store: req.store, resource: audit, actor: session.actor, clients: req.hubClients).list(query)
        guard !page.rows.isEmpty else { return "<section class=\"panel\"><h2>Recent activity</h2><p class=\"muted\">No changes yet.</p></section>" }
        let labels = try await ReferenceLabels.load(for: page.rows, columns: page.columns, req: req, actor: session.actor)
        let items = page.rows.map { row -> HTML in
            let table = row[3].stringValue ?? "", record = row[4].stringValue ?? ""
            let target: HTML = Resources.named(table).map { resource in
                row[2].stringValue == "delete" && !resource.isSoftDeletable
                    ? HTML("\(FormScreen.singular(resource)) \(String(record.prefix(8)))")
                    : HTML("<a href=\"\(AdminPath.detail(table, record))\">\(FormScreen.singular(resource)) \(String(record.prefix(8)))</a>")
            } ?? HTML("\(table)")
            return "<li>\(ValueFormat.timestamp(row[0])) · \(ValueFormat.cell(row[1], page.columns[1], labels: labels)) <strong>\(row[2].stringValue ?? "")</strong> \(target)</li>"
        }
        return "<section class=\"panel\"><h2>Recent activity</h2><ul>\(items)</ul><p><a href=\"\(AdminPath.list(SystemTables.auditLogs.name))\">Whole audit log →</a></p></section>"
    }
}
