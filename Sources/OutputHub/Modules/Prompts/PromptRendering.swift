import Foundation

/// Rendering a prompt version: includes (`{{> code}}`, `{{> code@label}}`) resolved to versions of other
/// prompts of the tenant, typed variables bound and checked all at once, the text put together.
extension PromptLibrary {
    /// A version with its includes resolved, depth first, in the order the content names them.
    struct Expanded: Sendable {
        let code: String?
        let promptID: DBValue
        let version: DBRow
        let template: PromptTemplate
        let children: [Expanded]

        var declarations: [VariableDeclaration] { VariableDeclaration.parse(version["variables"]?.jsonDocument).0 }

        /// Every include below this one, depth first.
        var descendants: [Expanded] { children.flatMap { [$0] + $0.descendants } }
    }

    static let maxIncludeDepth = 16

    /// Expands `content` (a version's or one about to be saved) owned by the prompt `promptID` with `code`.
    /// An include naming no prompt or label, or one that leads back to a prompt on the path, is a 422 on
    /// `content` naming the path.
    func expand(content: String, version: DBRow, promptID: DBValue, code: String?, path: [(id: DBValue, code: String)],
                in store: Store) async throws -> Expanded {
        let template: PromptTemplate
        do {
            template = try PromptTemplate(content)
        } catch let malformed as PromptTemplate.Malformed {
            throw Problem.unprocessable([FieldError("content", "invalid", "\(malformed.placeholder) is neither a variable nor an include")])
        }
        let here = path + [(promptID, code ?? promptID.stringValue ?? "")]
        var children: [Expanded] = []
        for include in template.includes {
            let chain = (here.map(\.code) + [include.code]).joined(separator: " → ")
            guard let target = try await prompt(code: include.code, tenant: version["tenant_id"], in: store), maySee(target),
                  let targetID = target["id"] else {
                throw Problem.unprocessable([FieldError("content", "unknown_include", "{{> \(include.code)}}: no prompt has the code \(include.code) (\(chain))")])
            }
            if here.contains(where: { $0.id == targetID }) {
                throw Problem.unprocessable([FieldError("content", "include_cycle", "the includes form a cycle: \(chain)")])
            }
            guard here.count < Self.maxIncludeDepth else {
                throw Problem.unprocessable([FieldError("content", "include_depth", "includes nest deeper than \(Self.maxIncludeDepth): \(chain)")])
            }
            let selector: Selector = include.label.map(Selector.label) ?? .latest
            guard let resolved = try await self.version(.prompts, targetID.uuidValue!, selector, in: store) else {
                throw Problem.unprocessable([FieldError("content", "unknown_include", "{{> \(include.code)@\(include.label ?? "")}}: \(include.code) has no \(selector.description)")])
            }
            children.append(try await expand(content: resolved["content"]?.stringValue ?? "", version: resolved, promptID: targetID,
                                             code: include.code, path: here, in: store))
        }
        return Expanded(code: code, promptID: promptID, version: version, template: template, children: children)
    }

    /// Whether the actor may see `prompt` (directly or through an include): their own tenant's (a private one only when
    /// theirs, or as an administrator), or another tenant's public one.
    func maySee(_ prompt: DBRow) -> Bool {
        let visibility = prompt["visibility"]?.stringValue ?? "tenant"
        guard prompt["tenant_id"]?.uuidValue == actor.tenantID else { return visibility == "public" }
        return visibility != "private" || prompt["created_by"]?.uuidValue == actor.userID || actor.may(RowQuery.privateRowsScope)
    }

    /// The rendered text of a prompt version.
    struct Rendered: Sendable {
        let text: String
        let promptID: DBValue
        let version: DBRow
        let includes: [(code: String, version: String)]
    }

    /// Renders a prompt's version with `variables`; every missing, unknown or wrongly typed variable is
    /// reported together as `variables.<name>`. Counts the use on the prompt and the version in `uses`
    /// (nil for previews, which are not uses).
    func render(prompt id: UUID, _ selector: Selector, variables: [String: JSONValue], uses: UseCounts?) async throws -> Rendered {
        guard let found = try await find(.id(id), selector) else { throw Problem.notFound() }
        guard let version = found.version else { throw Self.missing(selector, of: .prompts) }
        let expanded = try await expand(content: version["content"]?.stringValue ?? "", version: version, promptID: .uuid(id),
                                        code: found.code, path: [], in: store)
        let text = try Self.text(expanded, variables: variables)
        if let uses {
            let now = clients.clock.now()
            await uses.count(Self.prompts, .uuid(id), at: now)
            await uses.count(Self.versions, version["id"]!, at: now)
        }
        return Rendered(text: text, promptID: .uuid(id), version: version,
                        includes: expanded.descendants.map { ($0.code ?? "", $0.version["version"]?.stringValue ?? "") })
    }

    /// Binds `variables` against the declarations of the whole expansion (a prompt's own first) and puts the text together.
    static func text(_ expanded: Expanded, variables: [String: JSONValue]) throws -> String {
        var declarations: [String: VariableDeclaration] = [:]
        var order: [String] = []
        for declaration in ([expanded] + expanded.descendants).flatMap(\.declarations) where declarations[declaration.name] == nil {
            declarations[declaration.name] = declaration
            order.append(declaration.name)
        }
        var errors: [FieldError] = []
        for name in variables.keys.sorted() where declarations[name] == nil {
            errors.append(FieldError("variables.\(name)", "unknown", "\(name) is not a variable of this prompt"))
        }
        var values: [String: String] = [:]
        for name in order {
            let declaration = declarations[name]!
            guard let value = variables[name].flatMap({ $0 == .null ? nil : $0 }) ?? declaration.defaultValue else {
                if declaration.required { errors.append(FieldError("variables.\(name)", "required", "\(name) is required")) }
                values[name] = ""
                continue
            }
            if let problem = declaration.problem(with: value) {
                errors.append(FieldError("variables.\(name)", "type", "\(name) \(problem)"))
            } else {
                values[name] = VariableDeclaration.text(of: value)
            }
        }
        guard errors.isEmpty else { throw Problem.unprocessable(errors) }
        return assemble(expanded, values)
    }

    private static func assemble(_ expanded: Expanded, _ values: [String: String]) -> String {
        var children = expanded.children.makeIterator()
        var out = ""
        for part in expanded.template.parts {
            switch part {
            case .text(let text): out += text
            case .variable(let name): out += values[name] ?? ""
            case .include: if let child = children.next() { out += assemble(child, values) }
            }
        }
        return out
    }
}
