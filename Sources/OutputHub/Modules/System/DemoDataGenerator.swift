import Foundation

/// `outputhub generate --scale N`: fills a tenant with realistic, deterministic data across the tables —
/// prompts with versions, agents, suites with steps, conversations with messages, outputs, knowledge
/// sources with chunks, generation logs and feedback. The same scale always gives the same rows.
public struct DemoDataGenerator: Sendable {
    public struct Plan: Sendable {
        public let scale: Int
        var prompts: Int { scale }
        var versionsPerPrompt: Int { 2 }
        var agents: Int { max(1, scale / 100) }
        var suites: Int { max(1, scale / 100) }
        var stepsPerSuite: Int { 5 }
        var conversations: Int { max(1, scale / 10) }
        var messagesPerConversation: Int { 6 }
        var outputs: Int { scale }
        var sources: Int { max(1, scale / 100) }
        var chunksPerSource: Int { 8 }
        var logs: Int { max(1, scale / 2) }
        var feedback: Int { max(1, scale / 10) }

        /// Rows the plan writes, for progress.
        var totalRows: Int {
            prompts * (1 + versionsPerPrompt) + agents + suites * (1 + stepsPerSuite) + conversations * (1 + messagesPerConversation)
                + outputs + sources * (1 + chunksPerSource) + logs + feedback
        }
    }

    let store: Store
    let progress: @Sendable (_ done: Int, _ total: Int, _ step: String) -> Void

    public init(store: Store, progress: @escaping @Sendable (Int, Int, String) -> Void = { _, _, _ in }) {
        self.store = store
        self.progress = progress
    }

    /// Generates into the tenant (which must hold no prompts yet); returns rows written per table.
    public func generate(scale: Int, tenantID: UUID, userID: UUID) async throws -> [(String, Int)] {
        guard scale >= 1 else { throw IdentityError("--scale must be at least 1") }
        let prompts = PromptLibraryTables.prompts
        guard try await store.select(prompts, where: ["tenant_id": .uuid(tenantID)], limit: 1).isEmpty else {
            throw IdentityError("the tenant already has prompts; generate into a new tenant")
        }
        let plan = Plan(scale: scale)
        var writer = BatchWriter(store: store, tenant: .uuid(tenantID), user: .uuid(userID), plan: plan, progress: progress)
        try await writer.run()
        return writer.counts
    }
}

/// Writes the plan table by table in batches, each batch in its own transaction.
private struct BatchWriter {
    let store: Store
    let tenant: DBValue
    let user: DBValue
    let plan: DemoDataGenerator.Plan
    let progress: @Sendable (Int, Int, String) -> Void
    /// Content comes from a fixed seed, so every run writes the same text; ids come from the tenant, so
    /// two tenants can hold generated data side by side.
    var random = SplitMix64(seed: 0x0_0751_2026)
    lazy var idRandom = SplitMix64(seed: tenant.uuidValue.map { id in
        withUnsafeBytes(of: id.uuid) { $0.reduce(UInt64(0)) { ($0 &* 31) &+ UInt64($1) } }
    } ?? 1)
    var counts: [(String, Int)] = []
    var done = 0
    /// The generator's fixed "now", so the data does not depend on when it is made.
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    mutating func run() async throws {
        // Locals, so the row closures do not reach into `self` while `rows` changes it.
        let plan = self.plan, user = self.user
        let models = try await store.select(ModelCatalogTables.llmModels, limit: 50).compactMap { $0["id"] }
        // Generations are of a model in a task category it is mapped to (seed 002's mappings), and a vote is
        // on its generation's model and category: `task(i)` is generation i's pair.
        let mapped: [(model: DBValue, category: DBValue)] = try await store.select(ModelCatalogTables.aiModelTaskMappings).compactMap { row in
            guard let model = row["model_id"], let category = row["category_key"] else { return nil }
            return (model, category)
        }.sorted { ($0.category.stringValue ?? "", $0.model.stringValue ?? "") < ($1.category.stringValue ?? "", $1.model.stringValue ?? "") }
        func task(_ i: Int) -> (model: DBValue, category: DBValue) {
            mapped.isEmpty ? (models.isEmpty ? .null : models[i % models.count], .null) : mapped[(i &* 7919) % mapped.count]
        }
        let categories = try await rows(OrganisingTables.categories, count: 12) { i, r in
            ["name": .string(Words.topics[i % Words.topics.count].capitalized), "slug": .string("c\(i)-" + Words.topics[i % Words.topics.count])]
        }
        let promptIDs = try await rows(PromptLibraryTables.prompts, count: plan.prompts) { i, r in
            let topic = r.pick(Words.topics), verb = r.pick(Words.verbs)
            return [
                "name": .string("\(verb.capitalized) \(topic) #\(i + 1)"), "code": .string("P\(i + 1)"),
                "description": .string("\(verb.capitalized) a \(topic) for the \(r.pick(Words.audiences))."),
                "content": .string(Words.prompt(&r, verb: verb, topic: topic)),
                "variables": .json(Words.promptVariables(topic: topic)),
                "role": .string(i % 7 == 0 ? "system" : "user"), "category_id": r.pick(categories),
                "visibility": .string(["private", "tenant", "public"][i % 3]),
                "approval_status": .string(["pending", "approved", "approved", "rejected"][i % 4]),
                "created_by": user, "created_at": .date(Self.day(i, of: plan.prompts)),
                "updated_at": .date(Self.day(i, of: plan.prompts)), "current_version": .string(String(plan.versionsPerPrompt)),
            ]
        }
        _ = try await rows(PromptLibraryTables.promptVersions, count: plan.prompts * plan.versionsPerPrompt) { i, r in
            let prompt = i / plan.versionsPerPrompt, version = i % plan.versionsPerPrompt
            return [
                "prompt_id": promptIDs[prompt], "version": .string(String(version + 1)), "is_current": .bool(version == plan.versionsPerPrompt - 1),
                "content": .string(Words.prompt(&r, verb: r.pick(Words.verbs), topic: r.pick(Words.topics))), "role": .string("user"),
                "change_summary": .string(version == 0 ? "First version" : "Tightened the instructions"), "changed_by": user,
            ]
        }
        // A prompt's row holds what its current version holds.
        let versions = quote(PromptLibraryTables.promptVersions.name), prompts = quote(PromptLibraryTables.prompts.name)
        var current = SQLText(store.engine, """
            UPDATE \(versions) SET "content" = (SELECT "content" FROM \(prompts) p WHERE p."id" = \(versions)."prompt_id"),
              "role" = (SELECT "role" FROM \(prompts) p WHERE p."id" = \(versions)."prompt_id"),
              "variables" = (SELECT "variables" FROM \(prompts) p WHERE p."id" = \(versions)."prompt_id"),
              "approval_status" = (SELECT "approval_status" FROM \(prompts) p WHERE p."id" = \(versions)."prompt_id")
            WHERE "is_current" =\u{20}
            """)
        current.bind(.bool(true), as: .boolean)
        try await store.run(current)
        let agentIDs = try await rows(PromptLibraryTables.agents, count: plan.agents) { i, r in
            ["name": .string("\(r.pick(Words.topics).capitalized) assistant \(i + 1)"), "code": .string("A\(i + 1)"),
             "system_prompt": .string("You are a careful assistant for \(r.pick(Words.audiences))."), "created_by": user]
        }
        let suiteIDs = try await rows(PromptSuiteTables.promptSuites, count: plan.suites) { i, r in
            ["name": .string("\(r.pick(Words.topics).capitalized) suite \(i + 1)"), "code": .string("S\(i + 1)"),
             "suite_type": .string(["expert", "panel", "workflow"][i % 3]), "created_by": user]
        }
        _ = try await rows(PromptSuiteTables.suitePrompts, count: plan.suites * plan.stepsPerSuite) { i, r in
            ["suite_id": suiteIDs[i / plan.stepsPerSuite], "prompt_id": promptIDs[(i * 7) % promptIDs.count],
             "execution_order": .int(i % plan.stepsPerSuite + 1), "variable_mappings": .json("{\"topic\":\"suite.topic\"}")]
        }
        let conversationIDs = try await rows(ConversationTables.conversations, count: plan.conversations) { i, r in
            ["title": .string("\(r.pick(Words.verbs).capitalized) the \(r.pick(Words.topics))"), "user_id": user,
             "agent_id": r.pick(agentIDs), "platform": .string(["web", "api", "playground"][i % 3]),
             "start_time": .date(Self.day(i, of: plan.conversations)), "model_id": models.isEmpty ? .null : r.pick(models)]
        }
        let messageIDs = try await rows(ConversationTables.messages, count: plan.conversations * plan.messagesPerConversation) { i, r in
            let turn = i % plan.messagesPerConversation
            return ["conversation_id": conversationIDs[i / plan.messagesPerConversation],
                    "message_type": .string(turn % 2 == 0 ? "user_message" : "bot_response"),
                    "content": .string(turn % 2 == 0 ? "Could you \(r.pick(Words.verbs)) the \(r.pick(Words.topics))?" : Words.answer(&r)),
                    "content_type": .string(turn % 2 == 0 ? "text" : "markdown"),
                    "processing_time_ms": turn % 2 == 0 ? .null : .int(200 + r.next(1800)),
                    "sequence_number": .int(turn + 1), "timestamp": .date(Self.day(i / plan.messagesPerConversation, of: plan.conversations))]
        }
        _ = try await rows(ConversationTables.outputs, count: plan.outputs) { i, r in
            ["title": .string("\(r.pick(Words.topics).capitalized) draft \(i + 1)"), "content": .string(Words.answer(&r)),
             "prompt_id": promptIDs[i % promptIDs.count], "conversation_id": conversationIDs[i % conversationIDs.count],
             "message_id": messageIDs[(i % conversationIDs.count) * plan.messagesPerConversation + 1],
             "model_id": models.isEmpty ? .null : r.pick(models), "rating": i % 3 == 0 ? .int(1 + r.next(5)) : .null,
             "is_favorite": .bool(i % 11 == 0), "created_by": user, "created_at": .date(Self.day(i, of: plan.outputs)),
             "updated_at": .date(Self.day(i, of: plan.outputs))]
        }
        let sourceIDs = try await rows(KnowledgeTables.knowledgeSources, count: plan.sources) { i, r in
            let topic = r.pick(Words.topics)
            return ["title": .string("\(topic.capitalized) handbook \(i + 1)"), "filename": .string("\(topic)-\(i + 1).pdf"),
                    "s3_key": .string("tenants/demo/\(topic)-\(i + 1).pdf"), "file_size": .int(20_000 + r.next(2_000_000)),
                    "mime_type": .string("application/pdf"), "document_type": .string(["technical", "regulatory", "marketing"][i % 3]),
                    "processing_status": .string("completed"), "created_by": user]
        }
        _ = try await rows(KnowledgeTables.documentChunks, count: plan.sources * plan.chunksPerSource) { i, r in
            ["document_id": sourceIDs[i / plan.chunksPerSource], "chunk_text": .string(Words.answer(&r)),
             "chunk_type": .string("product_level"), "chunk_index": .int(i % plan.chunksPerSource), "token_count": .int(120 + r.next(300)),
             "confidence_score": .double(Double(70 + r.next(30)) / 100)]
        }
        let logIDs = try await rows(GenerationTables.aiLogs, count: plan.logs) { i, r in
            let input = 200 + r.next(3000), output = 50 + r.next(1500)
            return ["user_id": user, "model_id": task(i).model, "category_key": task(i).category, "model_name": .string("demo-model"),
                    "prompt_id": promptIDs[i % promptIDs.count], "conversation_id": conversationIDs[i % conversationIDs.count],
                    "input_tokens": .int(input), "output_tokens": .int(output), "total_tokens": .int(input + output),
                    "cost_usd": .double(Double(input * 3 + output * 15) / 1_000_000), "latency_ms": .int(300 + r.next(4000)),
                    "status": .string(i % 50 == 0 ? "error" : "success"), "created_at": .date(Self.day(i, of: plan.logs))]
        }
        _ = try await rows(GenerationTables.aiUserFeedback, count: plan.feedback) { i, r in
            ["user_id": user, "ai_log_id": logIDs[i % logIDs.count], "model_id": task(i % logIDs.count).model, "category_key": task(i % logIDs.count).category,
             "feedback_type": .string(["like", "like", "dislike", "regenerate", "skip"][i % 5]),
             "quality_rating": .int(1 + r.next(5)), "created_at": .date(Self.day(i, of: plan.feedback))]
        }
    }

    /// A time in the 90 days before the generator's fixed "now", spread evenly over `count` rows.
    static func day(_ i: Int, of count: Int) -> Date {
        start.addingTimeInterval(-90 * 86_400 * Double(count - i) / Double(max(count, 1)))
    }

    /// Generates `count` rows of `table` with deterministic ids and writes them in batches.
    mutating func rows(_ table: TableDeclaration, count: Int, _ make: (Int, inout SplitMix64) -> DBRow) async throws -> [DBValue] {
        var ids: [DBValue] = []
        ids.reserveCapacity(count)
        var batch: [DBRow] = []
        let batchSize = 2_000
        for i in 0..<count {
            var row = make(i, &random)
            let id = DBValue.uuid(idRandom.uuid())
            row["id"] = id
            row["tenant_id"] = tenant
            ids.append(id)
            batch.append(row)
            if batch.count == batchSize || i == count - 1 {
                let rows = batch
                try await store.transaction { tx in try await tx.insertMany(table, rows) }
                done += batch.count
                progress(done, plan.totalRows, table.name)
                batch.removeAll(keepingCapacity: true)
            }
        }
        counts.append((table.name, count))
        return ids
    }
}

/// A small, fast, seedable random generator, so generated data is the same on every run.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(_ bound: Int) -> Int { Int(next64() % UInt64(bound)) }

    mutating func pick<T>(_ items: [T]) -> T { items[next(items.count)] }

    mutating func uuid() -> UUID {
        let a = next64(), b = next64()
        var bytes = [UInt8](repeating: 0, count: 16)
        for k in 0..<8 { bytes[k] = UInt8(truncatingIfNeeded: a >> (8 * k)); bytes[8 + k] = UInt8(truncatingIfNeeded: b >> (8 * k)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}

/// Vocabulary for generated text.
enum Words {
    static let topics = ["quarterly report", "product launch", "support reply", "release note", "clinical summary",
                         "regulatory letter", "onboarding email", "sales pitch", "research brief", "meeting agenda",
                         "privacy policy", "job posting", "incident review", "market analysis", "training plan"]
    static let verbs = ["summarise", "draft", "rewrite", "translate", "review", "outline", "critique", "shorten", "expand", "classify"]
    static let audiences = ["executive team", "new customers", "engineers", "regulators", "the sales team", "patients", "investors"]
    static let phrases = ["Keep the tone friendly and direct.", "Use short paragraphs and plain words.",
                          "Cite the source document for every claim.", "End with three concrete next steps.",
                          "Flag anything that needs legal review.", "Prefer bullet points over long sentences.",
                          "Mention the deadline in the first line.", "Avoid jargon unless the audience expects it."]

    static func prompt(_ r: inout SplitMix64, verb: String, topic: String) -> String {
        "\(verb.capitalized) the {{\(topic.replacingOccurrences(of: " ", with: "_"))}} for {{audience}}. \(r.pick(phrases)) \(r.pick(phrases))"
    }

    /// The declarations of the two variables `prompt` uses.
    static func promptVariables(topic: String) -> String {
        "[{\"name\":\"\(topic.replacingOccurrences(of: " ", with: "_"))\",\"type\":\"string\",\"required\":true},"
            + "{\"name\":\"audience\",\"type\":\"string\",\"required\":true}]"
    }

    static func answer(_ r: inout SplitMix64) -> String {
        "Here is a \(r.pick(topics)) for \(r.pick(audiences)). \(r.pick(phrases)) \(r.pick(phrases)) \(r.pick(phrases))"
    }
}
