import Foundation
import Vapor

/// The knowledge base's admin screens: a document's processing log and chunks on its page, and a search
/// page showing each hit's rank and score in every channel.
enum KnowledgeScreens {
    static let searchRoute = AdminPath.dashboardRoute.appending("knowledge", "search")
    static let search = searchRoute.link()
    static let readScope = "knowledge:read"
    /// The chunks a document's page lists.
    static let chunkLimit = 300

    static func register(_ admin: any RoutesBuilder) {
        admin.on(.GET, searchRoute) { req in try await showSearch(req) }
    }

    // MARK: A document's page

    /// Status, error, the stages of its ingestion and its chunks (heading path, tokens, text).
    @Sendable static func documentPanel(_ req: Request, _ document: DBRow) async throws -> HTML {
        guard let session = req.signedIn, session.actor.may(readScope), let id = document["id"]?.uuidValue else { return .empty }
        let status = document["processing_status"]?.stringValue ?? ""
        let error: HTML = document["processing_error"]?.stringValue.map { "<p class=\"error\" role=\"alert\">Failed: \($0)</p>" } ?? .empty
        let busy = status == "uploaded" || status == "processing"
        let log = DocumentPipeline.log(of: document).compactMap(\.objectValue).map { entry -> HTML in
            let ms = entry["duration_ms"]?.numberValue.map { "\(Int($0)) ms" } ?? ""
            return "<tr><td>\(entry["stage"]?.stringValue)</td><td>\(entry["status"]?.stringValue)</td><td>\(ms)</td><td>\(entry["at"]?.stringValue)</td><td>\(entry["detail"]?.stringValue)</td></tr>"
        }
        var sql = SQLText(req.store.engine, "SELECT chunk_index, heading, token_count, chunk_text FROM document_chunks WHERE document_id = ")
        sql.bind(.uuid(id), as: .uuid)
        sql.append(" AND tenant_id = ")
        sql.bind(.uuid(session.tenantID), as: .uuid)
        sql.append(" ORDER BY chunk_index LIMIT \(chunkLimit)")
        let chunks = try await req.store.rows(sql).map { row -> HTML in
            let read = RowReader(row: row, engine: req.store.engine)
            let text = try read.text("chunk_text") ?? ""
            return "<tr><td>\(try read.int("chunk_index") ?? 0)</td><td>\(try read.text("heading") ?? "")</td><td>\(try read.int("token_count") ?? 0)</td><td class=\"chunk-text\">\(String(text.prefix(400)))\(text.count > 400 ? "…" : "")</td></tr>"
        }
        let embeddings = try await embeddingSummary(document: id, tenant: session.tenantID, store: req.store)
        // While the document is being ingested the page reloads itself every few seconds (see `AdminScript`).
        let refresh: HTML = busy ? "<p class=\"muted\" data-reload-after=\"3000\">Ingesting: this page follows it.</p>" : .empty
        return """
            <section class="panel" aria-labelledby="ingestion-heading"><h2 id="ingestion-heading">Ingestion: <span class="badge">\(status)</span></h2>\(error)
            <table><thead><tr><th>Stage</th><th>Status</th><th>Time</th><th>At</th><th>Detail</th></tr></thead><tbody>\(log)</tbody></table>\(refresh)</section>
            <section class="panel" aria-labelledby="chunks-heading"><h2 id="chunks-heading">Chunks (\(chunks.count))</h2>\(embeddings)
            \(chunks.isEmpty ? HTML("<p class=\"muted\">No chunks yet.</p>") : HTML("<table><thead><tr><th>#</th><th>Heading</th><th>Tokens</th><th>Text</th></tr></thead><tbody>\(chunks)</tbody></table>"))
            \(HTML.when(chunks.count == chunkLimit, "<p class=\"muted\">Showing the first \(chunkLimit) chunks.</p>"))
            <p><a href="\(searchRoute.link(query: [("document_id", id.lowercaseText)]))">Search this document</a></p></section>
            """
    }

    /// Which embedding models cover how many of the document's chunks.
    static func embeddingSummary(document: UUID, tenant: UUID, store: Store) async throws -> HTML {
        var sql = SQLText(store.engine, "SELECT e.model, e.dimensions, count(*) AS n FROM chunk_embeddings e JOIN document_chunks c ON c.id = e.chunk_id WHERE c.document_id = ")
        sql.bind(.uuid(document), as: .uuid)
        sql.append(" AND e.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" GROUP BY e.model, e.dimensions ORDER BY e.model")
        let models = try await store.rows(sql).map { row -> HTML in
            let read = RowReader(row: row, engine: store.engine)
            return "<strong>\(try read.text("model") ?? "")</strong> (\(try read.int("dimensions") ?? 0) dimensions) for \(try read.value("n", .bigint).intValue ?? 0) chunks"
        }
        guard !models.isEmpty else { return "<p class=\"muted\">No embeddings: search finds this document by its words only.</p>" }
        return "<p>Embeddings: \(models.joined(separator: "; ")).</p>"
    }

    // MARK: Search

    static func showSearch(_ req: Request) async throws -> Response {
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        guard session.actor.may(readScope) else { throw AdminError.forbidden("Search needs the \(readScope) permission.") }
        let given = (try? req.query.decode([String: String].self)) ?? [:]
        let text = given["q"]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let mode = given["mode"].flatMap(KnowledgeSearch.Mode.init(rawValue:)) ?? .hybrid
        var results: HTML = .empty
        if !text.isEmpty {
            var query = KnowledgeSearch.Query(text: String(text.prefix(2000)))
            query.mode = mode
            query.topK = given["top_k"].flatMap(Int.init).map { min(max($0, 1), 100) } ?? 10
            func id(_ name: String) throws -> UUID? {
                guard let text = given[name], !text.isEmpty else { return nil }
                guard let id = UUID(text: text) else { throw AdminError(status: .badRequest, message: "\(name) must be an id.") }
                return id
            }
            query.filters.documentID = try id("document_id")
            query.filters.domainID = try id("domain_id")
            results = render(try await KnowledgeSearch(store: req.store, tenant: session.tenantID, vectors: .init(req)).search(query))
        }
        let modes = KnowledgeSearch.Mode.allCases.map { HTML("<option\(HTML.attribute("selected", $0 == mode))>\($0.rawValue)</option>") }
        // A search opened from a document or a domain stays within it.
        let hidden = ["document_id", "domain_id"].compactMap { name in given[name].map { HTML("<input type=\"hidden\" name=\"\(name)\" value=\"\($0)\">") } }
        let form: HTML = """
            <form class="panel filters" method="get" action="\(search)" role="search">
            <label>Query <input type="search" name="q" value="\(text)" size="60" autofocus></label>
            <label>Mode <select name="mode">\(modes)</select></label>
            <label>Hits <input type="number" name="top_k" min="1" max="100" value="\(given["top_k"] ?? "10")"></label>\(hidden)
            <button type="submit">Search</button></form>
            """
        return try await AdminLayout.render(AdminPage(title: "Knowledge search", crumbs: [("Knowledge search", nil)], table: search, content: form + results), req)
    }

    /// The channels' state and the hits; a snippet is already HTML (escaped text with `<mark>`, see `Snippet`).
    static func render(_ answer: KnowledgeSearch.Answer) -> HTML {
        let channels = answer.channels.sorted { $0.key < $1.key }.map { name, channel -> HTML in
            channel.enabled ? "<li><strong>\(name)</strong>: ran, \(channel.candidates) candidates</li>" : "<li><strong>\(name)</strong>: off — \(channel.reason ?? "")</li>"
        }
        func cell(_ hit: KnowledgeSearch.ChannelHit?) -> HTML {
            hit.map { HTML("#\($0.rank) · \(String(format: "%.4f", $0.score))") } ?? "<span class=\"muted\">—</span>"
        }
        let rows = answer.hits.enumerated().map { offset, hit -> HTML in
            """
            <tr><td>\(offset + 1)</td><td><a href="\(AdminPath.detail("knowledge_sources", hit.documentID.lowercaseText))">\(hit.title)</a>
            <div class="muted">\(hit.heading ?? "")</div></td><td class="snippet">\(HTML(raw: hit.snippet))</td>
            <td>\(cell(hit.keyword))</td><td>\(cell(hit.vector))</td><td>\(String(format: "%.5f", hit.score))</td></tr>
            """
        }
        let table: HTML = answer.hits.isEmpty ? "<p class=\"muted\">No hits.</p>" : """
            <table class="search-hits"><thead><tr><th>#</th><th>Document</th><th>Snippet</th><th>Keyword rank · score</th><th>Vector rank · score</th><th>Fused</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return "<section class=\"panel\" aria-labelledby=\"hits-heading\"><h2 id=\"hits-heading\">Hits</h2><ul class=\"channels\">\(channels)</ul>\(table)</section>"
    }
}
