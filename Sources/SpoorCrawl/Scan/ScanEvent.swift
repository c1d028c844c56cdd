import Foundation

/// A listing found by a scan: what the page said, where and when it was fetched.
public struct ScannedListing: Sendable, Hashable {
    /// The extracted fields.
    public var listing: ExtractedListing
    /// The page it was read from (a detail page, or a results page listing many).
    public var pageURL: String
    /// When the page was fetched.
    public var fetchedAt: Date
    /// The HTTP status of the page.
    public var status: Int
    /// The address the page came from (for evidence).
    public var remoteIP: String?
    /// Its place among the listings read from the page (0 for a detail page).
    public var position: Int = 0
    /// How the page's text was decoded (the charset used and the one the page declared).
    public var charset: PageCharset?

    /// Creates a record.
    public init(
        listing: ExtractedListing, pageURL: String, fetchedAt: Date, status: Int, remoteIP: String? = nil,
        position: Int = 0, charset: PageCharset? = nil
    ) {
        self.listing = listing
        self.pageURL = pageURL
        self.fetchedAt = fetchedAt
        self.status = status
        self.remoteIP = remoteIP
        self.position = position
        self.charset = charset
    }

    /// The listing's identity within a scan: the host and the site's listing id, else its URL,
    /// else the page and its place on it.
    public var key: String {
        let host = Self.host(of: listing.url ?? pageURL)
        if let id = listing.listingID, !id.isEmpty { return "\(host)|\(listing.source)#\(id)" }
        if let url = listing.url { return url }
        return "\(pageURL)#\(position)"
    }

    /// The host of a URL without a leading `www.` (empty when there is none).
    static func host(of url: String) -> String {
        guard let start = url.range(of: "://")?.upperBound else { return "" }
        let rest = url[start...]
        return ScanState.siteKey(rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }.lowercased())
    }
}

/// How a page's text was decoded: the charset used, how it was chosen, and the charset the page
/// declared (which differs when the declaration decoded with many errors and was overridden by
/// charset detection).
public struct PageCharset: Sendable, Hashable {
    /// The WHATWG name of the charset the text was decoded from (`UTF-8`, `GB18030`...).
    public var name: String
    /// How it was chosen.
    public var source: CharsetDecoder.Source
    /// The charset the page declared (BOM, header or meta), `nil` when it declared none.
    public var declared: String?

    /// Creates a record.
    public init(name: String, source: CharsetDecoder.Source, declared: String?) {
        self.name = name
        self.source = source
        self.declared = declared
    }

    /// The charset of a fetch result, `nil` when it has no text.
    init?(_ result: FetchResult) {
        guard let name = result.charset, let source = result.charsetSource else { return nil }
        self.init(name: name, source: source, declared: result.declaredCharset)
    }
}

/// One page the scan fetched (or failed to).
public struct ScannedPage: Sendable, Hashable {
    /// The URL asked for.
    public var url: String
    /// The URL after redirects.
    public var finalURL: String
    /// The HTTP status (0 when no answer came).
    public var status: Int
    /// Listings read from it.
    public var listings: Int
    /// Links from it that joined the frontier.
    public var newLinks: Int
    /// Bytes received.
    public var bytes: Int
    /// Seconds the fetch took.
    public var seconds: Double
    /// Why the body is incomplete, when a limit cut it (WARC-Truncated values).
    public var truncated: FetchTruncation?
    /// The page's validators, to keep for a conditional re-scan.
    public var validators: PageValidators?
    /// Why the parse of the page stopped before its end (a parse limit), `nil` when it read it all.
    public var parseTruncated: ParseTruncation?
    /// How the page's text was decoded, `nil` when it had none.
    public var charset: PageCharset?

    /// Whether the page answered 304 to a conditional request: unchanged since the last scan.
    public var notModified: Bool { status == 304 }
}

/// What a scan reports as it goes, in order, on the scan's task.
public enum ScanEvent: Sendable {
    /// A page was fetched and read.
    case page(ScannedPage)
    /// A listing was found (each listing once per scan, however many pages show it).
    case listing(ScannedListing)
    /// A page or robots.txt could not be fetched or was refused; the scan goes on.
    case error(CrawlError)
    /// A listing page answered 404 or 410: the listing was taken down.
    case gone(url: String, status: Int)
    /// A limit of the scan cut something on a host for the first time (a trap, the depth limit,
    /// a page's outlink cap, a Crawl-delay over the cap): once per host and kind; the summary
    /// counts every cut.
    case limit(ScanLimit)
}

/// A limit that cut something on a host, as ``ScanEvent/limit(_:)`` reports it the first time.
public struct ScanLimit: Sendable, Hashable {
    /// Which limit.
    public enum Kind: String, Sendable, Hashable {
        /// The trap guard refused a URL (a repeating path, too many segments, too long).
        case trap
        /// A link was deeper than the scan's depth limit (what stops an endless calendar).
        case depthLimit = "depth_limit"
        /// A page had more links than are followed from one page; the rest were dropped.
        case outlinksDropped = "outlinks_dropped"
        /// robots.txt (or the site profile) asked for a delay longer than the cap; the cap applies.
        case crawlDelay = "crawl_delay"
    }

    /// Which limit.
    public var kind: Kind
    /// The host (`host[:port]`) it applies to.
    public var host: String
    /// The first URL it cut (for ``Kind/crawlDelay``, the robots.txt that asked).
    public var url: String
    /// The page whose link it was, when it cut a link.
    public var page: String?
    /// What was cut and why, in words.
    public var message: String
    /// For ``Kind/crawlDelay``: the delay asked for, in seconds.
    public var askedDelay: Double?
    /// For ``Kind/crawlDelay``: the delay applied (the cap), in seconds.
    public var appliedDelay: Double?

    /// Creates a report.
    public init(_ kind: Kind, host: String, url: String, page: String? = nil, message: String,
                askedDelay: Double? = nil, appliedDelay: Double? = nil) {
        self.kind = kind
        self.host = host
        self.url = url
        self.page = page
        self.message = message
        self.askedDelay = askedDelay
        self.appliedDelay = appliedDelay
    }
}

/// The totals of a finished (or stopped) scan.
public struct ScanSummary: Sendable, Hashable {
    /// Pages fetched (robots.txt and sitemaps not counted).
    public var pages = 0
    /// Distinct listings found.
    public var listings = 0
    /// Fetches and refusals that ended in an error.
    public var errors = 0
    /// URLs robots.txt kept us from.
    public var disallowed = 0
    /// Retries the politeness scheduler queued.
    public var retries = 0
    /// Bytes received.
    public var bytes = 0
    /// Seconds from start to end.
    public var seconds = 0.0
    /// Whether the scan was stopped (cancelled) before its frontier was empty.
    public var stopped = false
    /// Whether it stopped because the page budget was spent.
    public var budgetSpent = false
    /// Links the trap guard refused (repeating paths, too many segments, too long).
    public var trap = 0
    /// Links not followed because they were deeper than the depth limit.
    public var depthLimit = 0
    /// Links dropped because a page had more than are followed from one page.
    public var outlinksDropped = 0

    /// Creates empty totals.
    public init() {}
}
