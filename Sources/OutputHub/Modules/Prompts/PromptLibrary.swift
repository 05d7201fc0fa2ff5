import Foundation

/// The prompt library's domain work for one actor: versions, labels, approval of versions, resolving and
/// rendering. Reads go through the same tenant scope as the generic API (`ResourceService`); every write
/// runs in one transaction with its audit row.
struct PromptLibrary: Sendable {
    let store: Store
    let actor: Actor
    let clients: HubClients

    static let prompts = PromptLibraryTables.prompts
    static let versions = PromptLibraryTables.promptVersions
    static let labels = PromptLibraryTables.promptLabels

    func service(_ table: TableDeclaration, in store: Store? = nil) -> ResourceService {
        ResourceService(store: store ?? self.store, resource: Resources.of(table), actor: actor, clients: clients)
    }

    /// The row the actor can see, or 404.
    func parent(_ versioning: Versioning, _ id: UUID, in store: Store? = nil) async throws -> DBRow {
        try await service(versioning.table, in: store).get(id)
    }

    /// The row to change: visible and of the actor's own tenant (another tenant's public rows are read-only).
    func ownParent(_ versioning: Versioning, _ id: UUID, in store: Store? = nil) async throws -> DBRow {
        let row = try await parent(versioning, id, in: store)
        guard row["tenant_id"]?.uuidValue == actor.tenantID else {
            throw Problem(.forbidden, "This row is shared publicly by another tenant: it is read-only here")
        }
        return row
    }

    /// Which version a request means: `label=…`, `version=…` or neither (the newest, also `label=latest`).
    enum Selector: Sendable, Equatable {
        case latest
        case label(String)
        case version(String)

        /// From the `label` and `version` of a query string or a body; both at once is a 400.
        static func parse(label: String?, version: String?) throws -> Selector {
            switch (label, version) {
            case (let label?, nil): return label == PromptLabels.latest ? .latest : .label(label)
            case (nil, let version?): return .version(version)
            case (nil, nil): return .latest
            default: throw Problem.badRequest("Ask for a label or a version, not both", field: "version")
            }
        }

        var description: String {
            switch self {
            case .latest: return "the latest version"
            case .label(let name): return "label \(name)"
            case .version(let number): return "version \(number)"
            }
        }
    }

    /// The version of a visible row a selector names, or 404 naming what is missing.
    func resolve(_ versioning: Versioning, _ id: UUID, _ selector: Selector, in store: Store? = nil) async throws -> DBRow {
        let store = store ?? self.store
        _ = try await parent(versioning, id, in: store)
        guard let version = try await version(versioning, id, selector, in: store) else {
            throw Problem(.notFound, "\(selector.description) does not exist for this \(versioning.table.label.lowercased().dropLast())",
                          errors: [FieldError(selector.field, "not_found", "no \(selector.description)")])
        }
        return version
    }

    /// The version a selector names, without the visibility check (includes and labels inside the tenant).
    func version(_ versioning: Versioning, _ id: UUID, _ selector: Selector, in store: Store) async throws -> DBRow? {
        switch selector {
        case .latest:
            return try await versioning.currentVersion(of: .uuid(id), in: store)
        case .version(let number):
            return try await versioning.version(number, of: .uuid(id), in: store)
        case .label(let name):
            guard let label = try await store.select(Self.labels, where: ["prompt_id": .uuid(id), "name": .string(name)], limit: 1).first,
                  let versionID = label["version_id"] else { return nil }
            return try await store.find(versioning.versions, id: versionID)
        }
    }

    /// The prompt with `code` in `tenant` (the actor's unless given), not deleted, or nil.
    func prompt(code: String, tenant: DBValue? = nil, in store: Store? = nil) async throws -> DBRow? {
        try await (store ?? self.store).select(Self.prompts, where: [
            "tenant_id": tenant ?? .uuid(actor.tenantID), "code": .string(code), "deleted_at": .null,
        ], limit: 1).first
    }

    /// The version a selector names of the prompt with `code` in the actor's tenant, in one query (SDK
    /// clients poll this); nil when there is no such prompt or version, or the actor may not see it.
    func resolve(code: String, _ selector: Selector) async throws -> DBRow? {
        let prompts = service(Self.prompts)
        guard prompts.mayRead else { throw ResourceService.missing(Permissions.readScope(prompts.resource) ?? "") }
        let columns = Self.versions.columns
        var sql = SQLText(store.engine, "SELECT " + columns.map { "v.\(quote($0.name))" }.joined(separator: ", ")
            + ", p.\(quote("visibility")) AS \(quote("_visibility")), p.\(quote("created_by")) AS \(quote("_author")) FROM \(quote(Self.prompts.name)) p ")
        switch selector {
        case .latest:
            sql.append("JOIN \(quote(Self.versions.name)) v ON v.\(quote("prompt_id")) = p.id AND v.\(quote("is_current")) = ")
            sql.bind(.bool(true), as: .boolean)
        case .version(let number):
            sql.append("JOIN \(quote(Self.versions.name)) v ON v.\(quote("prompt_id")) = p.id AND v.\(quote("version")) = ")
            sql.bind(.string(number), as: .text)
        case .label(let name):
            sql.append("JOIN \(quote(Self.labels.name)) l ON l.\(quote("prompt_id")) = p.id AND l.\(quote("name")) = ")
            sql.bind(.string(name), as: .text)
            sql.append(" JOIN \(quote(Self.versions.name)) v ON v.id = l.\(quote("version_id"))")
        }
        sql.append(" WHERE p.\(quote("tenant_id")) = ")
        sql.bind(.uuid(actor.tenantID), as: .uuid)
        sql.append(" AND p.\(quote("code")) = ")
        sql.bind(.string(code), as: .text)
        sql.append(" AND p.\(quote("deleted_at")) IS NULL LIMIT 1")
        guard let found = try await store.rows(sql).first else { return nil }
        let visibility = try found.decode(column: "_visibility", as: String.self)
        if visibility == "private", !actor.may(RowQuery.privateRowsScope) {
            let author = try store.engine.decode(found, column: "_author", as: .uuid)
            guard author.uuidValue == actor.userID else { return nil }
        }
        return try store.decode(found, columns)
    }

    /// Every version newest first, each with the names of the labels pointing at it.
    func versionsWithLabels(_ versioning: Versioning, _ id: UUID) async throws -> [(DBRow, [String])] {
        _ = try await parent(versioning, id)
        let rows = try await versioning.versions(of: .uuid(id), in: store)
        guard versioning.table.name == Self.prompts.name else { return rows.map { ($0, []) } }
        let labels = try await store.select(Self.labels, where: ["prompt_id": .uuid(id)])
        let byVersion = Dictionary(grouping: labels, by: { $0["version_id"]?.stringValue ?? "" })
        return rows.map { row in (row, (byVersion[row["id"]?.stringValue ?? ""] ?? []).compactMap { $0["name"]?.stringValue }.sorted()) }
    }

    /// Adds one use to a row and to a version (and to `last_used_at` of both).
    func countUse(_ table: TableDeclaration, _ id: DBValue, in store: Store) async throws {
        var sql = SQLText(store.engine, "UPDATE \(quote(table.name)) SET \(quote("usage_count")) = \(quote("usage_count")) + 1")
        if table.column("last_used_at") != nil {
            sql.append(", \(quote("last_used_at")) = ")
            sql.bind(.date(clients.clock.now()), as: .timestamp)
        }
        sql.append(" WHERE id = ")
        sql.bind(id, as: .uuid)
        try await store.run(sql)
    }
}

extension PromptLibrary.Selector {
    /// The request field a selector came from (for error bodies).
    var field: String {
        if case .version = self { return "version" }
        return "label"
    }
}
