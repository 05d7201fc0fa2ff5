import Foundation
import ArgumentParser
import struct Vapor.Environment

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the HTTP server (migrates the database first; seeds it when it is new).")

    @ArgumentParser.Option(help: "Address to listen on (default 127.0.0.1, or OUTPUTHUB_HOSTNAME).")
    var hostname: String?

    @ArgumentParser.Option(help: "Port to listen on (default 8080, or OUTPUTHUB_PORT; 0 picks a free port, printed at start-up).")
    var port: Int?

    func run() async throws {
        // The settings take ports 1–65535; port 0 (the system picks a free one) is given to the server directly.
        let anyFreePort = port == 0
        let settingsPort: Int? = anyFreePort ? Settings.defaultPort : port
        try await withApplication(hostname: hostname, port: settingsPort, arguments: ["outputhub", "serve"], quiet: false) { app in
            if anyFreePort { app.http.server.configuration.port = 0 }
            try await MigrationRunner(app: app).prepare()
            let token = try await app.firstAdminSetup.startIfNeeded(store: app.store)
            // Background jobs and scheduled tasks (housekeeping among them) run in every server until it stops.
            app.jobWorker.start()
            // What `app.execute()` does, in two steps: `startup()` runs Vapor's serve command, which binds the port
            // and returns; then the address actually bound is printed (scripts and tests read it), and the server
            // runs until it is told to stop.
            try await app.startup()
            let bound = app.http.server.shared.localAddress
            let host = bound?.hostname ?? app.http.server.configuration.hostname
            let boundPort = bound?.port ?? app.http.server.configuration.port
            print("Listening on http://\(Self.urlHost(host)):\(boundPort)")
            if let token {
                print("""
                    No administrator yet. Open this one-time link to create the first tenant and administrator:
                      http://\(Self.urlHost(host == "0.0.0.0" || host == "::" ? "localhost" : host)):\(boundPort)/setup?token=\(token)
                    """)
            }
            fflush(nil)
            try await app.running?.onStop.get()
        }
    }

    /// A host as it goes into a URL: an IPv6 address in brackets.
    static func urlHost(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    }
}
