import Foundation

/// Anthropic's Messages API, translated both ways: OpenAI messages, tools and parameters out; messages,
/// tool use, stop reasons and usage (cache reads and writes included) back as OpenAI chat completions,
/// streamed or not.
struct AnthropicAdapter: ProviderAdapter {
    static let version = "2023-06-01"

    func chatRequest(_ call: ChatCall, target: GatewayTarget, key: String?) throws -> OutboundRequest {
        guard let base = target.baseURL else {
            throw GatewayError(status: 502, "Provider \(target.model.providerCode) has no API base URL", type: "api_error", code: "provider_not_configured")
        }
        var headers = [("Content-Type", "application/json"), ("anthropic-version", Self.version)]
        if let key { headers.append(("x-api-key", key)) }
        let body = try Self.translate(call, model: target.model.modelID)
        return OutboundRequest(method: "POST", url: OpenAIAdapter.join(base, "/v1/messages"), headers: headers,
                               body: JSONValue.object(body).jsonBytes, timeout: target.timeout)
    }

    func embeddingsRequest(_ body: [String: JSONValue], target: GatewayTarget, key: String?) throws -> OutboundRequest {
        throw GatewayError.invalid("\(target.model.modelID) is an Anthropic model: Anthropic has no embeddings API", param: "model", code: "model_not_supported")
    }

    // MARK: Request

    static func translate(_ call: ChatCall, model: String) throws -> [String: JSONValue] {
        let source = call.body
        var system: [String] = []
        var messages: [JSONValue] = []
        func append(role: String, _ blocks: [JSONValue]) {
            guard !blocks.isEmpty else { return }
            // Anthropic wants user and assistant turns to alternate: consecutive turns of one role merge.
            if let last = messages.last, last["role"]?.stringValue == role, case .array(let earlier)? = last["content"] {
                messages[messages.count - 1] = .object(["role": .string(role), "content": .array(earlier + blocks)])
            } else {
                messages.append(.object(["role": .string(role), "content": .array(blocks)]))
            }
        }
        for (index, message) in (source["messages"]?.arrayValue ?? []).enumerated() {
            let role = message["role"]?.stringValue ?? ""
            switch role {
            case "system", "developer":
                system.append(messageText(message["content"]))
            case "user":
                append(role: "user", try blocks(message["content"], at: index))
            case "assistant":
                var content = try blocks(message["content"], at: index)
                for call in message["tool_calls"]?.arrayValue ?? [] {
                    let arguments = call["function"]?["arguments"]?.stringValue ?? "{}"
                    let input = JSONValue.parse(Array(arguments.utf8)) ?? .object([:])
                    content.append(.object(["type": "tool_use", "id": call["id"] ?? .string("call_\(index)"),
                                            "name": call["function"]?["name"] ?? "", "input": input]))
                }
                append(role: "assistant", content)
            case "tool":
                append(role: "user", [.object(["type": "tool_result", "tool_use_id": message["tool_call_id"] ?? "",
                                               "content": .string(messageText(message["content"]))])])
            default:
                throw GatewayError.invalid("messages[\(index)].role must be system, user, assistant or tool", param: "messages[\(index)].role")
            }
        }
        var body: [String: JSONValue] = ["model": .string(model), "messages": .array(messages), "max_tokens": .number(Double(call.maxOutputTokens))]
        if !system.isEmpty { body["system"] = .string(system.joined(separator: "\n\n")) }
        if let temperature = source["temperature"]?.numberValue { body["temperature"] = .number(min(temperature, 1)) }
        if let topP = source["top_p"] { body["top_p"] = topP }
        if let topK = source["top_k"] { body["top_k"] = topK }
        switch source["stop"] {
        case .string(let stop)?: body["stop_sequences"] = .array([.string(stop)])
        case .array(let stops)?: body["stop_sequences"] = .array(stops)
        default: break
        }
        if call.stream { body["stream"] = .bool(true) }
        if let tools = source["tools"]?.arrayValue {
            body["tools"] = .array(tools.compactMap { tool in
                guard let function = tool["function"] else { return nil }
                var out: [String: JSONValue] = ["name": function["name"] ?? "", "input_schema": function["parameters"] ?? .object(["type": "object"])]
                if let description = function["description"] { out["description"] = description }
                return .object(out)
            })
        }
        switch source["tool_choice"] {
        case .string("auto")?: body["tool_choice"] = .object(["type": "auto"])
        case .string("required")?: body["tool_choice"] = .object(["type": "any"])
        case .string("none")?: body["tool_choice"] = .object(["type": "none"])
        case .object(let choice)?:
            if let name = choice["function"]?["name"] { body["tool_choice"] = .object(["type": "tool", "name": name]) }
        default: break
        }
        if let user = source["user"]?.stringValue { body["metadata"] = .object(["user_id": .string(user)]) }
        return body
    }


    /// OpenAI content (a string or parts) as Anthropic content blocks.
    private static func blocks(_ content: JSONValue?, at index: Int) throws -> [JSONValue] {
        switch content {
        case nil, .null?: return []
        case .string(let text)?: return text.isEmpty ? [] : [.object(["type": "text", "text": .string(text)])]
        case .array(let parts)?:
            return try parts.map { part in
                switch part["type"]?.stringValue {
                case "text": return .object(["type": "text", "text": part["text"] ?? ""])
                case "image_url":
                    let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue ?? ""
                    if url.hasPrefix("data:"), let comma = url.firstIndex(of: ",") {
                        let header = url[url.index(url.startIndex, offsetBy: 5)..<comma]
                        let mediaType = header.split(separator: ";").first.map(String.init) ?? "image/png"
                        return .object(["type": "image", "source": .object(["type": "base64", "media_type": .string(mediaType),
                                                                             "data": .string(String(url[url.index(after: comma)...]))])])
                    }
                    return .object(["type": "image", "source": .object(["type": "url", "url": .string(url)])])
                default:
                    throw GatewayError.invalid("messages[\(index)].content has a part Anthropic cannot take", param: "messages[\(index)].content")
                }
            }
        default:
            throw GatewayError.invalid("messages[\(index)].content must be a string or an array of parts", param: "messages[\(index)].content")
        }
    }

    // MARK: Answer

    static func finishReason(_ stop: String?) -> JSONValue {
        switch stop {
        case "end_turn"?, "stop_sequence"?: "stop"
        case "max_tokens"?, "model_context_window_exceeded"?: "length"
        case "tool_use"?: "tool_calls"
        case "refusal"?: "content_filter"
        case nil: .null
        default: "stop"
        }
    }

    static func usage(_ value: JSONValue?) -> TokenUsage {
        let read = value?["cache_read_input_tokens"]?.intValue ?? 0
        let written = value?["cache_creation_input_tokens"]?.intValue ?? 0
        return TokenUsage(input: (value?["input_tokens"]?.intValue ?? 0) + read + written, output: value?["output_tokens"]?.intValue ?? 0,
                          cachedInput: read, cacheWrite: written)
    }

    static func openAIUsage(_ usage: TokenUsage) -> JSONValue {
        .object(["prompt_tokens": .number(Double(usage.input)), "completion_tokens": .number(Double(usage.output)),
                 "total_tokens": .number(Double(usage.total)),
                 "prompt_tokens_details": .object(["cached_tokens": .number(Double(usage.cachedInput))]),
                 "completion_tokens_details": .object(["reasoning_tokens": .number(Double(usage.reasoning))])])
    }

    func chatResult(_ body: [UInt8], created: Int) throws -> ChatResult {
        guard let answer = JSONValue.parse(body), answer.objectValue != nil else {
            throw GatewayError(status: 502, "The provider's answer is not JSON", type: "api_error", code: "bad_upstream_answer")
        }
        var text = ""
        var toolCalls: [JSONValue] = []
        for block in answer["content"]?.arrayValue ?? [] {
            switch block["type"]?.stringValue {
            case "text": text += block["text"]?.stringValue ?? ""
            case "tool_use":
                let arguments = String(decoding: (block["input"] ?? .object([:])).jsonBytes, as: UTF8.self)
                toolCalls.append(.object(["id": block["id"] ?? "", "type": "function",
                                          "function": .object(["name": block["name"] ?? "", "arguments": .string(arguments)])]))
            default: break
            }
        }
        let usage = Self.usage(answer["usage"])
        var message: [String: JSONValue] = ["role": "assistant", "content": toolCalls.isEmpty || !text.isEmpty ? .string(text) : .null]
        if !toolCalls.isEmpty { message["tool_calls"] = .array(toolCalls) }
        let completion: JSONValue = .object([
            "id": .string("chatcmpl-" + (answer["id"]?.stringValue ?? UUID().uuidString)), "object": "chat.completion",
            "created": .number(Double(created)), "model": answer["model"] ?? "",
            "choices": .array([.object(["index": 0, "message": .object(message),
                                        "finish_reason": Self.finishReason(answer["stop_reason"]?.stringValue)])]),
            "usage": Self.openAIUsage(usage),
        ])
        return ChatResult(body: completion.jsonBytes, usage: usage, text: text)
    }

    func streamRelay(clientWantsUsage: Bool, model: String, created: Int) -> any StreamRelay {
        AnthropicStreamRelay(clientWantsUsage: clientWantsUsage, model: model, created: created)
    }

    func errorMessage(_ body: [UInt8]) -> String? {
        JSONValue.parse(body)?["error"]?["message"]?.stringValue
    }
}

/// Anthropic's stream events as OpenAI chunks: text deltas, tool calls with their argument pieces, the stop
/// reason, and the usage chunk when the client asked for it.
final class AnthropicStreamRelay: StreamRelay {
    private var parser = SSEParser()
    private let clientWantsUsage: Bool
    private var model: String
    private let created: Int
    private var id = "chatcmpl-anthropic"
    private(set) var usage = TokenUsage()
    private(set) var usageComplete = false
    private(set) var text = ""
    private(set) var sawContent = false
    private(set) var streamError: String?
    private var toolIndexByBlock: [Int: Int] = [:]
    private var finished = false

    init(clientWantsUsage: Bool, model: String, created: Int) {
        self.clientWantsUsage = clientWantsUsage
        self.model = model
        self.created = created
    }

    func feed(_ bytes: [UInt8]) throws -> [UInt8] { relay(parser.feed(bytes)) }

    func finish() -> [UInt8] {
        var out = relay(parser.rest())
        if !finished { out += close() }
        return out
    }

    private func chunk(_ delta: JSONValue, finish: JSONValue = .null) -> [UInt8] {
        let value: JSONValue = .object([
            "id": .string(id), "object": "chat.completion.chunk", "created": .number(Double(created)), "model": .string(model),
            "choices": .array([.object(["index": 0, "delta": delta, "finish_reason": finish])]),
        ])
        return sseEvent(String(decoding: value.jsonBytes, as: UTF8.self))
    }

    private func close() -> [UInt8] {
        finished = true
        var out: [UInt8] = []
        if clientWantsUsage {
            let value: JSONValue = .object(["id": .string(id), "object": "chat.completion.chunk", "created": .number(Double(created)),
                                            "model": .string(model), "choices": .array([]), "usage": AnthropicAdapter.openAIUsage(usage)])
            out += sseEvent(String(decoding: value.jsonBytes, as: UTF8.self))
        }
        return out + sseEvent("[DONE]")
    }

    private func relay(_ events: [SSEParser.Event]) -> [UInt8] {
        var out: [UInt8] = []
        for event in events where !finished {
            guard let data = JSONValue.parse(Array(event.data.utf8)) else { continue }
            switch data["type"]?.stringValue ?? event.name {
            case "message_start":
                let message = data["message"]
                if let messageID = message?["id"]?.stringValue { id = "chatcmpl-" + messageID }
                if let name = message?["model"]?.stringValue { model = name }
                usage = AnthropicAdapter.usage(message?["usage"])
                out += chunk(.object(["role": "assistant", "content": ""]))
            case "content_block_start":
                let block = data["content_block"]
                if block?["type"]?.stringValue == "tool_use", let index = data["index"]?.intValue {
                    let toolIndex = toolIndexByBlock.count
                    toolIndexByBlock[index] = toolIndex
                    sawContent = true
                    out += chunk(.object(["tool_calls": .array([.object([
                        "index": .number(Double(toolIndex)), "id": block?["id"] ?? "", "type": "function",
                        "function": .object(["name": block?["name"] ?? "", "arguments": ""]),
                    ])])]))
                }
            case "content_block_delta":
                let delta = data["delta"]
                switch delta?["type"]?.stringValue {
                case "text_delta":
                    let piece = delta?["text"]?.stringValue ?? ""
                    text += piece
                    if !piece.isEmpty { sawContent = true }
                    out += chunk(.object(["content": .string(piece)]))
                case "input_json_delta":
                    if let index = data["index"]?.intValue, let toolIndex = toolIndexByBlock[index] {
                        out += chunk(.object(["tool_calls": .array([.object([
                            "index": .number(Double(toolIndex)),
                            "function": .object(["arguments": delta?["partial_json"] ?? ""]),
                        ])])]))
                    }
                default: break
                }
            case "message_delta":
                if let output = data["usage"]?["output_tokens"]?.intValue {
                    usage.output = output
                    usageComplete = true
                }
                if let stop = data["delta"]?["stop_reason"]?.stringValue {
                    out += chunk(.object([:]), finish: AnthropicAdapter.finishReason(stop))
                }
            case "message_stop":
                out += close()
            case "error":
                streamError = data["error"]?["message"]?.stringValue ?? "the provider sent an error"
                let error: JSONValue = .object(["error": .object(["message": .string(streamError ?? ""), "type": data["error"]?["type"] ?? "api_error"])])
                out += sseEvent(String(decoding: error.jsonBytes, as: UTF8.self))
                out += close()
            default:
                break  // ping, content_block_stop
            }
        }
        return out
    }
}
