import Foundation
import Vapor

/// `outputhub prompts export|import --tenant S PATH`: a tenant's prompts as Markdown files with YAML front
/// matter and its suites as YAML, so they can live in git (see `PromptFiles`), or the whole library with
/// every version as one JSON bundle for backups (`--bundle`, see `PromptBundle`).
struct PromptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompts", abstract: "Keep a tenant's prompts and suites as files.", subcommands: [Export.self, Import.self])

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one Markdown file per prompt (prompts/<code>.md) and one YAML file per suite (suites/<code>.yaml), or with --bundle one JSON backup holding every version.")

        @ArgumentParser.Option(help: "Slug of the tenant.") var tenant: String
        @ArgumentParser.Flag(help: "Write a JSON bundle with every version, label and suite (a backup) to PATH instead of files.") var bundle = false
        @ArgumentParser.Argument(help: "The folder to write into (created when missing), or with --bundle the JSON file.") var path: String

        func run() async throws {
            let (slug, path, bundle) = (tenant, path, bundle)
            if bundle {
                let exported = try await withApplication { app in
                    try await MigrationRunner(app: app).up()
                    return try await PromptFiles(library: try await PromptsCommand.library(app, tenant: slug)).exportBundle()
                }
                let url = URL(fileURLWithPath: path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try exported.encoded().write(to: url, options: .atomic)
                let versions = exported.prompts.map(\.versions.count).reduce(0, +)
                print("Wrote \(exported.prompts.count) prompts with \(versions) versions and \(exported.suites.count) suites to \(path).")
                return
            }
            let (files, skipped) = try await withApplication { app in
                try await MigrationRunner(app: app).up()
                return try await PromptFiles(library: try await PromptsCommand.library(app, tenant: slug)).export()
            }
            let root = URL(fileURLWithPath: path)
            for file in files {
                let url = root.appendingPathComponent(file.path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.text.utf8).write(to: url, options: .atomic)
            }
            print("Wrote \(files.filter { $0.path.hasPrefix("prompts/") }.count) prompts and \(files.filter { $0.path.hasPrefix("suites/") }.count) suites to \(path).")
            if !skipped.isEmpty { print("Skipped \(skipped.count) prompts without a code (the code names the file): \(skipped.joined(separator: ", "))") }
        }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read an export back (a folder of prompts/*.md and suites/*.yaml, or a JSON bundle): create what is missing, make a version only where content, role, variables or config differ.")

        @ArgumentParser.Option(help: "Slug of the tenant.") var tenant: String
        @ArgumentParser.Flag(help: "Show what would change and write nothing.") var dryRun = false
        @ArgumentParser.Argument(help: "The folder an export wrote (or Markdown and YAML files directly), or a .json bundle.") var path: String

        func run() async throws {
            let (slug, dryRun, path) = (tenant, dryRun, path)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw CLIError("\(path) does not exist") }
            let source: Source = isFolder.boolValue ? .files(try Self.files(in: path)) : .bundle(try Self.bundle(at: path))
            let report = try await withApplication { app in
                try await MigrationRunner(app: app).up()
                do {
                    let files = PromptFiles(library: try await PromptsCommand.library(app, tenant: slug))
                    switch source {
                    case .files(let list): return try await files.importFiles(list, dryRun: dryRun)
                    case .bundle(let bundle): return try await files.importBundle(bundle, path: path, dryRun: dryRun)
                    }
                } catch let problem as Problem {
                    throw CLIError(([problem.detail] + problem.errors.map { "\($0.field): \($0.message)" }).joined(separator: "\n  "))
                } catch let unreadable as PromptFiles.Unreadable {
                    throw CLIError(unreadable.description)
                }
            }
            Self.print(report, dryRun: dryRun)
        }

        enum Source: Sendable {
            case files([PromptFiles.File])
            case bundle(PromptBundle)
        }

        static func print(_ report: PromptFiles.Report, dryRun: Bool) {
            for change in report.prompts {
                switch change {
                case .create(let code): Swift.print("create   \(code) (version 1)")
                case .newVersion(let code, let version): Swift.print("version  \(code) → \(version)")
                case .inPlace(let code): Swift.print("update   \(code) (name, description or visibility)")
                case .unchanged: break
                }
            }
            for change in report.suites {
                switch change {
                case .create(let code): Swift.print("create   suite \(code)")
                case .update(let code): Swift.print("update   suite \(code)")
                case .unchanged: break
                }
            }
            for note in report.notes { Swift.print("note     \(note)") }
            let unchanged = report.prompts.filter { if case .unchanged = $0 { true } else { false } }.count
            let suitesUnchanged = report.suites.filter { if case .unchanged = $0 { true } else { false } }.count
            Swift.print("\(dryRun ? "Would change" : "Changed") \(report.prompts.count - unchanged) of \(report.prompts.count) prompts; \(unchanged) unchanged."
                        + (report.suites.isEmpty ? "" : " \(report.suites.count - suitesUnchanged) of \(report.suites.count) suites; \(suitesUnchanged) unchanged."))
        }

        /// The Markdown and YAML files of an export folder (its prompts/ and suites/ subfolders) or of the
        /// folder itself.
        static func files(in directory: String) throws -> [PromptFiles.File] {
            let root = URL(fileURLWithPath: directory)
            var folders = ["prompts", "suites"].map { root.appendingPathComponent($0) }.filter { FileManager.default.fileExists(atPath: $0.path) }
            if folders.isEmpty { folders = [root] }
            var files: [PromptFiles.File] = []
            for folder in folders {
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { throw CLIError("cannot read the folder \(folder.path)") }
                for name in names.sorted() where [".md", ".yaml", ".yml"].contains(where: name.hasSuffix) {
                    let url = folder.appendingPathComponent(name)
                    guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw CLIError("\(url.path) is not UTF-8 text") }
                    files.append(PromptFiles.File(path: url.path, text: text))
                }
            }
            return files
        }

        static func bundle(at path: String) throws -> PromptBundle {
            guard let data = FileManager.default.contents(atPath: path) else { throw CLIError("cannot read \(path)") }
            do { return try PromptBundle.decode(data, path: path) } catch let unreadable as PromptFiles.Unreadable { throw CLIError(unreadable.description) }
        }
    }

    /// A prompt library acting as the tenant's first owner (the author of the versions a command makes).
    static func library(_ app: Application, tenant slug: String) async throws -> PromptLibrary {
        PromptLibrary(store: app.store, actor: try await actor(app, tenant: slug), clients: app.hubClients)
    }

    /// The tenant's first owner, who acts for a command run on a tenant's behalf.
    static func actor(_ app: Application, tenant slug: String) async throws -> Actor {
        guard let tenant = try await TenantService(store: app.store).tenant(slug: slug), let tenantID = tenant["id"]?.uuidValue else {
            throw CLIError("no tenant has the slug \(slug)")
        }
        guard let owner = try await app.store.select(IdentityTables.tenantMemberships, where: ["tenant_id": .uuid(tenantID), "role": .string("owner")], limit: 1).first,
              let userID = owner["user_id"]?.uuidValue else {
            throw CLIError("tenant \(slug) has no owner to act for the command")
        }
        return Actor(tenantID: tenantID, userID: userID)
    }
}
