import Foundation

/// The knowledge base's defaults and the tenant settings that change them.
enum KnowledgeDefaults {
    static let chunkTokens = 400
    static let overlapTokens = 60
    static let chunkTokenRange = 50...8000
    /// Tenant settings (`system_settings`): chunk size and overlap in tokens, and the model configuration
    /// whose model embeds the tenant's chunks.
    static let chunkTokensSetting = "knowledge_chunk_tokens"
    static let overlapTokensSetting = "knowledge_overlap_tokens"
    static let embeddingSetting = "embedding_configuration"
    /// Uploads larger than this are refused.
    static let maximumFileSize = 50 * 1_048_576
}

/// A guess at a text's language from its commonest words, for `extracted_metadata.language` when the
/// upload and the file say nothing. Covers the languages the stop-word lists below cover; else nil.
enum LanguageGuess {
    static let markers: [String: Set<String>] = [
        "en": ["the", "and", "of", "to", "is", "in", "that", "it", "for", "with", "are", "this", "be", "on"],
        "de": ["der", "die", "und", "das", "ist", "nicht", "mit", "sich", "auf", "für", "ein", "eine", "zu", "den"],
        "fr": ["le", "la", "les", "et", "est", "des", "une", "pour", "dans", "que", "qui", "pas", "du", "sur"],
        "es": ["el", "la", "los", "las", "y", "es", "que", "una", "para", "con", "por", "del", "se", "no"],
        "it": ["il", "di", "che", "e", "la", "per", "una", "sono", "non", "con", "gli", "della", "del", "è"],
        "nl": ["de", "het", "een", "en", "van", "is", "niet", "dat", "op", "voor", "met", "zijn", "te", "ook"],
        "pt": ["o", "a", "os", "que", "e", "do", "da", "não", "uma", "para", "com", "em", "é", "dos"],
    ]

    static func guess(_ text: String) -> String? {
        var counts: [String: Int] = [:]
        var seen = 0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter }).prefix(2000) {
            seen += 1
            for (language, words) in markers where words.contains(String(word)) { counts[language, default: 0] += 1 }
        }
        guard let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }), best.value >= max(3, seen / 50) else { return nil }
        return best.key
    }
}
