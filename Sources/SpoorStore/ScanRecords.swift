import Foundation

/// A scan to begin: what it is called and how it was configured.
public struct NewScan: Sendable, Hashable, Codable {
    /// A label for people and for `--resume` ("nightly-bazaar", a site name).
    public var label: String
    /// When the scan began.
    public var startedAt: Date
    /// The scan's configuration as JSON text (seeds, limits, site profiles), kept for the record.
    public var configJSON: String

    /// Creates a scan to begin.
    public init(label: String, startedAt: Date, configJSON: String = "{}") {
        self.label = label
        self.startedAt = startedAt
        self.configJSON = configJSON
    }

    enum CodingKeys: String, CodingKey {
        case label
        case startedAt = "started_at"
        case configJSON = "config_json"
    }
}

/// A scan as stored: running, or finished with its summary.
public struct ScanRecord: Sendable, Hashable, Codable, Identifiable {
    /// How a scan ended, or that it has not.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Still running, or killed before it could finish (`--resume` continues it).
        case running
        /// Ran to the end.
        case finished
        /// Stopped on purpose before the end (a signal, a limit).
        case stopped
        /// Gave up on an error.
        case failed
    }

    /// The counts a scan ends with.
    public struct Summary: Sendable, Hashable, Codable {
        /// Pages fetched (any status).
        public var pagesFetched: Int
        /// Listings extracted and upserted.
        public var listings: Int
        /// Listings whose verdict was flagged.
        public var flagged: Int
        /// Fetches or pages that failed.
        public var errors: Int

        /// Creates a summary.
        public init(pagesFetched: Int = 0, listings: Int = 0, flagged: Int = 0, errors: Int = 0) {
            self.pagesFetched = pagesFetched
            self.listings = listings
            self.flagged = flagged
            self.errors = errors
        }

        enum CodingKeys: String, CodingKey {
            case pagesFetched = "pages_fetched"
            case listings, flagged, errors
        }
    }

    /// The scan's id.
    public var id: Int64
    /// Its label.
    public var label: String
    /// When it began.
    public var startedAt: Date
    /// When it finished, if it has.
    public var finishedAt: Date?
    /// Whether it is running or how it ended.
    public var status: Status
    /// The configuration it ran with, as JSON text.
    public var configJSON: String
    /// The counts it ended with, once finished.
    public var summary: Summary?

    /// Creates a scan record.
    public init(
        id: Int64, label: String, startedAt: Date, finishedAt: Date?, status: Status,
        configJSON: String, summary: Summary?
    ) {
        self.id = id
        self.label = label
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.status = status
        self.configJSON = configJSON
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey {
        case id, label, status, summary
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case configJSON = "config_json"
    }
}

/// A URL to admit to a scan's frontier.
public struct FrontierURL: Sendable, Hashable, Codable {
    /// The canonical URL (the frontier's key within a scan).
    public var url: String
    /// Its host, for politeness and `excludingHosts`.
    public var host: String
    /// Link depth from the seeds (seeds are 0).
    public var depth: Int
    /// Higher is claimed first.
    public var priority: Int
    /// Not to be fetched before this time; `nil` for at once.
    public var notBefore: Date?

    /// Creates a URL to admit.
    public init(url: String, host: String, depth: Int = 0, priority: Int = 0, notBefore: Date? = nil) {
        self.url = url
        self.host = host
        self.depth = depth
        self.priority = priority
        self.notBefore = notBefore
    }

    enum CodingKeys: String, CodingKey {
        case url, host, depth, priority
        case notBefore = "not_before"
    }
}

/// What an admission batch did.
public struct AdmitResult: Sendable, Hashable, Codable {
    /// URLs new to the scan's frontier.
    public var admitted: Int
    /// URLs the frontier already had (left as they were).
    public var alreadyKnown: Int

    /// Creates a result.
    public init(admitted: Int, alreadyKnown: Int) {
        self.admitted = admitted
        self.alreadyKnown = alreadyKnown
    }

    enum CodingKeys: String, CodingKey {
        case admitted
        case alreadyKnown = "already_known"
    }
}

/// The fencing token of a lease: the frontier row and the lease generation it was claimed
/// at. A write with a token whose generation is no longer current is refused.
public struct LeaseToken: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The frontier row (or queue item) the lease is on.
    public var itemID: Int64
    /// The lease generation: it grows by one at every claim of the row.
    public var generation: Int64

    /// Creates a token.
    public init(itemID: Int64, generation: Int64) {
        self.itemID = itemID
        self.generation = generation
    }

    /// `#id@generation`.
    public var description: String { "#\(itemID)@\(generation)" }

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id"
        case generation
    }
}

/// A claimed frontier URL: the work and the lease on it, as data.
public struct FrontierLease: Sendable, Hashable, Codable {
    /// The fencing token to complete, release or fail the work with.
    public var token: LeaseToken
    /// The scan the URL belongs to.
    public var scanID: Int64
    /// The URL to fetch.
    public var url: String
    /// Its host.
    public var host: String
    /// Its link depth.
    public var depth: Int
    /// Its priority.
    public var priority: Int
    /// Claims so far, this one included.
    public var attempts: Int
    /// Who holds the lease.
    public var owner: String
    /// When the lease lapses and the URL may be claimed again.
    public var expiresAt: Date

    /// Creates a lease.
    public init(
        token: LeaseToken, scanID: Int64, url: String, host: String, depth: Int, priority: Int,
        attempts: Int, owner: String, expiresAt: Date
    ) {
        self.token = token
        self.scanID = scanID
        self.url = url
        self.host = host
        self.depth = depth
        self.priority = priority
        self.attempts = attempts
        self.owner = owner
        self.expiresAt = expiresAt
    }

    enum CodingKeys: String, CodingKey {
        case token, url, host, depth, priority, attempts, owner
        case scanID = "scan_id"
        case expiresAt = "expires_at"
    }
}

/// A frontier row's state.
public enum FrontierState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting to be claimed (at or after its next fetch time).
    case queued
    /// Claimed under a lease.
    case leased
    /// Fetched and processed.
    case done
    /// Given up on (a final error).
    case failed
}

/// A failed attempt at a leased URL: retried later, or given up.
public struct FrontierFailure: Sendable, Hashable, Codable {
    /// The lease the attempt ran under.
    public var token: LeaseToken
    /// A stable error code (`CrawlError.Code`'s raw value, say).
    public var errorCode: String
    /// What went wrong, in words.
    public var message: String
    /// When to try again; `nil` gives the URL up for good.
    public var retryAt: Date?

    /// Creates a failure.
    public init(token: LeaseToken, errorCode: String, message: String, retryAt: Date?) {
        self.token = token
        self.errorCode = errorCode
        self.message = message
        self.retryAt = retryAt
    }

    enum CodingKeys: String, CodingKey {
        case token, message
        case errorCode = "error_code"
        case retryAt = "retry_at"
    }
}

/// How many of a scan's frontier rows are in each state.
public struct FrontierCounts: Sendable, Hashable, Codable {
    /// Waiting to be claimed.
    public var queued: Int
    /// Under a lease (live or lapsed).
    public var leased: Int
    /// Done.
    public var done: Int
    /// Given up.
    public var failed: Int

    /// Creates counts.
    public init(queued: Int = 0, leased: Int = 0, done: Int = 0, failed: Int = 0) {
        self.queued = queued
        self.leased = leased
        self.done = done
        self.failed = failed
    }

    /// All rows.
    public var total: Int { queued + leased + done + failed }
}

/// One fetch as it happened: the evidence of what the crawler saw.
public struct FetchRecord: Sendable, Hashable, Codable {
    /// The scan that fetched it.
    public var scanID: Int64
    /// The URL asked for.
    public var url: String
    /// The HTTP status, or `nil` when no response came (a transport error).
    public var status: Int?
    /// When the response ended (or the attempt failed).
    public var fetchedAt: Date
    /// The peer's IP address, as libcurl reports it.
    public var ipAddress: String?
    /// Body bytes received (after decompression).
    public var bytes: Int
    /// SHA-256 hex of the body as received, if there was one.
    public var digest: String?
    /// Why the body is incomplete (a size or time limit), if it is.
    public var truncation: String?
    /// A stable error code, if the fetch failed.
    public var errorCode: String?
    /// The response's `ETag`, for conditional GET next time.
    public var etag: String?
    /// The response's `Last-Modified`, for conditional GET next time.
    public var lastModified: String?

    /// Creates a fetch record.
    public init(
        scanID: Int64, url: String, status: Int?, fetchedAt: Date, ipAddress: String? = nil,
        bytes: Int = 0, digest: String? = nil, truncation: String? = nil, errorCode: String? = nil,
        etag: String? = nil, lastModified: String? = nil
    ) {
        self.scanID = scanID
        self.url = url
        self.status = status
        self.fetchedAt = fetchedAt
        self.ipAddress = ipAddress
        self.bytes = bytes
        self.digest = digest
        self.truncation = truncation
        self.errorCode = errorCode
        self.etag = etag
        self.lastModified = lastModified
    }

    enum CodingKeys: String, CodingKey {
        case url, status, bytes, digest, truncation, etag
        case scanID = "scan_id"
        case fetchedAt = "fetched_at"
        case ipAddress = "ip_address"
        case errorCode = "error_code"
        case lastModified = "last_modified"
    }
}

/// A host's robots.txt as last fetched, for the 24-hour cache.
public struct RobotsRecord: Sendable, Hashable, Codable {
    /// The host (with port when not the default), lowercased.
    public var host: String
    /// When it was fetched.
    public var fetchedAt: Date
    /// When to fetch it again.
    public var expiresAt: Date
    /// The HTTP status, or `nil` when unreachable.
    public var status: Int?
    /// The body (up to the parse limit).
    public var body: String

    /// Creates a robots record.
    public init(host: String, fetchedAt: Date, expiresAt: Date, status: Int?, body: String) {
        self.host = host
        self.fetchedAt = fetchedAt
        self.expiresAt = expiresAt
        self.status = status
        self.body = body
    }

    enum CodingKeys: String, CodingKey {
        case host, status, body
        case fetchedAt = "fetched_at"
        case expiresAt = "expires_at"
    }
}
