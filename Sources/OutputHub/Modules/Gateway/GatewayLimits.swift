import Foundation

/// The gateway's limits, kept in the database through `WindowCounter` so they hold exactly across
/// concurrent requests and app servers: a configuration's calls per minute and per day, its cost limit per
/// call, and monthly budgets per tenant (setting `gateway_monthly_budget_usd`) and per API key
/// (`api_keys.monthly_budget_usd`). A budget holds the call's worst case before it is sent and settles to
/// the real cost after, so concurrent calls can never spend past it together.
public struct GatewayLimits: Sendable {
    public static let tenantBudgetSetting = "gateway_monthly_budget_usd"

    let store: Store
    let clients: HubClients
    private var counter: WindowCounter { WindowCounter(store: store, clients: clients) }

    public init(store: Store, clients: HubClients) {
        self.store = store
        self.clients = clients
    }

    /// Counts one call against the configuration's per-minute and per-day limits; 429 when either is spent.
    public func takeCall(_ configuration: GatewayConfiguration) async throws {
        let id = configuration.id.uuidString.lowercased()
        var tookMinute = false
        if let perMinute = configuration.maxCallsPerMinute {
            let decision = try await counter.take("gateway.minute:" + id, limit: perMinute, window: 60)
            guard decision.allowed else {
                throw GatewayError.rateLimited("Configuration \(configuration.name) allows \(perMinute) calls per minute; retry in \(Self.seconds(decision.retryAfter)) s",
                                               retryAfter: Self.seconds(decision.retryAfter))
            }
            tookMinute = true
        }
        if let perDay = configuration.maxCallsPerDay {
            let decision = try await counter.take("gateway.day:" + id, limit: perDay, window: 86_400)
            guard decision.allowed else {
                if tookMinute { try await counter.giveBack("gateway.minute:" + id, window: 60) }
                throw GatewayError.rateLimited("Configuration \(configuration.name) allows \(perDay) calls per day; retry in \(Self.seconds(decision.retryAfter)) s",
                                               retryAfter: Self.seconds(decision.retryAfter))
            }
        }
    }

    static func seconds(_ interval: TimeInterval) -> Int { max(1, Int(interval.rounded(.up))) }

    /// A call's hold on the budgets, in millionths of a dollar.
    public struct Reservation: Sendable {
        public var holds: [(key: String, amount: Int)] = []
        let period: DateInterval
    }

    /// Refuses a call whose worst case passes the configuration's cost limit, then holds the worst case
    /// against the tenant's and the key's monthly budgets.
    public func reserve(worstCase: Double?, configuration: GatewayConfiguration?, tenant: UUID, apiKey: UUID?, model: String) async throws -> Reservation {
        if let limit = configuration?.costLimitPerCall {
            guard let worstCase else {
                throw GatewayError.paymentRequired("\(model) has no price, so its cost cannot be held to the cost limit per call of \(configuration?.name ?? "")", code: "cost_unknown")
            }
            if worstCase > limit {
                throw GatewayError.paymentRequired(
                    String(format: "This call could cost up to $%.6f, over the cost limit per call of $%.4f of configuration %@ (lower max_tokens or shorten the messages)",
                           worstCase, limit, configuration?.name ?? ""), code: "cost_limit_exceeded")
            }
        }
        let period = WindowCounter.month(of: clients.clock.now())
        var reservation = Reservation(period: period)
        let budgets = try await self.budgets(tenant: tenant, apiKey: apiKey)
        guard !budgets.isEmpty else { return reservation }
        guard let worstCase else {
            throw GatewayError.paymentRequired("\(model) has no price, so its cost cannot be held against the monthly budget", code: "cost_unknown")
        }
        let amount = Self.micro(worstCase)
        for budget in budgets {
            guard try await counter.reserve(budget.key, amount: amount, limit: budget.limit, period: period) != nil else {
                try await release(reservation)
                let spent = Double(try await counter.total(budget.key, period: period)) / 1_000_000
                throw GatewayError.paymentRequired(
                    String(format: "The %@ monthly budget of $%.2f would be passed: $%.4f is spent or held, this call could cost up to $%.6f",
                           budget.owner, Double(budget.limit) / 1_000_000, spent, worstCase), code: "budget_exceeded")
            }
            reservation.holds.append((budget.key, amount))
        }
        return reservation
    }

    /// Replaces the held worst case with what the call cost (nil or 0 when it failed before costing).
    public func settle(_ reservation: Reservation, cost: Double?) async throws {
        let actual = Self.micro(cost ?? 0)
        for hold in reservation.holds {
            try await counter.adjust(hold.key, by: actual - hold.amount, period: reservation.period)
        }
    }

    func release(_ reservation: Reservation) async throws { try await settle(reservation, cost: 0) }

    static func micro(_ usd: Double) -> Int { Int((usd * 1_000_000).rounded()) }

    private func budgets(tenant: UUID, apiKey: UUID?) async throws -> [(key: String, limit: Int, owner: String)] {
        var sql = SQLText(store.engine, "SELECT (SELECT value FROM system_settings WHERE tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        sql.append(" AND key = ")
        sql.bind(.string(Self.tenantBudgetSetting), as: .varchar(255))
        sql.append(") AS tenant_budget, (SELECT monthly_budget_usd FROM api_keys WHERE id = ")
        sql.bind(apiKey.map(DBValue.uuid) ?? .null, as: .uuid)
        sql.append(") AS key_budget")
        guard let row = try await store.rows(sql).first else { return [] }
        let read = RowReader(row: row, engine: store.engine)
        var budgets: [(String, Int, String)] = []
        if let text = try read.text("tenant_budget"), let usd = Double(text.trimmingCharacters(in: .whitespaces)), usd >= 0 {
            budgets.append(("gateway.budget.tenant:" + tenant.uuidString.lowercased(), Self.micro(usd), "tenant's"))
        }
        if let apiKey, let usd = try read.double("key_budget") {
            budgets.append(("gateway.budget.key:" + apiKey.uuidString.lowercased(), Self.micro(usd), "API key's"))
        }
        return budgets
    }
}
