/// How politely to crawl each host: concurrency, spacing, adaptive slow-down, retries and budgets.
public struct PolitenessPolicy: Sendable, Hashable {
    /// At most this many requests in flight per host (1 while the host is slowed down).
    public var maxConcurrentPerHost: Int
    /// Seconds between the starts of two requests to one host when all is well.
    public var minimumDelay: Double
    /// The slowest the adaptive delay may get, in seconds.
    public var maximumDelay: Double
    /// A response that took longer than this many seconds slows the host down.
    public var slowResponseThreshold: Double
    /// Seconds added to the minimum delay on the first error or slow answer; 0 turns slow-down off.
    public var slowDownStep: Double
    /// Each further error or slow answer multiplies the delay by this.
    public var slowDownFactor: Double
    /// After a healthy answer the extra delay above the minimum is multiplied by this (0 recovers at once).
    public var recoveryFactor: Double
    /// The longest `Retry-After` we honour, in seconds; longer ones are cut to this.
    public var retryAfterCap: Double
    /// The backoff before retrying a retryable failure without `Retry-After`.
    public var backoff: Backoff
    /// Retries per URL after its first attempt.
    public var maxRetriesPerURL: Int
    /// Retries across the whole crawl, or `nil` for no overall limit.
    public var maxRetriesTotal: Int?
    /// Pages (first attempts) fetched per host, or `nil` for no limit.
    public var pageBudgetPerHost: Int?
    /// The longest robots.txt `Crawl-delay` (or site profile delay) honoured, in seconds; a longer
    /// one is lowered to this. `nil`: ``maximumDelay``.
    public var maxCrawlDelay: Double?

    /// The cap on a host's `Crawl-delay`: ``maxCrawlDelay``, else ``maximumDelay``.
    public var crawlDelayCap: Double { maxCrawlDelay ?? maximumDelay }

    /// Creates a policy; the defaults are the design's for real crawls (2 per host, 1 s apart).
    public init(
        maxConcurrentPerHost: Int = 2,
        minimumDelay: Double = 1,
        maximumDelay: Double = 60,
        slowResponseThreshold: Double = 10,
        slowDownStep: Double = 1,
        slowDownFactor: Double = 2,
        recoveryFactor: Double = 0.5,
        retryAfterCap: Double = 600,
        backoff: Backoff = Backoff(),
        maxRetriesPerURL: Int = 3,
        maxRetriesTotal: Int? = 10_000,
        pageBudgetPerHost: Int? = nil,
        maxCrawlDelay: Double? = nil
    ) {
        self.maxConcurrentPerHost = max(1, maxConcurrentPerHost)
        self.minimumDelay = max(0, minimumDelay)
        self.maximumDelay = max(self.minimumDelay, maximumDelay)
        self.slowResponseThreshold = slowResponseThreshold
        self.slowDownStep = max(0, slowDownStep)
        self.slowDownFactor = max(1, slowDownFactor)
        self.recoveryFactor = min(1, max(0, recoveryFactor))
        self.retryAfterCap = max(0, retryAfterCap)
        self.backoff = backoff
        self.maxRetriesPerURL = max(0, maxRetriesPerURL)
        self.maxRetriesTotal = maxRetriesTotal
        self.pageBudgetPerHost = pageBudgetPerHost
        self.maxCrawlDelay = maxCrawlDelay.map { max(0, $0) }
    }

    /// The defaults for crawling real sites.
    public static let standard = PolitenessPolicy()

    /// No spacing, no slow-down and instant retries: for tests and benchmarks against our own server.
    public static let immediate = PolitenessPolicy(
        minimumDelay: 0, slowDownStep: 0, backoff: Backoff(base: 0, jitter: 0))
}
