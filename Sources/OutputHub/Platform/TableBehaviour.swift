import Foundation
import Vapor

/// What a change to a row may use besides the row: who makes it, the transaction it runs in, the clients.
public struct WriteContext: Sendable {
    public let actor: Actor
    /// The open transaction; everything a behaviour writes commits or rolls back with the change.
    public let store: Store
    public let clients: HubClients
}

/// The typed behaviour of one table that needs more than CRUD, owned by the table's module. The API, the
/// admin UI and the OpenAPI document all read it from the table's `Resource`; `Modules.validate` checks at
/// start-up that its table is in the catalog.
public struct TableBehaviour: Sendable {
    public typealias Validate = @Sendable (DBRow) -> [FieldError]
    public typealias Prepare = @Sendable (inout DBRow, _ old: DBRow?, WriteContext) async throws -> Void
    public typealias BeforeCreate = @Sendable (inout DBRow, WriteContext) async throws -> String?
    public typealias Insert = @Sendable (DBRow, WriteContext) async throws -> DBRow
    public typealias Delete = @Sendable (UUID, WriteContext) async throws -> Bool
    public typealias Restored = @Sendable (UUID, WriteContext) async throws -> Void
    public typealias Panel = @Sendable (Request, DBRow) async throws -> HTML
    /// Makes a new version equal to an old one (`POST /api/v1/{table}/{id}/restore {"version":"1"}`);
    /// returns the new version as the answer's JSON.
    public typealias RestoreVersion = @Sendable (_ id: UUID, _ version: String, ResourceService) async throws -> String

    public let table: TableDeclaration
    /// Checks across fields, run on the row as it will be stored (on update: the old row with the changes).
    public private(set) var validate: Validate?
    /// Runs before every create (`old` nil) and update: fills server-set fields, refuses what the actor may not do.
    public private(set) var prepare: Prepare?
    /// Runs once before a create is inserted; returns a secret shown only in that answer (a new API key).
    public private(set) var beforeCreate: BeforeCreate?
    /// Inserts the row instead of the plain insert.
    public private(set) var insert: Insert?
    /// Deletes what the tenant sees of a row instead of the plain delete; returns false to fall back to it.
    public private(set) var delete: Delete?
    /// Runs after a deleted row is brought back, in the restore's transaction (statistics that count it).
    public private(set) var restored: Restored?
    /// Panels shown above the fields on the row's admin page, in order.
    public private(set) var detailPanels: [Panel] = []
    /// Properties a create answer has besides the row (OpenAPI documents them).
    public private(set) var createdAnswerProperties: [String: JSONValue] = [:]
    /// Actions on one row (`POST /api/v1/{table}/{id}/{name}` answering the row, and the same under
    /// `/admin`), served, documented and audited by the shared machinery (`ResourceService.perform`).
    public private(set) var rowActions: [RowAction] = []
    /// Restores an old version of a versioned row when the restore request names one (without a
    /// `version`, restore brings back a deleted row as for every table).
    public private(set) var restoreVersion: RestoreVersion?

    public struct RowAction: Sendable {
        /// Changes the row with `id` inside the transaction of `WriteContext.store`; throws a `Problem` to refuse.
        public typealias Perform = @Sendable (_ id: UUID, WriteContext) async throws -> Void

        public let name: String
        public let summary: String
        /// What the admin UI says once it is done ("Queued again.").
        public let done: String
        /// The problem statuses it may answer besides the generic ones (401, 403, 404, 429).
        public let problems: [Int]
        public let perform: Perform
    }

    public init(_ table: TableDeclaration) { self.table = table }

    public func validating(_ body: @escaping Validate) -> Self { with { $0.validate = body } }
    public func preparing(_ body: @escaping Prepare) -> Self { with { $0.prepare = body } }
    public func beforeCreating(_ body: @escaping BeforeCreate) -> Self { with { $0.beforeCreate = body } }
    public func inserting(_ body: @escaping Insert) -> Self { with { $0.insert = body } }
    public func deleting(_ body: @escaping Delete) -> Self { with { $0.delete = body } }
    public func afterRestoring(_ body: @escaping Restored) -> Self { with { $0.restored = body } }
    public func panel(_ body: @escaping Panel) -> Self { with { $0.detailPanels.append(body) } }
    public func rowAction(_ name: String, summary: String, done: String, problems: [Int] = [], perform: @escaping RowAction.Perform) -> Self {
        with { $0.rowActions.append(RowAction(name: name, summary: summary, done: done, problems: problems, perform: perform)) }
    }
    public func restoringVersions(_ body: @escaping RestoreVersion) -> Self { with { $0.restoreVersion = body } }
    public func answeringCreate(with properties: [String: JSONValue]) -> Self { with { $0.createdAnswerProperties.merge(properties) { $1 } } }

    private func with(_ change: (inout Self) -> Void) -> Self {
        var copy = self
        change(&copy)
        return copy
    }
}
