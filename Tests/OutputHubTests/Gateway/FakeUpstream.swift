import Foundation
import NIOConcurrencyHelpers
@testable import OutputHub
import Vapor

/// A model provider on loopback for the gateway tests, speaking OpenAI's chat completions and embeddings
/// and Anthropic's Messages API, streamed or not. The first path segment of a configuration's base URL
/// picks how it behaves: `ok`, `fail-twice` (500 twice, then an answer), `always-500`, `always-429`,
/// `always-401`, `redirect` (to the metadata address), `slow` (answers after 3 s), `drop` (breaks the connection mid-answer), `cached` (usage with
/// cached and reasoning tokens), `tools` (answers with a tool call).
final class FakeUpstream: Sendable {
    struct Recorded: Sendable {
        let path: String
        let headers: [(String, String)]
        let body: JSONValue
    }

    let app: Application
    let port: Int
    private let recorded = NIOLockedValueBox<[Recorded]>([])
    private let attempts = NIOLockedValueBox<[String: Int]>([:])

    private init(app: Application, port: Int) {
        self.app = app
        self.port = port
    }

    var requests: [Recorded] { recorded.withLockedValue { $0 } }

    /// `http://127.0.0.1:PORT/<behaviour>` (add `/v1` for OpenAI-style configurations).
    func base(_ behaviour: String) -> String { "http://127.0.0.1:\(port)/\(behaviour)" }

    static func start() async throws -> FakeUpstream {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .error
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        let holder = NIOLockedValueBox<FakeUpstream?>(nil)
        app.on(.POST, "**", body: .collect(maxSize: "4mb")) { req async throws -> Response in
            guard let upstream = holder.withLockedValue({ $0 }) else { throw Abort(.serviceUnavailable) }
            return try await upstream.answer(req)
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        guard let port = app.http.server.shared.localAddress?.port else { throw TestFailure("the fake upstream has no port") }
        let upstream = FakeUpstream(app: app, port: port)
        holder.withLockedValue { $0 = upstream }
        return upstream
    }

    func stop() async {
        await app.server.shutdown()
        try? await app.asyncShutdown()
    }

    private func answer(_ req: Request) async throws -> Response {
        let parts = req.url.path.split(separator: "/").map(String.init)
        let behaviour = parts.first ?? "ok"
        let endpoint = parts.dropFirst().joined(separator: "/")
        let body = req.body.data.flatMap { JSONValue.parse(Array(buffer: $0)) } ?? .null
        recorded.withLockedValue { $0.append(Recorded(path: req.url.path, headers: req.headers.map { ($0.name, $0.value) }, body: body)) }
        let attempt = attempts.withLockedValue { counts -> Int in
            counts[behaviour, default: 0] += 1
            return counts[behaviour]!
        }
        switch behaviour {
        case "always-500": return Self.json(#"{"error":{"message":"the upstream broke","type":"server_error"}}"#, status: .internalServerError)
        case "always-429": return Self.json(#"{"error":{"message":"slow down","type":"rate_limit"}}"#, status: .tooManyRequests)
        case "always-401": return Self.json(#"{"error":{"message":"Incorrect API key provided: sk-fake-secret-0001"}}"#, status: .unauthorized)
        case "fail-twice" where attempt <= 2: return Self.json(#"{"error":{"message":"try again"}}"#, status: .badGateway)
        case "redirect":
            let response = Response(status: .found)
            response.headers.replaceOrAdd(name: .location, value: "http://169.254.169.254/latest/meta-data/")
            return response
        case "slow": try await Task.sleep(nanoseconds: 3_000_000_000)
        default: break
        }
        let stream = body["stream"]?.boolValue ?? false
        switch endpoint {
        case "v1/embeddings" where behaviour == "words":
            let texts = body["input"]?.arrayValue?.compactMap(\.stringValue) ?? [body["input"]?.stringValue ?? ""]
            let data = texts.enumerated().map { #"{"object":"embedding","index":\#($0.offset),"embedding":\#(Self.wordVector($0.element))}"# }.joined(separator: ",")
            return Self.json(#"{"object":"list","data":[\#(data)],"model":"words","usage":{"prompt_tokens":\#(texts.count * 10),"total_tokens":\#(texts.count * 10)}}"#)
        case "v1/embeddings":
            let inputs = body["input"]?.arrayValue?.count ?? 1
            let data = (0..<inputs).map { #"{"object":"embedding","index":\#($0),"embedding":[0.1,0.2,0.3]}"# }.joined(separator: ",")
            return Self.json(#"{"object":"list","data":[\#(data)],"model":"m","usage":{"prompt_tokens":\#(inputs * 3),"total_tokens":\#(inputs * 3)}}"#)
        case "v1/chat/completions":
            return openAI(body, stream: stream, behaviour: behaviour)
        case "v1/messages":
            return anthropic(body, stream: stream, behaviour: behaviour)
        default:
            return Self.json(#"{"error":{"message":"no such endpoint"}}"#, status: .notFound)
        }
    }

    /// The texts sent for embedding so far, in order.
    var embeddedTexts: [String] {
        requests.filter { $0.path.hasSuffix("/v1/embeddings") }.flatMap { $0.body["input"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    }

    /// A stand-in embedding model (behaviour `words`): each word of the text, lowercased, adds 1 to one of
    /// 64 dimensions picked by its FNV-1a hash, so texts sharing words point the same way.
    static func wordVector(_ text: String) -> String {
        var vector = [Double](repeating: 0, count: 64)
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }) {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in word.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            vector[Int(hash % 64)] += 1
        }
        return "[" + vector.map { String(Int($0)) }.joined(separator: ",") + "]"
    }

    static func lastUserText(_ body: JSONValue) -> String {
        let message = body["messages"]?.arrayValue?.last { $0["role"]?.stringValue == "user" }
        if let text = message?["content"]?.stringValue { return text }
        return message?["content"]?.arrayValue?.compactMap { $0["text"]?.stringValue }.joined() ?? ""
    }

    private func openAI(_ body: JSONValue, stream: Bool, behaviour: String) -> Response {
        let text = "Echo: " + Self.lastUserText(body)
        let usage = behaviour == "cached"
            ? #"{"prompt_tokens":1000,"completion_tokens":200,"total_tokens":1200,"prompt_tokens_details":{"cached_tokens":400},"completion_tokens_details":{"reasoning_tokens":50}}"#
            : #"{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}"#
        if !stream {
            let message = behaviour == "tools"
                ? #"{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function","function":{"name":"lookup","arguments":"{\"q\":\"x\"}"}}]}"#
                : #"{"role":"assistant","content":\#(Self.quoted(text))}"#
            return Self.json(#"{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"fake","choices":[{"index":0,"message":\#(message),"finish_reason":"stop"}],"usage":\#(usage)}"#)
        }
        var events: [String] = []
        for piece in ["Echo: ", Self.lastUserText(body)] {
            events.append(#"{"id":"c","object":"chat.completion.chunk","created":1,"model":"fake","choices":[{"index":0,"delta":{"content":\#(Self.quoted(piece))},"finish_reason":null}],"usage":null}"#)
        }
        events.append(#"{"id":"c","object":"chat.completion.chunk","created":1,"model":"fake","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":null}"#)
        if body["stream_options"]?["include_usage"]?.boolValue == true {
            events.append(#"{"id":"c","object":"chat.completion.chunk","created":1,"model":"fake","choices":[],"usage":\#(usage)}"#)
        }
        return Self.sse(events.map { "data: \($0)\n\n" } + ["data: [DONE]\n\n"], dropAfter: behaviour == "drop" ? 1 : nil)
    }

    private func anthropic(_ body: JSONValue, stream: Bool, behaviour: String) -> Response {
        let text = "Echo: " + Self.lastUserText(body)
        let wantsTool = body["tools"]?.arrayValue?.isEmpty == false
        let usage = #"{"input_tokens":1000,"output_tokens":500,"cache_read_input_tokens":300,"cache_creation_input_tokens":200}"#
        if !stream {
            let content = wantsTool
                ? #"[{"type":"text","text":"Let me look."},{"type":"tool_use","id":"toolu_1","name":"lookup","input":{"q":"x"}}]"#
                : #"[{"type":"text","text":\#(Self.quoted(text))}]"#
            return Self.json(#"{"id":"msg_1","type":"message","role":"assistant","model":"claude-fake","content":\#(content),"stop_reason":"\#(wantsTool ? "tool_use" : "end_turn")","usage":\#(usage)}"#)
        }
        var events = [
            ("message_start", #"{"type":"message_start","message":{"id":"msg_1","model":"claude-fake","usage":{"input_tokens":1000,"output_tokens":1,"cache_read_input_tokens":300,"cache_creation_input_tokens":200}}}"#),
            ("content_block_start", #"{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"#),
            ("ping", #"{"type":"ping"}"#),
            ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Echo: "}}"#),
            ("content_block_delta", #"{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\#(Self.quoted(Self.lastUserText(body)))}}"#),
            ("content_block_stop", #"{"type":"content_block_stop","index":0}"#),
        ]
        if wantsTool {
            events += [
                ("content_block_start", #"{"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}}"#),
                ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\"q\":"}}"#),
                ("content_block_delta", #"{"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"\"x\"}"}}"#),
                ("content_block_stop", #"{"type":"content_block_stop","index":1}"#),
            ]
        }
        events += [
            ("message_delta", #"{"type":"message_delta","delta":{"stop_reason":"\#(wantsTool ? "tool_use" : "end_turn")"},"usage":{"output_tokens":500}}"#),
            ("message_stop", #"{"type":"message_stop"}"#),
        ]
        return Self.sse(events.map { "event: \($0.0)\ndata: \($0.1)\n\n" }, dropAfter: behaviour == "drop" ? 2 : nil)
    }

    static func quoted(_ text: String) -> String { String(decoding: JSONValue.string(text).jsonBytes, as: UTF8.self) }

    static func json(_ text: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .json
        return response
    }

    /// An event stream; with `dropAfter`, the connection breaks after that many events.
    static func sse(_ events: [String], dropAfter: Int?) -> Response {
        let response = Response(status: .ok)
        response.headers.replaceOrAdd(name: .contentType, value: "text/event-stream")
        response.body = .init(asyncStream: { writer in
            for (index, event) in events.enumerated() {
                if let dropAfter, index == dropAfter {
                    try await writer.write(.error(Abort(.internalServerError)))
                    return
                }
                try await writer.write(.buffer(ByteBuffer(string: event)))
            }
            try await writer.write(.end)
        })
        return response
    }
}
