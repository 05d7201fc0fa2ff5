import Foundation
@testable import OutputHub
import Testing

/// `outputhub eval-routing` on the shipped MT-Bench judgments (see ../shared/data/mt_bench/SOURCE.md): the
/// two priced models are gpt-4 ($30 / $60 per million) and gpt-3.5-turbo ($0.50 / $1.50).
@Suite("Models: offline evaluation of routing")
struct RoutingEvaluationTests {
    static let data = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/mt_bench")

    static func evaluation(_ file: String) throws -> RoutingEvaluation {
        let text = try String(contentsOf: data.appendingPathComponent(file), encoding: .utf8)
        return RoutingEvaluation(judgments: try RoutingEvaluation.load(text), prices: RoutingEvaluation.catalogPrices)
    }

    @Test("On GPT-4's grades the learned policy beats random at every priority and comes within its exploration cost of the prior alone, which no policy can beat where the cheaper model is best everywhere; the report says so")
    func mtBench() throws {
        let evaluation = try Self.evaluation("gpt4_single_judgments.jsonl")
        #expect(evaluation.candidates() == ["gpt-3.5-turbo", "gpt-4"])
        for priority in ModelRecommender.Priority.allCases {
            let report = try evaluation.evaluate(priority)
            #expect(report.requests == 160 && report.categories.count == 8)
            let outcome = Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.policy, $0) })
            let learned = try #require(outcome["learned"]), prior = try #require(outcome["prior only"]), random = try #require(outcome["random"])
            #expect(learned.utility > random.utility, "\(priority): learned \(learned.utility) vs random \(random.utility)")
            #expect(learned.regret < random.regret)
            let cheap = try #require(outcome["always gpt-3.5-turbo"]), dear = try #require(outcome["always gpt-4"])
            #expect(dear.meanScore > cheap.meanScore && dear.costPerRequest > 40 * cheap.costPerRequest)
            switch priority {
            case .quality:
                // 0.7 × the quality gap beats 0.1 × the cost part only where gpt-4 leads by more than 1.3 points.
                #expect(report.bestInHindsight["reasoning"] == "gpt-4" && report.bestInHindsight["coding"] == "gpt-4" && report.bestInHindsight["writing"] == "gpt-3.5-turbo")
                // Only coding and reasoning (40 of 160 requests) repay gpt-4; 20 requests per category leave
                // learning less to gain there than exploring costs elsewhere, and the report says so.
                #expect(prior.regret > 0 && learned.utility > prior.utility - 0.02, "learned \(learned.utility) vs prior \(prior.utility)")
                #expect(learned.expensiveShare > 0 && learned.expensiveShare < 0.5 && learned.meanScore > cheap.meanScore)
                #expect(learned.utility > prior.utility || report.notes.contains { $0.hasPrefix("Learning did not beat the prior alone") })
            case .balanced, .speed:
                // No category's quality gap is worth gpt-4's price here: the cheaper model is best everywhere,
                // which is what the prior alone already picks.
                #expect(Set(report.bestInHindsight.values) == ["gpt-3.5-turbo"])
                #expect(report.notes.contains { $0.contains("no routing policy can beat always choosing it") })
                #expect(learned.utility > prior.utility - 0.02, "exploration costs little: \(learned.utility) vs \(prior.utility)")
            }
        }
    }

    @Test("Pairwise human votes load as two judgments per vote; bad lines are refused with their number")
    func loaders() throws {
        let pairs = try Self.evaluation("human_pairs_partial.jsonl")
        #expect(pairs.judgments.count == 2 * 1751)
        #expect(try pairs.evaluate(.quality).requests > 100, "the votes between gpt-4 and gpt-3.5-turbo")
        #expect(try RoutingEvaluation.load(#"{"question_id":81,"category":"writing","turn":1,"model":"gpt-4","score":7}"#).first?.quality == 6.0 / 9)
        #expect(throws: RoutingEvaluation.Unreadable.self) { try RoutingEvaluation.load("{\"question_id\":1,\"category\":\"x\",\"model\":\"m\",\"score\":11}\n") }
        #expect(throws: RoutingEvaluation.Unreadable.self) { try RoutingEvaluation.load("not json\n") }
    }

    @Test("outputhub eval-routing prints the table, answers JSON and draws the chart")
    func command() async throws {
        try await withCLI { cli, _ in
            let file = Self.data.appendingPathComponent("gpt4_single_judgments.jsonl").path
            let svg = FileManager.default.temporaryDirectory.appendingPathComponent("routing-\(UUID().uuidString).svg")
            defer { try? FileManager.default.removeItem(at: svg) }
            let table = try await cli.run(["eval-routing", file, "--priority", "quality", "--svg", svg.path])
            #expect(table.status == 0 && table.stdout.contains("Priority quality") && table.stdout.contains("learned") && table.stdout.contains("quality kept"), "\(table.stdout)\(table.stderr)")
            #expect(try String(contentsOf: svg, encoding: .utf8).hasPrefix("<svg"))
            let json = try await cli.run(["eval-routing", file, "--format", "json"])
            let parsed = JSONValue.parse(Array(json.stdout.utf8))
            #expect(parsed?["priorities"]?.arrayValue?.count == 3 && parsed?["priorities"]?.arrayValue?.first?["policies"]?.arrayValue?.isEmpty == false)
            #expect(try await cli.run(["eval-routing", file, "--priority", "cheapest"]).status != 0)
            #expect(try await cli.run(["eval-routing", "/nonexistent.jsonl"]).status != 0)
        }
    }
}
