import Foundation

/// The knowledge base's table behaviour: a document can be ingested again (`retry`), and domain
/// statistics follow mappings and deletions.
enum KnowledgeRules {
    static let sources = TableBehaviour(KnowledgeTables.knowledgeSources)
        .rowAction("retry", summary: "Ingest the document again (after a failure, or to re-read its file)", done: "Queued for ingestion.", problems: [409]) { id, context in
            guard let row = try await context.store.find(KnowledgeTables.knowledgeSources, id: .uuid(id)) else { throw Problem.notFound() }
            let status = row["processing_status"]?.stringValue ?? ""
            guard status == "failed" || status == "completed" else {
                throw Problem.conflict([FieldError("processing_status", "busy", "the document is \(status): it is already queued for ingestion")])
            }
            var log = DocumentPipeline.log(of: row)
            log.append(ProcessingLog.entry("retry", "ok", at: context.clients.clock.now(), detail: "queued again"))
            try await DocumentPipeline.save(id, ["processing_status": .string("uploaded"), "processing_error": .null], log: log,
                                            in: context.store, clients: context.clients)
            try await context.clients.jobs(in: context.store).enqueue(DocumentPipeline.job, payload: .object([
                "document_id": .string(id.lowercaseText), "language_given": .bool(true),
            ]), tenant: context.actor.tenantID)
        }
        .deleting { id, context in
            let domains = try await DomainStatistics.domains(of: id, in: context.store)
            var sql = SQLText(context.store.engine, "UPDATE knowledge_sources SET deleted_at = ")
            sql.bind(.date(context.clients.clock.now()), as: .timestamp)
            sql.append(" WHERE id = ")
            sql.bind(.uuid(id), as: .uuid)
            try await context.store.run(sql)
            try await DomainStatistics.refresh(domains: domains, in: context.store)
            return true
        }
        .afterRestoring { id, context in
            try await DomainStatistics.refresh(domains: try await DomainStatistics.domains(of: id, in: context.store), in: context.store)
        }

    static let mappings = TableBehaviour(KnowledgeTables.knowledgeDomainMapping)
        .inserting { row, context in
            let inserted = try await context.store.insert(KnowledgeTables.knowledgeDomainMapping, row)
            if row["is_primary"]?.boolValue == true, let source = row["knowledge_source_id"]?.uuidValue {
                try await DomainStatistics.clearPrimary(source: source, except: inserted["id"]?.uuidValue, in: context.store)
            }
            try await DomainStatistics.refresh(domains: [row["domain_id"]?.uuidValue].compactMap { $0 }, in: context.store)
            return inserted
        }
        .deleting { id, context in
            guard let row = try await context.store.find(KnowledgeTables.knowledgeDomainMapping, id: .uuid(id)) else { return false }
            try await context.store.delete(KnowledgeTables.knowledgeDomainMapping, id: .uuid(id))
            try await DomainStatistics.refresh(domains: [row["domain_id"]?.uuidValue].compactMap { $0 }, in: context.store)
            return true
        }
}
