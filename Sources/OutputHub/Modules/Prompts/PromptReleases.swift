import Foundation

/// Governed releases and history: approving or rejecting one version, restoring an old one as a new
/// version, and the diff between two versions.
extension PromptLibrary {
    /// Approves or rejects version `number` (needs `prompts:approve`; with four-eyes on, not its author's own).
    /// The parent row's approval columns follow when it is the current version.
    func decide(_ versioning: Versioning, _ id: UUID, version number: String, approve: Bool, comment: String?) async throws -> DBRow {
        try requireApprove(approve ? "approving a version" : "rejecting a version")
        let library = self
        return try await store.transaction { tx in
            _ = try await library.ownParent(versioning, id, in: tx)
            guard let old = try await versioning.version(number, of: .uuid(id), in: tx) else {
                throw Problem.notFound("There is no version \(number)")
            }
            if old["changed_by"]?.uuidValue == library.actor.userID, try await Approval.fourEyesRequired(tenant: library.actor.tenantID, in: tx) {
                throw Problem(.forbidden, "Four-eyes approval is on in this tenant: someone other than the author must decide",
                              errors: [FieldError("approval_status", "four_eyes", "the author of version \(number) cannot decide on it")])
            }
            if !approve, versioning.table.name == Self.prompts.name {
                let protected = try await PromptLabels.protected(tenant: library.actor.tenantID, in: tx)
                let pointing = try await tx.select(Self.labels, where: ["version_id": old["id"]!]).compactMap { $0["name"]?.stringValue }
                if let label = pointing.sorted().first(where: protected.contains) {
                    throw Problem(.conflict, "The protected label \(label) points at version \(number); move it before rejecting the version",
                                  errors: [FieldError("version", "released", "\(label) points at this version")])
                }
            }
            let decision: DBRow = [
                "approval_status": .string(approve ? "approved" : "rejected"), "approved_by": .uuid(library.actor.userID),
                "approved_at": .date(library.clients.clock.now()), "approval_comment": comment.map(DBValue.string) ?? .null,
            ]
            guard let new = try await tx.update(versioning.versions, id: old["id"]!, decision) else { throw Problem.notFound() }
            try await Audit.record(tx, actor: library.actor, action: .update, resource: Resources.of(versioning.versions),
                                   id: old["id"]!, old: old, new: new)
            if new["is_current"]?.boolValue == true {
                try await tx.update(versioning.table, id: .uuid(id), decision.filter { $0.key != "approval_comment" })
            }
            return new
        }
    }

    /// Makes a new version equal to version `number` (the row's versioned fields set back through the
    /// ordinary update, so it is checked, versioned and audited like any change). Returns the current version.
    func restore(_ versioning: Versioning, _ id: UUID, version number: String) async throws -> DBRow {
        guard let old = try await versioning.version(number, of: .uuid(id), in: store) else {
            _ = try await parent(versioning, id)
            throw Problem.unprocessable([FieldError("version", "not_found", "there is no version \(number)")])
        }
        var changes: [String: JSONValue] = ["change_summary": .string("Restored version \(number)")]
        for field in versioning.fields { changes[field] = Self.json(old[field] ?? .null) }
        _ = try await service(versioning.table).update(id, changes)
        guard let current = try await versioning.currentVersion(of: .uuid(id), in: store) else { throw Problem.notFound() }
        return current
    }

    /// A stored value as the JSON a client would send for it.
    static func json(_ value: DBValue) -> JSONValue {
        switch value {
        case .null: return .null
        case .json: return value.jsonDocument ?? .null
        case .bool(let flag): return .bool(flag)
        case .int(let number): return .number(Double(number))
        case .double(let number): return .number(number)
        default: return value.stringValue.map(JSONValue.string) ?? .null
        }
    }

    /// The diff from one version to another: a line diff of the main text and a diff of every other
    /// versioned field (JSON compared by path).
    func diff(_ versioning: Versioning, _ id: UUID, from: Selector, to: Selector) async throws -> JSONValue {
        let a = try await resolve(versioning, id, from), b = try await resolve(versioning, id, to)
        let textField = versioning.fields[0]
        let runs = LineDiff.runs(a[textField]?.stringValue ?? "", b[textField]?.stringValue ?? "")
        var fields: [String: JSONValue] = [:]
        for field in versioning.fields.dropFirst() {
            let old = Self.json(a[field] ?? .null), new = Self.json(b[field] ?? .null)
            var entry: [String: JSONValue] = ["from": old, "to": new, "changed": .bool(old != new)]
            if old != new, field == "variables" || field == "config" {
                entry["changes"] = .array(JSONChanges.between(Self.keyedByName(old), Self.keyedByName(new)).map(\.json))
            }
            fields[field] = .object(entry)
        }
        return .object([
            "id": .string(id.lowercaseText),
            "from": .string(a["version"]?.stringValue ?? ""), "to": .string(b["version"]?.stringValue ?? ""),
            "field": .string(textField),
            textField: .array(runs.map { .object(["op": .string($0.op.rawValue), "text": .string($0.text)]) }),
            "fields": .object(fields),
        ])
    }

    /// Variable declarations compared by name rather than by position.
    private static func keyedByName(_ value: JSONValue) -> JSONValue {
        guard let items = value.arrayValue, !items.isEmpty,
              items.allSatisfy({ $0["name"]?.stringValue != nil }) else { return value }
        return .object(Dictionary(items.map { ($0["name"]!.stringValue!, $0) }) { first, _ in first })
    }
}

/// The differences between two JSON values by path (`temperature`, `variables.topic.type`).
enum JSONChanges {
    struct Change: Sendable {
        let path: String
        let from: JSONValue?
        let to: JSONValue?

        var json: JSONValue {
            let op = from == nil ? "added" : to == nil ? "removed" : "changed"
            var object: [String: JSONValue] = ["path": .string(path), "op": .string(op)]
            if let from { object["from"] = from }
            if let to { object["to"] = to }
            return .object(object)
        }
    }

    static func between(_ a: JSONValue, _ b: JSONValue, path: String = "") -> [Change] {
        if a == b { return [] }
        if case .object(let x) = a, case .object(let y) = b {
            return Set(x.keys).union(y.keys).sorted().flatMap { key -> [Change] in
                let sub = path.isEmpty ? key : "\(path).\(key)"
                switch (x[key], y[key]) {
                case (let old?, let new?): return between(old, new, path: sub)
                case (let old?, nil): return [Change(path: sub, from: old, to: nil)]
                case (nil, let new?): return [Change(path: sub, from: nil, to: new)]
                default: return []
                }
            }
        }
        return [Change(path: path.isEmpty ? "$" : path, from: a == .null ? nil : a, to: b == .null ? nil : b)]
    }
}
