import NIOConcurrencyHelpers
import Vapor

/// Lets the server stop cleanly under load. When it stops, it closes its connections first; a request whose
/// client already hung up is still being handled then, and closing the database under it would crash the
/// process. This middleware counts the requests being handled, and at shutdown (before the database closes:
/// lifecycle handlers stop in reverse order) waits for them to finish, for at most `drainTimeout`.
final class InFlightRequests: Middleware, LifecycleHandler, Sendable {
    let drainTimeout: Duration

    private struct Waiter: Sendable {
        /// Given the number of requests being handled and whether shutdown has begun waiting for them.
        let isReady: @Sendable (_ count: Int, _ draining: Bool) -> Bool
        let continuation: CheckedContinuation<Void, Never>
    }

    private struct State: Sendable {
        var count = 0
        var draining = false
        var lastWaiter = 0
        var waiters: [Int: Waiter] = [:]
    }

    private let state = NIOLockedValueBox(State())

    init(drainTimeout: Duration = .seconds(10)) { self.drainTimeout = drainTimeout }

    /// Requests being handled now.
    var current: Int { state.withLockedValue { $0.count } }

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        change { $0.count += 1 }
        return next.respond(to: request).always { _ in self.change { $0.count -= 1 } }
    }

    func shutdownAsync(_ application: Application) async {
        change { $0.draining = true }
        let deadline = ContinuousClock.now + drainTimeout
        while current > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
        if current > 0 { application.logger.warning("stopping with \(current) requests still being handled") }
    }

    // MARK: Observing, for tests

    /// Returns once at least `count` requests are being handled (at once when they already are).
    func untilHandling(atLeast count: Int) async {
        await suspend { handling, _ in handling >= count }
    }

    /// Returns once shutdown has begun waiting for the requests being handled (at once when it has).
    func untilDraining() async {
        await suspend { _, draining in draining }
    }

    /// Suspends until `isReady` holds, or the task is cancelled (a test's time limit).
    private func suspend(until isReady: @escaping @Sendable (_ count: Int, _ draining: Bool) -> Bool) async {
        let id = state.withLockedValue { state -> Int in
            state.lastWaiter += 1
            return state.lastWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let readyNow = self.state.withLockedValue { state -> Bool in
                    if Task.isCancelled || isReady(state.count, state.draining) { return true }
                    state.waiters[id] = Waiter(isReady: isReady, continuation: continuation)
                    return false
                }
                if readyNow { continuation.resume() }
            }
        } onCancel: {
            self.state.withLockedValue { $0.waiters.removeValue(forKey: id) }?.continuation.resume()
        }
    }

    /// Changes the state, then wakes the waiters whose condition now holds (outside the lock).
    private func change(_ body: (inout State) -> Void) {
        let ready = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            body(&state)
            guard !state.waiters.isEmpty else { return [] }
            let count = state.count, draining = state.draining
            var ready: [CheckedContinuation<Void, Never>] = []
            for (id, waiter) in state.waiters where waiter.isReady(count, draining) {
                ready.append(waiter.continuation)
                state.waiters[id] = nil
            }
            return ready
        }
        for continuation in ready { continuation.resume() }
    }
}
