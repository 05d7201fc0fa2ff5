import Foundation
import Vapor

/// `outputhub ingest PATH… --tenant S [--product P] [--domain CODE] [--type T]`: takes files, and the
/// supported files of folders (recursively, hidden ones skipped), into a tenant's knowledge base the way an
/// upload does, then runs their ingestion here with a progress bar and prints a summary. A duplicate of a
/// document the tenant has is reported and skipped; the exit status is non-zero when a file was refused or
/// a document failed.
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Add files or folders of documents (text, Markdown, HTML, PDF, DOCX) to a tenant's knowledge base and ingest them.")

    @ArgumentParser.Argument(help: "Files or folders; folders are read recursively for .txt, .md, .html, .pdf and .docx files.")
    var paths: [String]

    @ArgumentParser.Option(help: "Slug of the tenant.") var tenant: String
    @ArgumentParser.Option(help: "The documents' product: its id, SKU or name.") var product: String?
    @ArgumentParser.Option(help: "Code of the knowledge domain the documents belong to (their primary domain).") var domain: String?
    @ArgumentParser.Option(name: .customLong("type"), help: "The documents' type (document_type), e.g. manual or faq.") var documentType: String?

    struct Summary: Sendable {
        var completed = 0, failed = 0, pending = 0, duplicates = 0, replaced = 0, refused = 0, chunks = 0
        var failures: [String] = []
    }

    func run() async throws {
        let files = try Self.collect(paths)
        guard !files.isEmpty else { throw CLIError("no .txt, .md, .html, .pdf or .docx files under \(paths.joined(separator: ", "))") }
        let (slug, product, domain, type, started) = (tenant, product, domain, documentType, Date())
        let summary = try await withApplication { app in
            try await MigrationRunner(app: app).up()
            let actor = try await PromptsCommand.actor(app, tenant: slug)
            let options = DocumentUpload.Options(productID: try await Self.product(product, app: app, tenant: actor.tenantID),
                                                 domainID: try await Self.domain(domain, app: app, tenant: actor.tenantID), documentType: type)
            return try await Self.ingest(files, options: options, actor: actor, app: app)
        }
        var parts = ["\(summary.completed) completed (\(summary.chunks) chunks)"]
        if summary.replaced > 0 { parts.append("\(summary.replaced) of them replacing a changed file") }
        if summary.failed > 0 { parts.append("\(summary.failed) failed") }
        if summary.pending > 0 { parts.append("\(summary.pending) waiting for a retry by the server") }
        if summary.duplicates > 0 { parts.append("\(summary.duplicates) duplicates skipped") }
        if summary.refused > 0 { parts.append("\(summary.refused) refused") }
        print("Ingested \(files.count) file\(files.count == 1 ? "" : "s") into '\(slug)': \(parts.joined(separator: ", ")); \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        for failure in summary.failures { FileHandle.standardError.write(Data("  \(failure)\n".utf8)) }
        if summary.failed > 0 || summary.refused > 0 { throw ExitCode(1) }
    }

    /// Stores each file as its own upload (so one duplicate does not hold back the rest), then runs the queued jobs.
    static func ingest(_ files: [Input], options: DocumentUpload.Options, actor: Actor, app: Application) async throws -> Summary {
        var summary = Summary()
        var documents: [(id: UUID, name: String)] = []
        let bar = ProgressBar()
        let steps = files.count * 2
        for (index, input) in files.enumerated() {
            let (url, name) = (input.url, input.name)
            bar.update(done: index, total: steps, step: "storing \(name)")
            do {
                let data = try Data(contentsOf: url)
                let file = DocumentUpload.File(filename: name, contentType: nil, data: data)
                let outcome = try await DocumentUpload(store: app.store, clients: app.hubClients, actor: actor).upload([file], options: options)
                for item in outcome {
                    documents.append((item.id, url.path))
                    if item.replaced { summary.replaced += 1 }
                }
            } catch let problem as Problem where problem.status == 409 {
                summary.duplicates += 1
                bar.say("\(url.path): skipped, \(problem.errors.first?.message ?? problem.detail)")
            } catch let problem as Problem {
                summary.refused += 1
                summary.failures.append("\(url.path): \(problem.errors.map(\.message).joined(separator: "; ").nonEmpty ?? problem.detail)")
            } catch {
                summary.refused += 1
                summary.failures.append("\(url.path): \(error.localizedDescription)")
            }
        }
        // Run due jobs until ours are done, or until only retries waiting for their backoff are left.
        var states: [UUID: State] = [:]
        while true {
            states = try await self.states(of: documents.map(\.id), app: app)
            let done = states.values.filter { ["completed", "failed"].contains($0.status) }.count
            bar.update(done: files.count + done * files.count / max(documents.count, 1), total: steps, step: "ingesting \(done)/\(documents.count)")
            if done == documents.count { break }
            if try await app.jobWorker.runDue() == 0 { break }
        }
        bar.update(done: steps, total: steps, step: "done")
        bar.finish()
        for document in documents {
            let state = states[document.id]
            switch state?.status {
            case "completed":
                summary.completed += 1
                summary.chunks += state?.chunks ?? 0
            case "failed":
                summary.failed += 1
                summary.failures.append("\(document.name): failed, \(state?.error ?? "no reason recorded")")
            default: summary.pending += 1
            }
        }
        return summary
    }

    struct State {
        var status: String
        var error: String?
        var chunks: Int
    }

    /// Each document's status, error and chunk count, in one query.
    static func states(of ids: [UUID], app: Application) async throws -> [UUID: State] {
        guard !ids.isEmpty else { return [:] }
        let engine = app.store.engine
        var sql = SQLText(engine, """
            SELECT s.id, s.processing_status, s.processing_error, (SELECT COUNT(*) FROM document_chunks c WHERE c.document_id = s.id) AS chunks
            FROM knowledge_sources s WHERE s.id IN (
            """)
        for (i, id) in ids.enumerated() {
            if i > 0 { sql.append(", ") }
            sql.bind(.uuid(id), as: .uuid)
        }
        sql.append(")")
        var states: [UUID: State] = [:]
        for row in try await app.store.rows(sql) {
            let read = RowReader(row: row, engine: engine)
            states[try read.uuid("id")] = State(status: try read.text("processing_status") ?? "", error: try read.text("processing_error"),
                                                chunks: try read.value("chunks", .bigint).intValue ?? 0)
        }
        return states
    }

    /// The files named, and the supported files under the folders named, in path order.
    /// A file to ingest and the name its document gets: its path inside the folder given (so `index.html`
    /// of two subfolders are two documents, and ingesting the folder again replaces changed files), or
    /// the file's own name when the file itself was given.
    struct Input {
        let url: URL
        let name: String
    }

    static func collect(_ paths: [String]) throws -> [Input] {
        var files: [Input] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw CLIError("no file or folder at \(path)") }
            let url = URL(fileURLWithPath: path).standardizedFileURL
            guard isFolder.boolValue else { files.append(Input(url: url, name: url.lastPathComponent)); continue }
            guard let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles]) else {
                throw CLIError("cannot read the folder \(path)")
            }
            let root = url.path.hasSuffix("/") ? url.path : url.path + "/"
            var found: [Input] = []
            for case let file as URL in walker where DocumentFormat.knownExtensions.contains(file.pathExtension.lowercased()) {
                guard (try? file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                let full = file.standardizedFileURL.path
                found.append(Input(url: file, name: full.hasPrefix(root) ? String(full.dropFirst(root.count)) : file.lastPathComponent))
            }
            files += found.sorted { $0.url.path < $1.url.path }
        }
        return files
    }

    static func product(_ reference: String?, app: Application, tenant: UUID) async throws -> UUID? {
        guard let reference else { return nil }
        let table = KnowledgeTables.products
        if let id = UUID(text: reference), let row = try await app.store.select(table, where: ["id": .uuid(id), "tenant_id": .uuid(tenant)], limit: 1).first {
            return row["id"]?.uuidValue
        }
        for column in ["sku", "name"] {
            if let row = try await app.store.select(table, where: [column: .string(reference), "tenant_id": .uuid(tenant)], limit: 1).first { return row["id"]?.uuidValue }
        }
        throw CLIError("--product: the tenant has no product with the id, SKU or name \(reference)")
    }

    static func domain(_ code: String?, app: Application, tenant: UUID) async throws -> UUID? {
        guard let code else { return nil }
        let row = try await app.store.select(KnowledgeTables.knowledgeDomains, where: ["code": .string(code), "tenant_id": .uuid(tenant), "deleted_at": .null], limit: 1).first
        guard let id = row?["id"]?.uuidValue else { throw CLIError("--domain: the tenant has no knowledge domain with the code \(code)") }
        return id
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
