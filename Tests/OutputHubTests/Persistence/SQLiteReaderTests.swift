import Foundation
@testable import OutputHub
import SQLiteNIO
import Testing

/// The SQLite reader (prepared statements kept per connection) answers exactly what the driver would:
/// committed writes at once, new columns after a schema change, the driver's errors, and reads in a
/// cancelled task. On PostgreSQL there is no reader and these tests have nothing to check.
@Suite("Persistence: SQLite reader")
struct SQLiteReaderTests {
    @Test("Reads through kept statements see each commit at once; writes, RETURNING included, go to the driver")
    func readsAndWrites() async throws {
        try await withReader { store, reader in
            try await Self.probeTable(store, rows: 0)
            for i in 1...3 {
                try await store.run(SQLText(store.engine, "INSERT INTO reader_probe (id, name) VALUES (\(i), 'n\(i)')"))
                let rows = try #require(try await reader.rows("SELECT id, name FROM reader_probe ORDER BY id", []))
                #expect(rows.count == i)
                #expect(rows.last?.column("name") == .text("n\(i)"))
            }
            let insert = "INSERT INTO reader_probe (id, name) VALUES (9, 'nine') RETURNING id"
            #expect(try await reader.rows(insert, []) == nil)
            #expect(try await store.rows(SQLText(store.engine, "SELECT COUNT(*) AS n FROM reader_probe"))[0].decode(column: "n", as: Int.self) == 3)
            let returned = try await store.writeRows(SQLText(store.engine, insert))
            #expect(try returned.first?.decode(column: "id", as: Int.self) == 9)
            var bound = SQLText(store.engine, "SELECT name FROM reader_probe WHERE id = ")
            bound.bind(.int(9), as: .integer)
            #expect(try await store.rows(bound).first?.decode(column: "name", as: String.self) == "nine")
        }
    }

    @Test("A kept SELECT * shows a column added after it was prepared; more distinct statements than kept still read")
    func schemaChangesAndManyStatements() async throws {
        try await withReader { store, reader in
            try await Self.probeTable(store, rows: 1)
            let all = "SELECT * FROM reader_probe"
            #expect(try await reader.rows(all, [])?.first?.allColumns == ["id", "name"])
            try await store.execute("ALTER TABLE reader_probe ADD COLUMN extra TEXT DEFAULT 'x'")
            let row = try #require(try await reader.rows(all, [])?.first)
            #expect(row.allColumns == ["id", "name", "extra"])
            #expect(row.column("extra") == .text("x"))
            for i in 0..<(SQLiteReader.statementsPerConnection + 20) {
                #expect(try await reader.rows("SELECT \(i) AS n, ? AS t", [.text("é\(i)")])?.first?.column("t") == .text("é\(i)"))
            }
        }
    }

    @Test("A statement SQLite refuses is left to the driver, so the caller sees the driver's error")
    func errorsStayTheDrivers() async throws {
        try await withReader { store, reader in
            try await store.execute("CREATE VIRTUAL TABLE reader_fts USING fts5(body)")
            try await store.run(SQLText(store.engine, "INSERT INTO reader_fts (body) VALUES ('hello world')"))
            let match = "SELECT body FROM reader_fts WHERE reader_fts MATCH ?"
            #expect(try await reader.rows(match, [.text("hello")])?.count == 1)
            #expect(try await reader.rows(match, [.text("\"unbalanced")]) == nil)
            var bad = SQLText(store.engine, "SELECT body FROM reader_fts WHERE reader_fts MATCH ")
            bad.bind(.string("\"unbalanced"), as: .text)
            await #expect(throws: SQLiteError.self) { try await store.rows(bad) }
            #expect(try await reader.rows("SELECT nothing FROM nowhere", []) == nil)
            #expect(try await reader.rows(match, [.text("world")])?.count == 1)  // the connection still serves
        }
    }

    @Test("A read's setUp (a temp table it needs) runs on the reader's connection, which stays query-only; a failing one leaves the read to the driver")
    func setUp() async throws {
        try await withReader { store, reader in
            try await store.execute("CREATE VIRTUAL TABLE reader_fts USING fts5(body)")
            for body in ["hello world", "hello there", "bye"] {
                try await store.run(SQLText(store.engine, "INSERT INTO reader_fts (body) VALUES ('\(body)')"))
            }
            // Without IF NOT EXISTS: run twice on one connection, it would fail.
            let create = "CREATE VIRTUAL TABLE temp.reader_terms USING fts5vocab(main, 'reader_fts', 'row')"
            let terms = "SELECT doc FROM temp.reader_terms WHERE term = ?"
            #expect(try await reader.rows(terms, [.text("hello")]) == nil, "without its setUp the read fails here")
            for _ in 0..<3 {
                #expect(try await reader.rows(terms, [.text("hello")], setUp: create)?.first?.column("doc") == .integer(2))
            }
            #expect(try await reader.rows("PRAGMA query_only", [])?.first?.column("query_only") == .integer(1))
            #expect(try await reader.rows("SELECT 1 AS one", [], setUp: "CREATE TABLE") == nil)
            #expect(try await reader.rows("PRAGMA query_only", [])?.first?.column("query_only") == .integer(1))
        }
    }

    @Test("A cancelled task still gets its rows (a job handing itself back as the server stops)")
    func cancelledTask() async throws {
        try await withReader { store, _ in
            let task = Task { () -> Int in
                withUnsafeCurrentTask { $0?.cancel() }
                return try await store.rows(SQLText(store.engine, "SELECT 1 AS one")).count
            }
            let count = try await task.value
            #expect(count == 1)
        }
    }

    /// A table `reader_probe (id, name)` with rows 1…`rows` named n1, n2, … (written through the driver).
    private static func probeTable(_ store: Store, rows: Int) async throws {
        try await store.execute("CREATE TABLE reader_probe (id INTEGER PRIMARY KEY, name TEXT)")
        for i in stride(from: 1, through: rows, by: 1) {
            try await store.run(SQLText(store.engine, "INSERT INTO reader_probe (id, name) VALUES (\(i), 'n\(i)')"))
        }
    }

    /// Runs `body` with the application's store and its reader; on PostgreSQL there is none.
    private func withReader(_ body: (Store, SQLiteReader) async throws -> Void) async throws {
        try await withApp { app in
            guard let reader = (app.outputHub.engine as? SQLiteEngine)?.reader else { return }
            try await body(app.store, reader)
        }
    }
}
