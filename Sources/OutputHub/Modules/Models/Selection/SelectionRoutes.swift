import Foundation
import Vapor

/// `GET /api/v1/ai_task_categories/{key}/recommendation?priority=&complexity=&user=&explore=`: the ranked
/// candidates for a task category with the parts of each score, the weights and the confidence (see
/// `ModelRecommender`). The path sits under the generic `:table/:id` segments, the key in the id's place.
enum SelectionRoutes {
    static let recommendationRoute = APIPath.itemRoute.appending("recommendation")

    static func register(_ api: any RoutesBuilder) {
        api.on(.GET, recommendationRoute, use: recommendation)
    }

    static func recommendation(_ req: Request) async throws -> Response {
        guard req.parameters.get("table") == ModelCatalogTables.aiTaskCategories.name, let key = req.parameters.get("id") else {
            throw Problem.notFound("Only task categories have recommendations")
        }
        let actor = try req.requireActor()
        let resource = Resources.of(ModelCatalogTables.aiTaskCategories)
        if let scope = Permissions.readScope(resource), !actor.may(scope) { throw ResourceService.missing(scope) }
        let query = Dictionary(try APIRoutes.queryPairs(req), uniquingKeysWith: { $1 })
        var request = ModelRecommender.Request(category: key)
        if let text = query["priority"] {
            guard let priority = ModelRecommender.Priority(rawValue: text) else {
                throw Problem.badRequest("priority is one of speed, balanced, quality", field: "priority")
            }
            request.priority = priority
        }
        if let complexity = query["complexity"] {
            guard ModelCatalogTables.complexities.contains(complexity) else {
                throw Problem.badRequest("complexity is one of \(ModelCatalogTables.complexities.joined(separator: ", "))", field: "complexity")
            }
            request.complexity = complexity
        }
        if let text = query["user"] {
            guard let user = UUID(text: text) else { throw Problem.badRequest("user is a user's id", field: "user") }
            request.user = user
        }
        if let text = query["explore"] {
            guard let explore = Bool(text) else { throw Problem.badRequest("explore is true or false", field: "explore") }
            request.explore = explore
        }
        let recommendation = try await ModelRecommender(store: req.store, clients: req.hubClients, tenant: actor.tenantID).recommend(request)
        return APIRoutes.json(String(decoding: recommendation.json.jsonBytes, as: UTF8.self), status: .ok)
    }

    static let operations = [
        APIOperation(.get, APIPath.itemTemplate(ModelCatalogTables.aiTaskCategories.name).replacingOccurrences(of: "{id}", with: "{key}") + "/recommendation",
                     id: "recommend_model", summary: "The models for a task category, ranked, with the parts of each score, the weights and the confidence",
                     module: .models,
                     parameters: [APIOperation.path("key", description: "The category_key"),
                                  APIOperation.query("priority", "speed, balanced or quality (default: the category's)"),
                                  APIOperation.query("complexity", "simple, moderate or complex (default: the category's)"),
                                  APIOperation.query("user", "A user id: rank by that user's own estimate"),
                                  APIOperation.query("explore", "true: a share of answers ranks by a Thompson draw; probability is the chance this policy ranked the first candidate first")],
                     answer: "The ranked candidates",
                     schema: .object(["type": "object", "required": .array(["candidates", "weights", "confidence"]), "properties": .object([
                         "candidates": .object(["type": "array", "items": .object(["type": "object", "required": .array(["model_id", "score", "parts", "votes", "fallback"])])]),
                         "weights": .object(["type": "object"]), "confidence": .object(["type": "number"]),
                     ])]),
                     problems: [400, 401, 403, 404]),
    ]
}

extension ModelRecommender.Recommendation {
    var json: JSONValue {
        func number(_ value: Double) -> JSONValue { .number((value * 10_000).rounded() / 10_000) }
        return .object([
            "category": .string(category), "priority": .string(priority.rawValue), "complexity": .string(complexity),
            "weights": .object(weights.mapValues(number)),
            "candidates": .array(candidates.map { candidate in
                .object([
                    "model_id": .string(candidate.modelID.lowercaseText), "model": .string(candidate.model),
                    "score": number(candidate.score), "parts": .object(candidate.parts.mapValues(number)),
                    "votes": .number(Double(candidate.votes)), "user_votes": .number(Double(candidate.userVotes)),
                    "fallback": .bool(candidate.fallback),
                    "estimate": .object(["alpha": number(candidate.estimate.alpha), "beta": number(candidate.estimate.beta)]),
                    "cost_per_request": candidate.costPerRequest.map { .number($0) } ?? .null,
                    "latency_ms": candidate.latencyMS.map { .number($0) } ?? .null,
                ])
            }),
            "excluded": .array(excluded.map { .object(["model": .string($0.model), "reason": .string($0.reason)]) }),
            "confidence": number(confidence), "explored": .bool(explored), "probability": number(probability),
        ])
    }
}
