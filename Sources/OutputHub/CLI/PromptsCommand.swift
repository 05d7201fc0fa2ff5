import Foundation
import Vapor

/// `outputhub prompts export|import --tenant S DIR`: a tenant's prompts as Markdown files with YAML front
/// matter and its suites as YAML, so they can live in git (see `PromptFiles`).
struct PromptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts", abstract: "Keep a tenant's prompts and suites as files.", subcommands: [Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one Markdown file per prompt (prompts/<code>.md) and one YAML file per suite (suites/<code>.yaml).")

        @ArgumentParser.Option(help: "Slug of the tenant.") var tenant: String
        @ArgumentParser.Argument(help: "The folder to write into (created when missing).") var directory: String

        func run() async throws {
            let (slug, directory) = (tenant, directory)
            let (files, skipped) = try await withApplication { app in
                try await MigrationRunner(app: app).up()
                return try await PromptFiles(library: try await PromptsCommand.library(app, tenant: slug)).export()
            }
            let root = URL(fileURLWithPath: directory)
            for file in files {
                let url = root.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .atomic)
            }
            print("Wrote \(files.filter { $0.path.hasPrefix("prompts/") }.count) prompts and \(files.filter { $0.path.hasPrefix("suites/") }.count) suites to \(directory).")
            if !skipped.isEmpty { print("Skipped \(skipped.count) prompts without a code (the code names the file): \(skipped.joined(separator: ", "))") }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read prompts/<code>.md files back: create missing prompts, make a version only where content, role, variables or config differ.")

        @ArgumentParser.Option(help: "Slug of the tenant.") var tenant: String
        @ArgumentParser.Flag(help: "Show what would change and write nothing.") var dryRun = false
        @ArgumentParser.Argument(help: "The folder an export wrote (its prompts/ subfolder, or Markdown files directly).") var directory: String

        func run() async throws {
            let files = try Self.promptFiles(in: directory)
            let (slug, dryRun) = (tenant, dryRun)
            let (changes, notes) = try await withApplication { app in
                try await MigrationRunner(app: app).up()
                do {
                    return try await PromptFiles(library: try await PromptsCommand.library(app, tenant: slug)).importPrompts(files, dryRun: dryRun)
                } catch let problem as Problem {
                    throw CLIError(([problem.detail] + problem.errors.map { "\($0.field): \($0.message)" }).joined(separator: "\n  "))
                } catch let unreadable as PromptFiles.Unreadable {
                    throw CLIError(unreadable.description)
                }
            }
            for change in changes {
                switch change {
                case .create(let code): print("create   \(code) (version 1)")
                case .newVersion(let code, let version): print("version  \(code) → \(version)")
                case .inPlace(let code): print("update   \(code) (name, description or visibility)")
                case .unchanged: break
                }
            }
            for note in notes { print("note     \(note)") }
            let unchanged = changes.filter { if case .unchanged = $0 { true } else { false } }.count
            print("\(dryRun ? "Would change" : "Changed") \(changes.count - unchanged) of \(changes.count) prompts; \(unchanged) unchanged.")
        }

        static func promptFiles(in directory: String) throws -> [PromptFiles.File] {
            var root = URL(fileURLWithPath: directory)
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("prompts").path) { root = root.appendingPathComponent("prompts") }
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { throw CLIError("cannot read the folder \(directory)") }
            return try names.filter { $0.hasSuffix(".md") }.sorted().map { name in
                let url = root.appendingPathComponent(name)
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw CLIError("\(url.path) is not UTF-8 text") }
                return PromptFiles.File(path: url.path, text: text)
            }
        }
    }

    /// The tenant's first owner acts for the command (authors of the versions it makes).
    static func library(_ app: Application, tenant slug: String) async throws -> PromptLibrary {
        guard let tenant = try await TenantService(store: app.store).tenant(slug: slug), let tenantID = tenant["id"]?.uuidValue else {
            throw CLIError("no tenant has the slug \(slug)")
        }
        guard let owner = try await app.store.select(IdentityTables.tenantMemberships, where: ["tenant_id": .uuid(tenantID), "role": .string("owner")], limit: 1).first,
              let userID = owner["user_id"]?.uuidValue else {
            throw CLIError("tenant \(slug) has no owner to act for the command")
        }
        return PromptLibrary(store: app.store, actor: Actor(tenantID: tenantID, userID: userID), clients: app.hubClients)
    }
}
