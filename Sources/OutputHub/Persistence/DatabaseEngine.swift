import Foundation
import SQLKit

/// The engines Output Hub runs on.
public enum EngineKind: String, Sendable {
    case sqlite
    case postgres
}

/// A calendar period rollups group by.
public enum CalendarPeriod: String, Sendable, CaseIterable {
    case day, week, month
}

/// Everything that differs between SQLite and PostgreSQL: column types and DDL, full-text search, vectors,
/// hierarchy paths, value binding and decoding, and how a write transaction starts. One implementation per
/// engine; the rest of Output Hub talks to this protocol only.
public protocol DatabaseEngine: Sendable {
    var kind: EngineKind { get }
    /// The SQL expression for "now" in this dialect.
    var nowSQL: String { get }
    /// The values of a text expression over a group joined with commas (`group_concat` / `string_agg`).
    func commaListSQL(_ expression: String) -> String
    /// The UTC calendar day (`YYYY-MM-DD` text) of a timestamp column, for grouping by day.
    func daySQL(_ column: String) -> String
    /// The first day (`YYYY-MM-DD` text, UTC) of the day, ISO week (from Monday) or month a timestamp SQL
    /// expression falls in, for rollups.
    func periodStartSQL(_ expression: String, _ period: CalendarPeriod) -> String
    /// The seconds (with fractions) from the start of its UTC day to a timestamp column.
    func secondsIntoDaySQL(_ column: String) -> String
    /// Statements that keep the query planner's statistics current, run on one connection at start-up,
    /// after bulk loads and then hourly (PostgreSQL's autovacuum does this by itself).
    var maintenanceStatements: [String] { get }
    /// Statements run once before any table is created (shared trigger functions, pragmas).
    func prepareStatements() -> [String]
    /// Statements that create a table with its constraints, indexes, triggers and full-text index.
    func createStatements(for table: TableDeclaration) -> [String]
    /// Statements that drop a table and everything created with it.
    func dropStatements(for table: TableDeclaration) -> [String]
    func createStatement(for view: ViewDeclaration) -> String
    /// A bound value, cast where the engine needs it to land in a column of `type`.
    func bind(_ value: DBValue, as type: ColumnType) -> any SQLExpression
    /// Reads one column of a row as the declared type.
    func decode(_ row: any SQLRow, column: String, as type: ColumnType) throws -> DBValue
    /// A SELECT expression that renders a row's `columns` as the API's JSON object text, so a list page comes
    /// back as one value per row; nil when this engine's rows are decoded and written out in Swift instead.
    func rowJSONSQL(_ columns: [ColumnDeclaration]) -> String?
    /// The statement that opens a write transaction.
    var beginWriteSQL: String { get }
    /// Admits write transactions of this process one at a time where the engine has a single writer
    /// (SQLite); nil where transactions run side by side (PostgreSQL).
    var writeGate: WriteGate? { get }
    /// Appends a test of a text column against a pattern whose wildcard is `*`.
    func appendPatternMatch(to sql: inout SQLText, column: String, pattern: String, caseSensitive: Bool)
    /// Appends a test that keeps the rows of `table` matching all the words of `query`.
    func appendFullTextMatch(to sql: inout SQLText, table: TableDeclaration, query: String)
    /// Appends ` JOIN (…) ft ON …` matching rows of `table` (aliased `alias` in the caller's FROM) against
    /// `query` over its searchable columns, with `ft.ft_rank` the engine's relevance, higher better: FTS5's
    /// BM25 (negated) on SQLite, `ts_rank` on PostgreSQL. With `best`, only that many of the best rows of
    /// the whole index (every tenant's) are joined: ranking them before the join costs far less, and a
    /// caller that gets fewer rows than it needs after its own conditions asks again without.
    func appendRankedFullTextJoin(to sql: inout SQLText, table: TableDeclaration, alias: String, query: FullTextQuery, best: Int?)
    /// How many rows of `table`'s full-text index hold each of `words` (by the index's own term for it; a
    /// word missing from the answer is in no row), or nil when the engine cannot tell cheaply. Search uses
    /// it to leave the commonest words out of a long any-word query. Counts may stop at `FullTextQuery.countCap`
    /// (a word that common is left out of long queries either way).
    func fullTextRowCounts(_ words: [String], table: TableDeclaration, in store: Store) async throws -> [String: Int]?
    /// How many rows `table`'s full-text index holds, for weighing a word's row count (nil: the engine
    /// needs no such weighing, having no `FullTextQuery.gated`). May be a few minutes old.
    func fullTextIndexRows(table: TableDeclaration, in store: Store) async throws -> Int?
    /// Whether `FullTextQuery.gated` runs as it says (SQLite, whose every connection has the ranking
    /// function); without, the engine asks a gated query as `.anyOf` of its words, and callers that
    /// chose those words for a gate ask `.anyOf` of their own choice instead.
    var ranksGatedQueries: Bool { get }
    /// The live schema of the database behind `store`, read from the engine's catalog (see `SchemaSnapshot`).
    func inspectSchema(_ store: Store) async throws -> SchemaSnapshot
}

/// What a ranked full-text search asks for: rows with any of the words (ranked by how well they match),
/// or rows with all of them in this order.
public enum FullTextQuery: Sendable, Equatable {
    /// Rows with any of the words; `rowCounts` (from `fullTextRowCounts`) lets an engine without its own
    /// inverse document frequency weigh rare words above common ones (PostgreSQL's `ts_rank` has none).
    case anyOf([String], rowCounts: [String: Int] = [:])
    /// Rows with any of `gate`'s words (the query's rarest), ranked by BM25 over all of `words` with
    /// `rowCounts` as each word's row count (a word without one is counted): the rare words find the
    /// rows cheaply, and every word of the query still ranks them. Only where `ranksGatedQueries`.
    case gated(gate: [String], words: [String], rowCounts: [String: Int])
    case phrase([String])
    /// All the words, each within `distance` words of the others (SQLite's NEAR; on PostgreSQL all of them).
    /// Matching rows are not ranked (`ft_rank` 0): ranking would read every word's whole posting list.
    case near([String], distance: Int)

    /// Where `fullTextRowCounts` may stop counting a word's rows.
    static let countCap = 10_000

    var words: [String] {
        switch self { case .anyOf(let words, _), .gated(_, let words, _), .phrase(let words), .near(let words, _): return words }
    }
}

extension DatabaseEngine {
    /// Every matching row (see `appendRankedFullTextJoin(to:table:alias:query:best:)`).
    func appendRankedFullTextJoin(to sql: inout SQLText, table: TableDeclaration, alias: String, query: FullTextQuery) {
        appendRankedFullTextJoin(to: &sql, table: table, alias: alias, query: query, best: nil)
    }

    /// `*`-wildcard pattern as a LIKE pattern with `\` escaping `%` and `_`.
    func likePattern(_ pattern: String) -> String {
        pattern.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_").replacingOccurrences(of: "*", with: "%")
    }

    /// The words of a search, without the operators of either engine's query syntax.
    func searchWords(_ query: String) -> [String] {
        query.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { !$0.isEmpty }
    }
}

/// Double-quotes an identifier. Identifiers come from declarations only, never from input.
func quote(_ identifier: String) -> String {
    // Declared identifiers never hold a quote; skip the (comparatively slow) replacing for them.
    guard identifier.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + identifier + "\"" }
    return "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// A single-quoted SQL string literal.
func literal(_ text: String) -> String {
    guard text.utf8.contains(UInt8(ascii: "'")) else { return "'" + text + "'" }
    return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}

/// A number as SQL, without a trailing `.0` for whole numbers.
func numberLiteral(_ value: Double) -> String {
    value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
}
