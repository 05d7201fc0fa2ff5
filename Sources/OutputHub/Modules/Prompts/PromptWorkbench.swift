import Foundation
import Vapor

/// The prompt page's work area, above its fields: label chips with a move form, the version timeline with
/// approve / reject, a side-by-side diff of any two versions, and a render preview with a typed input per
/// variable (previews are not counted as uses).
enum PromptWorkbench {
    static let labelsRoute = AdminPath.detailRoute.appending("labels")
    static let decisionRoute = AdminPath.detailRoute.appending("versions", .parameter("version"), .parameter("decision"))

    static func register(_ admin: any RoutesBuilder) {
        admin.on(.POST, labelsRoute, use: moveLabel)
        admin.on(.POST, decisionRoute, use: decide)
    }

    @Sendable static func panel(_ req: Request, _ row: DBRow) async throws -> HTML {
        // A prompt in the trash shows its fields and the restore button only.
        guard let session = req.signedIn, let id = row["id"]?.uuidValue, row["deleted_at"]?.isNull ?? true else { return .empty }
        let library = PromptLibrary(store: req.store, actor: session.actor, clients: req.hubClients)
        let versions = try await library.versionsWithLabels(.prompts, id)
        let labels = try await library.labels(prompt: id)
        let idText = id.lowercaseText
        let detail = AdminPath.detail(PromptLibraryTables.prompts.name, idText)
        let csrf = AdminLayout.csrfField(req)
        let mayWrite = session.actor.may(Permissions.writeScope(Resources.of(PromptLibraryTables.prompts)))
        let mayApprove = session.actor.may(Permissions.approve)
        let numbers = versions.compactMap { $0.0["version"]?.stringValue }

        let chips = labels.map { label -> HTML in
            "<span class=\"chip\">\(label.row["name"]?.stringValue ?? "") → v\(label.version)\(HTML.when(label.isProtected, " 🔒"))</span>"
        }
        let options = numbers.map { HTML("<option value=\"\($0)\">\($0)</option>") }
        let moveForm: HTML = HTML.when(mayWrite, """
            <form class="inline" method="post" action="\(labelsRoute.link(table: PromptLibraryTables.prompts.name, id: idText))">\(csrf)
            <label>Label <input name="label" required pattern="[a-z0-9_-]{1,50}" placeholder="production"></label>
            <label>Version <select name="version">\(options)</select></label> <button type="submit">Move label</button></form>
            """)

        let timeline = versions.map { version, names -> HTML in
            let number = version["version"]?.stringValue ?? ""
            let status = version["approval_status"]?.stringValue ?? "pending"
            let decide: HTML = HTML.when(mayApprove, ["approve", "reject"].map { decision in
                HTML("""
                    <form class="inline" method="post" action="\(decisionRoute.link(table: PromptLibraryTables.prompts.name, id: idText, ["version": number, "decision": decision]))">\(csrf)<button type="submit">\(decision.capitalized)</button></form>
                    """)
            }.joined())
            return """
                <li><strong>v\(number)</strong>\(HTML.when(version["is_current"]?.boolValue == true, " <span class=\"chip\">current</span>"))
                \(names.map { HTML("<span class=\"chip\">\($0)</span>") }) <span class="muted">\(ValueFormat.shorten(version["changed_at"]?.stringValue ?? "", 16)) · \(status)</span>
                \(version["change_summary"]?.stringValue.map { HTML(" — \($0)") } ?? .empty) \(decide)</li>
                """
        }

        return """
            <section class="panel" aria-labelledby="prompt-work-heading"><h2 id="prompt-work-heading">Versions and labels</h2>
            <p>\(chips.isEmpty ? HTML("<span class=\"muted\">No labels yet; latest is always v\(numbers.first ?? "1").</span>") : chips.joined(separator: " "))</p>
            \(moveForm)
            <ol class="timeline" reversed>\(timeline)</ol>
            \(try await diff(req, library, id, numbers, detail))
            \(try await preview(req, library, id, versions.first?.0, detail))
            </section>
            """
    }

    /// Two version pickers and the diff between them, side by side.
    private static func diff(_ req: Request, _ library: PromptLibrary, _ id: UUID, _ numbers: [String], _ detail: String) async throws -> HTML {
        guard numbers.count > 1 else { return .empty }
        let from = (try? req.query.get(String.self, at: "from")) ?? numbers[1]
        let to = (try? req.query.get(String.self, at: "to")) ?? numbers[0]
        func picker(_ name: String, _ chosen: String) -> HTML {
            "<select name=\"\(name)\">\(numbers.map { HTML("<option value=\"\($0)\"\(HTML.attribute("selected", $0 == chosen))>v\($0)</option>") })</select>"
        }
        let answer: JSONValue
        do {
            answer = try await library.diff(.prompts, id, from: .version(from), to: .version(to))
        } catch let problem as Problem {
            return "<p role=\"alert\">\(problem.detail)</p>"
        }
        var rows: [HTML] = []
        var pendingDeletes: [String] = []
        func flush(inserts: [String]) {
            for i in 0..<max(pendingDeletes.count, inserts.count) {
                let left = i < pendingDeletes.count ? HTML("<td class=\"del\">\(pendingDeletes[i])</td>") : "<td></td>"
                let right = i < inserts.count ? HTML("<td class=\"ins\">\(inserts[i])</td>") : "<td></td>"
                rows.append("<tr>\(left)\(right)</tr>")
            }
            pendingDeletes = []
        }
        for run in answer["content"]?.arrayValue ?? [] {
            let lines = (run["text"]?.stringValue ?? "").components(separatedBy: "\n")
            switch run["op"]?.stringValue {
            case "delete": pendingDeletes += lines
            case "insert": flush(inserts: lines)
            default:
                flush(inserts: [])
                rows += lines.map { HTML("<tr><td>\($0)</td><td>\($0)</td></tr>") }
            }
        }
        flush(inserts: [])
        let fields = (answer["fields"]?.objectValue ?? [:]).sorted { $0.key < $1.key }.filter { $0.value["changed"] == .bool(true) }.map { name, entry -> HTML in
            "<li><strong>\(name)</strong>: <code>\(String(decoding: (entry["from"] ?? .null).jsonBytes, as: UTF8.self))</code> → <code>\(String(decoding: (entry["to"] ?? .null).jsonBytes, as: UTF8.self))</code></li>"
        }
        return """
            <h3>Compare versions</h3>
            <form class="inline" method="get" action="\(detail)">\(picker("from", from)) → \(picker("to", to)) <button type="submit">Compare</button></form>
            <table class="diff"><thead><tr><th>v\(from)</th><th>v\(to)</th></tr></thead><tbody>\(rows)</tbody></table>
            \(fields.isEmpty ? HTML("<p class=\"muted\">Role, variables and config are the same.</p>") : HTML("<ul>\(fields)</ul>"))
            """
    }

    /// A form with one typed input per variable of the current version, and the rendered text or every error.
    private static func preview(_ req: Request, _ library: PromptLibrary, _ id: UUID, _ current: DBRow?, _ detail: String) async throws -> HTML {
        guard let current else { return .empty }
        let declarations = VariableDeclaration.parse(current["variables"]?.jsonDocument).0
        let asked = (try? req.query.get(String.self, at: "render")) != nil
        var values: [String: JSONValue] = [:]
        let inputs = declarations.map { declaration -> HTML in
            let given = try? req.query.get(String.self, at: "var.\(declaration.name)")
            if asked, let given, !given.isEmpty { values[declaration.name] = typed(given, declaration) }
            let name = "var.\(declaration.name)", value = given ?? declaration.defaultValue.map(VariableDeclaration.text) ?? ""
            let control: HTML
            switch declaration.kind {
            case .enum:
                control = "<select name=\"\(name)\"><option value=\"\"></option>\(declaration.values.map { HTML("<option\(HTML.attribute("selected", $0 == value))>\($0)</option>") })</select>"
            case .boolean:
                control = "<select name=\"\(name)\"><option value=\"\"></option>\(["true", "false"].map { HTML("<option\(HTML.attribute("selected", $0 == value))>\($0)</option>") })</select>"
            case .number:
                control = "<input type=\"number\" step=\"any\" name=\"\(name)\" value=\"\(value)\">"
            case .json:
                control = "<textarea name=\"\(name)\" rows=\"2\">\(value)</textarea>"
            case .string:
                control = "<input name=\"\(name)\" value=\"\(value)\">"
            }
            return "<label>\(declaration.name)\(HTML.when(declaration.required, " *")) <span class=\"muted\">\(declaration.kind.rawValue)</span> \(control)</label>"
        }
        var result: HTML = .empty
        if asked {
            do {
                let rendered = try await library.render(prompt: id, .latest, variables: values, uses: nil)
                result = "<h4>Rendered v\(rendered.version["version"]?.stringValue ?? "")</h4><pre class=\"prose\" id=\"rendered-prompt\">\(rendered.text)</pre>"
            } catch let problem as Problem {
                result = "<ul role=\"alert\" id=\"render-errors\">\(problem.errors.map { HTML("<li><code>\($0.field)</code>: \($0.message)</li>") })</ul>"
            }
        }
        return """
            <h3>Render</h3>
            <form class="form" method="get" action="\(detail)"><input type="hidden" name="render" value="1">\(inputs)
            <button type="submit">Render</button></form>\(result)
            """
    }

    /// A form value as the variable's type (left as text when it does not read as one, so the check names it).
    private static func typed(_ text: String, _ declaration: VariableDeclaration) -> JSONValue {
        switch declaration.kind {
        case .number: return Double(text).map(JSONValue.number) ?? .string(text)
        case .boolean: return text == "true" ? .bool(true) : text == "false" ? .bool(false) : .string(text)
        case .json: return JSONValue.parse(Array(text.utf8)) ?? .string(text)
        default: return .string(text)
        }
    }

    // MARK: Actions

    static func moveLabel(_ req: Request) async throws -> Response {
        guard req.parameters.get("table") == PromptLibraryTables.prompts.name else { throw AdminError.notFound() }
        let id = try AdminAccess.id(req)
        let form = try req.adminForm()
        let detail = AdminPath.detail(PromptLibraryTables.prompts.name, id.lowercaseText)
        guard let session = req.signedIn else { throw AdminError.forbidden("Sign in first") }
        let name = form.first("label") ?? "", version = form.first("version") ?? ""
        do {
            _ = try await PromptLibrary(store: req.store, actor: session.actor, clients: req.hubClients).moveLabel(prompt: id, name: name, to: version)
        } catch let problem as Problem {
            return req.redirect(to: detail, flash: Flash(ok: false, (problem.errors.first?.message ?? problem.detail) + "."))
        }
        return req.redirect(to: detail, flash: Flash("\(name) now points at v\(version)."))
    }

    static func decide(_ req: Request) async throws -> Response {
        guard req.parameters.get("table") == PromptLibraryTables.prompts.name else { throw AdminError.notFound() }
        let id = try AdminAccess.id(req)
        _ = try req.adminForm()
        let detail = AdminPath.detail(PromptLibraryTables.prompts.name, id.lowercaseText)
        guard let session = req.signedIn, let version = req.parameters.get("version"),
              let decision = req.parameters.get("decision"), ["approve", "reject"].contains(decision) else { throw AdminError.notFound() }
        do {
            _ = try await PromptLibrary(store: req.store, actor: session.actor, clients: req.hubClients)
                .decide(.prompts, id, version: version, approve: decision == "approve", comment: nil)
        } catch let problem as Problem {
            return req.redirect(to: detail, flash: Flash(ok: false, problem.detail + "."))
        }
        return req.redirect(to: detail, flash: Flash("v\(version) \(decision == "approve" ? "approved" : "rejected")."))
    }
}
