/// One URL waiting in the frontier.
public struct FrontierEntry: Sendable, Hashable {
    /// The canonical URL.
    public var url: CanonicalURL
    /// Links followed from a seed to reach it (0 for seeds).
    public var depth: Int
    /// Higher goes first within its host; equal priorities go in order of arrival.
    public var priority: Int

    /// Creates an entry.
    public init(url: CanonicalURL, depth: Int = 0, priority: Int = 0) {
        self.url = url
        self.depth = depth
        self.priority = priority
    }

    /// A first-attempt ``FetchTask`` for the politeness scheduler.
    public var fetchTask: FetchTask { FetchTask(url: url.string, host: url.hostKey, depth: depth) }
}

/// The set of URLs the frontier has accepted, keyed by canonical URL. The seam for a durable store.
public protocol SeenURLStore: Sendable {
    /// Adds `key`; `true` if it was new.
    mutating func insert(_ key: String) throws(CrawlError) -> Bool
    /// Whether `key` was added before.
    func contains(_ key: String) throws(CrawlError) -> Bool
    /// How many keys were added.
    var count: Int { get }
}

/// The waiting URLs, by host. The seam for a durable queue.
public protocol FrontierQueue: Sendable {
    /// Adds an entry behind its host's entries of the same priority.
    mutating func push(_ entry: FrontierEntry) throws(CrawlError)
    /// The next entry of the next host (in turn) for which `hostFilter` is `true`; `nil` if none.
    mutating func pop(where hostFilter: (String) -> Bool) throws(CrawlError) -> FrontierEntry?
    /// Entries waiting, over all hosts.
    var count: Int { get }
    /// Entries waiting for `host` (a ``CanonicalURL/hostKey``).
    func count(forHost host: String) -> Int
}
