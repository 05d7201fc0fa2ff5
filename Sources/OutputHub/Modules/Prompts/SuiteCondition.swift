import Foundation

/// The small, safe language of suite step conditions, over the suite's variables: comparisons
/// (`== != < <= > >=`), `and` / `or` / `not`, `in [..]` / `not in [..]`, `exists(name)`, parentheses,
/// strings, numbers, `true` / `false` / `null` and dotted names (`user.tier`). Parsed when a step is
/// saved; evaluated by walking the tree, never as code.
indirect enum SuiteCondition: Sendable, Equatable {
    case literal(JSONValue)
    case name([String])
    case list([JSONValue])
    case exists([String])
    case not(SuiteCondition)
    case and(SuiteCondition, SuiteCondition)
    case or(SuiteCondition, SuiteCondition)
    case compare(String, SuiteCondition, SuiteCondition)
    case member(SuiteCondition, SuiteCondition, negated: Bool)

    /// Where and why an expression cannot be read; `position` counts characters from 1.
    struct ParseError: Error, Sendable {
        let position: Int
        let message: String
        var description: String { "at position \(position): \(message)" }
    }

    static func parse(_ text: String) throws -> SuiteCondition {
        var parser = Parser(tokens: try tokens(text), end: text.count + 1)
        let condition = try parser.orExpression()
        if let extra = parser.peek { throw ParseError(position: extra.position, message: "unexpected \(extra.text)") }
        return condition
    }

    // MARK: Evaluation

    /// Whether the condition holds for `variables`.
    func holds(_ variables: [String: JSONValue]) -> Bool { Self.truthy(value(variables)) }

    private func value(_ variables: [String: JSONValue]) -> JSONValue {
        switch self {
        case .literal(let value): return value
        case .list(let items): return .array(items)
        case .name(let path): return Self.lookup(path, variables) ?? .null
        case .exists(let path): return .bool((Self.lookup(path, variables) ?? .null) != .null)
        case .not(let inner): return .bool(!inner.holds(variables))
        case .and(let a, let b): return .bool(a.holds(variables) && b.holds(variables))
        case .or(let a, let b): return .bool(a.holds(variables) || b.holds(variables))
        case .member(let item, let list, let negated):
            let found = list.value(variables).arrayValue?.contains(item.value(variables)) ?? false
            return .bool(found != negated)
        case .compare(let op, let a, let b):
            let x = a.value(variables), y = b.value(variables)
            switch op {
            case "==": return .bool(x == y)
            case "!=": return .bool(x != y)
            default:
                let order: Int?
                switch (x, y) {
                case (.number(let p), .number(let q)): order = p < q ? -1 : p > q ? 1 : 0
                case (.string(let p), .string(let q)): order = p < q ? -1 : p > q ? 1 : 0
                default: order = nil
                }
                guard let order else { return .bool(false) }
                switch op {
                case "<": return .bool(order < 0)
                case "<=": return .bool(order <= 0)
                case ">": return .bool(order > 0)
                default: return .bool(order >= 0)
                }
            }
        }
    }

    private static func lookup(_ path: [String], _ variables: [String: JSONValue]) -> JSONValue? {
        var current = variables[path[0]]
        for key in path.dropFirst() { current = current?[key] }
        return current
    }

    private static func truthy(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let flag): return flag
        case .number(let number): return number != 0
        case .string(let text): return !text.isEmpty
        case .array(let items): return !items.isEmpty
        case .object(let object): return !object.isEmpty
        }
    }

    // MARK: Tokens

    struct Token: Sendable {
        enum Kind: Sendable, Equatable { case number(Double), string(String), word(String), symbol(String) }
        let kind: Kind
        let position: Int
        let text: String
    }

    private static func tokens(_ text: String) throws -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        while i < chars.count {
            let c = chars[i], start = i + 1
            if c.isWhitespace { i += 1; continue }
            if c == "\"" || c == "'" {
                var value = "", j = i + 1, closed = false
                while j < chars.count {
                    if chars[j] == "\\", j + 1 < chars.count { value.append(chars[j + 1]); j += 2; continue }
                    if chars[j] == c { closed = true; break }
                    value.append(chars[j]); j += 1
                }
                guard closed else { throw ParseError(position: start, message: "the string is not closed") }
                tokens.append(Token(kind: .string(value), position: start, text: String(chars[i...j])))
                i = j + 1
            } else if c.isNumber || (c == "-" && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i + 1
                while j < chars.count, chars[j].isNumber || chars[j] == "." { j += 1 }
                let literal = String(chars[i..<j])
                guard let number = Double(literal) else { throw ParseError(position: start, message: "\(literal) is not a number") }
                tokens.append(Token(kind: .number(number), position: start, text: literal))
                i = j
            } else if c.isLetter || c == "_" {
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
                let word = String(chars[i..<j])
                tokens.append(Token(kind: .word(word), position: start, text: word))
                i = j
            } else {
                let two = i + 1 < chars.count ? String(chars[i...i + 1]) : ""
                if ["==", "!=", "<=", ">="].contains(two) {
                    tokens.append(Token(kind: .symbol(two), position: start, text: two)); i += 2
                } else if "<>()[],".contains(c) {
                    tokens.append(Token(kind: .symbol(String(c)), position: start, text: String(c))); i += 1
                } else if c == "=" {
                    tokens.append(Token(kind: .symbol("=="), position: start, text: "=")); i += 1
                } else {
                    throw ParseError(position: start, message: "unexpected character \(c)")
                }
            }
        }
        return tokens
    }

    // MARK: Grammar

    private struct Parser {
        let tokens: [Token]
        let end: Int
        var index = 0
        /// Nesting so far (parentheses, `not`, lists); capped so a hostile expression cannot exhaust the stack.
        var depth = 0
        static let maxDepth = 64

        mutating func descend() throws {
            depth += 1
            if depth > Self.maxDepth { throw ParseError(position: peek?.position ?? end, message: "the expression nests deeper than \(Self.maxDepth) levels") }
        }

        var peek: Token? { index < tokens.count ? tokens[index] : nil }

        mutating func next() -> Token? {
            defer { index += 1 }
            return peek
        }

        func isWord(_ word: String) -> Bool { if case .word(let w)? = peek?.kind { w == word } else { false } }
        func isSymbol(_ symbol: String) -> Bool { if case .symbol(let s)? = peek?.kind { s == symbol } else { false } }

        func error(_ expected: String) -> ParseError {
            ParseError(position: peek?.position ?? end, message: "expected \(expected)" + (peek.map { ", found \($0.text)" } ?? " at the end"))
        }

        mutating func expect(_ symbol: String) throws {
            guard isSymbol(symbol) else { throw error(symbol) }
            index += 1
        }

        mutating func orExpression() throws -> SuiteCondition {
            var left = try andExpression()
            while isWord("or") { index += 1; left = .or(left, try andExpression()) }
            return left
        }

        mutating func andExpression() throws -> SuiteCondition {
            var left = try notExpression()
            while isWord("and") { index += 1; left = .and(left, try notExpression()) }
            return left
        }

        mutating func notExpression() throws -> SuiteCondition {
            if isWord("not") {
                index += 1
                try descend()
                defer { depth -= 1 }
                return .not(try notExpression())
            }
            return try comparison()
        }

        mutating func comparison() throws -> SuiteCondition {
            let left = try operand()
            if case .symbol(let op)? = peek?.kind, ["==", "!=", "<", "<=", ">", ">="].contains(op) {
                index += 1
                return .compare(op, left, try operand())
            }
            if isWord("in") { index += 1; return .member(left, try operand(), negated: false) }
            if isWord("not"), index + 1 < tokens.count, case .word("in") = tokens[index + 1].kind {
                index += 2
                return .member(left, try operand(), negated: true)
            }
            return left
        }

        mutating func operand() throws -> SuiteCondition {
            guard let token = peek else { throw error("a value or a variable") }
            switch token.kind {
            case .number(let n): index += 1; return .literal(.number(n))
            case .string(let s): index += 1; return .literal(.string(s))
            case .symbol("("):
                index += 1
                try descend()
                defer { depth -= 1 }
                let inner = try orExpression()
                try expect(")")
                return inner
            case .symbol("["):
                index += 1
                try descend()
                defer { depth -= 1 }
                var items: [JSONValue] = []
                while !isSymbol("]") {
                    guard case .literal(let value) = try operand() else { throw error("a literal in the list") }
                    items.append(value)
                    if isSymbol(",") { index += 1 } else if !isSymbol("]") { throw error(", or ]") }
                }
                index += 1
                return .list(items)
            case .word(let word):
                index += 1
                switch word {
                case "true": return .literal(.bool(true))
                case "false": return .literal(.bool(false))
                case "null": return .literal(.null)
                case "and", "or", "not", "in": index -= 1; throw error("a value or a variable")
                case "exists":
                    try expect("(")
                    guard case .word(let name)? = peek?.kind, !["and", "or", "not", "in"].contains(name) else { throw error("a variable name") }
                    index += 1
                    try expect(")")
                    return .exists(Self.path(name))
                default:
                    guard !word.hasSuffix("."), !word.contains("..") else {
                        throw ParseError(position: token.position, message: "\(word) is not a variable name")
                    }
                    return .name(Self.path(word))
                }
            case .symbol: throw error("a value or a variable")
            }
        }

        static func path(_ name: String) -> [String] { name.split(separator: ".").map(String.init) }
    }
}
