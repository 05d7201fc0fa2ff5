import Foundation
@testable import OutputHub
import Testing
import Vapor
import VaporTesting

/// A signed-in browser in memory: keeps cookies, follows nothing by itself, reads CSRF tokens from pages
/// and posts forms the way a browser does.
final class BrowserSession: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    /// The CSRF token of the last page that carried one.
    private(set) var csrf: String?

    init(_ app: Application) { self.app = app }

    /// Signs in through the login form.
    static func signIn(_ app: Application, email: String, password: String) async throws -> BrowserSession {
        let browser = BrowserSession(app)
        let answer = try await browser.signIn(email: email, password: password)
        #expect(answer.status == .seeOther, "signed in as \(email)")
        return browser
    }

    func signIn(email: String, password: String) async throws -> TestingHTTPResponse {
        let form = try await get("/login")
        let token = try #require(Self.inputValue(form.text, name: "_form"))
        return try await post("/login", ["_form": token, "email": email, "password": password], csrf: false)
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: requestHeaders())
        remember(response)
        return response
    }

    /// Posts a URL-encoded form, adding the CSRF token of the last page unless told not to.
    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: Bool = true) async throws -> TestingHTTPResponse {
        try await post(path, pairs: fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, csrf: csrf)
    }

    @discardableResult
    func post(_ path: String, pairs: [(String, String)], csrf: Bool = true) async throws -> TestingHTTPResponse {
        var pairs = pairs
        if csrf {
            if self.csrf == nil { try await get("/admin") }
            pairs.append(("_csrf", self.csrf ?? ""))
        }
        var headers = requestHeaders()
        headers.contentType = .urlEncodedForm
        let body = pairs.map { AdminPath.encode($0.0) + "=" + AdminPath.encode($0.1) }.joined(separator: "&")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    /// Posts a multipart form with one file.
    @discardableResult
    func upload(_ path: String, fields: [String: String], file: (name: String, filename: String, content: String)) async throws -> TestingHTTPResponse {
        let boundary = "----outputhub-test-boundary"
        var body = ""
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) + [("_csrf", csrf ?? "")] {
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n\(file.content)\r\n--\(boundary)--\r\n"
        var headers = requestHeaders()
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let response = try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return response
    }

    private func requestHeaders() -> HTTPHeaders {
        var headers = HTTPHeaders()
        if !cookies.isEmpty { headers.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        return headers
    }

    private func remember(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if pair[1].isEmpty || header.contains("Expires=Thu, 01 Jan 1970") { cookies[pair[0]] = nil } else { cookies[pair[0]] = pair[1] }
        }
        if let token = Self.inputValue(response.text, name: "_csrf") { csrf = token }
    }

    /// The value of the first `<input name="…" value="…">` on a page.
    static func inputValue(_ html: String, name: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

extension TestingHTTPResponse {
    /// The page's text as a person reads it: tags removed, entities decoded, whitespace collapsed.
    var visibleText: String {
        var text = self.text
        for block in ["script", "style"] {
            while let start = text.range(of: "<\(block)"), let end = text.range(of: "</\(block)>", range: start.upperBound..<text.endIndex) {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
        }
        text = text.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    var location: String? { headers.first(name: .location) }
}
