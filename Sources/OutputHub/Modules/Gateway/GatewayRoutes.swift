import Foundation
import Vapor

/// The gateway's addresses: OpenAI's paths under `/v1`, so OpenAI clients work with only a base URL change.
enum GatewayPath {
    static let base = RoutePath("v1")
    static let chatCompletionsRoute = base.appending("chat", "completions")
    static let embeddingsRoute = base.appending("embeddings")
    static let modelsRoute = base.appending("models")
}

/// `/v1/chat/completions`, `/v1/embeddings` and `/v1/models`, authenticated with Output Hub API keys
/// (`Authorization: Bearer`) that carry the `models:call` scope, answering errors in OpenAI's shape.
enum GatewayRoutes {
    static let callScope = "models:call"
    static let conversationHeader = "X-Output-Hub-Conversation"
    /// The generation log row of the call (for feedback on it, or to look it up).
    static let logIDHeader = "X-Output-Hub-Log-Id"

    static func register(_ app: any RoutesBuilder) {
        let v1 = app.grouped(OpenAIErrorMiddleware(), APIKeyAuthenticator())
        v1.on(.POST, GatewayPath.chatCompletionsRoute, body: "32mb") { req in try await chat(req) }
        v1.on(.POST, GatewayPath.embeddingsRoute, body: "32mb") { req in try await embeddings(req) }
        v1.on(.GET, GatewayPath.modelsRoute) { req in try await models(req) }
    }

    static func service(_ req: Request) -> GatewayService {
        GatewayService(store: req.store, clients: req.hubClients, log: req.application.generationLog)
    }

    static func caller(_ req: Request) throws -> GatewayCaller {
        let actor = try req.requireActor()
        guard actor.may(callScope) else {
            throw GatewayError(status: 403, "This API key may not call models: it needs the \(callScope) scope", type: "permission_error",
                               code: "permission_denied", logStatus: "refused")
        }
        return GatewayCaller(tenant: actor.tenantID, user: actor.userID, apiKey: actor.apiKeyID)
    }

    static func bodyBytes(_ req: Request) -> [UInt8] { req.body.data.map { Array(buffer: $0) } ?? [] }

    static func chat(_ req: Request) async throws -> Response {
        let caller = try caller(req)
        var conversation: UUID?
        if let header = req.headers.first(name: conversationHeader) {
            guard let id = UUID(text: header.trimmingCharacters(in: .whitespaces)) else {
                throw GatewayError.invalid("\(conversationHeader) must be a conversation id (a UUID)", param: conversationHeader)
            }
            conversation = id
        }
        let labels = TaskLabels(category: req.headers.first(name: "X-Output-Hub-Task-Category"),
                                priority: req.headers.first(name: "X-Output-Hub-Task-Priority"),
                                complexity: req.headers.first(name: "X-Output-Hub-Task-Complexity"))
        let service = service(req)
        let admitted = try await service.admitChat(bodyBytes(req), caller: caller, labels: labels, conversation: conversation)
        if admitted.call.stream {
            let opened = try await service.openStream(admitted)
            let response = Response(status: .ok)
            response.headers.replaceOrAdd(name: .contentType, value: "text/event-stream; charset=utf-8")
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-cache")
            response.headers.replaceOrAdd(name: "X-Accel-Buffering", value: "no")
            response.body = Response.Body(asyncStream: { writer in
                await service.relay(opened) { bytes in try await writer.write(.buffer(ByteBuffer(bytes: bytes))) }
                try await writer.write(.end)
            })
            response.headers.replaceOrAdd(name: logIDHeader, value: admitted.logID.lowercaseText)
            return response
        }
        let response = json(try await service.complete(admitted).body)
        response.headers.replaceOrAdd(name: logIDHeader, value: admitted.logID.lowercaseText)
        return response
    }

    static func embeddings(_ req: Request) async throws -> Response {
        let answer = try await service(req).embeddings(bodyBytes(req), caller: try caller(req))
        let response = json(answer.body)
        response.headers.replaceOrAdd(name: logIDHeader, value: answer.logID.lowercaseText)
        return response
    }

    static func models(_ req: Request) async throws -> Response {
        let caller = try caller(req)
        let entries = try await ModelResolver(store: req.store, clients: req.hubClients).callable(tenant: caller.tenant)
        let data = entries.map { entry -> JSONValue in
            .object(["id": .string(entry.id), "object": "model", "created": .number(entry.created.timeIntervalSince1970.rounded(.down)),
                     "owned_by": .string(entry.ownedBy)])
        }
        return json(JSONValue.object(["object": "list", "data": .array(data)]).jsonBytes)
    }

    static func json(_ bytes: [UInt8], status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(buffer: ByteBuffer(bytes: bytes)))
        response.headers.replaceOrAdd(name: .contentType, value: "application/json")
        return response
    }
}

/// Answers every error under `/v1` in OpenAI's shape (`{"error":{"message","type","code","param"}}`),
/// the problems of the shared machinery (authentication, body size) included.
struct OpenAIErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as GatewayError {
            return Self.response(error)
        } catch let problem as Problem {
            let (type, code): (String, String?) = switch problem.status {
            case 401: ("invalid_request_error", "invalid_api_key")
            case 403: ("permission_error", "permission_denied")
            case 429: ("rate_limit_error", "rate_limit_exceeded")
            case 400..<500: ("invalid_request_error", nil)
            default: ("api_error", nil)
            }
            return Self.response(GatewayError(status: problem.status, problem.detail, type: type, code: code, param: problem.errors.first?.field,
                                              retryAfter: problem.retryAfter))
        } catch let abort as any AbortError {
            let type = abort.status.code >= 500 ? "api_error" : "invalid_request_error"
            return Self.response(GatewayError(status: Int(abort.status.code), abort.reason, type: type))
        } catch {
            request.logger.error("gateway request failed: \(String(describing: error))")
            return Self.response(GatewayError(status: 500, "The gateway failed: \(error.localizedDescription)", type: "api_error", code: "internal_error"))
        }
    }

    static func response(_ error: GatewayError) -> Response {
        let response = GatewayRoutes.json(error.body, status: HTTPResponseStatus(statusCode: error.status))
        if let retryAfter = error.retryAfter { response.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter)) }
        if error.status == 401 { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
        return response
    }
}
