import Foundation

/// Creating tenants and adding people to them, as the CLI and (later) the admin UI do.
public struct TenantService: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Creates a tenant; the slug is lowercase letters, digits and hyphens.
    public func createTenant(slug: String, name: String) async throws -> DBRow {
        guard slug.count >= 2, slug.count <= 100,
              slug.allSatisfy({ ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }),
              slug.first != "-", slug.last != "-"
        else {
            throw IdentityError("slug must be 2–100 characters of lowercase letters, digits and hyphens, got '\(slug)'")
        }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 255 else { throw IdentityError("name must be 1–255 characters") }
        let tenants = IdentityTables.tenants
        return try await store.transaction { tx in
            guard try await tx.select(tenants, where: ["slug": .string(slug)], limit: 1).isEmpty else {
                throw IdentityError("a tenant with slug '\(slug)' already exists")
            }
            return try await tx.insert(tenants, ["slug": .string(slug), "name": .string(trimmed)])
        }
    }

    public func tenant(slug: String) async throws -> DBRow? {
        try await store.select(IdentityTables.tenants, where: ["slug": .string(slug)], limit: 1).first
    }
}

/// A refused identity operation; its description is shown to the user as is.
public struct IdentityError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
