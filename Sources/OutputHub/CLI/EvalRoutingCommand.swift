import ArgumentParser
import Foundation

/// `outputhub eval-routing FILE [--priority P] [--format table|json] [--svg OUT]`: replays judgments through
/// the recommender offline (see `RoutingEvaluation`); needs no database.
struct EvalRoutingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval-routing",
        abstract: "Replay a JSONL of judgments (MT-Bench grades or pairwise votes) through the recommender and compare it with single models, the cheapest, random and the prior alone.")

    @Argument(help: "A JSONL file of judgments.") var file: String
    @Option(help: "speed, balanced or quality (all three without it).") var priority: String?
    @Option(help: "table or json.") var format = "table"
    @Option(help: "Write RouteLLM's view (quality kept against the share of calls to the most expensive model) as an SVG chart here.") var svg: String?
    @Option(help: "A JSON file of prices per million tokens, {\"model\":{\"input\":…,\"output\":…}}, over the seeded catalog's.") var prices: String?
    @Option(help: "Tokens in and out per request, for its cost.") var tokens = 500

    func run() async throws {
        let priorities: [ModelRecommender.Priority]
        if let priority {
            guard let chosen = ModelRecommender.Priority(rawValue: priority) else { throw CLIError("--priority is speed, balanced or quality, not \(priority)") }
            priorities = [chosen]
        } else {
            priorities = ModelRecommender.Priority.allCases
        }
        guard ["table", "json"].contains(format) else { throw CLIError("--format is table or json, not \(format)") }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw CLIError("cannot read \(file)") }
        var table = RoutingEvaluation.catalogPrices
        if let prices {
            guard let data = FileManager.default.contents(atPath: prices),
                  let extra = try? JSONDecoder().decode([String: RoutingEvaluation.Price].self, from: data) else {
                throw CLIError("\(prices) must be a JSON object of model → {\"input\":…,\"output\":…}")
            }
            table.merge(extra) { $1 }
        }
        let reports: [RoutingEvaluation.Report]
        do {
            var evaluation = RoutingEvaluation(judgments: try RoutingEvaluation.load(text), prices: table)
            evaluation.tokens = (Double(tokens), Double(tokens))
            reports = try priorities.map { try evaluation.evaluate($0) }
        } catch let unreadable as RoutingEvaluation.Unreadable {
            throw CLIError("\(file): \(unreadable.description)")
        }
        print(format == "json" ? String(decoding: Self.json(reports).jsonBytes, as: UTF8.self) : Self.table(reports))
        if let svg {
            try Data(Self.chart(reports).utf8).write(to: URL(fileURLWithPath: svg), options: .atomic)
            if format == "table" { print("Chart: \(svg)") }
        }
    }

    static func table(_ reports: [RoutingEvaluation.Report]) -> String {
        var out = ""
        for report in reports {
            let weights = ["quality", "cost", "latency", "capabilities"].map { "\($0) \(String(format: "%.2f", report.weights[$0] ?? 0))" }.joined(separator: " · ")
            out += "Priority \(report.priority.rawValue) (\(weights)): \(report.requests) requests in \(report.categories.count) categories; candidates \(report.candidates.joined(separator: ", "))\n"
            let top = report.outcomes.first { $0.policy == "always \(report.mostExpensive)" }?.meanScore ?? 0
            out += pad("policy", 26) + pad("quality", 9) + pad("cost/req", 11) + pad("utility", 9) + pad("regret", 9) + pad("to \(report.mostExpensive)", 16) + "quality kept\n"
            for o in report.outcomes {
                out += pad(o.policy, 26) + pad(String(format: "%.2f", o.meanScore), 9) + pad(String(format: "$%.5f", o.costPerRequest), 11)
                    + pad(String(format: "%.4f", o.utility), 9) + pad(String(format: "%.2f", o.regret), 9)
                    + pad(String(format: "%.0f%%", o.expensiveShare * 100), 16) + String(format: "%.1f%%", top > 0 ? o.meanScore / top * 100 : 0) + "\n"
            }
            out += "Best in hindsight: " + report.bestInHindsight.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
            for note in report.notes { out += "Note: \(note)\n" }
            out += "\n"
        }
        return out
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }

    static func json(_ reports: [RoutingEvaluation.Report]) -> JSONValue {
        func number(_ value: Double) -> JSONValue { .number((value * 1_000_000).rounded() / 1_000_000) }
        return .object(["priorities": .array(reports.map { report in
            let top = report.outcomes.first { $0.policy == "always \(report.mostExpensive)" }?.meanScore ?? 0
            return .object([
                "priority": .string(report.priority.rawValue), "weights": .object(report.weights.mapValues(number)),
                "requests": .number(Double(report.requests)), "candidates": .array(report.candidates.map(JSONValue.string)),
                "most_expensive": .string(report.mostExpensive),
                "best_in_hindsight": .object(report.bestInHindsight.mapValues(JSONValue.string)),
                "notes": .array(report.notes.map(JSONValue.string)),
                "policies": .array(report.outcomes.map { o in
                    .object(["policy": .string(o.policy), "requests": .number(Double(o.requests)), "mean_quality": number(o.meanScore),
                             "cost_per_request": number(o.costPerRequest), "utility": number(o.utility), "regret": number(o.regret),
                             "expensive_share": number(o.expensiveShare), "quality_kept": number(top > 0 ? o.meanScore / top : 0)])
                }),
            ])
        })])
    }

    /// Quality kept (y) against the share of calls to the most expensive model (x), a point per policy and priority.
    static func chart(_ reports: [RoutingEvaluation.Report]) -> String {
        let (width, height, margin) = (640.0, 420.0, 50.0)
        let colours = ["speed": "#d9822b", "balanced": "#2b7bd9", "quality": "#3a9d5d"]
        var points: [(x: Double, y: Double, label: String, colour: String)] = []
        for report in reports {
            let top = report.outcomes.first { $0.policy == "always \(report.mostExpensive)" }?.meanScore ?? 0
            for o in report.outcomes where top > 0 {
                points.append((o.expensiveShare, o.meanScore / top, "\(o.policy) (\(report.priority.rawValue))", colours[report.priority.rawValue] ?? "#555"))
            }
        }
        let low = min(points.map(\.y).min() ?? 0.5, 0.95)
        func x(_ v: Double) -> Double { margin + v * (width - 2 * margin) }
        func y(_ v: Double) -> Double { height - margin - (v - low) / max(1.0 - low, 1e-9) * (height - 2 * margin) }
        func escape(_ text: String) -> String { text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">"
        svg += "<title>Quality kept against calls sent to the most expensive model</title><rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
        svg += "<line x1=\"\(x(0))\" y1=\"\(y(low))\" x2=\"\(x(1))\" y2=\"\(y(low))\" stroke=\"#999\"/><line x1=\"\(x(0))\" y1=\"\(y(low))\" x2=\"\(x(0))\" y2=\"\(y(1))\" stroke=\"#999\"/>"
        svg += "<text x=\"\(x(0.5))\" y=\"\(height - 12)\" text-anchor=\"middle\">share of calls to \(escape(reports.first?.mostExpensive ?? "the most expensive model"))</text>"
        svg += "<text x=\"14\" y=\"\(y((1 + low) / 2))\" transform=\"rotate(-90 14 \(y((1 + low) / 2)))\" text-anchor=\"middle\">quality kept</text>"
        svg += String(format: "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">%.0f%%</text><text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">100%%</text>", x(0) - 4, y(low), low * 100, x(0) - 4, y(1))
        for point in points {
            let (cx, cy) = (String(format: "%.1f", x(point.x)), String(format: "%.1f", y(point.y)))
            svg += "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"4\" fill=\"\(point.colour)\"><title>\(escape(point.label))</title></circle>"
            if point.label.hasPrefix("learned") {
                svg += "<text x=\"\(String(format: "%.1f", x(point.x) + 6))\" y=\"\(String(format: "%.1f", y(point.y) - 4))\">\(escape(point.label))</text>"
            }
        }
        for (i, (name, colour)) in colours.sorted(by: { $0.key < $1.key }).enumerated() {
            svg += "<circle cx=\"\(width - 120)\" cy=\"\(20 + Double(i) * 16)\" r=\"4\" fill=\"\(colour)\"/><text x=\"\(width - 110)\" y=\"\(24 + Double(i) * 16)\">\(name)</text>"
        }
        return svg + "</svg>"
    }
}
