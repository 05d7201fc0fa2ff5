import Foundation
import Vapor

/// The knowledge base's documents screen: upload (several files, dropped or chosen) into a domain, and the
/// latest documents with their processing status, followed live while any is being ingested; and the
/// domain tree with each domain's document and chunk counts.
enum DocumentsScreen {
    static let documentsRoute = AdminPath.dashboardRoute.appending("knowledge", "documents")
    static let domainsRoute = AdminPath.dashboardRoute.appending("knowledge", "domains")
    static let documents = documentsRoute.link()
    static let domains = domainsRoute.link()
    static let recentLimit = 50

    static func register(_ admin: any RoutesBuilder) {
        admin.on(.GET, documentsRoute) { req in try await show(req) }
        admin.on(.POST, documentsRoute, body: KnowledgeRoutes.uploadLimit) { req in try await upload(req) }
        admin.on(.GET, domainsRoute) { req in try await showDomains(req) }
    }

    static func session(_ req: Request) throws -> SessionService.SignedIn {
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first.") }
        guard session.actor.may(KnowledgeScreens.readScope) else { throw AdminError.forbidden("The knowledge base needs the \(KnowledgeScreens.readScope) permission.") }
        return session
    }

    static var writeScope: String { Permissions.writeScope(Resources.of(KnowledgeTables.knowledgeSources)) }

    static func show(_ req: Request, notice: HTML = .empty, status: HTTPResponseStatus = .ok) async throws -> Response {
        let session = try session(req)
        let (list, busy) = try await recent(req, tenant: session.tenantID)
        let form: HTML = session.actor.may(writeScope) ? try await uploadForm(req, tenant: session.tenantID) : .empty
        let follow: HTML = busy ? "<p class=\"muted\" data-reload-after=\"3000\">Documents are being ingested: this list follows them.</p>" : .empty
        return try await AdminLayout.render(AdminPage(title: "Documents", crumbs: [("Documents", nil)], table: documents,
                                                      content: notice + form + follow + list, status: status), req)
    }

    static func uploadForm(_ req: Request, tenant: UUID) async throws -> HTML {
        let domainOptions = try await domainRows(req.store, tenant: tenant).map { domain in
            HTML("<option value=\"\(domain.id.lowercaseText)\">\(String(repeating: "— ", count: max(0, domain.level - 1)))\(domain.name)</option>")
        }
        return """
            <form class="panel form" method="post" action="\(documents)" enctype="multipart/form-data">\(AdminLayout.csrfField(req))
            <h2>Upload</h2>
            <label class="dropzone" data-dropzone>Drop files here or choose them — text, Markdown, HTML, PDF or DOCX
            <input type="file" name="file" multiple required accept=".txt,.md,.markdown,.html,.htm,.pdf,.docx,text/plain,text/markdown,text/html,application/pdf">
            <span class="muted" data-dropzone-files></span></label>
            <div class="filters">
            <label>Domain <select name="domain_id"><option value="">None</option>\(domainOptions)</select></label>
            <label>Type <input type="text" name="document_type" placeholder="manual, faq, policy…" maxlength="50"></label>
            <label>Language <input type="text" name="language" placeholder="detected" maxlength="10"></label>
            <label>Chunk tokens <input type="number" name="chunk_tokens" min="\(KnowledgeDefaults.chunkTokenRange.lowerBound)" max="\(KnowledgeDefaults.chunkTokenRange.upperBound)" placeholder="\(KnowledgeDefaults.chunkTokens)"></label>
            <label>Overlap tokens <input type="number" name="overlap_tokens" min="0" placeholder="\(KnowledgeDefaults.overlapTokens)"></label>
            </div><p><button type="submit" class="primary">Upload and ingest</button></p></form>
            """
    }

    static func upload(_ req: Request) async throws -> Response {
        let session = try session(req)
        guard session.actor.may(writeScope) else { throw AdminError.forbidden("Uploading needs the \(writeScope) permission.") }
        guard let parts = (try? MultipartPart.parts(of: req)) ?? nil else {
            throw AdminError(status: .badRequest, message: "The upload could not be read.")
        }
        guard let token = parts.first(where: { $0.name == "_csrf" })?.text, constantTimeEqual(token, session.csrfToken) else {
            throw AdminError.forbidden("This form has expired or did not come from Output Hub. Reload the page and try again.")
        }
        // Empty file inputs and empty fields are "not given".
        let given = parts.filter { $0.name != "_csrf" && !($0.name == "file" ? $0.data.isEmpty && ($0.filename ?? "").isEmpty : $0.text.isEmpty) }
        do {
            let (files, options) = try KnowledgeRoutes.uploadRequest(given)
            let outcomes = try await DocumentUpload(store: req.store, clients: req.hubClients, actor: session.actor).upload(files, options: options)
            let names = outcomes.map { HTML("<a href=\"\(AdminPath.detail("knowledge_sources", $0.id.lowercaseText))\">\($0.filename)</a>\($0.replaced ? " (replaced)" : "")") }
            let list = names.enumerated().map { $0.offset == 0 ? $0.element : ", " + $0.element }
            return try await show(req, notice: "<p class=\"notice\" role=\"status\">Queued for ingestion: \(list).</p>")
        } catch let problem as Problem {
            let reasons = (problem.errors.isEmpty ? [HTML("<li>\(problem.detail)</li>")] : problem.errors.map { HTML("<li>\($0.field): \($0.message)</li>") })
            return try await show(req, notice: "<div class=\"error\" role=\"alert\"><p>Nothing was uploaded.</p><ul>\(reasons)</ul></div>",
                                  status: HTTPResponseStatus(statusCode: problem.status))
        }
    }

    /// The latest documents with their status, and whether any is still being ingested.
    static func recent(_ req: Request, tenant: UUID) async throws -> (HTML, Bool) {
        let store = req.store
        var sql = SQLText(store.engine, """
            SELECT s.id, s.title, s.filename, s.processing_status, s.processing_error, s.document_type, s.language, s.updated_at,
              (SELECT COUNT(*) FROM document_chunks c WHERE c.document_id = s.id) AS chunks
            FROM knowledge_sources s WHERE s.deleted_at IS NULL AND s.tenant_id =
            """)
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" ORDER BY s.updated_at DESC, s.id LIMIT \(recentLimit)")
        var busy = false
        let rows = try await store.rows(sql).map { row -> HTML in
            let read = RowReader(row: row, engine: store.engine)
            let status = try read.text("processing_status") ?? ""
            if status == "uploaded" || status == "processing" { busy = true }
            let id = try read.uuid("id").lowercaseText
            return """
                <tr><td><a href="\(AdminPath.detail("knowledge_sources", id))">\(try read.text("title") ?? "")</a><div class="muted">\(try read.text("filename") ?? "")</div></td>
                <td class="status-\(status)">\(status)\(try read.text("processing_error").map { HTML("<div class=\"muted\">\($0)</div>") } ?? .empty)</td>
                <td>\(try read.text("document_type") ?? "")</td><td>\(try read.text("language") ?? "")</td>
                <td class="num">\(try read.value("chunks", .bigint).intValue ?? 0)</td><td>\(ValueFormat.timestamp(try read.value("updated_at", .timestamp)))</td></tr>
                """
        }
        guard !rows.isEmpty else { return ("<section class=\"panel\"><h2>Latest documents</h2><p class=\"muted\">No documents yet.</p></section>", false) }
        return ("""
            <section aria-labelledby="latest-heading"><h2 id="latest-heading">Latest documents</h2><div class="table-wrap"><table class="rows">
            <thead><tr><th>Document</th><th>Status</th><th>Type</th><th>Language</th><th class="num">Chunks</th><th>Updated</th></tr></thead>
            <tbody>\(rows)</tbody></table></div><p><a href="\(AdminPath.list("knowledge_sources"))">All documents</a></p></section>
            """, busy)
    }

    // MARK: Domain tree

    struct Domain {
        let id: UUID
        let parent: UUID?
        let name: String
        let code: String
        let level: Int
        let sources: Int
        let chunks: Int
    }

    /// The tenant's live domains in tree order (by materialised path).
    static func domainRows(_ store: Store, tenant: UUID) async throws -> [Domain] {
        var sql = SQLText(store.engine, """
            SELECT id, parent_domain_id, name, code, hierarchy_level, knowledge_source_count, total_chunk_count
            FROM knowledge_domains WHERE deleted_at IS NULL AND tenant_id =
            """)
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" ORDER BY domain_path, name")
        return try await store.rows(sql).map { row in
            let read = RowReader(row: row, engine: store.engine)
            return Domain(id: try read.uuid("id"), parent: try read.optionalUUID("parent_domain_id"), name: try read.text("name") ?? "",
                          code: try read.text("code") ?? "", level: try read.int("hierarchy_level") ?? 1,
                          sources: try read.int("knowledge_source_count") ?? 0, chunks: try read.int("total_chunk_count") ?? 0)
        }
    }

    static func showDomains(_ req: Request) async throws -> Response {
        let session = try session(req)
        let all = try await domainRows(req.store, tenant: session.tenantID)
        let children = Dictionary(grouping: all, by: \.parent)
        let known = Set(all.map(\.id))
        func tree(_ domains: [Domain]) -> HTML {
            guard !domains.isEmpty else { return .empty }
            let items = domains.map { domain -> HTML in
                """
                <li><a href="\(AdminPath.detail("knowledge_domains", domain.id.lowercaseText))">\(domain.name)</a> <code>\(domain.code)</code>
                <span class="muted">\(domain.sources) document\(domain.sources == 1 ? "" : "s") · \(domain.chunks) chunks</span>
                · <a href="\(KnowledgeScreens.searchRoute.link(query: [("domain_id", domain.id.lowercaseText)]))">search</a>\(tree(children[domain.id] ?? []))</li>
                """
            }
            return "<ul class=\"tree\">\(items)</ul>"
        }
        // Roots, and domains whose parent is deleted, start the tree.
        let roots = all.filter { $0.parent == nil || !known.contains($0.parent!) }
        let content: HTML = all.isEmpty
            ? "<section class=\"panel\"><p class=\"muted\">No domains yet. <a href=\"\(AdminPath.new("knowledge_domains"))\">Add one</a>.</p></section>"
            : "<section class=\"panel\" aria-label=\"Domain tree\">\(tree(roots))<p><a href=\"\(AdminPath.new("knowledge_domains"))\">New domain</a></p></section>"
        return try await AdminLayout.render(AdminPage(title: "Knowledge domains", crumbs: [("Knowledge domains", nil)], table: domains, content: content), req)
    }
}
