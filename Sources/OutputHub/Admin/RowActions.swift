import Foundation
import Vapor

/// Delete (with a confirmation page), restore from the trash, the tables' own row actions, and bulk actions
/// on checked rows.
enum RowActions {
    /// A table's row action (`TableBehaviour.rowAction`), back to the row's page with what happened.
    static func perform(_ name: String, _ req: Request) async throws -> Response {
        let resource = try AdminAccess.resource(req)
        let id = try AdminAccess.id(req)
        _ = try req.adminForm()
        let detail = AdminPath.detail(resource.name, id.lowercaseText)
        guard let action = resource.behaviour?.rowActions.first(where: { $0.name == name }) else { throw AdminError.notFound() }
        do {
            _ = try await AdminAccess.service(req, resource).perform(name, on: id)
        } catch let problem as Problem where problem.status == 409 {
            return req.redirect(to: detail, flash: Flash(ok: false, problem.detail + "."))
        }
        return req.redirect(to: detail, flash: Flash(action.done))
    }

    static func confirmDelete(_ req: Request) async throws -> Response {
        let resource = try deletable(req)
        let id = try AdminAccess.id(req)
        let row = try await AdminAccess.service(req, resource).get(id)
        let title = DetailScreen.rowTitle(resource, row)
        let idText = id.lowercaseText
        let consequence = resource.isSoftDeletable
            ? "It moves to the trash, where it can be restored."
            : "This cannot be undone. Rows that belong to it may be deleted with it."
        let content: HTML = """
            <form class="panel" method="post" action="\(AdminPath.delete(resource.name, idText))">\(AdminLayout.csrfField(req))
            <p>Delete <strong>\(title)</strong>? \(consequence)</p>
            <div class="toolbar"><button class="danger" type="submit">Delete</button>
            <a class="button" href="\(AdminPath.detail(resource.name, idText))">Cancel</a></div></form>
            """
        return try await AdminLayout.render(AdminPage(
            title: "Delete \(FormScreen.singular(resource))?",
            crumbs: [(resource.module.rawValue, nil), (resource.label, AdminPath.list(resource.name)),
                     (ValueFormat.shorten(title, 40), AdminPath.detail(resource.name, idText)), ("Delete", nil)],
            table: resource.name, content: content), req)
    }

    static func delete(_ req: Request) async throws -> Response {
        let resource = try deletable(req)
        let id = try AdminAccess.id(req)
        _ = try req.adminForm()
        do {
            try await AdminAccess.service(req, resource).delete(id)
        } catch let problem as Problem where problem.status == 409 {
            return req.redirect(to: AdminPath.detail(resource.name, id.lowercaseText), flash: Flash(ok: false, "Not deleted: \(problem.detail)."))
        }
        let note = resource.isSoftDeletable ? "Moved to the trash." : "Deleted."
        return req.redirect(to: AdminPath.list(resource.name), flash: Flash(note))
    }

    static func restore(_ req: Request) async throws -> Response {
        let resource = try deletable(req)
        let id = try AdminAccess.id(req)
        _ = try req.adminForm()
        _ = try await AdminAccess.service(req, resource).restore(id)
        return req.redirect(to: AdminPath.detail(resource.name, id.lowercaseText), flash: Flash("Restored."))
    }

    /// `action=delete` deletes every checked row or none; `action=export` downloads them as CSV.
    static func bulk(_ req: Request) async throws -> Response {
        let resource = try AdminAccess.resource(req)
        let fields = try req.adminForm()
        let ids = fields.all("ids").compactMap(UUID.init(text:))
        guard !ids.isEmpty else { return req.redirect(to: AdminPath.list(resource.name), flash: Flash(ok: false, "No rows were selected.")) }
        switch fields.first("action") {
        case "delete":
            _ = try deletable(req)
            do {
                try await AdminAccess.service(req, resource).delete(ids)
            } catch let problem as Problem where [404, 409].contains(problem.status) {
                return req.redirect(to: AdminPath.list(resource.name), flash: Flash(ok: false, "Nothing was deleted: \(problem.detail)."))
            }
            return req.redirect(to: AdminPath.list(resource.name), flash: Flash("\(ids.count) rows deleted."))
        case "export":
            return try await Export.rows(req, resource, ids: ids, format: .csv)
        default:
            throw AdminError(status: .badRequest, message: "Choose delete or export.")
        }
    }

    private static func deletable(_ req: Request) throws -> Resource {
        let resource = try AdminAccess.resource(req)
        guard AdminAccess.can(req, .delete, resource) else {
            throw AdminError.forbidden("\(resource.label) rows cannot be deleted here.")
        }
        return resource
    }
}
