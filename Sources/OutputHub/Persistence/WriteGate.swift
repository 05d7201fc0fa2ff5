import NIOConcurrencyHelpers

/// Lets one write transaction at a time into an SQLite database from this process, waiting without
/// holding a thread. SQLite allows one writer anyway; without the gate a second connection's `BEGIN
/// IMMEDIATE` waits inside SQLite's busy handler, which spins on a thread of the blocking pool that the
/// transaction holding the lock needs to finish.
public final class WriteGate: Sendable {
    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = NIOLockedValueBox(State())

    public init() {}

    /// Runs `body` when no other write transaction of this gate is running.
    public func run<T>(_ body: () async throws -> T) async throws -> T {
        await enter()
        defer { leave() }
        return try await body()
    }

    /// Runs `body` only when no other write transaction of this gate is running; nil when one is.
    public func runIfFree<T>(_ body: () async throws -> T) async throws -> T? {
        let admitted = state.withLockedValue { state -> Bool in
            guard !state.busy else { return false }
            state.busy = true
            return true
        }
        guard admitted else { return nil }
        defer { leave() }
        return try await body()
    }

    private func enter() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let admitted = state.withLockedValue { state -> Bool in
                if state.busy {
                    state.waiting.append(continuation)
                    return false
                }
                state.busy = true
                return true
            }
            if admitted { continuation.resume() }
        }
    }

    private func leave() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            if state.waiting.isEmpty {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
