@testable import OutputHub

extension Catalog {
    /// A declared table by name, for tests that go through every table or name one in a fixture.
    static func declared(_ name: String) -> TableDeclaration {
        guard let table = tables.first(where: { $0.name == name }) else { preconditionFailure("\(name) is not a declared table") }
        return table
    }
}
