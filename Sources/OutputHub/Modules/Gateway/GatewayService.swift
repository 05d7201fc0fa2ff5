import Foundation

/// Who calls the gateway: the API key's tenant, user and key.
public struct GatewayCaller: Sendable {
    public let tenant: UUID
    public let user: UUID?
    public let apiKey: UUID?

    public init(tenant: UUID, user: UUID?, apiKey: UUID?) {
        self.tenant = tenant
        self.user = user
        self.apiKey = apiKey
    }
}

/// What the caller said about the task (headers `X-Output-Hub-Task-Category`, `-Priority`, `-Complexity`).
public struct TaskLabels: Sendable {
    public var category: String?
    public var priority: String?
    public var complexity: String?

    public init(category: String? = nil, priority: String? = nil, complexity: String? = nil) {
        self.category = category
        self.priority = priority
        self.complexity = complexity
    }
}

/// The OpenAI-compatible gateway's work for one call: route the request to a model, hold it to the limits
/// and budgets, send it with retries and the configuration's fallback, cost it with the price valid at the
/// time, and log it (every call, refused ones included) through the write-behind `GenerationLog`.
public struct GatewayService: Sendable {
    public static let maxRetries = 2

    let store: Store
    let clients: HubClients
    let log: GenerationLog

    public init(store: Store, clients: HubClients, log: GenerationLog) {
        self.store = store
        self.clients = clients
        self.log = log
    }

    /// A chat call admitted past routing, limits and budgets, ready to send.
    public struct Admitted: Sendable {
        /// The `model` the caller asked for, and the request as it came.
        public let requestedModel: String
        public let requestBody: [String: JSONValue]
        /// The chat request (nil for embeddings), to rebuild the call for a fallback.
        public let chat: ChatRequest?
        public var target: GatewayTarget
        public var call: ChatCall
        public var reservation: GatewayLimits.Reservation
        public let caller: GatewayCaller
        public let labels: TaskLabels
        public let conversation: UUID?
        public let started: Date
        public var fallbackFrom: String?
        /// The `ai_logs` row the call will be (`X-Output-Hub-Log-Id`).
        public let logID: UUID
    }

    // MARK: Admission

    public func admitChat(_ bytes: [UInt8], caller: GatewayCaller, labels: TaskLabels, conversation: UUID?) async throws -> Admitted {
        let started = clients.clock.now()
        let request: ChatRequest
        do {
            request = try ChatRequest(json: bytes)
        } catch let error as GatewayError {
            let requested = JSONValue.parse(bytes)?["model"]?.stringValue ?? "(none)"
            await log.append(refusal(error, requested: requested, requestBody: JSONValue.parse(bytes), caller: caller, labels: labels, started: started))
            throw error
        }
        do {
            let selection = ModelResolver.Selection(user: caller.user, priority: labels.priority.flatMap(ModelRecommender.Priority.init(rawValue:)),
                                                    complexity: labels.complexity)
            var target = try await ModelResolver(store: store, clients: clients, apiKey: caller.apiKey)
                .resolve(request.model, tenant: caller.tenant, selection: selection)
            if target.categoryKey == nil { target.categoryKey = labels.category }
            try await checkLabels(labels)
            if let conversation { try await checkConversation(conversation, tenant: caller.tenant) }
            let call = Self.bounded(request.call(for: target), for: target)
            let reservation = try await hold(call, target: target, caller: caller)
            return Admitted(requestedModel: request.model, requestBody: request.body, chat: request, target: target, call: call, reservation: reservation, caller: caller,
                            labels: labels, conversation: conversation, started: started, logID: clients.ids.next())
        } catch let error as GatewayError {
            await log.append(refusal(error, requested: request.model, requestBody: .object(request.body), caller: caller, labels: labels, started: started))
            throw error
        }
    }

    /// Takes the configuration's call limits, then refuses what could pass the cost limit and holds the
    /// worst case against the budgets.
    /// The cost limit first (no I/O), then the budgets, then the call limits; a refused call gives back what it held.
    private func hold(_ call: ChatCall, target: GatewayTarget, caller: GatewayCaller) async throws -> GatewayLimits.Reservation {
        let limits = GatewayLimits(store: store, clients: clients)
        let choices = max(1, call.body["n"]?.intValue ?? 1)
        let worstCase = target.price?.worstCase(inputTokens: ChatRequest.inputTokens(call), maxOutput: call.maxOutputTokens * choices)
        let reservation = try await limits.reserve(worstCase: worstCase, configuration: target.configuration, tenant: caller.tenant,
                                                   apiKey: caller.apiKey, model: target.model.modelID,
                                                   tenantBudget: target.tenantBudget, keyBudget: target.keyBudget)
        if let configuration = target.configuration {
            do {
                try await limits.takeCall(configuration)
            } catch {
                try? await limits.settle(reservation, cost: 0)
                throw error
            }
        }
        return reservation
    }

    /// With a cost limit or a budget, the output the worst case counted is also what the provider may produce.
    static func bounded(_ call: ChatCall, for target: GatewayTarget) -> ChatCall {
        guard target.configuration?.costLimitPerCall != nil || target.tenantBudget != nil || target.keyBudget != nil,
              call.body["max_tokens"] == nil, call.body["max_completion_tokens"] == nil else { return call }
        var bounded = call
        let field = ["openai", "azure_openai"].contains(target.model.providerCode) ? "max_completion_tokens" : "max_tokens"
        bounded.body[field] = .number(Double(call.maxOutputTokens))
        return bounded
    }

    private func checkLabels(_ labels: TaskLabels) async throws {
        if let priority = labels.priority, !ModelCatalogTables.priorities.contains(priority) {
            throw GatewayError.invalid("X-Output-Hub-Task-Priority must be one of \(ModelCatalogTables.priorities.joined(separator: ", "))", param: "X-Output-Hub-Task-Priority")
        }
        if let complexity = labels.complexity, !ModelCatalogTables.complexities.contains(complexity) {
            throw GatewayError.invalid("X-Output-Hub-Task-Complexity must be one of \(ModelCatalogTables.complexities.joined(separator: ", "))", param: "X-Output-Hub-Task-Complexity")
        }
        if let category = labels.category {
            var sql = SQLText(store.engine, "SELECT 1 AS found FROM ai_task_categories WHERE category_key = ")
            sql.bind(.string(category), as: .varchar(100))
            guard try await !store.rows(sql).isEmpty else {
                throw GatewayError.invalid("There is no task category \(category)", param: "X-Output-Hub-Task-Category")
            }
        }
    }

    private func checkConversation(_ id: UUID, tenant: UUID) async throws {
        var sql = SQLText(store.engine, "SELECT 1 AS found FROM conversations WHERE id = ")
        sql.bind(.uuid(id), as: .uuid)
        sql.append(" AND tenant_id = ")
        sql.bind(.uuid(tenant), as: .uuid)
        guard try await !store.rows(sql).isEmpty else {
            throw GatewayError(status: 404, "There is no conversation \(id.lowercaseText) in this tenant (X-Output-Hub-Conversation)",
                               type: "invalid_request_error", code: "conversation_not_found", param: "X-Output-Hub-Conversation", logStatus: "refused")
        }
    }

    // MARK: Non-streamed calls

    /// Sends the call (retries, then the fallback chain), costs, settles and logs it; the answer is OpenAI's shape.
    public func complete(_ admitted: Admitted) async throws -> ChatResult {
        var admitted = admitted
        var retries = 0
        do {
            let (response, adapter) = try await sendWithFallback(&admitted, retries: &retries) { adapter, target, call, key in
                try await clients.http.send(try adapter.chatRequest(call, target: target, key: key))
            }
            var result = try adapter.chatResult(response.body, created: Int(admitted.started.timeIntervalSince1970))
            result.summary = await finish(admitted, status: "success", error: nil, usage: result.usage, text: result.text, retries: retries, firstToken: nil)
            return result
        } catch {
            let error = GatewayError.from(error)
            await finish(admitted, status: error.logStatus, error: error.message, usage: nil, text: nil, retries: retries, firstToken: nil)
            throw error
        }
    }

    // MARK: Streamed calls

    /// An upstream stream that answered 200, to be relayed with `relay`.
    public struct OpenedStream: Sendable {
        public var admitted: Admitted
        let upstream: OutboundStream
        let adapter: any ProviderAdapter
        let retries: Int
    }

    /// Opens the provider's stream (retrying and falling back while nothing has been sent to the client).
    public func openStream(_ admitted: Admitted) async throws -> OpenedStream {
        var admitted = admitted
        var retries = 0
        do {
            let (opened, adapter) = try await sendWithFallback(&admitted, retries: &retries) { adapter, target, call, key -> OutboundStream in
                let stream = try await clients.http.stream(try adapter.chatRequest(call, target: target, key: key))
                guard stream.status == 200 else {
                    // An error answer is read whole, to say why and decide on a retry.
                    var body: [UInt8] = []
                    for try await part in stream.body where body.count < 1 << 20 { body += part }
                    throw UpstreamAnswer(status: stream.status, headers: stream.headers, body: body)
                }
                return stream
            }
            return OpenedStream(admitted: admitted, upstream: opened, adapter: adapter, retries: retries)
        } catch {
            let error = GatewayError.from(error)
            await finish(admitted, status: error.logStatus, error: error.message, usage: nil, text: nil, retries: retries, firstToken: nil)
            throw error
        }
    }

    /// Passes the stream to the client through `write`, in OpenAI's chunk shape, then costs and logs the call.
    /// A client that goes away ends the upstream call (logged `cancelled`).
    @discardableResult
    public func relay(_ opened: OpenedStream, write: ([UInt8]) async throws -> Void) async -> CallSummary {
        let admitted = opened.admitted
        await log.streamStarted()
        let relay = opened.adapter.streamRelay(clientWantsUsage: admitted.call.clientWantsUsage, model: admitted.target.model.modelID,
                         created: Int(admitted.started.timeIntervalSince1970))
        var firstToken: Date?
        var status = "success", failure: String?
        do {
            for try await part in opened.upstream.body {
                let out = try relay.feed(part)
                if firstToken == nil && relay.sawContent { firstToken = clients.clock.now() }
                if !out.isEmpty {
                    do { try await write(out) } catch { status = "cancelled"; failure = "the client went away"; break }
                }
            }
            if status == "success" {
                let rest = relay.finish()
                if !rest.isEmpty { try? await write(rest) }
            }
        } catch {
            let outbound = OutboundError.from(error)
            status = outbound.isTimeout ? "timeout" : "error"
            failure = "the provider's stream broke off: \(outbound)"
            let event = GatewayError(status: 502, failure ?? "", type: "api_error", code: "upstream_stream_failed")
            try? await write(sseEvent(String(decoding: event.body, as: UTF8.self)) + sseEvent("[DONE]"))
        }
        if let streamError = relay.streamError, status == "success" {
            status = "error"
            failure = streamError
        }
        var usage = relay.usage
        var estimated = false
        if !relay.usageComplete {
            // The provider never gave the final count (a broken or cancelled stream): count what was sent and received.
            usage.input = max(usage.input, ChatRequest.inputTokens(admitted.call))
            usage.output = max(usage.output, TokenEstimate.tokens(in: relay.text))
            estimated = true
        }
        let summary = await finish(admitted, status: status, error: failure, usage: usage, text: relay.text, retries: opened.retries,
                                   firstToken: firstToken, usageEstimated: estimated)
        await log.streamEnded()
        return summary
    }

    /// How a call went, as logged.
    public struct CallSummary: Sendable {
        public let logID: UUID
        public let status: String
        public let usage: TokenUsage
        public let cost: Double?
        public let latencyMS: Int
        public let timeToFirstTokenMS: Int?
    }

    // MARK: Embeddings

    /// Sends an embeddings request; answers the provider's body and the log row's id.
    public func embeddings(_ bytes: [UInt8], caller: GatewayCaller) async throws -> (body: [UInt8], logID: UUID) {
        let started = clients.clock.now()
        guard let body = JSONValue.parse(bytes)?.objectValue else {
            let error = GatewayError.invalid("The request body must be a JSON object (OpenAI's embeddings request)")
            await log.append(refusal(error, requested: "(none)", requestBody: nil, caller: caller, labels: TaskLabels(), started: started))
            throw error
        }
        let requested = body["model"]?.stringValue ?? ""
        var retries = 0
        var admitted: Admitted?
        do {
            guard !requested.isEmpty else { throw GatewayError.invalid("model is required", param: "model") }
            guard let input = body["input"], input.stringValue != nil || input.arrayValue?.isEmpty == false else {
                throw GatewayError.invalid("input must be a string or a non-empty array", param: "input")
            }
            let target = try await ModelResolver(store: store, clients: clients, apiKey: caller.apiKey).resolve(requested, tenant: caller.tenant)
            let inputTokens = TokenEstimate.tokens(in: String(decoding: input.jsonBytes, as: UTF8.self))
            let call = ChatCall(body: body, stream: false, clientWantsUsage: false, maxOutputTokens: 0)
            let limits = GatewayLimits(store: store, clients: clients)
            if let configuration = target.configuration { try await limits.takeCall(configuration) }
            let price = target.price
            let reservation = try await limits.reserve(worstCase: price?.worstCase(inputTokens: inputTokens, maxOutput: 0),
                                                       configuration: target.configuration, tenant: caller.tenant, apiKey: caller.apiKey,
                                                       model: target.model.modelID, tenantBudget: target.tenantBudget, keyBudget: target.keyBudget)
            admitted = Admitted(requestedModel: requested, requestBody: body, chat: nil, target: target, call: call, reservation: reservation, caller: caller,
                                labels: TaskLabels(), conversation: nil, started: started, logID: clients.ids.next())
        } catch let error as GatewayError {
            await log.append(refusal(error, requested: requested.isEmpty ? "(none)" : requested, requestBody: .object(body), caller: caller,
                                     labels: TaskLabels(), started: started))
            throw error
        }
        guard var admitted else { throw GatewayError.invalid("model is required", param: "model") }
        do {
            let (response, _) = try await sendWithFallback(&admitted, retries: &retries) { adapter, target, call, key in
                try await clients.http.send(try adapter.embeddingsRequest(call.body, target: target, key: key))
            }
            let answer = JSONValue.parse(response.body)
            let usage = TokenUsage(input: answer?["usage"]?["prompt_tokens"]?.intValue ?? 0)
            await finish(admitted, status: "success", error: nil, usage: usage, text: nil, retries: retries, firstToken: nil)
            return (response.body, admitted.logID)
        } catch {
            let error = GatewayError.from(error)
            await finish(admitted, status: error.logStatus, error: error.message, usage: nil, text: nil, retries: retries, firstToken: nil)
            throw error
        }
    }

    // MARK: Sending

    /// An upstream answer other than success, carried to the retry decision.
    struct UpstreamAnswer: Error {
        let status: Int
        let headers: [(String, String)]
        let body: [UInt8]
    }

    /// Sends with `send` to the admitted target, retrying 429, 5xx and connection failures up to
    /// `maxRetries` times with backoff and jitter; when that still fails (or times out), moves to the
    /// configuration's fallback (its limits and budget hold taken anew) and tries again. Non-retryable
    /// answers (4xx) end at once.
    private func sendWithFallback<Answer: Sendable>(
        _ admitted: inout Admitted, retries: inout Int,
        _ send: (any ProviderAdapter, GatewayTarget, ChatCall, String?) async throws -> Answer
    ) async throws -> (Answer, any ProviderAdapter) where Answer: SendableAnswer {
        var visited: Set<UUID> = []
        while true {
            let adapter = ProviderAdapters.adapter(style: admitted.target.model.apiStyle)
            let failure: GatewayError
            do {
                return (try await sendWithRetries(adapter, admitted, retries: &retries, send), adapter)
            } catch let error as GatewayError {
                failure = error
            }
            let fallbackWorthy = failure.status == 429 || failure.status >= 500
            guard fallbackWorthy, let configuration = admitted.target.configuration, let fallbackID = configuration.fallbackID,
                  visited.count < 3, !visited.contains(fallbackID), fallbackID != configuration.id
            else { throw failure }
            visited.insert(configuration.id)
            guard var next = try await ModelResolver(store: store, clients: clients, apiKey: admitted.caller.apiKey)
                .configuration(id: fallbackID, tenant: admitted.caller.tenant) else {
                throw failure
            }
            next.selectedBy = "fallback"
            next.categoryKey = admitted.target.categoryKey
            try await GatewayLimits(store: store, clients: clients).settle(admitted.reservation, cost: 0)
            admitted.reservation = .none
            let call = admitted.chat.map { Self.bounded($0.call(for: next), for: next) } ?? admitted.call
            // A fallback its own limits or budget refuse leaves the caller with the first failure.
            guard let reservation = try? await hold(call, target: next, caller: admitted.caller) else { throw failure }
            admitted.fallbackFrom = (admitted.fallbackFrom.map { $0 + ", " } ?? "") + "\(configuration.name): \(failure.message)"
            admitted.target = next
            admitted.call = call
            admitted.reservation = reservation
        }
    }

    private func sendWithRetries<Answer: Sendable>(
        _ adapter: any ProviderAdapter, _ admitted: Admitted, retries: inout Int,
        _ send: (any ProviderAdapter, GatewayTarget, ChatCall, String?) async throws -> Answer
    ) async throws -> Answer where Answer: SendableAnswer {
        let target = admitted.target
        if let base = target.baseURL, let problem = BaseURLRule.problem(base) {
            throw GatewayError(status: 502, "The base URL of \(target.configuration?.name ?? target.model.providerCode) \(problem)",
                               type: "api_error", code: "provider_not_configured")
        }
        let key = try providerKey(target)
        var attempt = 0
        while true {
            var retryable = false
            let failure: GatewayError
            do {
                let answer = try await send(adapter, target, admitted.call, key)
                if let status = answer.upstreamStatus, status != 200 {
                    throw UpstreamAnswer(status: status, headers: answer.upstreamHeaders, body: answer.upstreamBody)
                }
                return answer
            } catch let answer as UpstreamAnswer {
                retryable = answer.status == 429 || answer.status >= 500
                failure = upstreamError(answer, adapter: adapter, target: target, key: key)
            } catch let error as OutboundError {
                if case .timeout = error {
                    throw GatewayError(status: 504, "\(target.model.modelID) did not answer within \(Int(target.timeout)) s",
                                       type: "timeout", code: "upstream_timeout", logStatus: "timeout")
                }
                retryable = true
                failure = GatewayError(status: 502, "Could not reach \(target.model.providerCode): \(Self.redact(error.description, key))",
                                       type: "api_error", code: "upstream_unreachable")
            }
            guard retryable, attempt < Self.maxRetries else { throw failure }
            attempt += 1
            retries += 1
            // Exponential backoff with full jitter: about 0.25 s, then 0.5 s.
            try? await clients.clock.sleep(seconds: 0.25 * pow(2, Double(attempt - 1)) * (0.5 + clients.random.unit()))
        }
    }

    /// The provider key: the configuration's own wins over the environment variable the provider names. The
    /// server's environment key goes only to the provider's own base URL, never to one a tenant set.
    private func providerKey(_ target: GatewayTarget) throws -> String? {
        if let sealed = target.configuration?.sealedKey, !sealed.isEmpty {
            guard let secrets = store.secrets else { return sealed }
            do { return try secrets.open(sealed) } catch {
                throw GatewayError(status: 502, "The API key of configuration \(target.configuration?.name ?? "") cannot be opened with this server's master key",
                                   type: "api_error", code: "provider_key_unreadable")
            }
        }
        if let own = target.configuration?.baseURL, own != target.model.providerBaseURL { return nil }
        for variable in target.model.keyVariables {
            if let value = clients.environment(variable), !value.isEmpty { return value }
        }
        return nil
    }

    /// The provider's refusal as the caller sees it: its status where that means the same to the caller
    /// (400, 404, 413, 422, 429, 5xx), 502 when the provider refused our key (the caller's key was fine).
    private func upstreamError(_ answer: UpstreamAnswer, adapter: any ProviderAdapter, target: GatewayTarget, key: String?) -> GatewayError {
        let detail = Self.redact(adapter.errorMessage(answer.body) ?? String(decoding: answer.body.prefix(500), as: UTF8.self), key)
        let who = target.configuration.map { "configuration \($0.name)" } ?? "provider \(target.model.providerCode)"
        switch answer.status {
        case 401, 403:
            return GatewayError(status: 502, "The provider refused the key of \(who): \(detail)", type: "api_error", code: "upstream_auth_failed")
        case 429:
            let wait = answer.headers.first { $0.0.lowercased() == "retry-after" }.flatMap { Int($0.1.trimmingCharacters(in: .whitespaces)) }
            return GatewayError(status: 429, "The provider is rate limiting \(who): \(detail)", type: "rate_limit_error", code: "upstream_rate_limited",
                                retryAfter: wait ?? 1)
        case 400..<500:
            return GatewayError(status: answer.status, detail, type: "invalid_request_error", code: "upstream_rejected")
        default:
            return GatewayError(status: answer.status >= 500 && answer.status < 600 ? answer.status : 502,
                                "The provider failed (\(answer.status)): \(detail)", type: "api_error", code: "upstream_error")
        }
    }

    static func redact(_ text: String, _ key: String?) -> String {
        guard let key, key.count >= 4 else { return text }
        return text.replacingOccurrences(of: key, with: "[redacted]")
    }

    // MARK: Logging

    /// Costs the call, settles its budget hold and logs it.
    @discardableResult
    private func finish(_ admitted: Admitted, status: String, error: String?, usage: TokenUsage?, text: String?, retries: Int,
                        firstToken: Date?, usageEstimated: Bool = false) async -> CallSummary {
        let now = clients.clock.now()
        let usage = usage ?? TokenUsage()
        let cost = usage.total == 0 && status != "success" ? 0 : admitted.target.price?.cost(of: usage)
        let latency = max(0, Int((now.timeIntervalSince(admitted.started) * 1000).rounded()))
        var metadata: [String: JSONValue] = [:]
        if let from = admitted.fallbackFrom { metadata["fallback_from"] = .string(from) }
        if usageEstimated { metadata["usage"] = "estimated" }
        if let explanation = admitted.target.explanation { metadata["selection"] = explanation }
        var row = baseRow(caller: admitted.caller, labels: admitted.labels, requested: admitted.requestedModel,
                          requestBody: .object(admitted.requestBody), started: admitted.started)
        row["id"] = .uuid(admitted.logID)
        row["model_id"] = .uuid(admitted.target.model.id)
        row["model_configuration_id"] = admitted.target.configuration.map { .uuid($0.id) } ?? .null
        row["provider"] = .string(String(admitted.target.model.providerCode.prefix(50)))
        row["response"] = text.map(DBValue.string) ?? .null
        row["input_tokens"] = .int(usage.input)
        row["output_tokens"] = .int(usage.output)
        row["total_tokens"] = .int(usage.total)
        row["cached_input_tokens"] = .int(usage.cachedInput)
        row["cache_write_tokens"] = .int(usage.cacheWrite)
        row["reasoning_tokens"] = .int(usage.reasoning)
        row["cost_usd"] = cost.map(DBValue.double) ?? .null
        row["price_id"] = cost != nil ? admitted.target.price.map { .uuid($0.id) } ?? .null : .null
        row["latency_ms"] = .int(latency)
        let firstTokenMS = firstToken.map { max(0, Int(($0.timeIntervalSince(admitted.started) * 1000).rounded())) }
        row["time_to_first_token_ms"] = firstTokenMS.map(DBValue.int) ?? .null
        row["retries"] = .int(retries)
        row["status"] = .string(status)
        row["error_message"] = error.map(DBValue.string) ?? .null
        row["category_key"] = admitted.target.categoryKey.map(DBValue.string) ?? .null
        row["selected_by"] = .string(admitted.target.selectedBy)
        row["confidence_score"] = admitted.target.confidence.map { .double(($0 * 100).rounded() / 100) } ?? .null
        row["metadata"] = .json(String(decoding: JSONValue.object(metadata).jsonBytes, as: UTF8.self))
        var turn: ConversationTurn?
        if let conversation = admitted.conversation, status == "success" {
            let userText = (admitted.requestBody["messages"]?.arrayValue ?? []).last { $0["role"]?.stringValue == "user" }
            turn = ConversationTurn(conversationID: conversation, userText: messageText(userText?["content"]), answerText: text ?? "",
                                    model: admitted.target.model.modelID, modelID: admitted.target.model.id,
                                    tokenUsage: .object(["input": .number(Double(usage.input)), "output": .number(Double(usage.output))]),
                                    latencyMS: latency)
        }
        await log.append(GenerationRecord(row: row, configurationID: admitted.target.configuration?.id, cost: cost, conversation: turn))
        do {
            try await GatewayLimits(store: store, clients: clients).settle(admitted.reservation, cost: cost ?? 0)
        } catch {
            // The hold stays at the worst case: the budget errs on the safe side.
            await log.reportFailure("a budget hold of call \(admitted.logID) could not be settled: \(error)")
        }
        return CallSummary(logID: admitted.logID, status: status, usage: usage, cost: cost, latencyMS: latency, timeToFirstTokenMS: firstTokenMS)
    }

    /// A call stopped before any provider was asked.
    private func refusal(_ error: GatewayError, requested: String, requestBody: JSONValue?, caller: GatewayCaller, labels: TaskLabels,
                         started: Date) -> GenerationRecord {
        var row = baseRow(caller: caller, labels: labels, requested: requested, requestBody: requestBody, started: started)
        row["status"] = .string("refused")
        row["error_message"] = .string(error.message)
        row["selected_by"] = .string(requested.hasPrefix("auto") ? "auto" : "user_override")
        return GenerationRecord(row: row, configurationID: nil, cost: nil, conversation: nil)
    }

    /// The columns every log row has.
    private func baseRow(caller: GatewayCaller, labels: TaskLabels, requested: String?, requestBody: JSONValue?, started: Date) -> DBRow {
        [
            "id": .uuid(clients.ids.next()), "tenant_id": .uuid(caller.tenant),
            "user_id": caller.user.map(DBValue.uuid) ?? .null, "api_key_id": caller.apiKey.map(DBValue.uuid) ?? .null,
            "model_id": .null, "model_configuration_id": .null, "provider": .null,
            "model_name": .string(String((requested ?? "(none)").prefix(255))),
            "request": requestBody.map { .json(String(decoding: $0.jsonBytes, as: UTF8.self)) } ?? .null,
            "response": .null, "input_tokens": .int(0), "output_tokens": .int(0), "total_tokens": .int(0),
            "cached_input_tokens": .int(0), "cache_write_tokens": .int(0), "reasoning_tokens": .int(0),
            "cost_usd": .null, "price_id": .null, "latency_ms": .int(0), "time_to_first_token_ms": .null, "retries": .int(0),
            "status": .string("refused"), "error_message": .null,
            "category_key": labels.category.map(DBValue.string) ?? .null,
            "task_priority": labels.priority.map(DBValue.string) ?? .null,
            "task_complexity": labels.complexity.map(DBValue.string) ?? .null,
            "selected_by": .string("user_override"), "confidence_score": .null,
            "metadata": .json("{}"), "created_at": .date(started),
        ]
    }

}

/// What the sending loop needs to know of an answer: non-stream answers carry their status and body;
/// an opened stream was already checked.
protocol SendableAnswer {
    var upstreamStatus: Int? { get }
    var upstreamHeaders: [(String, String)] { get }
    var upstreamBody: [UInt8] { get }
}

extension OutboundResponse: SendableAnswer {
    var upstreamStatus: Int? { status }
    var upstreamHeaders: [(String, String)] { headers }
    var upstreamBody: [UInt8] { body }
}

extension OutboundStream: SendableAnswer {
    var upstreamStatus: Int? { nil }
    var upstreamHeaders: [(String, String)] { headers }
    var upstreamBody: [UInt8] { [] }
}

extension OutboundError {
    var isTimeout: Bool { if case .timeout = self { return true } else { return false } }
}
