import Foundation
import SQLKit

/// PostgreSQL: native types, a generated `tsvector` with a GIN index for full-text search, `real[]` for
/// embeddings, PL/pgSQL triggers for `updated_at` and hierarchy paths.
public struct PostgresEngine: DatabaseEngine, SchemaDialect {
    public let kind = EngineKind.postgres
    public let nowSQL = "now()"

    public let maintenanceStatements: [String] = []

    public func commaListSQL(_ expression: String) -> String { "string_agg(\(expression), ',')" }

    public func daySQL(_ column: String) -> String { "to_char(\(quote(column)) AT TIME ZONE 'UTC', 'YYYY-MM-DD')" }

    public func secondsIntoDaySQL(_ column: String) -> String {
        "CAST(EXTRACT(EPOCH FROM \(quote(column)) - date_trunc('day', \(quote(column)), 'UTC')) AS double precision)"
    }

    /// `date_trunc('week', …)` starts ISO weeks on Monday.
    public func periodStartSQL(_ expression: String, _ period: CalendarPeriod) -> String {
        "to_char(date_trunc('\(period.rawValue)', (\(expression)) AT TIME ZONE 'UTC'), 'YYYY-MM-DD')"
    }
    public let beginWriteSQL = "BEGIN"

    public init() {}

    public var writeGate: WriteGate? { nil }

    public func prepareStatements() -> [String] {
        [
            """
            CREATE OR REPLACE FUNCTION outputhub_touch_updated_at() RETURNS trigger AS $$
            BEGIN
              NEW.updated_at := now();
              RETURN NEW;
            END;
            $$ LANGUAGE plpgsql
            """
        ]
    }

    // MARK: DDL

    func columnTypeSQL(_ column: ColumnDeclaration, table: String) -> String {
        switch column.type {
        case .uuid: return "uuid"
        case .varchar(let n): return "varchar(\(n))"
        case .text: return isPathColumn(column) ? "text COLLATE \"C\"" : "text"
        case .integer: return "integer"
        case .bigint: return "bigint"
        case .decimal(let p, let s): return "numeric(\(p),\(s))"
        case .double: return "double precision"
        case .boolean: return "boolean"
        case .timestamp: return "timestamptz(3)"
        case .date: return "date"
        case .json: return "jsonb"
        case .textArray: return "text[]"
        case .uuidArray: return "uuid[]"
        case .inet: return "inet"
        case .bytes: return "bytea"
        case .vector(let n):
            return "real[] CONSTRAINT \(quote("ck_\(table)_\(column.name)_dimensions")) CHECK (cardinality(\(quote(column.name))) = \(n))"
        }
    }

    /// Hierarchy paths compare byte-wise so that a subtree is one index range.
    private func isPathColumn(_ column: ColumnDeclaration) -> Bool {
        column.name.hasSuffix("_path")
    }

    func defaultSQL(_ value: ColumnDefault, for type: ColumnType) -> String {
        switch value {
        case .text(let s): return literal(s)
        case .integer(let i): return String(i)
        case .number(let d): return numberLiteral(d)
        case .bool(let b): return b ? "true" : "false"
        case .now: return "now()"
        case .randomUUID: return "gen_random_uuid()"
        case .emptyObject: return "'{}'::jsonb"
        case .emptyArray: return type == .json ? "'[]'::jsonb" : "'{}'"
        }
    }

    func nullSentinel(for type: ColumnType) -> String {
        type == .uuid ? "'00000000-0000-0000-0000-000000000000'::uuid" : "''"
    }

    func extraColumns(for table: TableDeclaration) -> [String] {
        let searchable = table.searchableColumns
        guard !searchable.isEmpty else { return [] }
        let document = searchable.map { "coalesce(\(quote($0.name)), '')" }.joined(separator: " || ' ' || ")
        // Punctuation becomes spaces first, so `os.path` or `3.11` are two words, as queries split them
        // (PostgreSQL's parser would keep each as one lexeme, which no query word matches).
        return ["\(quote("search_vector")) tsvector GENERATED ALWAYS AS (to_tsvector('english', regexp_replace(\(document), '[[:punct:]]+', ' ', 'g'))) STORED"]
    }

    public func createStatements(for table: TableDeclaration) -> [String] {
        var statements = [createTableSQL(table)]
        statements += indexSQL(table, includeArrayIndexes: true)
        if !table.searchableColumns.isEmpty {
            statements.append("CREATE INDEX \(quote("idx_\(table.name)_search")) ON \(quote(table.name)) USING gin (\(quote("search_vector")))")
        }
        if table.hasUpdatedAt {
            statements.append(
                "CREATE TRIGGER \(quote("trg_\(table.name)_updated_at")) BEFORE UPDATE ON \(quote(table.name)) "
                    + "FOR EACH ROW EXECUTE FUNCTION outputhub_touch_updated_at()")
        }
        if let hierarchy = table.hierarchy {
            statements += hierarchyStatements(table.name, hierarchy)
        }
        return statements
    }

    /// A BEFORE trigger computes the row's path (and level) from its parent and refuses cycles; an AFTER
    /// trigger rewrites the paths of the moved row's descendants.
    private func hierarchyStatements(_ table: String, _ h: HierarchyDeclaration) -> [String] {
        let t = quote(table), parent = quote(h.parentColumn), path = quote(h.pathColumn)
        let level = h.levelColumn.map { "NEW.\(quote($0)) := length(NEW.\(path)) - length(replace(NEW.\(path), '/', '')) - 1;" } ?? ""
        return [
            """
            CREATE FUNCTION \(quote("fn_\(table)_hierarchy"))() RETURNS trigger AS $$
            DECLARE parent_path text;
            BEGIN
              IF NEW.\(parent) IS NULL THEN
                parent_path := '/';
              ELSE
                SELECT \(path) INTO parent_path FROM \(t) WHERE id = NEW.\(parent);
                IF parent_path IS NULL THEN parent_path := '/' || NEW.\(parent)::text || '/'; END IF;
                IF NEW.\(parent) = NEW.id OR position('/' || NEW.id::text || '/' IN parent_path) > 0 THEN
                  RAISE EXCEPTION 'hierarchy cycle: %.% would make a row its own ancestor', '\(table)', '\(h.parentColumn)'
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'ck_\(table)_\(h.parentColumn)_acyclic';
                END IF;
              END IF;
              NEW.\(path) := parent_path || NEW.id::text || '/';
              \(level)
              RETURN NEW;
            END;
            $$ LANGUAGE plpgsql
            """,
            "CREATE TRIGGER \(quote("trg_\(table)_hierarchy")) BEFORE INSERT OR UPDATE OF \(parent) ON \(t) FOR EACH ROW EXECUTE FUNCTION \(quote("fn_\(table)_hierarchy"))()",
            """
            CREATE FUNCTION \(quote("fn_\(table)_hierarchy_move"))() RETURNS trigger AS $$
            BEGIN
              UPDATE \(t) SET \(path) = NEW.\(path) || substr(\(path), length(OLD.\(path)) + 1)
                \(h.levelColumn.map { ", \(quote($0)) = length(NEW.\(path) || substr(\(path), length(OLD.\(path)) + 1)) - length(replace(NEW.\(path) || substr(\(path), length(OLD.\(path)) + 1), '/', '')) - 1" } ?? "")
                WHERE \(path) > OLD.\(path) AND \(path) < OLD.\(path) || '~';
              RETURN NULL;
            END;
            $$ LANGUAGE plpgsql
            """,
            "CREATE TRIGGER \(quote("trg_\(table)_hierarchy_move")) AFTER UPDATE OF \(parent) ON \(t) FOR EACH ROW WHEN (NEW.\(path) IS DISTINCT FROM OLD.\(path)) EXECUTE FUNCTION \(quote("fn_\(table)_hierarchy_move"))()",
        ]
    }

    public func dropStatements(for table: TableDeclaration) -> [String] {
        var statements = ["DROP TABLE IF EXISTS \(quote(table.name)) CASCADE"]
        if table.hierarchy != nil {
            statements.append("DROP FUNCTION IF EXISTS \(quote("fn_\(table.name)_hierarchy"))()")
            statements.append("DROP FUNCTION IF EXISTS \(quote("fn_\(table.name)_hierarchy_move"))()")
        }
        return statements
    }

    public func createStatement(for view: ViewDeclaration) -> String {
        "CREATE VIEW \(quote(view.name)) AS \(view.postgresSQL)"
    }

    // MARK: Matching

    public func appendPatternMatch(to sql: inout SQLText, column: String, pattern: String, caseSensitive: Bool) {
        sql.append("\(quote(column)) \(caseSensitive ? "LIKE" : "ILIKE") ")
        sql.bind(.string(likePattern(pattern)), as: .text)
        sql.append(" ESCAPE '\\'")
    }

    public func appendFullTextMatch(to sql: inout SQLText, table: TableDeclaration, query: String) {
        sql.append("\(quote("search_vector")) @@ plainto_tsquery('english', ")
        sql.bind(.string(searchWords(query).joined(separator: " ")), as: .text)
        sql.append(")")
    }

    public func appendRankedFullTextJoin(to sql: inout SQLText, table: TableDeclaration, alias: String, query: FullTextQuery, best: Int?) {
        let function: String, text: String
        var weights: [(word: String, idf: Double)] = []
        switch query {
        case .anyOf(let words, let counts), .gated(_, let words, let counts):
            // A gate narrows nothing here (`ranksGatedQueries` is false: callers ask `.anyOf`).
            (function, text) = ("to_tsquery", words.map { $0.lowercased() }.joined(separator: " | "))
            // Words at the count cap (stop words among them, which `to_tsquery` reduces to nothing) tell little.
            weights = words.compactMap { word in
                counts[word].flatMap { $0 < FullTextQuery.countCap ? (word.lowercased(), Self.inverseFrequency($0)) : nil }
            }
        case .phrase(let words): (function, text) = ("phraseto_tsquery", words.joined(separator: " "))
        case .near(let words, _): (function, text) = ("plainto_tsquery", words.joined(separator: " "))
        }
        let vector = "t.\(quote("search_vector"))"
        sql.append(" JOIN (SELECT t.id AS ft_key, ts_rank(\(vector), q.q)")
        // Each word's inverse document frequency where the row holds it: a sentence's rare words decide.
        for weight in weights {
            sql.append(" + CASE WHEN \(vector) @@ to_tsquery('english', ")
            sql.bind(.string(weight.word), as: .text)
            sql.append(") THEN ")
            sql.bind(.double(weight.idf), as: .double)
            sql.append(" ELSE 0 END")
        }
        sql.append(" AS ft_rank FROM \(quote(table.name)) t, \(function)('english', ")
        sql.bind(.string(text), as: .text)
        sql.append(") AS q(q) WHERE \(vector) @@ q.q")
        if let best { sql.append(" ORDER BY ft_rank DESC LIMIT \(best)") }
        sql.append(") ft ON ft.ft_key = \(alias).id")
    }

    /// A word's weight from its row count: ln(1 + 10⁶ / rows), so a word in 10 rows weighs about twice one
    /// in 1,000 (the constant stands in for the table's size, which only shifts every weight alike).
    static func inverseFrequency(_ rows: Int) -> Double { log(1 + 1_000_000 / Double(max(rows, 1))) }

    /// Counted through the full-text index, each word's rows up to `FullTextQuery.countCap` (the commonest words
    /// cost no more than that), all words in one statement; a stop word (no term at all) counts as the cap,
    /// being as common as words get. Common words' counts are remembered for a few minutes (`TermCounts`).
    /// More than `maxCountedWords` at once (spelling candidates) is more than is cheap: nil.
    public func fullTextRowCounts(_ words: [String], table: TableDeclaration, in store: Store) async throws -> [String: Int]? {
        guard !words.isEmpty else { return [:] }
        guard words.count <= Self.maxCountedWords else { return nil }
        var counts = termCounts.known(words.map { $0.lowercased() }, index: table.name)
        let missing = Array(Set(words.map { $0.lowercased() }).filter { counts[$0] == nil })
        if !missing.isEmpty {
            var sql = SQLText(self, "")
            for (i, word) in missing.enumerated() {
                if i > 0 { sql.append(" UNION ALL ") }
                sql.append("SELECT \(i) AS w, numnode(to_tsquery('english', ")
                sql.bind(.string(word), as: .text)
                sql.append(")) AS nodes, (SELECT count(*) FROM (SELECT 1 FROM \(quote(table.name)) t WHERE t.\(quote("search_vector")) @@ to_tsquery('english', ")
                sql.bind(.string(word), as: .text)
                sql.append(") LIMIT \(FullTextQuery.countCap)) x) AS n")
            }
            var fetched: [String: Int] = [:]
            for row in try await store.rows(sql) {
                let read = RowReader(row: row, engine: self)
                guard let index = try read.int("w"), missing.indices.contains(index) else { continue }
                let rows = try read.int("n") ?? 0
                if try read.int("nodes") == 0 { fetched[missing[index]] = FullTextQuery.countCap } else if rows > 0 { fetched[missing[index]] = rows }
            }
            termCounts.remember(fetched, index: table.name)
            counts.merge(fetched) { $1 }
        }
        var result: [String: Int] = [:]
        for word in words { if let count = counts[word.lowercased()] { result[word] = count } }
        return result
    }

    public var ranksGatedQueries: Bool { false }
    public func fullTextIndexRows(table: TableDeclaration, in store: Store) async throws -> Int? { nil }

    static let maxCountedWords = 64
    let termCounts = TermCounts()

    // MARK: Values

    public func bind(_ value: DBValue, as type: ColumnType) -> any SQLExpression {
        switch value {
        case .null: return SQLLiteral.null
        case .uuid(let u): return SQLBind(u)
        // As text: the driver's binary encoding truncates to the microsecond below, which can miss a stored millisecond.
        case .date(let d): return CastBind(value: type == .date ? Timestamps.formatDay(d) : Timestamps.format(d), type: type == .date ? "date" : "timestamptz")
        case .bool(let b): return SQLBind(b)
        case .int(let i): return SQLBind(i)
        case .double(let d): return SQLBind(d)
        case .json(let s): return CastBind(value: s, type: "jsonb")
        case .vector(let v): return CastBind(value: v.map { Float($0) }, type: "real[]")
        case .bytes(let data): return SQLBind(data)
        case .array(let items): return CastBind(value: items, type: type == .uuidArray ? "uuid[]" : "text[]")
        case .string(let s): return CastBind(value: s, type: castName(type))
        }
    }

    /// The type a text value is cast to for a column of `type`.
    private func castName(_ type: ColumnType) -> String {
        switch type {
        case .uuid: return "uuid"
        case .integer: return "integer"
        case .bigint: return "bigint"
        case .decimal: return "numeric"
        case .double: return "double precision"
        case .boolean: return "boolean"
        case .timestamp: return "timestamptz(3)"
        case .date: return "date"
        case .json: return "jsonb"
        case .inet: return "inet"
        default: return "text"
        }
    }

    /// PostgreSQL's JSON functions write timestamps in its own format, not the API's; its rows are written
    /// out in Swift (its driver decodes binary values, which costs far less than SQLite's text).
    public func rowJSONSQL(_ columns: [ColumnDeclaration]) -> String? { nil }

    public func decode(_ row: any SQLRow, column: String, as type: ColumnType) throws -> DBValue {
        if try row.decodeNil(column: column) { return .null }
        switch type {
        case .uuid: return .uuid(try row.decode(column: column, as: UUID.self))
        case .varchar, .text, .json: return try stringOrJSON(row, column, type)
        case .inet: return .string(try row.decode(column: column, as: String.self))
        case .integer, .bigint: return .int(try row.decode(column: column, as: Int.self))
        case .decimal:
            // Through its text: NSDecimalNumber's doubleValue turns numeric 0.33 into 0.32999999999999996.
            let decimal = try row.decode(column: column, as: Decimal.self)
            return .double(Double(decimal.description) ?? NSDecimalNumber(decimal: decimal).doubleValue)
        case .double: return .double(try row.decode(column: column, as: Double.self))
        case .boolean: return .bool(try row.decode(column: column, as: Bool.self))
        case .timestamp: return .date(try row.decode(column: column, as: Date.self))
        case .date: return .string(Timestamps.formatDay(try row.decode(column: column, as: Date.self)))
        case .textArray: return .array(try row.decode(column: column, as: [String].self))
        case .uuidArray: return .array(try row.decode(column: column, as: [UUID].self).map { $0.lowercaseText })
        case .vector: return .vector(try row.decode(column: column, as: [Float].self).map(Double.init))
        case .bytes: return .bytes(try row.decode(column: column, as: Data.self))
        }
    }

    private func stringOrJSON(_ row: any SQLRow, _ column: String, _ type: ColumnType) throws -> DBValue {
        let text = try row.decode(column: column, as: String.self)
        return type == .json ? .json(text) : .string(text)
    }
}

/// A bound parameter followed by a PostgreSQL cast: `$1::jsonb`.
struct CastBind: SQLExpression {
    let value: any Encodable & Sendable
    let type: String

    func serialize(to serializer: inout SQLSerializer) {
        serializer.write(bind: value)
        serializer.write("::\(type)")
    }
}
