import Foundation

/// Ingestion of one document as a durable job (`knowledge.ingest`): extract → chunk → embed → index, each
/// stage timed and logged in `processing_log`, the document moving `uploaded → processing → completed |
/// failed`. Any server's worker may run it; a server that dies mid-job lets the lease lapse and another
/// takes it again, and because indexing replaces the document's chunks in one transaction a second run
/// writes the same rows. A file that cannot be read fails at once with the reason; other errors (storage,
/// the database) are retried with the queue's backoff, and the document fails after the last attempt.
struct DocumentPipeline: Sendable {
    static let job = JobDefinition("knowledge.ingest", maxAttempts: 4, lease: 120) { record, context in
        guard let id = record.payload.objectValue?["document_id"]?.stringValue.flatMap(UUID.init(text:)) else { return }
        let generations = GenerationLog(store: context.store, clients: context.clients, logger: context.logger)
        let pipeline = DocumentPipeline(store: context.store, clients: context.clients, generations: generations)
        do {
            try await pipeline.run(document: id, languageGiven: record.payload.objectValue?["language_given"]?.boolValue ?? false,
                                   attempt: record.attempt, maxAttempts: record.maxAttempts)
            await generations.flush()
        } catch {
            await generations.flush()
            throw error
        }
    }

    let store: Store
    let clients: HubClients
    /// Where the embeddings calls are logged (they go through the gateway).
    let generations: GenerationLog

    /// What indexing did to the document's chunks.
    struct IndexChanges: Sendable, Equatable {
        var kept = 0, added = 0, removed = 0
    }

    func run(document id: UUID, languageGiven: Bool, attempt: Int, maxAttempts: Int) async throws {
        guard let row = try await store.find(KnowledgeTables.knowledgeSources, id: .uuid(id)), row["deleted_at"]?.isNull != false,
              let tenant = row["tenant_id"]?.uuidValue else { return }
        var log = Self.log(of: row)
        log.append(ProcessingLog.entry("start", "ok", at: clients.clock.now(), detail: "attempt \(attempt) of \(maxAttempts)"))
        try await save(id, ["processing_status": .string("processing"), "processing_error": .null], log: log)
        var stage = "extract"
        do {
            var started = clients.clock.now()
            let document = try await extract(row)
            let metadata = Self.metadata(document, row: row, languageGiven: languageGiven)
            log.append(ProcessingLog.entry("extract", "ok", at: clients.clock.now(), durationMS: milliseconds(since: started),
                                           detail: "\(document.blocks.count) blocks, \(document.wordCount) words"))

            stage = "chunk"
            started = clients.clock.now()
            let chunker = try await chunker(for: row, tenant: tenant)
            let chunks = chunker.chunks(of: document)
            log.append(ProcessingLog.entry("chunk", "ok", at: clients.clock.now(), durationMS: milliseconds(since: started),
                                           detail: "\(chunks.count) chunks of up to \(chunker.size) tokens, \(chunker.overlap) overlapping"))

            stage = "embed"
            started = clients.clock.now()
            let embedder = try await Embedder.of(tenant: tenant, store: store, clients: clients, log: generations)
            if let embedder {
                let texts = chunks.map { (hash: $0.contentHash, text: $0.text) }
                let sent = try await StoredEmbeddings(store: store, tenant: tenant, model: embedder.model)
                    .ensureCached(texts, embedder: embedder, clients: clients)
                log.append(ProcessingLog.entry("embed", "ok", at: clients.clock.now(), durationMS: milliseconds(since: started),
                                               detail: "\(sent) texts embedded by \(embedder.model), \(Set(texts.map(\.hash)).count - sent) from the cache"))
            } else {
                log.append(ProcessingLog.entry("embed", "skipped", at: clients.clock.now(), durationMS: 0,
                                               detail: "no embedding model: search is keyword-only for this document"))
            }

            stage = "index"
            let (title, indexStarted, logSoFar, clients) = (metadata.title, clients.clock.now(), log, self.clients)
            let model = embedder?.model
            try await store.transaction { tx in
                let changes = try await Self.index(chunks, document: id, tenant: tenant, clients: clients, in: tx)
                if let model { try await StoredEmbeddings(store: tx, tenant: tenant, model: model).attach(document: id, at: clients.clock.now()) }
                var log = logSoFar
                log.append(ProcessingLog.entry("index", "ok", at: clients.clock.now(),
                                               durationMS: max(0, Int((clients.clock.now().timeIntervalSince(indexStarted) * 1000).rounded())),
                                               detail: "\(changes.added) new, \(changes.kept) unchanged, \(changes.removed) removed"))
                var values: DBRow = [
                    "processing_status": .string("completed"), "processed_at": .date(clients.clock.now()),
                    "extracted_metadata": .json(JSONText.encode(metadata.json)), "title": .string(title),
                ]
                if !languageGiven { values["language"] = .string(metadata.language) }
                try await Self.save(id, values, log: log, in: tx, clients: clients)
                try await DomainStatistics.refresh(domains: try await DomainStatistics.domains(of: id, in: tx), in: tx)
            }
        } catch {
            let reason = Self.reason(error)
            let permanent = Self.isPermanent(error)
            let last = permanent || attempt >= maxAttempts
            log.append(ProcessingLog.entry(stage, "error", at: clients.clock.now(), detail: reason + (last ? "" : "; retrying")))
            try await save(id, ["processing_status": .string(last ? "failed" : "uploaded"), "processing_error": last ? .string(reason) : .null], log: log)
            if !permanent { throw error }
        }
    }

    // MARK: Stages

    func extract(_ row: DBRow) async throws -> ExtractedDocument {
        let key = row["s3_key"]?.stringValue ?? ""
        guard let data = try await clients.fileStorage().get(key) else {
            throw UnreadableDocument(description: "the original file (\(key)) is no longer in file storage; upload it again")
        }
        let filename = row["filename"]?.stringValue ?? ""
        guard let format = DocumentFormat.detect(filename: filename, contentType: row["mime_type"]?.stringValue, data: data) else {
            throw UnreadableDocument(description: "\(filename) is not plain text, Markdown, HTML, PDF or DOCX")
        }
        let document = try await DocumentExtractor(pdf: clients.pdf).extract(data, format: format)
        guard !document.blocks.isEmpty else {
            throw UnreadableDocument(description: format == .pdf ? "the PDF has no text layer (scanned pages need OCR first)" : "\(filename) has no text")
        }
        return document
    }

    struct Metadata {
        var title: String
        var language: String
        var pageCount: Int?
        var wordCount: Int

        var json: JSONValue {
            var object: [String: JSONValue] = ["title": .string(title), "language": .string(language), "word_count": .number(Double(wordCount))]
            if let pageCount { object["page_count"] = .number(Double(pageCount)) }
            return .object(object)
        }
    }

    static func metadata(_ document: ExtractedDocument, row: DBRow, languageGiven: Bool) -> Metadata {
        let filename = row["filename"]?.stringValue ?? ""
        let fallback = ((filename as NSString).lastPathComponent as NSString).deletingPathExtension
        let title = String((document.title ?? fallback).prefix(255))
        let language = languageGiven ? (row["language"]?.stringValue ?? "en")
            : String((document.declaredLanguage ?? LanguageGuess.guess(document.plainText) ?? row["language"]?.stringValue ?? "en").prefix(10))
        return Metadata(title: title, language: language, pageCount: document.pageCount, wordCount: document.wordCount)
    }

    /// The document's chunk sizes, else the tenant's settings, else the defaults.
    func chunker(for row: DBRow, tenant: UUID) async throws -> Chunker {
        let settings = TenantSettings(store: store, tenant: tenant)
        func setting(_ key: String) async throws -> Int? { try await settings.integer(key) }
        var chunker = Chunker()
        let size: Int?, overlap: Int?
        if let own = row["chunk_tokens"]?.intValue { size = own } else { size = try await setting(KnowledgeDefaults.chunkTokensSetting) }
        if let own = row["overlap_tokens"]?.intValue { overlap = own } else { overlap = try await setting(KnowledgeDefaults.overlapTokensSetting) }
        if let size, KnowledgeDefaults.chunkTokenRange.contains(size) {
            chunker.size = size
        }
        if let overlap, overlap >= 0 {
            chunker.overlap = overlap
        }
        chunker.overlap = min(chunker.overlap, chunker.size / 2)
        return chunker
    }

    /// Makes the document's chunks equal to `chunks`: a stored chunk with the same text keeps its row (and
    /// so its embeddings), moved to its new place; the others are added or removed.
    static func index(_ chunks: [DraftChunk], document: UUID, tenant: UUID, clients: HubClients, in tx: Store) async throws -> IndexChanges {
        var stored: [String: [DBRow]] = [:]
        for row in try await tx.select(KnowledgeTables.documentChunks, where: ["document_id": .uuid(document)]) {
            stored[row["content_hash"]?.stringValue ?? "", default: []].append(row)
        }
        var changes = IndexChanges()
        var inserts: [DBRow] = []
        let now = clients.clock.now()
        for chunk in chunks {
            let hash = chunk.contentHash
            let values: DBRow = [
                "chunk_index": .int(chunk.index), "heading": chunk.heading.map(DBValue.string) ?? .null, "token_count": .int(chunk.tokens),
                "chunk_type": .string(chunk.kind),
            ]
            if var rows = stored[hash], let row = rows.popLast(), let id = row["id"] {
                stored[hash] = rows
                changes.kept += 1
                if row["chunk_index"]?.intValue != chunk.index || row["heading"]?.stringValue != chunk.heading || row["token_count"]?.intValue != chunk.tokens {
                    _ = try await tx.update(KnowledgeTables.documentChunks, id: id, values)
                }
            } else {
                changes.added += 1
                inserts.append(values.merging([
                    "id": .uuid(clients.ids.next()), "tenant_id": .uuid(tenant), "document_id": .uuid(document), "chunk_text": .string(chunk.text),
                    "content_hash": .string(hash), "created_at": .date(now), "metadata": .json("{}"),
                    "embedding_model": .string(""),
                ]) { $1 })
            }
        }
        let removed = stored.values.joined().compactMap { $0["id"]?.uuidValue }
        changes.removed = removed.count
        for batch in stride(from: 0, to: removed.count, by: 500) {
            var sql = SQLText(tx.engine, "DELETE FROM document_chunks WHERE id IN (")
            sql.appendList(removed[batch..<min(batch + 500, removed.count)].map(DBValue.uuid), as: .uuid)
            sql.append(")")
            try await tx.run(sql)
        }
        for batch in stride(from: 0, to: inserts.count, by: 200) {
            try await tx.insertMany(KnowledgeTables.documentChunks, Array(inserts[batch..<min(batch + 200, inserts.count)]))
        }
        return changes
    }

    // MARK: Bookkeeping

    func save(_ id: UUID, _ values: DBRow, log: [JSONValue]) async throws {
        try await Self.save(id, values, log: log, in: store, clients: clients)
    }

    /// Writes the document's `values` with its log (the latest entries) and the time.
    static func save(_ id: UUID, _ values: DBRow, log: [JSONValue], in store: Store, clients: HubClients) async throws {
        var values = values
        values["processing_log"] = .json(JSONText.encode(Array(log.suffix(keptLogEntries))))
        values["updated_at"] = .date(clients.clock.now())
        _ = try await store.update(KnowledgeTables.knowledgeSources, id: .uuid(id), values)
    }

    /// The log keeps the latest entries (a few runs' worth).
    static let keptLogEntries = 60

    static func log(of row: DBRow) -> [JSONValue] {
        guard let text = row["processing_log"]?.stringValue else { return [] }
        return JSONValue.parse(Array(text.utf8))?.arrayValue ?? []
    }

    /// Errors that another attempt would meet again: a file that cannot be read, an embedding model that
    /// cannot be used or refuses the call (a 4xx other than 429). The document fails at once and says why.
    static func isPermanent(_ error: any Error) -> Bool {
        if error is UnreadableDocument || error is PDFTextError || error is EmbeddingUnavailable { return true }
        if let error = error as? GatewayError { return error.status < 500 && error.status != 429 }
        return false
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? UnreadableDocument { return error.description }
        if let error = error as? PDFTextError { return error.description }
        if let error = error as? EmbeddingUnavailable { return error.description }
        if let error = error as? GatewayError { return "the embedding model answered \(error.status): \(error.message)" }
        return String(describing: error).prefix(500).description
    }

    func milliseconds(since start: Date) -> Int { max(0, Int((clients.clock.now().timeIntervalSince(start) * 1000).rounded())) }
}
