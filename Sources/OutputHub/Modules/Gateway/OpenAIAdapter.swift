import Foundation

/// OpenAI's API and everything compatible with it (Azure OpenAI, Google's and Mistral's OpenAI endpoints,
/// Ollama, llama.cpp, vLLM): the request goes out as it came, with the provider's model name; answers
/// come back unchanged, read only for their usage and text.
struct OpenAIAdapter: ProviderAdapter {
    func chatRequest(_ call: ChatCall, target: GatewayTarget, key: String?) throws -> OutboundRequest {
        var body = call.body
        body["model"] = .string(target.model.modelID)
        if call.stream {
            var options = body["stream_options"]?.objectValue ?? [:]
            options["include_usage"] = .bool(true)
            body["stream_options"] = .object(options)
        }
        return try request(path: "/chat/completions", body: .object(body), target: target, key: key, stream: call.stream)
    }

    func embeddingsRequest(_ body: [String: JSONValue], target: GatewayTarget, key: String?) throws -> OutboundRequest {
        var body = body
        body["model"] = .string(target.model.modelID)
        return try request(path: "/embeddings", body: .object(body), target: target, key: key, stream: false)
    }

    private func request(path: String, body: JSONValue, target: GatewayTarget, key: String?, stream: Bool) throws -> OutboundRequest {
        guard let base = target.baseURL else {
            throw GatewayError(status: 502, "Provider \(target.model.providerCode) has no API base URL: set api_base_url on the provider or the configuration",
                               type: "api_error", code: "provider_not_configured")
        }
        var headers = [("Content-Type", "application/json"), ("Accept", stream ? "text/event-stream" : "application/json")]
        if let key {
            headers.append(("Authorization", "Bearer \(key)"))
            if target.model.providerCode == "azure_openai" { headers.append(("api-key", key)) }
        }
        return OutboundRequest(method: "POST", url: Self.join(base, path), headers: headers, body: body.jsonBytes, timeout: target.timeout)
    }

    static func join(_ base: String, _ path: String) -> String {
        base.hasSuffix("/") ? String(base.dropLast()) + path : base + path
    }

    func chatResult(_ body: [UInt8], created: Int) throws -> ChatResult {
        guard let answer = JSONValue.parse(body), answer.objectValue != nil else {
            throw GatewayError(status: 502, "The provider's answer is not JSON", type: "api_error", code: "bad_upstream_answer")
        }
        let message = answer["choices"]?.arrayValue?.first?["message"]
        return ChatResult(body: body, usage: Self.usage(answer["usage"]), text: message?["content"]?.stringValue ?? "")
    }

    static func usage(_ value: JSONValue?) -> TokenUsage {
        guard let value, value.objectValue != nil else { return TokenUsage() }
        return TokenUsage(input: value["prompt_tokens"]?.intValue ?? 0, output: value["completion_tokens"]?.intValue ?? 0,
                          cachedInput: value["prompt_tokens_details"]?["cached_tokens"]?.intValue ?? 0,
                          reasoning: value["completion_tokens_details"]?["reasoning_tokens"]?.intValue ?? 0)
    }

    func streamRelay(clientWantsUsage: Bool, model: String, created: Int) -> any StreamRelay {
        OpenAIStreamRelay(clientWantsUsage: clientWantsUsage)
    }

    func errorMessage(_ body: [UInt8]) -> String? {
        guard let answer = JSONValue.parse(body) else { return nil }
        return answer["error"]?["message"]?.stringValue ?? answer["error"]?.stringValue ?? answer["message"]?.stringValue
    }
}

/// Passes OpenAI chunks on as they are, reading their text and usage; drops the usage-only chunk the
/// gateway asked for when the client did not.
final class OpenAIStreamRelay: StreamRelay {
    private var parser = SSEParser()
    private let clientWantsUsage: Bool
    private(set) var usage = TokenUsage()
    private(set) var usageComplete = false
    private(set) var text = ""
    private(set) var sawContent = false
    private(set) var streamError: String?
    private var done = false

    init(clientWantsUsage: Bool) { self.clientWantsUsage = clientWantsUsage }

    func feed(_ bytes: [UInt8]) throws -> [UInt8] {
        relay(parser.feed(bytes))
    }

    func finish() -> [UInt8] {
        var out = relay(parser.rest())
        if !done { out += sseEvent("[DONE]") }
        done = true
        return out
    }

    private func relay(_ events: [SSEParser.Event]) -> [UInt8] {
        var out: [UInt8] = []
        for event in events where !done {
            if event.data == "[DONE]" {
                out += sseEvent("[DONE]")
                done = true
                continue
            }
            guard let chunk = JSONValue.parse(Array(event.data.utf8)) else { continue }
            if let error = chunk["error"] {
                streamError = error["message"]?.stringValue ?? "the provider sent an error"
                out += sseEvent(event.data)
                continue
            }
            let choices = chunk["choices"]?.arrayValue ?? []
            if let usageValue = chunk["usage"], usageValue.objectValue != nil {
                usage = OpenAIAdapter.usage(usageValue)
                usageComplete = true
                if choices.isEmpty && !clientWantsUsage { continue }
            }
            for choice in choices {
                let delta = choice["delta"]
                if let piece = delta?["content"]?.stringValue, !piece.isEmpty {
                    text += piece
                    sawContent = true
                }
                if delta?["tool_calls"] != nil { sawContent = true }
            }
            out += sseEvent(event.data)
        }
        return out
    }
}
