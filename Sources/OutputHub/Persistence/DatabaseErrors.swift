import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// A database error reduced to what a person can act on: the engine's own message, without SQL or binds.
public struct DatabaseFailure: Error, CustomStringConvertible {
    public enum Kind: Sendable {
        case uniqueViolation, foreignKeyViolation, notNullViolation, checkViolation, other
    }

    public let kind: Kind
    public let message: String
    /// The violated constraint's name when the engine reports it.
    public let constraint: String?

    public var description: String { message }

    /// Classifies an error thrown by either engine; nil when it is not a database error.
    public init?(_ error: any Error) {
        if let error = error as? PSQLError {
            let code = error.serverInfo?[.sqlState]
            message = error.serverInfo?[.message] ?? "the database refused the request"
            constraint = error.serverInfo?[.constraintName]
            kind = switch code {
            case "23505": .uniqueViolation
            case "23503": .foreignKeyViolation
            case "23502": .notNullViolation
            case "23514": .checkViolation
            default: .other
            }
        } else if let error = error as? SQLiteError {
            message = error.message
            let m = error.message
            if m.hasPrefix("UNIQUE constraint failed") {
                kind = .uniqueViolation
            } else if m.hasPrefix("FOREIGN KEY constraint failed") {
                kind = .foreignKeyViolation
            } else if m.hasPrefix("NOT NULL constraint failed") {
                kind = .notNullViolation
            } else if m.hasPrefix("CHECK constraint failed") {
                kind = .checkViolation
            } else {
                kind = .other
            }
            constraint = kind == .checkViolation ? String(m.dropFirst("CHECK constraint failed: ".count)) : nil
        } else {
            return nil
        }
    }
}

/// One line describing any error for a person: database errors by their message, others as they describe themselves.
public func describe(_ error: any Error) -> String {
    if let failure = DatabaseFailure(error) { return failure.message }
    return String(describing: error)
}
