/// The OpenAPI description of `KnowledgeRoutes`.
enum KnowledgeOperations {
    static let string: JSONValue = .object(["type": "string"])
    static let uuid: JSONValue = .object(["type": "string", "format": "uuid"])
    static let number: JSONValue = .object(["type": "number"])
    static let channelHit: JSONValue = .object(["type": .array(["object", "null"]), "properties": .object(["score": number, "rank": .object(["type": "integer", "minimum": 1])])])

    static let all = [
        APIOperation(.post, "/api/v1/documents/upload", id: "upload_documents",
                     summary: "Upload files (text, Markdown, HTML, PDF, DOCX) into the knowledge base; each is ingested by a background job",
                     module: .knowledge,
                     body: .object(["type": "object", "required": .array(["file"]), "properties": .object([
                         "file": .object(["type": "array", "items": .object(["type": "string", "format": "binary"])]),
                         "product_id": uuid, "domain_id": uuid, "document_type": string, "language": string,
                         "chunk_tokens": .object(["type": "integer", "minimum": 50, "maximum": 8000]),
                         "overlap_tokens": .object(["type": "integer", "minimum": 0]),
                     ])]),
                     bodyRequired: true, bodyMediaType: "multipart/form-data", status: 202, answer: "One entry per file, queued for ingestion",
                     schema: .object(["type": "object", "required": .array(["data"]), "properties": .object([
                         "data": .object(["type": "array", "items": .object(["type": "object", "required": .array(["id", "filename", "processing_status"]), "properties": .object([
                             "id": uuid, "filename": string, "processing_status": string, "replaced": .object(["type": "boolean"]),
                         ])])]),
                     ])]),
                     problems: [400, 401, 403, 409, 413, 415, 422]),
        APIOperation(.post, "/api/v1/search", id: "search_knowledge",
                     summary: "Hybrid search of the knowledge base: keyword and vector channels, each thresholded on its own scale, fused by reciprocal rank",
                     module: .knowledge,
                     body: .object(["type": "object", "required": .array(["query"]), "properties": .object([
                         "query": .object(["type": "string", "minLength": 1]),
                         "top_k": .object(["type": "integer", "minimum": 1, "maximum": 100]),
                         "mode": .object(["type": "string", "enum": .array(["hybrid", "keyword", "vector"])]),
                         "filters": .object(["type": "object", "properties": .object([
                             "product_id": uuid, "domain_id": uuid, "document_type": string, "language": string, "document_id": uuid,
                         ])]),
                         "min_keyword_score": number, "min_vector_score": number,
                     ])]),
                     bodyRequired: true, answer: "The hits, best first, and what each channel did",
                     schema: .object(["type": "object", "required": .array(["hits", "channels"]), "properties": .object([
                         "hits": .object(["type": "array", "items": .object(["type": "object",
                             "required": .array(["chunk_id", "document_id", "title", "heading", "snippet", "keyword", "vector", "score"]),
                             "properties": .object([
                                 "chunk_id": uuid, "document_id": uuid, "title": string, "heading": .object(["type": .array(["string", "null"])]),
                                 "snippet": string, "keyword": channelHit, "vector": channelHit, "score": number,
                             ])])]),
                         "channels": .object(["type": "object"]),
                     ])]),
                     problems: [400, 401, 403, 415, 422]),
    ]
}
