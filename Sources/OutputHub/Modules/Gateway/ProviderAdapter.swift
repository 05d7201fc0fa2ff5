import Foundation

/// A chat call ready for a provider: OpenAI's request shape with the configuration's parameters applied
/// and `model` set to the provider's identifier.
public struct ChatCall: Sendable {
    public var body: [String: JSONValue]
    public var stream: Bool
    /// The client asked for the usage chunk (`stream_options.include_usage`); the gateway always asks the
    /// provider for it, to cost the call.
    public var clientWantsUsage: Bool
    /// The most output tokens the call may produce (for the worst-case cost).
    public var maxOutputTokens: Int
}

/// What a finished (non-streamed) call answered, already in OpenAI's shape.
public struct ChatResult: Sendable {
    public var body: [UInt8]
    public var usage: TokenUsage
    public var text: String
    /// Set once the call is costed and logged.
    public var summary: GatewayService.CallSummary?
}

/// Speaks one provider API style. The gateway itself only ever speaks OpenAI's shape; an adapter translates
/// requests out and answers back.
public protocol ProviderAdapter: Sendable {
    func chatRequest(_ call: ChatCall, target: GatewayTarget, key: String?) throws -> OutboundRequest
    func chatResult(_ body: [UInt8], created: Int) throws -> ChatResult
    /// Turns the provider's event stream into OpenAI chat.completion.chunk events.
    func streamRelay(clientWantsUsage: Bool, model: String, created: Int) -> any StreamRelay
    func embeddingsRequest(_ body: [String: JSONValue], target: GatewayTarget, key: String?) throws -> OutboundRequest
    /// The provider's error message in an error answer's body.
    func errorMessage(_ body: [UInt8]) -> String?
}

/// Reads a provider's server-sent events as they arrive and says what to send the client.
public protocol StreamRelay: AnyObject {
    /// OpenAI-shaped SSE bytes to pass on for `bytes` received (possibly none yet).
    func feed(_ bytes: [UInt8]) throws -> [UInt8]
    /// What is still to send when the provider's stream ended (the final `data: [DONE]`).
    func finish() -> [UInt8]
    var usage: TokenUsage { get }
    /// Whether the provider sent the call's final token count (not when the stream broke off early).
    var usageComplete: Bool { get }
    var text: String { get }
    /// Whether answer content (text or a tool call) has been passed on yet (time to first token).
    var sawContent: Bool { get }
    /// An error event inside the stream, if the provider sent one.
    var streamError: String? { get }
}

public enum ProviderAdapters {
    public static func adapter(style: String) -> any ProviderAdapter {
        style == "anthropic" ? AnthropicAdapter() : OpenAIAdapter()
    }
}

/// Splits a server-sent event stream into events (`event:` name and joined `data:` lines).
struct SSEParser {
    private var buffer: [UInt8] = []

    struct Event {
        var name: String?
        var data: String
    }

    mutating func feed(_ bytes: [UInt8]) -> [Event] {
        buffer += bytes
        var events: [Event] = []
        var lineStart = 0
        var name: String?
        var data: [String] = []
        var index = 0
        var consumed = 0  // bytes of complete events; a partial event stays in the buffer
        while index < buffer.count {
            if buffer[index] == 10 {  // \n
                var end = index
                if end > lineStart && buffer[end - 1] == 13 { end -= 1 }
                if end == lineStart {
                    if !data.isEmpty || name != nil { events.append(Event(name: name, data: data.joined(separator: "\n"))) }
                    name = nil
                    data = []
                    consumed = index + 1
                } else {
                    let line = String(decoding: buffer[lineStart..<end], as: UTF8.self)
                    if line.hasPrefix("data:") {
                        data.append(String(line.dropFirst(5).drop(while: { $0 == " " })))
                    } else if line.hasPrefix("event:") {
                        name = String(line.dropFirst(6).drop(while: { $0 == " " }))
                    }
                }
                lineStart = index + 1
            }
            index += 1
        }
        if consumed > 0 { buffer.removeFirst(consumed) }
        return events
    }

    /// An event left without its closing blank line when the stream ended.
    mutating func rest() -> [Event] {
        guard !buffer.isEmpty else { return [] }
        buffer += [10, 10]
        return feed([])
    }
}

/// The text of an OpenAI message's `content`: the string, or the text of its parts.
func messageText(_ content: JSONValue?) -> String {
    switch content {
    case .string(let text)?: return text
    case .array(let parts)?: return parts.compactMap { $0["text"]?.stringValue }.joined(separator: "\n")
    default: return ""
    }
}

/// SSE bytes of one `data:` event.
func sseEvent(_ data: String) -> [UInt8] { Array("data: \(data)\n\n".utf8) }
