/// An http or https URL in canonical form, as ``URLCanonicalizer`` makes it: the key for dedup,
/// robots.txt and politeness.
public struct CanonicalURL: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// `http` or `https`.
    public let scheme: String
    /// The host, lower-cased, without a trailing dot; IPv6 literals keep their brackets.
    public let host: String
    /// The port, or `nil` for the scheme's default.
    public let port: Int?
    /// The path: never empty, dot segments resolved, percent-encoding normalized.
    public let path: String
    /// The query without `?`, session parameters removed, or `nil` if there is none.
    public let query: String?

    /// The whole URL.
    public var string: String { origin + pathAndQuery }
    /// `scheme://host[:port]`: the scope of a robots.txt.
    public var origin: String { "\(scheme)://\(hostKey)" }
    /// `host[:port]`: the unit politeness is kept per.
    public var hostKey: String { port.map { "\(host):\($0)" } ?? host }
    /// The path and the query, as robots.txt rules see them.
    public var pathAndQuery: String { query.map { "\(path)?\($0)" } ?? path }
    /// The origin's robots.txt.
    public var robotsURL: String { origin + "/robots.txt" }
    /// The path's segments (`/a/b/` gives `a`, `b`, and an empty last segment).
    public var pathSegments: [Substring] { path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { $0 } }

    /// The whole URL.
    public var description: String { string }

    /// Orders URLs by their text.
    public static func < (lhs: CanonicalURL, rhs: CanonicalURL) -> Bool { lhs.string < rhs.string }

    init(scheme: String, host: String, port: Int?, path: String, query: String?) {
        self.scheme = scheme
        self.host = host
        self.port = port
        self.path = path
        self.query = query
    }
}
