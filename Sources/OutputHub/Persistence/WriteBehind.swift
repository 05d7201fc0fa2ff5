import Foundation

/// Writes behind its callers: items wait in memory and go to the database in batches — at most `batchSize`
/// items, or `interval` after the first waiting one — through `write`, one batch at a time. Callers never
/// wait for the database. `flush` returns when everything appended before it is written (a graceful
/// shutdown, tests); a crash loses what waited (about `interval` of items).
public actor WriteBehind<Item: Sendable> {
    public typealias Writer = @Sendable ([Item]) async -> Void

    let batchSize: Int
    let interval: TimeInterval
    let write: Writer
    private var pending: [Item] = []
    private var scheduled: Task<Void, Never>?
    private var writing: Task<Void, Never>?

    public init(batchSize: Int = 256, interval: TimeInterval = 0.2, write: @escaping Writer) {
        self.batchSize = batchSize
        self.interval = interval
        self.write = write
    }

    public func append(_ item: Item) {
        pending.append(item)
        if pending.count >= batchSize { startWriting() } else { schedule() }
    }

    /// Writes everything waiting now and returns when it is in the database.
    public func flush() async {
        while !pending.isEmpty || writing != nil {
            if let writing {
                await writing.value
            } else {
                startWriting()
            }
        }
    }

    private func schedule() {
        guard scheduled == nil, !pending.isEmpty else { return }
        let wait = interval
        scheduled = Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(wait * 1_000_000_000))
            guard !Task.isCancelled else { return }
            await self?.startWriting()
        }
    }

    private func startWriting() {
        scheduled?.cancel()
        scheduled = nil
        guard writing == nil, !pending.isEmpty else { return }
        let batch = pending
        pending = []
        writing = Task { [write] in
            await write(batch)
            await self.finishedWriting()
        }
    }

    private func finishedWriting() {
        writing = nil
        if pending.count >= batchSize { startWriting() } else { schedule() }
    }
}
