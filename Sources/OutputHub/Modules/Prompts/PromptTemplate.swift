import Foundation

/// A prompt's content as text and placeholders: `{{name}}` inserts a variable, `{{> code}}` or
/// `{{> code@label}}` includes another prompt's resolved version. Everything else is literal text.
struct PromptTemplate: Sendable {
    enum Part: Sendable, Equatable {
        case text(String)
        case variable(String)
        case include(code: String, label: String?)
    }

    let parts: [Part]

    /// A placeholder that is not a variable name or an include.
    struct Malformed: Error {
        let placeholder: String
    }

    /// Letters, digits and `_`, not starting with a digit.
    static func isName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return text.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }

    /// A label name: 1 to 50 of `a-z`, `0-9`, `_` and `-`.
    static func isLabel(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 50 && text.unicodeScalars.allSatisfy { $0 == "_" || $0 == "-" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    init(_ content: String) throws {
        var parts: [Part] = []
        var rest = Substring(content)
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            if open.lowerBound > rest.startIndex { parts.append(.text(String(rest[..<open.lowerBound]))) }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            parts.append(try Self.placeholder(inner))
            rest = rest[close.upperBound...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        self.parts = parts
    }

    private static func placeholder(_ inner: String) throws -> Part {
        if inner.hasPrefix(">") {
            let reference = inner.dropFirst().trimmingCharacters(in: .whitespaces)
            let pieces = reference.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            guard let code = pieces.first, !code.isEmpty, code.count <= 50, !code.contains(where: \.isWhitespace) else {
                throw Malformed(placeholder: "{{\(inner)}}")
            }
            if pieces.count == 2 {
                guard isLabel(pieces[1]) else { throw Malformed(placeholder: "{{\(inner)}}") }
                return .include(code: code, label: pieces[1] == PromptLabels.latest ? nil : pieces[1])
            }
            return .include(code: code, label: nil)
        }
        guard isName(inner) else { throw Malformed(placeholder: "{{\(inner)}}") }
        return .variable(inner)
    }

    /// The variable names used, in first-use order.
    var variables: [String] {
        var seen = Set<String>()
        return parts.compactMap { if case .variable(let name) = $0, seen.insert(name).inserted { name } else { nil } }
    }

    /// The includes, in order.
    var includes: [(code: String, label: String?)] {
        parts.compactMap { if case .include(let code, let label) = $0 { (code, label) } else { nil } }
    }
}
