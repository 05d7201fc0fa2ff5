import Foundation

/// Slows down password guessing: after too many failed sign-ins for one account, or from one address, the
/// account or address is locked until the lock lifts by itself. Failures are counted in the database
/// (`WindowCounter`), so N app servers on one database allow what one allows.
///
/// Failures count in fixed windows of `window` length; an account is locked once its failures in the
/// current and the previous window reach the limit, for `lockFor` from that failure.
public struct SignInThrottle: Sendable {
    public struct Policy: Sendable {
        public var window: TimeInterval = 15 * 60
        public var lockFor: TimeInterval = 15 * 60
        public var accountFailures = 5
        public var addressFailures = 20

        public init() {}
    }

    let counter: WindowCounter
    let clock: any WallClock
    let policy: Policy

    public init(store: Store, clients: HubClients, policy: Policy = Policy()) {
        self.counter = WindowCounter(store: store, clients: clients)
        self.clock = clients.clock
        self.policy = policy
    }

    /// How long the account or address must still wait, or nil when a sign-in may be tried.
    public func wait(email: String, address: String?) async throws -> TimeInterval? {
        let until = try await counter.heldUntil(keys(email: email, address: address).map { "signin-lock:" + $0.key })
        return until.map { $0.timeIntervalSince(clock.now()) }
    }

    public func failed(email: String, address: String?) async throws {
        for (key, limit) in keys(email: email, address: address) {
            let current = try await counter.add("signin:" + key, window: policy.window)
            let previous = try await counter.count("signin:" + key, window: policy.window, windowsAgo: 1)
            if current + previous >= limit {
                try await counter.hold("signin-lock:" + key, until: clock.now().addingTimeInterval(policy.lockFor))
            }
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    public func succeeded(email: String) async throws {
        try await counter.reset("signin:" + accountKey(email))
    }

    private func accountKey(_ email: String) -> String { "account:" + UserService.normalise(email) }

    private func keys(email: String, address: String?) -> [(key: String, limit: Int)] {
        var keys = [(accountKey(email), policy.accountFailures)]
        if let address { keys.append(("address:" + address, policy.addressFailures)) }
        return keys
    }
}
