import Foundation
import Yams

/// Prompts kept as files: one Markdown file per prompt (`prompts/<code>.md`, YAML front matter with code,
/// name, description, role, visibility, variables, config and the labels on its current version; the
/// content as the body) and one YAML file per suite (`suites/<code>.yaml`). Importing the files back makes
/// a new version only where content, role, variables or config differ, so importing twice changes nothing.
struct PromptFiles: Sendable {
    let library: PromptLibrary

    struct File: Sendable, Equatable {
        let path: String
        let text: String
    }

    // MARK: Export

    /// The tenant's prompts (those with a code: the code names the file) and suites as files.
    func export() async throws -> (files: [File], skipped: [String]) {
        let store = library.store
        var files: [File] = []
        var skipped: [String] = []
        let prompts = try await store.select(PromptLibraryTables.prompts, where: ["tenant_id": .uuid(library.actor.tenantID), "deleted_at": .null])
        var codes: [String: String] = [:]
        for prompt in prompts.sorted(by: { ($0["code"]?.stringValue ?? "") < ($1["code"]?.stringValue ?? "") }) {
            guard let code = prompt["code"]?.stringValue, let id = prompt["id"]?.uuidValue else {
                skipped.append(prompt["name"]?.stringValue ?? "?")
                continue
            }
            codes[prompt["id"]?.stringValue ?? ""] = code
            let labels = try await library.labels(prompt: id).filter { $0.version == prompt["current_version"]?.stringValue }
            var front: [String: Any] = ["code": code, "name": prompt["name"]?.stringValue ?? code, "role": prompt["role"]?.stringValue ?? "user",
                                        "visibility": prompt["visibility"]?.stringValue ?? "tenant"]
            if let description = prompt["description"]?.stringValue { front["description"] = description }
            if let variables = prompt["variables"]?.jsonDocument, variables != .null { front["variables"] = Self.plain(variables) }
            if let config = prompt["config"]?.jsonDocument, config != .null { front["config"] = Self.plain(config) }
            if !labels.isEmpty { front["labels"] = labels.compactMap { $0.row["name"]?.stringValue } }
            let yaml = try Self.yaml(front)
            files.append(File(path: "prompts/\(code).md", text: "---\n\(yaml)---\n\(prompt["content"]?.stringValue ?? "")"))
        }
        let suites = try await store.select(PromptSuiteTables.promptSuites, where: ["tenant_id": .uuid(library.actor.tenantID), "deleted_at": .null])
        for suite in suites.sorted(by: { ($0["code"]?.stringValue ?? "") < ($1["code"]?.stringValue ?? "") }) {
            guard let code = suite["code"]?.stringValue, let id = suite["id"] else { continue }
            func steps(_ rows: [DBRow]) -> [[String: Any]] {
                rows.sorted { ($0["execution_order"]?.intValue ?? 0) < ($1["execution_order"]?.intValue ?? 0) }.map { step in
                    var out: [String: Any] = ["prompt": codes[step["prompt_id"]?.stringValue ?? ""] ?? step["prompt_id"]?.stringValue ?? "",
                                              "order": step["execution_order"]?.intValue ?? 1, "required": step["is_required"]?.boolValue ?? true]
                    if let condition = step["condition_expression"]?.stringValue { out["condition"] = condition }
                    if let role = step["role_override"]?.stringValue { out["role"] = role }
                    if let mappings = step["variable_mappings"]?.jsonDocument, mappings != .null { out["variable_mappings"] = Self.plain(mappings) }
                    return out
                }
            }
            var object: [String: Any] = ["code": code, "name": suite["name"]?.stringValue ?? code,
                                         "steps": steps(try await store.select(PromptSuiteTables.suitePrompts, where: ["suite_id": id]))]
            if let description = suite["description"]?.stringValue { object["description"] = description }
            if let config = suite["default_config"]?.jsonDocument, config != .null { object["default_config"] = Self.plain(config) }
            var subs: [[String: Any]] = []
            for sub in try await store.select(PromptSuiteTables.promptSubSuites, where: ["parent_suite_id": id, "deleted_at": .null]) {
                var entry: [String: Any] = ["code": sub["code"]?.stringValue ?? "", "name": sub["name"]?.stringValue ?? "",
                                            "display_order": sub["display_order"]?.intValue ?? 1,
                                            "steps": steps(try await store.select(PromptSuiteTables.suitePrompts, where: ["sub_suite_id": sub["id"]!]))]
                if let overrides = sub["config_overrides"]?.jsonDocument, overrides != .null { entry["config_overrides"] = Self.plain(overrides) }
                subs.append(entry)
            }
            if !subs.isEmpty { object["sub_suites"] = subs.sorted { ($0["display_order"] as? Int ?? 0) < ($1["display_order"] as? Int ?? 0) } }
            files.append(File(path: "suites/\(code).yaml", text: try Self.yaml(object)))
        }
        return (files, skipped)
    }

    /// YAML with sorted keys and numbers as people write them (`0.3`, not Yams' `3e-1`).
    static func yaml(_ object: [String: Any]) throws -> String {
        func node(_ value: Any) -> Node {
            switch value {
            case let flag as Bool: return Node(flag ? "true" : "false", Tag(.bool))
            case let number as Int: return Node(String(number), Tag(.int))
            case let number as Double: return Node(RowEncoding.number(number), Tag(.float))
            case let text as String: return Node(text, Tag(.str))
            case let items as [Any]: return Node(items.map(node))
            case let map as [String: Any]: return Node(map.keys.sorted().map { (Node($0, Tag(.str)), node(map[$0]!)) })
            default: return Node("null", Tag(.null))
            }
        }
        return try Yams.serialize(node: node(object))
    }

    /// JSON as the plain values Yams writes.
    static func plain(_ value: JSONValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let flag): return flag
        case .number(let number): return number.rounded() == number && abs(number) < 1e15 ? Int(number) as Any : number
        case .string(let text): return text
        case .array(let items): return items.map(plain)
        case .object(let object): return object.mapValues(plain)
        }
    }

    /// YAML's plain values as JSON.
    static func json(_ value: Any?) -> JSONValue {
        switch value {
        case nil, is NSNull: return .null
        case let flag as Bool: return .bool(flag)
        case let number as Int: return .number(Double(number))
        case let number as Double: return .number(number)
        case let text as String: return .string(text)
        case let items as [Any]: return .array(items.map(json))
        case let object as [String: Any]: return .object(object.mapValues(json))
        default: return .string(String(describing: value!))
        }
    }

    // MARK: Import

    /// What importing one prompt file does (or would do, in a dry run).
    enum Change: Sendable, Equatable {
        case create(code: String)
        case newVersion(code: String, version: Int)
        case inPlace(code: String)
        case unchanged(code: String)
    }

    /// A prompt file read back: the fields to write and the labels to point at the current version.
    struct PromptFile: Sendable {
        let code: String
        let fields: [String: JSONValue]
        let labels: [String]
    }

    /// A file that is not a prompt file.
    struct Unreadable: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "\(path): \(reason)" }
    }

    static func parse(_ file: File) throws -> PromptFile {
        let text = file.text
        guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else {
            throw Unreadable(path: file.path, reason: "a prompt file starts with YAML front matter between --- lines")
        }
        let yaml = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound])
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
        return PromptFile(code: code, fields: fields, labels: (front["labels"] as? [String]) ?? [])
    }

    /// Imports prompt files: creates missing prompts, makes a version where a versioned field differs,
    /// changes other fields in place, and points the listed labels at the current version. With `dryRun`
    /// nothing is written. Every file is read before anything is written; each prompt is written in its own
    /// transaction (with its version and audit rows).
    func importPrompts(_ files: [File], dryRun: Bool) async throws -> (changes: [Change], notes: [String]) {
        let parsed = Self.includedFirst(try files.map(Self.parse))
        var changes: [Change] = []
        var notes: [String] = []
        let prompts = library.service(PromptLibraryTables.prompts)
        for file in parsed {
            guard let existing = try await library.prompt(code: file.code), let id = existing["id"]?.uuidValue else {
                changes.append(.create(code: file.code))
                if !dryRun {
                    let created = try await prompts.create([file.fields.merging(["change_summary": .string("Imported")]) { $1 }], bulk: false)[0].row
                    notes += try await pointLabels(file, at: created)
                }
                continue
            }
            let differs = { (names: [String]) in
                names.filter { name in file.fields[name].map { PromptLibrary.json(existing[name] ?? .null) != $0 } ?? false }
            }
            let versioned = differs(Versioning.prompts.fields), inPlace = differs(["name", "description", "visibility"])
            let next = (Int(existing["current_version"]?.stringValue ?? "") ?? 0) + 1
            changes.append(!versioned.isEmpty ? .newVersion(code: file.code, version: next) : !inPlace.isEmpty ? .inPlace(code: file.code) : .unchanged(code: file.code))
            guard !dryRun, !(versioned + inPlace).isEmpty else {
                if !dryRun { notes += try await pointLabels(file, at: existing) }
                continue
            }
            var update = file.fields.filter { (versioned + inPlace).contains($0.key) }
            if !versioned.isEmpty { update["change_summary"] = .string("Imported") }
            let row = try await prompts.update(id, update)
            notes += try await pointLabels(file, at: row)
        }
        return (changes, notes)
    }

    /// The files ordered so that a prompt another one includes is imported before it.
    static func includedFirst(_ files: [PromptFile]) -> [PromptFile] {
        let codes = Set(files.map(\.code))
        var pending = files, done = Set<String>(), ordered: [PromptFile] = []
        while !pending.isEmpty {
            let ready = pending.filter { file in
                let includes = (try? PromptTemplate(file.fields["content"]?.stringValue ?? ""))?.includes.map(\.code) ?? []
                return includes.allSatisfy { !codes.contains($0) || done.contains($0) || $0 == file.code }
            }
            guard !ready.isEmpty else { return ordered + pending }
            ordered += ready
            done.formUnion(ready.map(\.code))
            pending.removeAll { done.contains($0.code) }
        }
        return ordered
    }

    /// Points the file's labels at the current version; a protected label that cannot move there yet (the
    /// version awaits approval) is left where it is and reported.
    private func pointLabels(_ file: PromptFile, at prompt: DBRow) async throws -> [String] {
        guard let id = prompt["id"]?.uuidValue, let current = prompt["current_version"]?.stringValue else { return [] }
        let existing = Dictionary(try await library.labels(prompt: id).map { ($0.row["name"]?.stringValue ?? "", $0.version) }) { first, _ in first }
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
}
