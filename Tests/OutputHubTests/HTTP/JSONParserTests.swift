import Foundation
@testable import OutputHub
import Testing

/// The JSON reader against Foundation's on the same texts: equal values where both read them, and a refusal
/// of everything RFC 8259 does not allow.
@Suite("JSON reader")
struct JSONParserTests {
    static func foundation(_ text: String) -> JSONValue? { try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) }
    static func parsed(_ text: String) -> JSONValue? { JSONValue.parse(Array(text.utf8)) }

    static let valid = [
        #"{"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],"temperature":0.7,"stream":false,"stop":null}"#,
        #"[1, -2, 3.25, -0.5e-3, 1E+2, 0, -0, 123456789012345678901234567890, 1.7976931348623157e308]"#,
        #"  {"nested": {"deeper": [[], {}, [{"a": [true, false, null]}]]}}  "#,
        #""plain""#, "42", "true", "null", " \n\t\r[ ]\n",
        #"{"escapes":"quote \" backslash \\ slash \/ \b\f\n\r\t tab","unicode":"\u00e9\u4e2d\ud83d\ude00","raw":"é中😀"}"#,
        #"{"embedding":[0.0123,-0.98765,1e-7,3.0000000000000004]}"#,
    ]

    static let invalid = [
        "", " ", "{", "[1,]", "{\"a\":1,}", "[01]", "1.", ".5", "-", "1e", "+1", "tru", "nul", "NaN", "Infinity", "1e400",
        "{'a':1}", "{a:1}", "[1 2]", "{\"a\" 1}", "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"lone \\ud800\"",
        "\"lone \\udc00 low\"", "\"tab\there\"", "[1] [2]", "// comment\n1", "{\"a\":1}}",
    ]

    @Test("Valid texts read as Foundation reads them")
    func agreesWithFoundation() {
        for text in Self.valid {
            let ours = Self.parsed(text)
            #expect(ours != nil, "read: \(text)")
            #expect(ours == Self.foundation(text), "\(text)")
        }
        #expect(Self.parsed(#"{"same":1,"same":2}"#)?["same"] == .number(2), "the last of a repeated key, as JavaScript and Python read it (Foundation keeps the first)")
        #expect(Self.parsed(#""\ud83d\ude00""#) == .string("😀"), "a surrogate pair is one scalar")
        #expect(Self.parsed("123456789012345")?.numberValue == 123_456_789_012_345, "15 digits exactly")
    }

    @Test("Everything else is refused")
    func refusesInvalid() {
        for text in Self.invalid { #expect(Self.parsed(text) == nil, "refused: \(text)") }
        #expect(JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) == nil, "invalid UTF-8 in a string")
        let deep = String(repeating: "[", count: JSONParser.maxDepth + 1) + String(repeating: "]", count: JSONParser.maxDepth + 1)
        #expect(Self.parsed(deep) == nil, "nesting deeper than the limit")
        let allowed = String(repeating: "[", count: JSONParser.maxDepth) + String(repeating: "]", count: JSONParser.maxDepth)
        #expect(Self.parsed(allowed) != nil)
    }
}
