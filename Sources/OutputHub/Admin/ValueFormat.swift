import Foundation

/// How values look on the admin screens: short in list cells, complete on detail pages, always escaped.
enum ValueFormat {
    /// A list cell: one line, long text cut short, references by label.
    static func cell(_ value: DBValue, _ column: ColumnDeclaration, labels: ReferenceLabels) -> HTML {
        if value.isNull { return column.nullMeaning.map { "<span class=\"null\">\($0)</span>" } ?? "<span class=\"null\">—</span>" }
        if let key = column.references, let text = value.stringValue {
            let label = labels.label(key, text) ?? text
            return key.column == "id" ? "<a href=\"\(AdminPath.detail(key.table, text))\">\(shorten(label, 60))</a>" : HTML("\(shorten(label, 60))")
        }
        switch (column.type, value) {
        case (.boolean, .bool(let flag)): return flag ? "<span class=\"badge-yes\">Yes</span>" : "<span class=\"badge-no\">No</span>"
        case (.timestamp, _): return timestamp(value)
        case (.textArray, .array(let items)), (.uuidArray, .array(let items)): return chips(items.prefix(5).map { $0 })
        case (.json, _): return "<code>\(shorten(value.stringValue ?? "", 60))</code>"
        case (.vector(let n), _): return "<span class=\"muted\">\(n)-dimension vector</span>"
        default: return HTML("\(shorten(text(value), 80))")
        }
    }

    /// A detail field: everything, formatted for its type (long text in the `format` its row names, if any).
    static func full(_ value: DBValue, _ column: ColumnDeclaration, labels: ReferenceLabels, format: String? = nil) -> HTML {
        if value.isNull { return "<span class=\"null\">\(column.nullMeaning ?? "not set")</span>" }
        if let key = column.references, let text = value.stringValue {
            let label = labels.label(key, text)
            guard key.column == "id" else { return HTML("\(label ?? text)") }
            return "<a href=\"\(AdminPath.detail(key.table, text))\">\(label ?? text)</a>\(HTML.when(label != nil && label != text, " <span class=\"muted\">\(text)</span>"))"
        }
        switch (column.type, value) {
        case (.boolean, .bool(let flag)): return flag ? "<span class=\"badge-yes\">Yes</span>" : "<span class=\"badge-no\">No</span>"
        case (.timestamp, _): return timestamp(value)
        case (.textArray, .array(let items)), (.uuidArray, .array(let items)):
            return items.isEmpty ? "<span class=\"null\">none</span>" : chips(items)
        case (.json, _): return "<pre>\(prettyJSON(value.stringValue ?? ""))</pre>"
        case (.vector(let n), .vector(let numbers)):
            return "<details><summary>\(n)-dimension vector</summary><pre>\(numbers.map { String($0) }.joined(separator: ", "))</pre></details>"
        case (.text, _): return longText(text(value), format: format)
        default: return HTML("\(text(value))")
        }
    }

    /// Long text as its format says: Markdown rendered (safely), JSON pretty-printed, code as code, anything
    /// else (plain text, and HTML, which is never rendered) as text keeping its line breaks. Markdown longer
    /// than `markdownLimit` characters is shown as text.
    static func longText(_ text: String, format: String?) -> HTML {
        switch format {
        case "markdown" where text.count <= markdownLimit: return "<div class=\"markdown\">\(Markdown.html(text))</div>"
        case "json": return "<pre>\(prettyJSON(text))</pre>"
        case "code": return "<pre><code>\(text)</code></pre>"
        default: return "<div class=\"prose\">\(text)</div>"
        }
    }

    static let markdownLimit = 200_000

    static func text(_ value: DBValue) -> String {
        switch value {
        case .double(let d): return RowEncoding.number(d)
        case .date(let d): return Timestamps.format(d)
        case .array(let items): return items.joined(separator: ", ")
        default: return value.stringValue ?? ""
        }
    }

    /// A `<time>` the script shows in the reader's local time; UTC without it.
    static func timestamp(_ value: DBValue) -> HTML {
        let iso: String
        switch value {
        case .date(let date): iso = Timestamps.format(date)
        default: iso = value.stringValue ?? ""
        }
        let readable = iso.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: ".000Z", with: "Z")
        return "<time datetime=\"\(iso)\">\(readable)</time>"
    }

    static func chips(_ items: [String]) -> HTML {
        items.map { HTML("<span class=\"chip\">\($0)</span>") }.joined()
    }

    static func shorten(_ text: String, _ limit: Int) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        if line.count <= limit && line.count == text.count { return line }
        return String(line.prefix(limit)) + "…"
    }

    static func prettyJSON(_ text: String) -> String {
        guard let data = text.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]),
              let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed])
        else { return text }
        return String(decoding: pretty, as: UTF8.self)
    }

    static func isNumeric(_ type: ColumnType) -> Bool {
        switch type {
        case .integer, .bigint, .decimal, .double: true
        default: false
        }
    }

    /// A column's heading: `cost_usd` → "Cost usd".
    static func heading(_ column: ColumnDeclaration) -> String {
        var name = column.name
        if column.references != nil, name.hasSuffix("_id") { name.removeLast(3) }
        let words = name.split(separator: "_").map(String.init)
        guard let first = words.first else { return name }
        return ([first.prefix(1).uppercased() + first.dropFirst()] + words.dropFirst()).joined(separator: " ")
    }
}
