import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
@testable import OutputHub
import Testing

/// The `outputhub` command line, run as a separate process like a person or a script would.
@Suite("Command line")
struct CLITests {
    @Test("Help lists every command and each command's flags")
    func help() async throws {
        try await withCLI { cli, _ in
            let root = try await cli.run(["--help"])
            #expect(root.status == 0)
            for command in ["serve", "migrate", "seed", "import-models", "recost", "rollup", "prompts", "ingest", "tenant", "user", "jobs", "dev"] {
                #expect(root.stdout.contains(command), "\(command) missing from --help")
            }
            let checks: [([String], [String])] = [
                (["serve", "--help"], ["--hostname", "--port"]),
                (["migrate", "--help"], ["up", "revert", "status"]),
                (["import-models", "--help"], ["<file>"]),
                (["tenant", "create", "--help"], ["--slug", "--name"]),
                (["user", "create", "--help"], ["--email", "--name", "--tenant", "--role", "--password-stdin", "--system-admin"]),
                (["jobs", "--help"], ["list", "retry", "run-once"]),
                (["ingest", "--help"], ["<paths>", "--tenant", "--product", "--domain", "--type"]),
                (["jobs", "list", "--help"], ["--state", "--limit"]),
                (["dev", "make-migration", "--help"], ["<name>", "--module"]),
            ]
            for (arguments, flags) in checks {
                let result = try await cli.run(arguments)
                #expect(result.status == 0, "\(arguments)")
                for flag in flags { #expect(result.stdout.contains(flag), "\(arguments) should mention \(flag)") }
            }
        }
    }

    @Test("migrate, seed, tenant create and user create work, and refuse bad input with one clear line")
    func administration() async throws {
        try await withCLI { cli, _ in
            let status = try await cli.run(["migrate", "status"])
            #expect(status.status == 0 && status.stdout.contains("pending") && status.stdout.contains("CreateIdentityTables"))
            let up = try await cli.run(["migrate", "up"])
            #expect(up.status == 0 && up.stdout.contains("Applied \(Migrations.history.count) migrations"))
            #expect(try await cli.run(["migrate"]).stdout.contains("up to date"))
            let seed = try await cli.run(["seed"])
            #expect(seed.status == 0 && seed.stdout.contains("llm_models: 15"))
            #expect(try await cli.run(["seed"]).stdout.contains("nothing changed"))

            let tenant = try await cli.run(["tenant", "create", "--slug", "acme", "--name", "Acme Corp"])
            #expect(tenant.status == 0 && tenant.stdout.contains("Created tenant 'acme'"), "\(tenant.stderr)")
            let duplicate = try await cli.run(["tenant", "create", "--slug", "acme", "--name", "Again"])
            #expect(duplicate.status != 0 && duplicate.stderr.contains("already exists"))
            let badSlug = try await cli.run(["tenant", "create", "--slug", "Not A Slug", "--name", "X"])
            #expect(badSlug.status != 0 && badSlug.stderr.contains("slug"))
            #expect(try await cli.run(["tenant", "create", "--slug", "x-1"]).status != 0, "--name is required")

            let user = try await cli.run(
                ["user", "create", "--email", "Ada@Example.com", "--name", "Ada", "--tenant", "acme", "--role", "admin", "--password-stdin"],
                stdin: "correct horse battery\n")
            #expect(user.status == 0 && user.stdout.contains("Created user ada@example.com"), "\(user.stderr)")
            let shortPassword = try await cli.run(
                ["user", "create", "--email", "bob@example.com", "--name", "Bob", "--tenant", "acme", "--password-stdin"], stdin: "short\n")
            #expect(shortPassword.status != 0 && shortPassword.stderr.contains("at least"))
            let noTerminal = try await cli.run(["user", "create", "--email", "bob@example.com", "--name", "Bob", "--tenant", "acme"])
            #expect(noTerminal.status != 0 && noTerminal.stderr.contains("--password-stdin"))
            let badRole = try await cli.run(
                ["user", "create", "--email", "bob@example.com", "--name", "Bob", "--tenant", "acme", "--role", "boss", "--password-stdin"],
                stdin: "long enough password\n")
            #expect(badRole.status != 0 && badRole.stderr.contains("role must be one of"))
            let noTenant = try await cli.run(
                ["user", "create", "--email", "bob@example.com", "--name", "Bob", "--tenant", "nowhere", "--password-stdin"],
                stdin: "long enough password\n")
            #expect(noTenant.status != 0 && noTenant.stderr.contains("no tenant with slug 'nowhere'"))

            #expect(try await cli.run(["tenant", "create", "--slug", "beta", "--name", "Beta"]).status == 0)
            let second = try await cli.run(["user", "create", "--email", "ada@example.com", "--name", "Ada", "--tenant", "beta", "--role", "viewer"])
            #expect(second.status == 0 && second.stdout.contains("Added existing user"), "an existing user joins another tenant without a password")
            let again = try await cli.run(["user", "create", "--email", "ada@example.com", "--name", "Ada", "--tenant", "beta"])
            #expect(again.status != 0 && again.stderr.contains("already a member"))

            let missing = try await cli.run(["import-models", "/nonexistent/catalog.json"])
            #expect(missing.status != 0 && missing.stderr.contains("cannot read"))

            let revert = try await cli.run(["migrate", "revert", "--all"])
            #expect(revert.status == 0 && revert.stdout.contains("Reverted \(Migrations.history.count) migrations"))
            #expect(try await cli.run(["migrate", "status"]).stdout.contains("\(Migrations.history.count) pending"))
        }
    }

    @Test("user create --system-admin makes a system administrator, audited; without it nobody is one")
    func systemAdministrator() async throws {
        try await withCLI { cli, settings in
            #expect(try await cli.run(["tenant", "create", "--slug", "ops", "--name", "Operations"]).status == 0)
            let admin = try await cli.run(["user", "create", "--email", "root@ops.test", "--name", "Root", "--tenant", "ops", "--role", "owner",
                                     "--system-admin", "--password-stdin"], stdin: "long enough password\n")
            #expect(admin.status == 0 && admin.stdout.contains("system administrator"), "\(admin.stderr)")
            #expect(try await cli.run(["user", "create", "--email", "plain@ops.test", "--name", "Plain", "--tenant", "ops", "--password-stdin"],
                                stdin: "long enough password\n").status == 0)
            try await withApp(settings: settings) { app async throws in
                let users = try await app.store.select(IdentityTables.users, where: [:])
                let flags = Dictionary(uniqueKeysWithValues: users.map { ($0["email"]?.stringValue ?? "", $0["is_system_admin"]?.boolValue) })
                #expect(flags["root@ops.test"] == true)
                #expect(flags["plain@ops.test"] == false)
                let audit = try await app.store.select(SystemTables.auditLogs, where: ["table_name": .string("users")])
                #expect(audit.contains { $0["new_values"]?.stringValue?.contains("root@ops.test") == true }, "the grant is in the audit log")
            }
        }
    }

    @Test("jobs run-once runs the due scheduled housekeeping; jobs list shows it; jobs retry refuses what it cannot retry")
    func jobs() async throws {
        try await withCLI { cli, _ in
            #expect(try await cli.run(["migrate"]).status == 0)
            // The command runs on the real clock: a period that ends between the two runs is due again.
            let periods = { Modules.scheduledTasks.map { $0.periodStart(containing: Date()) } }
            let before = periods()
            let first = try await cli.run(["jobs", "run-once"])
            let second = try await cli.run(["jobs", "run-once"])
            #expect(first.status == 0 && first.stdout.contains("Ran \(Modules.scheduledTasks.count) jobs"), "\(first.stdout)\(first.stderr)")
            if periods() == before { #expect(second.stdout.contains("Nothing was due"), "once per period") }
            let list = try await cli.run(["jobs", "list", "--state", "succeeded"])
            #expect(list.status == 0)
            for task in Modules.scheduledTasks { #expect(list.stdout.contains("schedule.\(task.name)"), "\(task.name)") }
            #expect(try await cli.run(["jobs", "list", "--state", "dead"]).stdout.contains("No dead jobs."))
            let badState = try await cli.run(["jobs", "list", "--state", "stuck"])
            #expect(badState.status != 0 && badState.stderr.contains("--state must be one of"))
            let unknown = try await cli.run(["jobs", "retry", UUID().uuidString])
            #expect(unknown.status != 0 && unknown.stderr.contains("no dead or waiting job"))
            #expect(try await cli.run(["jobs", "retry", "not-an-id"]).status != 0)
        }
    }

    @Test("apikey create prints a working key alone on the last line; apikey revoke stops one; generate fills a tenant")
    func apiKeysAndGenerate() async throws {
        try await withCLI { cli, settings in
            #expect(try await cli.run(["tenant", "create", "--slug", "acme", "--name", "Acme"]).status == 0)
            #expect(try await cli.run(["user", "create", "--email", "ada@example.com", "--name", "Ada", "--tenant", "acme", "--password-stdin"],
                                stdin: "long enough password\n").status == 0)
            let created = try await cli.run(["apikey", "create", "--tenant", "acme", "--user", "ada@example.com", "--name", "ci"])
            #expect(created.status == 0, "\(created.stderr)")
            let key = try #require(created.stdout.split(separator: "\n").last.map(String.init))
            #expect(key.hasPrefix("oh_") && key.count == 43)
            let notMember = try await cli.run(["apikey", "create", "--tenant", "acme", "--user", "nobody@example.com"])
            #expect(notMember.status != 0 && notMember.stderr.contains("no user"))

            let generated = try await cli.run(["generate", "--scale", "20", "--tenant", "acme"])
            #expect(generated.status == 0 && generated.stdout.contains("prompts: 20"), "\(generated.stderr)")
            #expect(try await cli.run(["generate", "--scale", "20", "--tenant", "acme"]).status != 0, "a tenant is generated into once")
            #expect(try await cli.run(["generate", "--scale", "0"]).status != 0)

            let doomed = try #require(try await cli.run(["apikey", "create", "--tenant", "acme", "--user", "ada@example.com"]).stdout
                .split(separator: "\n").last.map(String.init))
            let revoked = try await cli.run(["apikey", "revoke", "--prefix", String(doomed.prefix(10))])
            #expect(revoked.status == 0 && revoked.stdout.contains("Revoked API key"), "\(revoked.stderr)")
            let unknown = try await cli.run(["apikey", "revoke", "--prefix", "oh_nothing"])
            #expect(unknown.status != 0 && unknown.stderr.contains("no single API key"))

            // withApp drops the database when it ends: every check on it goes here.
            try await withApp(settings: settings) { app async throws in
                let actor = try #require(try await APIKeyService(store: app.store, clients: app.hubClients).authenticate(key), "the printed key authenticates")
                let page = try await ResourceService(store: app.store, resource: Resources.named("prompts")!, actor: actor, clients: app.hubClients).list(ListQuery())
                let generated = try await app.store.select(PromptLibraryTables.prompts)
                #expect(generated.count == 20)
                #expect(page.rows.count == generated.filter { $0["visibility"] != .string("private") }.count && page.rows.count < 20,
                        "every generated prompt but the private ones, which are their author's")
                let gone = try await APIKeyService(store: app.store, clients: app.hubClients).authenticate(doomed)
                #expect(gone == nil, "a revoked key stops working at once")
            }
        }
    }

    @Test("import-models imports the real catalog and reports the entries it skipped")
    func importModels() async throws {
        try await withCLI { cli, _ in
            let result = try await cli.run(["import-models", ReferenceDataTests.catalogPath])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Imported 2982 models"))
            #expect(result.stdout.contains("sample_spec:"))
        }
    }

    @Test("import-models adds a dated price only when a price changes and keeps the old; recost costs logged calls with the price of their time")
    func datedPricesAndRecost() async throws {
        try await withCLI { cli, settings in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString).json")
            defer { try? FileManager.default.removeItem(at: file) }
            func catalog(input: Double) throws {
                let entry = #"{"probe-model":{"litellm_provider":"openai","mode":"chat","input_cost_per_token":\#(input),"output_cost_per_token":2e-06}}"#
                try entry.write(to: file, atomically: true, encoding: .utf8)
            }
            try catalog(input: 1e-06)
            #expect(try await cli.run(["import-models", file.path]).stdout.contains("1 new dated prices"))
            #expect(try await cli.run(["import-models", file.path]).stdout.contains("0 new dated prices"), "the same price again adds nothing")
            try catalog(input: 3e-06)
            #expect(try await cli.run(["import-models", file.path]).stdout.contains("1 new dated prices"))
            #expect(try await cli.run(["tenant", "create", "--slug", "costs", "--name", "Costs"]).status == 0)

            // The CLI's own database, opened beside it (withApp would drop it afterwards).
            let app = try await buildApplication(settings: settings, environment: .testing)
            do {
                let model = try #require(try await app.store.select(ModelCatalogTables.llmModels, where: ["model_id": .string("probe-model")]).first?["id"])
                let prices = try await PriceBook(store: app.store).history(model: try #require(model.uuidValue))
                #expect(prices.map(\.input) == [1, 3], "the old price is kept, the new one added")
                let tenant = try #require(try await app.store.select(IdentityTables.tenants, where: ["slug": .string("costs")]).first?["id"])
                try await app.store.insert(GenerationTables.aiLogs, [
                    "tenant_id": tenant, "model_id": model, "model_name": .string("probe-model"), "input_tokens": .int(1000),
                    "total_tokens": .int(1000), "status": .string("success"), "created_at": .date(Date()),
                ])
                try await app.asyncShutdown()
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            let recost = try await cli.run(["recost", "--since", "2020-01-01"])
            #expect(recost.status == 0, "\(recost.stderr)")
            #expect(recost.stdout.contains("Recosted 1 calls since 2020-01-01: 1 changed (1 newly priced, 0 now unpriced)"), "\(recost.stdout)")
            #expect(recost.stdout.contains("difference +$0.003000"), "1000 input tokens at the newer $3 per million")
            #expect(recost.stdout.contains("their periods' rollups recomputed"))
            let reopened = try await buildApplication(settings: settings, environment: .testing)
            let rolledCost = try await reopened.store.select(PerformanceRollup.aggregates, where: ["period_type": .string("all_time")]).first?["total_cost_usd"]
            try await reopened.asyncShutdown()
            #expect(rolledCost?.doubleValue == 0.003, "the rollup holds the new cost: \(String(describing: rolledCost))")
            let bad = try await cli.run(["recost", "--since", "yesterday"])
            #expect(bad.status != 0 && bad.stderr.contains("--since must be a date"))
            let rollup = try await cli.run(["rollup"])
            #expect(rollup.status == 0 && rollup.stdout.contains("Rolled up 1 daily, 1 weekly, 1 monthly, 1 all-time rows"), "\(rollup.stdout)\(rollup.stderr)")
            let again = try await cli.run(["rollup", "--since", "2020-01-01"])
            #expect(again.status == 0 && again.stdout.contains("Rolled up 1 daily, 1 weekly, 1 monthly, 1 all-time rows for the periods touched since 2020-01-01"), "\(again.stdout)")
            #expect(try await cli.run(["rollup", "--since", "someday"]).status != 0)
        }
    }

    @Test("A bad setting stops start-up with one line naming it")
    func badSettings() async throws {
        try await withCLI { cli, _ in
            let badURL = try await cli.run(["migrate", "status"], extraEnvironment: ["DATABASE_URL": "mysql://localhost/db"])
            #expect(badURL.status != 0 && badURL.stderr.contains("DATABASE_URL"))
            #expect(badURL.stderr.split(separator: "\n").count == 1)
            let badPort = try await cli.run(["serve", "--port", "70000"])
            #expect(badPort.status != 0 && badPort.stderr.contains("port"))
            let badLevel = try await cli.run(["seed"], extraEnvironment: ["LOG_LEVEL": "loud"])
            #expect(badLevel.status != 0 && badLevel.stderr.contains("LOG_LEVEL"))
            let badKey = try await cli.run(["seed"], extraEnvironment: ["OUTPUTHUB_MASTER_KEY": "too-short"])
            #expect(badKey.status != 0 && badKey.stderr.contains("OUTPUTHUB_MASTER_KEY"))
            let badLimit = try await cli.run(["seed"], extraEnvironment: ["OUTPUTHUB_API_RATE_LIMIT": "-5"])
            #expect(badLimit.status != 0 && badLimit.stderr.contains("OUTPUTHUB_API_RATE_LIMIT"))
        }
    }

    @Test("serve migrates and seeds a new database, prints the address it listens on and a one-time link for the first administrator, then answers /healthz",
          .timeLimit(.minutes(10)))  // the test database's setup included, which in the whole suite waits behind the others'
    func serve() async throws {
        try await withCLI { cli, _ in
            // Port 0: the system picks a free port and the server prints the address it bound, once it listens.
            let server = try cli.launch(["serve", "--hostname", "127.0.0.1", "--port", "0"])
            defer { server.stop() }
            let prefix = "Listening on "
            let listening = await server.line { $0.hasPrefix(prefix) }
            let line = try #require(listening, "the server did not start: \(server.output)")
            let base = String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            let address = try #require(URL(string: base), "\(line)")
            #expect(address.host == "127.0.0.1" && (address.port ?? 0) > 0, "\(line)")
            let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: base + "/healthz")))
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.contains("\"status\":\"ok\""))
            #expect(text.contains(TestDatabase.engineKind.rawValue))
            #expect(try await cli.run(["seed"]).stdout.contains("nothing changed"), "serve seeded the new database")
            let setupLine = await server.line { $0.contains("/setup?token=oh_") }
            let link = try #require(setupLine, "setup link in: \(server.output)")
            #expect(link.contains(base + "/setup?token="), "the link names the port the server listens on: \(link)")
            let url = try #require(URL(string: link.trimmingCharacters(in: .whitespaces)))
            let (_, setup) = try await URLSession.shared.data(from: url)
            #expect((setup as? HTTPURLResponse)?.statusCode == 200)
            let output = await server.stopAndCollect()
            #expect(!output.lowercased().contains("password:"), "no default password is printed")
        }
    }
}
