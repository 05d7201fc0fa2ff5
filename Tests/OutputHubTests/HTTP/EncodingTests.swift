import Foundation
@testable import OutputHub
import Testing

/// The byte-level writers and readers on the API's hot path agree with Foundation's.
@Suite struct EncodingTests {
    @Test func queryStringsDecodeLikeFormEncoding() throws {
        let pairs = try QueryString.pairs("name=eq.caf%C3%A9+au+lait&&q=a%2Bb%26c&flag&=empty&order=name.desc")
        #expect(pairs.map(\.0) == ["name", "q", "flag", "", "order"])
        #expect(pairs.map(\.1) == ["eq.café au lait", "a+b&c", "", "empty", "name.desc"])
        for (malformed, parameter) in [("a=%zz", "a"), ("a=%4", "a"), ("a=%", "a"), ("a=%FF", "a"), ("%C3=1", nil), ("ok=1&a=%C3%28", "a")] {
            let error = try #require(throws: QueryString.Malformed.self, "\(malformed)") { try QueryString.pairs(Substring(malformed)) }
            #expect(error.parameter == parameter, "\(malformed)")
        }
    }

    @Test func jsonStringsEscapeWhatJSONRequires() throws {
        let samples = ["plain", "quote \" and \\ backslash", "line\nbreak\ttab\r", "bell \u{07} nul \u{00} unit \u{1F}", "é ☃ 𝄞 emoji 🎉", ""]
        for sample in samples {
            var out: [UInt8] = []
            RowEncoding.appendString(sample, into: &out)
            let decoded = try JSONDecoder().decode(String.self, from: Data(out))
            #expect(decoded == sample)
            #expect(!out.dropFirst().dropLast().contains { $0 < 0x20 }, "raw control byte in \(String(decoding: out, as: UTF8.self))")
        }
        var control: [UInt8] = []
        RowEncoding.appendString("\u{01}", into: &control)
        #expect(String(decoding: control, as: UTF8.self) == "\"\\u0001\"")
    }

    @Test func rowsWriteAsJSONObjectsInColumnOrder() throws {
        let keys = RowEncoding.keys([.text("name"), .integer("n"), .json("meta"), .textArray("tags"), .boolean("ok"), .double("x")])
        var out: [UInt8] = []
        RowEncoding.json(values: [.string("a\"b"), .int(42), .json("{\"k\":[1,2]}"), .array(["x", "y\n"]), .bool(true), .double(.nan)], keys: keys, into: &out)
        #expect(String(decoding: out, as: UTF8.self) == #"{"name":"a\"b","n":42,"meta":{"k":[1,2]},"tags":["x","y\n"],"ok":true,"x":null}"#)
    }

    @Test func cursorsRoundTrip() throws {
        let resource = try #require(Resources.named("prompts"))
        let order = [OrderTerm(column: "name", descending: false), OrderTerm(column: "code", descending: true), OrderTerm(column: "id", descending: false)]
        let id = UUID()
        let text = Cursor.encode([.string("Ünïcode \"name\" +/="), .null, .string(id.uuidString.lowercased())])
        #expect(!text.contains { "+/=".contains($0) })
        let values = try Cursor.decode(text, order: order, resource: resource)
        #expect(values[0] == .string("Ünïcode \"name\" +/="))
        #expect(values[1] == .null)
        #expect(values[2] == .uuid(id))
        #expect(throws: Problem.self) { try Cursor.decode(text + "x", order: order, resource: resource) }
        #expect(throws: Problem.self) { try Cursor.decode(text, order: Array(order.prefix(2)), resource: resource) }
    }
}
