import Foundation

/// Files kept by Output Hub (uploaded originals, exports), addressed by a key such as
/// `documents/<tenant>/<sha256>`. The local directory is the default; an S3-compatible store can implement
/// the same four calls.
public protocol FileStorage: Sendable {
    func put(_ key: String, _ data: Data) async throws
    func get(_ key: String) async throws -> Data?
    func delete(_ key: String) async throws
    func exists(_ key: String) async throws -> Bool
}

public struct FileStorageError: Error, CustomStringConvertible {
    public let description: String
}

/// Files in a directory (by default `files/` under the data directory). Writes go to a temporary file
/// that is renamed into place, so a reader never sees half a file.
public struct LocalFileStorage: FileStorage {
    public let root: URL

    public init(root: URL) { self.root = root }

    public func put(_ key: String, _ data: Data) async throws {
        let url = try location(key)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        try data.write(to: temporary)
        if rename(temporary.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: temporary)
            throw FileStorageError(description: "cannot store \(key): \(String(cString: strerror(errno)))")
        }
    }

    public func get(_ key: String) async throws -> Data? {
        let url = try location(key)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        return try Data(contentsOf: url)
    }

    public func delete(_ key: String) async throws {
        let url = try location(key)
        if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
    }

    public func exists(_ key: String) async throws -> Bool {
        FileManager.default.fileExists(atPath: try location(key).path)
    }

    /// Keys are relative paths of plain segments: no `..`, no leading `/`, nothing hidden.
    func location(_ key: String) throws -> URL {
        let segments = key.split(separator: "/", omittingEmptySubsequences: false)
        let valid = !segments.isEmpty && segments.allSatisfy { segment in
            !segment.isEmpty && !segment.hasPrefix(".") && segment.allSatisfy { $0.isLetter || $0.isNumber || "-_.@".contains($0) }
        }
        guard valid else { throw FileStorageError(description: "\(key) is not a valid file key") }
        return segments.reduce(root) { $0.appendingPathComponent(String($1)) }
    }
}
