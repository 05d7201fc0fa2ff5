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
        let id = configuration.id.lowercaseText
        var takes: [(key: String, limit: Int, window: TimeInterval)] = []
        if let perMinute = configuration.maxCallsPerMinute { takes.append(("gateway.minute:" + id, perMinute, 60)) }
        if let perDay = configuration.maxCallsPerDay { takes.append(("gateway.day:" + id, perDay, 86_400)) }
        guard let (key, refused) = try await counter.takeAll(takes) else { return }
        let perDay = key.hasPrefix("gateway.day:")
        let limit = (perDay ? configuration.maxCallsPerDay : configuration.maxCallsPerMinute) ?? 0
        throw GatewayError.rateLimited("Configuration \(configuration.name) allows \(limit) calls per \(perDay ? "day" : "minute"); retry in \(Self.seconds(refused.retryAfter)) s",
                                       retryAfter: Self.seconds(refused.retryAfter))
    }

    static func seconds(_ interval: TimeInterval) -> Int { max(1, Int(interval.rounded(.up))) }

    /// A call's hold on the budgets, in millionths of a dollar.
    public struct Reservation: Sendable {
        public var holds: [(key: String, amount: Int)] = []
        let period: DateInterval

        /// Nothing held.
        static let none = Reservation(period: DateInterval(start: Date(timeIntervalSince1970: 0), duration: 0))
    }

    /// Refuses a call whose worst case passes the configuration's cost limit, then holds the worst case
    /// against the tenant's and the key's monthly budgets.
    public func reserve(worstCase: Double?, configuration: GatewayConfiguration?, tenant: UUID, apiKey: UUID?, model: String,
                        tenantBudget: Double?, keyBudget: Double?) async throws -> Reservation {
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
        var budgets: [(key: String, limit: Int, owner: String)] = []
        if let usd = tenantBudget { budgets.append(("gateway.budget.tenant:" + tenant.lowercaseText, Self.micro(usd), "tenant's")) }
        if let apiKey, let usd = keyBudget { budgets.append(("gateway.budget.key:" + apiKey.lowercaseText, Self.micro(usd), "API key's")) }
        guard !budgets.isEmpty else { return .none }
        let period = WindowCounter.month(of: clients.clock.now())
        var reservation = Reservation(period: period)
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
}
