/// The OpenAPI description of `PromptRoutes`: versions, approval, diff, labels, resolving and rendering.
enum PromptOperations {
    static var all: [APIOperation] {
        [Versioning.prompts, Versioning.agents].flatMap(versioned) + labels + [byCode, renderPrompt, renderSuite, effectiveConfig]
    }

    private static let reads = [400, 401, 403, 404]
    private static let writes = [400, 401, 403, 404, 409, 413, 415, 422]
    private static let versionParameter = APIOperation.path("version", description: "A version number: 1, 2, …")
    private static let selectorParameters = [
        APIOperation.query("label", "A label (production, staging, …); latest means the newest version"),
        APIOperation.query("version", "A version number (instead of a label)"),
    ]
    private static func object(_ properties: [String: JSONValue], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = ["type": "object", "properties": .object(properties)]
        if !required.isEmpty { schema["required"] = .array(required.map(JSONValue.string)) }
        return .object(schema)
    }
    private static let string: JSONValue = .object(["type": "string"])
    private static let versionValue: JSONValue = .object(["type": .array(["string", "integer"])])
    private static let variables: JSONValue = .object(["type": "object", "description": "Variable name → value, checked against the declarations"])

    /// What prompts and agents both have: versions, approval of a version, diff, resolve.
    private static func versioned(_ versioning: Versioning) -> [APIOperation] {
        let table = versioning.table.name
        let item = APIPath.itemTemplate(table)
        let version = APIOperation.ref(OpenAPIDocument.schemaName(Resources.of(versioning.versions)))
        let id = APIOperation.path("id", uuid: true)
        let decision = object(["comment": string])
        return [
            APIOperation(.get, item + "/versions", id: "list_versions_\(table)", summary: "Every version, newest first, with the labels on each",
                         module: .prompts, parameters: [id], answer: "The versions",
                         schema: object(["data": .object(["type": "array", "items": version])], required: ["data"]), problems: reads),
            APIOperation(.post, item + "/versions/{version}/approve", id: "approve_version_\(table)",
                         summary: "Approve a version (needs prompts:approve; with four-eyes on, not its author)", module: .prompts,
                         parameters: [id, versionParameter], body: decision, answer: "The approved version", schema: version, problems: writes),
            APIOperation(.post, item + "/versions/{version}/reject", id: "reject_version_\(table)",
                         summary: "Reject a version (a protected label must not point at it)", module: .prompts,
                         parameters: [id, versionParameter], body: decision, answer: "The rejected version", schema: version, problems: writes),
            APIOperation(.get, item + "/diff", id: "diff_\(table)", summary: "Line diff of the content and field diffs between two versions",
                         module: .prompts,
                         parameters: [id, APIOperation.query("from", "A version number, a label or latest"), APIOperation.query("to", "A version number, a label or latest")],
                         answer: "The diff: content as [{op, text}], then the fields that changed", problems: reads + [422]),
            APIOperation(.get, item + "/resolve", id: "resolve_\(table)", summary: "The version a label or number names (the newest without either)",
                         module: .prompts, parameters: [id] + selectorParameters, answer: "The version", schema: version, problems: reads + [422]),
        ]
    }

    private static var labels: [APIOperation] {
        let item = APIPath.itemTemplate(PromptLibraryTables.prompts.name)
        let id = APIOperation.path("id", uuid: true)
        let label = APIOperation.path("label", description: "a-z, 0-9, _ and -")
        let answer = object(["label": string, "version": string, "protected": .object(["type": "boolean"])], required: ["label", "version", "protected"])
        return [
            APIOperation(.get, item + "/labels", id: "list_labels_prompts", summary: "The prompt's labels and the versions they point at", module: .prompts,
                         parameters: [id], answer: "The labels", schema: object(["data": .object(["type": "array", "items": answer])], required: ["data"]),
                         problems: reads),
            APIOperation(.put, item + "/labels/{label}", id: "move_label_prompts",
                         summary: "Point a label at a version (a protected label: only an approved version, with prompts:approve); audited", module: .prompts,
                         parameters: [id, label], body: object(["version": versionValue], required: ["version"]), bodyRequired: true,
                         answer: "The label", schema: answer, problems: writes),
            APIOperation(.delete, item + "/labels/{label}", id: "delete_label_prompts", summary: "Remove a label; audited", module: .prompts,
                         parameters: [id, label], status: 204, answer: "Removed", schema: nil, problems: reads + [409, 422]),
        ]
    }

    private static var byCode: APIOperation {
        let version = APIOperation.ref(OpenAPIDocument.schemaName(Resources.of(PromptLibraryTables.promptVersions)))
        return APIOperation(.get, APIPath.collection(PromptLibraryTables.prompts.name) + "/by-code/{code}", id: "get_prompt_by_code",
                            summary: "The version a label names, by the prompt's code, for SDK clients; poll with If-None-Match", module: .prompts,
                            parameters: [APIOperation.path("code")] + selectorParameters, answer: "The version, with the prompt's code",
                            schema: version, headers: ["ETag", "Cache-Control"], otherStatuses: [304: "The version is unchanged since that ETag"],
                            problems: reads + [422])
    }

    private static var renderPrompt: APIOperation {
        APIOperation(.post, APIPath.itemTemplate(PromptLibraryTables.prompts.name) + "/render", id: "render_prompts",
                     summary: "Render a version with typed variables and its includes (one 422 lists every variable error as variables.<name>)",
                     module: .prompts, parameters: [APIOperation.path("id", uuid: true)],
                     body: object(["variables": variables, "label": string, "version": versionValue]),
                     answer: "The rendered text",
                     schema: object(["text": string, "prompt_id": string, "version": string,
                                     "includes": .object(["type": "array", "items": object(["code": string, "version": string])])],
                                    required: ["text", "prompt_id", "version", "includes"]),
                     problems: writes)
    }

    private static var renderSuite: APIOperation {
        APIOperation(.post, APIPath.itemTemplate(PromptSuiteTables.promptSuites.name) + "/render", id: "render_prompt_suites",
                     summary: "Render a suite: steps in order, sub-suites expanded, mappings applied, conditions evaluated, config merged",
                     module: .prompts, parameters: [APIOperation.path("id", uuid: true)],
                     body: object(["variables": variables, "assignment_id": .object(["type": "string", "format": "uuid"]), "label": string]),
                     answer: "The messages, the skipped steps and the effective config",
                     schema: object(["messages": .object(["type": "array", "items": .object(["type": "object"])]),
                                     "skipped": .object(["type": "array", "items": .object(["type": "object"])]), "config": .object(["type": "object"])],
                                    required: ["messages", "skipped", "config"]),
                     problems: writes)
    }

    private static var effectiveConfig: APIOperation {
        APIOperation(.get, APIPath.itemTemplate(PromptSuiteTables.suiteAssignments.name) + "/effective-config", id: "effective_config_suite_assignments",
                     summary: "The suite's default config deep-merged with the assignment's overrides", module: .prompts,
                     parameters: [APIOperation.path("id", uuid: true)], answer: "The effective config", problems: reads)
    }
}
