import Foundation
import Vapor

/// Signs the request in from the session cookie; a visitor without a live session is sent to the sign-in
/// page (and back here afterwards).
struct AdminSessionMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let token = request.cookies[SessionService.cookieName]?.string,
              let signedIn = try await SessionService(store: request.store, clients: request.hubClients).resolve(token)
        else {
            let back = request.url.path + (request.url.query.map { "?" + $0 } ?? "")
            let response = request.redirect(to: AdminPath.login + AdminPath.queryString(request.method == .GET ? [("next", back)] : []), redirectType: .normal)
            if request.cookies[SessionService.cookieName] != nil { response.cookies[SessionService.cookieName] = .expired }
            return response
        }
        request.signedIn = signedIn
        return try await next.respond(to: request)
    }
}

extension Request {
    private struct SignedInKey: StorageKey { typealias Value = SessionService.SignedIn }

    /// The signed-in user of an admin request (set by `AdminSessionMiddleware`).
    var signedIn: SessionService.SignedIn? {
        get { storage[SignedInKey.self] }
        set { storage[SignedInKey.self] = newValue }
    }

    /// The form fields of a POST, after checking its CSRF token: every admin form is read through here.
    func adminForm(maxSize: Int = 1 << 20) throws -> FormFields {
        let fields = try FormFields.read(self, maxSize: maxSize)
        guard let session = signedIn, let token = fields.first("_csrf") ?? headers.first(name: "X-CSRF-Token"),
              constantTimeEqual(token, session.csrfToken)
        else { throw AdminError.forbidden("This form has expired or did not come from Output Hub. Reload the page and try again.") }
        return fields
    }

    /// Whether the request came over TLS (directly or through a proxy that says so).
    var isSecure: Bool {
        url.scheme == "https" || headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
    }
}

/// Compares two tokens without stopping at the first difference.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<x.count { difference |= x[i] ^ y[i] }
    return difference == 0
}

/// An admin request refused with a page rather than a problem document.
struct AdminError: Error {
    let status: HTTPResponseStatus
    let message: String

    static func forbidden(_ message: String) -> AdminError { AdminError(status: .forbidden, message: message) }
    static func notFound(_ message: String = "There is no such page or record.") -> AdminError { AdminError(status: .notFound, message: message) }
}

/// A session cookie: HttpOnly, SameSite=Lax, Secure over TLS.
func sessionCookie(_ token: String, secure: Bool) -> HTTPCookies.Value {
    HTTPCookies.Value(string: token, maxAge: Int(SessionService.idleLifetime), path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
}
