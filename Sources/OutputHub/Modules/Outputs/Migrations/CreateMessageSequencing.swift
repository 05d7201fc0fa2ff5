// CreateMessageSequencing: Seed 004's message triggers, safe with concurrent writers: a new message gets the
// next sequence number of its conversation (when none or 0 is given) and message_count / last_activity follow
// inserts and deletes. PostgreSQL's BEFORE INSERT trigger first updates the conversation row, locking it until
// commit; SQLite's writers are serialised by BEGIN IMMEDIATE. First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension OutputsMigrations {
    static let createMessageSequencing = FrozenMigration(
        name: "CreateMessageSequencing", sequence: 11,
        sqlite: .init(
            up: [
                #"""
                CREATE TRIGGER trg_messages_sequence AFTER INSERT ON messages FOR EACH ROW BEGIN
                  UPDATE messages SET sequence_number = (
                    SELECT COALESCE(MAX(sequence_number), 0) + 1 FROM messages WHERE conversation_id = NEW.conversation_id
                  ) WHERE id = NEW.id AND NEW.sequence_number = 0;
                  UPDATE conversations SET message_count = message_count + 1, last_activity = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                    WHERE id = NEW.conversation_id;
                END
                """#,
                #"""
                CREATE TRIGGER trg_messages_count_delete AFTER DELETE ON messages FOR EACH ROW BEGIN
                  UPDATE conversations SET message_count = max(message_count - 1, 0) WHERE id = OLD.conversation_id;
                END
                """#,
            ],
            down: [
                #"DROP TRIGGER IF EXISTS trg_messages_sequence"#,
                #"DROP TRIGGER IF EXISTS trg_messages_count_delete"#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE FUNCTION fn_messages_sequence() RETURNS trigger AS $$
                BEGIN
                  UPDATE conversations SET message_count = message_count + 1, last_activity = now()
                    WHERE id = NEW.conversation_id;
                  IF NEW.sequence_number = 0 THEN
                    SELECT COALESCE(MAX(sequence_number), 0) + 1 INTO NEW.sequence_number
                      FROM messages WHERE conversation_id = NEW.conversation_id;
                  END IF;
                  RETURN NEW;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER trg_messages_sequence BEFORE INSERT ON messages FOR EACH ROW EXECUTE FUNCTION fn_messages_sequence()"#,
                #"""
                CREATE FUNCTION fn_messages_count_delete() RETURNS trigger AS $$
                BEGIN
                  UPDATE conversations SET message_count = GREATEST(message_count - 1, 0) WHERE id = OLD.conversation_id;
                  RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER trg_messages_count_delete AFTER DELETE ON messages FOR EACH ROW EXECUTE FUNCTION fn_messages_count_delete()"#,
            ],
            down: [
                #"DROP TRIGGER IF EXISTS trg_messages_sequence ON messages"#,
                #"DROP TRIGGER IF EXISTS trg_messages_count_delete ON messages"#,
                #"DROP FUNCTION IF EXISTS fn_messages_sequence()"#,
                #"DROP FUNCTION IF EXISTS fn_messages_count_delete()"#,
            ]))
}
