import Foundation
@testable import OutputHub
import Testing

/// `outputhub prompts export|import`: prompts as Markdown files with YAML front matter, through the CLI.
@Suite("Prompts: prompts as files")
struct PromptFilesTests {
    static let suite = """
        code: onboarding
        name: Onboarding
        default_config:
          temperature: 0.2
        steps:
        - prompt: greet
          order: 1
          variable_mappings:
            who: customer
        sub_suites:
        - code: pro
          name: Pro customers
          display_order: 1
          config_overrides:
            max_tokens: 200
          steps:
          - prompt: bye
            order: 2
            required: false
            condition: tier == 'pro'
        """

    @Test("Import creates prompts and suites, a dry run writes nothing, importing twice changes nothing, a changed file makes a version, a bad file changes nothing; export → import reproduces a tenant")
    func roundTrip() async throws {
        try await withCLI { cli, settings in
            for slug in ["src", "dst"] {
                #expect(try await cli.run(["tenant", "create", "--slug", slug, "--name", slug.capitalized]).status == 0)
                #expect(try await cli.run(["user", "create", "--email", "owner@\(slug).test", "--name", "Owner", "--tenant", slug, "--role", "owner", "--password-stdin"],
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
            let suites = root.appendingPathComponent("source/suites")
            try FileManager.default.createDirectory(at: suites, withIntermediateDirectories: true)
            try Self.suite.write(to: suites.appendingPathComponent("onboarding.yaml"), atomically: true, encoding: .utf8)

            let dry = try await cli.run(["prompts", "import", "--tenant", "src", "--dry-run", root.appendingPathComponent("source").path])
            #expect(dry.status == 0 && dry.stdout.contains("create   greet") && dry.stdout.contains("create   suite onboarding")
                    && dry.stdout.contains("Would change 2 of 2"), "\(dry.stdout)\(dry.stderr)")
            #expect(try await cli.run(["prompts", "export", "--tenant", "src", root.appendingPathComponent("empty").path]).stdout.contains("Wrote 0 prompts and 0 suites"),
                    "the dry run wrote nothing")
            let first = try await cli.run(["prompts", "import", "--tenant", "src", root.appendingPathComponent("source").path])
            #expect(first.status == 0 && first.stdout.contains("Changed 2 of 2") && first.stdout.contains("1 of 1 suites"), "\(first.stdout)\(first.stderr)")
            let again = try await cli.run(["prompts", "import", "--tenant", "src", root.appendingPathComponent("source").path])
            #expect(again.stdout.contains("Changed 0 of 2 prompts; 2 unchanged. 0 of 1 suites; 1 unchanged."), "importing twice changes nothing: \(again.stdout)\(again.stderr)")
            try greet.replacingOccurrences(of: "Hello {{who}}.", with: "Hi {{who}}!").write(to: source.appendingPathComponent("greet.md"), atomically: true, encoding: .utf8)
            #expect(try await cli.run(["prompts", "import", "--tenant", "src", source.path]).stdout.contains("version  greet → 2"))

            let exported = root.appendingPathComponent("exported")
            #expect(try await cli.run(["prompts", "export", "--tenant", "src", exported.path]).stdout.contains("Wrote 2 prompts and 1 suites"))
            let suiteFile = try String(contentsOf: exported.appendingPathComponent("suites/onboarding.yaml"), encoding: .utf8)
            #expect(suiteFile.contains("condition: tier == 'pro'") && suiteFile.contains("display_order: 1") && suiteFile.contains("who: customer"), "\(suiteFile)")
            let file = try String(contentsOf: exported.appendingPathComponent("prompts/greet.md"), encoding: .utf8)
            #expect(file.hasSuffix("---\nHi {{who}}!") && file.contains("temperature: 0.3") && file.contains("- staging") && file.contains("role: system"), "\(file)")
            #expect(try await cli.run(["prompts", "import", "--tenant", "dst", exported.path]).stdout.contains("Changed 2 of 2"))
            let copy = root.appendingPathComponent("copy")
            _ = try await cli.run(["prompts", "export", "--tenant", "dst", copy.path])
            for name in ["prompts/greet.md", "prompts/bye.md", "suites/onboarding.yaml"] {
                #expect(try String(contentsOf: copy.appendingPathComponent(name), encoding: .utf8)
                        == String(contentsOf: exported.appendingPathComponent(name), encoding: .utf8), "\(name) reproduced")
            }
            // A changed suite file replaces the suite's steps; a step naming an unknown prompt is refused whole.
            try Self.suite.replacingOccurrences(of: "order: 2", with: "order: 0").write(to: suites.appendingPathComponent("onboarding.yaml"), atomically: true, encoding: .utf8)
            #expect(try await cli.run(["prompts", "import", "--tenant", "src", root.appendingPathComponent("source").path]).stdout.contains("update   suite onboarding"))
            try Self.suite.replacingOccurrences(of: "prompt: bye", with: "prompt: nowhere").write(to: suites.appendingPathComponent("onboarding.yaml"), atomically: true, encoding: .utf8)
            let unknown = try await cli.run(["prompts", "import", "--tenant", "src", root.appendingPathComponent("source").path])
            #expect(unknown.status != 0 && unknown.stderr.contains("onboarding.yaml") && unknown.stderr.contains("nowhere"), "\(unknown.stderr)")
            try Self.suite.write(to: suites.appendingPathComponent("onboarding.yaml"), atomically: true, encoding: .utf8)

            let app = try await buildApplication(settings: settings, environment: .testing)
            do {
                let tenant = try #require(try await app.store.select(IdentityTables.tenants, where: ["slug": .string("src")]).first?["id"])
                let suite = try #require(try await app.store.select(PromptSuiteTables.promptSuites, where: ["tenant_id": tenant, "code": .string("onboarding")]).first)
                let pro = try #require(try await app.store.select(PromptSuiteTables.promptSubSuites, where: ["parent_suite_id": suite["id"]!]).first)
                let steps = try await app.store.select(PromptSuiteTables.suitePrompts, where: ["sub_suite_id": pro["id"]!])
                #expect(steps.map { $0["execution_order"]?.intValue } == [0], "the failed import left the updated suite as it was: \(steps)")
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
            let broken = try await cli.run(["prompts", "import", "--tenant", "src", source.path])
            #expect(broken.status != 0 && broken.stderr.contains("broken.md"), "\(broken.stderr)")
            try "---\ncode: bad\nname: Bad\n---\nHi {{nobody}}".write(to: source.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
            let invalid = try await cli.run(["prompts", "import", "--tenant", "src", source.path])
            #expect(invalid.status != 0 && invalid.stderr.contains("variables.nobody"), "\(invalid.stderr)")
            #expect(try await cli.run(["prompts", "export", "--tenant", "nobody", exported.path]).status != 0)
        }
    }

    @Test("A JSON bundle keeps every version with its time and approval, and the labels: imported into an empty tenant it reproduces the library; twice changes nothing; a dry run writes nothing")
    func bundle() async throws {
        try await withCLI { cli, settings in
            for slug in ["src", "dst", "dry"] {
                #expect(try await cli.run(["tenant", "create", "--slug", slug, "--name", slug.capitalized]).status == 0)
                #expect(try await cli.run(["user", "create", "--email", "owner@\(slug).test", "--name", "Owner", "--tenant", slug, "--role", "owner", "--password-stdin"],
                                    stdin: "long password 1\n").status == 0)
            }
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("prompt-bundle-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            let source = root.appendingPathComponent("source/prompts")
            try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
            try "---\ncode: greet\nname: Greeting\nvariables:\n- name: who\n  type: string\n  required: true\n---\nHello {{who}}.".write(
                to: source.appendingPathComponent("greet.md"), atomically: true, encoding: .utf8)
            try "---\nname: Shared footer\ncode: footer\n---\n{{> greet}} Thanks.".write(to: source.appendingPathComponent("footer.md"), atomically: true, encoding: .utf8)
            #expect(try await cli.run(["prompts", "import", "--tenant", "src", source.path]).status == 0)
            try "---\ncode: greet\nname: Greeting\nvariables:\n- name: who\n  type: string\n  required: true\n---\nHi {{who}}!".write(
                to: source.appendingPathComponent("greet.md"), atomically: true, encoding: .utf8)
            #expect(try await cli.run(["prompts", "import", "--tenant", "src", source.path]).stdout.contains("version  greet → 2"))

            // Version 1 approved and released as production (a protected label), version 2 pending.
            let app = try await buildApplication(settings: settings, environment: .testing)
            do {
                let tenant = try #require(try await app.store.select(IdentityTables.tenants, where: ["slug": .string("src")]).first?["id"]?.uuidValue)
                let owner = try #require(try await app.store.select(IdentityTables.users, where: ["email": .string("owner@src.test")]).first?["id"]?.uuidValue)
                let library = PromptLibrary(store: app.store, actor: Actor(tenantID: tenant, userID: owner), clients: app.hubClients)
                let greet = try #require(try await library.prompt(code: "greet")?["id"]?.uuidValue)
                _ = try await library.decide(.prompts, greet, version: "1", approve: true, comment: "reviewed")
                _ = try await library.moveLabel(prompt: greet, name: "production", to: "1")
                try await app.asyncShutdown()
            } catch {
                try await app.asyncShutdown()
                throw error
            }

            let backup = root.appendingPathComponent("backup.json")
            let export = try await cli.run(["prompts", "export", "--tenant", "src", "--bundle", backup.path])
            #expect(export.stdout.contains("Wrote 2 prompts with 3 versions"), "\(export.stdout)\(export.stderr)")
            let dry = try await cli.run(["prompts", "import", "--tenant", "dry", "--dry-run", backup.path])
            #expect(dry.status == 0 && dry.stdout.contains("Would change 2 of 2"), "\(dry.stdout)\(dry.stderr)")
            let dryCopy = root.appendingPathComponent("dry.json")
            #expect(try await cli.run(["prompts", "export", "--tenant", "dry", "--bundle", dryCopy.path]).stdout.contains("Wrote 0 prompts"))
            let restored = try await cli.run(["prompts", "import", "--tenant", "dst", backup.path])
            #expect(restored.status == 0 && restored.stdout.contains("create   greet") && restored.stdout.contains("Changed 2 of 2"), "\(restored.stdout)\(restored.stderr)")
            let again = try await cli.run(["prompts", "import", "--tenant", "dst", backup.path])
            #expect(again.stdout.contains("Changed 0 of 2 prompts; 2 unchanged"), "\(again.stdout)\(again.stderr)")

            let copy = root.appendingPathComponent("copy.json")
            #expect(try await cli.run(["prompts", "export", "--tenant", "dst", "--bundle", copy.path]).status == 0)
            func prompts(_ url: URL) throws -> [PromptBundle.Prompt] {
                // People are named by email; the source's owner is not a member of the copy, so its importer stands in.
                try PromptBundle.decode(Data(contentsOf: url), path: url.path).prompts.map { prompt in
                    var prompt = prompt
                    prompt.versions = prompt.versions.map { var v = $0; v.changedBy = nil; v.approvedBy = nil; return v }
                    return prompt
                }
            }
            let original = try prompts(backup), reproduced = try prompts(copy)
            #expect(reproduced == original, "the copy holds the same prompts, versions, times, approvals and labels")
            let greet = try #require(original.first { $0.code == "greet" })
            #expect(greet.versions.map(\.version) == ["1", "2"] && greet.versions.map(\.approvalStatus) == ["approved", "pending"])
            #expect(greet.labels == ["production": "1"] && greet.versions[0].approvalComment == "reviewed" && greet.versions[0].changedAt != nil)

            var broken = try PromptBundle.decode(Data(contentsOf: backup), path: backup.path)
            broken.format = "something else"
            try broken.encoded().write(to: backup)
            let refused = try await cli.run(["prompts", "import", "--tenant", "dst", backup.path])
            #expect(refused.status != 0 && refused.stderr.contains("outputhub-prompt-bundle"), "\(refused.stderr)")
        }
    }
}
