import CVectorKernels
import Foundation
import NIOConcurrencyHelpers

/// One tenant's embeddings of one model, in memory for the vector channel: unit vectors back to back,
/// scanned in full for each query. An exact ranking misses nothing an approximate graph would, and at a
/// knowledge base's sizes (100,000 chunks × 384 dimensions) it takes a few milliseconds.
///
/// The scan reads an int8 copy of each vector (a quarter of the float32 bytes: 38 MB at that size, where
/// memory bandwidth is what a full scan costs), which shortlists `shortlistFactor` times as many entries
/// as asked for; the shortlist is then ranked by exact float32 cosine, and those are the scores answered.
/// Quantisation moves a score by about a thousandth, far less than the usual gap between the entries
/// asked for and the end of the shortlist, so the answer is the exact scan's (a test checks it at 384
/// dimensions); only entries within that thousandth of the shortlist's end could be missed. The codes
/// add a quarter to the index's memory.
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
    /// The shortlist's size, as a multiple of the entries asked for (and at least `shortlistMinimum` more).
    static let shortlistFactor = 4
    static let shortlistMinimum = 32

    /// A piece of the index: each entry's vector as float32 and as int8 codes with their scale.
    struct Piece: Sendable {
        var vectors: [Float] = []
        var codes: [Int8] = []
        /// Each entry's code scale: its vector's value is code × scale.
        var scales: [Float] = []
        var chunks: [UUID] = []
        /// Each entry's document, as an ordinal into the index's `documents`.
        var documentOrdinals: [Int32] = []
    }

    /// A full piece, shared by every copy of the index.
    final class Segment: Sendable {
        let piece: Piece
        init(_ piece: Piece) { self.piece = piece }
    }

    private(set) var dimensions = 0
    private var sealed: [Segment] = []
    /// The open piece, fewer than `segmentSize` entries.
    private var open = Piece()
    private(set) var documents: [UUID] = []
    private var ordinals: [UUID: Int32] = [:]
    private var loaded = Set<UUID>()
    /// The newest `created_at` read, where the next refresh starts.
    private(set) var newest: Date?

    var count: Int { sealed.count * Self.segmentSize + open.chunks.count }

    /// Adds an entry; false when the chunk is in already or the vector's dimension differs from the index's.
    @discardableResult
    mutating func add(chunk: UUID, document: UUID, vector data: Data, dimensions: Int, created: Date?) -> Bool {
        if let created, newest.map({ created > $0 }) ?? true { newest = created }
        if self.dimensions == 0 { self.dimensions = dimensions }
        guard dimensions == self.dimensions, !loaded.contains(chunk), PackedVector.append(data, dimensions: dimensions, to: &open.vectors) else { return false }
        open.scales.append(Self.quantise(open.vectors[(open.vectors.count - dimensions)...], into: &open.codes))
        loaded.insert(chunk)
        open.chunks.append(chunk)
        let ordinal: Int32
        if let known = ordinals[document] {
            ordinal = known
        } else {
            ordinal = Int32(documents.count)
            documents.append(document)
            ordinals[document] = ordinal
        }
        open.documentOrdinals.append(ordinal)
        if open.chunks.count == Self.segmentSize {
            sealed.append(Segment(open))
            open = Piece()
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
        var queryCodes: [Int16] = []
        _ = Self.quantise(query[...], into: &queryCodes)
        let codes = queryCodes
        // A large index is read by two threads at once, each taking every other piece, and their
        // shortlists merged.
        let parts = count >= Self.parallelScanMinimum ? 2 : 1
        let length = max(limit * Self.shortlistFactor, limit + Self.shortlistMinimum)
        let shortlist = NIOLockedValueBox(TopScores(capacity: length))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            var best = TopScores(capacity: length)
            var scores = [Float](repeating: 0, count: Self.segmentSize)
            for number in stride(from: part, through: sealed.count, by: parts) {
                Self.shortlist(piece(number), first: number * Self.segmentSize, codes, dimensions, mask, &scores, &best)
            }
            shortlist.withLockedValue { $0.merge(best) }
        }
        var exact = TopScores(capacity: limit)
        query.withUnsafeBufferPointer { q in
            for entry in shortlist.withLockedValue({ $0 }).sorted {
                let (segment, i) = entry.index.quotientAndRemainder(dividingBy: Self.segmentSize)
                let score = piece(segment).vectors.withUnsafeBufferPointer { all in Self.dot(all.baseAddress! + i * dimensions, q.baseAddress!, dimensions) }
                if exact.accepts(score) { exact.insert(score, entry.index) }
            }
        }
        return exact.sorted.map { entry in
            let (segment, i) = entry.index.quotientAndRemainder(dividingBy: Self.segmentSize)
            let piece = piece(segment)
            return Neighbour(chunk: piece.chunks[i], document: documents[Int(piece.documentOrdinals[i])], score: entry.score)
        }
    }

    /// The piece numbered `number`: a sealed one, or the open one after them.
    private func piece(_ number: Int) -> Piece { number < sealed.count ? sealed[number].piece : open }

    /// Scores one piece's entries (numbered from `first`) by their int8 codes into `best`.
    private static func shortlist(_ piece: Piece, first: Int, _ query: [Int16], _ n: Int, _ mask: [Bool]?, _ scores: inout [Float], _ best: inout TopScores) {
        let count = piece.chunks.count
        guard count > 0 else { return }
        piece.codes.withUnsafeBufferPointer { codes in
            piece.scales.withUnsafeBufferPointer { scales in
                query.withUnsafeBufferPointer { q in
                    scores.withUnsafeMutableBufferPointer { out in
                        outputhub_scan_int8(codes.baseAddress!, scales.baseAddress!, count, n, q.baseAddress!, out.baseAddress!)
                    }
                }
            }
        }
        for i in 0..<count {
            if let mask, !mask[Int(piece.documentOrdinals[i])] { continue }
            if best.accepts(scores[i]) { best.insert(scores[i], first + i) }
        }
    }

    /// Appends `values` as integer codes within ±127 (each value ÷ the scale, rounded) and answers the
    /// scale, the largest magnitude ÷ 127; values that are not finite become 0.
    static func quantise<Code: FixedWidthInteger & SignedInteger>(_ values: ArraySlice<Float>, into codes: inout [Code]) -> Float {
        let largest = values.reduce(Float(0)) { $1.isFinite ? max($0, abs($1)) : $0 }
        guard largest > 0 else {
            codes.append(contentsOf: repeatElement(0, count: values.count))
            return 0
        }
        let scale = largest / 127
        for value in values { codes.append(value.isFinite ? Code((value / scale).rounded()) : 0) }
        return scale
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
