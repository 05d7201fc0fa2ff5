// CreateReportingViews: The reporting views of the Knowledge and Chatbots modules (seed 004): domain
// hierarchies, document processing status, chatbot performance. First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension KnowledgeMigrations {
    static let createReportingViews = FrozenMigration(
        name: "CreateReportingViews", sequence: 13,
        sqlite: .init(
            up: [
                #"""
                CREATE VIEW "domain_hierarchies" AS SELECT d.id, d.tenant_id, d.name, d.code, d.domain_path, d.hierarchy_level, d.parent_domain_id,
                  p.name AS parent_name, p.code AS parent_code,
                  (SELECT COUNT(*) FROM knowledge_sources ks
                     JOIN knowledge_domain_mapping kdm ON ks.id = kdm.knowledge_source_id
                    WHERE kdm.domain_id = d.id AND ks.deleted_at IS NULL) AS source_count
                FROM knowledge_domains d
                LEFT JOIN knowledge_domains p ON d.parent_domain_id = p.id
                WHERE d.deleted_at IS NULL
                """#,
                #"""
                CREATE VIEW "document_processing_status" AS SELECT d.id, d.title, d.tenant_id, d.product_id, p.name AS product_name, d.processing_status,
                  d.file_size, d.document_type, d.language,
                  COUNT(dc.id) AS chunk_count, AVG(dc.confidence_score) AS avg_chunk_confidence,
                  d.created_at, d.processed_at
                FROM knowledge_sources d
                LEFT JOIN products p ON d.product_id = p.id
                LEFT JOIN document_chunks dc ON d.id = dc.document_id
                WHERE d.deleted_at IS NULL
                GROUP BY d.id, d.title, d.tenant_id, d.product_id, p.name, d.processing_status, d.file_size,
                  d.document_type, d.language, d.created_at, d.processed_at
                """#,
                #"""
                CREATE VIEW "chatbot_performance_summary" AS SELECT ci.id, ci.name, ci.tenant_id, ci.status,
                  COALESCE(s.total_sessions, 0) AS total_sessions,
                  COALESCE(s.total_messages, 0) AS total_messages,
                  s.avg_session_duration, r.avg_response_time, s.avg_satisfaction
                FROM chatbot_instances ci
                LEFT JOIN (
                  SELECT chatbot_id, COUNT(*) AS total_sessions, SUM(message_count) AS total_messages,
                    CAST(AVG(session_duration_seconds) AS REAL) AS avg_session_duration,
                    CAST(AVG(user_satisfaction_score) AS REAL) AS avg_satisfaction
                  FROM conversations
                  WHERE chatbot_id IS NOT NULL AND start_time >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days')
                  GROUP BY chatbot_id
                ) s ON s.chatbot_id = ci.id
                LEFT JOIN (
                  SELECT c.chatbot_id, CAST(AVG(m.processing_time_ms) AS REAL) AS avg_response_time
                  FROM messages m JOIN conversations c ON c.id = m.conversation_id
                  WHERE c.chatbot_id IS NOT NULL AND c.start_time >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-30 days') AND m.message_type = 'bot_response'
                  GROUP BY c.chatbot_id
                ) r ON r.chatbot_id = ci.id
                """#,
            ],
            down: [
                #"DROP VIEW IF EXISTS "chatbot_performance_summary""#,
                #"DROP VIEW IF EXISTS "document_processing_status""#,
                #"DROP VIEW IF EXISTS "domain_hierarchies""#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE VIEW "domain_hierarchies" AS SELECT d.id, d.tenant_id, d.name, d.code, d.domain_path, d.hierarchy_level, d.parent_domain_id,
                  p.name AS parent_name, p.code AS parent_code,
                  (SELECT COUNT(*) FROM knowledge_sources ks
                     JOIN knowledge_domain_mapping kdm ON ks.id = kdm.knowledge_source_id
                    WHERE kdm.domain_id = d.id AND ks.deleted_at IS NULL) AS source_count
                FROM knowledge_domains d
                LEFT JOIN knowledge_domains p ON d.parent_domain_id = p.id
                WHERE d.deleted_at IS NULL
                """#,
                #"""
                CREATE VIEW "document_processing_status" AS SELECT d.id, d.title, d.tenant_id, d.product_id, p.name AS product_name, d.processing_status,
                  d.file_size, d.document_type, d.language,
                  COUNT(dc.id) AS chunk_count, AVG(dc.confidence_score) AS avg_chunk_confidence,
                  d.created_at, d.processed_at
                FROM knowledge_sources d
                LEFT JOIN products p ON d.product_id = p.id
                LEFT JOIN document_chunks dc ON d.id = dc.document_id
                WHERE d.deleted_at IS NULL
                GROUP BY d.id, d.title, d.tenant_id, d.product_id, p.name, d.processing_status, d.file_size,
                  d.document_type, d.language, d.created_at, d.processed_at
                """#,
                #"""
                CREATE VIEW "chatbot_performance_summary" AS SELECT ci.id, ci.name, ci.tenant_id, ci.status,
                  COALESCE(s.total_sessions, 0) AS total_sessions,
                  COALESCE(s.total_messages, 0) AS total_messages,
                  s.avg_session_duration, r.avg_response_time, s.avg_satisfaction
                FROM chatbot_instances ci
                LEFT JOIN (
                  SELECT chatbot_id, COUNT(*) AS total_sessions, SUM(message_count) AS total_messages,
                    CAST(AVG(session_duration_seconds) AS double precision) AS avg_session_duration,
                    CAST(AVG(user_satisfaction_score) AS double precision) AS avg_satisfaction
                  FROM conversations
                  WHERE chatbot_id IS NOT NULL AND start_time >= now() - interval '30 days'
                  GROUP BY chatbot_id
                ) s ON s.chatbot_id = ci.id
                LEFT JOIN (
                  SELECT c.chatbot_id, CAST(AVG(m.processing_time_ms) AS double precision) AS avg_response_time
                  FROM messages m JOIN conversations c ON c.id = m.conversation_id
                  WHERE c.chatbot_id IS NOT NULL AND c.start_time >= now() - interval '30 days' AND m.message_type = 'bot_response'
                  GROUP BY c.chatbot_id
                ) r ON r.chatbot_id = ci.id
                """#,
            ],
            down: [
                #"DROP VIEW IF EXISTS "chatbot_performance_summary""#,
                #"DROP VIEW IF EXISTS "document_processing_status""#,
                #"DROP VIEW IF EXISTS "domain_hierarchies""#,
            ]))
}
