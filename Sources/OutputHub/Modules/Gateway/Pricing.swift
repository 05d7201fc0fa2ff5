import Foundation

/// Token counts of one call in OpenAI's meaning: `input` includes the cached and cache-write tokens,
/// `output` includes the reasoning tokens.
public struct TokenUsage: Sendable, Equatable {
    public var input = 0
    public var output = 0
    public var cachedInput = 0
    public var cacheWrite = 0
    public var reasoning = 0

    public init(input: Int = 0, output: Int = 0, cachedInput: Int = 0, cacheWrite: Int = 0, reasoning: Int = 0) {
        self.input = input
        self.output = output
        self.cachedInput = cachedInput
        self.cacheWrite = cacheWrite
        self.reasoning = reasoning
    }

    public var total: Int { input + output }
}

/// One `llm_model_prices` row: USD per million tokens of each kind, and per call.
public struct ModelPrice: Sendable, Equatable {
    public let id: UUID
    public let validFrom: Date
    public var input: Double?
    public var output: Double?
    public var cachedInput: Double?
    public var cacheWrite: Double?
    public var reasoning: Double?
    public var perRequest: Double?

    /// What `usage` costs, rounded to a millionth of a dollar; nil when the price lacks a rate the usage
    /// needs (a model priced for input only cannot cost output tokens: unknown, not $0). Cached input is
    /// priced at the cached rate, cache writes at theirs, reasoning at its own rate, each defaulting to the
    /// plain input or output rate.
    public func cost(of usage: TokenUsage) -> Double? {
        let cached = min(max(usage.cachedInput, 0), usage.input)
        let written = min(max(usage.cacheWrite, 0), usage.input - cached)
        let plainInput = usage.input - cached - written
        let reasoningTokens = min(max(usage.reasoning, 0), usage.output)
        let plainOutput = usage.output - reasoningTokens
        var micro = 0.0  // USD per million tokens × tokens
        func add(_ tokens: Int, _ rate: Double?) -> Bool {
            guard tokens > 0 else { return true }
            guard let rate else { return false }
            micro += Double(tokens) * rate
            return true
        }
        guard add(plainInput, input), add(cached, cachedInput ?? input), add(written, cacheWrite ?? input),
              add(plainOutput, output), add(reasoningTokens, reasoning ?? output)
        else { return nil }
        return Self.fromMillionths(micro + (perRequest ?? 0) * 1_000_000)
    }

    /// The most a call of `inputTokens` and at most `maxOutput` output tokens can cost (every input token at
    /// the dearest input rate, every output token at the dearest output rate); nil when a rate is missing.
    public func worstCase(inputTokens: Int, maxOutput: Int) -> Double? {
        let inputRates = [input, cacheWrite].compactMap { $0 }
        let outputRates = [output, reasoning].compactMap { $0 }
        guard inputTokens == 0 || !inputRates.isEmpty, maxOutput == 0 || !outputRates.isEmpty else { return nil }
        let micro = Double(inputTokens) * (inputRates.max() ?? 0) + Double(maxOutput) * (outputRates.max() ?? 0)
        return Self.fromMillionths(micro + (perRequest ?? 0) * 1_000_000)
    }

    /// Dollars from millionths of a dollar, rounded to a whole millionth (half away from zero) before dividing,
    /// so the same counts give the same cost on every engine.
    static func fromMillionths(_ millionths: Double) -> Double { millionths.rounded() / 1_000_000 }

    static func round(_ usd: Double) -> Double { (usd * 1_000_000).rounded() / 1_000_000 }
}

/// The dated price table: the price of a model at a moment is its newest row with `valid_from` at or
/// before that moment (the gateway reads it with the call's routing, `ModelResolver`). A model with no
/// such row is unpriced.
public struct PriceBook: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Every price row of `model`, oldest first.
    public func history(model: UUID) async throws -> [ModelPrice] {
        var sql = SQLText(store.engine, "SELECT \(Self.columnList) FROM llm_model_prices WHERE model_id = ")
        sql.bind(.uuid(model), as: .uuid)
        sql.append(" ORDER BY valid_from")
        return try await store.rows(sql).map { try Self.price(from: store.decode($0, Self.columns)) }
    }

    /// The rate columns, in `ModelPrice`'s order.
    static let rateColumns = ["input_per_million", "output_per_million", "cached_input_per_million", "cache_write_per_million",
                              "reasoning_per_million", "per_request"]

    static let columns: [ColumnDeclaration] = ["id", "valid_from", "input_per_million", "output_per_million", "cached_input_per_million",
                                              "cache_write_per_million", "reasoning_per_million", "per_request"]
        .compactMap { ModelCatalogTables.llmModelPrices.column($0) }
    static let columnList = columns.map { quote($0.name) }.joined(separator: ", ")

    static func price(from row: DBRow) throws -> ModelPrice {
        guard let id = row["id"]?.uuidValue, let from = row["valid_from"]?.dateValue else { throw ImportError("a price row has no id or date") }
        return ModelPrice(id: id, validFrom: from, input: row["input_per_million"]?.doubleValue,
                          output: row["output_per_million"]?.doubleValue, cachedInput: row["cached_input_per_million"]?.doubleValue,
                          cacheWrite: row["cache_write_per_million"]?.doubleValue, reasoning: row["reasoning_per_million"]?.doubleValue,
                          perRequest: row["per_request"]?.doubleValue)
    }
}

/// A cautious count of the tokens a request's messages will take, made before the call (for the cost limit
/// and the budget reservation, which the real count then settles). BPE tokenizers give a common word one
/// token; this counts a word as one token per four letters, each digit group of three, each other symbol,
/// non-Latin text per two bytes, plus OpenAI's per-message overhead, so it rarely counts fewer than the
/// provider will.
public enum TokenEstimate {
    public static func tokens(in text: String) -> Int {
        var count = 0, letters = 0, digits = 0, wide = 0
        func flush() {
            if letters > 0 { count += (letters + 3) / 4 }
            if digits > 0 { count += (digits + 2) / 3 }
            if wide > 0 { count += (wide + 1) / 2 }
            letters = 0; digits = 0; wide = 0
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let v = scalar.value
                if (v >= 65 && v <= 90) || (v >= 97 && v <= 122) {
                    if digits > 0 || wide > 0 { flush() }
                    letters += 1
                } else if v >= 48 && v <= 57 {
                    if letters > 0 || wide > 0 { flush() }
                    digits += 1
                } else {
                    flush()
                    if v != 32 { count += 1 }
                }
            } else {
                if letters > 0 || digits > 0 { flush() }
                wide += String(scalar).utf8.count
            }
        }
        flush()
        return count
    }

    /// The tokens of a chat request's `messages` (text parts counted, each image as a high-detail tile set).
    public static func tokens(inMessages messages: [JSONValue]) -> Int {
        var total = 3
        for message in messages {
            total += 4
            guard let object = message.objectValue else { continue }
            for (key, value) in object where key != "role" {
                total += tokens(inValue: value)
            }
        }
        return total
    }

    private static func tokens(inValue value: JSONValue) -> Int {
        switch value {
        case .string(let text): return tokens(in: text)
        case .array(let items): return items.reduce(0) { $0 + tokens(inValue: $1) }
        case .object(let object):
            if object["type"]?.stringValue == "image_url" || object["image_url"] != nil { return 1105 }
            return object.reduce(0) { $0 + tokens(inValue: $1.value) }
        case .number: return 2
        case .bool, .null: return 1
        }
    }
}
