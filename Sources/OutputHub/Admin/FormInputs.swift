import Foundation

/// The input for each column type on create and edit forms, with its label, required marker, hint and
/// error message; and the reverse: the submitted text turned into the JSON the API's validator checks.
enum FormInputs {
    /// One form field. `text` is what the input shows (the stored value, or what the user typed).
    /// A `disabled` field is shown but not sent (the user may not change it).
    static func field(_ column: ColumnDeclaration, text: String?, shownLabel: String?, error: String?, disabled: String? = nil) -> HTML {
        let name = column.name, id = "field-\(column.name)"
        let required = !column.isNullable && column.defaultValue == nil && column.type != .boolean
        let label = ValueFormat.heading(column)
        let invalid = error != nil
        let describedBy: HTML = invalid ? " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"" : .empty
        let requiredAttribute = HTML.attribute("required", required) + HTML.attribute("disabled", disabled != nil)
        let value = text ?? ""
        var hint = [column.note, disabled, column.isEncrypted ? "Secret: leave blank to keep what is stored" : nil]
            .compactMap { $0 }.joined(separator: " · ").nilIfEmpty
        let input: HTML
        switch column.type {
        case _ where column.references != nil && column.references?.column == "id":
            return picker(name: name, id: id, label: label, parent: column.references!.table, value: value, shown: shownLabel ?? value,
                          required: required, error: error, hint: hint)
        case _ where column.isEncrypted && column.type != .json:
            input = "<input id=\"\(id)\" type=\"password\" autocomplete=\"new-password\" name=\"\(name)\" value=\"\"\(describedBy)>"
        case _ where column.allowedValues != nil:
            let options = column.allowedValues!.map { HTML("<option\(HTML.attribute("selected", $0 == value))>\($0)</option>") }
            let blank: HTML = required ? .empty : "<option value=\"\">(not set)</option>"
            input = "<select id=\"\(id)\" name=\"\(name)\"\(requiredAttribute)\(describedBy)>\(blank)\(options)</select>"
        case .boolean:
            let checked = value == "true" || (text == nil && column.defaultValue == .bool(true))
            return """
                <div class="field">\(HTML.when(disabled == nil, "<input type=\"hidden\" name=\"_bool\" value=\"\(name)\">"))
                <label><input id="\(id)" type="checkbox" name="\(name)" value="true"\(HTML.attribute("checked", checked))\(HTML.attribute("disabled", disabled != nil))> \(label)</label>
                \(hint.map { HTML("<p class=\"hint\">\($0)</p>") } ?? .empty)\(errorLine(id, error))</div>
                """
        case .integer, .bigint, .decimal, .double:
            let step = (column.type == .integer || column.type == .bigint) ? "1" : "any"
            let bounds: HTML = column.range.map { HTML(" min=\"\(RowEncoding.number($0.lowerBound))\" max=\"\(RowEncoding.number($0.upperBound))\"") } ?? .empty
            input = "<input id=\"\(id)\" type=\"number\" step=\"\(step)\"\(bounds) name=\"\(name)\" value=\"\(value)\"\(requiredAttribute)\(describedBy)>"
        case .timestamp:
            hint = [hint, "UTC"].compactMap { $0 }.joined(separator: " · ")
            input = "<input id=\"\(id)\" type=\"datetime-local\" step=\"1\" name=\"\(name)\" value=\"\(value)\"\(requiredAttribute)\(describedBy)>"
        case .date:
            input = "<input id=\"\(id)\" type=\"date\" name=\"\(name)\" value=\"\(value)\"\(requiredAttribute)\(describedBy)>"
        case .varchar(let length):
            input = "<input id=\"\(id)\" type=\"text\" maxlength=\"\(length)\" name=\"\(name)\" value=\"\(value)\"\(requiredAttribute)\(describedBy)>"
        case .text:
            let long = ["content", "prompt_text", "template", "system_prompt", "body", "text", "instructions"].contains(name)
            input = "<textarea id=\"\(id)\" name=\"\(name)\"\(HTML(raw: long ? " class=\"long\"" : ""))\(requiredAttribute)\(describedBy)>\(value)</textarea>"
        case .json, .vector:
            hint = [hint, "JSON"].compactMap { $0 }.joined(separator: " · ")
            input = """
                <textarea id="\(id)" class="code" name="\(name)" data-json\(requiredAttribute)\(describedBy)>\(value)</textarea>
                <p class="hint" id="\(id)-status" aria-live="polite"></p>
                """
        case .textArray, .uuidArray:
            hint = [hint, "Separate items with commas"].compactMap { $0 }.joined(separator: " · ")
            input = "<input id=\"\(id)\" type=\"text\" name=\"\(name)\" value=\"\(value)\" data-tags\(describedBy)>"
        case .uuid, .inet, .bytes:
            input = "<input id=\"\(id)\" type=\"text\" name=\"\(name)\" value=\"\(value)\"\(requiredAttribute)\(describedBy)>"
        }
        return """
            <div class="field\(invalid ? " invalid" : "")"><label class="field-label" for="\(id)">\(label)\(HTML.when(required, " <span class=\"required\" title=\"required\">*</span>"))</label>
            \(input)\(hint.map { HTML("<p class=\"hint\">\($0)</p>") } ?? .empty)\(errorLine(id, error))</div>
            """
    }

    /// A related-record picker: type to search the parent table by label, choose a row.
    static func picker(name: String, id: String, label: String, parent: String, value: String, shown: String, required: Bool,
                       error: String? = nil, hint: String? = nil) -> HTML {
        """
        <div class="field\(error == nil ? "" : " invalid")"><label class="field-label" for="\(id)">\(label)\(HTML.when(required, " <span class=\"required\" title=\"required\">*</span>"))</label>
        <div class="picker" data-lookup="\(AdminPath.lookup(parent))"><input type="hidden" name="\(name)" value="\(value)">
        <input id="\(id)" type="search" value="\(shown)" autocomplete="off" placeholder="Type to search" role="combobox"
        aria-autocomplete="list" aria-expanded="false" aria-controls="\(id)-options"\(HTML.attribute("required", required))>
        <ul id="\(id)-options" role="listbox" hidden></ul></div>
        \(hint.map { HTML("<p class=\"hint\">\($0)</p>") } ?? .empty)\(errorLine(id, error))</div>
        """
    }

    private static func errorLine(_ id: String, _ error: String?) -> HTML {
        error.map { HTML("<p class=\"error\" id=\"\(id)-error\">\($0)</p>") } ?? .empty
    }

    // MARK: Stored value → input text

    static func text(_ value: DBValue?, _ column: ColumnDeclaration) -> String? {
        guard let value, !value.isNull, !column.isEncrypted else { return nil }
        switch (column.type, value) {
        case (.timestamp, .date(let date)): return String(Timestamps.format(date).prefix(19))
        case (.timestamp, .string(let text)): return String(text.prefix(19))
        case (.json, _): return ValueFormat.prettyJSON(value.stringValue ?? "")
        case (.vector, .vector(let numbers)): return "[" + numbers.map { RowEncoding.number($0) }.joined(separator: ", ") + "]"
        case (_, .array(let items)): return items.joined(separator: ", ")
        case (_, .bool(let flag)): return flag ? "true" : "false"
        case (_, .double(let d)): return RowEncoding.number(d)
        default: return value.stringValue
        }
    }

    // MARK: Submitted text → JSON

    /// The JSON object a form stands for, and the fields whose text cannot be read at all (bad JSON).
    /// On create a blank field is left out so its default applies; on edit it clears the value.
    static func object(_ fields: FormFields, resource: Resource, creating: Bool) -> ([String: JSONValue], [FieldError]) {
        var object: [String: JSONValue] = [:]
        var errors: [FieldError] = []
        let booleans = Set(fields.all("_bool"))
        for column in resource.writableColumns {
            if column.type == .boolean {
                if booleans.contains(column.name) { object[column.name] = .bool(fields.first(column.name) == "true") }
                continue
            }
            guard let text = fields.first(column.name) else { continue }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                // A secret left blank keeps its stored value.
                if !creating && !column.isEncrypted { object[column.name] = .null }
                continue
            }
            switch column.type {
            case .integer, .bigint, .decimal, .double:
                object[column.name] = Double(trimmed).map(JSONValue.number) ?? .string(trimmed)
            case .json, .vector:
                if let json = JSONValue.parse(Array(trimmed.utf8)) {
                    object[column.name] = json
                } else {
                    errors.append(FieldError(column.name, "json", "\(column.name) is not valid JSON"))
                }
            case .textArray, .uuidArray:
                if trimmed.hasPrefix("["), let json = JSONValue.parse(Array(trimmed.utf8)) {
                    object[column.name] = json
                    continue
                }
                let items = trimmed.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                object[column.name] = .array(items.map(JSONValue.string))
            case .timestamp:
                // datetime-local has no zone: the form says UTC.
                let iso = trimmed.count == 16 ? trimmed + ":00Z" : (trimmed.count == 19 ? trimmed + "Z" : trimmed)
                object[column.name] = .string(iso)
            case .varchar, .text:
                object[column.name] = .string(text)
            default:
                object[column.name] = .string(trimmed)
            }
        }
        return (object, errors)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
