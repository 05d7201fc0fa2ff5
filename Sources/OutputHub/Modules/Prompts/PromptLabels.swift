import Foundation

/// Labels: named pointers to versions per prompt. `latest` always means the newest version and is never
/// stored. Protected labels (the tenant setting `protected_prompt_labels`, `production` without it) move
/// only to an approved version and only with `prompts:approve`. Every move is audited.
enum PromptLabels {
    static let latest = "latest"
    static let protectedSetting = "protected_prompt_labels"
    static let defaultProtected: Set<String> = ["production"]

    /// The tenant's protected labels: the setting as a JSON array or a comma-separated list.
    static func protected(tenant: UUID, in store: Store) async throws -> Set<String> {
        guard let value = try await TenantSettings(store: store, tenant: tenant).raw(protectedSetting) else { return defaultProtected }
        if let list = JSONValue.parse(Array(value.utf8))?.arrayValue {
            return Set(list.compactMap(\.stringValue))
        }
        return Set(value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    static func checkName(_ name: String) throws {
        guard name != latest else {
            throw Problem.unprocessable([FieldError("label", "reserved", "latest always means the newest version; it cannot be moved")])
        }
        guard PromptTemplate.isLabel(name) else {
            throw Problem.unprocessable([FieldError("label", "invalid", "a label is 1 to 50 of a-z, 0-9, _ and -")])
        }
    }
}

extension PromptLibrary {
    /// A label as the API answers it.
    struct Label: Sendable {
        let row: DBRow
        let version: String
        let isProtected: Bool
    }

    /// Points `name` at version `number` (creating the label if needed).
    func moveLabel(prompt id: UUID, name: String, to number: String) async throws -> Label {
        try PromptLabels.checkName(name)
        let library = self
        return try await store.transaction { tx in
            let prompt = try await library.ownParent(.prompts, id, in: tx)
            try library.requireWrite()
            guard let version = try await Versioning.prompts.version(number, of: .uuid(id), in: tx) else {
                throw Problem.unprocessable([FieldError("version", "not_found", "this prompt has no version \(number)")])
            }
            let isProtected = try await PromptLabels.protected(tenant: library.actor.tenantID, in: tx).contains(name)
            if isProtected {
                try library.requireApprove("moving the protected label \(name)")
                guard version["approval_status"]?.stringValue == "approved" else {
                    throw Problem(.conflict, "\(name) is a protected label: it moves only to an approved version",
                                  errors: [FieldError("version", "not_approved", "version \(number) is \(version["approval_status"]?.stringValue ?? "pending"), not approved")])
                }
            }
            let old = try await tx.select(Self.labels, where: ["prompt_id": .uuid(id), "name": .string(name)], limit: 1).first
            let values: DBRow = [
                "version_id": version["id"]!, "moved_by": .uuid(library.actor.userID), "moved_at": .date(library.clients.clock.now()),
            ]
            let stored: DBRow
            if let old {
                stored = try await tx.update(Self.labels, id: old["id"]!, values) ?? old
            } else {
                stored = try await tx.insert(Self.labels, values.merging([
                    "tenant_id": prompt["tenant_id"]!, "prompt_id": .uuid(id), "name": .string(name),
                ]) { $1 })
            }
            try await Audit.record(tx, actor: library.actor, action: old == nil ? .create : .update,
                                   resource: Resources.of(Self.labels), id: stored["id"]!, old: old, new: stored)
            return Label(row: stored, version: number, isProtected: isProtected)
        }
    }

    /// Removes a label; a protected one needs `prompts:approve`.
    func deleteLabel(prompt id: UUID, name: String) async throws {
        try PromptLabels.checkName(name)
        let library = self
        try await store.transaction { tx in
            _ = try await library.ownParent(.prompts, id, in: tx)
            try library.requireWrite()
            guard let old = try await tx.select(Self.labels, where: ["prompt_id": .uuid(id), "name": .string(name)], limit: 1).first else {
                throw Problem.notFound("This prompt has no label \(name)")
            }
            if try await PromptLabels.protected(tenant: library.actor.tenantID, in: tx).contains(name) {
                try library.requireApprove("removing the protected label \(name)")
            }
            try await tx.delete(Self.labels, id: old["id"]!)
            try await Audit.record(tx, actor: library.actor, action: .delete, resource: Resources.of(Self.labels),
                                   id: old["id"]!, old: old, new: nil)
        }
    }

    /// The labels of a prompt with the version each points at.
    /// Each label's name → the version number it points at.
    func labelVersions(prompt id: UUID) async throws -> [String: String] {
        Dictionary(try await labels(prompt: id).map { ($0.row["name"]?.stringValue ?? "", $0.version) }) { first, _ in first }
    }

    func labels(prompt id: UUID) async throws -> [Label] {
        let prompt = try await parent(.prompts, id)
        let rows = try await store.select(Self.labels, where: ["prompt_id": .uuid(id)])
        let numbers = Dictionary(uniqueKeysWithValues: try await Versioning.prompts.versions(of: .uuid(id), in: store).map {
            ($0["id"]?.stringValue ?? "", $0["version"]?.stringValue ?? "")
        })
        let protected = try await PromptLabels.protected(tenant: prompt["tenant_id"]?.uuidValue ?? actor.tenantID, in: store)
        return rows.map { row in
            let name = row["name"]?.stringValue ?? ""
            return Label(row: row, version: numbers[row["version_id"]?.stringValue ?? ""] ?? "", isProtected: protected.contains(name))
        }.sorted { ($0.row["name"]?.stringValue ?? "") < ($1.row["name"]?.stringValue ?? "") }
    }

    func requireWrite() throws {
        let scope = Permissions.writeScope(Resources.of(Self.prompts))
        guard actor.may(scope) else { throw ResourceService.missing(scope) }
    }

    func requireApprove(_ what: String) throws {
        guard actor.may(Permissions.approve) else {
            throw Problem(.forbidden, "\(what.prefix(1).uppercased() + what.dropFirst()) needs the \(Permissions.approve) permission")
        }
    }
}
