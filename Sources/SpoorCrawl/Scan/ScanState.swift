import Foundation

/// The scan's bookkeeping: frontier, robots cache, politeness scheduler, listings seen, totals.
/// Owned by the loop's task; it does no I/O itself, it says what to fetch next.
struct ScanState {
    /// A fetch that is not a page: robots.txt for an origin, or a sitemap.
    enum Auxiliary: Sendable {
        case robots(origin: String, url: String, hostKey: String)
        case sitemap(url: String, depth: Int)
    }

    let configuration: ScanConfiguration
    let profilesByHost: [String: SiteProfile]
    var frontier: Frontier<InMemorySeenURLs, InMemoryFrontierQueue>
    var robots: RobotsCache
    var scheduler: PolitenessScheduler
    var summary = ScanSummary()

    /// Hosts (`host[:port]`) the scan may follow links to.
    private var scope: Set<String> = []
    /// Pages handed to the scheduler (first attempts), against the page budget.
    private var scheduledPages = 0
    /// Hosts our own guard refused (private addresses...), with the refusal.
    private var refusedHosts: [String: CrawlError] = [:]
    /// Frontier entries waiting for their origin's robots.txt.
    private var waitingForRobots: [String: [FrontierEntry]] = [:]
    /// Entries each page came from, for resolving its links.
    private var entries: [String: FrontierEntry] = [:]
    private var sitemapsRequested: Set<String> = []
    private var auxiliary: [Auxiliary] = []
    private var listingKeys: Set<String> = []
    /// The limits already logged, as `kind host`: each is logged once per host.
    private var limitsLogged: Set<String> = []
    private var events: [ScanEvent] = []
    private let started = Date()

    init(configuration: ScanConfiguration, profilesByHost: [String: SiteProfile]) {
        self.configuration = configuration
        self.profilesByHost = profilesByHost
        frontier = Frontier(trapGuard: TrapGuard(maxDepth: configuration.maxDepth))
        robots = RobotsCache(policy: RobotsCachePolicy(productToken: configuration.robotsToken))
        scheduler = PolitenessScheduler(policy: configuration.politeness)
        scope = Set(profilesByHost.keys.map(Self.siteKey))
    }

    /// Puts the seeds, the profiles' start URLs and their search URLs in the frontier.
    mutating func seed() {
        var urls = configuration.seeds
        for profile in configuration.profiles {
            urls += profile.startURLs
            for template in profile.searches {
                urls += configuration.searchTerms.map { template.url(for: $0) }
            }
        }
        for url in urls {
            do {
                let canonical = try frontier.canonicalizer.canonicalize(url)
                scope.insert(Self.siteKey(canonical.hostKey))
                admit(try frontier.add(canonical.string, depth: 0, priority: 1))
            } catch {
                report(.error(error))
            }
        }
        // A profile's politeness overrides apply to its hosts.
        for (host, profile) in profilesByHost {
            let overrides = profile.politeness
            if let delay = overrides.delay {
                applyCrawlDelay(delay, forHost: host, askedBy: "the site profile \(profile.name)", url: profile.startURLs.first ?? host)
            }
            if overrides.concurrency != nil || overrides.pageBudget != nil {
                scheduler.override(concurrency: overrides.concurrency, pageBudget: overrides.pageBudget, forHost: host)
            }
        }
    }

    /// Moves URLs from the frontier to the scheduler while the page budget lasts, asking for
    /// robots.txt first where it is not known. Returns the robots.txt and sitemap fetches to start.
    mutating func pump() -> [Auxiliary] {
        let now = CrawlInstant.now
        while scheduledPages < configuration.maxPages {
            let entry: FrontierEntry?
            do {
                entry = try frontier.next { host in
                    waitingForRobots[host] == nil && scheduler.queuedCount(forHost: host) < 2
                }
            } catch {
                report(.error(error))
                break
            }
            guard let entry else { break }
            let host = entry.url.hostKey
            if let refusal = refusedHosts[host] {
                report(.error(CrawlError(refusal.code, subject: entry.url.string, refusal.message, cause: refusal.cause)))
                continue
            }
            switch robots.check(entry.url, now: now) {
            case .allowed:
                schedule(entry)
            case .disallowed(let error):
                summary.disallowed += 1
                events.append(.error(error))
            case .fetchRobots(let url):
                waitingForRobots[host, default: []].append(entry)
                if waitingForRobots[host]!.count == 1 {
                    auxiliary.append(.robots(origin: entry.url.origin, url: url, hostKey: host))
                }
            }
        }
        if scheduledPages >= configuration.maxPages && frontier.pendingCount > 0 { summary.budgetSpent = true }
        defer { auxiliary.removeAll() }
        return auxiliary
    }

    /// Takes in what a child task reports.
    mutating func handle(_ completion: Completion) {
        switch completion {
        case .timer:
            break
        case .robots(_, let hostKey, _, let refusal?):
            // The host itself is refused (a private address, say): so is every page on it.
            refusedHosts[hostKey] = refusal
            for waiting in waitingForRobots.removeValue(forKey: hostKey) ?? [] {
                report(.error(CrawlError(refusal.code, subject: waiting.url.string, refusal.message, cause: refusal.cause)))
            }
        case .robots(let origin, let hostKey, let result, nil):
            let entry = robots.record(result, origin: origin, now: .now)
            if case .unreachable(let reason) = result {
                report(.error(CrawlError(.transport, subject: origin + "/robots.txt",
                                         "robots.txt unreachable: the site is not crawled for now", cause: reason)))
            }
            // The longer of the profile's delay and robots.txt's Crawl-delay.
            let profileDelay = profilesByHost[hostKey]?.politeness.delay
            if let delay = [entry.rules.crawlDelay, profileDelay].compactMap({ $0 }).max() {
                let askedBy = delay == entry.rules.crawlDelay ? "robots.txt" : "the site profile"
                applyCrawlDelay(delay, forHost: hostKey, askedBy: askedBy, url: origin + "/robots.txt")
            }
            if configuration.followSitemaps {
                for url in entry.sitemaps.prefix(Self.sitemapsPerRobots) where requestSitemap(url) {
                    auxiliary.append(.sitemap(url: url, depth: 1))
                }
            }
            // Back to the frontier's order: the waiting entries are checked again on the next pump.
            for waiting in waitingForRobots.removeValue(forKey: hostKey) ?? [] {
                recheck(waiting)
            }
        case .sitemap(let url, let depth, let result):
            switch result {
            case .failure(let error):
                report(.error(error))
            case .success(let sitemap):
                switch sitemap.kind {
                case .index:
                    for entry in sitemap.entries where requestSitemap(entry.url) {
                        auxiliary.append(.sitemap(url: entry.url, depth: depth))
                    }
                case .urlSet:
                    for entry in sitemap.entries where inScope(entry.url) {
                        if let admission = try? frontier.add(entry.url, depth: depth) { admit(admission, from: url) }
                    }
                }
                if sitemap.truncated {
                    report(.error(CrawlError(.limitExceeded, subject: url, "sitemap cut at its size or entry limit")))
                }
            }
        case .page(let task, let page):
            handlePage(task, page)
        }
    }

    private mutating func handlePage(_ task: FetchTask, _ page: PageResult) {
        switch scheduler.finished(task, outcome: page.outcome, now: .now) {
        case .retry:
            summary.retries += 1
            return
        case .giveUp(let task, let reason):
            entries.removeValue(forKey: task.url)
            report(.error(page.error ?? reason.error(url: task.url)))
            return
        case .done:
            break
        }
        summary.pages += 1
        summary.bytes += page.bytes
        if page.status == 404 || page.status == 410 {
            events.append(.gone(url: task.url, status: page.status))
        } else if let error = page.error {
            // A body cut by a limit is still read (what arrived is kept), but it is reported.
            summary.errors += 1
            events.append(.error(error))
        } else if !(200..<300).contains(page.status) && page.status != 304 {
            summary.errors += 1
            events.append(.error(CrawlError(.httpStatus, subject: task.url, "HTTP \(page.status)")))
        }
        var newLinks = 0
        let extraction = page.extraction ?? PageExtraction()
        // What the extraction had to leave out (a parse cut at its node limit, a JSON-LD block
        // that is not JSON) is said, with the page, like a body cut by a fetch limit.
        for problem in extraction.problems {
            summary.errors += 1
            events.append(.error(problem))
        }
        if let entry = entries.removeValue(forKey: task.url), !extraction.isEmpty {
            let links = links(of: extraction, host: task.host).filter(inScope)
            for admission in (try? frontier.addOutlinks(links, from: entry)) ?? [] {
                switch admission {
                case .added: newLinks += 1
                case .trapped(let trap, let error): noteTrap(trap, error, page: task.url)
                case .duplicate, .rejected: break
                }
            }
            let dropped = frontier.droppedOutlinks(links)
            if let first = dropped.first {
                let followed = links.count - dropped.count
                noteLimit(ScanLimit(.outlinksDropped, host: task.host, url: first, page: task.url,
                                    message: "the page has \(links.count) links to follow; the first \(followed) are followed, \(dropped.count) dropped"),
                          count: dropped.count)
            }
        }
        for (position, listing) in extraction.listings.enumerated() {
            let found = ScannedListing(listing: listing, pageURL: page.finalURL, fetchedAt: page.fetchedAt,
                                       status: page.status, remoteIP: page.remoteIP, position: position, charset: page.charset)
            guard listingKeys.insert(found.key).inserted else { continue }
            summary.listings += 1
            events.append(.listing(found))
        }
        var scanned = ScannedPage(url: task.url, finalURL: page.finalURL, status: page.status,
                                  listings: extraction.listings.count, newLinks: newLinks, bytes: page.bytes,
                                  seconds: page.seconds, truncated: page.truncation, validators: page.validators)
        scanned.parseTruncated = extraction.parseTruncation
        scanned.charset = page.charset
        events.insert(.page(scanned),
                      at: events.firstIndex { if case .listing = $0 { return true } else { return false } } ?? events.endIndex)
    }

    /// The links of a page to follow: the profile's listing, index and next-page links when it
    /// names any, otherwise every link.
    private func links(of extraction: PageExtraction, host: String) -> [String] {
        if let profile = profilesByHost[host], profile.listingLinks != nil || profile.indexLinks != nil || profile.nextPage != nil {
            return extraction.listingLinks + extraction.indexLinks + (extraction.nextPage.map { [$0] } ?? [])
        }
        return extraction.outlinks
    }

    /// Whether a URL is on a host the scan crawls (`www.` or not).
    private func inScope(_ url: String) -> Bool {
        guard let canonical = try? frontier.canonicalizer.canonicalize(url) else { return false }
        return scope.contains(Self.siteKey(canonical.hostKey))
    }

    /// A host key without a leading `www.`: `www.shop.example` and `shop.example` are one site.
    static func siteKey(_ hostKey: String) -> String {
        hostKey.hasPrefix("www.") ? String(hostKey.dropFirst(4)) : hostKey
    }

    /// An entry that waited for robots.txt: allowed ones go to the scheduler now.
    /// Hands a page robots.txt allows to the politeness scheduler.
    private mutating func schedule(_ entry: FrontierEntry) {
        entries[entry.url.string] = entry
        scheduler.enqueue(entry.fetchTask)
        scheduledPages += 1
    }

    private mutating func recheck(_ entry: FrontierEntry) {
        guard scheduledPages < configuration.maxPages else {
            summary.budgetSpent = true
            return
        }
        switch robots.check(entry.url, now: .now) {
        case .allowed:
            schedule(entry)
        case .disallowed(let error):
            summary.disallowed += 1
            events.append(.error(error))
        case .fetchRobots:
            // Expired again at once (a zero expiry): crawl it rather than loop.
            schedule(entry)
        }
    }

    /// Reports a refused seed as an error; a URL from a sitemap (`from` it) that the trap guard
    /// refused is counted as a limit instead.
    private mutating func admit(_ admission: Frontier<InMemorySeenURLs, InMemoryFrontierQueue>.Admission, from page: String? = nil) {
        switch admission {
        case .rejected(let error): report(.error(error))
        case .trapped(let trap, let error):
            if let page { noteTrap(trap, error, page: page) } else { report(.error(error)) }
        case .added, .duplicate: break
        }
    }

    /// Counts a link the trap guard refused, logging the first of its kind on its host.
    private mutating func noteTrap(_ trap: TrapGuard.Trap, _ error: CrawlError, page: String) {
        let host = (try? frontier.canonicalizer.canonicalize(error.subject))?.hostKey ?? ""
        if trap == .tooDeep {
            noteLimit(ScanLimit(.depthLimit, host: host, url: error.subject, page: page,
                                message: "deeper than \(frontier.trapGuard.maxDepth) links from a start URL: not followed"))
        } else {
            noteLimit(ScanLimit(.trap, host: host, url: error.subject, page: page,
                                message: "looks like a crawler trap (\(trap.rawValue)): not followed"))
        }
    }

    /// Counts `count` cuts of a limit in the summary; the first of its kind on its host is logged.
    private mutating func noteLimit(_ limit: ScanLimit, count: Int = 1) {
        switch limit.kind {
        case .trap: summary.trap += count
        case .depthLimit: summary.depthLimit += count
        case .outlinksDropped: summary.outlinksDropped += count
        case .crawlDelay: break
        }
        if limitsLogged.insert("\(limit.kind.rawValue) \(limit.host)").inserted { events.append(.limit(limit)) }
    }

    /// Applies a host's Crawl-delay; one over the cap is lowered to it, and said so once.
    private mutating func applyCrawlDelay(_ delay: Double, forHost host: String, askedBy: String, url: String) {
        guard let applied = scheduler.setCrawlDelay(delay, forHost: host), applied < delay else { return }
        noteLimit(ScanLimit(.crawlDelay, host: host, url: url,
                            message: "\(askedBy) asks for a delay of \(Self.seconds(delay)) between requests, over the cap: \(Self.seconds(applied)) applied",
                            askedDelay: delay, appliedDelay: applied))
    }

    /// `90 s`, `0.5 s`: seconds for messages.
    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? "\(Int(value)) s" : "\(value) s"
    }

    /// Sitemaps read per robots.txt, and in all, at most: an index can list thousands.
    static let sitemapsPerRobots = 10
    static let sitemapsPerScan = 200

    /// Whether to fetch a sitemap: in scope, not yet asked for, within the caps and the page budget.
    private mutating func requestSitemap(_ url: String) -> Bool {
        guard sitemapsRequested.count < Self.sitemapsPerScan, scheduledPages < configuration.maxPages,
              inScope(url) else { return false }
        return sitemapsRequested.insert(url).inserted
    }

    /// Records an event to hand out.
    mutating func report(_ event: ScanEvent) {
        if case .error(let error) = event, error.code != .robotsDisallowed { summary.errors += 1 }
        events.append(event)
    }

    /// The events since the last call, in order.
    mutating func drainEvents() -> [ScanEvent] {
        defer { events.removeAll(keepingCapacity: true) }
        return events
    }

    /// Final totals.
    mutating func finish() {
        summary.seconds = Date().timeIntervalSince(started)
        summary.retries = scheduler.retriesUsed
    }
}

extension PageExtraction {
    /// Whether nothing was found on the page.
    var isEmpty: Bool { listings.isEmpty && outlinks.isEmpty && listingLinks.isEmpty && indexLinks.isEmpty && nextPage == nil }
}
