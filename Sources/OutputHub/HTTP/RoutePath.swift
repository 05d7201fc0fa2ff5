import Foundation
import Vapor

/// One address of the server, written once: it registers the route (`pattern`) and builds links to it
/// (`link`), so no path string appears twice. `AdminPath` and `APIPath` hold them by name.
public struct RoutePath: Sendable, Hashable {
    public enum Segment: Sendable, Hashable, ExpressibleByStringLiteral {
        case constant(String)
        /// The table or view name (`:table`).
        case table
        /// A row id (`:id`).
        case id
        /// Any other named segment (`:version`, `:label`).
        case parameter(String)

        public init(stringLiteral value: String) { self = .constant(value) }
    }

    public let segments: [Segment]

    public init(_ segments: Segment...) { self.segments = segments }
    init(segments: [Segment]) { self.segments = segments }

    /// The same route with more segments after it.
    public func appending(_ more: Segment...) -> RoutePath { RoutePath(segments: segments + more) }

    /// The path components Vapor registers (`:table`, `:id` as parameters).
    public var pattern: [PathComponent] {
        segments.map { segment in
            switch segment {
            case .constant(let text): .constant(text)
            case .table: .parameter("table")
            case .id: .parameter("id")
            case .parameter(let name): .parameter(name)
            }
        }
    }

    /// The path with the table, id and other parameters filled in (a missing one as its OpenAPI
    /// template, `{name}`), and a percent-encoded query string.
    public func link(table: String = "", id: String = "", _ values: [String: String] = [:], query: [(String, String)] = []) -> String {
        let path = segments.map { segment -> String in
            switch segment {
            case .constant(let text): text
            case .table: table
            case .id: id
            case .parameter(let name): values[name].map(Self.encode) ?? "{\(name)}"
            }
        }
        return "/" + path.joined(separator: "/") + Self.queryString(query)
    }

    /// `?a=b&c=d`, percent-encoded; empty when there are no pairs.
    static func queryString(_ pairs: [(String, String)]) -> String {
        guard !pairs.isEmpty else { return "" }
        return "?" + pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
    }

    private static let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~*()")

    static func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text }
}

extension RoutesBuilder {
    /// Registers `route` for `method`; a POST collects its form or JSON body up to `body`.
    @discardableResult
    func on(_ method: HTTPMethod, _ route: RoutePath, body: ByteCount? = nil,
            use closure: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable) -> Vapor.Route {
        on(method, route.pattern, body: body.map { .collect(maxSize: $0) } ?? .collect, use: closure)
    }
}
