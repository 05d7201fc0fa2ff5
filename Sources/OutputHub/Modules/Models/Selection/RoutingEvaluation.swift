import Foundation

/// Offline evaluation of per-category routing (`outputhub eval-routing`): replays judgments in file order
/// through the recommender's own scoring — each judgment is the feedback the chosen model would have earned —
/// and compares the learned policy with baselines (each single model, the cheapest, random, the prior only)
/// on mean quality, cost per request, the recommender's utility and cumulative regret against the
/// per-category best model in hindsight, plus RouteLLM's view: quality kept against the share of calls sent
/// to the most expensive model.
///
/// Judgments are MT-Bench's shapes, one JSON object per line: single-answer grades
/// `{"question_id","category","turn","model","score"}` (1–10) and human pairwise votes
/// `{"question_id","category","turn","model_a","model_b","winner"}` (the winner earns 10, the loser 1, a tie
/// 5.5 each). A request is one question turn (one vote for pairs); it counts when at least two candidate
/// models were judged on it. Candidates are the judged models with a price.
struct RoutingEvaluation: Sendable {
    struct Judgment: Sendable {
        let request: String
        let category: String
        let model: String
        /// On the file's 1–10 scale.
        let score: Double
        var quality: Double { (score - 1) / 9 }
    }

    struct Price: Sendable, Codable {
        let input: Double
        let output: Double
    }

    /// The seeded catalog's prices (per million tokens) by model id.
    static var catalogPrices: [String: Price] {
        Dictionary(ReferenceData.models.compactMap { model in
            guard let input = model.inputPerMillion, let output = model.outputPerMillion else { return nil }
            return (model.modelID, Price(input: input, output: output))
        }) { first, _ in first }
    }

    let judgments: [Judgment]
    let prices: [String: Price]
    /// Tokens in and out of one request, for its cost.
    var tokens = (input: 500.0, output: 500.0)
    var seed: UInt64 = 1

    struct Unreadable: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    static func load(_ text: String) throws -> [Judgment] {
        var judgments: [Judgment] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: true).enumerated() {
            guard let object = JSONValue.parse(Array(line.utf8))?.objectValue else { throw Unreadable(line: index + 1, reason: "not a JSON object") }
            guard let category = object["category"]?.stringValue, let question = object["question_id"]?.numberValue.flatMap({ Int(exactly: $0) }),
                  let turn = Int(exactly: object["turn"]?.numberValue ?? 1) else {
                throw Unreadable(line: index + 1, reason: "a judgment needs a whole question_id (and turn) and a category")
            }
            if let model = object["model"]?.stringValue, let score = object["score"]?.numberValue {
                guard (1...10).contains(score) else { throw Unreadable(line: index + 1, reason: "score must be 1–10, not \(score)") }
                judgments.append(Judgment(request: "\(question)|\(turn)", category: category, model: model, score: score))
            } else if let a = object["model_a"]?.stringValue, let b = object["model_b"]?.stringValue, let winner = object["winner"]?.stringValue {
                let (sa, sb): (Double, Double) = switch winner {
                case "model_a": (10, 1)
                case "model_b": (1, 10)
                default: (5.5, 5.5)
                }
                let request = "\(question)|\(turn)|vote \(index)"
                judgments += [Judgment(request: request, category: category, model: a, score: sa),
                              Judgment(request: request, category: category, model: b, score: sb)]
            } else {
                throw Unreadable(line: index + 1, reason: "neither a single grade (model, score) nor a pairwise vote (model_a, model_b, winner)")
            }
        }
        return judgments
    }

    // MARK: Replay

    struct Outcome: Sendable {
        let policy: String
        var requests = 0
        var scoreSum = 0.0, costSum = 0.0, utilitySum = 0.0, regret = 0.0, expensive = 0
        /// Cumulative regret after each request.
        var regretCurve: [Double] = []
        var meanScore: Double { requests > 0 ? scoreSum / Double(requests) : 0 }
        var costPerRequest: Double { requests > 0 ? costSum / Double(requests) : 0 }
        var utility: Double { requests > 0 ? utilitySum / Double(requests) : 0 }
        var expensiveShare: Double { requests > 0 ? Double(expensive) / Double(requests) : 0 }
    }

    struct Report: Sendable {
        let priority: ModelRecommender.Priority
        let weights: [String: Double]
        let candidates: [String]
        let mostExpensive: String
        let categories: [String]
        let requests: Int
        let outcomes: [Outcome]
        /// The best single model per category in hindsight (by mean utility).
        let bestInHindsight: [String: String]
        let notes: [String]
    }

    func candidates() -> [String] {
        Array(Set(judgments.map(\.model)).filter { prices[$0] != nil }).sorted()
    }

    func cost(_ model: String) -> Double {
        guard let price = prices[model] else { return 0 }
        return (price.input * tokens.input + price.output * tokens.output) / 1_000_000
    }

    func evaluate(_ priority: ModelRecommender.Priority) throws -> Report {
        let models = candidates()
        guard models.count >= 2 else {
            throw Unreadable(line: 0, reason: "at least two judged models need a price (have: \(models.joined(separator: ", ")); add --prices)")
        }
        let weights = priority.weights
        let costParts = Dictionary(uniqueKeysWithValues: zip(models, ModelRecommender.logScaled(models.map { cost($0) })))
        func utility(_ model: String, quality: Double) -> Double {
            (weights["quality"] ?? 0) * quality + (weights["cost"] ?? 0) * (costParts[model] ?? 0.5)
                + (weights["latency"] ?? 0) * 0.5 + (weights["capabilities"] ?? 0) * 1
        }
        // Requests in file order, each with the candidates judged on it.
        var order: [String] = [], byRequest: [String: [String: Judgment]] = [:]
        for judgment in judgments where prices[judgment.model] != nil {
            if byRequest[judgment.request] == nil { order.append(judgment.request) }
            byRequest[judgment.request, default: [:]][judgment.model] = judgment
        }
        let requests = order.compactMap { id -> [String: Judgment]? in (byRequest[id]?.count ?? 0) >= 2 ? byRequest[id] : nil }
        // The best single model per category in hindsight.
        var sums: [String: [String: (Double, Int)]] = [:]
        for request in requests {
            for (model, judgment) in request {
                let old = sums[judgment.category]?[model] ?? (0, 0)
                sums[judgment.category, default: [:]][model] = (old.0 + utility(model, quality: judgment.quality), old.1 + 1)
            }
        }
        let best = sums.mapValues { byModel in
            byModel.max { ($0.value.0 / Double($0.value.1), $1.key) < ($1.value.0 / Double($1.value.1), $0.key) }?.key ?? ""
        }
        let mostExpensive = models.max { cost($0) < cost($1) } ?? models[0]
        let cheapest = models.min { cost($0) < cost($1) } ?? models[0]

        var policies: [(String, Policy)] = [("learned", .learned), ("prior only", .priorOnly), ("random", .random), ("cheapest (\(cheapest))", .single(cheapest))]
        policies += models.map { ("always \($0)", .single($0)) }
        let outcomes = policies.map { name, policy in
            replay(policy, name: name, requests: requests, models: models, weights: weights, utility: utility, best: best, mostExpensive: mostExpensive)
        }
        var notes: [String] = []
        let winners = Set(best.values)
        if winners.count == 1, let only = winners.first {
            notes.append("\(only) is the best model in hindsight in every category at this priority: no routing policy can beat always choosing it; the learned policy can only approach it.")
        }
        if let learned = outcomes.first, let prior = outcomes.dropFirst().first, learned.utility <= prior.utility {
            let cheapBest = best.values.filter { $0 == cheapest }.count
            let perCategory = requests.count / max(best.count, 1)
            notes.append("Learning did not beat the prior alone here: with quality unknown the prior picks \(cheapest), the best in hindsight in \(cheapBest) of \(best.count) categories, and with about \(perCategory) requests per category what learning gains in the others is less than what exploring costs.")
        }
        return Report(priority: priority, weights: weights, candidates: models, mostExpensive: mostExpensive, categories: best.keys.sorted(),
                      requests: requests.count, outcomes: outcomes, bestInHindsight: best, notes: notes)
    }

    /// Beta(1, 1): nothing is known of a model's quality before its first judgment (the replay's
    /// uninformative prior, instead of a declared suitability).
    static let uninformative = QualityEstimate(alpha: 1, beta: 1)

    enum Policy {
        case learned, priorOnly, random
        case single(String)
    }

    private func replay(_ policy: Policy, name: String, requests: [[String: Judgment]], models: [String], weights: [String: Double],
                        utility: (String, Double) -> Double, best: [String: String], mostExpensive: String) -> Outcome {
        let random = SeededRandom(seed: seed)
        var estimates: [String: [String: QualityEstimate]] = [:]
        var outcome = Outcome(policy: name)
        for request in requests {
            guard let category = request.values.first?.category else { continue }
            let available = models.filter { request[$0] != nil }
            let chosen: String
            switch policy {
            case .single(let model):
                guard request[model] != nil else { continue }
                chosen = model
            case .random:
                chosen = available[min(Int(random.unit() * Double(available.count)), available.count - 1)]
            case .learned, .priorOnly:
                var candidates = available.map { model in
                    ModelRecommender.Candidate(modelID: UUID(), model: model, estimate: estimates[category]?[model] ?? Self.uninformative,
                                               votes: 0, userVotes: 0, costPerRequest: cost(model), latencyMS: nil, capabilityShare: 1)
                }
                // Cost is normalised across every candidate, as the recommender does, not only those judged here.
                let parts = ModelRecommender.logScaled(models.map { cost($0) })
                ModelRecommender.score(&candidates, weights: weights)
                for i in candidates.indices {
                    let costPart = parts[models.firstIndex(of: candidates[i].model) ?? 0]
                    candidates[i].parts["cost"] = costPart
                    candidates[i].score = weights.reduce(0) { $0 + $1.value * (candidates[i].parts[$1.key] ?? 0) }
                }
                candidates.sort { ($0.score, $1.model) > ($1.score, $0.model) }
                if case .learned = policy, random.unit() < ModelRecommender.explorationShare {
                    candidates = ModelRecommender.thompson(candidates, weights: weights, random: random)
                }
                chosen = candidates[0].model
            }
            guard let judgment = request[chosen] else { continue }
            if case .learned = policy {
                estimates[category, default: [:]][chosen, default: Self.uninformative]
                    .add(QualityEstimate.Vote(favour: judgment.quality, against: 1 - judgment.quality), weight: 1)
            }
            let gained = utility(chosen, judgment.quality)
            let bestModel = best[category] ?? chosen
            let bestGain = request[bestModel].map { utility(bestModel, $0.quality) } ?? gained
            outcome.requests += 1
            outcome.scoreSum += judgment.score
            outcome.costSum += cost(chosen)
            outcome.utilitySum += gained
            outcome.regret += bestGain - gained
            outcome.regretCurve.append(outcome.regret)
            if chosen == mostExpensive { outcome.expensive += 1 }
        }
        return outcome
    }
}

extension QualityEstimate.Vote {
    /// A graded outcome as a vote: `favour` for, `against` against (a 1–10 grade as (g−1)/9 and its rest).
    init(favour: Double, against: Double) {
        self.favour = favour
        self.against = against
    }
}

