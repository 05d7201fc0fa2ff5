import Foundation
import NIOConcurrencyHelpers
@testable import OutputHub

/// A clock tests move by hand.
final class TestClock: WallClock {
    private let current: NIOLockedValueBox<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) { current = NIOLockedValueBox(start) }

    func now() -> Date { current.withLockedValue { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
    func set(_ date: Date) { current.withLockedValue { $0 = date } }
    /// Waiting moves the clock instead of taking time.
    func sleep(seconds: TimeInterval) async throws { advance(seconds) }
}

/// An HTTP client that answers from a script and records every request, so tests declare the calls they allow.
final class RecordingHTTPClient: OutboundHTTPClient {
    typealias Answer = @Sendable (OutboundRequest) throws -> OutboundResponse
    private let answer: Answer
    private let recorded = NIOLockedValueBox<[OutboundRequest]>([])

    init(_ answer: @escaping Answer = { request in throw UnexpectedRequest(url: request.url) }) { self.answer = answer }

    var requests: [OutboundRequest] { recorded.withLockedValue { $0 } }

    func send(_ request: OutboundRequest, limit: Int) async throws -> OutboundResponse {
        recorded.withLockedValue { $0.append(request) }
        return try answer(request)
    }

    func stream(_ request: OutboundRequest) async throws -> OutboundStream {
        let response = try await send(request, limit: .max)
        let body = response.body
        return OutboundStream(status: response.status, headers: response.headers, body: AsyncThrowingStream { continuation in
            continuation.yield(body)
            continuation.finish()
        })
    }

    struct UnexpectedRequest: Error { let url: String }
}
