/// The politeness state of one host: what is in flight, when the last request started, how far the
/// host is slowed down and until when it asked us to pause. Pure: every change takes `now`.
public struct HostPoliteness: Sendable, Hashable {
    /// The host key this state is for.
    public let host: String
    /// The policy it applies (the crawl's, or a site's override of it).
    public private(set) var policy: PolitenessPolicy
    /// Requests started and not yet finished.
    public private(set) var inFlight = 0
    /// When the most recent request started.
    public private(set) var lastStart: CrawlInstant?
    /// The current spacing between request starts, in seconds (the minimum unless slowed down).
    public private(set) var currentDelay: Double
    /// No request starts before this (set by `Retry-After`).
    public private(set) var pausedUntil: CrawlInstant?
    /// First attempts started: the pages counted against the host's page budget.
    public private(set) var pagesStarted = 0
    /// The spacing the host recovers to: the policy's minimum, or a longer robots.txt `Crawl-delay`.
    public private(set) var minimumDelay: Double

    /// Fresh state for `host` under `policy`.
    public init(host: String, policy: PolitenessPolicy) {
        self.host = host
        self.policy = policy
        currentDelay = policy.minimumDelay
        minimumDelay = policy.minimumDelay
    }

    /// Applies a site's own limits (from its profile): requests in flight at once and pages per
    /// crawl; `nil` keeps the crawl's.
    public mutating func override(concurrency: Int?, pageBudget: Int?) {
        if let concurrency { policy.maxConcurrentPerHost = max(1, concurrency) }
        if let pageBudget { policy.pageBudgetPerHost = max(0, pageBudget) }
    }

    /// Applies a robots.txt `Crawl-delay` (or removes it with `nil`): it can only lengthen the
    /// policy's minimum delay, and is capped at ``PolitenessPolicy/crawlDelayCap``. Returns the
    /// delay applied: `seconds`, or the cap when `seconds` is longer (the caller says so).
    @discardableResult
    public mutating func setCrawlDelay(_ seconds: Double?) -> Double? {
        let wasSlowedDown = isSlowedDown
        let applied = seconds.map { min(policy.crawlDelayCap, max(0, $0)) }
        minimumDelay = max(policy.minimumDelay, applied ?? 0)
        // A slowed-down host keeps its extra delay; otherwise it moves to the new minimum.
        currentDelay = wasSlowedDown ? max(currentDelay, minimumDelay) : minimumDelay
        return applied
    }

    /// Whether errors or slow answers have pushed the delay above the minimum.
    public var isSlowedDown: Bool { currentDelay > minimumDelay }

    /// How many requests may be in flight now: the policy's limit, or 1 while slowed down.
    public var concurrencyLimit: Int { isSlowedDown ? 1 : policy.maxConcurrentPerHost }

    /// Whether the page budget allows another first attempt.
    public var hasPageBudget: Bool {
        guard let budget = policy.pageBudgetPerHost else { return true }
        return pagesStarted < budget
    }

    /// The earliest instant a request may start, or `nil` while the host is at its concurrency limit
    /// (then only a finished request frees a slot).
    public func earliestStart() -> CrawlInstant? {
        guard inFlight < concurrencyLimit else { return nil }
        var earliest = CrawlInstant(secondsSince1970: -.infinity)
        if let lastStart { earliest = lastStart.adding(currentDelay) }
        if let pausedUntil, pausedUntil > earliest { earliest = pausedUntil }
        return earliest
    }

    /// Whether a request may start at `now`.
    public func canStart(at now: CrawlInstant) -> Bool {
        guard let earliest = earliestStart() else { return false }
        return earliest <= now
    }

    /// Records that a request started at `now`; `isFirstAttempt` counts it against the page budget.
    public mutating func recordStart(at now: CrawlInstant, isFirstAttempt: Bool) {
        inFlight += 1
        lastStart = max(lastStart ?? now, now)
        if isFirstAttempt { pagesStarted += 1 }
    }

    /// Records that a request finished; `healthy` answers (fast, not an error) let the delay
    /// recover, unhealthy ones (server errors, 429, timeouts, resets, slow answers) slow it down.
    public mutating func recordFinish(healthy: Bool?) {
        inFlight = max(0, inFlight - 1)
        switch healthy {
        case true?: recover()
        case false?: slowDown()
        case nil: break
        }
    }

    /// Pauses the host until `instant` (never shortens an existing pause).
    public mutating func pause(until instant: CrawlInstant) {
        if pausedUntil.map({ instant > $0 }) ?? true { pausedUntil = instant }
    }

    private mutating func slowDown() {
        guard policy.slowDownStep > 0 else { return }
        let grown = max(currentDelay * policy.slowDownFactor, minimumDelay + policy.slowDownStep)
        // Never below the minimum: a Crawl-delay may be longer than the slow-down cap.
        currentDelay = max(minimumDelay, min(policy.maximumDelay, grown))
    }

    private mutating func recover() {
        let extra = (currentDelay - minimumDelay) * policy.recoveryFactor
        // Snap back once the extra delay no longer matters.
        currentDelay = extra < 0.05 ? minimumDelay : minimumDelay + extra
    }
}
