import Foundation
import SQLKit

/// Turns a request's `model` into a `GatewayTarget`: a tenant configuration name, a catalog model id
/// (`gpt-4o`, or seed 002's `openai:gpt-4o`), `auto` (the tenant's default configuration) or
/// `auto:<category>` (the best-ranked active model suited to the category, with every capability it requires,
/// that the tenant can call). Anything else, and another tenant's configuration, is `model_not_found`.
/// The same query reads the model's price valid at `at` and the monthly budgets of the tenant and of
/// `apiKey`, so a call is routed, priced and budgeted with one round trip to the database.
public struct ModelResolver: Sendable {
    let store: Store
    let clients: HubClients
    let at: Date
    let apiKey: UUID?

    public init(store: Store, clients: HubClients, apiKey: UUID? = nil) {
        self.store = store
        self.clients = clients
        self.at = clients.clock.now()
        self.apiKey = apiKey
    }

    /// Who asks and how, for `auto:<category>` (the recommender's per-user estimate, priority and complexity).
    public struct Selection: Sendable {
        var user: UUID?
        var priority: ModelRecommender.Priority?
        var complexity: String?
        /// The gateway explores (a small share of Thompson draws, logged with its probability).
        var explore = true

        public init(user: UUID? = nil, priority: ModelRecommender.Priority? = nil, complexity: String? = nil, explore: Bool = true) {
            self.user = user
            self.priority = priority
            self.complexity = complexity
            self.explore = explore
        }
    }

    public func resolve(_ requested: String, tenant: UUID, selection: Selection = Selection()) async throws -> GatewayTarget {
        let name = requested.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw GatewayError.invalid("model is required", param: "model") }
        if name == "auto" {
            guard let target = try await configuration(where: "c.is_default", tenant: tenant, value: nil) else {
                throw GatewayError(status: 404, "auto needs a default model configuration in this tenant, or a task category: auto:<category_key>",
                                   type: "invalid_request_error", code: "model_not_found", param: "model", logStatus: "refused")
            }
            return with(target, selectedBy: "auto")
        }
        if name.hasPrefix("auto:") {
            return try await auto(category: String(name.dropFirst(5)), tenant: tenant, selection: selection)
        }
        if let target = try await configuration(where: "c.name = ", tenant: tenant, value: .string(name)) {
            return target
        }
        if let target = try await catalogModel(name, tenant: tenant) { return target }
        throw GatewayError.modelNotFound(name)
    }

    /// The tenant's active configuration with `id` (fallbacks).
    public func configuration(id: UUID, tenant: UUID) async throws -> GatewayTarget? {
        try await configuration(where: "c.id = ", tenant: tenant, value: .uuid(id))
    }

    /// What `/v1/models` lists: the tenant's active configurations by name, then the active catalog models
    /// of providers the server can call without a configuration (a key in the environment, or none needed).
    public func callable(tenant: UUID) async throws -> [(id: String, ownedBy: String, created: Date)] {
        var entries: [(String, String, Date)] = []
        var sql = SQLText(store.engine, "SELECT name, created_at FROM model_configurations WHERE tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND deleted_at IS NULL AND is_active ORDER BY name")
        for row in try await store.rows(sql) {
            let read = RowReader(row: row, engine: store.engine)
            entries.append((try read.text("name") ?? "", "output-hub", try read.value("created_at", .timestamp).dateValue ?? Date(timeIntervalSince1970: 0)))
        }
        var keyed: [UUID] = []
        for provider in try await store.rows(SQLText(store.engine, "SELECT id, auth_type, required_env_vars FROM llm_providers WHERE is_active")) {
            let read = RowReader(row: provider, engine: store.engine)
            if try read.text("auth_type") == "none" || (try read.texts("required_env_vars") ?? []).contains(where: { clients.environment($0)?.isEmpty == false }) {
                keyed.append(try read.uuid("id"))
            }
        }
        guard !keyed.isEmpty else { return entries }
        var models = SQLText(store.engine, """
            SELECT m.model_id AS model_id, m.created_at AS created_at, p.code AS code FROM llm_models m JOIN llm_providers p ON p.id = m.provider_id
            WHERE m.is_active AND NOT m.is_deprecated AND p.id IN (
            """)
        models.appendList(keyed.map(DBValue.uuid), as: .uuid)
        models.append(") ORDER BY p.code, m.model_id")
        for row in try await store.rows(models) {
            let read = RowReader(row: row, engine: store.engine)
            entries.append((try read.text("model_id") ?? "", try read.text("code") ?? "", try read.value("created_at", .timestamp).dateValue ?? Date(timeIntervalSince1970: 0)))
        }
        return entries
    }

    // MARK: Queries

    private static let select = """
        c.id AS c_id, c.name AS c_name, c.temperature AS c_temperature, c.top_p AS c_top_p, c.top_k AS c_top_k,
          c.max_tokens AS c_max_tokens, c.frequency_penalty AS c_frequency_penalty, c.presence_penalty AS c_presence_penalty,
          c.system_prompt AS c_system_prompt, c.stop_sequences AS c_stop_sequences, c.api_key AS c_api_key,
          c.api_base_url AS c_api_base_url, c.max_calls_per_minute AS c_max_calls_per_minute, c.max_calls_per_day AS c_max_calls_per_day,
          c.cost_limit_per_call AS c_cost_limit_per_call, c.fallback_configuration_id AS c_fallback, c.timeout_seconds AS c_timeout_seconds,
        """
    private static let modelColumns = """
          m.id AS m_id, m.model_id AS m_model_id, m.mode AS m_mode, m.context_window AS m_context_window,
          m.max_output_tokens AS m_max_output_tokens, p.code AS p_code, p.api_style AS p_api_style, p.api_base_url AS p_api_base_url,
          p.required_env_vars AS p_required_env_vars, p.auth_type AS p_auth_type
        """

    /// `SELECT <columns>, the model's, its price's and the budgets FROM <from> LEFT JOIN <its price> WHERE `;
    /// the caller appends the conditions.
    private func targetQuery(_ columns: String, from: String, tenant: UUID) -> SQLText {
        var sql = SQLText(store.engine, "SELECT " + columns + Self.modelColumns + ", " + Self.priceColumns
            + ", (SELECT value FROM system_settings WHERE tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND key = ")
        sql.bind(.string(GatewayLimits.tenantBudgetSetting), as: .varchar(255))
        sql.append(") AS budget_tenant, (SELECT monthly_budget_usd FROM api_keys WHERE id = ")
        sql.bind(apiKey.map(DBValue.uuid) ?? .null, as: .uuid)
        sql.append(") AS budget_key FROM " + from
            + " LEFT JOIN llm_model_prices pr ON pr.id = (SELECT id FROM llm_model_prices WHERE model_id = m.id AND valid_from <= ")
        sql.bind(.date(at), as: .timestamp)
        sql.append(" ORDER BY valid_from DESC LIMIT 1) WHERE ")
        return sql
    }

    private static let priceColumns = """
        pr.id AS pr_id, pr.valid_from AS pr_valid_from, pr.input_per_million AS pr_input, pr.output_per_million AS pr_output,
          pr.cached_input_per_million AS pr_cached, pr.cache_write_per_million AS pr_cache_write,
          pr.reasoning_per_million AS pr_reasoning, pr.per_request AS pr_per_request
        """

    /// The price and budget columns of a target query.
    private func extras(_ read: RowReader, into target: inout GatewayTarget) throws {
        if let id = try read.optionalUUID("pr_id") {
            target.price = ModelPrice(id: id, validFrom: try read.value("pr_valid_from", .timestamp).dateValue ?? at,
                                      input: try read.double("pr_input"), output: try read.double("pr_output"),
                                      cachedInput: try read.double("pr_cached"), cacheWrite: try read.double("pr_cache_write"),
                                      reasoning: try read.double("pr_reasoning"), perRequest: try read.double("pr_per_request"))
        }
        target.tenantBudget = try read.text("budget_tenant").flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 >= 0 ? $0 : nil }
        target.keyBudget = try read.double("budget_key")
    }

    private func configuration(where condition: String, tenant: UUID, value: DBValue?) async throws -> GatewayTarget? {
        var sql = targetQuery(Self.select, from: """
            model_configurations c JOIN llm_models m ON m.id = c.model_id JOIN llm_providers p ON p.id = m.provider_id
            """, tenant: tenant)
        sql.append("c.tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND c.deleted_at IS NULL AND c.is_active AND \(condition)")
        if let value {
            if case .uuid = value { sql.bind(value, as: .uuid) } else { sql.bind(value, as: .varchar(255)) }
        }
        sql.append(" ORDER BY c.created_at LIMIT 1")
        guard let row = try await store.rows(sql).first else { return nil }
        let read = RowReader(row: row, engine: store.engine)
        let configuration = GatewayConfiguration(
            id: try read.uuid("c_id"), name: try read.text("c_name") ?? "",
            temperature: try read.double("c_temperature"), topP: try read.double("c_top_p"), topK: try read.int("c_top_k"),
            maxTokens: try read.int("c_max_tokens"), frequencyPenalty: try read.double("c_frequency_penalty"),
            presencePenalty: try read.double("c_presence_penalty"), systemPrompt: try read.text("c_system_prompt"),
            stopSequences: try read.texts("c_stop_sequences"), sealedKey: try read.text("c_api_key"),
            baseURL: try read.text("c_api_base_url"), maxCallsPerMinute: try read.int("c_max_calls_per_minute"),
            maxCallsPerDay: try read.int("c_max_calls_per_day"), costLimitPerCall: try read.double("c_cost_limit_per_call"),
            fallbackID: try read.optionalUUID("c_fallback"), timeoutSeconds: try read.int("c_timeout_seconds"))
        var target = GatewayTarget(configuration: configuration, model: try Self.model(read), selectedBy: "user_override")
        try extras(read, into: &target)
        return target
    }

    private func catalogModel(_ name: String, tenant: UUID) async throws -> GatewayTarget? {
        var provider: String?, modelID = name
        if let colon = name.firstIndex(of: ":") {
            provider = String(name[..<colon])
            modelID = String(name[name.index(after: colon)...])
        }
        var sql = targetQuery("", from: "llm_models m JOIN llm_providers p ON p.id = m.provider_id", tenant: tenant)
        sql.append("m.is_active AND p.is_active AND m.model_id = ")
        sql.bind(.string(modelID), as: .varchar(255))
        if let provider {
            sql.append(" AND p.code = ")
            sql.bind(.string(provider), as: .varchar(50))
        }
        sql.append(" ORDER BY m.priority_rank DESC, m.created_at LIMIT 1")
        guard let row = try await store.rows(sql).first else {
            // `openai:gpt-4o` may also be a configuration name with a colon; a plain id with a provider
            // prefix in the catalog (`openrouter/…`) is found by the exact match above.
            return nil
        }
        let read = RowReader(row: row, engine: store.engine)
        var target = GatewayTarget(configuration: nil, model: try Self.model(read), selectedBy: "user_override")
        try extras(read, into: &target)
        return target
    }

    /// The recommender's best model of `category` that the tenant can call: through one of its
    /// configurations of that model if it has one, else directly when the provider's key is in the
    /// environment (or it needs none); when none can be called, the category's fallback model. The log keeps
    /// the recommender's confidence and explanation; the category's fallback model is `selected_by = fallback`.
    private func auto(category: String, tenant: UUID, selection: Selection) async throws -> GatewayTarget {
        let recommendation: ModelRecommender.Recommendation
        do {
            recommendation = try await ModelRecommender(store: store, clients: clients, tenant: tenant).recommend(
                ModelRecommender.Request(category: category, priority: selection.priority, complexity: selection.complexity,
                                         user: selection.user, explore: selection.explore, withFallback: true))
        } catch let problem as Problem where problem.status == 404 {
            throw GatewayError(status: 404, "There is no active task category `\(category)`.", type: "invalid_request_error",
                               code: "model_not_found", param: "model", logStatus: "refused")
        }
        // The category's fallback model comes last: for when none of the ranked models can be called.
        let ranked = recommendation.candidates + (recommendation.fallback.map { [$0] } ?? [])
        guard !ranked.isEmpty else {
            throw GatewayError(status: 404, "No active model suited to `\(category)` (and no fallback model for it).", type: "invalid_request_error",
                               code: "model_not_found", param: "model", logStatus: "refused")
        }
        var sql = targetQuery("", from: "llm_models m JOIN llm_providers p ON p.id = m.provider_id", tenant: tenant)
        sql.append("m.id IN (")
        sql.appendList(ranked.map { DBValue.uuid($0.modelID) }, as: .uuid)
        sql.append(")")
        var rows: [UUID: any SQLRow] = [:]
        for row in try await store.rows(sql) { rows[try RowReader(row: row, engine: store.engine).uuid("m_id")] = row }
        // The models the tenant has a configuration of, read once rather than once per candidate.
        var configuredSQL = SQLText(store.engine, "SELECT DISTINCT model_id FROM model_configurations WHERE deleted_at IS NULL AND is_active AND tenant_id = ")
        configuredSQL.bind(.uuid(tenant), as: .uuid)
        let configured = Set(try await store.rows(configuredSQL).map { try RowReader(row: $0, engine: store.engine).uuid("model_id") })
        for (position, candidate) in ranked.enumerated() {
            guard let row = rows[candidate.modelID] else { continue }
            let read = RowReader(row: row, engine: store.engine)
            let model = try Self.model(read)
            var target: GatewayTarget
            if configured.contains(model.id), let configuration = try await configuration(where: "c.model_id = ", tenant: tenant, value: .uuid(model.id)) {
                target = configuration
            } else if model.authType == "none" || model.keyVariables.contains(where: { clients.environment($0)?.isEmpty == false }) {
                target = GatewayTarget(configuration: nil, model: model, selectedBy: "auto")
                try extras(read, into: &target)
            } else {
                continue
            }
            target.selectedBy = candidate.fallback ? "fallback" : "auto"
            target.categoryKey = category
            target.confidence = position == 0 ? recommendation.confidence : 0
            target.explanation = Self.explanation(recommendation, chosen: position)
            return target
        }
        throw GatewayError(status: 404, "No active model suited to `\(category)` can be called in this tenant (add a model configuration for one).",
                           type: "invalid_request_error", code: "model_not_found", param: "model", logStatus: "refused")
    }

    /// Why `auto` chose the model: its place, score and parts, the weights, and the candidates ahead of
    /// and after it (the top five).
    static func explanation(_ recommendation: ModelRecommender.Recommendation, chosen: Int) -> JSONValue {
        let answer = recommendation.json
        var object: [String: JSONValue] = [
            "category": .string(recommendation.category), "priority": .string(recommendation.priority.rawValue),
            "complexity": .string(recommendation.complexity), "weights": answer["weights"] ?? .null,
            "confidence": answer["confidence"] ?? .null, "explored": .bool(recommendation.explored),
            "probability": answer["probability"] ?? .null, "rank": .number(Double(chosen + 1)),
        ]
        if chosen >= recommendation.candidates.count {
            object["note"] = "none of the ranked models can be called in this tenant: the category's fallback model"
            object["probability"] = .null
        } else if chosen > 0 {
            object["note"] = "the better-ranked models cannot be called in this tenant"
            object["probability"] = .null  // the policy's probability is the first candidate's, not this one's
        }
        object["candidates"] = .array((answer["candidates"]?.arrayValue ?? []).prefix(5).map { candidate in
            .object(["model": candidate["model"] ?? .null, "model_id": candidate["model_id"] ?? .null, "score": candidate["score"] ?? .null,
                     "parts": candidate["parts"] ?? .null, "votes": candidate["votes"] ?? .null, "fallback": candidate["fallback"] ?? .null])
        })
        return .object(object)
    }

    private func with(_ target: GatewayTarget, selectedBy: String, category: String? = nil) -> GatewayTarget {
        var copy = target
        copy.selectedBy = selectedBy
        copy.categoryKey = category ?? copy.categoryKey
        return copy
    }

    private static func model(_ read: RowReader) throws -> GatewayModel {
        GatewayModel(id: try read.uuid("m_id"), modelID: try read.text("m_model_id") ?? "", mode: try read.text("m_mode"),
                     contextWindow: try read.int("m_context_window"), maxOutputTokens: try read.int("m_max_output_tokens"),
                     providerCode: try read.text("p_code") ?? "", apiStyle: try read.text("p_api_style") ?? "openai",
                     providerBaseURL: try read.text("p_api_base_url"), keyVariables: try read.texts("p_required_env_vars") ?? [],
                     authType: try read.text("p_auth_type") ?? "api_key")
    }
}

/// Reads aliased columns of a joined query with the engine's decoding.
struct RowReader {
    let row: any SQLRow
    let engine: any DatabaseEngine

    func value(_ column: String, _ type: ColumnType) throws -> DBValue { try engine.decode(row, column: column, as: type) }
    func text(_ column: String) throws -> String? { try value(column, .text).stringValue }
    func int(_ column: String) throws -> Int? { try value(column, .integer).intValue }
    /// A `numeric` (decimal) column as a Double.
    func double(_ column: String) throws -> Double? { try value(column, .decimal(14, 6)).doubleValue }
    /// A floating-point (`double precision`) column.
    func real(_ column: String) throws -> Double? { try value(column, .double).doubleValue }
    func bool(_ column: String) throws -> Bool? { try value(column, .boolean).boolValue }
    func texts(_ column: String) throws -> [String]? {
        if case .array(let items) = try value(column, .textArray) { return items }
        return nil
    }
    func optionalUUID(_ column: String) throws -> UUID? { try value(column, .uuid).uuidValue }
    func uuid(_ column: String) throws -> UUID {
        guard let id = try optionalUUID(column) else { throw StoreError.rowVanished(column) }
        return id
    }
}
