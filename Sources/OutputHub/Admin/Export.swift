import Foundation
import Vapor

/// Downloads of a list view (every row its filters match, all columns) or of checked rows, as CSV or
/// JSON Lines. Rows are read a thousand at a time by keyset.
enum Export {
    enum Format: String { case csv, jsonl }

    static func view(_ req: Request) async throws -> Response {
        let resource = try AdminAccess.resource(req)
        let pairs = try APIRoutes.queryPairs(req)
        guard let format = Format(rawValue: pairs.first { $0.0 == "format" }?.1 ?? "csv") else {
            throw AdminError(status: .badRequest, message: "The export format is csv or jsonl.")
        }
        let state = ListState(resource: resource, query: pairs.filter { $0.0 != "format" && $0.0 != "cols" && $0.0 != "limit" })
        var query: ListQuery
        do { query = try state.listQuery() } catch let problem as Problem { throw AdminError(status: .badRequest, message: problem.detail) }
        return try await write(req, resource, query: query, format: format)
    }

    static func rows(_ req: Request, _ resource: Resource, ids: [UUID], format: Format) async throws -> Response {
        guard let idColumn = resource.column("id") else { throw AdminError.notFound() }
        var query = ListQuery()
        query.filters = [Filter(column: idColumn, op: .in, negated: false, operand: .list(ids.map(DBValue.uuid)))]
        if resource.isSoftDeletable { query.deleted = .include }
        return try await write(req, resource, query: query, format: format)
    }

    private static func write(_ req: Request, _ resource: Resource, query: ListQuery, format: Format) async throws -> Response {
        guard AdminAccess.canExport(req) else { throw AdminError.forbidden("Exporting needs the \(Permissions.export) permission.") }
        let service = try AdminAccess.service(req, resource)
        var query = query
        query.limit = ListQuery.maximumLimit
        query.select = nil
        var out: [UInt8] = []
        if format == .csv { out.write(resource.columns.map { RowEncoding.csvField($0.name) }.joined(separator: ",") + "\r\n") }
        let keys = RowEncoding.keys(resource.columns)
        while true {
            let page = try await service.list(query)
            for row in page.rows {
                if format == .csv {
                    out.write(row.map { RowEncoding.csvField(RowEncoding.csvText($0)) }.joined(separator: ",") + "\r\n")
                } else {
                    RowEncoding.json(values: row, keys: keys, into: &out)
                    out.write("\n")
                }
            }
            guard let next = page.nextCursor else { break }
            query.cursor = try Cursor.decode(next, order: query.keysetOrder, resource: resource)
        }
        let response = Response(status: .ok, body: .init(buffer: req.byteBufferAllocator.buffer(bytes: out)))
        let type = format == .csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8"
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(resource.name).\(format.rawValue)\"")
        return response
    }
}
