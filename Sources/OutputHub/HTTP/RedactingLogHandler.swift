import Foundation
import Logging

/// Wraps a log handler so that secrets never reach the log: API keys and session tokens are masked, the
/// Authorization and Cookie headers are withheld, and the HTTP server's raw request dumps (trace level),
/// whose bodies may carry passwords or credentials, are replaced by a note.
/// Generic over the wrapped handler so that setting metadata (every request sets its id) is a plain struct
/// update rather than an existential copy.
public struct RedactingLogHandler<Wrapped: LogHandler>: LogHandler {
    var wrapped: Wrapped

    public init(wrapping handler: Wrapped) { wrapped = handler }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        wrapped.log(level: level, message: "\(RedactionPatterns.redact(message.description))", metadata: metadata, source: source,
                    file: file, function: function, line: line)
    }
}

/// What `RedactingLogHandler` removes from log messages.
enum RedactionPatterns {
    static let all: [(NSRegularExpression, String)] = [
        (try! NSRegularExpression(pattern: "(?i)(authorization|cookie|set-cookie|x-csrf-token):[^;}\\n]*"), "$1: [withheld]"),
        (try! NSRegularExpression(pattern: "oh_[A-Za-z0-9]{40}"), "oh_[redacted]"),
        (try! NSRegularExpression(pattern: "(?i)(password|_csrf|_form|token)=[^&\\s]*"), "$1=[withheld]"),
    ]

    static func redact(_ text: String) -> String {
        if text.contains("Decoded HTTP part") { return "[HTTP] request part received (contents withheld: they may hold credentials)" }
        var out = text
        for (pattern, template) in all {
            out = pattern.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: template)
        }
        return out
    }
}
