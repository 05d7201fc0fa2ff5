import Foundation

/// A client's chat completion request, checked against OpenAI's parameter ranges (the seed's CHECKs on
/// model configurations are the same), with the configuration's parameters applied where the request has none.
public struct ChatRequest: Sendable {
    public var body: [String: JSONValue]
    public let model: String
    public let stream: Bool
    public let clientWantsUsage: Bool

    /// Parses and checks a request body; every problem is a 400 naming its parameter.
    public init(json bytes: [UInt8]) throws {
        guard let value = JSONValue.parse(bytes), let body = value.objectValue else {
            throw GatewayError.invalid("The request body must be a JSON object (OpenAI's chat completion request)")
        }
        guard let model = body["model"]?.stringValue, !model.isEmpty else {
            throw GatewayError.invalid("model is required: a model configuration name, a catalog model id or auto:<category>", param: "model")
        }
        guard let messages = body["messages"]?.arrayValue, !messages.isEmpty else {
            throw GatewayError.invalid("messages must be a non-empty array", param: "messages")
        }
        for (index, message) in messages.enumerated() {
            guard let role = message["role"]?.stringValue, ["system", "developer", "user", "assistant", "tool", "function"].contains(role) else {
                throw GatewayError.invalid("messages[\(index)].role must be system, developer, user, assistant or tool", param: "messages[\(index)].role")
            }
        }
        try Self.check(body, "temperature", 0...2)
        try Self.check(body, "top_p", 0...1)
        try Self.check(body, "frequency_penalty", -2...2)
        try Self.check(body, "presence_penalty", -2...2)
        for name in ["max_tokens", "max_completion_tokens", "top_k", "n"] {
            if let value = body[name], value != .null {
                guard let number = value.intValue, number >= (name == "top_k" ? 0 : 1) else {
                    throw GatewayError.invalid("\(name) must be a whole number of at least \(name == "top_k" ? 0 : 1)", param: name)
                }
            }
        }
        switch body["stop"] {
        case nil, .null?, .string?: break
        case .array(let stops)? where stops.count <= 4 && stops.allSatisfy({ $0.stringValue != nil }): break
        default: throw GatewayError.invalid("stop must be a string or an array of at most 4 strings", param: "stop")
        }
        if let stream = body["stream"], stream != .null, stream.boolValue == nil {
            throw GatewayError.invalid("stream must be true or false", param: "stream")
        }
        self.body = body
        self.model = model
        self.stream = body["stream"]?.boolValue ?? false
        self.clientWantsUsage = body["stream_options"]?["include_usage"]?.boolValue ?? false
    }

    private static func check(_ body: [String: JSONValue], _ name: String, _ range: ClosedRange<Double>) throws {
        guard let value = body[name], value != .null else { return }
        guard let number = value.numberValue, range.contains(number) else {
            throw GatewayError.invalid("\(name) must be a number from \(format(range.lowerBound)) to \(format(range.upperBound))", param: name)
        }
    }

    private static func format(_ number: Double) -> String { number == number.rounded() ? String(Int(number)) : String(number) }

    /// The request as sent to `target`: the configuration's parameters fill what the request leaves out,
    /// its system prompt comes first unless the request has its own.
    public func call(for target: GatewayTarget) -> ChatCall {
        var body = self.body
        let openAIProper = ["openai", "azure_openai"].contains(target.model.providerCode)
        if let configuration = target.configuration {
            func fill(_ name: String, _ value: JSONValue?) {
                if let value, body[name] == nil || body[name] == .null { body[name] = value }
            }
            fill("temperature", configuration.temperature.map(JSONValue.number))
            fill("top_p", configuration.topP.map(JSONValue.number))
            if !openAIProper { fill("top_k", configuration.topK.map { .number(Double($0)) }) }
            if body["max_tokens"] == nil && body["max_completion_tokens"] == nil, let maxTokens = configuration.maxTokens {
                body[openAIProper ? "max_completion_tokens" : "max_tokens"] = .number(Double(maxTokens))
            }
            fill("frequency_penalty", configuration.frequencyPenalty.map(JSONValue.number))
            fill("presence_penalty", configuration.presencePenalty.map(JSONValue.number))
            if let stops = configuration.stopSequences, !stops.isEmpty { fill("stop", .array(stops.map(JSONValue.string))) }
            if let system = configuration.systemPrompt, !system.isEmpty,
               var messages = body["messages"]?.arrayValue,
               !messages.contains(where: { ["system", "developer"].contains($0["role"]?.stringValue ?? "") }) {
                messages.insert(.object(["role": "system", "content": .string(system)]), at: 0)
                body["messages"] = .array(messages)
            }
        }
        let requested = body["max_completion_tokens"]?.intValue ?? body["max_tokens"]?.intValue
        let maxOutput = requested ?? target.model.maxOutputTokens ?? 4096
        return ChatCall(body: body, stream: stream, clientWantsUsage: clientWantsUsage, maxOutputTokens: maxOutput)
    }

    /// The estimated input tokens of the messages as they will be sent.
    public static func inputTokens(_ call: ChatCall) -> Int {
        TokenEstimate.tokens(inMessages: call.body["messages"]?.arrayValue ?? [])
            + (call.body["tools"].map { TokenEstimate.tokens(in: String(decoding: $0.jsonBytes, as: UTF8.self)) } ?? 0)
    }
}
