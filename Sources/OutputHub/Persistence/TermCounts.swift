import Foundation
import NIOConcurrencyHelpers

/// Row counts of common full-text terms, remembered for a few minutes. FTS5's vocabulary table counts a
/// term's rows by reading its whole posting list, which for the commonest words of a large index costs
/// milliseconds every time; the counts only steer which words a long query keeps, so minutes-old ones serve
/// as well. Rare terms (cheap to count, and the ones a new document adds) are always counted afresh.
final class TermCounts: Sendable {
    static let lifetime: TimeInterval = 300
    static let remembered = 1_000...
    static let capacity = 100_000

    private struct Entry { var count: Int; var at: TimeInterval }
    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    /// The remembered counts of `terms` in the index `index`.
    func known(_ terms: [String], index: String, now: TimeInterval = ProcessInfo.processInfo.systemUptime) -> [String: Int] {
        entries.withLockedValue { entries in
            var found: [String: Int] = [:]
            for term in terms {
                if let entry = entries[index + "|" + term], now - entry.at < Self.lifetime { found[term] = entry.count }
            }
            return found
        }
    }

    func remember(_ counts: [String: Int], index: String, now: TimeInterval = ProcessInfo.processInfo.systemUptime) {
        let common = counts.filter { Self.remembered.contains($0.value) }
        guard !common.isEmpty else { return }
        entries.withLockedValue { entries in
            if entries.count + common.count > Self.capacity { entries.removeAll(keepingCapacity: true) }
            for (term, count) in common { entries[index + "|" + term] = Entry(count: count, at: now) }
        }
    }
}
