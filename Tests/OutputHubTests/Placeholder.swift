import Testing
@testable import OutputHub
@Test func placeholder() { #expect(OutputHubVersion.current == "0.1.0") }
