import Foundation
import Vapor

/// One thing wrong with one field of a request.
public struct FieldError: Sendable, Equatable {
    public let field: String
    public let code: String
    public let message: String

    public init(_ field: String, _ code: String, _ message: String) {
        self.field = field
        self.code = code
        self.message = message
    }
}

/// An RFC 9457 problem: the one error shape of the API (`application/problem+json`).
public struct Problem: Error, Sendable {
    public let type: String
    public let title: String
    public let status: Int
    public let detail: String
    public private(set) var errors: [FieldError]
    /// Seconds a client should wait before trying again (sent as `Retry-After`).
    public var retryAfter: Int?

    public init(_ status: HTTPResponseStatus, _ detail: String, errors: [FieldError] = [], retryAfter: Int? = nil) {
        self.retryAfter = retryAfter
        self.type = "about:blank"
        self.title = status.reasonPhrase
        self.status = Int(status.code)
        self.detail = detail
        self.errors = errors
    }

    /// The same problem with every field name prefixed (the item of a bulk request: `[3].`).
    func prefixingFields(with prefix: String) -> Problem {
        guard !prefix.isEmpty else { return self }
        var copy = self
        copy.errors = errors.map { FieldError(prefix + $0.field, $0.code, $0.message) }
        return copy
    }

    public static func badRequest(_ detail: String, field: String? = nil, code: String = "invalid") -> Problem {
        Problem(.badRequest, detail, errors: field.map { [FieldError($0, code, detail)] } ?? [])
    }

    public static func notFound(_ detail: String = "No such record") -> Problem { Problem(.notFound, detail) }

    public static func unprocessable(_ errors: [FieldError]) -> Problem {
        Problem(.unprocessableEntity, errors.count == 1 ? errors[0].message : "\(errors.count) fields are not valid", errors: errors)
    }

    public static func conflict(_ errors: [FieldError]) -> Problem {
        Problem(.conflict, errors.first?.message ?? "The change conflicts with existing data", errors: errors)
    }

    func response() -> Response {
        let response = Response(status: HTTPResponseStatus(statusCode: status))
        if status == 401 { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
        if let retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter)) }
        response.headers.contentType = HTTPMediaType(type: "application", subType: "problem+json", parameters: ["charset": "utf-8"])
        response.body = .init(string: json)
        return response
    }

    /// The problem as JSON with its members in the RFC's order.
    var json: String {
        var out = "{\"type\":"
        RowEncoding.appendString(type, into: &out)
        out += ",\"title\":"
        RowEncoding.appendString(title, into: &out)
        out += ",\"status\":\(status),\"detail\":"
        RowEncoding.appendString(detail, into: &out)
        out += ",\"errors\":["
        for (i, error) in errors.enumerated() {
            if i > 0 { out += "," }
            out += "{\"field\":"
            RowEncoding.appendString(error.field, into: &out)
            out += ",\"code\":"
            RowEncoding.appendString(error.code, into: &out)
            out += ",\"message\":"
            RowEncoding.appendString(error.message, into: &out)
            out += "}"
        }
        return out + "]}"
    }
}

/// Turns every error into a problem response: no stack traces, SQL or internal descriptions leave the server.
/// Expected client errors are not logged as errors.
struct ProblemMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let problem = Self.problem(for: error)
            if problem.status >= 500 {
                request.logger.error("\(request.method) \(request.url.path) failed: \(String(reflecting: error))")
            }
            return problem.response()
        }
    }

    static func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let abort as any AbortError:
            return Problem(abort.status, abort.status == .payloadTooLarge ? "The request body is too large" : abort.reason)
        case is DecodingError:
            return .badRequest("The request body is not valid JSON")
        default:
            if let failure = DatabaseFailure(error) {
                return Problem(.conflict, "The database refused the change: \(failure.kind)")
            }
            return Problem(.internalServerError, "Something went wrong on the server")
        }
    }
}
