import Foundation
import NIOConcurrencyHelpers

/// One tenant's embeddings of one model, in memory for the vector channel: unit vectors back to back,
/// scanned in full for each query. An exact scan misses nothing an approximate graph would, and at a
/// knowledge base's sizes (100,000 chunks × 384 dimensions is 150 MB) it takes milliseconds.
///
/// Built from `chunk_embeddings` and kept current by `VectorIndexes`: new rows are appended by their
/// `created_at`, and a count that disagrees with the table (rows deleted, or committed late with an
/// earlier time) rebuilds it. An entry whose chunk has gone is dropped by the channel's final read.
///
/// The entries are kept in pieces of `segmentSize`: full pieces are never changed again and every copy of
/// the index shares them, so appending to a copy while searches read the original copies only the open
/// piece, not the whole index.
struct VectorIndex: Sendable {
    static let segmentSize = 4_096
    /// Entries from which a scan runs on two threads.
    static let parallelScanMinimum = 8 * segmentSize

    /// A full piece of the index.
    final class Segment: Sendable {
        let vectors: [Float]
        let chunks: [UUID]
        /// Each entry's document, as an ordinal into the index's `documents`.
        let documentOrdinals: [Int32]

        init(vectors: [Float], chunks: [UUID], documentOrdinals: [Int32]) {
            self.vectors = vectors
            self.chunks = chunks
            self.documentOrdinals = documentOrdinals
        }
    }

    private(set) var dimensions = 0
    private var sealed: [Segment] = []
    /// The open piece, fewer than `segmentSize` entries.
    private var vectors: [Float] = []
    private var chunks: [UUID] = []
    private var documentOrdinals: [Int32] = []
    private(set) var documents: [UUID] = []
    private var ordinals: [UUID: Int32] = [:]
    private var loaded = Set<UUID>()
    /// The newest `created_at` read, where the next refresh starts.
    private(set) var newest: Date?

    var count: Int { sealed.count * Self.segmentSize + chunks.count }

    /// Adds an entry; false when the chunk is in already or the vector's dimension differs from the index's.
    @discardableResult
    mutating func add(chunk: UUID, document: UUID, vector data: Data, dimensions: Int, created: Date?) -> Bool {
        if let created, newest.map({ created > $0 }) ?? true { newest = created }
        if self.dimensions == 0 { self.dimensions = dimensions }
        guard dimensions == self.dimensions, !loaded.contains(chunk), PackedVector.append(data, dimensions: dimensions, to: &vectors) else { return false }
        loaded.insert(chunk)
        chunks.append(chunk)
        let ordinal: Int32
        if let known = ordinals[document] {
            ordinal = known
        } else {
            ordinal = Int32(documents.count)
            documents.append(document)
            ordinals[document] = ordinal
        }
        documentOrdinals.append(ordinal)
        if chunks.count == Self.segmentSize {
            sealed.append(Segment(vectors: vectors, chunks: chunks, documentOrdinals: documentOrdinals))
            (vectors, chunks, documentOrdinals) = ([], [], [])
        }
        return true
    }

    struct Neighbour: Sendable, Equatable {
        var chunk: UUID
        var document: UUID
        /// Cosine similarity, −1…1.
        var score: Float
    }

    /// The `limit` entries most similar to `query` (a unit vector of the index's dimension), best first;
    /// with `documents`, only entries of those documents.
    func nearest(_ query: [Float], limit: Int, in allowed: Set<UUID>? = nil) -> [Neighbour] {
        guard dimensions > 0, query.count == dimensions, limit > 0, count > 0 else { return [] }
        let mask = allowed.map { allowed in documents.map(allowed.contains) }
        if let mask, !mask.contains(true) { return [] }
        // The scan reads every vector (150 MB at 100,000 × 384): a large index is read by two threads at
        // once, each taking every other piece, and their best scores merged.
        let parts = count >= Self.parallelScanMinimum ? 2 : 1
        let found = NIOLockedValueBox(TopScores(capacity: limit))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var best = TopScores(capacity: limit)
            for piece in stride(from: part, through: sealed.count, by: parts) {
                if piece < sealed.count {
                    let segment = sealed[piece]
                    Self.scan(segment.vectors, segment.documentOrdinals, first: piece * Self.segmentSize, query, dimensions, mask, &best)
                } else {
                    Self.scan(vectors, documentOrdinals, first: piece * Self.segmentSize, query, dimensions, mask, &best)
                }
            }
            found.withLockedValue { $0.merge(best) }
        }
        return found.withLockedValue { $0 }.sorted.map { entry in
            let (chunk, ordinal) = self.entry(entry.index)
            return Neighbour(chunk: chunk, document: documents[Int(ordinal)], score: entry.score)
        }
    }

    /// The chunk and document ordinal of the entry at `index` (counting across the pieces).
    private func entry(_ index: Int) -> (UUID, Int32) {
        let s = index / Self.segmentSize, i = index % Self.segmentSize
        return s < sealed.count ? (sealed[s].chunks[i], sealed[s].documentOrdinals[i]) : (chunks[i], documentOrdinals[i])
    }

    /// Scores one piece's entries (numbered from `first`) into `best`.
    private static func scan(_ vectors: [Float], _ ordinals: [Int32], first: Int, _ query: [Float], _ n: Int, _ mask: [Bool]?, _ best: inout TopScores) {
        vectors.withUnsafeBufferPointer { all in
            query.withUnsafeBufferPointer { q in
                guard let base = all.baseAddress, let q = q.baseAddress else { return }
                for i in 0..<ordinals.count {
                    if let mask, !mask[Int(ordinals[i])] { continue }
                    let score = dot(base + i * n, q, n)
                    if best.accepts(score) { best.insert(score, first + i) }
                }
            }
        }
    }

    /// The dot product of two vectors of `n` floats, eight lanes at a time. A multiply and an add, not
    /// `addProduct`: without FMA in the target (x86-64's baseline) that becomes a call to `fmaf` per lane.
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var sum = SIMD8<Float>()
        var i = 0
        let rawA = UnsafeRawPointer(a), rawB = UnsafeRawPointer(b)
        while i + 8 <= n {
            sum += rawA.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) * rawB.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var total = sum.sum()
        while i < n {
            total += a[i] * b[i]
            i += 1
        }
        return total
    }
}

/// The best `capacity` scores seen, kept as a min-heap so a score below the worst kept is refused at once.
struct TopScores {
    struct Entry { var score: Float; var index: Int }
    let capacity: Int
    private var heap: [Entry] = []

    init(capacity: Int) {
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    func accepts(_ score: Float) -> Bool { heap.count < capacity || score > heap[0].score }

    mutating func insert(_ score: Float, _ index: Int) {
        if heap.count < capacity {
            heap.append(Entry(score: score, index: index))
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard heap[child].score < heap[parent].score else { break }
                heap.swapAt(child, parent)
                child = parent
            }
        } else {
            heap[0] = Entry(score: score, index: index)
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].score < heap[smallest].score { smallest = left }
                if right < heap.count, heap[right].score < heap[smallest].score { smallest = right }
                guard smallest != parent else { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
    }

    /// Adds another set's entries (the best of both stay).
    mutating func merge(_ other: TopScores) {
        for entry in other.heap where accepts(entry.score) { insert(entry.score, entry.index) }
    }

    /// Best first; equal scores in index order.
    var sorted: [Entry] { heap.sorted { ($0.score, -$0.index) > ($1.score, -$1.index) } }
}
