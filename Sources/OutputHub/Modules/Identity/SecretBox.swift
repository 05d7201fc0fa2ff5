import Crypto
import Foundation

/// Secrets at rest (integration credentials, provider API keys): sealed with AES-GCM under the master key.
/// A stored secret reads `enc:v1:<last 4 characters>:<base64 nonce+ciphertext+tag>`, so lists can say
/// "set, ends …abcd" without decrypting; the plaintext never leaves the server through the API or the UI.
public struct SecretBox: Sendable {
    static let prefix = "enc:v1:"
    let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    public func seal(_ plaintext: String) throws -> String {
        let sealed = try AES.GCM.seal(Data(plaintext.utf8), using: key)
        guard let combined = sealed.combined else { throw SecretError.sealing }
        let hint = Data(Self.lastFour(plaintext).utf8).base64EncodedString()
        return Self.prefix + hint + ":" + combined.base64EncodedString()
    }

    public func open(_ stored: String) throws -> String {
        guard let (_, payload) = Self.parts(stored), let data = Data(base64Encoded: payload) else { throw SecretError.notSealed }
        do {
            return String(decoding: try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: key), as: UTF8.self)
        } catch {
            throw SecretError.wrongKey
        }
    }

    static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    /// The last four characters kept in the clear for recognising a secret, or nil when not sealed.
    static func hint(_ stored: String) -> String? {
        guard let (hint, _) = parts(stored), let data = Data(base64Encoded: hint) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    private static func parts(_ stored: String) -> (String, String)? {
        guard stored.hasPrefix(prefix) else { return nil }
        let rest = stored.dropFirst(prefix.count).split(separator: ":", maxSplits: 1).map(String.init)
        return rest.count == 2 ? (rest[0], rest[1]) : nil
    }

    /// The last four letters or digits of a secret (for JSON, of its values, not its punctuation).
    static func lastFour(_ plaintext: String) -> String {
        String(plaintext.filter { $0.isLetter || $0.isNumber }.suffix(4))
    }

    // MARK: The master key

    /// The key from the setting, or from `<data directory>/master.key`, created (owner-only) when missing.
    public static func masterKey(settings: Settings) throws -> SymmetricKey {
        if let base64 = settings.masterKey, let data = Data(base64Encoded: base64) { return SymmetricKey(data: data) }
        let path = keyFile(settings)
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
                throw SettingsError("\(path) does not hold a 32-byte base64 master key")
            }
            return SymmetricKey(data: data)
        }
        let key = SymmetricKey(size: .bits256)
        try writeKey(key, to: path)
        return key
    }

    static func keyFile(_ settings: Settings) -> String {
        (settings.dataDirectory as NSString).appendingPathComponent("master.key")
    }

    /// Writes a key readable and writable by the owner only.
    static func writeKey(_ key: SymmetricKey, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw SettingsError("cannot write the master key to \(path)")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}

enum SecretError: Error, CustomStringConvertible {
    case sealing, notSealed, wrongKey
    var description: String {
        switch self {
        case .sealing: "the secret could not be encrypted"
        case .notSealed: "the stored value is not an encrypted secret"
        case .wrongKey: "the secret does not open with the master key (wrong key, or the data was altered)"
        }
    }
}
