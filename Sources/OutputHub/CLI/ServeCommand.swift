import Foundation
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
            if let token = try await app.firstAdminSetup.startIfNeeded(store: app.store) {
                let host = app.http.server.configuration.hostname, port = app.http.server.configuration.port
                print("""
                    No administrator yet. Open this one-time link to create the first tenant and administrator:
                      http://\(host == "0.0.0.0" ? "localhost" : host):\(port)/setup?token=\(token)
                    """)
                fflush(nil)
            }
            let store = app.store, logger = app.logger
            /// Housekeeping at start-up and hourly: planner statistics, expired sessions.
            @Sendable func housekeeping() async {
                do { try await store.maintain() } catch { logger.warning("planner statistics not refreshed: \(error)") }
                do { try await SessionService(store: store).purgeExpired() } catch { logger.warning("expired sessions not removed: \(error)") }
            }
            await housekeeping()
            app.eventLoopGroup.next().scheduleRepeatedAsyncTask(initialDelay: .hours(1), delay: .hours(1)) { _ in
                app.eventLoopGroup.next().makeFutureWithTask { await housekeeping() }
            }
            try await app.execute()
        }
    }
}
