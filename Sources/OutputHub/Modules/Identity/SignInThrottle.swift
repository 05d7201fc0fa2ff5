import Foundation

/// Slows down password guessing: each sign-in attempt takes one of an account's and one of an address's
/// attempts in a 15-minute window (`WindowCounter.take`, atomic in the database, so parallel guesses and
/// N app servers on one database get no more than one server would). When either runs out the account or
/// address is locked until the lock lifts by itself. A successful sign-in gives both back and clears the
/// account's count, so only failures add up.
public struct SignInThrottle: Sendable {
    public struct Policy: Sendable {
        public var window: TimeInterval = 15 * 60
        public var lockFor: TimeInterval = 15 * 60
        public var accountAttempts = 5
        public var addressAttempts = 20

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

    /// Takes an attempt for the account and the address before the password is checked. Returns how long
    /// they must wait instead when either is locked or has no attempt left (which locks it).
    public func attempt(email: String, address: String?) async throws -> TimeInterval? {
        let keys = keys(email: email, address: address)
        if let until = try await counter.heldUntil(keys.map { lockKey($0.key) }) { return until.timeIntervalSince(clock.now()) }
        for (key, limit) in keys {
            guard try await counter.take(key, limit: limit, window: policy.window).allowed else {
                try await counter.hold(lockKey(key), until: clock.now().addingTimeInterval(policy.lockFor))
                return policy.lockFor
            }
        }
        return nil
    }

    /// A successful sign-in: the account's count starts again and the address gets its attempt back.
    public func succeeded(email: String, address: String?) async throws {
        try await counter.reset(accountKey(email))
        if let address { try await counter.giveBack(addressKey(address), window: policy.window) }
    }

    private func accountKey(_ email: String) -> String { WindowCounter.key("signin:account", UserService.normalise(email)) }
    private func addressKey(_ address: String) -> String { WindowCounter.key("signin:address", address) }
    private func lockKey(_ key: String) -> String { "lock:" + key }

    private func keys(email: String, address: String?) -> [(key: String, limit: Int)] {
        var keys = [(accountKey(email), policy.accountAttempts)]
        if let address { keys.append((addressKey(address), policy.addressAttempts)) }
        return keys
    }
}
