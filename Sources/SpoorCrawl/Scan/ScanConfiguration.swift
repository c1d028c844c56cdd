/// What one scan crawls and how: seeds and site profiles, scope, budgets, concurrency and the
/// fetcher's limits and SSRF allow-list.
public struct ScanConfiguration: Sendable {
    /// URLs to start from (in addition to the profiles' start URLs).
    public var seeds: [String]
    /// Site profiles; a page on a host of a profile's start URLs is read with that profile,
    /// any other page through its structured data (JSON-LD, microdata, OpenGraph).
    public var profiles: [SiteProfile]
    /// Terms to fill into the profiles' search URL templates (each term once per template).
    public var searchTerms: [String]
    /// The most pages to fetch in the whole scan (robots.txt and sitemaps not counted).
    public var maxPages: Int
    /// Links deeper than this many hops from a seed are not followed.
    public var maxDepth: Int
    /// Fetches in flight at once, over all hosts.
    public var concurrency: Int
    /// How often and how many at once each host is asked, retries and budgets.
    public var politeness: PolitenessPolicy
    /// The fetcher: user-agent, limits, allowed hosts.
    public var fetcher: FetcherConfiguration
    /// The product token robots.txt groups are matched against (the user-agent's first word).
    public var robotsToken: String
    /// Whether to read the sitemaps robots.txt lists and crawl the URLs in them.
    public var followSitemaps: Bool
    /// The validators a previous scan saw for a page URL (from ``ScannedPage/validators``), so a
    /// re-scan asks "has it changed?" (`If-None-Match`, `If-Modified-Since`) and an unchanged
    /// page answers 304 without a body. The durable store supplies them; `nil`: fetch everything.
    /// Give them for listing pages: an index page that answers 304 brings no links to follow.
    public var validators: (@Sendable (String) -> PageValidators?)?

    /// Creates a configuration; by default polite (2 requests per host, 1 s apart) and bounded.
    public init(
        seeds: [String] = [], profiles: [SiteProfile] = [], searchTerms: [String] = [], maxPages: Int = 1000,
        maxDepth: Int = 8, concurrency: Int = 32, politeness: PolitenessPolicy = .standard,
        fetcher: FetcherConfiguration = FetcherConfiguration(), robotsToken: String? = nil, followSitemaps: Bool = true
    ) {
        self.seeds = seeds
        self.profiles = profiles
        self.searchTerms = searchTerms
        self.maxPages = maxPages
        self.maxDepth = maxDepth
        self.concurrency = concurrency
        self.politeness = politeness
        self.fetcher = fetcher
        self.robotsToken = robotsToken ?? Self.productToken(of: fetcher.userAgent)
        self.followSitemaps = followSitemaps
        self.validators = nil
    }

    /// The product token of a user-agent string: `SpoorBot` for `SpoorBot/1.0 (+https://…)`.
    public static func productToken(of userAgent: String) -> String {
        let first = userAgent.split(separator: " ").first.map(String.init) ?? userAgent
        return first.split(separator: "/").first.map(String.init) ?? first
    }
}

/// What a server said identifies a version of a page: its `ETag` and `Last-Modified`.
public struct PageValidators: Sendable, Hashable {
    /// The `ETag` header, as sent.
    public var etag: String?
    /// The `Last-Modified` header, as sent.
    public var lastModified: String?

    /// Creates validators; `nil` when the server sent neither.
    public init?(etag: String?, lastModified: String?) {
        guard etag != nil || lastModified != nil else { return nil }
        self.etag = etag
        self.lastModified = lastModified
    }
}
