import Foundation
import SQLKit

/// Reads and writes one resource for one actor: the rules the API and the admin UI share. Every write
/// is checked, scoped to the actor's tenant, audited, and done in one transaction.
public struct ResourceService: Sendable {
    public let store: Store
    public let resource: Resource
    public let actor: Actor
    /// The clients the table's behaviour may use (the clock for server-set times, the job queue).
    public let clients: HubClients

    public init(store: Store, resource: Resource, actor: Actor, clients: HubClients) {
        self.store = store
        self.resource = resource
        self.actor = actor
        self.clients = clients
    }

    private var query: RowQuery { RowQuery(resource: resource, actor: actor, engine: store.engine) }

    // MARK: Reads

    /// One page of a list: each row's values in the order of `columns`.
    public struct Page: Sendable {
        public let rows: [[DBValue]]
        public let columns: [ColumnDeclaration]
        public let nextCursor: String?
        public let total: Int?
    }

    public func list(_ list: ListQuery) async throws -> Page {
        let fetched = try await fetch(list)
        let columns = fetched.outputColumns
        var rows = try store.decodeRows(fetched.rows, columns, forOutput: true)
        let secret = columns.indices.filter { columns[$0].isEncrypted }
        if !secret.isEmpty {
            rows = rows.map { row in
                var row = row
                for i in secret { row[i] = SecretColumns.mask(row[i], columns[i]) }
                return row
            }
        }
        return Page(rows: rows, columns: columns, nextCursor: fetched.nextCursor, total: fetched.total)
    }

    /// One page of a list as the driver returned it, before its values are decoded (the API writes them
    /// straight out; see `RowEncoding.json(page:store:into:)`).
    public struct FetchedPage: Sendable {
        /// The rows: each holds `outputColumns` first, then any order columns read only for the cursor; or,
        /// when `isRendered`, its JSON object text first (as `_row`), then the order columns.
        public let rows: [any SQLRow]
        public let outputColumns: [ColumnDeclaration]
        public let isRendered: Bool
        public let nextCursor: String?
        public let total: Int?
    }

    /// One page of `list`. With `rendered`, the engine renders each row as JSON where it can
    /// (`DatabaseEngine.rowJSONSQL`; never for a page with secret columns, which are masked in Swift).
    public func fetch(_ list: ListQuery, rendered: Bool = false) async throws -> FetchedPage {
        try requireRead()
        let output = list.select.map { names in names.compactMap(resource.column) } ?? resource.columns
        var rowJSON: String?
        if rendered, !output.contains(where: \.isEncrypted) {
            rowJSON = list.select == nil ? resource.wholeRowJSON(store.engine) : store.engine.rowJSONSQL(output)
        }
        var fetch = rowJSON == nil ? output.map(\.name) : []
        for term in list.keysetOrder where !fetch.contains(term.column) { fetch.append(term.column) }
        var rows = try await store.rows(query.page(list, columns: fetch, rowJSON: rowJSON))
        var next: String?
        if rows.count > list.limit {
            rows.removeLast(rows.count - list.limit)
            if list.offset == nil, let last = rows.last {
                let keys = list.keysetOrder.compactMap { resource.column($0.column) }
                next = Cursor.encode(try store.decodeRows([last], keys, forOutput: true)[0])
            }
        }
        var total: Int?
        if list.countExact {
            total = try await store.rows(query.count(list)).first?.decode(column: "n", as: Int.self)
        }
        return FetchedPage(rows: rows, outputColumns: output, isRendered: rowJSON != nil, nextCursor: next, total: total)
    }

    /// How many rows `list` matches, counting at most `cap` of them.
    public func count(_ list: ListQuery, upTo cap: Int) async throws -> Int {
        try requireRead()
        return try await store.rows(query.count(list, upTo: cap)).first?.decode(column: "n", as: Int.self) ?? 0
    }

    public func get(_ id: UUID, deleted: DeletedMode = .exclude) async throws -> DBRow {
        try requireRead()
        guard let row = try await find(id, deleted: deleted, in: store) else { throw Problem.notFound() }
        return row
    }

    /// The row with `id` the actor may read or, `forWrite`, change (public rows of another tenant are read-only).
    private func find(_ id: UUID, deleted: DeletedMode, in store: Store, forWrite: Bool = false) async throws -> DBRow? {
        let columns = resource.columns.map(\.name)
        var query = self.query
        query.publicRows = !forWrite
        return try await store.rows(query.one(id: id, deleted: deleted, columns: columns)).first.map {
            SecretColumns.mask(try store.decode($0, resource.columns), resource)
        }
    }

    // MARK: Writes

    /// A created row, with the secret a hook generated for it (a new API key), shown only in this answer.
    public struct Created: Sendable {
        public let row: DBRow
        public let secret: String?
    }

    /// Creates every object or none; field errors of all objects are reported together. A dry run does all
    /// the work, checks included, and then rolls it back.
    public func create(_ objects: [[String: JSONValue]], bulk: Bool, dryRun: Bool = false) async throws -> [Created] {
        let table = try writableTable(for: .create)
        let validator = RowValidator(resource: resource)
        var rows: [DBRow] = []
        var errors: [FieldError] = []
        for (i, object) in objects.enumerated() {
            let (row, problems) = validator.validate(object, mode: .create, prefix: bulk ? "[\(i)]." : "")
            rows.append(row)
            errors += problems
            if problems.isEmpty, let validate = resource.behaviour?.validate {
                errors += validate(row).map { FieldError((bulk ? "[\(i)]." : "") + $0.field, $0.code, $0.message) }
            }
        }
        guard errors.isEmpty else { throw Problem.unprocessable(errors) }
        let prepared = rows
        do {
            return try await insert(prepared, table: table, bulk: bulk, dryRun: dryRun)
        } catch let rollback as DryRunRollback {
            return rollback.created
        }
    }

    /// Thrown out of a dry run's transaction so that nothing it wrote stays.
    private struct DryRunRollback: Error { let created: [Created] }

    private func insert(_ prepared: [DBRow], table: TableDeclaration, bulk: Bool, dryRun: Bool) async throws -> [Created] {
        let (service, resource) = (self, self.resource)
        return try await store.transaction { tx in
            var created: [Created] = []
            var verified = Set<String>()
            for (i, values) in prepared.enumerated() {
                var row = values
                try await service.checkReferences(row, in: tx, prefix: bulk ? "[\(i)]." : "", verified: &verified)
                if resource.scope == .tenantColumn("tenant_id") { row["tenant_id"] = .uuid(service.actor.tenantID) }
                try service.checkGuardedFields(row)
                let context = service.context(tx)
                try await resource.behaviour?.prepare?(&row, nil, context)
                try SecretColumns.seal(&row, resource, with: tx.secrets)
                let secret = try await resource.behaviour?.beforeCreate?(&row, context)
                let inserting = row
                let stored = try await service.mapped(prefix: bulk ? "[\(i)]." : "") {
                    if let insert = resource.behaviour?.insert { return try await insert(inserting, context) }
                    return try await tx.insert(table, inserting)
                }
                let visible = SecretColumns.mask(stored.filter { resource.column($0.key) != nil }, resource)
                try await Audit.record(tx, actor: service.actor, action: .create, resource: resource, id: stored["id"]!, old: nil, new: visible)
                created.append(Created(row: visible, secret: secret))
            }
            if dryRun { throw DryRunRollback(created: created) }
            return created
        }
    }

    public func update(_ id: UUID, _ object: [String: JSONValue]) async throws -> DBRow {
        let table = try writableTable(for: .update)
        var object = object
        if let given = object["id"] {
            guard given.stringValue.flatMap(UUID.init(text:)) == id else {
                throw Problem.unprocessable([FieldError("id", "read_only", "id cannot be changed")])
            }
            object["id"] = nil
        }
        let (row, errors) = RowValidator(resource: resource).validate(object, mode: .update)
        guard errors.isEmpty else { throw Problem.unprocessable(errors) }
        let (service, resource) = (self, self.resource)
        return try await store.transaction { tx in
            guard let old = try await service.find(id, deleted: .exclude, in: tx, forWrite: true) else { throw Problem.notFound() }
            if let validate = resource.behaviour?.validate {
                let problems = validate(old.merging(row) { $1 })
                guard problems.isEmpty else { throw Problem.unprocessable(problems) }
            }
            var verified = Set<String>()
            try await service.checkReferences(row, in: tx, prefix: "", verified: &verified)
            var row = row
            try service.checkGuardedFields(row)
            try await resource.behaviour?.prepare?(&row, old, service.context(tx))
            try SecretColumns.seal(&row, resource, with: tx.secrets)
            let changes = row
            try await service.mapped(prefix: "") { try await tx.update(table, id: .uuid(id), changes) }
            guard let new = try await service.find(id, deleted: .exclude, in: tx) else { throw Problem.notFound() }
            try await Audit.record(tx, actor: service.actor, action: .update, resource: resource, id: .uuid(id), old: old, new: new)
            return new
        }
    }

    public func delete(_ id: UUID) async throws {
        try await delete([id])
    }

    /// Deletes every row or none (a bulk delete from the admin UI).
    public func delete(_ ids: [UUID]) async throws {
        let table = try writableTable(for: .delete)
        let service = self
        try await store.transaction { tx in
            for id in ids { try await service.delete(id, table: table, in: tx) }
        }
    }

    private func delete(_ id: UUID, table: TableDeclaration, in tx: Store) async throws {
        guard let old = try await find(id, deleted: .exclude, in: tx, forWrite: true) else { throw Problem.notFound() }
        if let delete = resource.behaviour?.delete, try await delete(id, context(tx)) {
            // the behaviour removed what this tenant sees
        } else if resource.isSoftDeletable {
            var sql = SQLText(tx.engine, "UPDATE \(quote(table.name)) SET deleted_at = \(tx.engine.nowSQL) WHERE id = ")
            sql.bind(.uuid(id), as: .uuid)
            try await tx.run(sql)
        } else {
            try await checkNotReferenced(id, in: tx)
            try await mapped(prefix: "") { try await tx.delete(table, id: .uuid(id)) }
        }
        try await Audit.record(tx, actor: actor, action: .delete, resource: resource, id: .uuid(id), old: old, new: nil)
    }

    public func restore(_ id: UUID) async throws -> DBRow {
        let table = try writableTable(for: .delete)
        guard resource.isSoftDeletable else { throw Problem(.notFound, "\(resource.name) rows are not kept after deletion") }
        let (service, resource) = (self, self.resource)
        return try await store.transaction { tx in
            guard let old = try await service.find(id, deleted: .include, in: tx, forWrite: true) else { throw Problem.notFound() }
            try await tx.update(table, id: .uuid(id), ["deleted_at": .null])
            if let restored = resource.behaviour?.restored { try await restored(id, service.context(tx)) }
            guard let new = try await service.find(id, deleted: .exclude, in: tx) else { throw Problem.notFound() }
            try await Audit.record(tx, actor: service.actor, action: .restore, resource: resource, id: .uuid(id), old: old, new: new)
            return new
        }
    }

    /// What the table's behaviour gets for a change made in `tx`.
    private func context(_ tx: Store) -> WriteContext { WriteContext(actor: actor, store: tx, clients: clients) }

    /// Runs the table's row action `name` on a row the actor can see, when they may change the resource's
    /// rows; the change and its audit row commit together. Returns the row afterwards.
    public func perform(_ name: String, on id: UUID) async throws -> DBRow {
        guard let action = resource.behaviour?.rowActions.first(where: { $0.name == name }) else {
            throw Problem.notFound("\(resource.name) rows have no action named \(name)")
        }
        guard let old = try await find(id, deleted: .exclude, in: store, forWrite: true) else { throw Problem.notFound() }
        let scope = Permissions.writeScope(resource)
        guard actor.may(scope) else { throw Self.missing(scope) }
        let (service, resource) = (self, self.resource)
        return try await store.transaction { tx in
            try await action.perform(id, service.context(tx))
            guard let new = try await service.find(id, deleted: .exclude, in: tx) else { throw Problem.notFound() }
            try await Audit.record(tx, actor: service.actor, action: .update, resource: resource, id: .uuid(id), old: old, new: new)
            return new
        }
    }

    // MARK: Rules

    /// Whether the actor may read this resource's rows.
    public var mayRead: Bool { actor.may(Permissions.readScope(resource)) }

    /// Whether the actor may make this kind of change (the screens show a control only when it is true).
    public func mayWrite(_ kind: WriteKind) -> Bool { (try? writableTable(for: kind)) != nil }

    private func requireRead() throws {
        guard mayRead else { throw Self.missing(Permissions.readScope(resource)!) }
    }

    /// Columns declared `systemAdminOnly` (making someone a system administrator reaches beyond the
    /// tenant) are refused to everyone else, a tenant's own administrators included.
    func checkGuardedFields(_ row: DBRow) throws {
        guard !actor.isSystemAdmin else { return }
        let touched = resource.columns.filter { $0.isSystemAdminOnly && row[$0.name] != nil }.map(\.name)
        guard touched.isEmpty else {
            throw Problem(.forbidden, "Only a system administrator can change \(touched.sorted().joined(separator: ", "))",
                          errors: touched.sorted().map { FieldError($0, "forbidden", "only a system administrator can change \($0)") })
        }
    }

    static func missing(_ scope: String) -> Problem {
        Problem(.forbidden, "This needs the \(scope) permission, which your role and groups do not give")
    }

    public enum WriteKind: Sendable { case create, update, delete }

    /// The table behind the resource, when the actor may make this kind of change to it.
    private func writableTable(for kind: WriteKind) throws -> TableDeclaration {
        guard let table = resource.table else { throw Problem(.methodNotAllowed, "\(resource.name) is a read-only view") }
        let allowed = switch kind {
        case .create: resource.canCreate
        case .update: resource.canUpdate
        case .delete: resource.canDelete
        }
        guard allowed else { throw Problem(.methodNotAllowed, "\(resource.name) rows cannot be changed this way") }
        guard actor.may(Permissions.writeScope(resource)) else { throw Self.missing(Permissions.writeScope(resource)) }
        switch resource.scope {
        case .global where !actor.isSystemAdmin:
            throw Problem(.forbidden, "\(resource.name) is shared by every tenant; only a system administrator changes it")
        case .ownTenant where kind != .update:
            throw Problem(.forbidden, "tenants are created and removed by a system administrator")
        default:
            return table
        }
    }

    /// Every reference in `row` must point at a row this tenant can see. `verified` remembers references
    /// already found, so a bulk create asks once per distinct parent rather than once per row.
    private func checkReferences(_ row: DBRow, in tx: Store, prefix: String, verified: inout Set<String>) async throws {
        guard let table = resource.table else { return }
        var errors: [FieldError] = []
        for (column, key) in table.foreignKeys {
            guard let value = row[column.name], !value.isNull, let parent = Resources.named(key.table) else { continue }
            let memo = "\(key.table).\(key.column).\(key.reachesOutsideTenant)=\(value.stringValue ?? "")"
            if verified.contains(memo) { continue }
            let scope = key.reachesOutsideTenant ? parent.globalScoped : parent
            let scoped = ResourceService(store: tx, resource: scope, actor: actor, clients: clients)
            var sql = SQLText(tx.engine, "SELECT 1 AS found FROM \(quote(parent.name)) WHERE \(quote(key.column)) = ")
            sql.bind(value, as: parent.column(key.column)!.type)
            sql.append(" AND ")
            scoped.appendScope(&sql)
            if try await tx.rows(sql).isEmpty {
                errors.append(FieldError(prefix + column.name, "foreign_key", "\(column.name): no such \(parent.label.lowercased()) row"))
            } else {
                verified.insert(memo)
            }
        }
        if !errors.isEmpty { throw Problem.conflict(errors) }
    }

    /// A hard delete is refused while rows that keep their reference (no cascade) point at the row.
    private func checkNotReferenced(_ id: UUID, in tx: Store) async throws {
        for child in Catalog.tables {
            for (column, key) in child.foreignKeys where key.table == resource.name && key.column == "id"
                && (key.onDelete == .noAction || key.onDelete == .restrict) {
                var sql = SQLText(tx.engine, "SELECT 1 AS found FROM \(quote(child.name)) WHERE \(quote(column.name)) = ")
                sql.bind(.uuid(id), as: .uuid)
                sql.append(" LIMIT 1")
                if try await !tx.rows(sql).isEmpty {
                    throw Problem.conflict([FieldError("id", "referenced", "still referred to by \(child.name).\(column.name)")])
                }
            }
        }
    }

    /// The scope condition for this resource, for use in other queries.
    func appendScope(_ sql: inout SQLText) {
        query.appendScope(&sql)
    }

    /// Runs a write, turning a database refusal into a problem naming the fields.
    @discardableResult
    private func mapped<T>(prefix: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error where DatabaseFailure(error) != nil {
            throw ConstraintErrors.problem(for: DatabaseFailure(error)!, in: resource.table!).prefixingFields(with: prefix)
        }
    }
}
