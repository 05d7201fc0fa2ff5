import Foundation
import MultipartKit
import Vapor

/// The parts of a `multipart/form-data` body, in order, with their field name, file name, type and bytes.
struct MultipartPart: Sendable {
    var name: String
    var filename: String?
    var contentType: String?
    var data: Data

    var text: String { String(decoding: data, as: UTF8.self) }

    /// The parts of a collected request body, or nil when it is not `multipart/form-data` (with a boundary).
    /// Throws when the body says it is multipart but cannot be read as such.
    static func parts(of req: Request) throws -> [MultipartPart]? {
        guard let type = req.headers.contentType, type.type == "multipart", type.subType == "form-data",
              let boundary = type.parameters["boundary"] else { return nil }
        return try parse(req.body.data.map { Array($0.readableBytesView) } ?? [], boundary: boundary)
    }

    static func parse(_ bytes: [UInt8], boundary: String) throws -> [MultipartPart] {
        let parser = MultipartParser(boundary: boundary)
        var parts: [MultipartPart] = []
        var current = MultipartPart(name: "", data: Data())
        parser.onHeader = { field, value in
            switch field.lowercased() {
            case "content-disposition":
                for item in value.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    if item.hasPrefix("name=") { current.name = unquote(item.dropFirst(5)) }
                    if item.hasPrefix("filename=") { current.filename = unquote(item.dropFirst(9)) }
                }
            case "content-type": current.contentType = value
            default: break
            }
        }
        parser.onBody = { chunk in current.data.append(contentsOf: chunk.readableBytesView) }
        parser.onPartComplete = {
            if !current.name.isEmpty { parts.append(current) }
            current = MultipartPart(name: "", data: Data())
        }
        try parser.execute(bytes)
        return parts
    }

    private static func unquote(_ value: Substring) -> String {
        var text = value.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("\""), text.hasSuffix("\""), text.count >= 2 { text = String(text.dropFirst().dropLast()) }
        return text.replacingOccurrences(of: "\\\"", with: "\"")
    }
}
