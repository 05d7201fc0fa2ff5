import Crypto
import Foundation

/// Lowercase hexadecimal text of bytes (digests, tags), without `String(format:)`'s per-byte cost.
enum Hex {
    /// The sixteen digits as ASCII bytes.
    static let digits = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var hex: [UInt8] = []
        hex.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The SHA-256 of `data` in hexadecimal (64 characters).
    static func sha256(_ data: some DataProtocol) -> String { encode(SHA256.hash(data: data)) }
}
