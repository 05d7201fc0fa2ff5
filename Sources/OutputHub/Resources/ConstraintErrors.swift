/// Maps a refusal by the database to the fields it is about, using the declaration's constraint names.
enum ConstraintErrors {
    static func problem(for failure: DatabaseFailure, in table: TableDeclaration) -> Problem {
        switch failure.kind {
        case .uniqueViolation:
            let columns = uniqueColumns(failure, table)
            let list = columns.joined(separator: ", ")
            return .conflict(columns.map { FieldError($0, "unique", "another \(table.label.lowercased()) row already has this \(list)") })
        case .foreignKeyViolation:
            let column = table.foreignKeys.first { failure.constraint == "fk_\(table.name)_\($0.column.name)" }?.column.name ?? "id"
            return .conflict([FieldError(column, "foreign_key", "\(column) does not refer to an existing row, or the row is still referred to")])
        case .notNullViolation:
            let column = table.columns.first { failure.message.contains(".\($0.name)") || failure.message.contains("\"\($0.name)\"") }?.name ?? "body"
            return .unprocessable([FieldError(column, "not_null", "\(column) cannot be null")])
        case .checkViolation:
            return .unprocessable(checkErrors(failure, table))
        case .other:
            return .unprocessable([FieldError("body", "invalid", "The database refused a value: \(failure.message)")])
        }
    }

    private static func uniqueColumns(_ failure: DatabaseFailure, _ table: TableDeclaration) -> [String] {
        let uniques = table.uniques.map { ($0.name, $0.columns) } + table.columns.filter(\.isUnique).map { ("uq_\(table.name)_\($0.name)", [$0.name]) }
        var columns: [String]
        if let name = failure.constraint ?? indexName(in: failure.message), let match = uniques.first(where: { $0.0 == name }) {
            columns = match.1
        } else {
            // SQLite: "UNIQUE constraint failed: table.a, table.b"
            columns = (failure.message.components(separatedBy: ": ").last?.components(separatedBy: ", ") ?? [])
                .compactMap { $0.split(separator: ".").last.map(String.init) }.filter { table.column($0) != nil }
        }
        // The tenant is the server's part of the key; the client's fields are the rest.
        let clientFields = columns.filter { $0 != "tenant_id" }
        return clientFields.isEmpty ? (columns.isEmpty ? ["id"] : columns) : clientFields
    }

    /// SQLite names unique indexes as `index 'name'`.
    private static func indexName(in message: String) -> String? {
        guard let start = message.range(of: "index '"), let end = message[start.upperBound...].firstIndex(of: "'") else { return nil }
        return String(message[start.upperBound..<end])
    }

    private static func checkErrors(_ failure: DatabaseFailure, _ table: TableDeclaration) -> [FieldError] {
        let name = failure.constraint ?? ""
        if let check = table.checks.first(where: { $0.name == name }) {
            return check.columns.map { FieldError($0, "check", "\($0) breaks the rule \(check.name): \(check.sql)") }
        }
        if let column = table.columns.first(where: { name.hasPrefix("ck_\(table.name)_\($0.name)_") }) {
            return [FieldError(column.name, "check", "\(column.name) is not an allowed value")]
        }
        return [FieldError("body", "check", "A rule of \(table.name) is broken")]
    }
}
