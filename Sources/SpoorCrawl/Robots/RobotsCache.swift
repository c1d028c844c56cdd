/// How a robots.txt fetch ended, as the fetcher reports it.
public enum RobotsFetchResult: Sendable, Hashable {
    /// The final response after following at most ``RobotsCachePolicy/maxRedirects`` redirects.
    case response(status: Int, body: [UInt8])
    /// The fetcher stopped after this many redirects without reaching a robots.txt.
    case tooManyRedirects(Int)
    /// No response: DNS, connect, TLS or timeout failure.
    case unreachable(reason: String)
}

/// The cache's rules for robots.txt results (RFC 9309 §2.3.1, §2.4), as pure functions of the
/// fetch result and `now`.
public struct RobotsCachePolicy: Sendable, Hashable {
    /// Our product token, matched against `User-agent:` lines.
    public var productToken: String
    /// How long a fetched robots.txt (or a 4xx "allow all") is trusted, in seconds (24 h).
    public var expiry: Double
    /// How soon to fetch again after a 5xx or an unreachable server, in seconds.
    public var unreachableRetry: Double
    /// Redirects the fetcher should follow for robots.txt (RFC 9309: at least five).
    public var maxRedirects: Int

    /// Creates a policy.
    public init(productToken: String, expiry: Double = 86_400, unreachableRetry: Double = 3_600, maxRedirects: Int = 5) {
        self.productToken = productToken
        self.expiry = expiry
        self.unreachableRetry = unreachableRetry
        self.maxRedirects = maxRedirects
    }

    /// The cache entry for `result` fetched at `now`: 2xx is parsed; 4xx (and too many redirects)
    /// means no robots.txt, so everything is allowed; 5xx, 429 and unreachable mean complete
    /// disallow until a sooner retry. (429 is treated like 5xx, as Google does: it asks us to back off.)
    public func entry(for result: RobotsFetchResult, now: CrawlInstant) -> RobotsCacheEntry {
        switch result {
        case .response(let status, let body) where (200...299).contains(status):
            let robots = RobotsTxt.parse(bytes: body)
            return RobotsCacheEntry(
                rules: robots.rules(for: productToken), source: .parsed(robots),
                fetchedAt: now, expiresAt: now.adding(expiry))
        case .response(let status, _) where status == 429 || (500...599).contains(status):
            return RobotsCacheEntry(
                rules: .disallowAll, source: .unreachable("HTTP \(status)"),
                fetchedAt: now, expiresAt: now.adding(unreachableRetry))
        case .response(let status, _) where (400...499).contains(status):
            return RobotsCacheEntry(
                rules: .allowAll, source: .unavailable("HTTP \(status)"),
                fetchedAt: now, expiresAt: now.adding(expiry))
        case .response(let status, _):
            // 1xx or a 3xx the fetcher did not follow: no robots.txt was reached.
            return RobotsCacheEntry(
                rules: .allowAll, source: .unavailable("HTTP \(status)"),
                fetchedAt: now, expiresAt: now.adding(expiry))
        case .tooManyRedirects(let count):
            return RobotsCacheEntry(
                rules: .allowAll, source: .unavailable("\(count) redirects"),
                fetchedAt: now, expiresAt: now.adding(expiry))
        case .unreachable(let reason):
            return RobotsCacheEntry(
                rules: .disallowAll, source: .unreachable(reason),
                fetchedAt: now, expiresAt: now.adding(unreachableRetry))
        }
    }
}

/// What the cache knows about one origin's robots.txt.
public struct RobotsCacheEntry: Sendable, Hashable {
    /// Where the rules came from.
    public enum Source: Sendable, Hashable {
        /// A robots.txt was fetched and parsed.
        case parsed(RobotsTxt)
        /// There is no robots.txt (4xx, too many redirects): everything is allowed.
        case unavailable(String)
        /// The server could not be asked (5xx, unreachable): everything is disallowed.
        case unreachable(String)
    }

    /// The rules for our product token.
    public var rules: RobotsRules
    /// Where they came from.
    public var source: Source
    /// When the fetch ended.
    public var fetchedAt: CrawlInstant
    /// When the entry must be fetched again.
    public var expiresAt: CrawlInstant

    /// Creates an entry.
    public init(rules: RobotsRules, source: Source, fetchedAt: CrawlInstant, expiresAt: CrawlInstant) {
        self.rules = rules
        self.source = source
        self.fetchedAt = fetchedAt
        self.expiresAt = expiresAt
    }

    /// Whether the entry may still be used at `now`.
    public func isFresh(at now: CrawlInstant) -> Bool { now < expiresAt }

    /// The sitemaps the robots.txt lists (none unless it was parsed).
    public var sitemaps: [String] {
        if case .parsed(let robots) = source { return robots.sitemaps }
        return []
    }
}

/// The answer to "may we fetch this URL?" from ``RobotsCache/check(_:now:)``.
public enum RobotsDecision: Sendable, Hashable {
    /// Fetch it.
    case allowed
    /// Do not fetch it; the error says why.
    case disallowed(CrawlError)
    /// The origin's robots.txt is missing or expired: fetch this URL first, report it with
    /// ``RobotsCache/record(_:origin:now:)``, then ask again.
    case fetchRobots(url: String)
}

/// robots.txt results per origin, with expiry. Pure: time is passed in.
public struct RobotsCache: Sendable {
    /// The rules the cache applies.
    public let policy: RobotsCachePolicy
    private var entries: [String: RobotsCacheEntry] = [:]

    /// An empty cache.
    public init(policy: RobotsCachePolicy) {
        self.policy = policy
    }

    /// The entry for `origin` (`https://host[:port]`) if it is still fresh at `now`.
    public func entry(forOrigin origin: String, now: CrawlInstant) -> RobotsCacheEntry? {
        guard let entry = entries[origin], entry.isFresh(at: now) else { return nil }
        return entry
    }

    /// Records the result of fetching `origin`'s robots.txt at `now` and returns the new entry.
    @discardableResult
    public mutating func record(_ result: RobotsFetchResult, origin: String, now: CrawlInstant) -> RobotsCacheEntry {
        let entry = policy.entry(for: result, now: now)
        entries[origin] = entry
        return entry
    }

    /// Whether `url` may be fetched at `now`. `/robots.txt` itself is always allowed.
    public func check(_ url: CanonicalURL, now: CrawlInstant) -> RobotsDecision {
        if url.path == "/robots.txt" { return .allowed }
        guard let entry = entry(forOrigin: url.origin, now: now) else { return .fetchRobots(url: url.robotsURL) }
        if entry.rules.isAllowed(url.pathAndQuery) { return .allowed }
        return .disallowed(CrawlError(.robotsDisallowed, subject: url.string, "robots.txt disallows it for \(policy.productToken)"))
    }

    /// Forgets entries that expired before `now`.
    public mutating func removeExpired(now: CrawlInstant) {
        entries = entries.filter { $0.value.isFresh(at: now) }
    }
}
