import Foundation

/// A tenant's model configuration as the gateway uses it (seed 000 `model_configurations`).
public struct GatewayConfiguration: Sendable {
    public let id: UUID
    public let name: String
    public var temperature: Double?
    public var topP: Double?
    public var topK: Int?
    public var maxTokens: Int?
    public var frequencyPenalty: Double?
    public var presencePenalty: Double?
    public var systemPrompt: String?
    public var stopSequences: [String]?
    /// The sealed provider key (opened only when the call is sent).
    public var sealedKey: String?
    public var baseURL: String?
    public var maxCallsPerMinute: Int?
    public var maxCallsPerDay: Int?
    public var costLimitPerCall: Double?
    public var fallbackID: UUID?
    public var timeoutSeconds: Int?
}

/// A catalog model with its provider.
public struct GatewayModel: Sendable {
    public let id: UUID
    /// The provider's identifier (`gpt-4o`), sent upstream.
    public let modelID: String
    public var mode: String?
    public var contextWindow: Int?
    public var maxOutputTokens: Int?
    public let providerCode: String
    public let apiStyle: String
    public var providerBaseURL: String?
    public var keyVariables: [String]
    public var authType: String
}

/// Where one gateway call goes and why.
public struct GatewayTarget: Sendable {
    public var configuration: GatewayConfiguration?
    public var model: GatewayModel
    /// `user_override` (a named configuration or model), `auto` or `fallback`.
    public var selectedBy: String
    public var categoryKey: String?
    /// For `auto:<category>`: how sure the recommender was (the winner beats the runner-up) and why it
    /// chose the model (scores, parts, weights), for the log.
    public var confidence: Double?
    public var explanation: JSONValue?
    /// The model's price valid at the call's time (nil: unpriced).
    public var price: ModelPrice?
    /// The monthly budgets that hold for the call, in dollars.
    public var tenantBudget: Double?
    public var keyBudget: Double?

    /// The configuration's base URL over the provider's.
    public var baseURL: String? { configuration?.baseURL ?? model.providerBaseURL }
    public var timeout: TimeInterval { TimeInterval(configuration?.timeoutSeconds ?? 120) }
}
