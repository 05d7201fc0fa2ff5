import Foundation
import NIOConcurrencyHelpers

/// Slows down password guessing: after too many failed sign-ins for one account, or from one address,
/// within a window, further attempts are refused until the lock lifts by itself. Kept in memory: each app
/// server counts the attempts it sees (see docs/security.md).
public final class SignInThrottle: Sendable {
    public struct Policy: Sendable {
        public var window: TimeInterval = 15 * 60
        public var lockFor: TimeInterval = 15 * 60
        public var accountFailures = 5
        public var addressFailures = 20

        public init() {}
    }

    let policy: Policy
    let clock: @Sendable () -> Date
    private let failures = NIOLockedValueBox<[String: [Date]]>([:])

    public init(policy: Policy = Policy(), clock: @escaping @Sendable () -> Date = Date.init) {
        self.policy = policy
        self.clock = clock
    }

    /// How long the account or address must still wait, or nil when a sign-in may be tried.
    public func wait(email: String, address: String?) -> TimeInterval? {
        let now = clock()
        return failures.withLockedValue { all in
            var longest: TimeInterval?
            for (key, limit) in keys(email: email, address: address) {
                let recent = (all[key] ?? []).filter { now.timeIntervalSince($0) < policy.window + policy.lockFor }
                all[key] = recent
                // Locked when the last `limit` failures fell within one window; the lock runs from the last one.
                guard recent.count >= limit, let last = recent.last,
                      last.timeIntervalSince(recent[recent.count - limit]) < policy.window else { continue }
                let remaining = policy.lockFor - now.timeIntervalSince(last)
                if remaining > 0 { longest = max(longest ?? 0, remaining) }
            }
            return longest
        }
    }

    public func failed(email: String, address: String?) {
        let now = clock()
        failures.withLockedValue { all in
            for (key, _) in keys(email: email, address: address) { all[key, default: []].append(now) }
        }
    }

    /// A successful sign-in clears the account's failures (not the address's).
    public func succeeded(email: String) {
        _ = failures.withLockedValue { $0.removeValue(forKey: "account:" + UserService.normalise(email)) }
    }

    private func keys(email: String, address: String?) -> [(String, Int)] {
        var keys = [("account:" + UserService.normalise(email), policy.accountFailures)]
        if let address { keys.append(("address:" + address, policy.addressFailures)) }
        return keys
    }
}
