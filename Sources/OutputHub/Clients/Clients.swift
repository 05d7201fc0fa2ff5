import Foundation

/// Every side effect domain code may have, in one value passed to `buildApplication(settings:clients:)`:
/// time, identifiers, randomness, outbound HTTP and file storage. Tests pass a controllable clock and a
/// recording HTTP client; nothing in domain code calls `Date()` or does I/O on its own.
public struct HubClients: Sendable {
    public var clock: any WallClock
    public var ids: any IDGenerator
    public var random: any RandomSource
    public var http: any OutboundHTTPClient
    /// Where originals and other files live; nil means "under the settings' data directory" and is
    /// resolved by `buildApplication`.
    public var files: (any FileStorage)?
    /// Reads the text of PDFs for the knowledge base.
    public var pdf: any PDFTextExtractor
    /// The process environment (provider keys named by `llm_providers.required_env_vars`).
    public var environment: @Sendable (String) -> String?

    public init(clock: any WallClock = SystemClock(), ids: any IDGenerator = RandomIDs(), random: any RandomSource = SystemRandom(),
                http: any OutboundHTTPClient = SharedHTTPClient(), files: (any FileStorage)? = nil,
                pdf: any PDFTextExtractor = PdftotextCommand(),
                environment: @escaping @Sendable (String) -> String? = { ProcessInfo.processInfo.environment[$0] }) {
        self.clock = clock
        self.ids = ids
        self.random = random
        self.http = http
        self.files = files
        self.pdf = pdf
        self.environment = environment
    }

    /// The real clock, identifiers, randomness and network, with files under the data directory.
    public static var live: HubClients { HubClients() }

    /// The job queue, writing in `store` (pass the transaction of the change that needs the work).
    public func jobs(in store: Store) -> JobQueue { JobQueue(store: store, clients: self) }
}

// MARK: Clock

/// The current time. Domain code asks this, never `Date()`, and waits with `sleep` (tests' clocks move instead).
public protocol WallClock: Sendable {
    func now() -> Date
    func sleep(seconds: TimeInterval) async throws
}

extension WallClock {
    public func sleep(seconds: TimeInterval) async throws {
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }
}

public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

// MARK: Identifiers

/// New row identifiers.
public protocol IDGenerator: Sendable {
    func next() -> UUID
}

public struct RandomIDs: IDGenerator {
    public init() {}
    public func next() -> UUID { UUID() }
}

// MARK: Randomness

/// Randomness that need not be secret (backoff jitter, sampling); secrets use the system's CSPRNG directly.
public protocol RandomSource: Sendable {
    /// A uniformly distributed number in `0..<1`.
    func unit() -> Double
}

public struct SystemRandom: RandomSource {
    public init() {}
    public func unit() -> Double { Double.random(in: 0..<1) }
}

/// A deterministic source of uniform numbers (SplitMix64), so an evaluation gives the same report every run.
final class SeededRandom: RandomSource, @unchecked Sendable {
    private var state: UInt64
    private let lock = NSLock()

    init(seed: UInt64) { state = seed }

    func unit() -> Double {
        lock.lock()
        defer { lock.unlock() }
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
