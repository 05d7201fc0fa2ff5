/// An operation a module serves beyond the generic table routes, as the OpenAPI document lists it (the
/// module registers the route itself; this is its description, kept next to the routes it describes).
public struct APIOperation: Sendable {
    public enum Method: String, Sendable { case get, post, put, delete }

    let method: Method
    /// The OpenAPI path template, `/api/v1/prompts/{id}/versions`.
    let path: String
    let operationID: String
    let summary: String
    let module: AppModule
    let parameters: [JSONValue]
    /// The JSON schema of the request body (an optional JSON object when `bodyRequired` is false).
    let body: JSONValue?
    let bodyRequired: Bool
    /// The body's media type: JSON, or `multipart/form-data` for uploads.
    let bodyMediaType: String
    let status: Int
    let answer: String
    /// The JSON schema of the answer; nil for an answer without a body (204).
    let schema: JSONValue?
    /// Headers the answer carries.
    let headers: [String]
    /// More answers than the success and the problems (a 304 without a body).
    let otherStatuses: [Int: String]
    let problems: [Int]

    public init(_ method: Method, _ path: String, id: String, summary: String, module: AppModule, parameters: [JSONValue] = [],
                body: JSONValue? = nil, bodyRequired: Bool = false, bodyMediaType: String = "application/json", status: Int = 200, answer: String, schema: JSONValue? = .object(["type": "object"]),
                headers: [String] = [], otherStatuses: [Int: String] = [:], problems: [Int]) {
        self.method = method
        self.path = path
        self.operationID = id
        self.summary = summary
        self.module = module
        self.parameters = parameters
        self.body = body
        self.bodyRequired = bodyRequired
        self.bodyMediaType = bodyMediaType
        self.status = status
        self.answer = answer
        self.schema = schema
        self.headers = headers
        self.otherStatuses = otherStatuses
        self.problems = problems
    }

    /// A path parameter.
    public static func path(_ name: String, uuid: Bool = false, description: String? = nil) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "string"]
        if uuid { schema["format"] = "uuid" }
        var parameter: [String: JSONValue] = ["name": .string(name), "in": "path", "required": true, "schema": .object(schema)]
        if let description { parameter["description"] = .string(description) }
        return .object(parameter)
    }

    /// An optional query parameter.
    public static func query(_ name: String, _ description: String) -> JSONValue {
        .object(["name": .string(name), "in": "query", "description": .string(description), "schema": .object(["type": "string"])])
    }

    /// A reference to a schema of the document's components (a table's row schema is its name in
    /// UpperCamelCase, `PromptVersions`).
    public static func ref(_ name: String) -> JSONValue { .object(["$ref": .string("#/components/schemas/\(name)")]) }
}
