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
        guard let version = try await version(versioning, id, selector, in: store) else { throw Self.missing(selector, of: versioning) }
        return version
    }

    /// The 404 for a visible row without the version a selector names.
    static func missing(_ selector: Selector, of versioning: Versioning) -> Problem {
        Problem(.notFound, "\(selector.description) does not exist for this \(versioning.table.label.lowercased().dropLast())",
                errors: [FieldError(selector.field, "not_found", "no \(selector.description)")])
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

    /// Which prompt a one-query lookup means: by id (any prompt the actor may see, another tenant's public
    /// ones included), or by code in the actor's own tenant.
    enum PromptKey: Sendable {
        case id(UUID)
        case code(String)
    }

    /// A prompt's version found with the prompt in one query: the version (nil when the prompt has no
    /// version the selector names) and the prompt's code.
    struct Found: Sendable {
        let version: DBRow?
        let code: String?
    }

    /// The version a selector names of the prompt `key` means, prompt and version in one query (SDK clients
    /// poll by code; renders read this): nil when there is no such prompt or the actor may not see it.
    func find(_ key: PromptKey, _ selector: Selector) async throws -> Found? {
        let prompts = service(Self.prompts)
        guard prompts.mayRead else { throw ResourceService.missing(Permissions.readScope(prompts.resource) ?? "") }
        let columns = Self.versions.columns
        var sql = SQLText(store.engine, "SELECT " + columns.map { "v.\(quote($0.name))" }.joined(separator: ", ")
            + ", " + ["tenant_id", "visibility", "created_by", "code"].map { "p.\(quote($0)) AS \(quote("_" + $0))" }.joined(separator: ", ")
            + " FROM \(quote(Self.prompts.name)) p ")
        // By id, a prompt without that version is found too (its 404 names the version); by code it is not found.
        let join: String
        if case .id = key { join = "LEFT JOIN" } else { join = "JOIN" }
        switch selector {
        case .latest:
            sql.append("\(join) \(quote(Self.versions.name)) v ON v.\(quote("prompt_id")) = p.id AND v.\(quote("is_current")) = ")
            sql.bind(.bool(true), as: .boolean)
        case .version(let number):
            sql.append("\(join) \(quote(Self.versions.name)) v ON v.\(quote("prompt_id")) = p.id AND v.\(quote("version")) = ")
            sql.bind(.string(number), as: .text)
        case .label(let name):
            sql.append("\(join) \(quote(Self.labels.name)) l ON l.\(quote("prompt_id")) = p.id AND l.\(quote("name")) = ")
            sql.bind(.string(name), as: .text)
            sql.append(" \(join) \(quote(Self.versions.name)) v ON v.id = l.\(quote("version_id"))")
        }
        switch key {
        case .id(let id):
            sql.append(" WHERE p.id = ")
            sql.bind(.uuid(id), as: .uuid)
        case .code(let code):
            sql.append(" WHERE p.\(quote("tenant_id")) = ")
            sql.bind(.uuid(actor.tenantID), as: .uuid)
            sql.append(" AND p.\(quote("code")) = ")
            sql.bind(.string(code), as: .text)
        }
        sql.append(" AND p.\(quote("deleted_at")) IS NULL LIMIT 1")
        guard let found = try await store.rows(sql).first else { return nil }
        let engine = store.engine
        let prompt: DBRow = [
            "tenant_id": try engine.decode(found, column: "_tenant_id", as: .uuid),
            "visibility": try engine.decode(found, column: "_visibility", as: .text),
            "created_by": try engine.decode(found, column: "_created_by", as: .uuid),
        ]
        guard maySee(prompt) else { return nil }
        let version = try store.decode(found, columns)
        return Found(version: version["id"] == .null ? nil : version, code: try engine.decode(found, column: "_code", as: .text).stringValue)
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
}

extension PromptLibrary.Selector {
    /// The request field a selector came from (for error bodies).
    var field: String {
        if case .version = self { return "version" }
        return "label"
    }
}
