import Foundation

/// Immutable versions of prompts and agents by one mechanism: creating a row makes version `1`; a change to
/// a versioned field makes the next (`2`, `3`, …) with its author, time and optional `change_summary`; other
/// fields change in place. Exactly one version is current (the newest; a restore makes a new one). The
/// parent's approval columns show the current version's approval.
struct Versioning: Sendable {
    let table: TableDeclaration
    let versions: TableDeclaration
    /// The versions' column naming the parent (`prompt_id`).
    let parentColumn: String
    /// The fields a version holds; changing one of them makes a version.
    let fields: [String]

    static let prompts = Versioning(
        table: PromptLibraryTables.prompts, versions: PromptLibraryTables.promptVersions,
        parentColumn: "prompt_id", fields: ["content", "role", "variables", "config"])
    static let agents = Versioning(
        table: PromptLibraryTables.agents, versions: PromptLibraryTables.agentVersions,
        parentColumn: "agent_id", fields: ["system_prompt", "model_configuration_id", "config"])

    static func of(_ tableName: String) -> Versioning? {
        [prompts, agents].first { $0.table.name == tableName }
    }

    // MARK: Writes (run inside the change's transaction)

    /// Inserts a new row and its version 1.
    func insert(_ row: DBRow, _ context: WriteContext) async throws -> DBRow {
        var row = row
        row["current_version"] = .string("1")
        let stored = try await context.store.insert(table, row)
        try await addVersion(number: 1, from: stored, summary: row["change_summary"], context)
        return stored
    }

    /// Before an update: when a versioned field changes, writes the next version and points the row at it
    /// (approval back to pending unless the same change decides it); when only the approval changes, the
    /// current version takes it.
    func prepareUpdate(_ row: inout DBRow, old: DBRow, _ context: WriteContext) async throws {
        let changed = fields.contains { name in row[name].map { !Self.same($0, old[name] ?? .null) } ?? false }
        guard let id = old["id"] else { return }
        let decided = row["approval_status"].map { !Self.same($0, old["approval_status"] ?? .null) } ?? false
        if changed {
            let merged = old.merging(row) { $1 }
            let next = try await highestVersion(of: id, in: context.store) + 1
            if decided, row["approval_status"]?.stringValue != "pending" {
                // The same request makes the version and decides on it: its author is the actor.
                try await Self.checkFourEyes(author: context.actor.userID, context)
            } else {
                row["approval_status"] = .string("pending")
                row["approved_by"] = .null
                row["approved_at"] = .null
            }
            var source = merged
            for key in ["approval_status", "approved_by", "approved_at"] { source[key] = row[key] ?? merged[key] }
            try await markNoneCurrent(id, in: context.store)
            try await addVersion(number: next, from: source, summary: row["change_summary"], context)
            row["current_version"] = .string(String(next))
            if row["change_summary"] == nil { row["change_summary"] = .null }
        } else if decided, let current = try await currentVersion(of: id, in: context.store) {
            if row["approval_status"]?.stringValue != "pending" {
                try await Self.checkFourEyes(author: current["changed_by"]?.uuidValue, context)
            }
            try await context.store.update(versions, id: current["id"]!, [
                "approval_status": row["approval_status"]!, "approved_by": row["approved_by"] ?? .null,
                "approved_at": row["approved_at"] ?? .null,
            ])
        }
    }

    /// Writes version `number` holding `source`'s versioned fields, as the current version.
    @discardableResult
    func addVersion(number: Int, from source: DBRow, summary: DBValue?, _ context: WriteContext) async throws -> DBRow {
        var version: DBRow = [
            "tenant_id": source["tenant_id"] ?? .uuid(context.actor.tenantID),
            parentColumn: source["id"]!,
            "version": .string(String(number)),
            "is_current": .bool(true),
            "change_summary": summary ?? .null,
            "changed_by": .uuid(context.actor.userID),
            "changed_at": .date(context.clients.clock.now()),
            "approval_status": source["approval_status"] ?? .string("pending"),
            "approved_by": source["approved_by"] ?? .null,
            "approved_at": source["approved_at"] ?? .null,
        ]
        for field in fields { version[field] = source[field] ?? .null }
        do {
            return try await context.store.insert(versions, version)
        } catch let error where DatabaseFailure(error) != nil {
            throw Problem(.conflict, "Another change made version \(number) at the same moment; send yours again",
                          errors: [FieldError("version", "conflict", "version \(number) was just made by another change")])
        }
    }

    /// With four-eyes on, the author of a version cannot decide on it.
    static func checkFourEyes(author: UUID?, _ context: WriteContext) async throws {
        guard author == context.actor.userID, try await Approval.fourEyesRequired(tenant: context.actor.tenantID, in: context.store) else { return }
        throw Problem(.forbidden, "Four-eyes approval is on in this tenant: someone other than the version's author must decide",
                      errors: [FieldError("approval_status", "four_eyes", "the author cannot approve their own version")])
    }

    func markNoneCurrent(_ id: DBValue, in store: Store) async throws {
        var sql = SQLText(store.engine, "UPDATE \(quote(versions.name)) SET \(quote("is_current")) = ")
        sql.bind(.bool(false), as: .boolean)
        sql.append(" WHERE \(quote(parentColumn)) = ")
        sql.bind(id, as: .uuid)
        try await store.run(sql)
    }

    // MARK: Reads

    /// Every version of a row, newest first.
    func versions(of id: DBValue, in store: Store) async throws -> [DBRow] {
        try await store.select(versions, where: [parentColumn: id]).sorted { Self.number($0) > Self.number($1) }
    }

    func version(_ number: String, of id: DBValue, in store: Store) async throws -> DBRow? {
        try await store.select(versions, where: [parentColumn: id, "version": .string(number)], limit: 1).first
    }

    func currentVersion(of id: DBValue, in store: Store) async throws -> DBRow? {
        try await store.select(versions, where: [parentColumn: id, "is_current": .bool(true)], limit: 1).first
    }

    func highestVersion(of id: DBValue, in store: Store) async throws -> Int {
        var sql = SQLText(store.engine, "SELECT \(quote("version")) AS v FROM \(quote(versions.name)) WHERE \(quote(parentColumn)) = ")
        sql.bind(id, as: .uuid)
        return try await store.rows(sql).compactMap { Int(try $0.decode(column: "v", as: String.self)) }.max() ?? 0
    }

    /// A version's number for ordering (numbers that are not integers, from older data, sort first).
    static func number(_ version: DBRow) -> Int { version["version"]?.stringValue.flatMap { Int($0) } ?? 0 }

    /// Whether two stored values mean the same (JSON compared as values, not as text).
    static func same(_ a: DBValue, _ b: DBValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.json(let x), .json(let y)): return JSONValue.parse(Array(x.utf8)) == JSONValue.parse(Array(y.utf8))
        default: return a.stringValue == b.stringValue && a.isNull == b.isNull
        }
    }
}

extension DBValue {
    /// A JSON column's value as JSON (nil for NULL or text that is not JSON).
    var jsonDocument: JSONValue? {
        switch self {
        case .json(let text), .string(let text): return JSONValue.parse(Array(text.utf8))
        default: return nil
        }
    }
}
