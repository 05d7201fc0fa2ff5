import Crypto
import Foundation
import Vapor

/// The prompt library's API beyond CRUD. Paths sit under the generic `:table` segment (the router does
/// not backtrack from a constant), so each handler first checks that the table is one it serves.
enum PromptRoutes {
    static let versionsRoute = APIPath.itemRoute.appending("versions")
    static let decisionRoute = versionsRoute.appending(.parameter("version"))
    static let diffRoute = APIPath.itemRoute.appending("diff")
    static let labelsRoute = APIPath.itemRoute.appending("labels")
    static let labelRoute = labelsRoute.appending(.parameter("label"))
    static let resolveRoute = APIPath.itemRoute.appending("resolve")
    static let renderRoute = APIPath.itemRoute.appending("render")
    static let byCodeRoute = APIPath.collectionRoute.appending("by-code").appending(.parameter("code"))
    static let effectiveConfigRoute = APIPath.itemRoute.appending("effective-config")

    static func register(_ api: any RoutesBuilder) {
        api.on(.GET, versionsRoute, use: versions)
        api.on(.POST, decisionRoute.appending("approve"), body: APIRoutes.maxBodySize) { try await decide($0, approve: true) }
        api.on(.POST, decisionRoute.appending("reject"), body: APIRoutes.maxBodySize) { try await decide($0, approve: false) }
        api.on(.GET, diffRoute, use: diff)
        api.on(.GET, labelsRoute, use: labels)
        api.on(.PUT, labelRoute, body: APIRoutes.maxBodySize, use: moveLabel)
        api.on(.DELETE, labelRoute, use: deleteLabel)
        api.on(.GET, resolveRoute, use: resolve)
        api.on(.GET, byCodeRoute, use: byCode)
        api.on(.POST, renderRoute, body: APIRoutes.maxBodySize, use: render)
        api.on(.GET, effectiveConfigRoute, use: effectiveConfig)
    }

    // MARK: Versions

    static func versions(_ req: Request) async throws -> Response {
        let versioning = try versioning(req)
        let rows = try await library(req).versionsWithLabels(versioning, try APIRoutes.id(req))
        let columns = Resources.of(versioning.versions).columns
        let items = rows.map { row, labels in withFields(RowEncoding.json(row, columns: columns), ["labels": .array(labels.map(JSONValue.string))]) }
        return APIRoutes.json("{\"data\":[" + items.joined(separator: ",") + "]}", status: .ok)
    }

    static func decide(_ req: Request, approve: Bool) async throws -> Response {
        let versioning = try versioning(req)
        let body = try optionalBody(req)
        let comment = body["comment"]?.stringValue
        let row = try await library(req).decide(versioning, try APIRoutes.id(req), version: try parameter(req, "version"), approve: approve, comment: comment)
        return APIRoutes.json(RowEncoding.json(row, columns: Resources.of(versioning.versions).columns), status: .ok)
    }

    static func diff(_ req: Request) async throws -> Response {
        let versioning = try versioning(req)
        let query = Dictionary(try APIRoutes.queryPairs(req), uniquingKeysWith: { $1 })
        guard let from = query["from"], let to = query["to"] else {
            throw Problem.badRequest("Name the two versions: ?from=1&to=3", field: query["from"] == nil ? "from" : "to")
        }
        let answer = try await library(req).diff(versioning, try APIRoutes.id(req), from: selector(from), to: selector(to))
        return json(answer)
    }

    /// A version number, a label or `latest`.
    private static func selector(_ text: String) -> PromptLibrary.Selector {
        if text == PromptLabels.latest { return .latest }
        return Int(text) != nil ? .version(text) : .label(text)
    }

    // MARK: Labels

    static func labels(_ req: Request) async throws -> Response {
        try prompts(req)
        let labels = try await library(req).labels(prompt: try APIRoutes.id(req))
        return APIRoutes.json("{\"data\":[" + labels.map(encode).joined(separator: ",") + "]}", status: .ok)
    }

    static func moveLabel(_ req: Request) async throws -> Response {
        try prompts(req)
        let body = try optionalBody(req)
        guard let version = body["version"]?.stringValue ?? body["version"]?.numberValue.map(RowEncoding.number) else {
            throw Problem.unprocessable([FieldError("version", "required", "name the version the label points at, e.g. {\"version\":\"2\"}")])
        }
        let label = try await library(req).moveLabel(prompt: try APIRoutes.id(req), name: try parameter(req, "label"), to: version)
        return APIRoutes.json(encode(label), status: .ok)
    }

    static func deleteLabel(_ req: Request) async throws -> Response {
        try prompts(req)
        try await library(req).deleteLabel(prompt: try APIRoutes.id(req), name: try parameter(req, "label"))
        return Response(status: .noContent)
    }

    private static func encode(_ label: PromptLibrary.Label) -> String {
        withFields(RowEncoding.json(label.row, columns: Resources.of(PromptLibraryTables.promptLabels).columns), [
            "label": label.row["name"].map(PromptLibrary.json) ?? .null, "version": .string(label.version), "protected": .bool(label.isProtected),
        ])
    }

    // MARK: Resolving and rendering

    static func resolve(_ req: Request) async throws -> Response {
        let versioning = try versioning(req)
        let selector = try querySelector(req)
        let row = try await library(req).resolve(versioning, try APIRoutes.id(req), selector)
        return APIRoutes.json(RowEncoding.json(row, columns: Resources.of(versioning.versions).columns), status: .ok)
    }

    /// The version a label names by the prompt's code, for SDK clients: an `ETag` of the answer, and 304
    /// when `If-None-Match` still matches it.
    static func byCode(_ req: Request) async throws -> Response {
        try prompts(req)
        let code = try parameter(req, "code")
        let selector = try querySelector(req)
        guard let row = try await library(req).find(.code(code), selector)?.version else {
            throw Problem.notFound("No prompt with the code \(code) has \(selector.description)")
        }
        let body = withFields(RowEncoding.json(row, columns: stableVersionColumns), ["code": .string(code)])
        let tag = "\"" + Hex.encode(SHA256.hash(data: Data(body.utf8)).prefix(12)) + "\""
        let matches = req.headers[.ifNoneMatch].flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        let response = matches.contains(tag) || matches.contains("*") ? Response(status: .notModified) : APIRoutes.json(body, status: .ok)
        response.headers.replaceOrAdd(name: .eTag, value: tag)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
        return response
    }

    /// What a by-code answer holds: a version without its use counters, so its ETag changes only when the
    /// version a label names (or its approval) does.
    static let stableVersionColumns = Resources.of(PromptLibraryTables.promptVersions).columns
        .filter { !["usage_count", "last_used_at", "avg_effectiveness_score"].contains($0.name) }

    static func render(_ req: Request) async throws -> Response {
        let table = try table(req)
        let body = try optionalBody(req)
        guard body["variables"] == nil || body["variables"]?.objectValue != nil else {
            throw Problem.unprocessable([FieldError("variables", "type", "variables must be an object of name → value")])
        }
        let variables = body["variables"]?.objectValue ?? [:]
        let library = try library(req)
        let id = try APIRoutes.id(req)
        switch table {
        case PromptLibraryTables.prompts.name:
            let selector = try PromptLibrary.Selector.parse(label: body["label"]?.stringValue,
                                                            version: body["version"]?.stringValue ?? body["version"]?.numberValue.map(RowEncoding.number))
            let rendered = try await library.render(prompt: id, selector, variables: variables, uses: req.application.useCounts)
            return json(.object([
                "text": .string(rendered.text), "prompt_id": PromptLibrary.json(rendered.promptID),
                "version": PromptLibrary.json(rendered.version["version"] ?? .null),
                "role": PromptLibrary.json(rendered.version["role"] ?? .null),
                "config": PromptLibrary.json(rendered.version["config"] ?? .null),
                "includes": .array(rendered.includes.map { .object(["code": .string($0.code), "version": .string($0.version)]) }),
            ]))
        case PromptSuiteTables.promptSuites.name:
            let assignment = try body["assignment_id"].map { value -> UUID in
                guard let id = value.stringValue.flatMap(UUID.init(text:)) else {
                    throw Problem.unprocessable([FieldError("assignment_id", "type", "assignment_id must be a UUID")])
                }
                return id
            }
            let rendered = try await library.render(suite: id, variables: variables, assignment: assignment, label: body["label"]?.stringValue, uses: req.application.useCounts)
            return json(.object([
                "suite_id": .string(id.lowercaseText),
                "messages": .array(rendered.messages.map { message in
                    .object(["role": .string(message.role), "content": .string(message.content), "prompt_id": PromptLibrary.json(message.promptID),
                             "version": .string(message.version), "step_id": PromptLibrary.json(message.stepID),
                             "sub_suite_id": PromptLibrary.json(message.subSuiteID), "config": message.config])
                }),
                "skipped": .array(rendered.skipped.map { .object(["step_id": PromptLibrary.json($0.stepID), "reason": .string($0.reason)]) }),
                "config": rendered.config,
            ]))
        default:
            throw Problem.notFound("Only prompts and prompt suites render")
        }
    }

    static func effectiveConfig(_ req: Request) async throws -> Response {
        guard try table(req) == PromptSuiteTables.suiteAssignments.name else { throw Problem.notFound("Only suite assignments have an effective config") }
        return json(try await library(req).effectiveConfig(assignment: try APIRoutes.id(req)))
    }

    // MARK: Request parts

    private static func table(_ req: Request) throws -> String {
        guard let name = req.parameters.get("table") else { throw Problem.notFound() }
        return name
    }

    private static func versioning(_ req: Request) throws -> Versioning {
        guard let versioning = Versioning.of(try table(req)) else { throw Problem.notFound("Only prompts and agents have versions") }
        return versioning
    }

    private static func prompts(_ req: Request) throws {
        guard try table(req) == PromptLibraryTables.prompts.name else { throw Problem.notFound("Only prompts have labels") }
    }

    private static func library(_ req: Request) throws -> PromptLibrary {
        PromptLibrary(store: req.store, actor: try req.requireActor(), clients: req.hubClients)
    }

    private static func parameter(_ req: Request, _ name: String) throws -> String {
        guard let value = req.parameters.get(name) else { throw Problem.notFound() }
        return value
    }

    private static func querySelector(_ req: Request) throws -> PromptLibrary.Selector {
        let query = Dictionary(try APIRoutes.queryPairs(req), uniquingKeysWith: { $1 })
        return try PromptLibrary.Selector.parse(label: query["label"], version: query["version"])
    }

    /// The JSON object body, or an empty one when there is none.
    private static func optionalBody(_ req: Request) throws -> [String: JSONValue] {
        guard (req.body.data?.readableBytes ?? 0) > 0 else { return [:] }
        guard case .object(let object) = try APIRoutes.jsonBody(req) else {
            throw Problem.unprocessable([FieldError("body", "type", "the body must be a JSON object")])
        }
        return object
    }

    /// A JSON object's text with more fields at its end.
    private static func withFields(_ object: String, _ fields: [String: JSONValue]) -> String {
        guard object.hasSuffix("}") else { return object }
        var out = String(object.dropLast())
        for key in fields.keys.sorted() {
            out += (out.hasSuffix("{") ? "" : ",")
            RowEncoding.appendString(key, into: &out)
            out += ":" + String(decoding: fields[key]!.jsonBytes, as: UTF8.self)
        }
        return out + "}"
    }

    private static func json(_ value: JSONValue) -> Response {
        APIRoutes.json(String(decoding: value.jsonBytes, as: UTF8.self), status: .ok)
    }
}
