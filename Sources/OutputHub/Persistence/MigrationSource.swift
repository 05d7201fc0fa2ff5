/// Writes a `FrozenMigration` as Swift source: the statements of both engines as raw string literals,
/// so the file is the migration, readable and reviewable.
enum MigrationSource {
    struct Step {
        let name: String
        let sequence: Int
        let sqliteUp: [String], sqliteDown: [String]
        let postgresUp: [String], postgresDown: [String]
    }

    /// A file declaring `step` as a static member of `namespace` (the module's migrations enum).
    static func file(_ step: Step, namespace: String, summary: String) -> String {
        """
        \(comment(summary))
        // Released migrations never change: change the schema with a new migration (`outputhub dev make-migration`).

        extension \(namespace) {
            static let \(lowerFirst(step.name)) = FrozenMigration(
                name: "\(step.name)", sequence: \(step.sequence),
                sqlite: .init(
                    up: \(list(step.sqliteUp)),
                    down: \(list(step.sqliteDown))),
                postgres: .init(
                    up: \(list(step.postgresUp)),
                    down: \(list(step.postgresDown))))
        }

        """
    }

    /// `text` as `//` lines of at most 110 characters.
    static func comment(_ text: String) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + word.count + 1 > 110 {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { "// " + $0 }.joined(separator: "\n")
    }

    static func lowerFirst(_ name: String) -> String { name.prefix(1).lowercased() + name.dropFirst() }

    private static func list(_ statements: [String]) -> String {
        guard !statements.isEmpty else { return "[]" }
        let indent = "            "
        let items = statements.map { statement -> String in
            let lines = statement.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.count == 1 && !statement.contains("\"#") { return indent + "    #\"" + statement + "\"#," }
            let body = lines.map { indent + "    " + $0 }.joined(separator: "\n")
            return indent + "    #\"\"\"\n" + body + "\n" + indent + "    \"\"\"#,"
        }
        return "[\n" + items.joined(separator: "\n") + "\n" + indent + "]"
    }
}
