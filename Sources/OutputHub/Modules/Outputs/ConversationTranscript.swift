import Foundation
import Vapor

/// A conversation's messages as a chat transcript, in sequence, on the conversation's detail page.
enum ConversationTranscript {
    static let limit = 200

    @Sendable static func render(_ req: Request, _ conversation: DBRow) async throws -> HTML {
        let messages = Resources.of(ConversationTables.messages)
        guard let session = req.signedIn, let id = conversation["id"]?.uuidValue,
              let conversationColumn = messages.column("conversation_id") else { return .empty }
        var query = ListQuery()
        query.limit = limit
        query.filters = [Filter(column: conversationColumn, op: .eq, negated: false, operand: .value(.uuid(id)))]
        query.order = [OrderTerm(column: "sequence_number", descending: false)]
        query.select = ["id", "message_type", "content", "timestamp", "model_used", "content_type"]
        let page = try await ResourceService(store: req.store, resource: messages, actor: session.actor, clients: req.hubClients).list(query)
        guard !page.rows.isEmpty else { return "<section class=\"panel\"><h2>Transcript</h2><p class=\"muted\">No messages yet.</p></section>" }
        let items = page.rows.map { row -> HTML in
            let type = row[1].stringValue ?? ""
            let who = switch type {
            case "user_message": "User"
            case "bot_response": "Assistant" + (row[4].stringValue.map { " · \($0)" } ?? "")
            default: "System"
            }
            return """
                <article class="msg \(type == "user_message" ? "user" : "bot")"><div class="who">\(who) · \(ValueFormat.timestamp(row[3]))
                · <a href="\(AdminPath.detail("messages", row[0].stringValue ?? ""))">open</a></div>
                \(ValueFormat.longText(row[2].stringValue ?? "", format: row[5].stringValue))</article>
                """
        }
        let more: HTML = page.nextCursor == nil ? .empty : "<p class=\"muted\">Showing the first \(limit) messages.</p>"
        return "<section class=\"transcript\" aria-labelledby=\"transcript-heading\"><h2 id=\"transcript-heading\">Transcript</h2>\(items)\(more)</section>"
    }
}
