import Foundation
// The SQLite every connection runs (sqlite-nio's vendored copy), whose FTS5 takes the function.
import VaporCSQLite

/// `outputhub_bm25(fts, gatePhrases, rows…)`, an FTS5 auxiliary function on every connection opened with
/// sqlite-nio's SQLite once the database is configured (`installOnEveryConnection`), the driver's and the
/// reader's alike: FTS5's own BM25 (k1 1.2, b 0.75, the built-in `bm25()`'s formula and its statistics of
/// the index), higher better, except that each phrase's row count is given rather than counted.
///
/// The built-in function counts the rows of every phrase of the query by reading its whole posting list,
/// which for "the" or "function" costs more than the rest of a search; the caller already has the counts
/// (`fullTextRowCounts`). `gatePhrases` leading phrases weigh nothing: they only narrow the rows, as in
/// `("rare" OR "words") AND ("all" OR "the" OR "rare" OR "words")`, whose rows hold a rare word and are
/// ranked by every word. Then one row count per remaining phrase, in order; a negative count is counted
/// here, once per query, as the built-in function does. Given counts may be a few minutes old
/// (`TermCounts`), which moves a score by as little as the count moved. One call per statement: FTS5
/// keeps the per-query figures below per function and cursor.
enum FullTextRanking {
    static let functionName = "outputhub_bm25"

    /// Has SQLite register the function on each connection it opens from now on (an automatic extension;
    /// installing it again changes nothing). Called before the database's first connection opens.
    static func installOnEveryConnection() {
        _ = sqlite_nio_sqlite3_auto_extension(unsafeBitCast(entryPoint, to: (@convention(c) () -> Void).self))
    }

    /// An automatic extension's entry point. A connection on which the function could not be registered
    /// (SQLite out of memory) fails to open ("automatic extension loading failed"), rather than opening
    /// without it and failing every search it serves.
    private static let entryPoint: @convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, UnsafeRawPointer?) -> Int32 = { handle, _, _ in
        guard let handle else { return SQLITE_MISUSE }
        return register(on: handle)
    }

    /// Registers the function on one connection; answers SQLite's result code.
    private static func register(on handle: OpaquePointer) -> Int32 {
        var statement: OpaquePointer?
        var code = sqlite_nio_sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &statement, nil)
        guard code == SQLITE_OK, let statement else { return code }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        // FTS5 writes its API's address through the bound pointer while the statement steps.
        let slot = UnsafeMutablePointer<UnsafeMutablePointer<fts5_api>?>.allocate(capacity: 1)
        slot.initialize(to: nil)
        defer { slot.deallocate() }
        code = sqlite_nio_sqlite3_bind_pointer(statement, 1, slot, pointerType, nil)
        guard code == SQLITE_OK else { return code }
        code = sqlite_nio_sqlite3_step(statement)
        guard code == SQLITE_ROW || code == SQLITE_DONE, let api = slot.pointee, let create = api.pointee.xCreateFunction else { return SQLITE_ERROR }
        return create(api, functionName, nil, rank, nil)
    }

    /// The pointer type FTS5 hands its API out under; SQLite keeps the pointer, so it is a literal's.
    private static var pointerType: UnsafePointer<CChar> {
        UnsafeRawPointer(StaticString("fts5_api_ptr").utf8Start).assumingMemoryBound(to: CChar.self)
    }

    static let k1 = 1.2, b = 0.75
}

/// See `FullTextRanking`. Per query (FTS5 keeps it with the cursor): the average row length and each
/// phrase's inverse document frequency, computed at the first row.
private let rank: fts5_extension_function = { api, fts, context, count, values in
    guard let api = api?.pointee, let fts, let values, count >= 1, let phraseCount = api.xPhraseCount, let auxdata = api.xGetAuxdata,
          let keep = api.xSetAuxdata, let rowCount = api.xRowCount, let totalSize = api.xColumnTotalSize, let queryPhrase = api.xQueryPhrase,
          let instanceCount = api.xInstCount, let instance = api.xInst, let columnSize = api.xColumnSize else {
        sqlite_nio_sqlite3_result_error(context, "outputhub_bm25: expected the number of gate phrases and row counts", -1)
        return
    }
    let phrases = Int(phraseCount(fts))
    var data = auxdata(fts, 0)?.assumingMemoryBound(to: Double.self)
    if data == nil {
        let gate = Int(sqlite_nio_sqlite3_value_int(values[0]))
        guard gate >= 0, gate <= phrases, Int(count) - 1 == phrases - gate else {
            sqlite_nio_sqlite3_result_error(context, "outputhub_bm25: \(count - 1) row counts for \(phrases) phrases, \(Int(sqlite_nio_sqlite3_value_int(values[0]))) gating", -1)
            return
        }
        var rows: Int64 = 0, tokens: Int64 = 0
        var code = rowCount(fts, &rows)
        if code == SQLITE_OK { code = totalSize(fts, -1, &tokens) }
        guard code == SQLITE_OK, let buffer = malloc((phrases + 1) * MemoryLayout<Double>.stride) else {
            sqlite_nio_sqlite3_result_error_code(context, code == SQLITE_OK ? SQLITE_NOMEM : code)
            return
        }
        let table = buffer.bindMemory(to: Double.self, capacity: phrases + 1)
        table[0] = rows > 0 ? Double(tokens) / Double(rows) : 1
        for phrase in 0..<phrases {
            guard phrase >= gate else { table[phrase + 1] = 0; continue }
            var hits = sqlite_nio_sqlite3_value_int64(values[1 + phrase - gate])
            if hits < 0 {
                hits = 0
                code = queryPhrase(fts, Int32(phrase), &hits) { _, _, counter in
                    counter?.assumingMemoryBound(to: Int64.self).pointee += 1
                    return SQLITE_OK
                }
                guard code == SQLITE_OK else { free(buffer); sqlite_nio_sqlite3_result_error_code(context, code); return }
            }
            // As the built-in function: a word in more than half the rows still weighs a little.
            let idf = log((Double(rows) - Double(hits) + 0.5) / (Double(hits) + 0.5))
            table[phrase + 1] = idf > 0 ? idf : 1e-6
        }
        code = keep(fts, buffer, free)
        guard code == SQLITE_OK else { sqlite_nio_sqlite3_result_error_code(context, code); return }
        data = table
    }
    guard let data else { return }
    var instances: Int32 = 0, length: Int32 = 0
    var code = instanceCount(fts, &instances)
    if code == SQLITE_OK { code = columnSize(fts, -1, &length) }
    guard code == SQLITE_OK else { sqlite_nio_sqlite3_result_error_code(context, code); return }
    let score = withUnsafeTemporaryAllocation(of: Double.self, capacity: max(phrases, 1)) { frequency -> Double? in
        frequency.initialize(repeating: 0)
        var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
        for i in 0..<instances {
            code = instance(fts, i, &phrase, &column, &offset)
            guard code == SQLITE_OK, (0..<phrases).contains(Int(phrase)) else { return nil }
            frequency[Int(phrase)] += 1
        }
        let norm = FullTextRanking.k1 * (1 - FullTextRanking.b + FullTextRanking.b * Double(length) / data[0])
        var score = 0.0
        for i in 0..<phrases where frequency[i] > 0 {
            score += data[i + 1] * (frequency[i] * (FullTextRanking.k1 + 1)) / (frequency[i] + norm)
        }
        return score
    }
    guard let score else { sqlite_nio_sqlite3_result_error_code(context, code == SQLITE_OK ? SQLITE_ERROR : code); return }
    sqlite_nio_sqlite3_result_double(context, score)
}
