import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant", abstract: "Manage tenants.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant.")

        @Option(help: "URL-safe identifier: lowercase letters, digits and hyphens.")
        var slug: String

        @Option(help: "Display name.")
        var name: String

        func run() async throws {
            let (slug, name) = (self.slug, self.name)
            let tenant = try await withApplication { app in
                try await MigrationRunner(app: app).prepare()
                return try await TenantService(store: app.store).createTenant(slug: slug, name: name)
            }
            print("Created tenant '\(slug)' (\(tenant["id"]?.stringValue ?? ""))")
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user in a tenant, or add an existing user to another tenant.")

        @Option(help: "Email address; also the sign-in name.")
        var email: String

        @Option(help: "Full name.")
        var name: String

        @Option(help: "Slug of the tenant the user joins.")
        var tenant: String

        @Option(help: "Role in the tenant: owner, admin, editor or viewer.")
        var role: String = "viewer"

        @Flag(help: "Read the password from the first line of standard input instead of prompting.")
        var passwordStdin = false

        @Flag(help: "Also make the user a system administrator (changes the shared catalogs); recorded in the audit log.")
        var systemAdmin = false

        func run() async throws {
            let (email, name, tenant, role, fromStdin, systemAdmin) = (self.email, self.name, self.tenant, self.role, passwordStdin, self.systemAdmin)
            let outcome = try await withApplication { app in
                try await MigrationRunner(app: app).prepare()
                let users = UserService(store: app.store)
                let password = try await users.userExists(email: email) ? nil : try readPassword(fromStdin: fromStdin)
                return try await users.createUser(email: email, name: name, tenantSlug: tenant, role: role, password: password,
                                                  systemAdmin: systemAdmin)
            }
            let admin = systemAdmin ? ", a system administrator" : ""
            switch outcome {
            case .created(let user):
                print("Created user \(user["email"]?.stringValue ?? email) (\(user["id"]?.stringValue ?? "")) as \(role) in '\(tenant)'\(admin)")
            case .addedToTenant(let user):
                print("Added existing user \(user["email"]?.stringValue ?? email) as \(role) in '\(tenant)'\(admin)")
            }
        }
    }
}

/// The new user's password: the first line of stdin, or typed twice at a terminal without echo.
private func readPassword(fromStdin: Bool) throws -> String {
    if fromStdin {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIError("--password-stdin was given but standard input held no password")
        }
        return line
    }
    guard isatty(STDIN_FILENO) != 0 else {
        throw CLIError("no terminal to prompt for a password; pass it on standard input with --password-stdin")
    }
    guard let first = getpass("Password: ").map({ String(cString: $0) }),
          let second = getpass("Repeat password: ").map({ String(cString: $0) })
    else { throw CLIError("could not read the password") }
    guard first == second else { throw CLIError("the passwords do not match") }
    return first
}

struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Manage API keys.", subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key for a member of a tenant. The key is printed once, alone on the last line.")

        @Option(help: "Slug of the tenant the key works in.")
        var tenant: String

        @Option(help: "Email of the user the key acts as; they must be a member of the tenant.")
        var user: String

        @Option(help: "A name to recognise the key by.")
        var name: String?

        @Option(help: "Days until the key expires (default: never).")
        var expiresInDays: Int?

        func run() async throws {
            let (tenant, user, name, days) = (self.tenant, self.user, self.name, expiresInDays)
            if let days, days < 1 { throw CLIError("--expires-in-days must be at least 1") }
            let created = try await withApplication { app in
                try await MigrationRunner(app: app).prepare()
                let expiry = days.map { app.hubClients.clock.now().addingTimeInterval(Double($0) * 86_400) }
                return try await APIKeyService(store: app.store, clients: app.hubClients).create(tenantSlug: tenant, email: user, name: name, expiresAt: expiry)
            }
            print("Created API key \(created.row["key_prefix"]?.stringValue ?? "")… for \(user) in '\(tenant)'. It is shown only once:")
            print(created.key)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key by its visible prefix (oh_…); it stops working at once.")

        @Option(help: "The key's prefix as shown in lists, e.g. oh_AbC1234.")
        var prefix: String

        func run() async throws {
            let prefix = self.prefix
            let revoked = try await withApplication { app in
                try await MigrationRunner(app: app).prepare()
                return try await APIKeyService(store: app.store, clients: app.hubClients).revoke(prefix: prefix)
            }
            guard revoked else { throw CLIError("no single API key has the prefix '\(prefix)'") }
            print("Revoked API key \(prefix)….")
        }
    }
}
