import ArgumentParser
import Crypto
import Foundation

/// `outputhub rotate-key`: re-encrypts every stored secret under a new master key in one transaction,
/// then puts the new key in place of the old one.
struct RotateKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rotate-key",
        abstract: "Re-encrypt every stored secret under a new master key (data/master.key).")

    func run() async throws {
        let count = try await withApplication { app in
            let settings = app.outputHub.settings
            guard settings.masterKey == nil else {
                throw CLIError("rotate-key replaces data/master.key, but this server takes its key from OUTPUTHUB_MASTER_KEY; rotating a key given by setting is not supported")
            }
            try await MigrationRunner(app: app).prepare()
            let path = SecretBox.keyFile(settings)
            let newKey = SymmetricKey(size: .bits256)
            // The new key is safely on disk before any secret depends on it.
            try SecretBox.writeKey(newKey, to: path + ".new")
            let count: Int
            do {
                count = try await SecretRotation(old: app.outputHub.secrets, new: SecretBox(key: newKey)).run(app.store)
            } catch {
                try? FileManager.default.removeItem(atPath: path + ".new")
                throw error
            }
            // rename(2) replaces the old key in one step: there is never a moment without a key file.
            guard rename(path + ".new", path) == 0 else {
                throw CLIError("the secrets now use the key in \(path).new, which could not replace \(path): move it into place")
            }
            return count
        }
        print("Re-encrypted \(count) secrets under a new master key.")
    }
}

/// Opens every sealed secret with the old key and seals it with the new one, all in one transaction.
struct SecretRotation {
    let old: SecretBox
    let new: SecretBox

    func run(_ store: Store) async throws -> Int {
        let (old, new) = (self.old, self.new)
        return try await store.transaction { tx in
            var count = 0
            for table in Catalog.tables {
                for column in table.columns where column.isEncrypted {
                    let rows = try await tx.select(table).compactMap { row -> (DBValue, String)? in
                        guard let id = row["id"], var stored = row[column.name]?.stringValue else { return nil }
                        if column.type == .json, let data = stored.data(using: .utf8),
                           let string = try? JSONDecoder().decode(String.self, from: data) { stored = string }
                        return SecretBox.isSealed(stored) ? (id, stored) : nil
                    }
                    for (id, stored) in rows {
                        let resealed = try new.seal(try old.open(stored))
                        var encoded = ""
                        RowEncoding.appendString(resealed, into: &encoded)
                        try await tx.update(table, id: id, [column.name: column.type == .json ? .json(encoded) : .string(resealed)])
                        count += 1
                    }
                }
            }
            return count
        }
    }
}
