import Foundation

/// How a model does at a task category, as a Beta distribution over "this answer was good": a prior from the
/// declared suitability worth `priorStrength` pseudo-votes, then feedback as votes, older ones counting less
/// (half as much every `halfLifeDays`).
struct QualityEstimate: Sendable, Equatable {
    var alpha: Double
    var beta: Double

    static let priorStrength = 10.0
    static let halfLifeDays = 60.0

    /// The prior from a suitability in 0…1 (0.5 when the category declares none for the model).
    init(suitability: Double?) {
        let s = min(max(suitability ?? 0.5, 0.01), 0.99)
        alpha = Self.priorStrength * s
        beta = Self.priorStrength * (1 - s)
    }

    init(alpha: Double, beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }

    /// The start of a user's own estimate: this one's mean worth `priorStrength` pseudo-votes (their votes
    /// are added to it).
    func personal() -> QualityEstimate {
        QualityEstimate(alpha: Self.priorStrength * mean, beta: Self.priorStrength * (1 - mean))
    }

    var mean: Double { alpha / (alpha + beta) }
    var variance: Double { alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1)) }

    mutating func add(_ vote: Vote, weight: Double) {
        add(favour: vote.favour * weight, against: vote.against * weight)
    }

    /// Adds votes already weighted (sums of `Vote.favour` and `Vote.against` times their decay).
    mutating func add(favour: Double, against: Double) {
        alpha += favour
        beta += against
    }

    /// One piece of feedback as votes for and against: like +1, dislike −1, a rating r as (r−1)/4 for and
    /// (5−r)/4 against (a rating wins over the like or dislike it came with), regenerate as half a vote
    /// against, skip as a quarter.
    struct Vote: Sendable, Equatable {
        let favour: Double
        let against: Double

        init(type: String, rating: Int?) {
            if let rating, (1...5).contains(rating) {
                favour = Double(rating - 1) / 4
                against = Double(5 - rating) / 4
                return
            }
            switch type {
            case "like": (favour, against) = (1, 0)
            case "dislike": (favour, against) = (0, 1)
            case "regenerate": (favour, against) = (0, 0.5)
            case "skip": (favour, against) = (0, 0.25)
            default: (favour, against) = (0, 0)
            }
        }
    }

    /// A draw from the distribution (Thompson sampling), from `random`'s uniform numbers.
    func sample(_ random: any RandomSource) -> Double {
        let x = Self.gamma(alpha, random), y = Self.gamma(beta, random)
        return x + y > 0 ? x / (x + y) : mean
    }

    /// Marsaglia and Tsang's method (shape < 1 boosted by U^(1/shape)).
    private static func gamma(_ shape: Double, _ random: any RandomSource) -> Double {
        if shape < 1 { return gamma(shape + 1, random) * pow(max(random.unit(), 1e-12), 1 / shape) }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        for _ in 0..<64 {
            var x = 0.0, v = 0.0
            repeat {
                x = normal(random)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = max(random.unit(), 1e-12)
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
        return shape  // a source that never accepts (a constant in tests): the mean
    }

    /// A standard normal draw (Box–Muller).
    private static func normal(_ random: any RandomSource) -> Double {
        let u1 = max(random.unit(), 1e-12), u2 = random.unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

/// The standard normal distribution function.
func normalCDF(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
