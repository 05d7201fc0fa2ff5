import Foundation
import Vapor

/// Import from CSV (a header row naming columns) or JSON Lines. The first submit is a dry run that shows
/// each row's errors and writes nothing; only when every row is valid can the import be confirmed, and
/// then all rows are written in one transaction.
enum ImportScreen {
    static let maxUpload = 8 << 20
    static let previewRows = 200

    static func form(_ req: Request) async throws -> Response {
        let resource = try importable(req)
        return try await page(req, resource, content: uploadForm(req, resource))
    }

    static func submit(_ req: Request) async throws -> Response {
        let resource = try importable(req)
        let fields = try req.adminForm(maxSize: maxUpload)
        let text = (fields.first("file").flatMap { $0.isEmpty ? nil : $0 }) ?? fields.first("text") ?? ""
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return try await page(req, resource, content: note("Choose a file or paste rows to import.") + uploadForm(req, resource), status: .unprocessableEntity)
        }
        let chosen = fields.first("format")
        let looksLikeJSON = text.trimmingCharacters(in: .whitespacesAndNewlines).first == "{"
        let format = chosen == "jsonl" || (chosen != "csv" && looksLikeJSON) ? "jsonl" : "csv"
        let parsed = format == "jsonl" ? parseJSONLines(text, resource) : parseCSV(text, resource)
        if let problem = parsed.problem {
            return try await page(req, resource, content: note(problem) + uploadForm(req, resource), status: .unprocessableEntity)
        }
        let service = try AdminAccess.service(req, resource)
        var rowErrors = parsed.rowErrors
        if rowErrors.isEmpty {
            do {
                let confirmed = fields.first("confirm") == "yes"
                _ = try await service.create(parsed.objects, bulk: true, dryRun: !confirmed)
                if confirmed {
                    return req.redirect(to: AdminPath.list(resource.name), flash: Flash("Imported \(parsed.objects.count) rows."))
                }
            } catch let problem as Problem where [409, 422].contains(problem.status) {
                for error in problem.errors { rowErrors[Self.rowIndex(error.field) ?? 0, default: []].append(error.message) }
            }
        }
        let preview = previewTable(parsed, rowErrors: rowErrors, resource)
        let content: HTML
        if rowErrors.isEmpty {
            content = """
                <p class="flash ok" role="status">Dry run: all \(parsed.objects.count) rows are valid. Nothing has been written yet.</p>
                \(parsed.ignored.isEmpty ? HTML.empty : note("Columns set by the server are ignored: \(parsed.ignored.joined(separator: ", ")).", ok: true))
                <form method="post" action="\(AdminPath.importRows(resource.name))">\(AdminLayout.csrfField(req))
                <input type="hidden" name="format" value="\(format)"><input type="hidden" name="confirm" value="yes">
                <textarea name="text" hidden>\(text)</textarea>
                <div class="toolbar"><button class="primary" type="submit">Import \(parsed.objects.count) rows</button>
                <a class="button" href="\(AdminPath.importRows(resource.name))">Start again</a></div></form>
                \(preview)
                """
        } else {
            let bad = rowErrors.count
            content = """
                <p class="flash bad" role="alert">\(bad == 1 ? "1 row has errors" : "\(bad) rows have errors"). Nothing was written: fix the file and try again.</p>
                \(preview)
                \(uploadForm(req, resource))
                """
        }
        return try await page(req, resource, content: content, status: rowErrors.isEmpty ? .ok : .unprocessableEntity)
    }

    // MARK: Parsing

    struct Parsed {
        var objects: [[String: JSONValue]] = []
        /// Row index → messages found while reading (before the validator sees the rows).
        var rowErrors: [Int: [String]] = [:]
        var ignored: [String] = []
        var problem: String?
    }

    static func parseCSV(_ text: String, _ resource: Resource) -> Parsed {
        var parsed = Parsed()
        let records: [[String]]
        do { records = try CSVReader.records(text) } catch let error as CSVReader.Malformed {
            parsed.problem = "The CSV is not well formed near line \(error.line) (an unclosed quote?)."
            return parsed
        } catch { parsed.problem = "The CSV could not be read."; return parsed }
        guard let header = records.first?.map({ $0.trimmingCharacters(in: .whitespaces) }), records.count > 1 else {
            parsed.problem = "The CSV needs a header row naming the columns and at least one row."
            return parsed
        }
        let unknown = header.filter { resource.column($0) == nil }
        guard unknown.isEmpty else {
            parsed.problem = "\(resource.label) has no column \(unknown.map { "'\($0)'" }.joined(separator: ", ")). Nothing was written."
            return parsed
        }
        parsed.ignored = header.filter { resource.column($0)?.isServerManaged == true }
        for (i, record) in records.dropFirst().enumerated() {
            guard record.count == header.count else {
                parsed.rowErrors[i, default: []].append("has \(record.count) fields; the header has \(header.count)")
                parsed.objects.append([:])
                continue
            }
            var pairs: [(String, String)] = []
            for (name, value) in zip(header, record) {
                guard let column = resource.column(name), !column.isServerManaged else { continue }
                if column.type == .boolean {
                    switch value.lowercased().trimmingCharacters(in: .whitespaces) {
                    case "true", "1", "yes": pairs += [("_bool", name), (name, "true")]
                    case "false", "0", "no": pairs.append(("_bool", name))
                    case "": break
                    default: parsed.rowErrors[i, default: []].append("\(name) must be true or false")
                    }
                } else {
                    pairs.append((name, value))
                }
            }
            let (object, unreadable) = FormInputs.object(FormFields(pairs), resource: resource, creating: true)
            for error in unreadable { parsed.rowErrors[i, default: []].append(error.message) }
            parsed.objects.append(object)
        }
        return parsed
    }

    static func parseJSONLines(_ text: String, _ resource: Resource) -> Parsed {
        var parsed = Parsed()
        var ignored = Set<String>()
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        for (i, line) in lines.enumerated() {
            guard case .object(var object)? = JSONValue.parse(Array(line.utf8)) else {
                parsed.rowErrors[i, default: []].append("is not a JSON object")
                parsed.objects.append([:])
                continue
            }
            for key in object.keys where resource.column(key)?.isServerManaged == true {
                ignored.insert(key)
                object[key] = nil
            }
            parsed.objects.append(object)
        }
        if lines.isEmpty { parsed.problem = "There are no rows to import." }
        parsed.ignored = ignored.sorted()
        return parsed
    }

    /// `[3].name` → 3.
    static func rowIndex(_ field: String) -> Int? {
        guard field.hasPrefix("["), let end = field.firstIndex(of: "]") else { return nil }
        return Int(field[field.index(after: field.startIndex)..<end])
    }

    // MARK: Parts

    private static func previewTable(_ parsed: Parsed, rowErrors: [Int: [String]], _ resource: Resource) -> HTML {
        let columns = Array(Set(parsed.objects.flatMap(\.keys))).sorted { a, b in
            (resource.columns.firstIndex { $0.name == a } ?? 0) < (resource.columns.firstIndex { $0.name == b } ?? 0)
        }
        let head = (["Row", "Check"] + columns).map { HTML("<th scope=\"col\">\($0)</th>") }
        let rows = parsed.objects.prefix(previewRows).enumerated().map { i, object -> HTML in
            let errors = rowErrors[i] ?? []
            let check: HTML = errors.isEmpty ? "<span class=\"badge-yes\">OK</span>"
                : "<span class=\"error\">\(errors.joined(separator: "; "))</span>"
            let cells = columns.map { name -> HTML in
                let text: String = switch object[name] {
                case .string(let s)?: s
                case .number(let n)?: RowEncoding.number(n)
                case .bool(let b)?: b ? "true" : "false"
                case .null?, nil: ""
                case let other?: (try? String(decoding: JSONEncoder().encode(other), as: UTF8.self)) ?? ""
                }
                return "<td>\(ValueFormat.shorten(text, 60))</td>"
            }
            return "<tr\(HTML.when(!errors.isEmpty, " class=\"invalid-row\""))><td class=\"num\">\(i + 1)</td><td>\(check)</td>\(cells)</tr>"
        }
        let more: HTML = parsed.objects.count > previewRows ? "<p class=\"muted\">Showing the first \(previewRows) of \(parsed.objects.count) rows.</p>" : .empty
        return "<div class=\"table-wrap\"><table class=\"rows\" id=\"import-preview\"><thead><tr>\(head)</tr></thead><tbody>\(rows)</tbody></table></div>\(more)"
    }

    private static func uploadForm(_ req: Request, _ resource: Resource) -> HTML {
        let columns = resource.writableColumns.map(\.name).joined(separator: ", ")
        return """
            <form class="form panel" method="post" action="\(AdminPath.importRows(resource.name))" enctype="multipart/form-data">\(AdminLayout.csrfField(req))
            <p>CSV with a header row, or JSON Lines (one object per line). Columns: <code>\(columns)</code>.
            The first step is a dry run: nothing is written until every row is valid and you confirm.</p>
            <div class="field"><label class="field-label" for="import-file">File</label>
            <input id="import-file" type="file" name="file" accept=".csv,.jsonl,.ndjson,text/csv"></div>
            <div class="field"><label class="field-label" for="import-text">Or paste rows</label>
            <textarea id="import-text" class="code" name="text"></textarea></div>
            <div class="field"><label class="field-label" for="import-format">Format</label>
            <select id="import-format" name="format"><option value="auto">Detect</option><option value="csv">CSV</option><option value="jsonl">JSON Lines</option></select></div>
            <button class="primary" type="submit">Check rows (dry run)</button></form>
            """
    }

    private static func note(_ text: String, ok: Bool = false) -> HTML {
        "<p class=\"flash \(ok ? "ok" : "bad")\" role=\"\(ok ? "status" : "alert")\">\(text)</p>"
    }

    private static func page(_ req: Request, _ resource: Resource, content: HTML, status: HTTPResponseStatus = .ok) async throws -> Response {
        try await AdminLayout.render(AdminPage(
            title: "Import \(resource.label.lowercased())",
            crumbs: [(resource.module.rawValue, nil), (resource.label, AdminPath.list(resource.name)), ("Import", nil)],
            table: resource.name, content: content, status: status), req)
    }

    private static func importable(_ req: Request) throws -> Resource {
        let resource = try AdminAccess.resource(req)
        guard AdminAccess.can(req, .create, resource) else { throw AdminError.forbidden("Rows cannot be imported into \(resource.label.lowercased()).") }
        return resource
    }
}
