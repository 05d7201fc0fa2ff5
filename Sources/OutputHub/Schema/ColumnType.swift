/// The storage type of a column, independent of the database engine.
///
/// Each engine maps these to its own types (see `SQLEngine.columnType(_:)`): PostgreSQL uses its native
/// types, SQLite uses a STRICT table with `TEXT`/`INTEGER`/`REAL` plus CHECK constraints that reproduce
/// PostgreSQL's rules (varchar length, numeric precision, JSON validity, booleans).
public enum ColumnType: Sendable, Hashable {
    case uuid
    /// `varchar(n)`: text of at most `n` characters.
    case varchar(Int)
    case text
    case integer
    case bigint
    /// `decimal(precision, scale)`.
    case decimal(Int, Int)
    /// Double-precision floating point (`FLOAT` in the seeds).
    case double
    case boolean
    /// A point in time with time zone.
    case timestamp
    /// A calendar date.
    case date
    /// A JSON document (`jsonb`).
    case json
    /// An array of text (`text[]`).
    case textArray
    /// An array of UUIDs (`uuid[]`), without foreign keys.
    case uuidArray
    /// An IP address (`inet`).
    case inet
    /// A fixed-dimension embedding vector.
    case vector(Int)
    /// Raw bytes (`bytea` / `BLOB`), base64 in the API: packed embeddings.
    case bytes

    /// The largest absolute value a `decimal(p, s)` column holds, exclusive.
    var decimalLimit: Double? {
        if case .decimal(let precision, let scale) = self {
            var limit = 1.0
            for _ in 0..<(precision - scale) { limit *= 10 }
            return limit
        }
        return nil
    }
}
