import Foundation

/// Rendering a prompt suite: its own steps by `execution_order`, then each active sub-suite's steps (sub-suites
/// by `display_order`); a conditional step runs when its condition holds over the suite's variables; a step's
/// variables are the suite's of the same name, or what `variable_mappings` (`{"prompt_var":"suite_var"}`, or
/// `{"prompt_var":{"value":…}}` for a constant) says. Effective config = suite `default_config`, deep-merged
/// with the sub-suite's `config_overrides`, then the assignment's `config_overrides`.
extension PromptLibrary {
    static let suites = PromptSuiteTables.promptSuites
    static let subSuites = PromptSuiteTables.promptSubSuites
    static let steps = PromptSuiteTables.suitePrompts
    static let assignments = PromptSuiteTables.suiteAssignments

    struct RenderedSuite: Sendable {
        struct Message: Sendable {
            let role: String
            let content: String
            let promptID: DBValue
            let version: String
            let versionID: DBValue
            let stepID: DBValue
            let subSuiteID: DBValue
            let config: JSONValue
        }

        let messages: [Message]
        let skipped: [(stepID: DBValue, reason: String)]
        let config: JSONValue
    }

    /// One group of steps: the suite's own, or a sub-suite's with its overrides.
    struct StepGroup {
        let subSuite: DBRow?
        let steps: [DBRow]
    }

    /// Renders a suite; counts the use on the suite, the assignment and each rendered prompt and version in
    /// `uses` (nil for previews).
    func render(suite id: UUID, variables: [String: JSONValue], assignment assignmentID: UUID?, label: String?,
                uses: UseCounts?) async throws -> RenderedSuite {
        let suite = try await service(Self.suites).get(id)
        var assignment: DBRow?
        if let assignmentID {
            assignment = try await service(Self.assignments).get(assignmentID)
            guard assignment?["suite_id"]?.uuidValue == id else {
                throw Problem.unprocessable([FieldError("assignment_id", "mismatch", "that assignment is not of this suite")])
            }
        }
        let base = Self.merge(.object([:]), Self.json(suite["default_config"] ?? .null))  // no default config: {}
        let assignmentOverrides = Self.json(assignment?["config_overrides"] ?? .null)
        var messages: [RenderedSuite.Message] = []
        var skipped: [(DBValue, String)] = []
        var errors: [FieldError] = []
        for group in try await stepGroups(suite: id) {
            let config = Self.merge(Self.merge(base, Self.json(group.subSuite?["config_overrides"] ?? .null)), assignmentOverrides)
            for step in group.steps {
                let stepID = step["id"]!
                if step["is_conditional"]?.boolValue == true, let text = step["condition_expression"]?.stringValue {
                    guard let condition = try? SuiteCondition.parse(text) else {
                        errors.append(FieldError("steps.\(stepID.stringValue ?? "")", "invalid_condition", "the condition cannot be read: \(text)"))
                        continue
                    }
                    if !condition.holds(variables) {
                        skipped.append((stepID, "condition is false: \(text)"))
                        continue
                    }
                }
                let required = step["is_required"]?.boolValue ?? true
                // The step's prompt as the actor may see it (a colleague's private prompt is not there).
                var prompt: DBRow?
                if let id = step["prompt_id"]?.uuidValue { prompt = try? await service(Self.prompts).get(id) }
                let selector: Selector = label.map { $0 == PromptLabels.latest ? .latest : .label($0) } ?? .latest
                var stepVersion: DBRow?
                if let id = prompt?["id"]?.uuidValue { stepVersion = try await version(.prompts, id, selector, in: store) }
                guard let prompt, prompt["is_active"]?.boolValue != false, let promptID = prompt["id"]?.uuidValue, let stepVersion else {
                    let reason = prompt == nil || prompt?["is_active"]?.boolValue == false
                        ? "the step's prompt is deleted, inactive or not visible to you" : "the step's prompt has no \(selector.description)"
                    if required { errors.append(FieldError("steps.\(stepID.stringValue ?? "")", "unavailable", reason)) }
                    else { skipped.append((stepID, reason)) }
                    continue
                }
                let expanded = try await expand(content: stepVersion["content"]?.stringValue ?? "", version: stepVersion, promptID: .uuid(promptID),
                                                code: prompt["code"]?.stringValue, path: [], in: store)
                let names = Set(([expanded] + expanded.descendants).flatMap(\.declarations).map(\.name))
                let stepVariables = Self.mapped(variables, step["variable_mappings"]?.jsonDocument, declared: names)
                do {
                    let content = try Self.text(expanded, variables: stepVariables)
                    let role = step["role_override"]?.stringValue ?? stepVersion["role"]?.stringValue ?? "user"
                    messages.append(.init(role: role, content: content, promptID: .uuid(promptID), version: stepVersion["version"]?.stringValue ?? "",
                                          versionID: stepVersion["id"] ?? .null,
                                          stepID: stepID, subSuiteID: group.subSuite?["id"] ?? .null, config: config))
                } catch let problem as Problem where !required {
                    skipped.append((stepID, "variables missing or invalid: " + problem.errors.map(\.field).joined(separator: ", ")))
                } catch let problem as Problem {
                    errors += problem.errors.map { FieldError($0.field, $0.code, "step \(step["execution_order"]?.stringValue ?? "") (\(prompt["code"]?.stringValue ?? prompt["name"]?.stringValue ?? "")): \($0.message)") }
                }
            }
        }
        guard errors.isEmpty else { throw Problem.unprocessable(errors) }
        if let uses {
            let now = clients.clock.now()
            await uses.count(Self.suites, .uuid(id), at: now)
            if let assignmentID { await uses.count(Self.assignments, .uuid(assignmentID), at: now) }
            for message in messages {
                await uses.count(Self.prompts, message.promptID, at: now)
                await uses.count(Self.versions, message.versionID, at: now)
            }
        }
        return RenderedSuite(messages: messages, skipped: skipped, config: Self.merge(base, assignmentOverrides))
    }

    /// The suite's own steps, then each active sub-suite's, each group by `execution_order`.
    func stepGroups(suite id: UUID) async throws -> [StepGroup] {
        guard let tenant = try await store.find(Self.suites, id: .uuid(id))?["tenant_id"] else { return [] }
        let own = try await store.select(Self.steps, where: ["suite_id": .uuid(id), "tenant_id": tenant])
        let subs = try await store.select(Self.subSuites, where: ["parent_suite_id": .uuid(id), "deleted_at": .null, "tenant_id": tenant])
            .filter { $0["is_active"]?.boolValue != false }
            .sorted { ($0["display_order"]?.intValue ?? 0, $0["code"]?.stringValue ?? "") < ($1["display_order"]?.intValue ?? 0, $1["code"]?.stringValue ?? "") }
        var groups = [StepGroup(subSuite: nil, steps: Self.ordered(own))]
        for sub in subs {
            groups.append(StepGroup(subSuite: sub, steps: Self.ordered(try await store.select(Self.steps, where: ["sub_suite_id": sub["id"]!, "tenant_id": tenant]))))
        }
        return groups
    }

    private static func ordered(_ steps: [DBRow]) -> [DBRow] {
        steps.sorted { ($0["execution_order"]?.intValue ?? 0, $0["id"]?.stringValue ?? "") < ($1["execution_order"]?.intValue ?? 0, $1["id"]?.stringValue ?? "") }
    }

    /// A step's variables: mapped ones first, then the suite's of a declared name.
    static func mapped(_ variables: [String: JSONValue], _ mappings: JSONValue?, declared: Set<String>) -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for name in declared { if let value = variables[name] { result[name] = value } }
        for (target, source) in mappings?.objectValue ?? [:] {
            if let name = source.stringValue { result[target] = variables[name] }
            else if let constant = source["value"] { result[target] = constant }
        }
        return result
    }

    /// `overrides` deep-merged into `base`: objects merge key by key, anything else replaces.
    static func merge(_ base: JSONValue, _ overrides: JSONValue) -> JSONValue {
        switch (base, overrides) {
        case (_, .null): return base
        case (.object(var merged), .object(let changes)):
            for (key, value) in changes { merged[key] = merge(merged[key] ?? .null, value) }
            return .object(merged)
        default: return overrides
        }
    }

    /// The effective config of an assignment: for the suite, and for each of its sub-suites.
    func effectiveConfig(assignment id: UUID) async throws -> JSONValue {
        let assignment = try await service(Self.assignments).get(id)
        guard let suiteID = assignment["suite_id"]?.uuidValue else { throw Problem.notFound() }
        let suite = try await service(Self.suites).get(suiteID)
        let base = Self.merge(.object([:]), Self.json(suite["default_config"] ?? .null)), overrides = Self.json(assignment["config_overrides"] ?? .null)
        let subs = try await stepGroups(suite: suiteID).compactMap(\.subSuite)
        return .object([
            "assignment_id": .string(id.lowercaseText), "suite_id": .string(suiteID.lowercaseText),
            "config": Self.merge(base, overrides),
            "sub_suites": .array(subs.map { sub in
                .object(["id": Self.json(sub["id"]!), "code": Self.json(sub["code"] ?? .null),
                         "config": Self.merge(Self.merge(base, Self.json(sub["config_overrides"] ?? .null)), overrides)])
            }),
        ])
    }
}

