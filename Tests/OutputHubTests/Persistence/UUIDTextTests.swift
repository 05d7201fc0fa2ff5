import Foundation
@testable import OutputHub
import Testing

/// Ids as text, written and read without Foundation's formatter: the same text and the same answers as
/// `uuidString` and `UUID(uuidString:)`.
@Suite("UUIDs as text")
struct UUIDTextTests {
    @Test("The lowercase form and the parser agree with Foundation's, in both cases, over many ids")
    func roundTrip() {
        for _ in 0..<2_000 {
            let id = UUID()
            #expect(id.lowercaseText == id.uuidString.lowercased())
            #expect(UUID(text: id.uuidString) == id && UUID(text: id.lowercaseText) == id)
        }
        let fixed = UUID(uuid: (0x00, 0x1f, 0xa0, 0xff, 0x10, 0x09, 0x4b, 0xc2, 0x8d, 0x3e, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x23))
        #expect(fixed.lowercaseText == "001fa0ff-1009-4bc2-8d3e-deadbeef0123")
        #expect(UUID(text: "001FA0FF-1009-4BC2-8D3E-DEADBEEF0123") == fixed)
    }

    @Test("Anything but the 36-character form is refused", arguments: [
        "", "001fa0ff-1009-4bc2-8d3e-deadbeef012", "001fa0ff-1009-4bc2-8d3e-deadbeef01234", "001fa0ff1009-4bc2-8d3e-deadbeef01234",
        "001fa0ff-1009-4bc2-8d3e_deadbeef0123", "g01fa0ff-1009-4bc2-8d3e-deadbeef0123", "{01fa0ff-1009-4bc2-8d3e-deadbeef0123}",
        "001fa0ff-1009-4bc2-8d3e-deadbeef012é",
    ])
    func refused(_ text: String) {
        #expect(UUID(text: text) == nil && UUID(uuidString: text) == nil)
    }

    @Test("Byte order is the order of the text")
    func order() {
        let ids = (0..<500).map { _ in UUID() }
        #expect(ids.sorted { $0.precedes($1) }.map(\.lowercaseText) == ids.map(\.lowercaseText).sorted())
        #expect(!ids[0].precedes(ids[0]))
    }
}
