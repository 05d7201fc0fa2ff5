import Foundation

/// What the prompt library's tables do beyond CRUD: versioned prompts and agents with approval, checked
/// templates and includes, steps whose conditions parse, one default assignment per target.
enum PromptBehaviours {
    static let prompts = TableBehaviour(PromptLibraryTables.prompts)
        .validating { row in
            PromptContentRules.check(content: row["content"]?.stringValue ?? "", variables: row["variables"]?.jsonDocument)
                + configIsObject(row)
        }
        .preparing { row, old, context in
            try await Approval.apply(&row, old: old, context)
            if let content = row["content"]?.stringValue {
                let library = PromptLibrary(store: context.store, actor: context.actor, clients: context.clients)
                let code = row["code"]?.stringValue ?? old?["code"]?.stringValue
                _ = try await library.expand(content: content, version: [:], promptID: old?["id"] ?? .uuid(UUID()), code: code, path: [], in: context.store)
            }
            if let old { try await Versioning.prompts.prepareUpdate(&row, old: old, context) }
        }
        .inserting { row, context in try await Versioning.prompts.insert(row, context) }
        .restoringVersions { id, version, service in
            let library = PromptLibrary(store: service.store, actor: service.actor, clients: service.clients)
            let row = try await library.restore(.prompts, id, version: version)
            return RowEncoding.json(row, columns: Resources.of(PromptLibraryTables.promptVersions).columns)
        }
        .panel(PromptWorkbench.panel)
        .panel(GenerationPanel.runPrompt)

    static let agents = TableBehaviour(PromptLibraryTables.agents)
        .validating(configIsObject)
        .preparing { row, old, context in
            try await Approval.apply(&row, old: old, context)
            if let old { try await Versioning.agents.prepareUpdate(&row, old: old, context) }
        }
        .inserting { row, context in try await Versioning.agents.insert(row, context) }
        .restoringVersions { id, version, service in
            let library = PromptLibrary(store: service.store, actor: service.actor, clients: service.clients)
            let row = try await library.restore(.agents, id, version: version)
            return RowEncoding.json(row, columns: Resources.of(PromptLibraryTables.agentVersions).columns)
        }

    /// A condition that does not parse is refused with its position.
    static let suiteSteps = TableBehaviour(PromptSuiteTables.suitePrompts).validating { row in
        guard let text = row["condition_expression"]?.stringValue else { return [] }
        do {
            _ = try SuiteCondition.parse(text)
            return []
        } catch let error as SuiteCondition.ParseError {
            return [FieldError("condition_expression", "syntax", "the condition cannot be read \(error.description)")]
        } catch {
            return [FieldError("condition_expression", "syntax", "the condition cannot be read")]
        }
    }

    /// Making an assignment the default of its agent, solution or workflow makes it the only one.
    static let assignments = TableBehaviour(PromptSuiteTables.suiteAssignments).preparing { row, old, context in
        if old == nil { row["assigned_by"] = row["assigned_by"] ?? .uuid(context.actor.userID) }
        let merged = (old ?? [:]).merging(row) { $1 }
        let retargeted = ["agent_id", "solution_id", "workflow_id", "is_default"].contains { row[$0] != nil }
        guard merged["is_default"]?.boolValue == true, retargeted else { return }
        for target in ["agent_id", "solution_id", "workflow_id"] {
            guard let value = merged[target], !value.isNull else { continue }
            var sql = SQLText(context.store.engine, "UPDATE \(quote(PromptSuiteTables.suiteAssignments.name)) SET \(quote("is_default")) = ")
            sql.bind(.bool(false), as: .boolean)
            sql.append(" WHERE \(quote(target)) = ")
            sql.bind(value, as: .uuid)
            sql.append(" AND \(quote("tenant_id")) = ")
            sql.bind(.uuid(context.actor.tenantID), as: .uuid)
            if let id = old?["id"] {
                sql.append(" AND id <> ")
                sql.bind(id, as: .uuid)
            }
            try await context.store.run(sql)
        }
    }

    @Sendable static func configIsObject(_ row: DBRow) -> [FieldError] {
        guard let config = row["config"], !config.isNull else { return [] }
        return config.jsonDocument?.objectValue == nil ? [FieldError("config", "type", "config must be a JSON object of model parameters")] : []
    }
}
