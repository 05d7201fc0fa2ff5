import Foundation
import Vapor

/// The knowledge base's API beyond CRUD: `POST /api/v1/documents/upload` (multipart) and
/// `POST /api/v1/search`. Retrying a failed document is the `retry` row action of `knowledge_sources`.
enum KnowledgeRoutes {
    static let uploadLimit: ByteCount = "256mb"
    /// Constants where the generic routes have `:table`: no table is named `documents` or `search`.
    static let uploadRoute = APIPath.base.appending("documents").appending("upload")
    static let searchRoute = APIPath.base.appending("search")

    static func register(_ api: any RoutesBuilder) {
        api.on(.POST, uploadRoute, body: uploadLimit, use: upload)
        api.on(.POST, searchRoute, body: APIRoutes.maxBodySize, use: search)
    }

    // MARK: Upload

    static func upload(_ req: Request) async throws -> Response {
        let actor = try req.requireActor()
        let scope = Permissions.writeScope(Resources.of(KnowledgeTables.knowledgeSources))
        guard actor.may(scope) else { throw ResourceService.missing(scope) }
        let read: [MultipartPart]?
        do { read = try MultipartPart.parts(of: req) } catch { throw Problem.badRequest("The multipart body could not be read", field: "file") }
        guard let parts = read else { throw Problem(.unsupportedMediaType, "Send the files as multipart/form-data, one part named file per file") }
        let (files, options) = try uploadRequest(parts)
        let outcomes = try await DocumentUpload(store: req.store, clients: req.hubClients, actor: actor).upload(files, options: options)
        let items: [JSONValue] = outcomes.map { outcome in
            .object(["id": .string(outcome.id.lowercaseText), "filename": .string(outcome.filename),
                     "processing_status": .string(outcome.status), "replaced": .bool(outcome.replaced)])
        }
        return APIRoutes.json(String(decoding: JSONValue.object(["data": .array(items)]).jsonBytes, as: UTF8.self), status: .accepted)
    }

    /// The files (parts named `file`) and the fields of an upload.
    static func uploadRequest(_ parts: [MultipartPart]) throws -> ([DocumentUpload.File], DocumentUpload.Options) {
        var errors: [FieldError] = []
        var fields: [String: String] = [:]
        var files: [DocumentUpload.File] = []
        let known: Set<String> = ["product_id", "domain_id", "document_type", "language", "chunk_tokens", "overlap_tokens"]
        for part in parts {
            if part.name == "file" || part.name == "file[]" || part.name == "files" {
                files.append(DocumentUpload.File(filename: part.filename ?? "", contentType: part.contentType, data: part.data))
            } else if known.contains(part.name) {
                let value = part.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if !value.isEmpty { fields[part.name] = value }
            } else {
                errors.append(FieldError(part.name, "unknown", "\(part.name) is not an upload field; send file, \(known.sorted().joined(separator: ", "))"))
            }
        }
        func uuid(_ name: String) -> UUID? {
            guard let text = fields[name] else { return nil }
            guard let id = UUID(text: text) else { errors.append(FieldError(name, "format", "\(name) is a UUID")); return nil }
            return id
        }
        func int(_ name: String) -> Int? {
            guard let text = fields[name] else { return nil }
            guard let value = Int(text) else { errors.append(FieldError(name, "type", "\(name) is a whole number of tokens")); return nil }
            return value
        }
        let options = DocumentUpload.Options(productID: uuid("product_id"), domainID: uuid("domain_id"), documentType: fields["document_type"],
                                             language: fields["language"], chunkTokens: int("chunk_tokens"), overlapTokens: int("overlap_tokens"))
        guard errors.isEmpty else { throw Problem.unprocessable(errors) }
        return (files, options)
    }

    // MARK: Search

    static func search(_ req: Request) async throws -> Response {
        let actor = try req.requireActor()
        if let scope = Permissions.readScope(Resources.of(KnowledgeTables.documentChunks)), !actor.may(scope) { throw ResourceService.missing(scope) }
        guard case .object(let body) = try APIRoutes.jsonBody(req) else {
            throw Problem.unprocessable([FieldError("body", "type", "the body is a JSON object with at least a query")])
        }
        let query = try searchQuery(body)
        let answer = try await KnowledgeSearch(store: req.store, tenant: actor.tenantID, vectors: .init(req)).search(query)
        return APIRoutes.json(String(decoding: answer.json.jsonBytes, as: UTF8.self), status: .ok)
    }

    static func searchQuery(_ body: [String: JSONValue]) throws -> KnowledgeSearch.Query {
        var errors: [FieldError] = []
        let known: Set<String> = ["query", "top_k", "mode", "filters", "min_keyword_score", "min_vector_score"]
        for key in body.keys where !known.contains(key) { errors.append(FieldError(key, "unknown", "\(key) is not a search field")) }
        var query = KnowledgeSearch.Query(text: "")
        if let text = body["query"]?.stringValue, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            query.text = String(text.prefix(2000))
        } else {
            errors.append(FieldError("query", "required", "query is the text to search for"))
        }
        if let value = body["top_k"], value != .null {
            if let k = value.numberValue.flatMap({ Int(exactly: $0) }), KnowledgeSearch.topKRange.contains(k) { query.topK = k } else {
                errors.append(FieldError("top_k", "out_of_range", "top_k is a whole number from 1 to 100"))
            }
        }
        if let value = body["mode"], value != .null {
            if let mode = value.stringValue.flatMap(KnowledgeSearch.Mode.init(rawValue:)) { query.mode = mode } else {
                errors.append(FieldError("mode", "invalid", "mode is hybrid, keyword or vector"))
            }
        }
        for (name, apply) in [("min_keyword_score", { (v: Double) in query.minKeywordScore = v }), ("min_vector_score", { (v: Double) in query.minVectorScore = v })] {
            guard let value = body[name], value != .null else { continue }
            if let number = value.numberValue { apply(number) } else { errors.append(FieldError(name, "type", "\(name) is a number")) }
        }
        if let value = body["filters"], value != .null {
            if let filters = value.objectValue {
                query.filters = parseFilters(filters, errors: &errors)
            } else {
                errors.append(FieldError("filters", "type", "filters is an object"))
            }
        }
        guard errors.isEmpty else { throw Problem.unprocessable(errors) }
        return query
    }

    static func parseFilters(_ object: [String: JSONValue], errors: inout [FieldError]) -> KnowledgeSearch.Filters {
        var filters = KnowledgeSearch.Filters()
        for (key, value) in object where value != .null {
            let field = "filters.\(key)"
            switch key {
            case "product_id", "domain_id", "document_id":
                guard let id = value.stringValue.flatMap(UUID.init(text:)) else { errors.append(FieldError(field, "format", "\(field) is a UUID")); continue }
                if key == "product_id" { filters.productID = id } else if key == "domain_id" { filters.domainID = id } else { filters.documentID = id }
            case "document_type", "language":
                guard let text = value.stringValue else { errors.append(FieldError(field, "type", "\(field) is a string")); continue }
                if key == "document_type" { filters.documentType = text } else { filters.language = text }
            default:
                errors.append(FieldError(field, "unknown", "filters are product_id, domain_id, document_type, language and document_id"))
            }
        }
        return filters
    }
}

extension KnowledgeSearch.Answer {
    var json: JSONValue {
        func number(_ value: Double) -> JSONValue { .number((value * 1_000_000).rounded() / 1_000_000) }
        func channel(_ hit: KnowledgeSearch.ChannelHit?) -> JSONValue {
            hit.map { .object(["score": number($0.score), "rank": .number(Double($0.rank))]) } ?? .null
        }
        return .object([
            "hits": .array(hits.map { hit in
                .object([
                    "chunk_id": .string(hit.chunkID.lowercaseText), "document_id": .string(hit.documentID.lowercaseText),
                    "title": .string(hit.title), "heading": hit.heading.map(JSONValue.string) ?? .null, "snippet": .string(hit.snippet),
                    "keyword": channel(hit.keyword), "vector": channel(hit.vector), "score": number(hit.score),
                ])
            }),
            "channels": .object(channels.mapValues { channel in
                var object: [String: JSONValue] = ["enabled": .bool(channel.enabled)]
                if let reason = channel.reason { object["reason"] = .string(reason) }
                if channel.enabled { object["candidates"] = .number(Double(channel.candidates)) }
                return .object(object)
            }),
        ])
    }
}
