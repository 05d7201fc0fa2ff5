/// A read-only view from the seeds. Its SQL differs by engine only where date arithmetic does.
public struct ViewDeclaration: Sendable {
    public let name: String
    public let label: String
    public let module: AppModule
    public let summary: String
    /// The tenant column of the view's rows, used to scope reads.
    public let tenantColumn: String
    /// The columns the view returns, with their types (for decoding and documentation).
    public let columns: [ColumnDeclaration]
    public let postgresSQL: String
    public let sqliteSQL: String
}
