import Foundation

/// A JSON backup of a tenant's prompt library: every prompt with every version (content, role, variables,
/// config, who made it and when, its approval), the labels, and the suites as their files describe them.
/// Imported into an empty tenant it reproduces the library; into a tenant that holds part of it, it adds
/// the versions the tenant lacks, so importing one bundle twice changes nothing. People are named by email
/// and kept where the email is a member of the tenant (otherwise the importer stands in for them).
struct PromptBundle: Codable, Sendable, Equatable {
    static let formatName = "outputhub-prompt-bundle"
    static let currentFormatVersion = 1

    var format: String
    var formatVersion: Int
    var exportedAt: String
    var prompts: [Prompt]
    var suites: [JSONValue]

    enum CodingKeys: String, CodingKey {
        case format, formatVersion = "format_version", exportedAt = "exported_at", prompts, suites
    }

    struct Prompt: Codable, Sendable, Equatable {
        var code: String?
        var name: String
        var description: String?
        var visibility: String
        var isActive: Bool
        /// Label name → version number.
        var labels: [String: String]
        /// Oldest first.
        var versions: [Version]

        enum CodingKeys: String, CodingKey {
            case code, name, description, visibility, isActive = "is_active", labels, versions
        }
    }

    struct Version: Codable, Sendable, Equatable {
        var version: String
        var content: String
        var role: String
        var variables: JSONValue?
        var config: JSONValue?
        var changeSummary: String?
        var changedBy: String?
        var changedAt: String?
        var approvalStatus: String
        var approvedBy: String?
        var approvedAt: String?
        var approvalComment: String?

        enum CodingKeys: String, CodingKey {
            case version, content, role, variables, config, changeSummary = "change_summary", changedBy = "changed_by", changedAt = "changed_at"
            case approvalStatus = "approval_status", approvedBy = "approved_by", approvedAt = "approved_at", approvalComment = "approval_comment"
        }

        /// The fields a version holds, as a prompt write takes them.
        var fields: [String: JSONValue] {
            ["content": .string(content), "role": .string(role), "variables": variables ?? .null, "config": config ?? .null]
        }
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    static func decode(_ data: Data, path: String) throws -> PromptBundle {
        let bundle: PromptBundle
        do { bundle = try JSONDecoder().decode(PromptBundle.self, from: data) } catch {
            throw PromptFiles.Unreadable(path: path, reason: "not a prompt bundle: \(error)")
        }
        guard bundle.format == formatName, bundle.formatVersion == currentFormatVersion else {
            throw PromptFiles.Unreadable(path: path, reason: "format must be \(formatName) version \(currentFormatVersion)")
        }
        return bundle
    }
}

extension PromptFiles {
    // MARK: Export

    /// The tenant's whole prompt library as a bundle (prompts without a code included).
    func exportBundle() async throws -> PromptBundle {
        let store = library.store
        var emails: [String: String] = [:]
        func email(_ id: DBValue?) async throws -> String? {
            guard let id, let key = id.stringValue, !id.isNull else { return nil }
            if let known = emails[key] { return known }
            let found = try await store.find(IdentityTables.users, id: id)?["email"]?.stringValue
            emails[key] = found
            return found
        }
        let rows = try await store.select(PromptLibraryTables.prompts, where: ["tenant_id": .uuid(library.actor.tenantID), "deleted_at": .null])
        var prompts: [PromptBundle.Prompt] = []
        for row in rows.sorted(by: { ($0["code"]?.stringValue ?? "", $0["name"]?.stringValue ?? "") < ($1["code"]?.stringValue ?? "", $1["name"]?.stringValue ?? "") }) {
            guard let id = row["id"]?.uuidValue else { continue }
            var versions: [PromptBundle.Version] = []
            for version in try await Versioning.prompts.versions(of: .uuid(id), in: store).reversed() {
                versions.append(PromptBundle.Version(
                    version: version["version"]?.stringValue ?? "", content: version["content"]?.stringValue ?? "",
                    role: version["role"]?.stringValue ?? "user", variables: version["variables"]?.jsonDocument,
                    config: version["config"]?.jsonDocument, changeSummary: version["change_summary"]?.stringValue,
                    changedBy: try await email(version["changed_by"]), changedAt: version["changed_at"]?.dateValue.map(Timestamps.format),
                    approvalStatus: version["approval_status"]?.stringValue ?? "pending", approvedBy: try await email(version["approved_by"]),
                    approvedAt: version["approved_at"]?.dateValue.map(Timestamps.format), approvalComment: version["approval_comment"]?.stringValue))
            }
            let labels = try await library.labelVersions(prompt: id)
            prompts.append(PromptBundle.Prompt(
                code: row["code"]?.stringValue, name: row["name"]?.stringValue ?? "", description: row["description"]?.stringValue,
                visibility: row["visibility"]?.stringValue ?? "tenant", isActive: row["is_active"]?.boolValue ?? true,
                labels: labels, versions: versions))
        }
        let codes = try await promptCodes()
        var suites: [JSONValue] = []
        let suiteRows = try await store.select(PromptSuiteTables.promptSuites, where: ["tenant_id": .uuid(library.actor.tenantID), "deleted_at": .null])
        for suite in suiteRows.sorted(by: { ($0["code"]?.stringValue ?? "") < ($1["code"]?.stringValue ?? "") }) {
            suites.append(try SuiteFile(path: "suites", Self.json(try await suiteObject(suite, codes: codes))).object)
        }
        return PromptBundle(format: PromptBundle.formatName, formatVersion: PromptBundle.currentFormatVersion,
                            exportedAt: Timestamps.format(library.clients.clock.now()), prompts: prompts, suites: suites)
    }

    // MARK: Import

    /// Imports a bundle in one transaction (see `PromptBundle`); a dry run rolls it back.
    func importBundle(_ bundle: PromptBundle, path: String, dryRun: Bool) async throws -> Report {
        let suites = try bundle.suites.enumerated().map { i, suite in try SuiteFile(path: "\(path) suites[\(i)]", suite) }
        let prompts = Self.includedFirst(bundle.prompts, code: \.code, contents: { $0.versions.map(\.content) })
        try Self.checkUnique(bundle.prompts.compactMap { $0.code }.map { ($0, path) }, what: "prompt")
        try Self.checkUnique(suites.map { ($0.code, $0.path) }, what: "suite")
        return try await inOneTransaction(dryRun: dryRun) { files in
            var report = Report()
            for prompt in prompts {
                var notes: [String] = []
                let change = try await Self.within("\(path) \(prompt.code ?? prompt.name)") { try await files.importHistory(prompt, notes: &notes) }
                report.prompts.append(change)
                report.notes += notes
            }
            for suite in suites { report.suites.append(try await files.importSuite(suite)) }
            return report
        }
    }

    /// Adds the versions of `prompt` that the tenant's prompt lacks (all of them for a new prompt), each
    /// with its time, author and approval, then its fields in place and its labels.
    private func importHistory(_ prompt: PromptBundle.Prompt, notes: inout [String]) async throws -> Change {
        let name = prompt.code ?? prompt.name
        let versions = prompt.versions.sorted { (Int($0.version) ?? 0) < (Int($1.version) ?? 0) }
        guard !versions.isEmpty else { throw Problem.unprocessable([FieldError("versions", "required", "a prompt has at least one version")]) }
        let service = library.service(PromptLibraryTables.prompts)
        var row = try await existingPrompt(prompt)
        var stored: [DBRow] = []
        if let id = row?["id"] { stored = try await Versioning.prompts.versions(of: id, in: library.store).reversed() }
        for (old, new) in zip(stored, versions) where PromptBundle.Version.fields(of: old) != new.fields {
            notes.append("\(name): version \(old["version"]?.stringValue ?? "?") differs from the bundle's version \(new.version); left as it is")
            return .unchanged(code: name)
        }
        // Bundle version number → the number it has here.
        var numbers = Dictionary(zip(versions, stored).map { ($0.version, $1["version"]?.stringValue ?? "") }) { first, _ in first }
        let created = row == nil
        for version in versions.dropFirst(stored.count) {
            var fields = version.fields
            fields["change_summary"] = version.changeSummary.map(JSONValue.string) ?? .null
            if let id = row?["id"]?.uuidValue {
                row = try await service.update(id, fields)
            } else {
                fields.merge(["code": prompt.code.map(JSONValue.string) ?? .null, "name": .string(prompt.name),
                              "description": prompt.description.map(JSONValue.string) ?? .null, "visibility": .string(prompt.visibility),
                              "is_active": .bool(prompt.isActive)]) { $1 }
                row = try await service.create([fields], bulk: false)[0].row
            }
            guard let id = row?["id"] else { continue }
            try await keepHistory(of: version, prompt: id)
            numbers[version.version] = row?["current_version"]?.stringValue
        }
        guard let id = row?["id"]?.uuidValue else { return .unchanged(code: name) }
        let inPlace: [String: JSONValue] = ["name": .string(prompt.name), "description": prompt.description.map(JSONValue.string) ?? .null,
                                            "visibility": .string(prompt.visibility), "is_active": .bool(prompt.isActive)]
        let differing = inPlace.filter { key, value in PromptLibrary.json(row?[key] ?? .null) != value }
        if !differing.isEmpty { row = try await service.update(id, differing) }
        let labels = try await library.labelVersions(prompt: id)
        for (label, number) in prompt.labels.sorted(by: { $0.key < $1.key }) {
            guard let here = numbers[number] else {
                notes.append("\(name): label \(label) points at version \(number), which the bundle does not hold")
                continue
            }
            if labels[label] != here { _ = try await library.moveLabel(prompt: id, name: label, to: here) }
        }
        if created { return .create(code: name) }
        if versions.count > stored.count { return .newVersion(code: name, version: Int(row?["current_version"]?.stringValue ?? "") ?? 0) }
        return differing.isEmpty ? .unchanged(code: name) : .inPlace(code: name)
    }

    /// The tenant's prompt a bundle prompt is: the one with its code, or (without a code) the code-less one
    /// with its name.
    private func existingPrompt(_ prompt: PromptBundle.Prompt) async throws -> DBRow? {
        if let code = prompt.code { return try await library.prompt(code: code) }
        return try await library.store.select(PromptLibraryTables.prompts, where: [
            "tenant_id": .uuid(library.actor.tenantID), "name": .string(prompt.name), "code": .null, "deleted_at": .null,
        ], limit: 1).first
    }

    /// Gives the version just made the bundle's time, author and approval (the prompt row shows the
    /// current version's approval).
    private func keepHistory(of version: PromptBundle.Version, prompt id: DBValue) async throws {
        let store = library.store
        guard let current = try await Versioning.prompts.currentVersion(of: id, in: store) else { return }
        var history: DBRow = ["approval_status": .string(version.approvalStatus), "approval_comment": version.approvalComment.map(DBValue.string) ?? .null]
        if let text = version.changedAt, let date = Timestamps.parse(text) { history["changed_at"] = .date(date) }
        if let author = try await member(version.changedBy) { history["changed_by"] = author }
        if version.approvalStatus != "pending" {
            history["approved_by"] = try await member(version.approvedBy) ?? .uuid(library.actor.userID)
            history["approved_at"] = version.approvedAt.flatMap(Timestamps.parse).map(DBValue.date) ?? .date(library.clients.clock.now())
        }
        guard PromptLibraryTables.approvalStatus.contains(version.approvalStatus) else {
            throw Problem.unprocessable([FieldError("approval_status", "invalid", "approval_status is one of \(PromptLibraryTables.approvalStatus.joined(separator: ", "))")])
        }
        try await store.update(PromptLibraryTables.promptVersions, id: current["id"]!, history)
        try await store.update(PromptLibraryTables.prompts, id: id, history.filter { ["approval_status", "approved_by", "approved_at"].contains($0.key) })
    }

    /// The id of the tenant's member with `email`, or nil.
    private func member(_ email: String?) async throws -> DBValue? {
        guard let email, let user = try await library.store.select(IdentityTables.users, where: ["email": .string(email)], limit: 1).first,
              let id = user["id"] else { return nil }
        let membership = try await library.store.select(IdentityTables.tenantMemberships, where: ["tenant_id": .uuid(library.actor.tenantID), "user_id": id], limit: 1)
        return membership.isEmpty ? nil : id
    }
}

extension PromptBundle.Version {
    /// A stored version's fields as a prompt write takes them.
    static func fields(of row: DBRow) -> [String: JSONValue] {
        ["content": .string(row["content"]?.stringValue ?? ""), "role": .string(row["role"]?.stringValue ?? "user"),
         "variables": row["variables"]?.jsonDocument ?? .null, "config": row["config"]?.jsonDocument ?? .null]
    }
}
