// CreateTuningCounters: Seed 003's session metrics, safe with concurrent writers: total_turns and
// total_improvements follow inserts, deletes and moves of turns and improvements (inserts increment in place;
// deletes and moves recount). First release.
// Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

extension TuningMigrations {
    static let createTuningCounters = FrozenMigration(
        name: "CreateTuningCounters", sequence: 12,
        sqlite: .init(
            up: [
                #"""
                CREATE TRIGGER trg_tuning_turn_insert AFTER INSERT ON tuning_conversation_turns FOR EACH ROW BEGIN
                  UPDATE prompt_tuning_sessions SET total_turns = total_turns + 1 WHERE id = NEW.session_id;
                END
                """#,
                #"""
                CREATE TRIGGER trg_tuning_turn_delete AFTER DELETE ON tuning_conversation_turns FOR EACH ROW BEGIN
                  UPDATE prompt_tuning_sessions SET total_turns = max(total_turns - 1, 0),
                    total_improvements = (SELECT COUNT(*) FROM tuning_improvements i JOIN tuning_conversation_turns t ON t.id = i.turn_id WHERE t.session_id = OLD.session_id) WHERE id = OLD.session_id;
                END
                """#,
                #"""
                CREATE TRIGGER trg_tuning_turn_move AFTER UPDATE OF session_id ON tuning_conversation_turns FOR EACH ROW
                WHEN NEW.session_id IS NOT OLD.session_id BEGIN
                  UPDATE prompt_tuning_sessions SET total_turns = total_turns + 1,
                    total_improvements = (SELECT COUNT(*) FROM tuning_improvements i JOIN tuning_conversation_turns t ON t.id = i.turn_id WHERE t.session_id = NEW.session_id) WHERE id = NEW.session_id;
                  UPDATE prompt_tuning_sessions SET total_turns = max(total_turns - 1, 0),
                    total_improvements = (SELECT COUNT(*) FROM tuning_improvements i JOIN tuning_conversation_turns t ON t.id = i.turn_id WHERE t.session_id = OLD.session_id) WHERE id = OLD.session_id;
                END
                """#,
                #"""
                CREATE TRIGGER trg_tuning_improvement_insert AFTER INSERT ON tuning_improvements FOR EACH ROW BEGIN
                  UPDATE prompt_tuning_sessions SET total_improvements = total_improvements + 1
                    WHERE id = (SELECT session_id FROM tuning_conversation_turns WHERE id = NEW.turn_id);
                END
                """#,
                #"""
                CREATE TRIGGER trg_tuning_improvement_delete AFTER DELETE ON tuning_improvements FOR EACH ROW BEGIN
                  UPDATE prompt_tuning_sessions SET total_improvements = max(total_improvements - 1, 0)
                    WHERE id = (SELECT session_id FROM tuning_conversation_turns WHERE id = OLD.turn_id);
                END
                """#,
                #"""
                CREATE TRIGGER trg_tuning_improvement_move AFTER UPDATE OF turn_id ON tuning_improvements FOR EACH ROW
                WHEN NEW.turn_id IS NOT OLD.turn_id BEGIN
                  UPDATE prompt_tuning_sessions SET total_improvements = total_improvements + 1
                    WHERE id = (SELECT session_id FROM tuning_conversation_turns WHERE id = NEW.turn_id);
                  UPDATE prompt_tuning_sessions SET total_improvements = max(total_improvements - 1, 0)
                    WHERE id = (SELECT session_id FROM tuning_conversation_turns WHERE id = OLD.turn_id);
                END
                """#,
            ],
            down: [
                #"DROP TRIGGER IF EXISTS trg_tuning_turn_insert"#,
                #"DROP TRIGGER IF EXISTS trg_tuning_turn_delete"#,
                #"DROP TRIGGER IF EXISTS trg_tuning_turn_move"#,
                #"DROP TRIGGER IF EXISTS trg_tuning_improvement_insert"#,
                #"DROP TRIGGER IF EXISTS trg_tuning_improvement_delete"#,
                #"DROP TRIGGER IF EXISTS trg_tuning_improvement_move"#,
            ]),
        postgres: .init(
            up: [
                #"""
                CREATE FUNCTION fn_tuning_turn_counts() RETURNS trigger AS $$
                BEGIN
                  IF TG_OP = 'INSERT' THEN
                    UPDATE prompt_tuning_sessions SET total_turns = total_turns + 1 WHERE id = NEW.session_id;
                  ELSIF TG_OP = 'UPDATE' THEN
                    UPDATE prompt_tuning_sessions SET total_turns = total_turns + 1,
                      total_improvements = (SELECT COUNT(*) FROM tuning_improvements i JOIN tuning_conversation_turns t ON t.id = i.turn_id WHERE t.session_id = NEW.session_id) WHERE id = NEW.session_id;
                  END IF;
                  IF TG_OP IN ('DELETE', 'UPDATE') THEN
                    UPDATE prompt_tuning_sessions SET total_turns = GREATEST(total_turns - 1, 0),
                      total_improvements = (SELECT COUNT(*) FROM tuning_improvements i JOIN tuning_conversation_turns t ON t.id = i.turn_id WHERE t.session_id = OLD.session_id) WHERE id = OLD.session_id;
                  END IF;
                  RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER trg_tuning_turn_insert AFTER INSERT OR DELETE ON tuning_conversation_turns FOR EACH ROW EXECUTE FUNCTION fn_tuning_turn_counts()"#,
                #"CREATE TRIGGER trg_tuning_turn_move AFTER UPDATE OF session_id ON tuning_conversation_turns FOR EACH ROW WHEN (NEW.session_id IS DISTINCT FROM OLD.session_id) EXECUTE FUNCTION fn_tuning_turn_counts()"#,
                #"""
                CREATE FUNCTION fn_tuning_improvement_counts() RETURNS trigger AS $$
                BEGIN
                  IF TG_OP IN ('INSERT', 'UPDATE') THEN
                    UPDATE prompt_tuning_sessions SET total_improvements = total_improvements + 1
                      WHERE id = (SELECT session_id FROM tuning_conversation_turns WHERE id = NEW.turn_id);
                  END IF;
                  IF TG_OP IN ('DELETE', 'UPDATE') THEN
                    UPDATE prompt_tuning_sessions SET total_improvements = GREATEST(total_improvements - 1, 0)
                      WHERE id = (SELECT session_id FROM tuning_conversation_turns WHERE id = OLD.turn_id);
                  END IF;
                  RETURN NULL;
                END;
                $$ LANGUAGE plpgsql
                """#,
                #"CREATE TRIGGER trg_tuning_improvement_insert AFTER INSERT OR DELETE ON tuning_improvements FOR EACH ROW EXECUTE FUNCTION fn_tuning_improvement_counts()"#,
                #"CREATE TRIGGER trg_tuning_improvement_move AFTER UPDATE OF turn_id ON tuning_improvements FOR EACH ROW WHEN (NEW.turn_id IS DISTINCT FROM OLD.turn_id) EXECUTE FUNCTION fn_tuning_improvement_counts()"#,
            ],
            down: [
                #"DROP TRIGGER IF EXISTS trg_tuning_turn_insert ON tuning_conversation_turns"#,
                #"DROP TRIGGER IF EXISTS trg_tuning_turn_move ON tuning_conversation_turns"#,
                #"DROP TRIGGER IF EXISTS trg_tuning_improvement_insert ON tuning_improvements"#,
                #"DROP TRIGGER IF EXISTS trg_tuning_improvement_move ON tuning_improvements"#,
                #"DROP FUNCTION IF EXISTS fn_tuning_turn_counts()"#,
                #"DROP FUNCTION IF EXISTS fn_tuning_improvement_counts()"#,
            ]))
}
