import Foundation
import Vapor

/// Create and edit forms for any table, from its declaration. A refused save shows each field's message
/// next to it and keeps what the user typed; the rules are the API's (`ResourceService`).
enum FormScreen {
    static func newForm(_ req: Request) async throws -> Response {
        let resource = try writable(req, create: true)
        return try await render(req, resource, id: nil, texts: [:], errors: [], labels: [:])
    }

    static func editForm(_ req: Request) async throws -> Response {
        let resource = try writable(req, create: false)
        let id = try AdminAccess.id(req)
        let row = try await AdminAccess.service(req, resource).get(id)
        var texts: [String: String] = [:]
        for column in resource.writableColumns { texts[column.name] = FormInputs.text(row[column.name], column) }
        let labels = try await referenceLabels(req, resource, texts)
        return try await render(req, resource, id: id, texts: texts, errors: [], labels: labels)
    }

    static func create(_ req: Request) async throws -> Response {
        let resource = try writable(req, create: true)
        let fields = try req.adminForm()
        let (object, unreadable) = FormInputs.object(fields, resource: resource, creating: true)
        do {
            guard unreadable.isEmpty else { throw Problem.unprocessable(unreadable + validationErrors(resource, object, .create)) }
            let created = try await AdminAccess.service(req, resource).create([object], bulk: false)[0]
            let id = created.row["id"]?.stringValue ?? ""
            var message = "\(singular(resource).prefix(1).uppercased() + singular(resource).dropFirst()) created."
            if let secret = created.secret { message = "Created. Copy the key now, it is not shown again: \(secret)" }
            return req.redirect(to: AdminPath.detail(resource.name, id), flash: Flash(message))
        } catch let problem as Problem where [409, 422].contains(problem.status) {
            return try await rerender(req, resource, id: nil, fields, problem)
        }
    }

    static func update(_ req: Request) async throws -> Response {
        let resource = try writable(req, create: false)
        let id = try AdminAccess.id(req)
        let fields = try req.adminForm()
        let (object, unreadable) = FormInputs.object(fields, resource: resource, creating: false)
        do {
            guard unreadable.isEmpty else { throw Problem.unprocessable(unreadable + validationErrors(resource, object, .update)) }
            _ = try await AdminAccess.service(req, resource).update(id, object)
            return req.redirect(to: AdminPath.detail(resource.name, id.lowercaseText), flash: Flash("Changes saved."))
        } catch let problem as Problem where [409, 422].contains(problem.status) {
            return try await rerender(req, resource, id: id, fields, problem)
        }
    }

    // MARK: Parts

    private static func writable(_ req: Request, create: Bool) throws -> Resource {
        let resource = try AdminAccess.resource(req)
        guard AdminAccess.can(req, create ? .create : .update, resource) else {
            throw AdminError.forbidden("\(resource.label) cannot be \(create ? "created" : "edited") here.")
        }
        return resource
    }

    /// The validator's complaints about the readable fields, so every problem is reported at once.
    private static func validationErrors(_ resource: Resource, _ object: [String: JSONValue], _ mode: RowValidator.Mode) -> [FieldError] {
        RowValidator(resource: resource).validate(object, mode: mode).1
    }

    private static func rerender(_ req: Request, _ resource: Resource, id: UUID?, _ fields: FormFields, _ problem: Problem) async throws -> Response {
        var texts: [String: String] = [:]
        for column in resource.writableColumns {
            if column.type == .boolean {
                texts[column.name] = fields.first(column.name) == "true" ? "true" : "false"
            } else if let text = fields.first(column.name) {
                texts[column.name] = text
            }
        }
        let labels = try await referenceLabels(req, resource, texts)
        return try await render(req, resource, id: id, texts: texts, errors: problem.errors, labels: labels, problem: problem,
                                status: HTTPResponseStatus(statusCode: problem.status))
    }

    /// The labels of the rows the form's references point at, for the pickers.
    private static func referenceLabels(_ req: Request, _ resource: Resource, _ texts: [String: String]) async throws -> [String: String] {
        let columns = resource.writableColumns.filter { $0.references != nil }
        let row: [DBValue] = columns.map { column in texts[column.name].map(DBValue.string) ?? .null }
        guard let session = req.signedIn, !columns.isEmpty else { return [:] }
        let labels = try await ReferenceLabels.load(for: [row], columns: columns, req: req, actor: session.actor)
        var result: [String: String] = [:]
        for (i, column) in columns.enumerated() {
            if let key = column.references, let value = row[i].stringValue, let label = labels.label(key, value) { result[column.name] = label }
        }
        return result
    }

    private static func render(_ req: Request, _ resource: Resource, id: UUID?, texts: [String: String], errors: [FieldError],
                               labels: [String: String], problem: Problem? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        var byField: [String: String] = [:]
        var general: [String] = []
        for error in errors {
            if resource.column(error.field) != nil, byField[error.field] == nil { byField[error.field] = error.message } else { general.append(error.message) }
        }
        let actor = req.signedIn?.actor
        let isSystemAdmin = req.signedIn?.isSystemAdmin ?? false
        let fields = resource.writableColumns.map { column in
            let locked = column.changeScope.map { actor?.may($0) != true } == true ? "Changing this needs the \(column.changeScope ?? "") permission"
                : column.isSystemAdminOnly && !isSystemAdmin ? "Only a system administrator can change this" : nil
            return FormInputs.field(column, text: texts[column.name], shownLabel: labels[column.name], error: byField[column.name], disabled: locked)
        }
        let action = id.map { AdminPath.edit(resource.name, $0.lowercaseText) } ?? AdminPath.new(resource.name)
        let cancel = id.map { AdminPath.detail(resource.name, $0.lowercaseText) } ?? AdminPath.list(resource.name)
        let summary: HTML = problem == nil ? .empty : """
            <div class="flash bad" role="alert"><p>\(errors.count == 1 ? "1 field needs attention." : "\(errors.count) fields need attention.")</p>
            \(general.isEmpty ? HTML.empty : HTML("<ul>\(general.map { HTML("<li>\($0)</li>") })</ul>"))</div>
            """
        let content: HTML = """
            \(summary)
            <form class="form panel" method="post" action="\(action)" novalidate>\(AdminLayout.csrfField(req))
            \(fields)
            <div class="toolbar"><button class="primary" type="submit">\(id == nil ? "Create" : "Save changes")</button>
            <a class="button" href="\(cancel)">Cancel</a></div></form>
            """
        let title = id == nil ? "New \(singular(resource))" : "Edit \(singular(resource))"
        var crumbs: [(label: String, href: String?)] = [(resource.module.rawValue, nil), (resource.label, AdminPath.list(resource.name))]
        if let id { crumbs.append(("Row", AdminPath.detail(resource.name, id.lowercaseText))) }
        crumbs.append((id == nil ? "New" : "Edit", nil))
        return try await AdminLayout.render(AdminPage(title: title, crumbs: crumbs, table: resource.name, content: content, status: status), req)
    }

    /// "Prompt suites" → "prompt suite", for titles.
    static func singular(_ resource: Resource) -> String {
        var label = resource.label.lowercased()
        if label.hasSuffix("ies") { label = String(label.dropLast(3)) + "y" } else if label.hasSuffix("s") && !label.hasSuffix("ss") { label.removeLast() }
        return label
    }
}
