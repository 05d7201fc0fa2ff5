import Foundation

/// An error of the OpenAI-compatible gateway, answered in OpenAI's shape
/// (`{"error":{"message","type","code","param"}}`) so every OpenAI client reads it.
public struct GatewayError: Error, Sendable {
    public let status: Int
    public let message: String
    public let type: String
    public let code: String?
    public let param: String?
    /// Seconds to wait before trying again (`Retry-After`).
    public var retryAfter: Int?
    /// How the call is logged: `refused` before any upstream call, `error` or `timeout` after.
    public var logStatus: String

    public init(status: Int, _ message: String, type: String, code: String? = nil, param: String? = nil,
                retryAfter: Int? = nil, logStatus: String = "error") {
        self.status = status
        self.message = message
        self.type = type
        self.code = code
        self.param = param
        self.retryAfter = retryAfter
        self.logStatus = logStatus
    }

    public static func invalid(_ message: String, param: String? = nil, code: String? = nil) -> GatewayError {
        GatewayError(status: 400, message, type: "invalid_request_error", code: code, param: param, logStatus: "refused")
    }

    public static func modelNotFound(_ model: String) -> GatewayError {
        GatewayError(status: 404, "The model `\(model)` does not exist or you do not have access to it.",
                     type: "invalid_request_error", code: "model_not_found", param: "model", logStatus: "refused")
    }

    public static func rateLimited(_ message: String, retryAfter: Int) -> GatewayError {
        GatewayError(status: 429, message, type: "rate_limit_error", code: "rate_limit_exceeded", retryAfter: retryAfter, logStatus: "refused")
    }

    public static func paymentRequired(_ message: String, code: String) -> GatewayError {
        GatewayError(status: 402, message, type: "insufficient_quota", code: code, logStatus: "refused")
    }

    /// Any error as the caller sees it: a gateway error as it is, anything else (a database failure) a 500.
    static func from(_ error: any Error) -> GatewayError {
        if let error = error as? GatewayError { return error }
        return GatewayError(status: 500, "The gateway failed: \(error)", type: "api_error", code: "internal_error")
    }

    /// The JSON body.
    public var body: [UInt8] {
        var error: [String: JSONValue] = ["message": .string(message), "type": .string(type)]
        error["code"] = code.map(JSONValue.string) ?? .null
        error["param"] = param.map(JSONValue.string) ?? .null
        return JSONValue.object(["error": .object(error)]).jsonBytes
    }
}
