/// A parsed robots.txt (RFC 9309): its groups of rules per user-agent and its `Sitemap:` lines.
public struct RobotsTxt: Sendable, Hashable {
    /// One `Allow:` or `Disallow:` line.
    public struct Rule: Sendable, Hashable {
        /// `true` for `Allow`, `false` for `Disallow`.
        public var allows: Bool
        /// The path pattern, percent-encoding normalized; `*` matches any run, a final `$` anchors the end.
        public var pattern: String

        /// Creates a rule, normalizing the pattern's percent-encoding.
        public init(allows: Bool, pattern: String) {
            self.allows = allows
            self.pattern = PercentEncoding.normalize(pattern)
        }
    }

    /// A group: one or more `User-agent:` lines and the rules under them.
    public struct Group: Sendable, Hashable {
        /// The product tokens the group names, lower-cased (`*` for everyone else).
        public var userAgents: [String]
        /// The group's rules, in file order.
        public var rules: [Rule]
        /// The group's `Crawl-delay` in seconds (not part of RFC 9309), if it has one.
        public var crawlDelay: Double?

        /// Creates a group.
        public init(userAgents: [String], rules: [Rule] = [], crawlDelay: Double? = nil) {
            self.userAgents = userAgents
            self.rules = rules
            self.crawlDelay = crawlDelay
        }
    }

    /// The groups, in file order.
    public var groups: [Group]
    /// The `Sitemap:` URLs, in file order (they belong to no group).
    public var sitemaps: [String]

    /// Only this many bytes of a robots.txt are parsed (RFC 9309 asks for at least 500 KiB).
    public static let parseLimit = 500 * 1024

    /// Creates a robots.txt from its parts.
    public init(groups: [Group] = [], sitemaps: [String] = []) {
        self.groups = groups
        self.sitemaps = sitemaps
    }

    /// The rules for a crawler whose product token is `productToken` (`SpoorBot`, or a full
    /// `SpoorBot/1.0` user-agent): every group naming it, merged; else the `*` groups; else none.
    public func rules(for productToken: String) -> RobotsRules {
        let token = Self.productToken(productToken)
        var matched = groups.filter { $0.userAgents.contains(token) }
        if matched.isEmpty { matched = groups.filter { $0.userAgents.contains("*") } }
        return RobotsRules(
            rules: matched.flatMap(\.rules),
            crawlDelay: matched.lazy.compactMap(\.crawlDelay).first)
    }

    /// Whether `productToken` may fetch `pathAndQuery` (the URL's path and query, e.g. `/a?b=1`).
    public func isAllowed(_ pathAndQuery: String, for productToken: String) -> Bool {
        rules(for: productToken).isAllowed(pathAndQuery)
    }

    /// The product token at the start of a user-agent value, lower-cased: the leading run of
    /// letters, `_` and `-` (`Googlebot/2.1` gives `googlebot`); `*` stays `*`.
    static func productToken(_ value: String) -> String {
        let trimmed = value.trimmingASCIIWhitespace()
        if trimmed.hasPrefix("*") { return "*" }
        let token = trimmed.utf8.prefix { byte in
            (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F || byte == 0x2D
        }
        return String(decoding: token, as: UTF8.self).lowercased()
    }
}

/// The rules that apply to one crawler on one site, ready to check paths against.
public struct RobotsRules: Sendable, Hashable {
    /// The rules of every group that applies, merged.
    public var rules: [RobotsTxt.Rule]
    /// The applicable `Crawl-delay` in seconds, if any group gave one.
    public var crawlDelay: Double?

    /// Creates rules.
    public init(rules: [RobotsTxt.Rule], crawlDelay: Double? = nil) {
        self.rules = rules
        self.crawlDelay = crawlDelay
    }

    /// Everything allowed (robots.txt missing, 4xx).
    public static let allowAll = RobotsRules(rules: [])
    /// Everything disallowed (robots.txt unreachable, 5xx), except `/robots.txt` itself.
    public static let disallowAll = RobotsRules(rules: [RobotsTxt.Rule(allows: false, pattern: "/")])

    /// Whether `pathAndQuery` may be fetched: the longest matching pattern decides, `Allow` wins a
    /// tie, no match allows, and `/robots.txt` is always allowed.
    public func isAllowed(_ pathAndQuery: String) -> Bool {
        let path = PercentEncoding.normalize(pathAndQuery.isEmpty ? "/" : pathAndQuery)
        if path == "/robots.txt" { return true }
        var best: (length: Int, allows: Bool)?
        for rule in rules where RobotsPattern.matches(rule.pattern, path) {
            let length = rule.pattern.utf8.count
            if let current = best, current.length > length || (current.length == length && current.allows) { continue }
            best = (length, rule.allows)
        }
        return best?.allows ?? true
    }
}
