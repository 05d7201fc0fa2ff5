import Foundation
import Vapor

/// The REST API: every resource at `/api/v1/{table}` and `/api/v1/{table}/{id}`, all from the declarations.
enum APIRoutes {
    static let maxBodySize: ByteCount = "1mb"

    /// Registers the generic routes; returns the authenticated group (routes from `APIPath`) for the modules' own routes.
    @discardableResult
    static func register(_ app: Application) -> any RoutesBuilder {
        let document = OpenAPIDocument.json()
        app.on(.GET, APIPath.openAPIRoute) { _ in
            Response(status: .ok, headers: ["Content-Type": "application/json"], body: .init(string: document))
        }
        let secured = app.grouped(APIKeyAuthenticator())
        secured.on(.GET, APIPath.collectionRoute, use: list)
        secured.on(.POST, APIPath.collectionRoute, body: maxBodySize, use: create)
        secured.on(.GET, APIPath.itemRoute, use: get)
        secured.on(.PATCH, APIPath.itemRoute, body: maxBodySize, use: update)
        secured.on(.DELETE, APIPath.itemRoute, use: delete)
        secured.on(.PUT, APIPath.itemRoute, body: maxBodySize, use: replace)
        secured.on(.POST, APIPath.restoreRoute, body: maxBodySize, use: restore)
        for name in Resources.rowActionNames {
            secured.on(.POST, APIPath.rowActionRoute(name)) { req in
                let service = try service(req)
                let row = try await service.perform(name, on: try id(req))
                return json(RowEncoding.json(row, columns: service.resource.columns), status: .ok)
            }
        }
        return secured
    }

    // MARK: Handlers

    static func list(_ req: Request) async throws -> Response {
        let service = try service(req)
        let query = try ListQuery.parse(queryPairs(req), for: service.resource)
        let csv = req.headers.accept.contains(where: { $0.mediaType.type == "text" && $0.mediaType.subType == "csv" })
        if csv, !service.actor.may(Permissions.export) { throw ResourceService.missing(Permissions.export) }
        if csv {
            let page = try await service.list(query)
            let response = Response(status: .ok, body: .init(string: RowEncoding.csv(page.rows, columns: page.columns)))
            response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            if let next = page.nextCursor { response.headers.replaceOrAdd(name: "X-Next-Cursor", value: next) }
            if let total = page.total { response.headers.replaceOrAdd(name: "X-Total-Count", value: String(total)) }
            return response
        }
        let page = try await service.fetch(query, rendered: true)
        var body: [UInt8] = []
        body.reserveCapacity(1024 * (page.rows.count + 1))
        body.write("{\"data\":[")
        try RowEncoding.json(page: page, store: service.store, into: &body)
        body.write("],\"next_cursor\":")
        if let next = page.nextCursor { RowEncoding.appendString(next, into: &body) } else { body.write("null") }
        if let total = page.total { body.write(",\"total\":\(total)") }
        body.write("}")
        let response = Response(status: .ok, body: .init(buffer: req.byteBufferAllocator.buffer(bytes: body)))
        response.headers.contentType = .json
        return response
    }

    static func get(_ req: Request) async throws -> Response {
        let service = try service(req)
        let deleted = try deletedMode(req, service.resource)
        let row = try await service.get(try id(req), deleted: deleted)
        return json(RowEncoding.json(row, columns: service.resource.columns), status: .ok)
    }

    static func create(_ req: Request) async throws -> Response {
        let service = try service(req)
        let body = try jsonBody(req)
        switch body {
        case .object(let object):
            let created = try await service.create([object], bulk: false)[0]
            let response = json(encodeCreated(created, service.resource), status: .created)
            if let id = created.row["id"]?.stringValue { response.headers.replaceOrAdd(name: .location, value: APIPath.item(service.resource.name, id)) }
            return response
        case .array(let items):
            guard !items.isEmpty else { throw Problem.unprocessable([FieldError("body", "empty", "the array holds no rows to create")]) }
            var objects: [[String: JSONValue]] = []
            var errors: [FieldError] = []
            for (i, item) in items.enumerated() {
                if let object = item.objectValue { objects.append(object) } else {
                    errors.append(FieldError("[\(i)]", "type", "each item must be a JSON object"))
                }
            }
            guard errors.isEmpty else { throw Problem.unprocessable(errors) }
            let rows = try await service.create(objects, bulk: true)
            return json("{\"data\":[" + rows.map { encodeCreated($0, service.resource) }.joined(separator: ",") + "]}", status: .created)
        default:
            throw Problem.unprocessable([FieldError("body", "type", "the body must be a JSON object, or an array of objects")])
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let service = try service(req)
        let id = try id(req)
        guard case .object(let object) = try jsonBody(req) else {
            throw Problem.unprocessable([FieldError("body", "type", "the body must be a JSON object")])
        }
        let row = try await service.update(id, object)
        return json(RowEncoding.json(row, columns: service.resource.columns), status: .ok)
    }

    /// Rows change with PATCH; PUT is answered 405 rather than 404, saying so.
    static func replace(_ req: Request) async throws -> Response {
        let service = try service(req)
        guard service.resource.canUpdate else { throw Problem(.methodNotAllowed, "\(service.resource.name) rows cannot be changed") }
        throw Problem(.methodNotAllowed, "Change \(service.resource.name) rows with PATCH (only the fields sent change)")
    }

    static func delete(_ req: Request) async throws -> Response {
        let service = try service(req)
        try await service.delete(try id(req))
        return Response(status: .noContent)
    }

    static func restore(_ req: Request) async throws -> Response {
        let service = try service(req)
        if let restoreVersion = service.resource.behaviour?.restoreVersion, (req.body.data?.readableBytes ?? 0) > 0 {
            guard case .object(let object) = try jsonBody(req) else {
                throw Problem.unprocessable([FieldError("body", "type", "the body must be a JSON object")])
            }
            guard let version = object["version"]?.stringValue ?? object["version"]?.numberValue.map(RowEncoding.number) else {
                throw Problem.unprocessable([FieldError("version", "required", "name the version to restore, e.g. {\"version\":\"1\"}")])
            }
            return json(try await restoreVersion(try id(req), version, service), status: .ok)
        }
        let row = try await service.restore(try id(req))
        return json(RowEncoding.json(row, columns: service.resource.columns), status: .ok)
    }

    // MARK: Request parts

    static func service(_ req: Request) throws -> ResourceService {
        guard let name = req.parameters.get("table"), let resource = Resources.named(name) else {
            throw Problem.notFound("There is no resource named '\(req.parameters.get("table") ?? "")'")
        }
        return ResourceService(store: req.store, resource: resource, actor: try req.requireActor(), clients: req.hubClients)
    }

    /// The id in the path; one that is not a UUID cannot name a row.
    static func id(_ req: Request) throws -> UUID {
        guard let text = req.parameters.get("id"), let id = UUID(text: text) else { throw Problem.notFound() }
        return id
    }

    private static func deletedMode(_ req: Request, _ resource: Resource) throws -> DeletedMode {
        guard let text = try queryPairs(req).first(where: { $0.0 == "deleted" })?.1 else { return .exclude }
        guard resource.isSoftDeletable, let mode = DeletedMode(rawValue: text) else {
            throw Problem.badRequest("deleted must be include or only, on a table that keeps deleted rows", field: "deleted")
        }
        return mode
    }

    /// The query string as decoded name/value pairs, in order.
    static func queryPairs(_ req: Request) throws -> [(String, String)] {
        guard let query = req.url.query, !query.isEmpty else { return [] }
        do {
            return try QueryString.pairs(Substring(query))
        } catch {
            throw Problem.badRequest("the query string is not valid percent-encoded UTF-8", field: error.parameter ?? "query")
        }
    }

    static func jsonBody(_ req: Request) throws -> JSONValue {
        guard let type = req.headers.contentType, type.type == "application", type.subType == "json" || type.subType.hasSuffix("+json") else {
            throw Problem(.unsupportedMediaType, "Send the body as application/json")
        }
        guard let buffer = req.body.data, buffer.readableBytes > 0 else { throw Problem.badRequest("The request body is empty", field: "body") }
        guard buffer.readableBytes <= maxBodySize.value else { throw Problem(.payloadTooLarge, "The request body is larger than \(maxBodySize.value / 1_048_576) MiB") }
        guard let value = buffer.withUnsafeReadableBytes({ JSONParser.parse($0) }) else {
            throw Problem.badRequest("The request body is not valid JSON", field: "body", code: "malformed_json")
        }
        return value
    }

    /// The created row; a generated secret (a new API key) is added as `key`, the only time it is shown.
    private static func encodeCreated(_ created: ResourceService.Created, _ resource: Resource) -> String {
        var out = RowEncoding.json(created.row, columns: resource.columns)
        if let key = created.secret {
            out.removeLast()
            out += ",\"key\":"
            RowEncoding.appendString(key, into: &out)
            out += "}"
        }
        return out
    }

    static func json(_ body: String, status: HTTPResponseStatus) -> Response {
        let response = Response(status: status, body: .init(string: body))
        response.headers.contentType = .json
        return response
    }
}
