import ArgumentParser
import struct Vapor.Environment

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (migrates the database first; seeds it when it is new).")

    @ArgumentParser.Option(help: "Address to listen on (default 127.0.0.1, or OUTPUTHUB_HOSTNAME).")
    var hostname: String?

    @ArgumentParser.Option(help: "Port to listen on (default 8080, or OUTPUTHUB_PORT).")
    var port: Int?

    func run() async throws {
        try await withApplication(hostname: hostname, port: port, arguments: ["outputhub", "serve"], quiet: false) { app in
            try await MigrationRunner(app: app).prepare()
            try await app.execute()
        }
    }
}
