import Foundation

/// `outputhub import-models FILE`: reads a model price catalog in LiteLLM's JSON format (an object of
/// model key → entry) into `llm_providers` and `llm_models`.
///
/// Prices per token become prices per million tokens, `max_input_tokens` the context window, the
/// `supports_*` flags the capabilities, and `mode` is kept. A model already imported (same provider and
/// key) is updated in place, keeping its display name. Entries that cannot be used are reported with their
/// key and reason; the usable ones are written in one transaction, so an import lands whole or not at all.
public struct ModelCatalogImporter: Sendable {
    public struct Report: Sendable {
        public var created = 0
        public var updated = 0
        public var providersCreated = 0
        /// Models that got a new dated price row (a first price or a changed one).
        public var pricesAdded = 0
        public var skipped: [(key: String, reason: String)] = []
    }

    /// LiteLLM provider names that are the same provider as a seed row.
    static let providerAliases = ["azure": "azure_openai", "bedrock": "aws_bedrock", "gemini": "google"]

    let store: Store
    let clock: any WallClock

    public init(store: Store, clients: HubClients) {
        self.store = store
        self.clock = clients.clock
    }

    public func importFile(at path: String) async throws -> Report {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ImportError("cannot read \(path): \(error.localizedDescription)")
        }
        return try await importCatalog(data)
    }

    public func importCatalog(_ data: Data) async throws -> Report {
        guard let object = data.withUnsafeBytes({ JSONParser.parse($0) }), let catalog = object.objectValue else {
            throw ImportError("the file is not a JSON object of model entries (LiteLLM's format)")
        }
        var report = Report()
        var entries: [CatalogEntry] = []
        for key in catalog.keys.sorted() {
            do {
                entries.append(try CatalogEntry(key: key, value: catalog[key], now: clock.now()))
            } catch let error as ImportError {
                report.skipped.append((key, error.description))
            }
        }
        let parsed = entries
        let now = clock.now()
        let writeReport = try await store.transaction { tx in try await Self.write(parsed, to: tx, at: now) }
        report.created = writeReport.created
        report.updated = writeReport.updated
        report.providersCreated = writeReport.providersCreated
        report.pricesAdded = writeReport.pricesAdded
        return report
    }

    private static func write(_ entries: [CatalogEntry], to store: Store, at now: Date) async throws -> Report {
        var report = Report()
        let providers = ModelCatalogTables.llmProviders, models = ModelCatalogTables.llmModels
        var providerIDs: [String: DBValue] = [:]
        for row in try await store.select(providers) {
            if case .string(let code)? = row["code"], let id = row["id"] { providerIDs[code] = id }
        }
        var existing: [String: (DBValue, [String])] = [:]
        for row in try await store.select(models) {
            if let provider = row["provider_id"]?.stringValue, let model = row["model_id"]?.stringValue, let id = row["id"] {
                guard case .array(let capabilities)? = row["capabilities"] else { continue }
                existing[provider + "\u{1}" + model] = (id, capabilities)
            }
        }
        for entry in entries {
            let code = providerAliases[entry.provider] ?? entry.provider
            let providerID: DBValue
            if let id = providerIDs[code] {
                providerID = id
            } else {
                let endpoint = ProviderEndpoint.known[code]
                let row = try await store.insert(providers, [
                    "code": .string(code), "name": .string(displayName(ofProvider: code)), "auth_type": .string("api_key"),
                    "api_style": .string(endpoint?.style ?? "openai"), "api_base_url": endpoint?.baseURL.map(DBValue.string) ?? .null,
                    "required_env_vars": endpoint.map { .array([$0.keyVariable]) } ?? .null,
                ])
                providerID = row["id"]!
                providerIDs[code] = providerID
                report.providersCreated += 1
            }
            var values = entry.columns
            values["provider_id"] = providerID
            if let (id, capabilities) = existing[(providerID.stringValue ?? "") + "\u{1}" + entry.key] {
                // Keep the display name people chose and capability tags others added.
                values["name"] = nil
                if case .array(let imported)? = values["capabilities"] {
                    values["capabilities"] = .array(Array(Set(imported + capabilities)).sorted())
                }
                try await store.update(models, id: id, values)
                report.updated += 1
                if try await addPriceIfChanged(entry.price, model: id, at: now, in: store) { report.pricesAdded += 1 }
            } else {
                let row = try await store.insert(models, values)
                report.created += 1
                if let id = row["id"], try await addPriceIfChanged(entry.price, model: id, at: now, in: store) { report.pricesAdded += 1 }
            }
        }
        return report
    }

    /// Adds a price row valid from `now` when the catalog's price differs from the model's latest one;
    /// earlier rows stay, so past calls keep the price they were made at.
    private static func addPriceIfChanged(_ price: DBRow, model: DBValue, at now: Date, in store: Store) async throws -> Bool {
        let rates = PriceBook.rateColumns
        guard rates.contains(where: { !(price[$0] ?? .null).isNull }) else { return false }
        guard let modelID = model.uuidValue else { return false }
        if let latest = try await PriceBook(store: store).history(model: modelID).last {
            let same = zip(rates, [latest.input, latest.output, latest.cachedInput, latest.cacheWrite, latest.reasoning, latest.perRequest])
                .allSatisfy { column, have in Self.samePrice(price[column]?.doubleValue, have) }
            if same { return false }
        }
        var row = price
        row["model_id"] = model
        row["valid_from"] = .date(now)
        row["source"] = .string("litellm")
        _ = try await store.insert(ModelCatalogTables.llmModelPrices, row)
        return true
    }

    /// Prices agree to a millionth of a dollar per million tokens (PostgreSQL's numeric reads back as the
    /// nearest double, not always the one written).
    static func samePrice(_ a: Double?, _ b: Double?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case let (a?, b?): abs(a - b) < 0.000_000_5
        default: false
        }
    }

    static func displayName(ofProvider code: String) -> String {
        code.split(whereSeparator: { $0 == "_" || $0 == "-" }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}

/// One usable catalog entry, validated against the `llm_models` declaration.
struct CatalogEntry {
    let key: String
    let provider: String
    let columns: DBRow
    /// The `llm_model_prices` rates (per million tokens, per call, per image).
    let price: DBRow

    init(key: String, value: JSONValue?, now: Date) throws {
        guard let entry = value?.objectValue else { throw ImportError("not a model entry (expected a JSON object)") }
        guard let provider = entry["litellm_provider"]?.stringValue, !provider.isEmpty, provider.count <= 50,
              provider.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) })
        else { throw ImportError("litellm_provider is missing or not a provider name") }
        guard key.count <= 255 else { throw ImportError("model key is longer than 255 characters") }
        self.key = key
        self.provider = provider

        var columns: DBRow = [
            "model_id": .string(key), "name": .string(key), "catalog_source": .string("litellm"),
        ]
        let maxInput = try Self.tokens(entry, "max_input_tokens") ?? Self.tokens(entry, "max_tokens")
        let maxOutput = try Self.tokens(entry, "max_output_tokens")
        columns["context_window"] = maxInput.map(DBValue.int) ?? .null
        columns["max_output_tokens"] = maxOutput.map(DBValue.int) ?? .null
        let input = try Self.price(entry, "input_cost_per_token")
        let output = try Self.price(entry, "output_cost_per_token")
        columns["input_cost_per_million"] = input.map(DBValue.double) ?? .null
        columns["output_cost_per_million"] = output.map(DBValue.double) ?? .null
        price = [
            "input_per_million": input.map(DBValue.double) ?? .null,
            "output_per_million": output.map(DBValue.double) ?? .null,
            "cached_input_per_million": try Self.price(entry, "cache_read_input_token_cost").map(DBValue.double) ?? .null,
            "cache_write_per_million": try Self.price(entry, "cache_creation_input_token_cost").map(DBValue.double) ?? .null,
            "reasoning_per_million": try Self.price(entry, "output_cost_per_reasoning_token").map(DBValue.double) ?? .null,
            "per_request": try Self.dollars(entry, "input_cost_per_request").map(DBValue.double) ?? .null,
            "input_per_image": try Self.dollars(entry, "input_cost_per_image").map(DBValue.double) ?? .null,
            "output_per_image": try Self.dollars(entry, "output_cost_per_image").map(DBValue.double) ?? .null,
        ]
        columns["cost_bucket"] = input.map { .string($0 < 1 ? "low" : $0 < 5 ? "medium" : "high") } ?? .null
        if let mode = entry["mode"] {
            guard let mode = mode.stringValue, mode.count <= 50, !mode.contains(" ") else { throw ImportError("mode is not a mode name") }
            columns["mode"] = .string(mode)
        }
        var capabilities: [String] = []
        for (field, flag) in entry where field.hasPrefix("supports_") {
            guard let flag = flag.boolValue else { throw ImportError("\(field) is not true or false") }
            if flag { capabilities.append(String(field.dropFirst("supports_".count))) }
        }
        capabilities += Self.taskCapabilities(mode: columns["mode"]?.stringValue, flags: capabilities)
        columns["capabilities"] = .array(Array(Set(capabilities)).sorted())
        columns["supports_function_calling"] = .bool(capabilities.contains("function_calling"))
        columns["supports_vision"] = .bool(capabilities.contains("vision"))
        columns["supports_json_mode"] = .bool(capabilities.contains("response_schema"))
        if let date = entry["deprecation_date"] {
            guard let text = date.stringValue, let day = try? Date.ISO8601FormatStyle().year().month().day().parse(text) else {
                throw ImportError("deprecation_date is not a YYYY-MM-DD date")
            }
            columns["deprecated_at"] = .date(day)
            columns["is_deprecated"] = .bool(day <= now)
        }
        self.columns = columns
    }

    /// Seed 002's capability tags (text_generation, json_mode, …) that the entry's mode and flags imply,
    /// so task categories' required capabilities match imported models.
    static func taskCapabilities(mode: String?, flags: [String]) -> [String] {
        var tags: [String] = []
        switch mode {
        case "chat", "completion", "responses": tags += ["text_generation", "text_chat"]
        case "embedding": tags.append("embeddings")
        case "image_generation", "video_generation", "audio_transcription", "audio_speech": tags.append(mode!)
        default: break
        }
        if flags.contains("response_schema") { tags.append("json_mode") }
        if flags.contains("reasoning") { tags.append("text_reasoning") }
        if flags.contains("native_streaming") { tags.append("streaming") }
        return tags
    }

    /// A token count: a whole, non-negative number that fits an integer column.
    private static func tokens(_ entry: [String: JSONValue], _ field: String) throws -> Int? {
        guard let value = entry[field] else { return nil }
        guard let number = value.numberValue, number == number.rounded(), number >= 0, number <= 2_147_483_647
        else { throw ImportError("\(field) is not a whole number of tokens") }
        return Int(number)
    }

    /// A price per call or per image, in dollars.
    private static func dollars(_ entry: [String: JSONValue], _ field: String) throws -> Double? {
        guard let value = entry[field] else { return nil }
        guard let number = value.numberValue, number >= 0, number < 99_999_999 else { throw ImportError("\(field) is not a non-negative price") }
        return (number * 1_000_000).rounded() / 1_000_000
    }

    /// A price per token as a price per million tokens.
    private static func price(_ entry: [String: JSONValue], _ field: String) throws -> Double? {
        guard let value = entry[field] else { return nil }
        guard let number = value.numberValue, number >= 0, number.isFinite else {
            throw ImportError("\(field) is not a non-negative price")
        }
        let perMillion = (number * 1_000_000 * 1_000_000).rounded() / 1_000_000
        guard perMillion < 99_999_999 else { throw ImportError("\(field) is too large") }
        return perMillion
    }
}

public struct ImportError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
