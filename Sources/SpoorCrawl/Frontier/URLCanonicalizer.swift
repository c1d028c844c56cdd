/// Turns URLs and links into ``CanonicalURL``s: lower-case scheme and host, no default port, no
/// fragment, no user info, dot segments resolved, percent-encoding normalized, empty path as `/`,
/// session ids stripped from the query and from `;jsessionid=` path parameters. Only http and https
/// are accepted. Written by hand rather than on Foundation's `URL`, whose Linux parsing differs.
public struct URLCanonicalizer: Sendable, Hashable {
    /// Query and path-parameter names (lower-case) that carry session ids and are removed.
    public var sessionParameters: Set<String>
    /// Names starting with one of these (lower-case) are removed too (`ASPSESSIONIDQQGGQ…`).
    public var sessionParameterPrefixes: [String]

    /// The session parameters removed by default.
    public static let defaultSessionParameters: Set<String> = [
        "jsessionid", "phpsessid", "sid", "sessionid", "session_id", "cfid", "cftoken",
    ]

    /// Creates a canonicalizer.
    public init(
        sessionParameters: Set<String> = URLCanonicalizer.defaultSessionParameters,
        sessionParameterPrefixes: [String] = ["aspsessionid"]
    ) {
        self.sessionParameters = Set(sessionParameters.map { $0.lowercased() })
        self.sessionParameterPrefixes = sessionParameterPrefixes.map { $0.lowercased() }
    }

    /// The canonical form of the absolute URL `text`; `.badURL` if it is not http(s) or has no host.
    public func canonicalize(_ text: String) throws(CrawlError) -> CanonicalURL {
        let reference = URLReference(text)
        guard reference.scheme != nil else {
            throw CrawlError(.badURL, subject: text, "not an absolute URL")
        }
        return try canonical(reference, original: text)
    }

    /// The canonical form of the link `reference` found on the page `base`.
    public func resolve(_ reference: String, against base: CanonicalURL) throws(CrawlError) -> CanonicalURL {
        let baseReference = URLReference(
            scheme: base.scheme, authority: base.hostKey, path: base.path, query: base.query, fragment: nil)
        return try canonical(URLReference(reference).resolved(against: baseReference), original: reference)
    }

    private func canonical(_ reference: URLReference, original: String) throws(CrawlError) -> CanonicalURL {
        guard let scheme = reference.scheme, scheme == "http" || scheme == "https" else {
            throw CrawlError(.badURL, subject: original, "only http and https URLs are crawled")
        }
        guard let authority = reference.authority else {
            throw CrawlError(.badURL, subject: original, "has no host")
        }
        let (host, port) = try hostAndPort(authority, scheme: scheme, original: original)

        var path = URLReference.removeDotSegments(PercentEncoding.normalize(reference.path))
        if path.isEmpty { path = "/" }
        if !path.hasPrefix("/") { path = "/" + path }
        if path.contains(";") { path = strippingSessionPathParameters(path) }

        var query: String?
        if let raw = reference.query {
            let kept = raw.split(separator: "&").map { PercentEncoding.normalize($0) }.filter { !isSessionParameter($0) }
            query = kept.isEmpty ? nil : kept.joined(separator: "&")
        }
        return CanonicalURL(scheme: scheme, host: host, port: port, path: path, query: query)
    }

    private func hostAndPort(_ authority: String, scheme: String, original: String) throws(CrawlError) -> (String, Int?) {
        // Drop user info: crawls never send credentials in URLs.
        var hostPort = Substring(authority)
        if let at = hostPort.lastIndex(of: "@") { hostPort = hostPort[hostPort.index(after: at)...] }

        var host: Substring
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else {
                throw CrawlError(.badURL, subject: original, "unterminated IPv6 address")
            }
            host = hostPort[...close]
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw CrawlError(.badURL, subject: original, "unexpected text after the IPv6 address")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = hostPort
        }
        while host.hasSuffix(".") { host = host.dropLast() }
        guard !host.isEmpty else { throw CrawlError(.badURL, subject: original, "has no host") }
        guard host.utf8.allSatisfy({ $0 > 0x20 && $0 != 0x7F && !" <>\"{}|\\^`%/?#".utf8.contains($0) }) else {
            throw CrawlError(.badURL, subject: original, "the host has characters a host cannot have")
        }

        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.utf8.count <= 5, portText.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  let number = Int(portText), number <= 65_535 else {
                throw CrawlError(.badURL, subject: original, "the port is not a number from 0 to 65535")
            }
            port = number
        }
        if port == (scheme == "https" ? 443 : 80) { port = nil }
        return (host.lowercased(), port)
    }

    private func isSessionParameter(_ pair: some StringProtocol) -> Bool {
        let name = (pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? "").lowercased()
        return sessionParameters.contains(name) || sessionParameterPrefixes.contains { name.hasPrefix($0) }
    }

    /// `path` without `;name=value` parameters that carry session ids (`/a;jsessionid=1F/b`).
    private func strippingSessionPathParameters(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            let parts = segment.split(separator: ";", omittingEmptySubsequences: false)
            let kept = [parts[0]] + parts.dropFirst().filter { !isSessionParameter($0) }
            return kept.joined(separator: ";")
        }.joined(separator: "/")
    }
}
