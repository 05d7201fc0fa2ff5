import Foundation
import SQLKit
import SQLiteNIO

/// SQLite: STRICT tables whose CHECK constraints reproduce PostgreSQL's type rules, FTS5 external-content
/// tables for full-text search, JSON arrays for arrays and embeddings, and triggers for `updated_at` and
/// hierarchy paths. Write transactions start with `BEGIN IMMEDIATE` so concurrent writers queue instead of
/// failing on a lock upgrade.
public struct SQLiteEngine: DatabaseEngine, SchemaDialect {
    public let kind = EngineKind.sqlite
    public let nowSQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

    /// Without statistics SQLite walks the (tenant_id, id) index to honour ORDER BY id even when a foreign key
    /// index would find the few matching rows at once (a prompt's versions among 200,000). `optimize`
    /// analyses what changed, sampling at most 1,000 rows per index so it stays fast on big files.
    public let maintenanceStatements = ["PRAGMA analysis_limit = 1000", "PRAGMA optimize = 0x10002"]

    public func commaListSQL(_ expression: String) -> String { "group_concat(\(expression), ',')" }

    /// Timestamps are stored as ISO 8601 text in UTC: the day is the first ten characters.
    public func daySQL(_ column: String) -> String { "substr(\(quote(column)), 1, 10)" }

    public func secondsIntoDaySQL(_ column: String) -> String {
        "((julianday(\(quote(column))) - julianday(substr(\(quote(column)), 1, 10))) * 86400.0)"
    }

    /// A week starts on the Monday on or before the day (`weekday 1` moves forward to a Monday, from six
    /// days before).
    public func periodStartSQL(_ expression: String, _ period: CalendarPeriod) -> String {
        switch period {
        case .day: "substr(\(expression), 1, 10)"
        case .week: "date(substr(\(expression), 1, 10), '-6 days', 'weekday 1')"
        case .month: "(substr(\(expression), 1, 7) || '-01')"
        }
    }
    public let beginWriteSQL = "BEGIN IMMEDIATE"
    public let writeGate: WriteGate?
    /// Reads outside transactions through statements kept prepared (nil: all through the driver).
    public let reader: SQLiteReader?
    /// Recent full-text term counts (see `fullTextRowCounts`).
    let termCounts = TermCounts()

    /// `writeGate` and `reader`: the gate and reader of the database this engine talks to
    /// (`buildApplication` makes one of each per database); engines used only to write SQL text need none.
    public init(writeGate: WriteGate? = nil, reader: SQLiteReader? = nil) {
        self.writeGate = writeGate
        self.reader = reader
    }

    public func prepareStatements() -> [String] { [] }

    // MARK: DDL

    func columnTypeSQL(_ column: ColumnDeclaration, table: String) -> String {
        let c = quote(column.name)
        let (type, check): (String, String?) =
            switch column.type {
            case .uuid: ("TEXT", "length(\(c)) = 36")
            case .varchar(let n): ("TEXT", "length(\(c)) <= \(n)")
            case .text, .inet: ("TEXT", nil)
            case .integer: ("INTEGER", "\(c) BETWEEN -2147483648 AND 2147483647")
            case .bigint: ("INTEGER", nil)
            case .decimal: ("REAL", "abs(\(c)) < \(numberLiteral(column.type.decimalLimit ?? 1))")
            case .double: ("REAL", nil)
            case .boolean: ("INTEGER", "\(c) IN (0, 1)")
            case .timestamp: ("TEXT", "\(c) IS NULL OR julianday(\(c)) IS NOT NULL")
            case .date: ("TEXT", "date(\(c)) = \(c)")
            case .json: ("TEXT", "json_valid(\(c))")
            case .textArray, .uuidArray: ("TEXT", "json_valid(\(c)) AND json_type(\(c)) = 'array'")
            case .vector(let n): ("TEXT", "json_valid(\(c)) AND json_array_length(\(c)) = \(n)")
            case .bytes: ("BLOB", nil)
            }
        guard let check else { return type }
        return "\(type) CONSTRAINT \(quote("ck_\(table)_\(column.name)_type")) CHECK (\(check))"
    }

    func defaultSQL(_ value: ColumnDefault, for type: ColumnType) -> String {
        switch value {
        case .text(let s): return literal(s)
        case .integer(let i): return String(i)
        case .number(let d): return numberLiteral(d)
        case .bool(let b): return b ? "1" : "0"
        case .now: return "(\(nowSQL))"
        case .randomUUID:
            return "(lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' "
                + "|| substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))))"
        case .emptyObject: return "'{}'"
        case .emptyArray: return "'[]'"
        }
    }

    func extraColumns(for table: TableDeclaration) -> [String] { [] }

    func nullSentinel(for type: ColumnType) -> String { "''" }

    public func createStatements(for table: TableDeclaration) -> [String] {
        var statements = [createTableSQL(table, suffix: " STRICT")]
        statements += indexSQL(table, includeArrayIndexes: false)
        if !table.searchableColumns.isEmpty {
            statements += fullTextStatements(table)
        }
        if table.hasUpdatedAt {
            let t = quote(table.name)
            statements.append(
                """
                CREATE TRIGGER \(quote("trg_\(table.name)_updated_at")) AFTER UPDATE ON \(t) FOR EACH ROW
                WHEN NEW.updated_at IS OLD.updated_at
                BEGIN UPDATE \(t) SET updated_at = \(nowSQL) WHERE rowid = NEW.rowid; END
                """)
        }
        if let hierarchy = table.hierarchy {
            statements += hierarchyStatements(table.name, hierarchy)
        }
        return statements
    }

    /// An FTS5 index over the searchable columns, kept in step with the table by triggers.
    private func fullTextStatements(_ table: TableDeclaration) -> [String] {
        let t = quote(table.name), fts = quote(table.name + "_fts")
        let names = table.searchableColumns.map { quote($0.name) }
        let cols = names.joined(separator: ", ")
        let newValues = names.map { "NEW.\($0)" }.joined(separator: ", ")
        let oldValues = names.map { "OLD.\($0)" }.joined(separator: ", ")
        return [
            "CREATE VIRTUAL TABLE \(fts) USING fts5(\(cols), content=\(literal(table.name)), content_rowid='rowid', tokenize='porter unicode61')",
            "CREATE TRIGGER \(quote("trg_\(table.name)_fts_insert")) AFTER INSERT ON \(t) BEGIN INSERT INTO \(fts) (rowid, \(cols)) VALUES (NEW.rowid, \(newValues)); END",
            "CREATE TRIGGER \(quote("trg_\(table.name)_fts_delete")) AFTER DELETE ON \(t) BEGIN INSERT INTO \(fts) (\(fts), rowid, \(cols)) VALUES ('delete', OLD.rowid, \(oldValues)); END",
            """
            CREATE TRIGGER \(quote("trg_\(table.name)_fts_update")) AFTER UPDATE OF \(cols) ON \(t) BEGIN
              INSERT INTO \(fts) (\(fts), rowid, \(cols)) VALUES ('delete', OLD.rowid, \(oldValues));
              INSERT INTO \(fts) (rowid, \(cols)) VALUES (NEW.rowid, \(newValues));
            END
            """,
        ]
    }

    /// Paths are set after insert, a parent change is refused when it would form a cycle, and a move
    /// rewrites the paths of the row and its descendants in one statement.
    private func hierarchyStatements(_ table: String, _ h: HierarchyDeclaration) -> [String] {
        let t = quote(table), parent = quote(h.parentColumn), path = quote(h.pathColumn)
        let parentPath = "COALESCE((SELECT p.\(path) FROM \(t) p WHERE p.id = NEW.\(parent)), '/')"
        func level(_ p: String) -> String {
            h.levelColumn.map { ", \(quote($0)) = length(\(p)) - length(replace(\(p), '/', '')) - 1" } ?? ""
        }
        let newPath = "\(parentPath) || NEW.id || '/'"
        let movedPath = "\(parentPath) || NEW.id || '/' || substr(\(path), length(OLD.\(path)) + 1)"
        return [
            """
            CREATE TRIGGER \(quote("trg_\(table)_hierarchy_insert")) AFTER INSERT ON \(t) FOR EACH ROW BEGIN
              UPDATE \(t) SET \(path) = \(newPath)\(level(newPath)) WHERE id = NEW.id;
            END
            """,
            """
            CREATE TRIGGER \(quote("trg_\(table)_hierarchy_acyclic")) BEFORE UPDATE OF \(parent) ON \(t) FOR EACH ROW
            WHEN NEW.\(parent) IS NOT NULL AND (NEW.\(parent) = NEW.id
              OR instr((SELECT p.\(path) FROM \(t) p WHERE p.id = NEW.\(parent)), '/' || NEW.id || '/') > 0)
            BEGIN SELECT RAISE(ABORT, 'CHECK constraint failed: ck_\(table)_\(h.parentColumn)_acyclic'); END
            """,
            """
            CREATE TRIGGER \(quote("trg_\(table)_hierarchy_move")) AFTER UPDATE OF \(parent) ON \(t) FOR EACH ROW
            WHEN NEW.\(parent) IS NOT OLD.\(parent)
            BEGIN
              UPDATE \(t) SET \(path) = \(movedPath)\(level(movedPath))
                WHERE \(path) >= OLD.\(path) AND \(path) < OLD.\(path) || '~';
            END
            """,
        ]
    }

    public func dropStatements(for table: TableDeclaration) -> [String] {
        var statements: [String] = []
        if !table.searchableColumns.isEmpty { statements.append("DROP TABLE IF EXISTS \(quote(table.name + "_fts"))") }
        statements.append("DROP TABLE IF EXISTS \(quote(table.name))")
        return statements
    }

    public func createStatement(for view: ViewDeclaration) -> String {
        "CREATE VIEW \(quote(view.name)) AS \(view.sqliteSQL)"
    }

    // MARK: Matching

    /// Case-sensitive matching uses GLOB, whose `*` is the API's wildcard; LIKE is ASCII case-insensitive.
    public func appendPatternMatch(to sql: inout SQLText, column: String, pattern: String, caseSensitive: Bool) {
        if caseSensitive {
            sql.append("\(quote(column)) GLOB ")
            sql.bind(.string(pattern.replacingOccurrences(of: "[", with: "[[]").replacingOccurrences(of: "?", with: "[?]")), as: .text)
        } else {
            sql.append("\(quote(column)) LIKE ")
            sql.bind(.string(likePattern(pattern)), as: .text)
            sql.append(" ESCAPE '\\'")
        }
    }

    public func appendFullTextMatch(to sql: inout SQLText, table: TableDeclaration, query: String) {
        let fts = quote(table.name + "_fts")
        sql.append("rowid IN (SELECT rowid FROM \(fts) WHERE \(fts) MATCH ")
        let words = searchWords(query).map { "\"\($0)\"" }
        sql.bind(.string(words.isEmpty ? "\"\"" : words.joined(separator: " ")), as: .text)
        sql.append(")")
    }

    /// Ranked by BM25, higher better: the built-in `bm25()` negated, or for `.gated` our
    /// `FullTextRanking` with the given row counts (its gate phrases first, weighing nothing).
    public func appendRankedFullTextJoin(to sql: inout SQLText, table: TableDeclaration, alias: String, query: FullTextQuery, best: Int?) {
        let fts = quote(table.name + "_fts")
        func anyOf(_ words: [String]) -> String { words.map { "\"\($0)\"" }.joined(separator: " OR ") }
        let expression: String
        sql.append(" JOIN (SELECT rowid AS ft_key, ")
        switch query {
        case .anyOf(let words, _):
            expression = anyOf(words)
            sql.append("-bm25(\(fts))")
        case .gated(let gate, let words, let counts):
            let gating = gate.count < words.count
            expression = gating ? "(\(anyOf(gate))) AND (\(anyOf(words)))" : anyOf(words)
            sql.append("\(FullTextRanking.functionName)(\(fts), \(gating ? gate.count : 0)")
            for word in words {
                sql.append(", ")
                sql.bind(.int(counts[word] ?? -1), as: .bigint)
            }
            sql.append(")")
        case .phrase(let words):
            expression = "\"" + words.joined(separator: " ") + "\""
            sql.append("-bm25(\(fts))")
        case .near(let words, let distance):
            expression = "NEAR(" + words.map { "\"\($0)\"" }.joined(separator: " ") + ", \(distance))"
            sql.append("0.0")
        }
        sql.append(" AS ft_rank FROM \(fts) WHERE \(fts) MATCH ")
        sql.bind(.string(query.words.isEmpty ? "\"\"" : expression), as: .text)
        if let best {
            switch query {
            case .near: sql.append(" LIMIT \(best)")
            case .gated: sql.append(" ORDER BY ft_rank DESC LIMIT \(best)")
            case .anyOf, .phrase: sql.append(" ORDER BY bm25(\(fts)) LIMIT \(best)")
            }
        }
        sql.append(") ft ON ft.ft_key = \(alias).rowid")
    }

    public var ranksGatedQueries: Bool { true }

    /// The rows of the index's content table; from 1,000 rows on remembered with the common terms'
    /// counts (under the empty term, which no word has).
    public func fullTextIndexRows(table: TableDeclaration, in store: Store) async throws -> Int? {
        let index = table.name + "_fts"
        if let known = termCounts.known([""], index: index)[""] { return known }
        let rows = try await store.rows(SQLText(self, "SELECT count(*) AS n FROM \(quote(table.name))")).first.map { try RowReader(row: $0, engine: self).int("n") } ?? nil
        if let rows { termCounts.remember(["": rows], index: index) }
        return rows
    }

    /// From the index's vocabulary (an `fts5vocab` table, kept in each connection's temp schema): each
    /// word's porter stem, as the `porter unicode61` tokenizer made it, looked up with its row count;
    /// common terms' counts come from `termCounts` while fresh.
    public func fullTextRowCounts(_ words: [String], table: TableDeclaration, in store: Store) async throws -> [String: Int]? {
        guard !words.isEmpty else { return [:] }
        let fts = table.name + "_fts", vocabulary = quote(fts + "_terms")
        var byStem: [String: [String]] = [:]
        for word in words { byStem[PorterStemmer.stem(word.lowercased()), default: []].append(word) }
        var counts = termCounts.known(Array(byStem.keys), index: fts)
        let stems = byStem.keys.filter { counts[$0] == nil }
        if !stems.isEmpty {
            let create = "CREATE VIRTUAL TABLE IF NOT EXISTS temp.\(vocabulary) USING fts5vocab(main, \(literal(fts)), 'row')"
            var sql = SQLText(self, "SELECT term, doc FROM temp.\(vocabulary) WHERE term IN (")
            sql.appendList(stems.map { .string($0) }, as: .text)
            sql.append(")")
            let lookup = sql
            // On the reader's connection when it can (no wait for one of the driver's), else on one of the
            // driver's, in the same session as the table's creation.
            let rows: [any SQLRow]
            if let read = try await store.readerRows(lookup, setUp: create) {
                rows = read
            } else {
                rows = try await store.sql.withSession { session in
                    try await session.raw("\(unsafeRaw: create)").run()
                    return try await Store(sql: session, engine: self).rows(lookup)
                }
            }
            var fetched: [String: Int] = [:]
            for row in rows {
                fetched[try row.decode(column: "term", as: String.self)] = try row.decode(column: "doc", as: Int.self)
            }
            termCounts.remember(fetched, index: fts)
            counts.merge(fetched) { $1 }
        }
        var result: [String: Int] = [:]
        for (stem, count) in counts { for word in byStem[stem] ?? [] { result[word] = count } }
        return result
    }

    // MARK: Values

    public func bind(_ value: DBValue, as type: ColumnType) -> any SQLExpression {
        switch value {
        case .null: return SQLLiteral.null
        case .uuid(let u): return SQLBind(u.lowercaseText)
        case .date(let d): return SQLBind(type == .date ? Timestamps.formatDay(d) : Timestamps.format(d))
        case .bool(let b): return SQLBind(b ? 1 : 0)
        case .int(let i): return SQLBind(i)
        case .double(let d): return SQLBind(d)
        case .json(let s): return SQLBind(s)
        case .string(let s): return SQLBind(type == .uuid ? s.lowercased() : s)
        case .array(let items): return SQLBind(JSONText.encode(items))
        case .vector(let v): return SQLBind(JSONText.encode(v))
        case .bytes(let data): return SQLBind(data)
        }
    }

    /// `json_object(…)` of the columns as the API writes them: text as strings, integers and reals as numbers
    /// (reals in SQLite's exact 17-digit form), booleans as true/false, and JSON, arrays and vectors (kept as
    /// JSON text) embedded as JSON; stored text that is not valid JSON comes out as a string, never an error.
    public func rowJSONSQL(_ columns: [ColumnDeclaration]) -> String? {
        let members = columns.map { column -> String in
            let name = quote(column.name)
            let value = switch column.type {
            case .boolean: "iif(\(name) IS NULL, NULL, iif(\(name), json('true'), json('false')))"
            case .json, .textArray, .uuidArray, .vector: "iif(json_valid(\(name)), json(\(name)), \(name))"
            case .bytes: "base64(\(name))"
            default: name
            }
            return "\(literal(column.name)), \(value)"
        }
        return "json_object(\(members.joined(separator: ", ")))"
    }

    public func decode(_ row: any SQLRow, column: String, as type: ColumnType) throws -> DBValue {
        // A driver row's value is read as stored, without the generic Decodable path (every query's reader).
        if let direct = row as? DirectSQLiteRow, let data = direct.column(column), Self.storedAsDeclared(data, type) { return try decode(data, as: type) }
        if try row.decodeNil(column: column) { return .null }
        switch type {
        case .uuid:
            let text = try row.decode(column: column, as: String.self)
            return UUID(text: text).map(DBValue.uuid) ?? .string(text)
        case .varchar, .text, .inet, .date: return .string(try row.decode(column: column, as: String.self))
        case .json: return .json(try row.decode(column: column, as: String.self))
        case .integer, .bigint: return .int(try row.decode(column: column, as: Int.self))
        case .decimal, .double: return .double(try row.decode(column: column, as: Double.self))
        case .boolean: return .bool(try row.decode(column: column, as: Int.self) != 0)
        case .timestamp:
            let text = try row.decode(column: column, as: String.self)
            return Timestamps.parse(text).map(DBValue.date) ?? .string(text)
        case .textArray, .uuidArray:
            return .array(JSONText.strings(try row.decode(column: column, as: String.self)) ?? [])
        case .vector:
            return .vector(JSONText.decode([Double].self, try row.decode(column: column, as: String.self)) ?? [])
        case .bytes:
            return .bytes(try row.decode(column: column, as: Data.self))
        }
    }
}

extension SQLiteEngine {
    /// Whether a driver row holds `columns` first, in that order (its values can then be read by position).
    static func startsWith(_ row: DirectSQLiteRow, _ columns: [ColumnDeclaration]) -> Bool {
        let stored = row.names.names
        return stored.count >= columns.count && zip(stored, columns).allSatisfy { $0 == $1.name }
    }

    /// Whether a stored value has the storage class its type is kept in (else the generic path converts it,
    /// as for a number read as text).
    static func storedAsDeclared(_ data: SQLiteData, _ type: ColumnType) -> Bool {
        let numeric: Bool
        switch type {
        case .integer, .bigint, .boolean, .decimal, .double: numeric = true
        default: numeric = false
        }
        switch data {
        case .null: return true
        case .integer: return numeric
        case .float: return type == .double || { if case .decimal = type { return true } else { return false } }()
        case .text: return !numeric && type != .bytes
        case .blob: return type == .bytes
        }
    }

    /// Reads SQLite's stored value directly: lists decode thousands of values per request, and this skips
    /// the generic Decodable path.
    func decode(_ data: SQLiteData, as type: ColumnType) throws -> DBValue {
        switch data {
        case .null: return .null
        case .integer(let int):
            switch type {
            case .boolean: return .bool(int != 0)
            case .decimal, .double: return .double(Double(int))
            default: return .int(Int(int))
            }
        case .float(let double):
            return .double(double)
        case .text(let text):
            switch type {
            case .uuid: return UUID(text: text).map(DBValue.uuid) ?? .string(text)
            case .json: return .json(text)
            case .timestamp: return Timestamps.parse(text).map(DBValue.date) ?? .string(text)
            case .textArray, .uuidArray: return .array(JSONText.strings(text) ?? [])
            case .vector: return .vector(JSONText.decode([Double].self, text) ?? [])
            default: return .string(text)
            }
        case .blob(let buffer):
            guard type == .bytes else { throw StoreError.rowVanished("a BLOB value where \(type) was expected") }
            return .bytes(Data(buffer.readableBytesView))
        }
    }
}

/// Compact JSON text for values SQLite keeps as JSON.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: JSONEncoder().encode(value), as: UTF8.self)) ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) -> T? {
        try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A JSON array of strings (how SQLite keeps text arrays), read directly: every row of a list decodes
    /// them. Escapes other than `\"`, `\\` and `\/` go to the full decoder; anything else is nil.
    static func strings(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var items: [String] = [], i = 0
            func skipBlanks() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }
            skipBlanks()
            guard i < bytes.count, bytes[i] == 0x5B else { return nil }  // [
            i += 1
            skipBlanks()
            if i < bytes.count, bytes[i] == 0x5D { return [] }  // ]
            while true {
                guard i < bytes.count, bytes[i] == 0x22 else { return nil }  // "
                i += 1
                var item: [UInt8] = []
                var start = i
                while true {
                    guard i < bytes.count else { return nil }
                    let byte = bytes[i]
                    if byte == 0x22 { break }
                    if byte == 0x5C {  // \
                        guard i + 1 < bytes.count, [0x22, 0x5C, 0x2F].contains(bytes[i + 1]) else { return decode([String].self, String(decoding: bytes, as: UTF8.self)) }
                        item.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                        item.append(bytes[i + 1])
                        i += 2
                        start = i
                        continue
                    }
                    guard byte >= 0x20 else { return nil }
                    i += 1
                }
                item.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                items.append(String(decoding: item, as: UTF8.self))
                i += 1
                skipBlanks()
                guard i < bytes.count else { return nil }
                if bytes[i] == 0x5D {
                    i += 1
                    skipBlanks()
                    return i == bytes.count ? items : nil
                }
                guard bytes[i] == 0x2C else { return nil }  // ,
                i += 1
                skipBlanks()
            }
        }
    }
}
