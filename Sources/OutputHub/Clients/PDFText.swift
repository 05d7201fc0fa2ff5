import Foundation

/// Turns a PDF into text, pages separated by form feeds. Ingestion asks this client instead of running a
/// program itself, so tests and other deployments can swap it.
public protocol PDFTextExtractor: Sendable {
    func text(ofPDF data: Data) async throws -> String
}

public struct PDFTextError: Error, CustomStringConvertible {
    public let description: String
}

/// Poppler's `pdftotext` (Debian's `poppler-utils`, which the project's scripts install).
public struct PdftotextCommand: PDFTextExtractor {
    public var executable: String

    public init(executable: String = "pdftotext") { self.executable = executable }

    public func text(ofPDF data: Data) async throws -> String {
        guard let path = Self.locate(executable) else {
            throw PDFTextError(description: "pdftotext is not installed (Debian package poppler-utils; scripts/serve installs it)")
        }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("outputhub-\(UUID().uuidString).pdf")
        try data.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: path)
                process.arguments = ["-enc", "UTF-8", "-q", input.path, "-"]
                let output = Pipe(), errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                do {
                    try process.run()
                    let text = output.fileHandleForReading.readDataToEndOfFile()
                    let message = errors.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    guard process.terminationStatus == 0 else {
                        let reason = String(decoding: message, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                        continuation.resume(throwing: PDFTextError(description: "pdftotext could not read the PDF (exit \(process.terminationStatus))\(reason.isEmpty ? "" : ": " + reason)"))
                        return
                    }
                    continuation.resume(returning: String(decoding: text, as: UTF8.self))
                } catch {
                    continuation.resume(throwing: PDFTextError(description: "pdftotext could not run: \(error)"))
                }
            }
        }
    }

    /// The executable's full path, searching `PATH` for a bare name.
    static func locate(_ name: String) -> String? {
        if name.contains("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
