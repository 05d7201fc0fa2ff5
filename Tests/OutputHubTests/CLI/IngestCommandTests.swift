import Foundation
@testable import OutputHub
import Testing

/// `outputhub ingest`, run as a separate process: files and folders in, a summary out.
@Suite("Command line: ingest")
struct IngestCommandTests {
    @Test("ingest takes files and folders, skips duplicates, reports refused files and exits non-zero for them")
    func ingest() async throws {
        try await withCLI { cli, _ in
            #expect(try await cli.run(["tenant", "create", "--slug", "acme", "--name", "Acme"]).status == 0)
            #expect(try await cli.run(["user", "create", "--email", "ada@example.com", "--name", "Ada", "--tenant", "acme", "--role", "owner", "--password-stdin"],
                                stdin: "long enough password\n").status == 0)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("sub"), withIntermediateDirectories: true)
            for name in ["pump.txt", "compressor.md", "boiler-safety.pdf"] {
                try APIFixture.fixture(name).write(to: folder.appendingPathComponent(name == "pump.txt" ? name : "sub/\(name)"))
            }
            try Data("not a document".utf8).write(to: folder.appendingPathComponent("image.png"))
            try Data("hidden".utf8).write(to: folder.appendingPathComponent(".notes.txt"))
            let docx = folder.appendingPathComponent("heat-pump.docx")
            try APIFixture.fixture("heat-pump.docx").write(to: docx)

            let first = try await cli.run(["ingest", folder.path, "--tenant", "acme", "--type", "manual"])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("Ingested 4 files into 'acme': 4 completed"), "\(first.stdout)")

            // Two files of one name in different folders are two documents, named by their path in the folder.
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("other"), withIntermediateDirectories: true)
            try Data("# Other compressor\n\nA different compressor entirely.\n".utf8).write(to: folder.appendingPathComponent("other/compressor.md"))
            let paths = try await cli.run(["ingest", folder.path, "--tenant", "acme"])
            #expect(paths.status == 0, "\(paths.stderr)")
            #expect(paths.stdout.contains("1 completed") && paths.stdout.contains("4 duplicates skipped") && !paths.stdout.contains("replacing"), "\(paths.stdout)")

            let again = try await cli.run(["ingest", docx.path, folder.appendingPathComponent("sub/compressor.md").path, "--tenant", "acme"])
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout.contains("2 duplicates skipped"), "\(again.stdout)")
            #expect(again.stdout.contains("is already in the knowledge base as document"))

            let named = try await cli.run(["ingest", folder.appendingPathComponent("image.png").path, "--tenant", "acme"])
            #expect(named.status != 0)
            #expect(named.stdout.contains("1 refused") && named.stderr.contains("image.png is not plain text, Markdown, HTML, PDF or DOCX"), "\(named.stdout) \(named.stderr)")

            let missing = try await cli.run(["ingest", folder.appendingPathComponent("nothing").path, "--tenant", "acme"])
            #expect(missing.status != 0 && missing.stderr.contains("no file or folder at"))
            let domain = try await cli.run(["ingest", docx.path, "--tenant", "acme", "--domain", "nowhere"])
            #expect(domain.status != 0 && domain.stderr.contains("no knowledge domain with the code nowhere"))
            let product = try await cli.run(["ingest", docx.path, "--tenant", "acme", "--product", "P-1"])
            #expect(product.status != 0 && product.stderr.contains("no product with the id, SKU or name P-1"))
            let tenant = try await cli.run(["ingest", docx.path, "--tenant", "nowhere"])
            #expect(tenant.status != 0 && tenant.stderr.contains("no tenant has the slug nowhere"))
        }
    }
}
