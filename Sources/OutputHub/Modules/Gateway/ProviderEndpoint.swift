import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a known provider's API lives, how it is spoken to and which environment variable holds its key.
/// The seed and `import-models` fill `llm_providers` from this; a row's own values win afterwards.
public struct ProviderEndpoint: Sendable {
    /// `openai` (OpenAI-compatible chat completions and embeddings) or `anthropic` (Messages API).
    public let style: String
    /// OpenAI-style bases include `/v1`; Anthropic's does not. nil: set per deployment (Azure).
    public let baseURL: String?
    public let keyVariable: String

    public static let known: [String: ProviderEndpoint] = [
        "openai": .init(style: "openai", baseURL: "https://api.openai.com/v1", keyVariable: "OPENAI_API_KEY"),
        "anthropic": .init(style: "anthropic", baseURL: "https://api.anthropic.com", keyVariable: "ANTHROPIC_API_KEY"),
        "google": .init(style: "openai", baseURL: "https://generativelanguage.googleapis.com/v1beta/openai", keyVariable: "GEMINI_API_KEY"),
        "azure_openai": .init(style: "openai", baseURL: nil, keyVariable: "AZURE_API_KEY"),
        "mistral": .init(style: "openai", baseURL: "https://api.mistral.ai/v1", keyVariable: "MISTRAL_API_KEY"),
        "groq": .init(style: "openai", baseURL: "https://api.groq.com/openai/v1", keyVariable: "GROQ_API_KEY"),
        "deepseek": .init(style: "openai", baseURL: "https://api.deepseek.com/v1", keyVariable: "DEEPSEEK_API_KEY"),
        "xai": .init(style: "openai", baseURL: "https://api.x.ai/v1", keyVariable: "XAI_API_KEY"),
        "openrouter": .init(style: "openai", baseURL: "https://openrouter.ai/api/v1", keyVariable: "OPENROUTER_API_KEY"),
        "together_ai": .init(style: "openai", baseURL: "https://api.together.xyz/v1", keyVariable: "TOGETHER_API_KEY"),
        "fireworks_ai": .init(style: "openai", baseURL: "https://api.fireworks.ai/inference/v1", keyVariable: "FIREWORKS_API_KEY"),
        "ollama": .init(style: "openai", baseURL: "http://127.0.0.1:11434/v1", keyVariable: "OLLAMA_API_KEY"),
    ]
}

/// Which base URLs the gateway may call: http or https with a host, never a link-local address or a cloud
/// provider's metadata service (a tenant must not reach the server's own cloud credentials through it).
/// Loopback and private addresses stay allowed: local model servers (Ollama, vLLM) live there.
public enum BaseURLRule {
    static let metadataHosts: Set<String> = ["metadata.google.internal", "metadata", "metadata.azure.com", "instance-data", "instance-data.ec2.internal"]

    /// Why `text` may not be called, or nil when it may.
    public static func problem(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            return "must be an http:// or https:// URL"
        }
        guard var host = url.host?.lowercased(), !host.isEmpty else { return "must name a host" }
        if url.user != nil || url.password != nil { return "must not carry a user name or password (put the key in api_key)" }
        if host.hasPrefix("[") { host = String(host.dropFirst().dropLast()) }
        host = host.hasSuffix(".") ? String(host.dropLast()) : host
        if metadataHosts.contains(host) { return "must not be a cloud metadata address" }
        // Numbers a resolver would read as an IPv4 address in another spelling (2852039166, 0xa9fea9fe,
        // 0251.0376.0251.0376) are refused: only the dotted decimal form is checked and allowed.
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        let numeric = parts.allSatisfy { part in
            !part.isEmpty && (part.allSatisfy(\.isNumber) || (part.hasPrefix("0x") && part.dropFirst(2).allSatisfy(\.isHexDigit)))
        }
        if !host.contains(":"), numeric, ipv4(host) == nil || parts.contains(where: { $0.count > 1 && $0.hasPrefix("0") }) {
            return "must be a host name or a dotted decimal IPv4 address"
        }
        if let v4 = ipv4(host) {
            if v4[0] == 169 && v4[1] == 254 { return "must not be a link-local address (169.254.0.0/16, where cloud metadata lives)" }
            if v4[0] == 100 && v4[1] == 100 && v4[2] == 100 && v4[3] == 200 { return "must not be a cloud metadata address" }
            if v4 == [0, 0, 0, 0] { return "must not be the unspecified address" }
        }
        if host.contains(":") {
            guard let bytes = ipv6(host) else { return "must be a valid IPv6 address" }
            if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return "must not be a link-local address (fe80::/10)" }
            if bytes == [0xfd, 0x00, 0x0e, 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0x54] { return "must not be a cloud metadata address" }
            // IPv4 inside IPv6 (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d) would bypass the IPv4 checks.
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && (bytes[10..<12].allSatisfy { $0 == 0xff } || bytes[10..<12].allSatisfy { $0 == 0 })
                || bytes[0..<12] == [0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0] {
                if !(bytes[0..<15].allSatisfy { $0 == 0 }) { return "must not be an IPv4 address written as IPv6" }
            }
        }
        return nil
    }

    /// The 16 bytes of an IPv6 address, or nil when it is not one.
    private static func ipv6(_ host: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, host, &address) == 1 else { return nil }
        return withUnsafeBytes(of: &address) { Array($0) }
    }

    /// The four parts of a dotted IPv4 address (decimal only: other spellings are not addresses here).
    private static func ipv4(_ host: String) -> [Int]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let numbers = parts.compactMap { Int($0) }.filter { (0...255).contains($0) }
        return numbers.count == 4 ? numbers : nil
    }
}
