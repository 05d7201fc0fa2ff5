import Foundation
import NIOConcurrencyHelpers

/// Requests per API key: a token bucket holding a minute's allowance that refills continuously, so short
/// bursts pass and a steady flood is answered 429 with `Retry-After`. In memory, per app server.
public final class RateLimiter: Sendable {
    /// Requests per minute per key; 0 turns limiting off.
    public let perMinute: Int
    let clock: @Sendable () -> Date
    private let buckets = NIOLockedValueBox<[UUID: (tokens: Double, at: Date)]>([:])

    public init(perMinute: Int, clock: @escaping @Sendable () -> Date) {
        self.perMinute = perMinute
        self.clock = clock
    }

    /// Takes one request from the key's allowance; returns the seconds to wait when there is none left.
    public func take(_ key: UUID) -> TimeInterval? {
        guard perMinute > 0 else { return nil }
        let now = clock(), capacity = Double(perMinute), rate = capacity / 60
        return buckets.withLockedValue { all in
            var bucket = all[key] ?? (capacity, now)
            bucket.tokens = min(capacity, bucket.tokens + now.timeIntervalSince(bucket.at) * rate)
            bucket.at = now
            defer { all[key] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / rate }
            bucket.tokens -= 1
            return nil
        }
    }
}
