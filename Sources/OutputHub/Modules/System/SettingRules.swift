import Foundation

/// System settings are typed: `value` must read as its `value_type` (seed 001), checked on every write.
/// The tenant setting `four_eyes_approval` is a boolean.
enum SettingRules {
    static let behaviour = TableBehaviour(SystemTables.systemSettings).validating(check)

    @Sendable static func check(_ row: DBRow) -> [FieldError] {
        let type = row["value_type"]?.stringValue ?? "string"
        let key = row["key"]?.stringValue ?? ""
        guard let value = row["value"]?.stringValue else { return [] }
        let text = value.trimmingCharacters(in: .whitespaces)
        let valid: Bool
        switch type {
        case "integer": valid = Int(text) != nil
        case "number": valid = Double(text).map(\.isFinite) ?? false
        case "boolean": valid = text == "true" || text == "false"
        case "json": valid = (try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])) != nil
        default: valid = true
        }
        var errors: [FieldError] = []
        if !valid { errors.append(FieldError("value", "type", "value must be a \(type == "json" ? "JSON document" : type) (value_type is \(type))")) }
        if key == Approval.fourEyesSetting && type != "boolean" {
            errors.append(FieldError("value_type", "type", "\(Approval.fourEyesSetting) is a boolean setting"))
        }
        return errors
    }
}
