import Foundation
@testable import OutputHub
import Testing

/// `outputhub prompts export|import`: prompts as Markdown files with YAML front matter, through the CLI.
@Suite("Prompts: prompts as files")
struct PromptFilesTests {
    @Test("Import creates prompts, a dry run writes nothing, importing twice changes nothing, a changed file makes a version; export → import reproduces a tenant")
    func roundTrip() async throws {
        try await withCLI { cli, settings in
            for slug in ["src", "dst"] {
                #expect(try cli.run(["tenant", "create", "--slug", slug, "--name", slug.capitalized]).status == 0)
                #expect(try cli.run(["user", "create", "--email", "owner@\(slug).test", "--name", "Owner", "--tenant", slug, "--role", "owner", "--password-stdin"],
                                    stdin: "long password 1\n").status == 0)
            }
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("prompt-files-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            let source = root.appendingPathComponent("source/prompts")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            let greet = """
                ---
                code: greet
                name: Greeting
                role: system
                variables:
                - name: who
                  type: string
                  required: true
                config:
                  temperature: 0.3
                labels:
                - staging
                ---
                Hello {{who}}.
                """
            try greet.write(to: source.appendingPathComponent("greet.md"), atomically: true, encoding: .utf8)
            try "---\ncode: bye\nname: Bye\n---\nBye {{> greet}}".write(to: source.appendingPathComponent("bye.md"), atomically: true, encoding: .utf8)

            let dry = try cli.run(["prompts", "import", "--tenant", "src", "--dry-run", root.appendingPathComponent("source").path])
            #expect(dry.status == 0 && dry.stdout.contains("create   greet") && dry.stdout.contains("Would change 2 of 2"), "\(dry.stdout)\(dry.stderr)")
            let first = try cli.run(["prompts", "import", "--tenant", "src", root.appendingPathComponent("source").path])
            #expect(first.status == 0 && first.stdout.contains("Changed 2 of 2"), "\(first.stdout)\(first.stderr)")
            let again = try cli.run(["prompts", "import", "--tenant", "src", root.appendingPathComponent("source").path])
            #expect(again.stdout.contains("Changed 0 of 2 prompts; 2 unchanged"), "importing twice changes nothing: \(again.stdout)\(again.stderr)")
            try greet.replacingOccurrences(of: "Hello {{who}}.", with: "Hi {{who}}!").write(to: source.appendingPathComponent("greet.md"), atomically: true, encoding: .utf8)
            #expect(try cli.run(["prompts", "import", "--tenant", "src", source.path]).stdout.contains("version  greet → 2"))

            let exported = root.appendingPathComponent("exported")
            #expect(try cli.run(["prompts", "export", "--tenant", "src", exported.path]).stdout.contains("Wrote 2 prompts"))
            let file = try String(contentsOf: exported.appendingPathComponent("prompts/greet.md"), encoding: .utf8)
            #expect(file.hasSuffix("---\nHi {{who}}!") && file.contains("temperature: 0.3") && file.contains("- staging") && file.contains("role: system"), "\(file)")
            #expect(try cli.run(["prompts", "import", "--tenant", "dst", exported.path]).stdout.contains("Changed 2 of 2"))
            let copy = root.appendingPathComponent("copy")
            _ = try cli.run(["prompts", "export", "--tenant", "dst", copy.path])
            for name in ["greet", "bye"] {
                #expect(try String(contentsOf: copy.appendingPathComponent("prompts/\(name).md"), encoding: .utf8)
                        == String(contentsOf: exported.appendingPathComponent("prompts/\(name).md"), encoding: .utf8), "\(name) reproduced")
            }

            let app = try await buildApplication(settings: settings, environment: .testing)
            do {
                let tenant = try #require(try await app.store.select(IdentityTables.tenants, where: ["slug": .string("src")]).first?["id"])
                let prompt = try #require(try await app.store.select(PromptLibraryTables.prompts, where: ["tenant_id": tenant, "code": .string("greet")]).first)
                #expect(prompt["current_version"] == .string("2"))
                let labels = try await app.store.select(PromptLibraryTables.promptLabels, where: ["prompt_id": prompt["id"]!])
                let current = try #require(try await app.store.select(PromptLibraryTables.promptVersions, where: ["prompt_id": prompt["id"]!, "is_current": .bool(true)]).first)
                #expect(labels.map { $0["version_id"] } == [current["id"]], "staging follows the file to the current version")
                try await app.asyncShutdown()
            } catch {
                try await app.asyncShutdown()
                throw error
            }

            try "no front matter".write(to: source.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
            let broken = try cli.run(["prompts", "import", "--tenant", "src", source.path])
            #expect(broken.status != 0 && broken.stderr.contains("broken.md"), "\(broken.stderr)")
            try "---\ncode: bad\nname: Bad\n---\nHi {{nobody}}".write(to: source.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
            let invalid = try cli.run(["prompts", "import", "--tenant", "src", source.path])
            #expect(invalid.status != 0 && invalid.stderr.contains("variables.nobody"), "\(invalid.stderr)")
            #expect(try cli.run(["prompts", "export", "--tenant", "nobody", exported.path]).status != 0)
        }
    }
}
