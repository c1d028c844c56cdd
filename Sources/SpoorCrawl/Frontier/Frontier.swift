/// The URLs still to crawl: canonicalizes links, drops ones already seen, refuses traps and URLs
/// over a host's budget, and hands out the rest host by host. Storage sits behind
/// ``SeenURLStore`` and ``FrontierQueue`` so a durable store can replace the in-memory one.
public struct Frontier<Seen: SeenURLStore, Queue: FrontierQueue>: Sendable {
    /// What happened to a URL offered to the frontier.
    public enum Admission: Sendable, Hashable {
        /// Queued.
        case added(CanonicalURL)
        /// Already seen (queued or crawled before).
        case duplicate(CanonicalURL)
        /// Refused; the error says why (`.badURL` or `.limitExceeded`).
        case rejected(CrawlError)
        /// Refused by the trap guard (too deep, too long, a repeating path...): which limit,
        /// and the error (`.limitExceeded`) naming the URL.
        case trapped(TrapGuard.Trap, CrawlError)
    }

    /// How links become canonical URLs.
    public let canonicalizer: URLCanonicalizer
    /// The trap limits applied to every URL.
    public let trapGuard: TrapGuard
    /// URLs accepted per host at most, or `nil` for no limit.
    public let maxURLsPerHost: Int?

    private var seen: Seen
    private var queue: Queue
    private var acceptedPerHost: [String: Int] = [:]

    /// A frontier over the given stores.
    public init(
        seen: Seen, queue: Queue, canonicalizer: URLCanonicalizer = URLCanonicalizer(),
        trapGuard: TrapGuard = TrapGuard(), maxURLsPerHost: Int? = nil
    ) {
        self.seen = seen
        self.queue = queue
        self.canonicalizer = canonicalizer
        self.trapGuard = trapGuard
        self.maxURLsPerHost = maxURLsPerHost
    }

    /// URLs accepted so far (queued or already handed out).
    public var seenCount: Int { seen.count }
    /// URLs waiting.
    public var pendingCount: Int { queue.count }
    /// URLs waiting for `host`.
    public func pendingCount(forHost host: String) -> Int { queue.count(forHost: host) }
    /// URLs accepted for `host` so far.
    public func acceptedCount(forHost host: String) -> Int { acceptedPerHost[host] ?? 0 }

    /// Offers an absolute URL (a seed, a sitemap entry) at `depth`.
    @discardableResult
    public mutating func add(_ url: String, depth: Int = 0, priority: Int = 0) throws(CrawlError) -> Admission {
        let canonical: CanonicalURL
        do {
            canonical = try canonicalizer.canonicalize(url)
        } catch {
            return .rejected(error)
        }
        return try admit(canonical, depth: depth, priority: priority)
    }

    /// Offers the links found on `page`: resolved against it, one level deeper, at most
    /// ``TrapGuard/maxOutlinksPerPage`` of them (``droppedOutlinks(_:)`` are the rest). Returns
    /// one admission per link considered.
    @discardableResult
    public mutating func addOutlinks(_ links: [String], from page: FrontierEntry, priority: Int = 0) throws(CrawlError) -> [Admission] {
        var admissions: [Admission] = []
        for link in links.prefix(trapGuard.maxOutlinksPerPage) {
            do {
                let canonical = try canonicalizer.resolve(link, against: page.url)
                admissions.append(try admit(canonical, depth: page.depth + 1, priority: priority))
            } catch {
                admissions.append(.rejected(error))
            }
        }
        return admissions
    }

    /// The links of a page that ``addOutlinks(_:from:priority:)`` does not consider: those past
    /// ``TrapGuard/maxOutlinksPerPage``.
    public func droppedOutlinks(_ links: [String]) -> ArraySlice<String> {
        links.dropFirst(trapGuard.maxOutlinksPerPage)
    }

    /// The next URL to crawl, hosts taking turns; `hostFilter` skips hosts (ones whose politeness
    /// queue is already full, say).
    public mutating func next(where hostFilter: (String) -> Bool = { _ in true }) throws(CrawlError) -> FrontierEntry? {
        try queue.pop(where: hostFilter)
    }

    private mutating func admit(_ url: CanonicalURL, depth: Int, priority: Int) throws(CrawlError) -> Admission {
        let key = url.string
        if try seen.contains(key) { return .duplicate(url) }
        if let trap = trapGuard.trap(url, depth: depth) {
            return .trapped(trap, TrapGuard.error(trap, url: key))
        }
        let host = url.hostKey
        if let limit = maxURLsPerHost, acceptedPerHost[host, default: 0] >= limit {
            return .rejected(CrawlError(.limitExceeded, subject: key, "the host's budget of \(limit) URLs is spent"))
        }
        guard try seen.insert(key) else { return .duplicate(url) }
        acceptedPerHost[host, default: 0] += 1
        try queue.push(FrontierEntry(url: url, depth: depth, priority: priority))
        return .added(url)
    }
}

extension Frontier where Seen == InMemorySeenURLs, Queue == InMemoryFrontierQueue {
    /// A frontier held in memory.
    public init(canonicalizer: URLCanonicalizer = URLCanonicalizer(), trapGuard: TrapGuard = TrapGuard(), maxURLsPerHost: Int? = nil) {
        self.init(seen: InMemorySeenURLs(), queue: InMemoryFrontierQueue(), canonicalizer: canonicalizer,
                  trapGuard: trapGuard, maxURLsPerHost: maxURLsPerHost)
    }
}
