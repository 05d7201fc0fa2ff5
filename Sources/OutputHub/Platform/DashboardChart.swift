/// A chart a module puts on the dashboard: the last 30 days of one of its tenant-owned tables, shown to
/// members who may read that table when there is data.
public struct DashboardChart: Sendable {
    public enum Measure: Sendable {
        /// Rows per day.
        case rowsPerDay
        /// The sum of a numeric column per day, written with `format` (a `String(format:)` pattern).
        case sumPerDay(column: String, format: String)
        /// Rows per value of a column over the whole period.
        case rowsPerValue(column: String)
    }

    public let title: String
    public let table: TableDeclaration
    /// The timestamp column that places a row in a day.
    public let dateColumn: String
    public let measure: Measure

    public init(_ title: String, table: TableDeclaration, dateColumn: String, _ measure: Measure) {
        self.title = title
        self.table = table
        self.dateColumn = dateColumn
        self.measure = measure
    }
}
