/// Checks on the rows the gateway calls with: a base URL must be one the gateway may call (http or https,
/// never link-local or a cloud metadata address), and a configuration cannot fall back to itself.
enum ModelRules {
    static let configurations = TableBehaviour(ModelCatalogTables.modelConfigurations).validating { row in
        var errors = baseURLErrors(row)
        if let fallback = row["fallback_configuration_id"], !fallback.isNull, fallback.stringValue == row["id"]?.stringValue {
            errors.append(FieldError("fallback_configuration_id", "invalid", "a configuration cannot fall back to itself"))
        }
        return errors
    }

    static let providers = TableBehaviour(ModelCatalogTables.llmProviders).validating(baseURLErrors)

    @Sendable static func baseURLErrors(_ row: DBRow) -> [FieldError] {
        guard let url = row["api_base_url"]?.stringValue, !url.isEmpty, let problem = BaseURLRule.problem(url) else { return [] }
        return [FieldError("api_base_url", "invalid", "api_base_url \(problem)")]
    }
}
