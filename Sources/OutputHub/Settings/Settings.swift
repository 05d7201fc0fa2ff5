import Foundation
import Logging

/// Output Hub's configuration, parsed once at start-up from the environment and command-line flags.
/// A bad value stops start-up with one clear line; nothing is silently defaulted that matters for security.
public struct Settings: Sendable {
    public enum DatabaseLocation: Sendable, Equatable {
        /// The embedded default: one SQLite file.
        case sqlite(path: String)
        /// A PostgreSQL server, for scaling out with stateless app servers.
        case postgres(url: String)
    }

    public var database: DatabaseLocation
    /// Where the SQLite file and other local state live (`OUTPUTHUB_DATA_DIR`, default `./data`).
    public var dataDirectory: String
    public var hostname: String
    public var port: Int
    public var logLevel: Logger.Level
    /// The master key for secrets at rest, base64 (`OUTPUTHUB_MASTER_KEY`); when unset it lives in
    /// `<data directory>/master.key`, created on first run readable by the owner only.
    public var masterKey: String?
    /// API requests per minute per key (`OUTPUTHUB_API_RATE_LIMIT`, default 3000; 0 turns limiting off).
    public var apiRateLimit = 3000

    public static let defaultHostname = "127.0.0.1"
    public static let defaultPort = 8080

    public init(database: DatabaseLocation, dataDirectory: String, hostname: String = defaultHostname,
                port: Int = defaultPort, logLevel: Logger.Level = .info, masterKey: String? = nil) {
        self.masterKey = masterKey
        self.database = database
        self.dataDirectory = dataDirectory
        self.hostname = hostname
        self.port = port
        self.logLevel = logLevel
    }

    /// Reads `DATABASE_URL`, `OUTPUTHUB_DATA_DIR`, `OUTPUTHUB_HOSTNAME`, `OUTPUTHUB_PORT`, `LOG_LEVEL` and
    /// `OUTPUTHUB_MASTER_KEY`;
    /// flags given on the command line win over the environment.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment,
                            hostname: String? = nil, port: Int? = nil) throws -> Settings {
        let dataDirectory = nonEmpty(environment["OUTPUTHUB_DATA_DIR"]) ?? "./data"
        let database: DatabaseLocation
        if let url = nonEmpty(environment["DATABASE_URL"]) {
            guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://"), URL(string: url)?.host != nil else {
                throw SettingsError("DATABASE_URL must be a postgres://user:password@host:port/database URL")
            }
            database = .postgres(url: url)
        } else {
            database = .sqlite(path: (dataDirectory as NSString).appendingPathComponent("outputhub.sqlite"))
        }
        let host = hostname ?? nonEmpty(environment["OUTPUTHUB_HOSTNAME"]) ?? defaultHostname
        guard !host.isEmpty, !host.contains(" ") else { throw SettingsError("hostname '\(host)' is not a valid host name or address") }
        let portValue: Int
        if let port {
            portValue = port
        } else if let text = nonEmpty(environment["OUTPUTHUB_PORT"]) {
            guard let parsed = Int(text) else { throw SettingsError("OUTPUTHUB_PORT must be a number, got '\(text)'") }
            portValue = parsed
        } else {
            portValue = defaultPort
        }
        guard (1...65535).contains(portValue) else { throw SettingsError("port must be between 1 and 65535, got \(portValue)") }
        var level = Logger.Level.info
        if let text = nonEmpty(environment["LOG_LEVEL"]) {
            guard let parsed = Logger.Level(rawValue: text.lowercased()) else {
                throw SettingsError("LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical; got '\(text)'")
            }
            level = parsed
        }
        let masterKey = nonEmpty(environment["OUTPUTHUB_MASTER_KEY"])
        if let masterKey, Data(base64Encoded: masterKey)?.count != 32 {
            throw SettingsError("OUTPUTHUB_MASTER_KEY must be 32 random bytes in base64 (openssl rand -base64 32)")
        }
        var settings = Settings(database: database, dataDirectory: dataDirectory, hostname: host, port: portValue, logLevel: level, masterKey: masterKey)
        if let text = nonEmpty(environment["OUTPUTHUB_API_RATE_LIMIT"]) {
            guard let limit = Int(text), limit >= 0 else {
                throw SettingsError("OUTPUTHUB_API_RATE_LIMIT must be a whole number of requests per minute (0 = no limit), got '\(text)'")
            }
            settings.apiRateLimit = limit
        }
        return settings
    }

    private static func nonEmpty(_ value: String?) -> String? {
        guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }
}

/// A setting that stops start-up; its description is the one line shown to the user.
public struct SettingsError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
