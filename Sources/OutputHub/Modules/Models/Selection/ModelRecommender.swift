import Foundation

/// The best model for a task category, with its reasons:
/// 1. hard filter: the category's mapped models that are active, not deprecated, have every required
///    capability, a context window of at least the category's `min_context_tokens` and a complexity range
///    that holds the asked complexity; none left → the category's fallback model, marked `fallback`;
/// 2. quality: a `QualityEstimate` per model from its suitability and the tenant's decaying feedback, and for
///    a user their own estimate starting from it;
/// 3. cost and latency normalised on a log scale across the candidates (unknown: the middle, 0.5), and the
///    share of preferred capabilities;
/// 4. weighted by priority (`weights`, stated in the answer);
/// 5. confidence: the probability that the winner's score beats the runner-up's;
/// 6. with `explore`, a share of calls ranks by a Thompson draw of quality instead of its mean, with the
///    probability of the chosen model kept so a log can be evaluated offline.
public struct ModelRecommender: Sendable {
    let store: Store
    let clients: HubClients
    let tenant: UUID

    static let explorationShare = 0.1
    /// Draws that estimate how often Thompson sampling picks each model (the logged probability).
    static let propensityDraws = 64

    public enum Priority: String, Sendable, CaseIterable {
        case speed, balanced, quality

        /// How much quality, cost, latency and preferred capabilities count.
        var weights: [String: Double] {
            switch self {
            case .quality: ["quality": 0.7, "cost": 0.1, "latency": 0.1, "capabilities": 0.1]
            case .balanced: ["quality": 0.45, "cost": 0.25, "latency": 0.2, "capabilities": 0.1]
            case .speed: ["quality": 0.25, "cost": 0.2, "latency": 0.45, "capabilities": 0.1]
            }
        }
    }

    struct Request: Sendable {
        var category: String
        var priority: Priority?
        var complexity: String?
        var user: UUID?
        var explore = false
        /// Also give the category's fallback model when candidates passed the filter (the gateway's last
        /// resort; the API's answer does not show it, so it is not read for that).
        var withFallback = false
    }

    struct Candidate: Sendable {
        let modelID: UUID
        let model: String
        var estimate: QualityEstimate
        var votes: Int
        var userVotes: Int
        var costPerRequest: Double?
        var latencyMS: Double?
        var capabilityShare: Double
        var parts: [String: Double] = [:]
        var score = 0.0
        var fallback = false
    }

    struct Recommendation: Sendable {
        let category: String
        let priority: Priority
        let complexity: String
        let weights: [String: Double]
        let candidates: [Candidate]
        let excluded: [(model: String, reason: String)]
        let confidence: Double
        let explored: Bool
        /// The probability that this policy chose the first candidate (1 without exploration).
        let probability: Double
        /// The category's fallback model when candidates passed the filter and it is not one of them: the
        /// gateway's last resort when none of them can be called (unscored).
        var fallback: Candidate?
    }

    func recommend(_ request: Request) async throws -> Recommendation {
        guard let category = try await store.select(ModelCatalogTables.aiTaskCategories, where: ["category_key": .string(request.category)], limit: 1).first,
              category["is_active"]?.boolValue != false else {
            throw Problem(.notFound, "There is no active task category \(request.category)")
        }
        let priority = request.priority ?? Priority(rawValue: category["default_priority"]?.stringValue ?? "") ?? .balanced
        let complexity = request.complexity ?? category["default_complexity"]?.stringValue ?? "moderate"
        let now = clients.clock.now()
        let (candidates, excluded) = try await filtered(category: category, complexity: complexity, at: now)
        var ranked = candidates
        let fallback = ranked.isEmpty || request.withFallback ? try await fallback(category, at: now) : nil
        if ranked.isEmpty, let fallback { ranked = [fallback] }
        try await addVotes(&ranked, category: request.category, user: request.user, at: now)
        let weights = priority.weights
        Self.score(&ranked, weights: weights)
        ranked.sort { ($0.score, $1.model) > ($1.score, $0.model) }
        var explored = false, probability = 1.0
        if request.explore, ranked.count > 1 {
            let greedy = ranked[0].modelID
            if clients.random.unit() < Self.explorationShare {
                explored = true
                ranked = Self.thompson(ranked, weights: weights, random: clients.random)
            }
            let chosen = ranked[0].modelID
            let share = Self.thompsonShare(of: chosen, ranked, weights: weights, random: clients.random)
            probability = (1 - Self.explorationShare) * (chosen == greedy ? 1 : 0) + Self.explorationShare * share
        }
        return Recommendation(category: request.category, priority: priority, complexity: complexity, weights: weights, candidates: ranked,
                              excluded: excluded, confidence: Self.confidence(ranked, weights: weights), explored: explored, probability: probability,
                              fallback: fallback.flatMap { f in ranked.contains { $0.modelID == f.modelID } ? nil : f })
    }

    // MARK: Candidates

    private static let candidateColumns = """
        m.id AS m_id, m.model_id AS m_model, m.capabilities AS m_capabilities, m.context_window AS m_context, m.avg_latency_ms AS m_latency,
          m.is_active AS m_active, m.is_deprecated AS m_deprecated, p.is_active AS p_active,
          pr.input_per_million AS pr_input, pr.output_per_million AS pr_output
        """

    /// `SELECT` the model, its provider's state and its price valid `at`, `FROM` the mappings (`mapped`) or
    /// the models alone; the caller appends the conditions.
    private func candidateQuery(mapped: Bool, at: Date) -> SQLText {
        let mapping = ", t.suitability_score AS t_suitability, t.min_complexity AS t_min, t.max_complexity AS t_max, t.average_speed_ms AS t_speed"
        var sql = SQLText(store.engine, "SELECT \(Self.candidateColumns)\(mapped ? mapping : "") FROM "
            + (mapped ? "ai_model_task_mappings t JOIN llm_models m ON m.id = t.model_id" : "llm_models m")
            + " JOIN llm_providers p ON p.id = m.provider_id"
            + " LEFT JOIN llm_model_prices pr ON pr.id = (SELECT id FROM llm_model_prices WHERE model_id = m.id AND valid_from <= ")
        sql.bind(.date(at), as: .timestamp)
        sql.append(" ORDER BY valid_from DESC LIMIT 1) WHERE ")
        return sql
    }

    /// The category's mapped models that pass the hard filter, and why the others did not.
    private func filtered(category: DBRow, complexity: String, at: Date) async throws -> ([Candidate], [(model: String, reason: String)]) {
        var sql = candidateQuery(mapped: true, at: at)
        sql.append("t.category_key = ")
        sql.bind(category["category_key"] ?? .null, as: .varchar(100))
        let required = category["required_capabilities"].map(Self.texts) ?? []
        let preferred = category["preferred_capabilities"].map(Self.texts) ?? []
        let minContext = category["min_context_tokens"]?.intValue
        let tokens = Double(category["typical_max_tokens"]?.intValue ?? 500)
        let levels = ModelCatalogTables.complexities
        var candidates: [Candidate] = [], excluded: [(String, String)] = []
        for row in try await store.rows(sql) {
            let read = RowReader(row: row, engine: store.engine)
            let model = try read.text("m_model") ?? ""
            let capabilities = Set(try read.texts("m_capabilities") ?? [])
            let missing = required.filter { !capabilities.contains($0) }
            let reason: String? = {
                if (try? read.bool("m_active")) != true || (try? read.bool("p_active")) != true { return "inactive" }
                if (try? read.bool("m_deprecated")) == true { return "deprecated" }
                if !missing.isEmpty { return "lacks " + missing.joined(separator: ", ") }
                if let minContext {
                    guard let context = try? read.int("m_context"), context >= minContext else { return "context below \(minContext) tokens" }
                }
                let level = levels.firstIndex(of: complexity) ?? 1
                if let low = (try? read.text("t_min")).flatMap({ $0 }).flatMap(levels.firstIndex), level < low { return "only for more complex work" }
                if let high = (try? read.text("t_max")).flatMap({ $0 }).flatMap(levels.firstIndex), level > high { return "only for simpler work" }
                return nil
            }()
            if let reason {
                excluded.append((model, reason))
                continue
            }
            candidates.append(Candidate(
                modelID: try read.uuid("m_id"), model: model, estimate: QualityEstimate(suitability: try read.double("t_suitability")),
                votes: 0, userVotes: 0, costPerRequest: Self.cost(input: try read.double("pr_input"), output: try read.double("pr_output"), tokens: tokens),
                latencyMS: (try read.int("t_speed") ?? read.int("m_latency")).map(Double.init),
                capabilityShare: preferred.isEmpty ? 1 : Double(preferred.filter(capabilities.contains).count) / Double(preferred.count)))
        }
        return (candidates, excluded)
    }

    /// The category's fallback model when it is active.
    private func fallback(_ category: DBRow, at: Date) async throws -> Candidate? {
        guard let id = category["fallback_model_id"], !id.isNull else { return nil }
        var sql = candidateQuery(mapped: false, at: at)
        sql.append("m.id = ")
        sql.bind(id, as: .uuid)
        guard let row = try await store.rows(sql).first else { return nil }
        let read = RowReader(row: row, engine: store.engine)
        guard try read.bool("m_active") == true, try read.bool("p_active") == true else { return nil }
        let preferred = category["preferred_capabilities"].map(Self.texts) ?? []
        let capabilities = Set(try read.texts("m_capabilities") ?? [])
        var candidate = Candidate(
            modelID: try read.uuid("m_id"), model: try read.text("m_model") ?? "", estimate: QualityEstimate(suitability: nil), votes: 0, userVotes: 0,
            costPerRequest: Self.cost(input: try read.double("pr_input"), output: try read.double("pr_output"), tokens: Double(category["typical_max_tokens"]?.intValue ?? 500)),
            latencyMS: try read.int("m_latency").map(Double.init),
            capabilityShare: preferred.isEmpty ? 1 : Double(preferred.filter(capabilities.contains).count) / Double(preferred.count))
        candidate.fallback = true
        return candidate
    }

    /// The tenant's votes on the candidates in this category, from their totals (`VoteTotals`: a row or two
    /// per candidate, however many votes). With a user, each candidate's estimate becomes theirs: everyone
    /// else's votes (the totals less the user's own) make the start, worth `priorStrength` votes, and theirs
    /// move it.
    private func addVotes(_ candidates: inout [Candidate], category: String, user: UUID?, at now: Date) async throws {
        guard !candidates.isEmpty else { return }
        let totals = try await VoteTotals.read(tenant: tenant, category: category, models: candidates.map(\.modelID), user: user, at: now, store)
        for i in candidates.indices {
            let id = candidates[i].modelID
            let all = totals.all[id] ?? VoteTotals.Sum(), mine = totals.own[id] ?? VoteTotals.Sum()
            candidates[i].votes = all.votes
            guard user != nil else {
                candidates[i].estimate.add(favour: all.favour, against: all.against)
                continue
            }
            var others = candidates[i].estimate
            others.add(favour: max(all.favour - mine.favour, 0), against: max(all.against - mine.against, 0))
            var personal = others.personal()
            personal.add(favour: mine.favour, against: mine.against)
            candidates[i].estimate = personal
            candidates[i].userVotes = mine.votes
        }
    }

    // MARK: Scoring

    /// Each candidate's parts in 0…1 and its weighted score.
    static func score(_ candidates: inout [Candidate], weights: [String: Double]) {
        let cost = logScaled(candidates.map(\.costPerRequest)), latency = logScaled(candidates.map(\.latencyMS))
        for i in candidates.indices {
            candidates[i].parts = ["quality": candidates[i].estimate.mean, "cost": cost[i], "latency": latency[i],
                                   "capabilities": candidates[i].capabilityShare]
            candidates[i].score = weights.reduce(0) { $0 + $1.value * (candidates[i].parts[$1.key] ?? 0) }
        }
    }

    /// Lower is better: 1 for the lowest known value, 0 for the highest, log-linear between; unknown 0.5.
    static func logScaled(_ values: [Double?]) -> [Double] {
        let known = values.compactMap { $0 }.map { log(max($0, 1e-9)) }
        guard let low = known.min(), let high = known.max() else { return values.map { _ in 0.5 } }
        return values.map { value in
            guard let value else { return 0.5 }
            return high > low ? 1 - (log(max(value, 1e-9)) - low) / (high - low) : 1
        }
    }

    /// The probability that the first candidate's score beats the second's, from their quality estimates
    /// (the other parts are known); 1 with a single candidate, 0 with none.
    static func confidence(_ ranked: [Candidate], weights: [String: Double]) -> Double {
        guard ranked.count > 1 else { return ranked.isEmpty ? 0 : 1 }
        let (a, b) = (ranked[0], ranked[1])
        let w = weights["quality"] ?? 0
        let gap = a.score - b.score
        let spread = w * (a.estimate.variance + b.estimate.variance).squareRoot()
        return spread > 0 ? normalCDF(gap / spread) : (gap > 0 ? 1 : 0.5)
    }

    /// The candidates ranked by a Thompson draw of each one's quality.
    static func thompson(_ candidates: [Candidate], weights: [String: Double], random: any RandomSource) -> [Candidate] {
        let w = weights["quality"] ?? 0
        return candidates.map { candidate in (candidate, candidate.score + w * (candidate.estimate.sample(random) - candidate.estimate.mean)) }
            .sorted { $0.1 > $1.1 }.map(\.0)
    }

    /// How often a Thompson draw ranks `model` first. The draws come from a fast generator seeded by one
    /// number of `random` (deterministic when it is), not from `random` itself: the system's source costs
    /// a system call per number, and these are thousands.
    static func thompsonShare(of model: UUID, _ candidates: [Candidate], weights: [String: Double], random: any RandomSource) -> Double {
        let draws = SeededRandom(seed: UInt64(random.unit() * 9_007_199_254_740_992))
        var wins = 0
        for _ in 0..<propensityDraws where thompson(candidates, weights: weights, random: draws).first?.modelID == model { wins += 1 }
        return Double(wins) / Double(propensityDraws)
    }

    /// Cost per request for `tokens` in and out at a price per million; nil when unpriced.
    static func cost(input: Double?, output: Double?, tokens: Double) -> Double? {
        guard input != nil || output != nil else { return nil }
        return ((input ?? 0) * tokens + (output ?? 0) * tokens) / 1_000_000
    }

    static func texts(_ value: DBValue) -> [String] {
        if case .array(let items) = value { return items }
        return value.jsonDocument?.arrayValue?.compactMap(\.stringValue) ?? []
    }
}
