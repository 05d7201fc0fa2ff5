import Vapor

/// Requires `Authorization: Bearer <key>` with a live API key and records the caller on the request.
struct APIKeyAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.headers.bearerAuthorization?.token else {
            throw Self.unauthorized("This endpoint needs an API key: send Authorization: Bearer <key>")
        }
        guard let actor = try await APIKeyService(store: request.store, clients: request.hubClients).authenticate(token) else {
            throw Self.unauthorized("The API key is not valid (unknown, revoked or expired)")
        }
        if let keyID = actor.apiKeyID, let wait = request.application.rateLimiter.take(keyID) {
            let seconds = max(1, Int(wait.rounded(.up)))
            throw Problem(.tooManyRequests, "This API key has used its \(request.application.rateLimiter.perMinute) requests per minute; retry in \(seconds) s",
                          retryAfter: seconds)
        }
        request.actor = actor
        return try await next.respond(to: request)
    }

    static func unauthorized(_ detail: String) -> Problem { Problem(.unauthorized, detail) }
}

extension Application {
    private struct RateLimiterKey: StorageKey { typealias Value = RateLimiter }

    /// Requests per API key (made by `buildApplication` from the settings).
    public var rateLimiter: RateLimiter {
        get { built(RateLimiterKey.self) }
        set { storage[RateLimiterKey.self] = newValue }
    }
}

extension Request {
    private struct ActorKey: StorageKey { typealias Value = Actor }

    /// The authenticated caller; set by `APIKeyAuthenticator`.
    var actor: Actor? {
        get { storage[ActorKey.self] }
        set { storage[ActorKey.self] = newValue }
    }

    func requireActor() throws -> Actor {
        guard let actor else { throw Problem(.unauthorized, "Not signed in") }
        return actor
    }
}
