import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A request Output Hub sends to another server (a model provider, a webhook, an embeddings endpoint).
public struct OutboundRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?
    /// How long the whole exchange may take, connection included.
    public var timeout: TimeInterval

    public init(method: String = "GET", url: String, headers: [(String, String)] = [], body: [UInt8]? = nil, timeout: TimeInterval = 60) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// The answer to an `OutboundRequest`, read whole.
public struct OutboundResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
}

/// The answer to an `OutboundRequest` whose body arrives in parts (server-sent events).
public struct OutboundStream: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: AsyncThrowingStream<[UInt8], any Error>

    public init(status: Int, headers: [(String, String)] = [], body: AsyncThrowingStream<[UInt8], any Error>) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// Why an outbound exchange failed without an answer, in terms callers decide on (retry, fall back).
public enum OutboundError: Error, Sendable, CustomStringConvertible {
    /// The exchange took longer than its timeout.
    case timeout
    /// No connection, or it broke before the answer was complete.
    case connection(String)

    public var description: String {
        switch self {
        case .timeout: "the request timed out"
        case .connection(let reason): "the connection failed: \(reason)"
        }
    }

    static func from(_ error: any Error) -> OutboundError {
        if let error = error as? OutboundError { return error }
        if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout { return .timeout }
        return .connection(String(describing: error))
    }
}

/// Outbound HTTP. Production uses AsyncHTTPClient; tests use `RecordingHTTPClient`-style fakes.
public protocol OutboundHTTPClient: Sendable {
    /// Sends a request and reads the whole answer (at most `limit` bytes).
    func send(_ request: OutboundRequest, limit: Int) async throws -> OutboundResponse
    /// Sends a request and hands over the answer's body as it arrives.
    func stream(_ request: OutboundRequest) async throws -> OutboundStream
}

extension OutboundHTTPClient {
    public func send(_ request: OutboundRequest) async throws -> OutboundResponse { try await send(request, limit: 16 << 20) }
}

/// One process-wide AsyncHTTPClient (its event loops and connection pool are shared and never shut down)
/// that does not follow redirects: a server that answers a redirect gets that answer back, so an address
/// checked before the call (a tenant's model base URL) cannot lead somewhere unchecked.
public struct SharedHTTPClient: OutboundHTTPClient {
    static let client = HTTPClient(eventLoopGroupProvider: .singleton,
                                   configuration: HTTPClient.Configuration(redirectConfiguration: .disallow))

    public init() {}

    public func send(_ request: OutboundRequest, limit: Int) async throws -> OutboundResponse {
        do {
            let response = try await Self.client.execute(Self.prepare(request), timeout: .milliseconds(Int64(request.timeout * 1000)))
            let body = try await response.body.collect(upTo: limit)
            return OutboundResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                                    body: Array(buffer: body))
        } catch {
            throw OutboundError.from(error)
        }
    }

    public func stream(_ request: OutboundRequest) async throws -> OutboundStream {
        let response: HTTPClientResponse
        do {
            response = try await Self.client.execute(Self.prepare(request), timeout: .milliseconds(Int64(request.timeout * 1000)))
        } catch {
            throw OutboundError.from(error)
        }
        let body = AsyncThrowingStream<[UInt8], any Error> { continuation in
            let task = Task {
                do {
                    for try await part in response.body { continuation.yield(Array(buffer: part)) }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: OutboundError.from(error))
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
        return OutboundStream(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body)
    }

    private static func prepare(_ request: OutboundRequest) -> HTTPClientRequest {
        var prepared = HTTPClientRequest(url: request.url)
        prepared.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers { prepared.headers.add(name: name, value: value) }
        if let body = request.body { prepared.body = .bytes(ByteBuffer(bytes: body)) }
        return prepared
    }
}
