import Foundation

/// Crawls sites politely and reads listings from their pages: the loop that drives the frontier,
/// robots.txt, the politeness scheduler and the fetcher, and hands each page to a site profile or
/// the structured-data reader.
///
/// ```swift
/// let crawler = try Crawler(configuration: ScanConfiguration(seeds: ["https://shop.example/"]))
/// let summary = await crawler.run { event in
///     if case .listing(let found) = event { print(found.listing.title) }
/// }
/// ```
///
/// One task runs the loop and calls `onEvent` in order; fetching happens on the fetcher's thread
/// and parsing in child tasks, so pages are read on every core. Cancelling the task stops the
/// scan: nothing new starts, transfers in flight are aborted, and the summary says `stopped`.
public struct Crawler: Sendable {
    /// What the scan crawls and how.
    public let configuration: ScanConfiguration
    private let fetcher: Fetcher
    private let profilesByHost: [String: SiteProfile]

    /// Prepares a scan; the fetcher's thread starts here and stops when the crawler is released.
    public init(configuration: ScanConfiguration) throws(CrawlError) {
        self.configuration = configuration
        self.fetcher = try Fetcher(configuration: configuration.fetcher)
        var byHost: [String: SiteProfile] = [:]
        let canonicalizer = URLCanonicalizer()
        for profile in configuration.profiles {
            let urls = profile.startURLs + profile.searches.map { $0.url(for: "x") }
            for url in urls {
                guard let canonical = try? canonicalizer.canonicalize(url) else { continue }
                for key in [canonical.hostKey, ScanState.siteKey(canonical.hostKey), "www." + ScanState.siteKey(canonical.hostKey)]
                where byHost[key] == nil {
                    byHost[key] = profile
                }
            }
        }
        self.profilesByHost = byHost
    }

    /// The profile that reads pages of `hostKey` (`host[:port]`), if any.
    public func profile(forHost hostKey: String) -> SiteProfile? { profilesByHost[hostKey] }

    /// Runs the scan to the end (frontier empty or page budget spent) or until the task is
    /// cancelled, reporting as it goes.
    public func run(onEvent: (ScanEvent) -> Void) async -> ScanSummary {
        var state = ScanState(configuration: configuration, profilesByHost: profilesByHost)
        state.seed()
        for error in state.drainEvents() { onEvent(error) }
        await withTaskGroup(of: Completion.self) { group in
            // Fetches (pages, robots.txt, sitemaps) count against the concurrency; timers do not.
            var fetches = 0
            var timers: [CrawlInstant] = []  // deadlines of the timers still in the group
            var stopping = false
            func stop() {
                guard !stopping else { return }
                stopping = true
                state.summary.stopped = true
                group.cancelAll()
            }
            while true {
                if Task.isCancelled { stop() }
                var wake: CrawlInstant?
                if !stopping {
                    for request in state.pump() {
                        startAuxiliary(request, in: &group)
                        fetches += 1
                    }
                    starting: while fetches < configuration.concurrency {
                        switch state.scheduler.nextAction(now: .now) {
                        case .start(let task):
                            let profile = profilesByHost[task.host]
                            let fetcher = self.fetcher
                            let known = configuration.validators?(task.url)
                            // Immediate: the transfer is handed to libcurl now, not when the pool
                            // gets round to the task, so the politeness delay holds on the wire.
                            group.addImmediateTask { await Self.fetchPage(task, fetcher: fetcher, profile: profile, validators: known) }
                            fetches += 1
                        case .giveUp(let task, let reason):
                            state.report(.error(reason.error(url: task.url)))
                        case .wait(let until):
                            wake = until
                            break starting
                        case .awaitCompletions, .idle:
                            break starting
                        }
                    }
                }
                for event in state.drainEvents() { onEvent(event) }
                // Nothing running and nothing to wait for: done (or stopped and drained).
                if fetches == 0 && (stopping || wake == nil) { break }
                if !stopping, let wake, timers.min().map({ wake < $0 }) ?? true {
                    // A timer armed for later stays in the group and fires harmlessly.
                    timers.append(wake)
                    group.addTask {
                        try? await Task.sleep(for: .seconds(max(0, wake.seconds(since: .now))))
                        return .timer(wake)
                    }
                }
                guard let completion = await group.next() else { break }
                if case .timer(let deadline) = completion {
                    if let index = timers.firstIndex(of: deadline) { timers.remove(at: index) }
                } else {
                    fetches -= 1
                }
                if Task.isCancelled { stop() }
                if stopping { continue }  // drain: what was cancelled is not reported
                state.handle(completion)
                for event in state.drainEvents() { onEvent(event) }
            }
            // Timers still sleeping (a long Retry-After) must not hold the scan open.
            group.cancelAll()
        }
        state.finish()
        return state.summary
    }

    /// Starts a robots.txt or sitemap fetch.
    private func startAuxiliary(_ request: ScanState.Auxiliary, in group: inout TaskGroup<Completion>) {
        let fetcher = self.fetcher
        switch request {
        case .robots(let origin, let url, let hostKey):
            var limits = configuration.fetcher.limits
            limits.maxRedirects = min(limits.maxRedirects, 5)
            limits.maxBodyBytes = min(limits.maxBodyBytes, 500 * 1024)
            group.addTask {
                let result = await fetcher.fetch(FetchRequest(url: url, limits: limits))
                return .robots(origin: origin, hostKey: hostKey, Self.robotsResult(result), refusal: Self.refusal(result))
            }
        case .sitemap(let url, let depth):
            group.addTask {
                let result = await fetcher.fetch(FetchRequest(url: url))
                guard result.isSuccess else {
                    return .sitemap(url: url, depth: depth, .failure(result.error ?? CrawlError(.httpStatus, subject: url, "HTTP \(result.status)")))
                }
                return .sitemap(url: url, depth: depth, Result { () throws(CrawlError) in try Sitemap.parse(result.body, url: url) })
            }
        }
    }

    /// Fetches one page and reads it (in a child task, so parsing runs in parallel).
    ///
    /// Parsing waits for its share of ``ParseBudget/shared``, so that however many pages arrive
    /// at once, the parses running together stay within the budget; the body's bytes are let go
    /// first, only the decoded text waits. The body stays counted against the fetcher's body
    /// budget until the page is read, so that pages waiting to be parsed hold up new transfers
    /// instead of piling up in memory.
    private static func fetchPage(_ task: FetchTask, fetcher: Fetcher, profile: SiteProfile?, validators: PageValidators?) async -> Completion {
        var result = await fetcher.fetch(FetchRequest(url: task.url, ifNoneMatch: validators?.etag,
                                                      ifModifiedSince: validators?.lastModified, holdsBody: true))
        let hold = result.bodyHold
        result.bodyHold = nil
        defer { hold?.release() }
        var page = PageResult(result)
        // A body a limit cut is read as far as it arrived; the page event says it was cut.
        if (200..<300).contains(result.status), let text = result.text, Self.isHTML(result.contentType) {
            let url = result.finalURL
            result.body = []
            result.text = nil
            let cost = ParseBudget.cost(ofParsing: text.utf8.count)
            page.extraction = await ParseBudget.shared.withReservation(cost: cost) {
                HTMLDocument.withParsed(html: text, url: url) { document in
                    guard let profile else { return StructuredData.extract(from: document) }
                    var extraction = profile.extract(from: document)
                    if extraction.listings.isEmpty {
                        let structured = StructuredData.extract(from: document)
                        extraction.listings = structured.listings
                        extraction.problems = structured.problems
                    }
                    StructuredData.fillCanonicalURL(&extraction.listings, from: document)
                    return extraction
                }
            }
        }
        return .page(task, page)
    }

    /// Whether a page is HTML to parse (no content type: try it).
    private static func isHTML(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return true }
        return type.contains("html")
    }

    /// The error of a fetch our own guard or limits refused (not the site's fault), if that is how it ended.
    private static func refusal(_ result: FetchResult) -> CrawlError? {
        guard let error = result.error, result.status == 0, error.code == .blockedAddress || error.code == .badURL else { return nil }
        return error
    }

    /// A robots.txt fetch as the robots cache policy reads it.
    private static func robotsResult(_ result: FetchResult) -> RobotsFetchResult {
        if let error = result.error {
            if error.code == .tooManyRedirects || error.code == .redirectLoop {
                return .tooManyRedirects(result.redirectCount)
            }
            if result.status == 0 || error.code == .ssrfRefused || error.code == .badResponse {
                return .unreachable(reason: error.description)
            }
            // Half a robots.txt is not a robots.txt: a later Disallow may be missing.
            if result.truncation == .time || result.truncation == .disconnect {
                return .unreachable(reason: error.description)
            }
        }
        return .response(status: result.status, body: result.body)
    }
}

/// What a child task of the scan hands back to the loop.
enum Completion: Sendable {
    /// A page fetch ended.
    case page(FetchTask, PageResult)
    /// A robots.txt fetch ended; `refusal` is set when our SSRF guard or URL rules refused it.
    case robots(origin: String, hostKey: String, RobotsFetchResult, refusal: CrawlError?)
    /// A sitemap fetch ended.
    case sitemap(url: String, depth: Int, Result<Sitemap, CrawlError>)
    /// A wait for the politeness delay (until the given instant) is over.
    case timer(CrawlInstant)
}

/// The parts of a fetched page the loop needs (not the body: it is read in the child task).
struct PageResult: Sendable {
    var finalURL: String
    var status: Int
    var headers: [(String, String)]
    var seconds: Double
    var bytes: Int
    var remoteIP: String?
    var truncation: FetchTruncation?
    var error: CrawlError?
    var failure: TransportFailure?
    var fetchedAt: Date
    var validators: PageValidators?
    var extraction: PageExtraction?
    var charset: PageCharset?

    init(_ result: FetchResult) {
        finalURL = result.finalURL
        status = result.status
        headers = result.headers.map { ($0.name, $0.value) }
        seconds = Double(result.timings.total.components.seconds) + Double(result.timings.total.components.attoseconds) / 1e18
        bytes = result.body.count
        remoteIP = result.remoteIP
        truncation = result.truncation
        error = result.error
        failure = result.transportFailure
        fetchedAt = Date()
        validators = PageValidators(etag: result.header("ETag"), lastModified: result.header("Last-Modified"))
        charset = PageCharset(result)
    }

    /// How the fetch ended, as the politeness scheduler reads it. No status, or a transfer that
    /// failed before a final response began (a refused redirect, a loop, an over-long chain, a
    /// reply that is not HTTP), is a transport failure whose kind decides whether it is retried
    /// and whether the host slows down. A body cut by time or a broken connection is retried like
    /// a failed transfer; one cut by the size limit is an answer (what arrived is read).
    var outcome: FetchOutcome {
        if status == 0 || (error != nil && truncation == nil && failure != nil) {
            return .transportFailure(failure ?? .other)
        }
        if truncation == .time || truncation == .disconnect {
            return .transportFailure(truncation == .time ? .timeout : .connectionReset)
        }
        return .response(status: status, duration: seconds, headers: headers)
    }
}

extension CrawlInstant {
    /// The current wall-clock time.
    static var now: CrawlInstant { CrawlInstant(secondsSince1970: Date().timeIntervalSince1970) }
}
