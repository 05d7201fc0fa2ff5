import Foundation

/// Secret columns on their way into and out of the database: sealed before a write, masked on every read,
/// so neither the API, the admin UI, exports nor the audit log ever carry a secret.
enum SecretColumns {
    /// Seals the plaintext of every encrypted column in a row about to be written.
    static func seal(_ row: inout DBRow, _ resource: Resource, with secrets: SecretBox?) throws {
        for column in resource.columns where column.isEncrypted {
            guard let value = row[column.name], !value.isNull else { continue }
            guard let secrets else { throw SecretError.sealing }
            switch column.type {
            case .json:
                let text = value.stringValue ?? ""
                if text == "{}" || text == "null" { continue }  // nothing secret: keep the empty default
                row[column.name] = .json(jsonString(try secrets.seal(text)))
            default:
                row[column.name] = .string(try secrets.seal(value.stringValue ?? ""))
            }
        }
    }

    /// What a reader sees of a secret column: text as `••••abcd`, JSON as `{"set":true,"last4":"abcd"}`.
    static func mask(_ value: DBValue, _ column: ColumnDeclaration) -> DBValue {
        guard column.isEncrypted, !value.isNull else { return value }
        var stored = value.stringValue ?? ""
        if column.type == .json, let data = stored.data(using: .utf8),
           let string = try? JSONDecoder().decode(String.self, from: data) { stored = string }
        let hint = SecretBox.hint(stored) ?? SecretBox.lastFour(stored)
        if column.type == .json {
            let set = SecretBox.isSealed(stored) || !(stored == "{}" || stored.isEmpty)
            return .json(set ? "{\"set\":true,\"last4\":\(jsonString(hint))}" : "{\"set\":false}")
        }
        return .string("••••" + hint)
    }

    static func mask(_ row: DBRow, _ resource: Resource) -> DBRow {
        var row = row
        for column in resource.columns where column.isEncrypted {
            if let value = row[column.name] { row[column.name] = mask(value, column) }
        }
        return row
    }

    private static func jsonString(_ text: String) -> String {
        var out = ""
        RowEncoding.appendString(text, into: &out)
        return out
    }
}
