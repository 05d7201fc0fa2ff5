import Vapor

/// `/api/docs`: a readable reference of every resource, rendered by the server from the declarations.
enum APIDocsPage {
    static func register(_ app: Application) {
        let page = render()
        app.on(.GET, APIPath.docsRoute) { _ in
            Response(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8"], body: .init(string: page))
        }
        app.on(.GET, APIPath.docsStylesheetRoute) { _ in
            Response(status: .ok, headers: ["Content-Type": "text/css; charset=utf-8", "Cache-Control": "public, max-age=3600"], body: .init(string: stylesheet))
        }
    }

    /// Served as a file, so the Content-Security-Policy needs no inline styles.
    static let stylesheet = """
        body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:0 auto;padding:1rem 1.5rem;color:#1d2330;background:#fff}
        @media (prefers-color-scheme: dark){body{color:#e4e7ee;background:#15181e}code,th{background:#232833!important}a{color:#8ab4ff}}
        code{background:#f1f3f7;padding:.1em .3em;border-radius:3px}table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
        th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #8883;vertical-align:top}th{background:#f1f3f7}
        nav{columns:16rem}h2{margin-top:2.5rem;border-top:1px solid #8885;padding-top:1rem}
        """

    static func render() -> String {
        var html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Output Hub API reference</title>
            <link rel="stylesheet" href="\(APIPath.docsStylesheet)"></head><body>
            <h1>Output Hub API reference</h1>
            <p>Every table is a resource at <code>\(APIPath.collection("{table}"))</code> and <code>\(APIPath.item("{table}", "{id}"))</code>.
            Send <code>Authorization: Bearer &lt;key&gt;</code> (create one with <code>outputhub apikey create</code>).
            The machine-readable description is <a href="\(APIPath.openAPI)">\(APIPath.openAPI)</a> (OpenAPI 3.1).</p>
            <h2 id="conventions">Lists</h2>
            <p><code>GET /api/v1/prompts?name=ilike.*draft*&amp;order=updated_at.desc&amp;limit=20</code> answers
            <code>{"data":[…],"next_cursor":"…"}</code>; pass <code>cursor</code> for the next page.
            Filters are <code>column=op.value</code> with <code>eq neq gt gte lt lte like ilike in is</code>
            (<code>in.(a,b)</code>, <code>is.null</code>, <code>like.*abc*</code>), and <code>not.</code> before any operator.
            Also <code>q</code> (full-text), <code>order</code>, <code>select</code>, <code>limit</code> (≤ 1000),
            <code>offset</code>, <code>count=exact</code>, <code>deleted=include|only</code>, and <code>Accept: text/csv</code>.</p>
            <h2 id="errors">Errors</h2>
            <p>Errors are <code>application/problem+json</code>: <code>{"type","title","status","detail","errors":[{"field","code","message"}]}</code>.
            400 malformed, 401 no valid key, 403 not allowed, 404 not found (also another tenant's rows), 409 unique or reference
            conflict, 413 body too large, 415 not JSON, 422 invalid fields (all at once).</p>
            <h2 id="resources">Resources</h2><nav>
            """
        for module in Modules.all.filter({ !$0.tables.isEmpty }).map(\.area) {
            let resources = Resources.all.filter { $0.module == module }
            guard !resources.isEmpty else { continue }
            html += "<h3>\(module.rawValue)</h3><ul>"
            for r in resources { html += "<li><a href=\"#\(r.name)\">\(escape(r.label))</a></li>" }
            html += "</ul>"
        }
        html += "</nav>"
        for r in Resources.all {
            var operations = ["GET list"]
            if r.canCreate { operations.append("POST create") }
            operations.append("GET one")
            if r.canUpdate { operations.append("PATCH") }
            if r.canDelete { operations.append("DELETE") }
            if r.isSoftDeletable && r.canDelete { operations.append("POST …/restore") }
            for action in r.behaviour?.rowActions ?? [] { operations.append("POST …/\(action.name)") }
            html += "<h2 id=\"\(r.name)\">\(escape(r.label)) <code>\(APIPath.collection(r.name))</code></h2>"
            html += "<p>\(escape(r.summary))</p><p>\(r.isView ? "Read-only view. " : "")Operations: \(operations.joined(separator: ", ")).\(r.searchableColumns.isEmpty ? "" : " Full-text search over " + r.searchableColumns.map(\.name).joined(separator: ", ") + ".")</p>"
            html += "<table><thead><tr><th>Field</th><th>Type</th><th>Rules</th><th>Notes</th></tr></thead><tbody>"
            for column in r.columns {
                html += "<tr><td><code>\(column.name)</code></td><td>\(escape(typeName(column.type)))</td><td>\(escape(rules(column)))</td><td>\(escape(column.note ?? ""))</td></tr>"
            }
            html += "</tbody></table>"
        }
        let operations = Modules.all.flatMap(\.apiOperations)
        if !operations.isEmpty {
            html += "<h2 id=\"operations\">More operations</h2><p>What modules do beyond a table's rows.</p>"
            html += "<table><thead><tr><th>Operation</th><th>What it does</th></tr></thead><tbody>"
            for o in operations {
                html += "<tr><td><code>\(o.method.rawValue.uppercased()) \(escape(o.path))</code></td><td>\(escape(o.summary))</td></tr>"
            }
            html += "</tbody></table>"
        }
        return html + "</body></html>"
    }

    static func typeName(_ type: ColumnType) -> String {
        switch type {
        case .uuid: "uuid"
        case .varchar(let n): "string (≤ \(n))"
        case .text: "text"
        case .integer: "integer"
        case .bigint: "big integer"
        case .decimal(let p, let s): "decimal(\(p),\(s))"
        case .double: "number"
        case .boolean: "boolean"
        case .timestamp: "date-time"
        case .date: "date"
        case .json: "JSON"
        case .textArray: "array of strings"
        case .uuidArray: "array of UUIDs"
        case .inet: "IP address"
        case .vector(let n): "vector(\(n))"
        case .bytes: "base64 bytes"
        }
    }

    static func rules(_ column: ColumnDeclaration) -> String {
        var rules: [String] = []
        if column.isServerManaged { rules.append("set by the server") } else if !column.isNullable && column.defaultValue == nil { rules.append("required") }
        if column.isNullable { rules.append("nullable") }
        if let values = column.allowedValues { rules.append("one of " + values.joined(separator: ", ")) }
        if let range = column.range { rules.append("\(RowEncoding.number(range.lowerBound))–\(RowEncoding.number(range.upperBound))") }
        if let key = column.references { rules.append("→ \(key.table)") }
        return rules.joined(separator: "; ")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
