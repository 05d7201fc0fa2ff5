import Foundation

/// The OpenAPI 3.1 description of the API, generated from the same declarations as the routes.
enum OpenAPIDocument {
    static func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document())) ?? Data(), as: UTF8.self)
    }

    static func document() -> JSONValue {
        var paths: [String: JSONValue] = [:]
        var schemas: [String: JSONValue] = [
            "Problem": problemSchema, "FieldError": fieldErrorSchema,
        ]
        for resource in Resources.all {
            paths[APIPath.collection(resource.name)] = collectionPath(resource)
            paths[APIPath.itemTemplate(resource.name)] = itemPath(resource)
            if resource.isSoftDeletable && resource.canDelete {
                paths[APIPath.restoreTemplate(resource.name)] = restorePath(resource)
            }
            for action in resource.behaviour?.rowActions ?? [] {
                paths[APIPath.rowActionTemplate(resource.name, action.name)] = actionPath(resource, action)
            }
            schemas[schemaName(resource)] = rowSchema(resource)
            schemas[schemaName(resource) + "List"] = .object([
                "type": "object", "required": .array(["data", "next_cursor"]),
                "properties": .object([
                    "data": .object(["type": "array", "items": ref(schemaName(resource))]),
                    "next_cursor": .object(["type": .array(["string", "null"])]),
                    "total": .object(["type": "integer", "minimum": 0]),
                ]),
            ])
            if resource.canCreate {
                schemas[schemaName(resource) + "Create"] = inputSchema(resource, create: true)
                schemas[schemaName(resource) + "Created"] = createdSchema(resource)
            }
            if resource.canUpdate { schemas[schemaName(resource) + "Update"] = inputSchema(resource, create: false) }
        }
        for operation in Modules.all.flatMap(\.apiOperations) {
            var path = paths[operation.path]?.objectValue ?? [:]
            path[operation.method.rawValue] = self.operation(operation)
            paths[operation.path] = .object(path)
        }
        var responses: [String: JSONValue] = [:]
        for (status, description) in problemResponses { responses["Problem\(status)"] = problemResponse(description) }
        paths[APIPath.healthRoute.link()] = .object(["get": .object([
            "summary": "Liveness and database check", "operationId": "health", "security": .array([]),
            "responses": .object(["200": .object(["description": "The server and its database answer",
                                                 "content": .object(["application/json": .object(["schema": .object(["type": "object"])])])])]),
        ])])
        return .object([
            "openapi": "3.1.0",
            "info": .object([
                "title": "Output Hub API", "version": .string(OutputHubVersion.current),
                "description": "Every table of Output Hub as a resource. Lists page with an opaque keyset cursor; filters are column=op.value.",
            ]),
            "servers": .array([.object(["url": "/"])]),
            "security": .array([.object(["bearerAuth": .array([])])]),
            "paths": .object(paths),
            "components": .object([
                "securitySchemes": .object(["bearerAuth": .object(["type": "http", "scheme": "bearer", "description": "An API key from `outputhub apikey create`"])]),
                "schemas": .object(schemas),
                "responses": .object(responses),
            ]),
        ])
    }

    // MARK: Paths

    private static let problemResponses: [(Int, String)] = [
        (400, "The query or body is malformed"), (401, "No valid API key"), (403, "Not allowed for this caller"),
        (404, "No such resource or row in this tenant"), (405, "This resource cannot be changed this way"),
        (409, "Conflicts with existing data (unique or reference)"), (413, "The body is too large"),
        (415, "The body is not JSON"), (422, "A field is not valid"),
        (429, "This API key has used its requests for now; see Retry-After"),
    ]

    /// The problem responses of an operation; every operation that takes an API key may also answer 429.
    private static func errors(_ statuses: [Int]) -> [String: JSONValue] {
        Dictionary(uniqueKeysWithValues: (statuses + [429]).map { (String($0), ref("Problem\($0)", kind: "responses")) })
    }

    private static func collectionPath(_ r: Resource) -> JSONValue {
        var path: [String: JSONValue] = [
            "get": .object([
                "summary": .string("List \(r.label.lowercased())"), "operationId": .string("list_\(r.name)"), "tags": .array([.string(r.module.rawValue)]),
                "description": .string(r.summary),
                "parameters": .array(listParameters(r)),
                "responses": .object(errors([400, 401, 403]).merging([
                    "200": .object([
                        "description": "A page of rows",
                        "content": .object([
                            "application/json": .object(["schema": ref(schemaName(r) + "List")]),
                            "text/csv": .object(["schema": .object(["type": "string"])]),
                        ]),
                    ]),
                ]) { $1 }),
            ])
        ]
        if r.canCreate {
            path["post"] = .object([
                "summary": .string("Create \(r.label.lowercased()) (an array creates all or none)"), "operationId": .string("create_\(r.name)"),
                "tags": .array([.string(r.module.rawValue)]),
                "requestBody": .object([
                    "required": true,
                    "content": .object(["application/json": .object(["schema": .object(["oneOf": .array([
                        ref(schemaName(r) + "Create"), .object(["type": "array", "minItems": 1, "items": ref(schemaName(r) + "Create")]),
                    ])])])]),
                ]),
                "responses": .object(errors([400, 401, 403, 405, 409, 413, 415, 422]).merging([
                    "201": .object([
                        "description": "Created; a single row also answers with its Location",
                        "headers": .object(["Location": .object(["schema": .object(["type": "string"])])]),
                        "content": .object(["application/json": .object(["schema": .object(["oneOf": .array([
                            ref(schemaName(r) + "Created"),
                            .object(["type": "object", "required": .array(["data"]), "properties": .object(["data": .object(["type": "array", "items": ref(schemaName(r) + "Created")])])]),
                        ])])])]),
                    ]),
                ]) { $1 }),
            ])
        }
        return .object(path)
    }

    private static func itemPath(_ r: Resource) -> JSONValue {
        let tags = JSONValue.array([.string(r.module.rawValue)])
        var getParameters: [JSONValue] = [idParameter]
        if r.isSoftDeletable { getParameters.append(deletedParameter) }
        var path: [String: JSONValue] = [
            "get": .object([
                "summary": .string("Get one of \(r.label.lowercased())"), "operationId": .string("get_\(r.name)"), "tags": tags,
                "parameters": .array(getParameters),
                "responses": .object(errors([400, 401, 403, 404]).merging(["200": rowResponse(r, "The row")]) { $1 }),
            ])
        ]
        if r.canUpdate {
            path["patch"] = .object([
                "summary": .string("Change some fields"), "operationId": .string("update_\(r.name)"), "tags": tags,
                "parameters": .array([idParameter]),
                "requestBody": .object(["required": true, "content": .object(["application/json": .object(["schema": ref(schemaName(r) + "Update")])])]),
                "responses": .object(errors([400, 401, 403, 404, 405, 409, 413, 415, 422]).merging(["200": rowResponse(r, "The changed row")]) { $1 }),
            ])
        }
        if r.canDelete {
            path["delete"] = .object([
                "summary": .string(r.isSoftDeletable ? "Move to the trash (restore brings it back)" : "Delete"),
                "operationId": .string("delete_\(r.name)"), "tags": tags, "parameters": .array([idParameter]),
                "responses": .object(errors([401, 403, 404, 405, 409]).merging(["204": .object(["description": "Deleted"])]) { $1 }),
            ])
        }
        return .object(path)
    }

    private static func restorePath(_ r: Resource) -> JSONValue {
        .object(["post": .object([
            "summary": "Bring back a deleted row", "operationId": .string("restore_\(r.name)"), "tags": .array([.string(r.module.rawValue)]),
            "parameters": .array([idParameter]),
            "responses": .object(errors([401, 403, 404, 405]).merging(["200": rowResponse(r, "The restored row")]) { $1 }),
        ])])
    }

    private static func actionPath(_ r: Resource, _ action: TableBehaviour.RowAction) -> JSONValue {
        .object(["post": .object([
            "summary": .string(action.summary), "operationId": .string("\(action.name)_\(r.name)"), "tags": .array([.string(r.module.rawValue)]),
            "parameters": .array([idParameter]),
            "responses": .object(errors([401, 403, 404] + action.problems).merging(["200": rowResponse(r, "The row afterwards")]) { $1 }),
        ])])
    }

    private static func operation(_ o: APIOperation) -> JSONValue {
        var success: [String: JSONValue] = ["description": .string(o.answer)]
        if let schema = o.schema { success["content"] = .object(["application/json": .object(["schema": schema])]) }
        if !o.headers.isEmpty {
            success["headers"] = .object(Dictionary(uniqueKeysWithValues: o.headers.map { ($0, .object(["schema": .object(["type": "string"])])) }))
        }
        var responses = errors(o.problems).merging([String(o.status): .object(success)]) { $1 }
        for (status, description) in o.otherStatuses {
            var answer: [String: JSONValue] = ["description": .string(description)]
            if !o.headers.isEmpty {
                answer["headers"] = .object(Dictionary(uniqueKeysWithValues: o.headers.map { ($0, .object(["schema": .object(["type": "string"])])) }))
            }
            responses[String(status)] = .object(answer)
        }
        var object: [String: JSONValue] = [
            "summary": .string(o.summary), "operationId": .string(o.operationID), "tags": .array([.string(o.module.rawValue)]),
            "parameters": .array(o.parameters), "responses": .object(responses),
        ]
        if let body = o.body {
            object["requestBody"] = .object(["required": .bool(o.bodyRequired), "content": .object([o.bodyMediaType: .object(["schema": body])])])
        }
        return .object(object)
    }

    private static let idParameter: JSONValue = .object([
        "name": "id", "in": "path", "required": true, "schema": .object(["type": "string", "format": "uuid"]),
    ])

    private static let deletedParameter: JSONValue = .object([
        "name": "deleted", "in": "query", "description": "include or only: also show, or only show, deleted rows",
        "schema": .object(["type": "string", "enum": .array(["include", "only"])]),
    ])

    private static func listParameters(_ r: Resource) -> [JSONValue] {
        func query(_ name: String, _ description: String, _ schema: JSONValue) -> JSONValue {
            .object(["name": .string(name), "in": "query", "description": .string(description), "schema": schema])
        }
        var parameters: [JSONValue] = [
            query("order", "Comma-separated col.asc or col.desc", .object(["type": "string"])),
            query("select", "Comma-separated columns to return", .object(["type": "string"])),
            query("limit", "Rows per page (default 50)", .object(["type": "integer", "minimum": 1, "maximum": .number(Double(ListQuery.maximumLimit))])),
            query("cursor", "next_cursor of the previous page", .object(["type": "string"])),
            query("offset", "Rows to skip (keyset paging with cursor is faster)", .object(["type": "integer", "minimum": 0])),
            query("count", "exact: also return the total", .object(["type": "string", "enum": .array(["exact"])])),
        ]
        if !r.searchableColumns.isEmpty {
            parameters.append(query("q", "Full-text search over " + r.searchableColumns.map(\.name).joined(separator: ", "), .object(["type": "string"])))
        }
        if r.isSoftDeletable { parameters.append(deletedParameter) }
        for column in r.columns {
            parameters.append(query(column.name, "Filter: op.value with eq, neq, gt, gte, lt, lte, like, ilike, in, is; not. negates", .object(["type": "string"])))
        }
        return parameters
    }

    private static func rowResponse(_ r: Resource, _ description: String) -> JSONValue {
        .object(["description": .string(description), "content": .object(["application/json": .object(["schema": ref(schemaName(r))])])])
    }

    private static func problemResponse(_ description: String) -> JSONValue {
        .object(["description": .string(description), "content": .object(["application/problem+json": .object(["schema": ref("Problem")])])])
    }

    // MARK: Schemas

    static func schemaName(_ r: Resource) -> String {
        r.name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func ref(_ name: String, kind: String = "schemas") -> JSONValue {
        .object(["$ref": .string("#/components/\(kind)/\(name)")])
    }

    private static func rowSchema(_ r: Resource) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        for column in r.columns { properties[column.name] = columnSchema(column, nullable: column.isNullable || r.isView) }
        return .object([
            "type": "object", "description": .string(r.summary),
            "required": .array(r.columns.map { .string($0.name) }), "properties": .object(properties),
        ])
    }

    private static func createdSchema(_ r: Resource) -> JSONValue {
        guard let extra = r.behaviour?.createdAnswerProperties, !extra.isEmpty else { return ref(schemaName(r)) }
        return .object(["allOf": .array([
            ref(schemaName(r)),
            .object(["type": "object", "properties": .object(extra)]),
        ])])
    }

    private static func inputSchema(_ r: Resource, create: Bool) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        if create, let id = r.column("id") { properties["id"] = columnSchema(id, nullable: false) }
        for column in r.writableColumns {
            properties[column.name] = columnSchema(column, nullable: column.isNullable)
            if create && !column.isNullable && column.defaultValue == nil { required.append(.string(column.name)) }
        }
        var schema: [String: JSONValue] = ["type": "object", "additionalProperties": false, "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required) }
        return .object(schema)
    }

    static func columnSchema(_ column: ColumnDeclaration, nullable: Bool) -> JSONValue {
        var schema: [String: JSONValue] = [:]
        func type(_ name: String) { schema["type"] = nullable ? .array([.string(name), "null"]) : .string(name) }
        switch column.type {
        case .uuid:
            type("string"); schema["format"] = "uuid"
        case .varchar(let length):
            type("string"); schema["maxLength"] = .number(Double(length))
        case .text, .inet:
            type("string")
        case .integer:
            type("integer"); schema["minimum"] = .number(-2_147_483_648); schema["maximum"] = .number(2_147_483_647)
        case .bigint:
            type("integer")
        case .decimal:
            type("number")
            if let limit = column.type.decimalLimit {
                schema["exclusiveMinimum"] = .number(-limit); schema["exclusiveMaximum"] = .number(limit)
            }
        case .double:
            type("number")
        case .boolean:
            type("boolean")
        case .timestamp:
            type("string"); schema["format"] = "date-time"
        case .date:
            type("string"); schema["format"] = "date"
        case .json:
            break
        case .textArray:
            type("array"); schema["items"] = .object(["type": "string"])
        case .uuidArray:
            type("array"); schema["items"] = .object(["type": "string", "format": "uuid"])
        case .vector(let n):
            type("array"); schema["items"] = .object(["type": "number"])
            schema["minItems"] = .number(Double(n)); schema["maxItems"] = .number(Double(n))
        case .bytes:
            type("string"); schema["contentEncoding"] = "base64"
        }
        if let values = column.allowedValues {
            schema["enum"] = .array(values.map(JSONValue.string) + (nullable ? [.null] : []))
        }
        if let range = column.range {
            schema["minimum"] = .number(range.lowerBound); schema["maximum"] = .number(range.upperBound)
            schema["exclusiveMinimum"] = nil; schema["exclusiveMaximum"] = nil
        }
        if let note = column.note { schema["description"] = .string(note) }
        return .object(schema)
    }

    private static let fieldErrorSchema: JSONValue = .object([
        "type": "object", "required": .array(["field", "code", "message"]),
        "properties": .object(["field": .object(["type": "string"]), "code": .object(["type": "string"]), "message": .object(["type": "string"])]),
    ])

    private static let problemSchema: JSONValue = .object([
        "type": "object", "required": .array(["type", "title", "status", "detail", "errors"]),
        "properties": .object([
            "type": .object(["type": "string"]), "title": .object(["type": "string"]), "status": .object(["type": "integer"]),
            "detail": .object(["type": "string"]), "errors": .object(["type": "array", "items": ref("FieldError")]),
        ]),
    ])
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
