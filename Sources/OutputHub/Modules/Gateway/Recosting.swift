import Foundation

/// `outputhub recost --since DATE`: costs logged calls again with the price valid at each call's time
/// (after a price was added or fixed), in one transaction, keeping the configurations' totals in step.
public struct Recosting: Sendable {
    public struct Report: Sendable {
        public var calls = 0
        public var changed = 0
        /// Calls that had no price and now have one, and the reverse.
        public var newlyPriced = 0
        public var nowUnpriced = 0
        public var before = 0.0
        public var after = 0.0
        public var difference: Double { after - before }
    }

    let store: Store

    public init(store: Store) { self.store = store }

    public func run(since: Date) async throws -> Report {
        try await store.transaction { tx in try await Self.recost(since: since, in: tx) }
    }

    private static func recost(since: Date, in store: Store) async throws -> Report {
        var sql = SQLText(store.engine, """
            SELECT id, model_id, model_configuration_id, created_at, status, cost_usd, price_id, input_tokens, output_tokens,
              cached_input_tokens, cache_write_tokens, reasoning_tokens FROM ai_logs
            WHERE model_id IS NOT NULL AND status <> 'refused' AND created_at >=
            """)
        sql.bind(.date(since), as: .timestamp)
        sql.append(" ORDER BY created_at")
        var report = Report()
        var prices: [UUID: [ModelPrice]] = [:]
        let book = PriceBook(store: store)
        var configurationDelta: [UUID: Double] = [:]
        for row in try await store.rows(sql) {
            let read = RowReader(row: row, engine: store.engine)
            let model = try read.uuid("model_id")
            if prices[model] == nil { prices[model] = try await book.history(model: model) }
            let at = try read.value("created_at", .timestamp).dateValue ?? since
            let price = prices[model]?.last { $0.validFrom <= at }
            let usage = TokenUsage(input: try read.int("input_tokens") ?? 0, output: try read.int("output_tokens") ?? 0,
                                   cachedInput: try read.int("cached_input_tokens") ?? 0, cacheWrite: try read.int("cache_write_tokens") ?? 0,
                                   reasoning: try read.int("reasoning_tokens") ?? 0)
            let old = try read.double("cost_usd")
            let status = try read.text("status")
            let new = usage.total == 0 && status != "success" ? 0 : price?.cost(of: usage)
            report.calls += 1
            report.before += old ?? 0
            report.after += new ?? 0
            let oldPrice = try read.optionalUUID("price_id")
            let newPrice = new == nil ? nil : price?.id
            let sameCost = old.map(GatewayLimits.micro) == new.map(GatewayLimits.micro)
            guard !sameCost || oldPrice != newPrice else { continue }
            report.changed += 1
            if old == nil && new != nil { report.newlyPriced += 1 }
            if old != nil && new == nil { report.nowUnpriced += 1 }
            var update = SQLText(store.engine, "UPDATE ai_logs SET cost_usd = ")
            update.bind(new.map(DBValue.double) ?? .null, as: .decimal(12, 6))
            update.append(", price_id = ")
            update.bind(newPrice.map(DBValue.uuid) ?? .null, as: .uuid)
            update.append(" WHERE id = ")
            update.bind(.uuid(try read.uuid("id")), as: .uuid)
            try await store.run(update)
            if let configuration = try read.optionalUUID("model_configuration_id") {
                configurationDelta[configuration, default: 0] += (new ?? 0) - (old ?? 0)
            }
        }
        for (configuration, delta) in configurationDelta where delta != 0 {
            var update = SQLText(store.engine, "UPDATE model_configurations SET total_cost = total_cost + ")
            update.bind(.double(ModelPrice.round(delta)), as: .decimal(14, 6))
            update.append(" WHERE id = ")
            update.bind(.uuid(configuration), as: .uuid)
            try await store.run(update)
        }
        report.before = ModelPrice.round(report.before)
        report.after = ModelPrice.round(report.after)
        return report
    }
}
