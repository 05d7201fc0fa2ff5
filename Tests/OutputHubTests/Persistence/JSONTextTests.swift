import Foundation
@testable import OutputHub
import Testing

/// SQLite's text arrays (JSON arrays of strings) read directly agree with Foundation's decoder, and JSON
/// values written directly read back as they were.
@Suite("Persistence: JSON text")
struct JSONTextTests {
    @Test("String arrays read directly agree with the full decoder, escapes and blanks included; what is not one is nil")
    func stringArrays() throws {
        let cases: [String] = [
            #"[]"#, #" [ ] "#, #"["vision"]"#, #"["a","b","c"]"#, #"[ "spaced" , "out" ]"#, #"["quote \" inside","back\\slash","a\/b"]"#,
            #"["line\nbreak","tab\t","\u00e9t\u00e9","😀 emoji"]"#, #"["über", "naïve"]"#, #"[""]"#,
        ]
        for text in cases {
            let expected = try JSONDecoder().decode([String].self, from: Data(text.utf8))
            #expect(JSONText.strings(text) == expected, "\(text)")
        }
        for bad in [#""#, #"["unterminated"#, #"["a",]"#, #"["a" "b"]"#, #"[1,2]"#, #"{"a":"b"}"#, #"["a"] x"#, "[\"raw\ncontrol\"]"] {
            #expect(JSONText.strings(bad) == nil, "\(bad)")
        }
    }

    @Test("JSON values written directly parse back to themselves, with object keys in order and no number lost")
    func written() throws {
        let value = JSONValue.object([
            "z": .array([.number(1), .number(-0.25), .number(1e-7), .number(123_456_789_012), .bool(true), .null]),
            "a": .string("quote \" back\\slash\nline / slash ☃"), "m": .object(["nested": .array([])]),
        ])
        let text = String(decoding: value.jsonBytes, as: UTF8.self)
        #expect(JSONValue.parse(value.jsonBytes) == value, "\(text)")
        #expect(text.hasPrefix(#"{"a":"#) && text.contains(#","m":{"nested":[]},"z":[1,-0.25,"#), "\(text)")
        #expect(JSONValue.number(.infinity).jsonBytes == Array("null".utf8))
    }
}
