import Foundation

/// A suite as its file describes it, in one canonical form (defaults filled in, steps in order, sub-suites
/// in display order), so that a file and a stored suite compare as values: importing an unchanged suite
/// writes nothing.
struct SuiteFile: Sendable {
    let path: String
    let code: String
    /// `{code, name, description?, default_config?, steps, sub_suites}`.
    let object: JSONValue

    struct Step: Sendable {
        let prompt: String
        let order: Int
        let required: Bool
        let condition: String?
        let role: String?
        let mappings: JSONValue?
    }

    init(path: String, _ value: JSONValue) throws {
        func fail(_ reason: String) -> Error { PromptFiles.Unreadable(path: path, reason: reason) }
        guard let object = value.objectValue, let code = object["code"]?.stringValue, !code.isEmpty else {
            throw fail("a suite file is a mapping with a code")
        }
        func text(_ map: [String: JSONValue], _ key: String, at place: String) throws -> JSONValue? {
            guard let value = map[key], value != .null else { return nil }
            guard value.stringValue != nil else { throw fail("\(place)\(key) must be text") }
            return value
        }
        func mapping(_ map: [String: JSONValue], _ key: String, at place: String) throws -> JSONValue? {
            guard let value = map[key], value != .null else { return nil }
            guard value.objectValue != nil else { throw fail("\(place)\(key) must be a mapping") }
            return value
        }
        func integer(_ map: [String: JSONValue], _ key: String, default fallback: Int, at place: String) throws -> Int {
            guard let value = map[key], value != .null else { return fallback }
            guard let number = value.numberValue, number.rounded() == number, abs(number) < 1e9 else { throw fail("\(place)\(key) must be a whole number") }
            return Int(number)
        }
        func steps(_ value: JSONValue?, at place: String) throws -> JSONValue {
            guard let value, value != .null else { return .array([]) }
            guard let items = value.arrayValue else { throw fail("\(place)steps must be a list") }
            let parsed: [(Int, JSONValue)] = try items.enumerated().map { i, item in
                let at = "\(place)steps[\(i)]."
                guard let step = item.objectValue, let prompt = step["prompt"]?.stringValue, !prompt.isEmpty else {
                    throw fail("\(at)prompt must name a prompt by code")
                }
                if let required = step["required"], required != .null, required.boolValue == nil { throw fail("\(at)required must be true or false") }
                let order = try integer(step, "order", default: i + 1, at: at)
                var out: [String: JSONValue] = ["prompt": .string(prompt), "order": .number(Double(order)),
                                                "required": .bool(step["required"]?.boolValue ?? true)]
                out["condition"] = try text(step, "condition", at: at)
                out["role"] = try text(step, "role", at: at)
                out["variable_mappings"] = try mapping(step, "variable_mappings", at: at)
                return (order, .object(out))
            }
            return .array(parsed.sorted { $0.0 < $1.0 }.map(\.1))
        }
        var canonical: [String: JSONValue] = ["code": .string(code), "name": try text(object, "name", at: "") ?? .string(code),
                                              "steps": try steps(object["steps"], at: "")]
        canonical["description"] = try text(object, "description", at: "")
        canonical["default_config"] = try mapping(object, "default_config", at: "")
        if let subs = object["sub_suites"], subs != .null {
            guard let items = subs.arrayValue else { throw fail("sub_suites must be a list") }
            var entries: [(Int, String, JSONValue)] = []
            for (i, item) in items.enumerated() {
                let at = "sub_suites[\(i)]."
                guard let sub = item.objectValue, let subCode = sub["code"]?.stringValue, !subCode.isEmpty else { throw fail("\(at)code is required") }
                let order = try integer(sub, "display_order", default: i + 1, at: at)
                var entry: [String: JSONValue] = ["code": .string(subCode), "name": try text(sub, "name", at: at) ?? .string(subCode),
                                                  "display_order": .number(Double(order)), "steps": try steps(sub["steps"], at: at)]
                entry["description"] = try text(sub, "description", at: at)
                entry["config_overrides"] = try mapping(sub, "config_overrides", at: at)
                entries.append((order, subCode, .object(entry)))
            }
            let codes = entries.map(\.1)
            if Set(codes).count != codes.count { throw fail("two sub-suites share a code") }
            canonical["sub_suites"] = .array(entries.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2))
        } else {
            canonical["sub_suites"] = .array([])
        }
        self.path = path
        self.code = code
        self.object = .object(canonical)
    }

    var fields: [String: JSONValue] { object.objectValue ?? [:] }
    var subSuites: [[String: JSONValue]] { fields["sub_suites"]?.arrayValue?.compactMap(\.objectValue) ?? [] }

    static func steps(_ value: JSONValue?) -> [Step] {
        (value?.arrayValue ?? []).compactMap(\.objectValue).map { step in
            Step(prompt: step["prompt"]?.stringValue ?? "", order: Int(step["order"]?.numberValue ?? 1), required: step["required"]?.boolValue ?? true,
                 condition: step["condition"]?.stringValue, role: step["role"]?.stringValue, mappings: step["variable_mappings"])
        }
    }
}

extension PromptFiles {
    /// Creates or updates the suite with the file's code: its fields in place, its sub-suites by code
    /// (created, changed or deleted), its steps and the sub-suites' steps replaced by the file's. A suite
    /// equal to its file is left alone; one in the trash is brought back.
    func importSuite(_ file: SuiteFile) async throws -> SuiteChange {
        try await Self.within(file.path) {
            let store = library.store
            let tenant: DBValue = .uuid(library.actor.tenantID)
            let codes = try await promptCodes()
            let suites = library.service(PromptSuiteTables.promptSuites)
            let fields = file.fields
            let values: [String: JSONValue] = ["name": fields["name"] ?? .null, "description": fields["description"] ?? .null,
                                               "default_config": fields["default_config"] ?? .null]
            let existing = try await store.select(PromptSuiteTables.promptSuites, where: ["tenant_id": tenant, "code": .string(file.code)], limit: 1).first
            let suiteID: UUID
            if let existing, let id = existing["id"]?.uuidValue {
                if existing["deleted_at"]?.isNull == false {
                    _ = try await suites.restore(id)
                } else if try SuiteFile(path: file.path, Self.json(try await suiteObject(existing, codes: codes))).object == file.object {
                    return .unchanged(code: file.code)
                }
                _ = try await suites.update(id, values)
                suiteID = id
            } else {
                suiteID = try Self.id(of: try await suites.create([values.merging(["code": .string(file.code)]) { $1 }], bulk: false))
            }
            try await replaceContents(of: suiteID, with: file, promptIDs: Dictionary(codes.map { ($1, $0) }) { first, _ in first })
            return existing == nil ? .create(code: file.code) : .update(code: file.code)
        }
    }

    /// Replaces the suite's steps and sub-suites with the file's.
    private func replaceContents(of suiteID: UUID, with file: SuiteFile, promptIDs: [String: String]) async throws {
        let store = library.store
        let subs = library.service(PromptSuiteTables.promptSubSuites)
        let steps = library.service(PromptSuiteTables.suitePrompts)
        let storedSubs = try await store.select(PromptSuiteTables.promptSubSuites, where: ["parent_suite_id": .uuid(suiteID)])
        var oldSteps = try await store.select(PromptSuiteTables.suitePrompts, where: ["suite_id": .uuid(suiteID)])
        for sub in storedSubs { oldSteps += try await store.select(PromptSuiteTables.suitePrompts, where: ["sub_suite_id": sub["id"]!]) }
        let oldIDs = oldSteps.compactMap { $0["id"]?.uuidValue }
        if !oldIDs.isEmpty { try await steps.delete(oldIDs) }

        try await addSteps(SuiteFile.steps(file.fields["steps"]), to: "suite_id", .uuid(suiteID), promptIDs: promptIDs, at: "")
        let byCode = Dictionary(storedSubs.map { ($0["code"]?.stringValue ?? "", $0) }) { first, _ in first }
        for (i, sub) in file.subSuites.enumerated() {
            let code = sub["code"]?.stringValue ?? ""
            let values: [String: JSONValue] = ["name": sub["name"] ?? .null, "description": sub["description"] ?? .null,
                                               "display_order": sub["display_order"] ?? .number(1), "config_overrides": sub["config_overrides"] ?? .null]
            let subID: UUID
            if let stored = byCode[code], let id = stored["id"]?.uuidValue {
                if stored["deleted_at"]?.isNull == false { _ = try await subs.restore(id) }
                _ = try await subs.update(id, values)
                subID = id
            } else {
                let created = try await subs.create([values.merging(["code": .string(code), "parent_suite_id": .string(suiteID.uuidString)]) { $1 }], bulk: false)
                subID = try Self.id(of: created)
            }
            try await addSteps(SuiteFile.steps(sub["steps"]), to: "sub_suite_id", .uuid(subID), promptIDs: promptIDs, at: "sub_suites[\(i)].")
        }
        let kept = Set(file.subSuites.compactMap { $0["code"]?.stringValue })
        let gone = storedSubs.filter { !kept.contains($0["code"]?.stringValue ?? "") && $0["deleted_at"]?.isNull != false }.compactMap { $0["id"]?.uuidValue }
        if !gone.isEmpty { try await subs.delete(gone) }
    }

    /// The id of the one row a create made.
    static func id(of created: [ResourceService.Created]) throws -> UUID {
        guard let id = created.first?.row["id"]?.uuidValue else { throw Problem(.internalServerError, "a created row came back without its id") }
        return id
    }

    private func addSteps(_ items: [SuiteFile.Step], to column: String, _ owner: DBValue, promptIDs: [String: String], at place: String) async throws {
        guard !items.isEmpty else { return }
        let rows: [[String: JSONValue]] = try items.enumerated().map { i, step in
            guard let prompt = promptIDs[step.prompt] ?? UUID(text: step.prompt)?.uuidString else {
                throw Problem.unprocessable([FieldError("\(place)steps[\(i)].prompt", "not_found", "this tenant has no prompt with the code \(step.prompt)")])
            }
            return [column: .string(owner.stringValue ?? ""), "prompt_id": .string(prompt), "execution_order": .number(Double(step.order)),
                    "is_required": .bool(step.required), "is_conditional": .bool(step.condition != nil),
                    "condition_expression": step.condition.map(JSONValue.string) ?? .null, "role_override": step.role.map(JSONValue.string) ?? .null,
                    "variable_mappings": step.mappings ?? .null]
        }
        _ = try await library.service(PromptSuiteTables.suitePrompts).create(rows, bulk: true)
    }
}
