import Crypto
import Foundation

/// Takes uploaded files into the knowledge base: checks them, keeps each original in file storage under
/// `documents/<tenant>/<sha256>`, records a `knowledge_sources` row (mapped to its domain) and queues its
/// ingestion, all files of one upload in one transaction. A file whose bytes the tenant already has is
/// refused as a duplicate naming that document; a file with the name of one of the tenant's documents (in
/// the same product) but other bytes replaces that document's content and is ingested again.
struct DocumentUpload: Sendable {
    struct File: Sendable {
        var filename: String
        var contentType: String?
        var data: Data
    }

    struct Options: Sendable {
        var productID: UUID?
        var domainID: UUID?
        var documentType: String?
        var language: String?
        var chunkTokens: Int?
        var overlapTokens: Int?
    }

    struct Outcome: Sendable {
        let id: UUID
        let filename: String
        let status: String
        /// It replaced the content of a document with the same name.
        let replaced: Bool
    }

    let store: Store
    let clients: HubClients
    let actor: Actor

    func upload(_ files: [File], options: Options) async throws -> [Outcome] {
        try await check(options)
        guard !files.isEmpty else { throw Problem.unprocessable([FieldError("file", "required", "attach one or more files as multipart parts named file")]) }
        var prepared: [(file: File, format: DocumentFormat, hash: String)] = []
        var errors: [FieldError] = []
        for file in files {
            let name = file.filename.isEmpty ? "(unnamed)" : file.filename
            if file.filename.count > 500 { errors.append(FieldError("file", "too_long", "\(name.prefix(60))…: file names are at most 500 characters")); continue }
            if file.data.isEmpty { errors.append(FieldError("file", "empty", "\(name) is empty")); continue }
            if file.data.count > KnowledgeDefaults.maximumFileSize {
                errors.append(FieldError("file", "too_large", "\(name) is larger than \(KnowledgeDefaults.maximumFileSize / 1_048_576) MiB")); continue
            }
            guard let format = DocumentFormat.detect(filename: file.filename, contentType: file.contentType, data: file.data) else {
                errors.append(FieldError("file", "unsupported", "\(name) is not plain text, Markdown, HTML, PDF or DOCX")); continue
            }
            prepared.append((file, format, Self.sha256(file.data)))
        }
        guard errors.isEmpty else { throw Problem.unprocessable(errors) }

        let tenant = actor.tenantID
        let storage = try clients.fileStorage()
        for item in prepared { try await storage.put(Self.storageKey(tenant: tenant, hash: item.hash), item.file.data) }
        let (actor, clients, checked) = (self.actor, self.clients, prepared)
        return try await store.transaction { tx in
            var duplicates: [FieldError] = []
            var seen: [String: String] = [:]
            var outcomes: [Outcome] = []
            for item in checked {
                if let earlier = seen[item.hash] {
                    duplicates.append(FieldError("file", "duplicate", "\(item.file.filename) has the same content as \(earlier) in this upload"))
                    continue
                }
                seen[item.hash] = item.file.filename
                let existing = try await tx.select(KnowledgeTables.knowledgeSources, where: ["tenant_id": .uuid(tenant), "content_hash": .string(item.hash)], limit: 1).first
                if let existing {
                    if existing["deleted_at"]?.isNull == false {
                        try await tx.delete(KnowledgeTables.knowledgeSources, id: existing["id"] ?? .null)  // deleted before: its bytes may come back
                    } else {
                        let id = existing["id"]?.stringValue ?? ""
                        duplicates.append(FieldError("file", "duplicate", "\(item.file.filename) is already in the knowledge base as document \(id) (\(existing["filename"]?.stringValue ?? ""))"))
                        continue
                    }
                }
                outcomes.append(try await Self.record(item.file, format: item.format, hash: item.hash, options: options, actor: actor, clients: clients, in: tx))
            }
            if !duplicates.isEmpty { throw Problem.conflict(duplicates) }
            return outcomes
        }
    }

    /// Inserts the document (or replaces the content of the one with its name) and queues its ingestion.
    private static func record(_ file: File, format: DocumentFormat, hash: String, options: Options, actor: Actor,
                               clients: HubClients, in tx: Store) async throws -> Outcome {
        let tenant = actor.tenantID, now = clients.clock.now()
        var values: DBRow = [
            "s3_key": .string(storageKey(tenant: tenant, hash: hash)), "file_size": .int(file.data.count),
            "mime_type": .string(format.mimeType), "content_hash": .string(hash), "processing_status": .string("uploaded"),
            "processing_error": .null, "processed_at": .null, "updated_at": .date(now),
            "processing_log": .json(JSONText.encode([ProcessingLog.entry("upload", "ok", at: now, detail: "\(file.data.count) bytes, \(format.rawValue)")])),
            "chunk_tokens": options.chunkTokens.map(DBValue.int) ?? .null, "overlap_tokens": options.overlapTokens.map(DBValue.int) ?? .null,
        ]
        if let type = options.documentType { values["document_type"] = .string(type) }
        if let language = options.language { values["language"] = .string(language) }
        var filter: DBRow = ["tenant_id": .uuid(tenant), "filename": .string(file.filename), "deleted_at": .null]
        filter["product_id"] = options.productID.map(DBValue.uuid) ?? .null
        let resource = Resources.of(KnowledgeTables.knowledgeSources)
        let namesake = try await tx.select(KnowledgeTables.knowledgeSources, where: filter, limit: 1).first
        let id: UUID
        if let namesake, let existing = namesake["id"]?.uuidValue {
            id = existing
            let new = try await tx.update(KnowledgeTables.knowledgeSources, id: .uuid(id), values)
            try await Audit.record(tx, actor: actor, action: .update, resource: resource, id: .uuid(id), old: namesake, new: new)
        } else {
            id = clients.ids.next()
            values.merge([
                "id": .uuid(id), "tenant_id": .uuid(tenant), "product_id": options.productID.map(DBValue.uuid) ?? .null,
                "title": .string(String(((file.filename as NSString).lastPathComponent as NSString).deletingPathExtension.prefix(255))),
                "filename": .string(file.filename), "document_type": .string(options.documentType ?? "general"),
                "language": .string(options.language ?? "en"), "created_by": .uuid(actor.userID), "created_at": .date(now),
            ]) { $1 }
            let new = try await tx.insert(KnowledgeTables.knowledgeSources, values)
            try await Audit.record(tx, actor: actor, action: .create, resource: resource, id: .uuid(id), old: nil, new: new)
        }
        if let domain = options.domainID {
            try await DomainStatistics.map(source: id, to: domain, primary: true, actor: actor, clients: clients, in: tx)
        }
        try await clients.jobs(in: tx).enqueue(DocumentPipeline.job, payload: .object([
            "document_id": .string(id.lowercaseText), "language_given": .bool(options.language != nil),
        ]), tenant: tenant)
        return Outcome(id: id, filename: file.filename, status: "uploaded", replaced: namesake != nil)
    }

    /// The product and domain belong to the tenant; the type, language and chunk sizes are in range.
    private func check(_ options: Options) async throws {
        var errors: [FieldError] = []
        let tenant = DBValue.uuid(actor.tenantID)
        if let product = options.productID,
           try await store.select(KnowledgeTables.products, where: ["id": .uuid(product), "tenant_id": tenant], limit: 1).isEmpty {
            errors.append(FieldError("product_id", "not_found", "no product \(product.lowercaseText) in this tenant"))
        }
        if let domain = options.domainID,
           try await store.select(KnowledgeTables.knowledgeDomains, where: ["id": .uuid(domain), "tenant_id": tenant, "deleted_at": .null], limit: 1).isEmpty {
            errors.append(FieldError("domain_id", "not_found", "no knowledge domain \(domain.lowercaseText) in this tenant"))
        }
        if let type = options.documentType, type.isEmpty || type.count > 50 {
            errors.append(FieldError("document_type", "invalid", "document_type is 1 to 50 characters"))
        }
        if let language = options.language, language.isEmpty || language.count > 10 {
            errors.append(FieldError("language", "invalid", "language is a code of 1 to 10 characters, e.g. en or pt-br"))
        }
        let range = KnowledgeDefaults.chunkTokenRange
        if let size = options.chunkTokens, !range.contains(size) {
            errors.append(FieldError("chunk_tokens", "out_of_range", "chunk_tokens is between \(range.lowerBound) and \(range.upperBound)"))
        }
        if let overlap = options.overlapTokens, overlap < 0 || overlap >= (options.chunkTokens ?? range.upperBound) {
            errors.append(FieldError("overlap_tokens", "out_of_range", "overlap_tokens is at least 0 and less than chunk_tokens"))
        }
        guard errors.isEmpty else { throw Problem.unprocessable(errors) }
    }

    static func storageKey(tenant: UUID, hash: String) -> String { "documents/\(tenant.lowercaseText)/\(hash)" }

    static func sha256(_ data: Data) -> String { Hex.sha256(data) }
}

extension HubClients {
    /// The file storage `buildApplication` settled on.
    func fileStorage() throws -> any FileStorage {
        guard let files else { throw FileStorageError(description: "no file storage is configured") }
        return files
    }
}

/// Entries of `knowledge_sources.processing_log`: what each stage did and how long it took.
enum ProcessingLog {
    static func entry(_ stage: String, _ status: String, at: Date, durationMS: Int? = nil, detail: String? = nil) -> JSONValue {
        var entry: [String: JSONValue] = ["stage": .string(stage), "status": .string(status), "at": .string(Timestamps.format(at))]
        if let durationMS { entry["duration_ms"] = .number(Double(durationMS)) }
        if let detail { entry["detail"] = .string(detail) }
        return .object(entry)
    }
}
