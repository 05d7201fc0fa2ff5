/// Seed 004's `chatbot_performance_summary` over the last 30 days, on both engines.
///
/// Unlike the seed, a chatbot without recent sessions is listed with zeros (the seed's WHERE on the
/// outer-joined table dropped it), and session averages are not weighted by message count.
public enum ChatbotViews {
    private static func summarySQL(since: String, float: String) -> String {
        """
        SELECT ci.id, ci.name, ci.tenant_id, ci.status,
          COALESCE(s.total_sessions, 0) AS total_sessions,
          COALESCE(s.total_messages, 0) AS total_messages,
          s.avg_session_duration, r.avg_response_time, s.avg_satisfaction
        FROM chatbot_instances ci
        LEFT JOIN (
          SELECT chatbot_id, COUNT(*) AS total_sessions, SUM(message_count) AS total_messages,
            CAST(AVG(session_duration_seconds) AS \(float)) AS avg_session_duration,
            CAST(AVG(user_satisfaction_score) AS \(float)) AS avg_satisfaction
          FROM conversations
          WHERE chatbot_id IS NOT NULL AND start_time >= \(since)
          GROUP BY chatbot_id
        ) s ON s.chatbot_id = ci.id
        LEFT JOIN (
          SELECT c.chatbot_id, CAST(AVG(m.processing_time_ms) AS \(float)) AS avg_response_time
          FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE c.chatbot_id IS NOT NULL AND c.start_time >= \(since) AND m.message_type = 'bot_response'
          GROUP BY c.chatbot_id
        ) r ON r.chatbot_id = ci.id
        """
    }

    public static let chatbotPerformanceSummary = ViewDeclaration(
        name: "chatbot_performance_summary", label: "Chatbot performance", module: .chatbots,
        summary: "Sessions, messages, response time and satisfaction per chatbot over the last 30 days (seed 004).",
        tenantColumn: "tenant_id",
        columns: [
            .uuid("id"), .varchar("name", 255), .uuid("tenant_id"), .varchar("status", 50), .bigint("total_sessions"),
            .bigint("total_messages"), .double("avg_session_duration"), .double("avg_response_time"),
            .double("avg_satisfaction"),
        ],
        postgresSQL: summarySQL(since: "now() - interval '30 days'", float: "double precision"),
        sqliteSQL: summarySQL(since: "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days')", float: "REAL"))

    public static let all = [chatbotPerformanceSummary]
}
