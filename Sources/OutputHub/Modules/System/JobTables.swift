/// Durable background work and the counters limits are kept in: everything several app servers on one
/// database must agree on. Not in the seeds; added by Output Hub (docs/data-model.md).
public enum JobTables {
    public static let states = ["queued", "running", "succeeded", "dead"]

    public static let jobs = TableDeclaration(
        "jobs", label: "Jobs", module: .system, scope: .tenantOrSystem,
        summary: "Background work (ingestion, embeddings, rollups, webhooks, housekeeping): claimed by one worker at a time under a lease, retried with backoff, kept with its last error when it gives up.",
        labelColumn: "kind",
        access: .readOnly,
        columns: [
            .id,
            .uuid("tenant_id").references("tenants", onDelete: .cascade).serverManaged().note("The tenant the work is for; empty for work of the whole installation"),
            .varchar("kind", 100).notNull().searchable().note("Which job definition runs it, `module.work`"),
            .json("payload").notNull().defaults(.emptyObject),
            .enumeration("state", states, length: 20).notNull().defaults(.text("queued")),
            .counter("attempts"),
            .integer("max_attempts").notNull().defaults(.integer(5)).between(1, 100),
            .timestamp("run_at").notNull().defaults(.now).note("Not before this time (a retry's backoff moves it)"),
            .varchar("locked_by", 100).note("The worker holding the claim"),
            .timestamp("locked_until").note("When the claim lapses and another worker may take the job"),
            .text("last_error").searchable(),
            .timestamp("finished_at"),
            .createdAt, .updatedAt,
        ],
        indexes: [
            IndexDeclaration("idx_jobs_due", ["state", "run_at"]),
            IndexDeclaration("idx_jobs_kind", ["kind", "created_at"]),
        ]
    )

    public static let scheduledTaskRuns = TableDeclaration(
        "scheduled_task_runs", label: "Scheduled task runs", module: .system, scope: .global,
        summary: "One row per scheduled task and period: whichever app server records the period first enqueues its job, so a task runs once per period however many servers there are.",
        labelColumn: "task",
        access: .readOnly,
        columns: [
            .id,
            .varchar("task", 100).notNull(),
            .timestamp("period_start").notNull(),
            .uuid("job_id").references("jobs", onDelete: .setNull),
            .createdAt,
        ],
        uniques: [UniqueDeclaration("unique_scheduled_task_period", ["task", "period_start"])]
    )

    public static let rateCounters = TableDeclaration(
        "rate_counters", label: "Rate counters", module: .system, scope: .global,
        summary: "Counts in fixed time windows (sign-in failures, calls per minute and per day), incremented atomically in the database so every app server sees the same count.",
        labelColumn: "key",
        access: .hidden,
        columns: [
            .id,
            .varchar("key", 255).notNull(),
            .timestamp("window_start").notNull(),
            .bigint("count").notNull().defaults(.integer(0)).note("Calls, attempts or, for budgets, millionths of a dollar"),
            .timestamp("expires_at").notNull().note("After this the row can be removed"),
        ],
        uniques: [UniqueDeclaration("unique_rate_counter_window", ["key", "window_start"])],
        indexes: [IndexDeclaration("idx_rate_counters_expires_at", ["expires_at"])]
    )

    public static let all = [jobs, scheduledTaskRuns, rateCounters]
}
