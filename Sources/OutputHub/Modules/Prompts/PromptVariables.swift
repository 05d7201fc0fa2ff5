import Foundation

/// One typed variable a prompt declares in `variables`:
/// `{"name","type":"string"|"number"|"boolean"|"enum"|"json","required","default","description","values"}`.
struct VariableDeclaration: Sendable, Equatable {
    enum Kind: String, Sendable, CaseIterable { case string, number, boolean, `enum`, json }

    let name: String
    let kind: Kind
    let required: Bool
    let defaultValue: JSONValue?
    let description: String?
    /// The allowed values of an `enum`.
    let values: [String]

    /// The declarations of a `variables` column, or every problem with them as `variables[i].field` errors.
    /// A missing column or `null` declares nothing.
    static func parse(_ json: JSONValue?) -> ([VariableDeclaration], [FieldError]) {
        guard let json, json != .null else { return ([], []) }
        guard case .array(let items) = json else {
            return ([], [FieldError("variables", "type", "variables must be an array of declarations {name, type, …}")])
        }
        var declarations: [VariableDeclaration] = []
        var errors: [FieldError] = []
        var names = Set<String>()
        for (i, item) in items.enumerated() {
            let field = "variables[\(i)]"
            guard let object = item.objectValue else {
                errors.append(FieldError(field, "type", "each declaration must be an object with name and type"))
                continue
            }
            for key in object.keys.sorted() where !["name", "type", "required", "default", "description", "values"].contains(key) {
                errors.append(FieldError("\(field).\(key)", "unknown_field", "a variable declaration has no field '\(key)'"))
            }
            guard let name = object["name"]?.stringValue, PromptTemplate.isName(name) else {
                errors.append(FieldError("\(field).name", "invalid", "name must be letters, digits and _ (not starting with a digit)"))
                continue
            }
            if !names.insert(name).inserted { errors.append(FieldError("\(field).name", "duplicate", "\(name) is declared twice")) }
            let typeName = object["type"]?.stringValue ?? "string"
            guard let kind = Kind(rawValue: typeName) else {
                errors.append(FieldError("\(field).type", "invalid", "type must be one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            let required: Bool
            switch object["required"] {
            case nil, .null?: required = false
            case .bool(let value)?: required = value
            default:
                errors.append(FieldError("\(field).required", "type", "required must be true or false"))
                required = false
            }
            var values: [String] = []
            if kind == .enum {
                let given = object["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
                if given.isEmpty || given.count != object["values"]?.arrayValue?.count {
                    errors.append(FieldError("\(field).values", "required", "an enum variable lists its allowed values as strings"))
                }
                values = given
            } else if let given = object["values"], given != .null {
                errors.append(FieldError("\(field).values", "invalid", "only an enum variable has values"))
            }
            let declaration = VariableDeclaration(
                name: name, kind: kind, required: required,
                defaultValue: object["default"].flatMap { $0 == .null ? nil : $0 },
                description: object["description"]?.stringValue, values: values)
            if let value = declaration.defaultValue, let problem = declaration.problem(with: value) {
                errors.append(FieldError("\(field).default", "type", "the default \(problem)"))
            }
            declarations.append(declaration)
        }
        return (declarations, errors)
    }

    /// Why `value` does not fit this variable, or nil.
    func problem(with value: JSONValue) -> String? {
        switch (kind, value) {
        case (.string, .string), (.number, .number), (.boolean, .bool), (.json, _): return nil
        case (.enum, .string(let text)):
            return values.contains(text) ? nil : "must be one of \(values.joined(separator: ", "))"
        default: return "must be \(kind == .enum ? "one of \(values.joined(separator: ", "))" : "a \(kind.rawValue)")"
        }
    }

    /// The text a value renders as: strings as they are, whole numbers without a fraction, JSON as compact JSON.
    static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let number): return RowEncoding.number(number)
        case .null: return ""
        default: return String(decoding: value.jsonBytes, as: UTF8.self)
        }
    }

    /// The declaration as JSON (the export format and the UI read it back).
    var json: JSONValue {
        var object: [String: JSONValue] = ["name": .string(name), "type": .string(kind.rawValue), "required": .bool(required)]
        if let defaultValue { object["default"] = defaultValue }
        if let description { object["description"] = .string(description) }
        if kind == .enum { object["values"] = .array(values.map(JSONValue.string)) }
        return .object(object)
    }
}

/// The checks a version's content and declarations must pass when it is saved.
enum PromptContentRules {
    /// Field errors of `content` against `variables`: malformed placeholders, a placeholder nobody
    /// declared, a required variable the content never uses.
    static func check(content: String, variables: JSONValue?) -> [FieldError] {
        let (declarations, errors) = VariableDeclaration.parse(variables)
        guard errors.isEmpty else { return errors }
        let template: PromptTemplate
        do {
            template = try PromptTemplate(content)
        } catch let malformed as PromptTemplate.Malformed {
            return [FieldError("content", "invalid", "\(malformed.placeholder) is neither a variable {{name}} nor an include {{> code}} or {{> code@label}}")]
        } catch {
            return [FieldError("content", "invalid", "the content cannot be read as a template")]
        }
        let declared = Set(declarations.map(\.name))
        let used = Set(template.variables)
        var problems: [FieldError] = []
        for name in template.variables where !declared.contains(name) {
            problems.append(FieldError("variables.\(name)", "undeclared", "{{\(name)}} is used but not declared in variables"))
        }
        for declaration in declarations where declaration.required && !used.contains(declaration.name) {
            problems.append(FieldError("variables.\(declaration.name)", "unused", "\(declaration.name) is required but the content never uses {{\(declaration.name)}}"))
        }
        return problems
    }
}
