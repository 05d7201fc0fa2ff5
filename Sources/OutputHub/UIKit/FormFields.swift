import Foundation
import Vapor

/// The fields of a submitted form, URL-encoded or multipart, with repeated names kept in order
/// (a list's checked rows arrive as several `ids`). Uploaded files are read as UTF-8 text.
struct FormFields: Sendable {
    private(set) var pairs: [(String, String)] = []

    init(_ pairs: [(String, String)]) { self.pairs = pairs }

    func first(_ name: String) -> String? { pairs.first { $0.0 == name }?.1 }
    func all(_ name: String) -> [String] { pairs.filter { $0.0 == name }.map(\.1) }

    static func read(_ req: Request, maxSize: Int) throws -> FormFields {
        // Admin POST routes collect their body before the handler runs (see `AdminRoutes`).
        let bytes = req.body.data.map { Array($0.readableBytesView) } ?? []
        guard bytes.count <= maxSize else { throw AdminError(status: .payloadTooLarge, message: "The form is larger than \(maxSize / 1_048_576) MiB.") }
        let parts: [MultipartPart]?
        do { parts = try MultipartPart.parts(of: req) } catch { throw AdminError(status: .badRequest, message: "The uploaded form could not be read.") }
        if let parts { return FormFields(parts.map { ($0.name, $0.text) }) }
        return FormFields(try urlEncoded(bytes))
    }

    static func urlEncoded(_ bytes: [UInt8]) throws -> [(String, String)] {
        do {
            return try QueryString.pairs(Substring(decoding: bytes, as: UTF8.self))
        } catch {
            throw AdminError(status: .badRequest, message: "The form could not be read.")
        }
    }
}
