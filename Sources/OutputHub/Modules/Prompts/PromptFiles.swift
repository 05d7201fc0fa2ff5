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
            guard let code = suite["code"]?.stringValue else { continue }
            files.append(File(path: "suites/\(code).yaml", text: try Self.yaml(try await suiteObject(suite, codes: codes))))
        }
        return (files, skipped)
    }

    /// A suite as its file describes it: fields, steps in order (prompts by code, or by id when another
    /// tenant shares them) and sub-suites in display order with their steps.
    func suiteObject(_ suite: DBRow, codes: [String: String]) async throws -> [String: Any] {
        let store = library.store
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
        guard let id = suite["id"] else { return [:] }
        var object: [String: Any] = ["code": suite["code"]?.stringValue ?? "", "name": suite["name"]?.stringValue ?? "",
                                     "steps": steps(try await store.select(PromptSuiteTables.suitePrompts, where: ["suite_id": id]))]
        if let description = suite["description"]?.stringValue { object["description"] = description }
        if let config = suite["default_config"]?.jsonDocument, config != .null { object["default_config"] = Self.plain(config) }
        var subs: [[String: Any]] = []
        for sub in try await store.select(PromptSuiteTables.promptSubSuites, where: ["parent_suite_id": id, "deleted_at": .null]) {
            var entry: [String: Any] = ["code": sub["code"]?.stringValue ?? "", "name": sub["name"]?.stringValue ?? "",
                                        "display_order": sub["display_order"]?.intValue ?? 1,
                                        "steps": steps(try await store.select(PromptSuiteTables.suitePrompts, where: ["sub_suite_id": sub["id"]!]))]
            if let description = sub["description"]?.stringValue { entry["description"] = description }
            if let overrides = sub["config_overrides"]?.jsonDocument, overrides != .null { entry["config_overrides"] = Self.plain(overrides) }
            subs.append(entry)
        }
        if !subs.isEmpty {
            object["sub_suites"] = subs.sorted { ($0["display_order"] as? Int ?? 0, $0["code"] as? String ?? "") < ($1["display_order"] as? Int ?? 0, $1["code"] as? String ?? "") }
        }
        return object
    }

    /// The codes of the tenant's prompts by id (suite files name prompts by code).
    func promptCodes() async throws -> [String: String] {
        let rows = try await library.store.select(PromptLibraryTables.prompts, where: ["tenant_id": .uuid(library.actor.tenantID), "deleted_at": .null])
        return Dictionary(rows.compactMap { row in row["code"]?.stringValue.map { (row["id"]?.stringValue ?? "", $0) } }) { first, _ in first }
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
}
