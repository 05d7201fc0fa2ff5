import NIOConcurrencyHelpers
import Vapor

/// Lets the server stop cleanly under load. When it stops, it closes its connections first; a request whose
/// client already hung up is still being handled then, and closing the database under it would crash the
/// process. This middleware counts the requests being handled, and at shutdown (before the database closes:
/// lifecycle handlers stop in reverse order) waits for them to finish, for at most `drainTimeout`.
final class InFlightRequests: Middleware, LifecycleHandler, Sendable {
    let drainTimeout: Duration
    private let count = NIOLockedValueBox(0)

    init(drainTimeout: Duration = .seconds(10)) { self.drainTimeout = drainTimeout }

    /// Requests being handled now.
    var current: Int { count.withLockedValue { $0 } }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        count.withLockedValue { $0 += 1 }
        return next.respond(to: request).always { _ in self.count.withLockedValue { $0 -= 1 } }
    }

    func shutdownAsync(_ application: Application) async {
        let deadline = ContinuousClock.now + drainTimeout
        while current > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if current > 0 { application.logger.warning("stopping with \(current) requests still being handled") }
    }
}
