import Foundation
import Yams

/// Importing prompt files and suite files into a tenant. Everything is read and checked before anything
/// is written, and the whole import is one transaction: a file that cannot be imported leaves the tenant as
/// it was. A dry run does all the work, checks included, and then rolls it back.
extension PromptFiles {
    /// What importing one prompt does (or would do, in a dry run).
    enum Change: Sendable, Equatable {
        case create(code: String)
        case newVersion(code: String, version: Int)
        case inPlace(code: String)
        case unchanged(code: String)
    }

    /// What importing one suite does: created, its fields, steps or sub-suites replaced, or nothing.
    enum SuiteChange: Sendable, Equatable {
        case create(code: String)
        case update(code: String)
        case unchanged(code: String)
    }

    /// Everything an import changed (or would change), with notes on what it left alone.
    struct Report: Sendable {
        var prompts: [Change] = []
        var suites: [SuiteChange] = []
        var notes: [String] = []
    }

    /// A prompt file read back: the fields to write and the labels to point at the current version.
    struct PromptFile: Sendable {
        let path: String
        let code: String
        let fields: [String: JSONValue]
        let labels: [String]
    }

    /// A file (or a part of a bundle) that cannot be imported, and why.
    struct Unreadable: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): \(reason)" }
    }

    // MARK: Reading files

    static func parse(_ file: File) throws -> PromptFile {
        let text = file.text
        guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else {
            throw Unreadable(path: file.path, reason: "a prompt file starts with YAML front matter between --- lines")
        }
        let start = text.index(text.startIndex, offsetBy: 4)
        let yaml = end.lowerBound > start ? String(text[start..<end.lowerBound]) : ""  // `---\n---\n`: empty front matter
        let loaded: Any?
        do { loaded = try Yams.load(yaml: yaml) } catch { throw Unreadable(path: file.path, reason: "the front matter is not YAML: \(error)") }
        guard let front = loaded as? [String: Any], let code = front["code"] as? String else {
            throw Unreadable(path: file.path, reason: "the front matter must be a mapping with a code")
        }
        var fields: [String: JSONValue] = ["code": .string(code), "content": .string(String(text[end.upperBound...]))]
        for key in ["name", "description", "role", "visibility", "variables", "config"] where front[key] != nil {
            fields[key] = json(front[key])
        }
        if fields["name"] == nil { fields["name"] = .string(code) }
        return PromptFile(path: file.path, code: code, fields: fields, labels: (front["labels"] as? [String]) ?? [])
    }

    static func parseSuite(_ file: File) throws -> SuiteFile {
        let loaded: Any?
        do { loaded = try Yams.load(yaml: file.text) } catch { throw Unreadable(path: file.path, reason: "not YAML: \(error)") }
        return try SuiteFile(path: file.path, json(loaded))
    }

    // MARK: Importing

    /// Imports the Markdown prompt files and the YAML suite files among `files`: prompts first (a prompt
    /// another one includes before it), then suites, whose steps name prompts by code.
    func importFiles(_ files: [File], dryRun: Bool) async throws -> Report {
        let prompts = try files.filter { $0.path.hasSuffix(".md") }.map(Self.parse)
        let suites = try files.filter { $0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".yml") }.map(Self.parseSuite)
        try Self.checkUnique(prompts.map { ($0.code, $0.path) }, what: "prompt")
        try Self.checkUnique(suites.map { ($0.code, $0.path) }, what: "suite")
        return try await inOneTransaction(dryRun: dryRun) { files in
            var report = Report()
            for prompt in Self.includedFirst(prompts, code: \.code, contents: { [$0.fields["content"]?.stringValue ?? ""] }) {
                var notes: [String] = []
                report.prompts.append(try await files.importPrompt(prompt, notes: &notes))
                report.notes += notes
            }
            for suite in suites { report.suites.append(try await files.importSuite(suite)) }
            return report
        }
    }

    /// Runs `body` in one transaction with a `PromptFiles` on it; a dry run rolls it back afterwards.
    func inOneTransaction(dryRun: Bool, _ body: @escaping @Sendable (PromptFiles) async throws -> Report) async throws -> Report {
        struct DryRun: Error { let report: Report }
        let library = self.library
        do {
            return try await library.store.transaction { tx in
                let report = try await body(PromptFiles(library: library.on(tx)))
                if dryRun { throw DryRun(report: report) }
                return report
            }
        } catch let dryRun as DryRun {
            return dryRun.report
        }
    }

    /// Creates a missing prompt, makes a version where a versioned field differs, changes other fields in
    /// place, and points the file's labels at the current version.
    func importPrompt(_ file: PromptFile, notes: inout [String]) async throws -> Change {
        let prompts = library.service(PromptLibraryTables.prompts)
        return try await Self.within(file.path) {
            guard let existing = try await library.prompt(code: file.code), let id = existing["id"]?.uuidValue else {
                let created = try await prompts.create([file.fields.merging(["change_summary": .string("Imported")]) { $1 }], bulk: false)[0].row
                notes += try await pointLabels(file, at: created)
                return .create(code: file.code)
            }
            let differs = { (names: [String]) in
                names.filter { name in file.fields[name].map { PromptLibrary.json(existing[name] ?? .null) != $0 } ?? false }
            }
            let versioned = differs(Versioning.prompts.fields), inPlace = differs(["name", "description", "visibility"])
            var row = existing
            if !(versioned + inPlace).isEmpty {
                var update = file.fields.filter { (versioned + inPlace).contains($0.key) }
                if !versioned.isEmpty { update["change_summary"] = .string("Imported") }
                row = try await prompts.update(id, update)
            }
            notes += try await pointLabels(file, at: row)
            if !versioned.isEmpty { return .newVersion(code: file.code, version: Int(row["current_version"]?.stringValue ?? "") ?? 0) }
            return inPlace.isEmpty ? .unchanged(code: file.code) : .inPlace(code: file.code)
        }
    }

    /// Points the file's labels at the current version; a protected label that cannot move there yet (the
    /// version awaits approval) is left where it is and reported.
    private func pointLabels(_ file: PromptFile, at prompt: DBRow) async throws -> [String] {
        guard let id = prompt["id"]?.uuidValue, let current = prompt["current_version"]?.stringValue else { return [] }
        let existing = try await library.labelVersions(prompt: id)
        var held: [String] = []
        for name in file.labels where existing[name] != current {
            do {
                _ = try await library.moveLabel(prompt: id, name: name, to: current)
            } catch let problem as Problem where problem.status == 409 {
                held.append("\(file.code): \(name) not moved, version \(current) is not approved")
            }
        }
        return held
    }

    // MARK: Order and checks

    /// Items ordered so that a prompt another one includes comes before it (a cycle keeps the rest as given;
    /// saving then names the cycle).
    static func includedFirst<Item>(_ items: [Item], code: (Item) -> String?, contents: (Item) -> [String]) -> [Item] {
        let codes = Set(items.compactMap(code))
        let includes = items.map { item in
            Set(contents(item).flatMap { (try? PromptTemplate($0))?.includes.map(\.code) ?? [] }).intersection(codes).subtracting([code(item)].compactMap { $0 })
        }
        var pending = Array(items.indices), done = Set<String>(), ordered: [Item] = []
        while !pending.isEmpty {
            let ready = pending.filter { includes[$0].isSubset(of: done) }
            guard !ready.isEmpty else { return ordered + pending.map { items[$0] } }
            ordered += ready.map { items[$0] }
            done.formUnion(ready.compactMap { code(items[$0]) })
            pending.removeAll { ready.contains($0) }
        }
        return ordered
    }

    /// Two files with one code would overwrite each other: refused before anything is written.
    static func checkUnique(_ codes: [(code: String, path: String)], what: String) throws {
        for (code, group) in Dictionary(grouping: codes, by: \.code) where group.count > 1 {
            throw Unreadable(path: group[1].path, reason: "the \(what) code \(code) is also in \(group[0].path)")
        }
    }

    /// Runs `body`, naming `path` in the error of a change the library refuses (a 422 names its fields).
    static func within<T>(_ path: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let problem as Problem {
            throw Unreadable(path: path, reason: ([problem.detail] + problem.errors.map { "\($0.field): \($0.message)" }).joined(separator: "; "))
        }
    }
}

extension PromptLibrary {
    /// The same library working in `store` (a transaction).
    func on(_ store: Store) -> PromptLibrary { PromptLibrary(store: store, actor: actor, clients: clients) }
}
