import Foundation

/// Checks a JSON object against a table's declaration, the same rules the database enforces, and reports
/// every field that is wrong at once: unknown or server-set fields, types, lengths, allowed values, ranges,
/// and required fields on create.
struct RowValidator {
    enum Mode { case create, update }

    let resource: Resource

    /// The row to write, or the field errors; `prefix` names the item of a bulk create (`[3].name`).
    func validate(_ object: [String: JSONValue], mode: Mode, prefix: String = "") -> (DBRow, [FieldError]) {
        var row: DBRow = [:]
        var errors: [FieldError] = []
        for key in object.keys.sorted() {
            let field = prefix + key
            guard let column = resource.column(key), resource.table?.column(key)?.isSecret != true else {
                errors.append(FieldError(field, "unknown_field", "\(resource.name) has no field '\(key)'"))
                continue
            }
            if column.name == "id" {
                guard mode == .create else {
                    errors.append(FieldError(field, "read_only", "id cannot be changed"))
                    continue
                }
            } else if column.isServerManaged {
                errors.append(FieldError(field, "read_only", "\(key) is set by the server"))
                continue
            }
            switch Self.convert(object[key]!, for: column) {
            case .success(let value):
                if value.isNull && !column.isNullable {
                    errors.append(FieldError(field, "not_null", "\(key) cannot be null"))
                } else {
                    row[key] = value
                }
            case .failure(let error):
                errors.append(FieldError(field, error.code, error.message))
            }
        }
        if mode == .create {
            for column in resource.writableColumns where !column.isNullable && column.defaultValue == nil && object[column.name] == nil {
                errors.append(FieldError(prefix + column.name, "required", "\(column.name) is required"))
            }
        }
        return (row, errors)
    }

    struct Invalid: Error {
        let code: String
        let message: String
    }

    /// A JSON value as a value of the column, or why it is not one.
    static func convert(_ json: JSONValue, for column: ColumnDeclaration) -> Result<DBValue, Invalid> {
        let name = column.name
        func invalid(_ expected: String) -> Result<DBValue, Invalid> { .failure(Invalid(code: "type", message: "\(name) must be \(expected)")) }
        if case .null = json { return .success(.null) }
        let value: DBValue
        switch column.type {
        case .uuid:
            guard let text = json.stringValue, let uuid = UUID(text: text) else { return invalid("a UUID") }
            value = .uuid(uuid)
        case .varchar(let length):
            guard let text = json.stringValue else { return invalid("a string") }
            guard text.unicodeScalars.count <= length else {
                return .failure(Invalid(code: "too_long", message: "\(name) must be at most \(length) characters"))
            }
            value = .string(text)
        case .text, .inet:
            guard let text = json.stringValue else { return invalid("a string") }
            value = .string(text)
        case .integer, .bigint:
            let limit = column.type == .integer ? 2_147_483_647.0 : 9.0e15
            guard let number = json.numberValue, number.rounded() == number, abs(number) <= limit else {
                return invalid("a whole number")
            }
            value = .int(Int(number))
        case .decimal, .double:
            guard let number = json.numberValue, number.isFinite else { return invalid("a number") }
            if let limit = column.type.decimalLimit, abs(number) >= limit {
                return .failure(Invalid(code: "range", message: "\(name) must be less than \(RowEncoding.number(limit)) in size"))
            }
            value = .double(number)
        case .boolean:
            guard let flag = json.boolValue else { return invalid("true or false") }
            value = .bool(flag)
        case .timestamp:
            guard let text = json.stringValue, let date = Timestamps.parse(text) else { return invalid("an ISO 8601 date-time") }
            value = .date(date)
        case .date:
            guard let text = json.stringValue, ValueParser.dateOnly(text) != nil else { return invalid("a YYYY-MM-DD date") }
            value = .string(text)
        case .json:
            guard let data = try? JSONEncoder().encode(json) else { return invalid("JSON") }
            value = .json(String(decoding: data, as: UTF8.self))
        case .textArray:
            guard case .array(let items) = json else { return invalid("an array of strings") }
            let strings = items.compactMap(\.stringValue)
            guard strings.count == items.count else { return invalid("an array of strings") }
            value = .array(strings)
        case .uuidArray:
            guard case .array(let items) = json else { return invalid("an array of UUIDs") }
            let ids = items.compactMap { $0.stringValue.flatMap(UUID.init(text:)) }
            guard ids.count == items.count else { return invalid("an array of UUIDs") }
            value = .array(ids.map { $0.lowercaseText })
        case .vector(let dimensions):
            guard case .array(let items) = json else { return invalid("an array of \(dimensions) numbers") }
            let numbers = items.compactMap(\.numberValue)
            guard numbers.count == items.count, numbers.count == dimensions else { return invalid("an array of \(dimensions) numbers") }
            value = .vector(numbers)
        case .bytes:
            guard let text = json.stringValue, let data = Data(base64Encoded: text) else { return invalid("base64-encoded bytes") }
            value = .bytes(data)
        }
        if let allowed = column.allowedValues, let text = value.stringValue, !allowed.contains(text) {
            return .failure(Invalid(code: "enum", message: "\(name) must be one of: \(allowed.joined(separator: ", "))"))
        }
        if let range = column.range, let number = value.doubleValue, !range.contains(number) {
            return .failure(Invalid(
                code: "range", message: "\(name) must be between \(RowEncoding.number(range.lowerBound)) and \(RowEncoding.number(range.upperBound))"))
        }
        return .success(value)
    }
}
