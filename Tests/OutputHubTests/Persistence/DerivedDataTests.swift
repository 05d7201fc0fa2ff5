import Foundation
@testable import OutputHub
import Testing

/// What the seeds keep with triggers stays right, also with concurrent writers.
@Suite("Derived data")
struct DerivedDataTests {
    @Test("Concurrent messages get distinct, gapless sequence numbers and an exact message count")
    func messageSequencing() async throws {
        try await withApp { app in
            let store = app.store
            let factory = try await RowFactory.make(store)
            let conversation = try await factory.insert("conversations")
            let conversationID = conversation["id"]!
            let messages = Catalog.declared("messages")
            let writers = 8, perWriter = 10
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        for i in 0..<perWriter {
                            try await store.transaction { tx in
                                try await tx.insert(messages, [
                                    "tenant_id": factory.tenantID, "conversation_id": conversationID,
                                    "message_type": .string("user_message"), "content": .string("writer \(writer) message \(i)"),
                                ])
                            }
                        }
                    }
                }
                try await group.waitForAll()
            }
            let rows = try await store.select(messages, where: ["conversation_id": conversationID])
            let numbers = rows.compactMap { $0["sequence_number"]?.intValue }.sorted()
            #expect(numbers == Array(1...(writers * perWriter)))
            let updated = try #require(try await store.find(Catalog.declared("conversations"), id: conversationID))
            #expect(updated["message_count"]?.intValue == writers * perWriter)

            // Delete the first message (deleting the last would free its number: the next is the highest + 1).
            let first = try #require(rows.first { $0["sequence_number"]?.intValue == 1 })
            try await store.delete(messages, id: first["id"]!)
            let afterDelete = try await store.find(Catalog.declared("conversations"), id: conversationID)
            #expect(afterDelete?["message_count"]?.intValue == writers * perWriter - 1)
            let next = try await store.insert(messages, [
                "tenant_id": factory.tenantID, "conversation_id": conversationID,
                "message_type": .string("bot_response"), "content": .string("after a delete"),
            ])
            #expect(next["sequence_number"]?.intValue == writers * perWriter + 1, "the next number follows the highest, not the count")
        }
    }

    @Test("Tuning session counts follow concurrent turns and improvements, deletes and moves")
    func tuningCounters() async throws {
        try await withApp { app in
            let store = app.store
            let factory = try await RowFactory.make(store)
            let sessions = Catalog.declared("prompt_tuning_sessions")
            let turns = Catalog.declared("tuning_conversation_turns")
            let improvements = Catalog.declared("tuning_improvements")
            let session = try await factory.insert("prompt_tuning_sessions")
            let sessionID = session["id"]!
            let turnCount = 12
            let turnIDs = try await withThrowingTaskGroup(of: DBValue.self) { group in
                for n in 1...turnCount {
                    group.addTask {
                        try await store.transaction { tx in
                            let turn = try await tx.insert(turns, [
                                "tenant_id": factory.tenantID, "session_id": sessionID, "turn_number": .int(n),
                                "user_message": .string("question \(n)"), "era_response": .string("answer \(n)"),
                            ])
                            for k in 0..<2 {
                                try await tx.insert(improvements, [
                                    "tenant_id": factory.tenantID, "turn_id": turn["id"]!,
                                    "improvement_note": .string("note \(k)"), "category": .string("tone"),
                                ])
                            }
                            return turn["id"]!
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            var counts = try await Self.counts(store, sessions, sessionID)
            #expect(counts == (turnCount, turnCount * 2))

            try await store.delete(turns, id: turnIDs[0])
            counts = try await Self.counts(store, sessions, sessionID)
            #expect(counts == (turnCount - 1, (turnCount - 1) * 2), "deleting a turn takes its improvements along")

            let improvement = try #require(try await store.select(improvements, where: ["turn_id": turnIDs[1]]).first)
            try await store.delete(improvements, id: improvement["id"]!)
            counts = try await Self.counts(store, sessions, sessionID)
            #expect(counts == (turnCount - 1, (turnCount - 1) * 2 - 1))

            let other = try await factory.insert("prompt_tuning_sessions")
            try await store.update(turns, id: turnIDs[2], ["session_id": other["id"]!])
            counts = try await Self.counts(store, sessions, sessionID)
            #expect(counts == (turnCount - 2, (turnCount - 2) * 2 - 1), "a moved turn leaves with its improvements")
            #expect(try await Self.counts(store, sessions, other["id"]!) == (1, 2))
        }
    }

    @Test("Hierarchies keep paths and levels, answer subtree queries, and refuse cycles", arguments: Catalog.tables.filter { $0.hierarchy != nil }.map(\.name))
    func hierarchy(_ name: String) async throws {
        try await withApp { app in
            let store = app.store
            let table = Catalog.declared(name)
            let h = try #require(table.hierarchy)
            let factory = try await RowFactory.make(store)
            let root = try await factory.insert(table)
            let child = try await factory.insert(table, overriding: [h.parentColumn: root["id"]!])
            let grandchild = try await factory.insert(table, overriding: [h.parentColumn: child["id"]!])
            let rootPath = try #require(root[h.pathColumn]?.stringValue)
            #expect(rootPath == "/\(root["id"]!.stringValue!)/")
            #expect(grandchild[h.pathColumn]?.stringValue == "\(rootPath)\(child["id"]!.stringValue!)/\(grandchild["id"]!.stringValue!)/")
            if let level = h.levelColumn {
                #expect([root, child, grandchild].map { $0[level]?.intValue } == [1, 2, 3])
            }

            let subtree = try await Hierarchy(store: store, table: table).subtree(of: root["id"]!)
            #expect(Set(subtree.compactMap { $0["id"] }) == Set([root, child, grandchild].compactMap { $0["id"] }))

            try await expectUpdateRefused(store, table, id: root["id"]!, [h.parentColumn: grandchild["id"]!], "\(name): a cycle")
            try await expectUpdateRefused(store, table, id: root["id"]!, [h.parentColumn: root["id"]!], "\(name): its own parent")

            let newRoot = try await factory.insert(table)
            try await store.update(table, id: child["id"]!, [h.parentColumn: newRoot["id"]!])
            let moved = try #require(try await store.find(table, id: grandchild["id"]!))
            #expect(moved[h.pathColumn]?.stringValue?.hasPrefix("/\(newRoot["id"]!.stringValue!)/\(child["id"]!.stringValue!)/") == true)
            if let level = h.levelColumn { #expect(moved[level]?.intValue == 3) }
            #expect(try await Hierarchy(store: store, table: table).subtree(of: root["id"]!).count == 1)
        }
    }

    @Test("updated_at moves forward on every update")
    func updatedAt() async throws {
        try await withApp { app in
            let factory = try await RowFactory.make(app.store)
            // Stored an hour ago, so the update's new time is later without waiting for the clock to move.
            let anHourAgo = Date(timeIntervalSinceNow: -3600)
            let prompt = try await factory.insert("prompts", overriding: ["updated_at": .date(anHourAgo)])
            let before = try #require(Self.date(prompt["updated_at"]), "updated_at is not a timestamp: \(String(describing: prompt["updated_at"]))")
            #expect(abs(before.timeIntervalSince(anHourAgo)) < 1, "the insert kept the given updated_at")
            let updated = try #require(try await app.store.update(Catalog.declared("prompts"), id: prompt["id"]!, ["name": .string("Renamed")]))
            let after = try #require(Self.date(updated["updated_at"]), "updated_at is not a timestamp: \(String(describing: updated["updated_at"]))")
            #expect(after > before)
            #expect(after.timeIntervalSinceNow > -600, "the update set updated_at to the database's current time")
        }
    }

    @Test("The seed documents' views answer on both engines")
    func views() async throws {
        try await withApp(seeded: true) { app in
            let store = app.store
            let factory = try await RowFactory.make(store)
            let chatbot = try await factory.insert("chatbot_instances")
            let conversation = try await factory.insert("conversations", overriding: ["chatbot_id": chatbot["id"]!, "user_satisfaction_score": .int(4)])
            for (type, ms) in [("user_message", 0), ("bot_response", 100), ("bot_response", 300)] {
                try await factory.insert("messages", overriding: [
                    "conversation_id": conversation["id"]!, "message_type": .string(type), "processing_time_ms": .int(ms),
                ])
            }
            let summary = try await store.sql.raw("SELECT * FROM chatbot_performance_summary").all()
            let row = try #require(summary.first)
            #expect(try row.decode(column: "total_sessions", as: Int.self) == 1)
            #expect(try row.decode(column: "total_messages", as: Int.self) == 3)
            #expect(try row.decode(column: "avg_response_time", as: Double.self) == 200)
            #expect(try row.decode(column: "avg_satisfaction", as: Double.self) == 4)

            let document = try await factory.insert("knowledge_sources")
            for index in 0..<3 {
                try await factory.insert("document_chunks", overriding: ["document_id": document["id"]!, "chunk_index": .int(index), "confidence_score": .double(0.5)])
            }
            let title = try #require(document["title"]?.stringValue)
            let status = try await store.sql.raw("SELECT chunk_count, avg_chunk_confidence FROM document_processing_status WHERE title = \(unsafeRaw: literal(title))").all()
            #expect(try status.first?.decode(column: "chunk_count", as: Int.self) == 3)
            #expect(try status.first?.decode(column: "avg_chunk_confidence", as: Double.self) == 0.5)

            let hierarchy = try await store.sql.raw("SELECT code, parent_code FROM domain_hierarchies WHERE code = 'MED-CT'").all()
            #expect(try hierarchy.first?.decode(column: "parent_code", as: String.self) == "MED")
        }
    }

    private static func date(_ value: DBValue?) -> Date? {
        if case .date(let date)? = value { return date } else { return nil }
    }

    private static func counts(_ store: Store, _ sessions: TableDeclaration, _ id: DBValue) async throws -> (Int, Int) {
        let row = try await store.find(sessions, id: id)
        return (row?["total_turns"]?.intValue ?? -1, row?["total_improvements"]?.intValue ?? -1)
    }
}
