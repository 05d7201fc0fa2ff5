import Foundation
@testable import OutputHub
import Testing

/// The in-memory vector index across its pieces: exact neighbours, filters by document, and copies that
/// grow apart without changing each other.
@Suite("Knowledge: the in-memory vector index")
struct VectorIndexTests {
    /// Entry i's unit vector: `dimensions` values from a fixed sequence, so no two entries are alike.
    static func vector(_ i: Int, dimensions: Int = 8) -> [Float] {
        var state = UInt64(i) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        let raw = (0..<dimensions).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 2_000_001 - 1_000_000) / 1_000_000
        }
        let length = raw.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return raw.map { $0 / length }
    }

    static func packed(_ vector: [Float]) -> Data { vector.withUnsafeBytes { Data($0) } }

    static func build(_ count: Int, documents: [UUID], dimensions: Int = 8) -> (VectorIndex, [UUID]) {
        var index = VectorIndex()
        var chunks: [UUID] = []
        for i in 0..<count {
            let chunk = UUID()
            chunks.append(chunk)
            let added = index.add(chunk: chunk, document: documents[i % documents.count], vector: packed(vector(i, dimensions: dimensions)),
                                  dimensions: dimensions, created: nil)
            #expect(added)
        }
        return (index, chunks)
    }

    @Test("Neighbours are exact across the pieces, filters keep to their documents, and a copy grows without changing the original")
    func segments() {
        let documents = [UUID(), UUID(), UUID()]
        let count = VectorIndex.segmentSize * 2 + 1_000
        let built = Self.build(count, documents: documents)
        var index = built.0
        let chunks = built.1
        #expect(index.count == count)
        for target in [0, VectorIndex.segmentSize - 1, VectorIndex.segmentSize, count - 1] {
            let nearest = index.nearest(Self.vector(target), limit: 3)
            #expect(nearest.first?.chunk == chunks[target] && nearest.first?.document == documents[target % 3], "entry \(target)")
            #expect(nearest.count == 3 && abs((nearest.first?.score ?? 0) - 1) < 1e-5 && nearest[1].score < nearest[0].score)
        }
        let filtered = index.nearest(Self.vector(VectorIndex.segmentSize), limit: 2, in: [documents[1]])
        #expect(filtered.allSatisfy { $0.document == documents[1] } && filtered.count == 2)
        let twice = index.add(chunk: chunks[5], document: documents[0], vector: Self.packed(Self.vector(0)), dimensions: 8, created: nil)
        #expect(!twice && index.count == count, "a chunk once")

        var grown = index
        let extra = UUID()
        let grew = grown.add(chunk: extra, document: documents[0], vector: Self.packed(Self.vector(count)), dimensions: 8, created: nil)
        #expect(grew)
        #expect(grown.count == count + 1 && index.count == count)
        #expect(grown.nearest(Self.vector(count), limit: 1).first?.chunk == extra)
        #expect(!index.nearest(Self.vector(count), limit: 5).contains { $0.chunk == extra } && index.nearest(Self.vector(count - 1), limit: 1).first?.chunk == chunks[count - 1],
                "the original is as it was")
    }

    @Test("A large index scanned on two threads finds exactly what a full sort finds")
    func parallelScan() {
        let documents = [UUID(), UUID()]
        let count = VectorIndex.parallelScanMinimum + VectorIndex.segmentSize / 2
        let (index, chunks) = Self.build(count, documents: documents)
        let query = Self.vector(count + 7)
        // Scored with the index's own arithmetic, so the order is the same to the last bit.
        let ranked = (0..<count).map { i in
            (Self.vector(i).withUnsafeBufferPointer { a in query.withUnsafeBufferPointer { q in VectorIndex.dot(a.baseAddress!, q.baseAddress!, 8) } }, i)
        }.sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }
        let nearest = index.nearest(query, limit: 25)
        #expect(nearest.map(\.chunk) == ranked.prefix(25).map { chunks[$0.1] }, "the same 25, in the same order, from both halves")
        let filtered = index.nearest(query, limit: 5, in: [documents[1]])
        #expect(filtered.map(\.chunk) == ranked.filter { $0.1 % 2 == 1 }.prefix(5).map { chunks[$0.1] })
    }

    @Test("The int8 shortlist loses nothing: at an embedding model's 384 dimensions the ranks and scores are the exact ones")
    func quantisedShortlist() {
        let dimensions = 384, count = VectorIndex.segmentSize + 500
        let (index, chunks) = Self.build(count, documents: [UUID()], dimensions: dimensions)
        for probe in 0..<5 {
            // A query near entry 17 × probe, so the best few are close together, as a sentence's neighbours are.
            let near = Self.vector(17 * probe, dimensions: dimensions), noise = Self.vector(count + probe, dimensions: dimensions)
            let query = PackedVector.normalised(zip(near, noise).map { $0 + 0.8 * $1 })
            let ranked = (0..<count).map { i in
                (Self.vector(i, dimensions: dimensions).withUnsafeBufferPointer { a in
                    query.withUnsafeBufferPointer { q in VectorIndex.dot(a.baseAddress!, q.baseAddress!, dimensions) }
                }, i)
            }.sorted { ($0.0, -$0.1) > ($1.0, -$1.1) }
            let nearest = index.nearest(query, limit: 40)
            #expect(nearest.map(\.chunk) == ranked.prefix(40).map { chunks[$0.1] }, "probe \(probe)")
            #expect(nearest.map(\.score) == ranked.prefix(40).map(\.0), "exact float32 scores, not the codes' estimate")
        }
    }

    @Test("Codes are the values over their scale, rounded; a zero or broken vector codes to zeros")
    func quantise() {
        var codes: [Int8] = []
        let scale = VectorIndex.quantise([0.5, -0.25, 0.1, 0][...], into: &codes)
        #expect(abs(scale - 0.5 / 127) < 1e-9 && codes == [127, -64, 25, 0])
        var zeros: [Int16] = []
        #expect(VectorIndex.quantise([0, 0, 0][...], into: &zeros) == 0 && zeros == [0, 0, 0])
        var broken: [Int8] = []
        _ = VectorIndex.quantise([Float.nan, 1, -Float.infinity][...], into: &broken)
        #expect(broken == [0, 127, 0])
    }
}
