import ArgumentParser
import Foundation
import SpoorCrawl
import SpoorDetect

/// `spoor scan`: crawl marketplaces politely, read their listings and classify each as it arrives.
struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Crawl marketplaces, read their listings and classify each one as it arrives.",
        discussion: """
            Starts from --seed URLs and the start and search URLs of --site profiles, follows links \
            on the same hosts (robots.txt obeyed, each host asked politely), reads listings with the \
            host's profile or, without one, from the page's JSON-LD, microdata or OpenGraph, and \
            writes one JSON line per listing: its fields, url, page_url, fetched_at, status and the \
            `spoor classify` verdict.

            Private, loopback and link-local addresses are refused unless a host is allowed \
            with --allow-host (cloud metadata addresses included). Ctrl-C stops cleanly with \
            a summary; a second Ctrl-C exits at once.

            Example:  spoor scan --site sites/examples/craigslist.yaml --search ivory
            Example:  spoor scan --seed https://shop.example/ --delay 5 --flagged-only
            """)

    @Option(name: .customLong("site"), help: ArgumentHelp("A site profile YAML file or a directory of them (repeatable).", valueName: "file"))
    var sites: [String] = []

    @Option(name: .customLong("seed"), help: ArgumentHelp("A URL to start from (repeatable).", valueName: "url"))
    var seeds: [String] = []

    @Option(name: .customLong("search"), help: ArgumentHelp("A term to fill into the profiles' search URL templates (repeatable).", valueName: "term"))
    var searchTerms: [String] = []

    @Option(help: ArgumentHelp("Write the listings here instead of standard output.", valueName: "file.jsonl"))
    var out: String?

    @OptionGroup var crawl: CrawlOptions

    @OptionGroup var detector: DetectorOptions

    @Flag(help: "Only write flagged listings.")
    var flaggedOnly = false

    @Flag(help: "Log every page fetched (JSON lines on standard error when it is not a terminal).")
    var verbose = false

    func validate() throws {
        guard !seeds.isEmpty || !sites.isEmpty else {
            throw ValidationError("give at least one --seed URL or --site profile")
        }
    }

    func run() async throws {
        ParseBudget.tuneAllocatorForCrawling()  // before the threads that allocate start
        let detector = try detector.makeDetector()
        let profiles: [SiteProfile]
        do {
            profiles = try SiteProfile.load(paths: sites)
        } catch {
            throw ValidationError("\(error)")
        }
        var configuration = try crawl.configuration()
        configuration.seeds = seeds
        configuration.profiles = profiles
        configuration.searchTerms = searchTerms
        let output = try ScanOutput(path: out)
        let (_, interrupted) = try await ScanRun.run(configuration, detector: detector, verbose: verbose) { found, verdict in
            if flaggedOnly && !verdict.flagged { return }
            output.write(ScanRecordWriter.line(found, verdict) + "\n")
        }
        output.close()
        if let interrupted { throw ExitCode(interrupted) }
    }
}

/// The crawl settings `spoor scan` and `spoor demo` share.
struct CrawlOptions: ParsableArguments {
    @Option(help: "Fetch at most this many pages (robots.txt and sitemaps not counted).")
    var maxPages = 1000

    @Option(help: "Follow links at most this many hops from a start URL.")
    var maxDepth = 8

    @Option(help: "Fetches in flight at once, over all hosts.")
    var concurrency = 32

    @Option(help: "Fetches in flight at once to one host.")
    var perHost = 2

    @Option(help: "Seconds between two requests to one host (robots.txt Crawl-delay may lengthen it).")
    var delay = 1.0

    @Option(help: ArgumentHelp(
        "The longest robots.txt Crawl-delay honoured, in seconds; a longer one is lowered to this, and said so.",
        valueName: "seconds"))
    var maxCrawlDelay = 60.0

    @Option(name: .customLong("allow-host"), help: ArgumentHelp(
        "Let this host be fetched even though it resolves to a private, loopback or link-local address (repeatable).",
        valueName: "host"))
    var allowHosts: [String] = []

    @Option(help: "The User-Agent sent, and whose first word robots.txt groups are matched against.")
    var userAgent = "SpoorBot/0.1 (+https://github.com/spoor-wildlife/spoor; wildlife trade monitoring)"

    @Option(help: "Largest body read from one page, in MiB (the rest is cut and reported).")
    var maxBodyMib = 10

    @Option(help: "Most MiB of page bodies held at once, in transfer or waiting to be read; transfers past it wait (0: no limit).")
    var maxBodyBufferMib = 16

    @Option(help: "Give up on a page after this many seconds.")
    var timeout = 60.0

    func validate() throws {
        guard maxPages > 0 else { throw ValidationError("--max-pages must be at least 1") }
        guard concurrency > 0, perHost > 0 else { throw ValidationError("--concurrency and --per-host must be at least 1") }
        guard delay >= 0, timeout > 0 else { throw ValidationError("--delay must be 0 or more and --timeout more than 0") }
        guard maxCrawlDelay >= 0, maxCrawlDelay.isFinite else { throw ValidationError("--max-crawl-delay must be 0 or more seconds") }
        guard maxBodyMib > 0 else { throw ValidationError("--max-body-mib must be at least 1") }
        guard maxBodyBufferMib >= 0 else { throw ValidationError("--max-body-buffer-mib must be 0 (no limit) or more") }
    }

    /// The scan configuration these options describe (seeds and profiles left empty).
    func configuration() throws -> ScanConfiguration {
        var limits = FetchLimits.standard
        limits.maxBodyBytes = maxBodyMib << 20
        limits.totalTimeout = .milliseconds(Int(timeout * 1000))
        var politeness = PolitenessPolicy.standard
        politeness.maxConcurrentPerHost = perHost
        politeness.minimumDelay = delay
        politeness.maximumDelay = max(politeness.maximumDelay, delay)
        politeness.maxCrawlDelay = maxCrawlDelay
        let fetcher = FetcherConfiguration(userAgent: userAgent, limits: limits, allowHosts: Set(allowHosts),
                                           maxBufferedBodyBytes: maxBodyBufferMib << 20)
        return ScanConfiguration(maxPages: maxPages, maxDepth: maxDepth, concurrency: concurrency,
                                 politeness: politeness, fetcher: fetcher)
    }
}

/// Runs a crawl, classifies every listing as it arrives, reports progress and stops on Ctrl-C.
enum ScanRun {
    /// Crawls with `configuration`, calling `found` for each listing with its verdict, in order.
    static func run(
        _ configuration: ScanConfiguration, detector: Detector, verbose: Bool,
        found: @escaping @Sendable (ScannedListing, Verdict) -> Void
    ) async throws -> (summary: ScanSummary, interruptedBy: Int32?) {
        let crawler: Crawler
        do {
            crawler = try Crawler(configuration: configuration)
        } catch {
            throw ValidationError("\(error)")
        }
        let task = Task { () -> (ScanSummary, ScanReporter) in
            var reporter = ScanReporter(verbose: verbose)
            let summary = await crawler.run { event in
                var flagged = false
                if case .listing(let listing) = event {
                    let verdict = detector.classify(listing.listing.listing(fallbackID: listing.pageURL))
                    flagged = verdict.flagged
                    found(listing, verdict)
                }
                reporter.record(event, flagged: flagged)
            }
            return (summary, reporter)
        }
        let interrupt = Interrupt { task.cancel() }
        let (summary, reporterAtEnd) = await task.value
        var reporter = reporterAtEnd
        reporter.finish(summary)
        return (summary, interrupt.exitCode)
    }
}

/// Where `spoor scan` writes its JSON lines: a file or standard output, flushed as it goes.
final class ScanOutput: @unchecked Sendable {  // used from one task at a time
    private let handle: FileHandle
    private let ownsHandle: Bool

    /// Opens `path` for writing (created or truncated), or standard output when nil or `-`.
    init(path: String?) throws {
        guard let path, path != "-" else {
            handle = .standardOutput
            ownsHandle = false
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw ValidationError("\(path): cannot be written")
        }
        self.handle = handle
        ownsHandle = true
    }

    /// Writes a line.
    func write(_ text: String) { handle.write(Data(text.utf8)) }

    /// Closes the file (not standard output).
    func close() {
        if ownsHandle { try? handle.close() }
    }
}
