import Foundation
import Vapor

/// A suite's page above its fields: the step tree (the suite's own steps, then each sub-suite's, with
/// conditions, role overrides and mappings), the effective config of the suite, its sub-suites and its
/// assignments, and a rendered preview for variables given as JSON (previews are not counted as uses).
enum SuiteWorkbench {
    @Sendable static func panel(_ req: Request, _ row: DBRow) async throws -> HTML {
        guard let session = req.signedIn, let id = row["id"]?.uuidValue, row["deleted_at"]?.isNull ?? true else { return .empty }
        let library = PromptLibrary(store: req.store, actor: session.actor, clients: req.hubClients)
        let detail = AdminPath.detail(PromptSuiteTables.promptSuites.name, id.lowercaseText)
        let groups = try await library.stepGroups(suite: id)
        let base = PromptLibrary.json(row["default_config"] ?? .null)
        let stepColumns = PromptSuiteTables.suitePrompts.columns.filter { $0.name == "prompt_id" }
        let references = try await ReferenceLabels.load(for: groups.flatMap(\.steps).map { [$0["prompt_id"] ?? .null] }, columns: stepColumns,
                                                        req: req, actor: session.actor)
        let promptKey = stepColumns[0].references!

        let tree = groups.map { group -> HTML in
            let steps = group.steps.map { step -> HTML in
                let prompt = step["prompt_id"]?.stringValue ?? ""
                let condition: HTML = step["condition_expression"]?.stringValue.map { HTML(" <span class=\"muted\">when</span> <code>\($0)</code>") } ?? .empty
                let role: HTML = step["role_override"]?.stringValue.map { HTML(" <span class=\"chip\">as \($0)</span>") } ?? .empty
                let mappings: HTML = step["variable_mappings"]?.jsonDocument.map { HTML(" <span class=\"muted\">mappings</span> <code>\(String(decoding: $0.jsonBytes, as: UTF8.self))</code>") } ?? .empty
                return """
                    <li>\(step["execution_order"]?.stringValue ?? "") · <a href="\(AdminPath.detail(PromptLibraryTables.prompts.name, prompt))">\(references.label(promptKey, prompt) ?? prompt)</a>\(HTML.when(step["is_required"]?.boolValue == false, " <span class=\"muted\">(optional)</span>"))\(role)\(condition)\(mappings)</li>
                    """
            }
            let title: HTML = group.subSuite.map { sub in
                let config = PromptLibrary.merge(base, PromptLibrary.json(sub["config_overrides"] ?? .null))
                return HTML("<strong>\(sub["name"]?.stringValue ?? "")</strong> <span class=\"muted\">sub-suite \(sub["display_order"]?.stringValue ?? ""), config</span> <code>\(String(decoding: config.jsonBytes, as: UTF8.self))</code>")
            } ?? "<strong>This suite's own steps</strong>"
            return "<li>\(title)<ol>\(steps.isEmpty ? [HTML("<li class=\"muted\">no steps</li>")] : steps)</ol></li>"
        }

        let assignments = try await req.store.select(PromptSuiteTables.suiteAssignments, where: ["suite_id": .uuid(id), "tenant_id": .uuid(session.actor.tenantID)])
        let assignmentRows = assignments.map { assignment -> HTML in
            let config = PromptLibrary.merge(base, PromptLibrary.json(assignment["config_overrides"] ?? .null))
            let target = ["agent_id", "solution_id", "workflow_id"].first { !(assignment[$0]?.isNull ?? true) } ?? ""
            return "<li><a href=\"\(AdminPath.detail(PromptSuiteTables.suiteAssignments.name, assignment["id"]?.stringValue ?? ""))\">\(target.replacingOccurrences(of: "_id", with: ""))</a>\(HTML.when(assignment["is_default"]?.boolValue == true, " <span class=\"chip\">default</span>")) <code>\(String(decoding: config.jsonBytes, as: UTF8.self))</code></li>"
        }

        let given = (try? req.query.get(String.self, at: "variables")) ?? ""
        var preview: HTML = .empty
        if !given.isEmpty {
            if let variables = JSONValue.parse(Array(given.utf8))?.objectValue {
                do {
                    let rendered = try await library.render(suite: id, variables: variables, assignment: nil, label: nil, uses: nil)
                    let messages = rendered.messages.map { HTML("<li class=\"turn \($0.role)\"><span class=\"muted\">\($0.role)</span><pre class=\"prose\">\($0.content)</pre></li>") }
                    let skipped = rendered.skipped.map { HTML("<li>\($0.reason)</li>") }
                    preview = "<ol class=\"transcript\" id=\"suite-preview\">\(messages)</ol>\(HTML.when(!skipped.isEmpty, "<p class=\"muted\">Skipped:</p><ul>\(skipped)</ul>"))"
                } catch let problem as Problem {
                    preview = "<ul role=\"alert\" id=\"suite-errors\">\(problem.errors.map { HTML("<li><code>\($0.field)</code>: \($0.message)</li>") })</ul>"
                }
            } else {
                preview = "<p role=\"alert\">Variables must be a JSON object, e.g. {\"tier\": \"gold\"}.</p>"
            }
        }
        return """
            <section class="panel" aria-labelledby="suite-work-heading"><h2 id="suite-work-heading">Steps and config</h2>
            <p><span class="muted">Default config</span> <code>\(String(decoding: base.jsonBytes, as: UTF8.self))</code></p>
            <ol class="timeline">\(tree)</ol>
            \(HTML.when(!assignmentRows.isEmpty, "<h3>Assignments and their effective config</h3><ul>\(assignmentRows)</ul>"))
            <h3>Preview</h3>
            <form class="form" method="get" action="\(detail)"><label>Variables (JSON) <textarea name="variables" rows="3">\(given)</textarea></label>
            <button type="submit">Render</button></form>\(preview)
            </section>
            """
    }
}
