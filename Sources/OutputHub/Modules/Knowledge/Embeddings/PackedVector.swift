import Foundation

/// Embeddings as stored: `dimensions` float32 values, little-endian, back to back (4 bytes each), the
/// same bytes on both engines.
enum PackedVector {
    static func pack(_ vector: [Float]) -> Data {
        var data = Data(count: vector.count * 4)
        data.withUnsafeMutableBytes { raw in
            for (i, value) in vector.enumerated() { raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: i * 4, as: UInt32.self) }
        }
        return data
    }

    /// Appends the vector in `data` to `storage`; false (nothing appended) when `data` does not hold `dimensions` values.
    @discardableResult
    static func append(_ data: Data, dimensions: Int, to storage: inout [Float]) -> Bool {
        guard data.count == dimensions * 4 else { return false }
        data.withUnsafeBytes { raw in
            for i in 0..<dimensions {
                storage.append(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))))
            }
        }
        return true
    }

    static func unpack(_ data: Data) -> [Float] {
        var vector: [Float] = []
        vector.reserveCapacity(data.count / 4)
        append(data, dimensions: data.count / 4, to: &vector)
        return vector
    }

    /// `vector` scaled to unit length, so that cosine similarity is a dot product (a zero vector stays zero).
    static func normalised(_ vector: [Float]) -> [Float] {
        var sum: Float = 0
        for value in vector { sum += value * value }
        guard sum > 0, sum.isFinite else { return vector.map { _ in 0 } }
        let scale = 1 / sum.squareRoot()
        return vector.map { $0 * scale }
    }
}
