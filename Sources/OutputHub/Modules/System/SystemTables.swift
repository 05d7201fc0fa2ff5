/// Settings, the audit trail and system events. Seeds: 001 (`system_settings`, `audit_logs`), 004 (`system_events`).
public enum SystemTables {
    public static let systemSettings = TableDeclaration(
        "system_settings", label: "System settings", module: .system, scope: .tenant,
        summary: "Typed key/value settings per tenant (seed 001).",
        labelColumn: "key",
        columns: [
            .id, .tenantID,
            .varchar("key", 255).notNull().searchable(),
            .text("value"),
            .enumeration("value_type", ["string", "integer", "number", "boolean", "json"], length: 20).notNull().defaults(.text("string")),
            .text("description").searchable(),
            .createdAt, .updatedAt,
        ],
        uniques: [UniqueDeclaration("unique_setting_key", ["tenant_id", "key"])]
    )

    public static let auditLogs = TableDeclaration(
        "audit_logs", label: "Audit log", module: .system, scope: .tenant,
        summary: "Every create, update, delete and restore with old and new values (seed 001).",
        labelColumn: "action",
        access: .readOnly,
        columns: [
            .id, .tenantID,
            .user("user_id", onDelete: .setNull),
            .enumeration("action", ["create", "update", "delete", "restore", "approve", "login", "logout", "import"], length: 20).notNull(),
            .varchar("table_name", 255).notNull(),
            .varchar("record_id", 64).note("Text so that any table's key fits"),
            .json("old_values"),
            .json("new_values"),
            .inet("ip_address"),
            .createdAt,
        ],
        indexes: [
            IndexDeclaration("idx_audit_logs_record", ["table_name", "record_id"]),
            IndexDeclaration("idx_audit_logs_created_at", ["tenant_id", "created_at"], descending: ["created_at"]),
        ]
    )

    public static let systemEvents = TableDeclaration(
        "system_events", label: "System events", module: .system, scope: .tenant,
        summary: "Operational events: uploads, configuration changes, errors (seed 004).",
        labelColumn: "event_type",
        columns: [
            .id, .tenantID,
            .varchar("event_type", 100).notNull().searchable(),
            .enumeration("event_category", ["system", "user_action", "error", "performance"]).notNull(),
            .json("event_data").notNull(),
            .varchar("affected_resource_type", 50),
            .uuid("affected_resource_id"),
            .user("user_id", onDelete: .setNull),
            .inet("ip_address"),
            .text("user_agent"),
            .enumeration("severity", ["debug", "info", "warning", "error", "critical"], length: 20).notNull().defaults(.text("info")),
            .enumeration("status", ["pending", "completed", "failed"]).notNull().defaults(.text("completed")),
            .timestamp("timestamp").notNull().defaults(.now),
        ],
        indexes: [
            IndexDeclaration("idx_system_events_type", ["event_type"]),
            IndexDeclaration("idx_system_events_category", ["event_category"]),
            IndexDeclaration("idx_system_events_timestamp", ["timestamp"]),
            IndexDeclaration("idx_system_events_severity", ["severity"]),
            IndexDeclaration("idx_system_events_resource", ["affected_resource_type", "affected_resource_id"]),
        ]
    )

    public static let all = [systemSettings, auditLogs, systemEvents]
}
