import ArgumentParser
import Foundation
import SpoorCrawl
import SpoorDetect
import SpoorFixtures

/// `spoor demo`: serve the demo marketplace on loopback, scan it, and explain what was flagged.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scan the bundled demo marketplace on 127.0.0.x and explain what is flagged.",
        discussion: """
            Serves four demo sites on loopback addresses (a shop with JSON-LD, a classifieds site \
            read with the profile sites/demo/bazaar.yaml, a social feed with OpenGraph, and a \
            board in GBK and Shift_JIS read with sites/demo/legacy-gbk.yaml), with hundreds of listings in eleven languages, some \
            disguised, many innocent. Then scans them as `spoor scan` would (robots.txt obeyed, \
            politely), classifies every listing and prints the flagged ones with explanations, \
            followed by how the result compares with the marketplace's own ground truth.

            --serve only serves the marketplace, for trying `spoor scan` or a benchmark by hand.
            """)

    @Option(help: "Listings on each demo site.")
    var listingsPerSite = DemoMarketplace.defaultListingsPerSite

    @Option(help: "How many demo sites (layouts repeat from the fifth on, on 127.0.0.2, .3, ...).")
    var sites = 4

    @Option(help: "The port every site listens on (0: pick a free one).")
    var port = 0

    @Flag(help: "Only serve the marketplace until Ctrl-C; print the sites' URLs.")
    var serve = false

    @Option(help: ArgumentHelp("Also write every listing found, with its verdict, as JSON lines.", valueName: "file.jsonl"))
    var out: String?

    @Option(help: "Seconds between two requests to one host.")
    var delay = 0.05

    @Option(help: "Fetches in flight at once to one host.")
    var perHost = 2

    @Option(help: "The Crawl-delay (seconds) the classifieds sites put in robots.txt (0: none).")
    var crawlDelay = 0.1

    @OptionGroup var detector: DetectorOptions

    func validate() throws {
        guard (1...250).contains(sites) else { throw ValidationError("--sites must be between 1 and 250") }
        guard listingsPerSite >= 1 else { throw ValidationError("--listings-per-site must be at least 1") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        ParseBudget.tuneAllocatorForCrawling()  // before the threads that allocate start
        let market = DemoMarketplace(listingsPerSite: listingsPerSite, sites: sites, crawlDelay: crawlDelay > 0 ? crawlDelay : nil)
        let server = try await FixtureServer.start(sites: market.sites, port: port, sharePort: true, firstHost: 2)
        if serve {
            for endpoint in server.endpoints { print("\(endpoint.site)\t\(endpoint.baseURL)/") }
            print("Serving \(market.listings.count) listings on \(server.endpoints.count) sites; Ctrl-C stops.")
            fflush(nil)  // flush stdout even when it is a pipe
            let interrupt = Interrupt { Task { try? await server.stop() } }
            await server.waitUntilClosed()
            withExtendedLifetime(interrupt) {}
            return
        }
        do {
            try await scan(market, server)
        } catch {
            try? await server.stop()
            throw error
        }
        try await server.stop()
    }

    private func scan(_ market: DemoMarketplace, _ server: FixtureServer) async throws {
        let detector = try detector.makeDetector()
        var profiles: [SiteProfile] = []
        var seeds: [String] = []
        // The shop and the feed publish structured data; the other two layouts need profiles.
        let templates: [DemoLayout: SiteProfile] = [
            .bazaar: try Self.profile("demo/bazaar.yaml"), .legacyGBK: try Self.profile("demo/legacy-gbk.yaml"),
        ]
        for (index, endpoint) in server.endpoints.enumerated() {
            if var profile = templates[market.catalogs[index].layout] {
                profile.startURLs = [endpoint.baseURL + "/"]
                profiles.append(profile)
            } else {
                seeds.append(endpoint.baseURL + "/")
            }
        }
        var politeness = PolitenessPolicy.standard
        politeness.maxConcurrentPerHost = perHost
        politeness.minimumDelay = delay
        let fetcher = FetcherConfiguration(
            userAgent: "SpoorBot/0.1 (demo)", allowHosts: Set(server.endpoints.map(\.host)))
        let configuration = ScanConfiguration(
            seeds: seeds, profiles: profiles, maxPages: 50 * listingsPerSite * sites, concurrency: 16,
            politeness: politeness, fetcher: fetcher)

        print("Demo marketplace: \(server.endpoints.map { "\($0.site) \($0.baseURL)" }.joined(separator: ", "))")
        print("Scanning (robots.txt obeyed, \(perHost) requests at a time per site, \(delay) s apart)...\n")
        let output = try out.map { try ScanOutput(path: $0) }
        let results = Locked<[(ScannedListing, Verdict)]>([])
        let (summary, interrupted) = try await ScanRun.run(configuration, detector: detector, verbose: false) { found, verdict in
            output?.write(ScanRecordWriter.line(found, verdict) + "\n")
            results.withLock { $0.append((found, verdict)) }
        }
        output?.close()

        let found = results.withLock { $0 }
        for (listing, verdict) in found where verdict.flagged {
            var report = VerdictReport(verdict: verdict, listing: listing.listing.listing(fallbackID: listing.pageURL)).text
            report = report.replacingOccurrences(of: "[FLAG] \(verdict.id)", with: "[FLAG] \(listing.listing.url ?? listing.pageURL)")
            print(report)
        }
        printTruth(market, server, found, summary)
        if let interrupted { throw ExitCode(interrupted) }
    }

    /// How the scan compares with the marketplace's ground truth.
    private func printTruth(_ market: DemoMarketplace, _ server: FixtureServer, _ found: [(ScannedListing, Verdict)], _ summary: ScanSummary) {
        var truthByKey: [String: DemoListing] = [:]
        var flaggedTruth = Set<String>(), falseFlags: [String] = []
        for (listing, verdict) in found {
            guard let truth = Self.truth(for: listing.listing.url ?? listing.pageURL, market, server) else { continue }
            let key = "\(truth.site)#\(truth.id)"
            truthByKey[key] = truth
            if verdict.flagged {
                if truth.expectFlag { flaggedTruth.insert(key) } else { falseFlags.append(listing.listing.title) }
            }
        }
        let live = market.listings.filter { $0.availability == .live }
        let wildlife = live.filter(\.expectFlag)
        let flagged = found.filter { $0.1.flagged }.count
        print("Scanned \(summary.pages) pages in \(String(format: "%.1f", summary.seconds)) s: \(found.count) listings, \(flagged) flagged, \(summary.errors) errors\(summary.disallowed > 0 ? ", \(summary.disallowed) URLs skipped for robots.txt" : "").")
        print("Ground truth: \(live.count) live listings, \(wildlife.count) of them wildlife offers; read \(truthByKey.count) of the live listings.")
        print("  caught \(flaggedTruth.count) of \(wildlife.count) wildlife offers, \(falseFlags.count) innocent listings flagged.")
        let missed = wildlife.filter { !flaggedTruth.contains("\($0.site)#\($0.id)") }
        for listing in missed.prefix(5) { print("  missed: [\(listing.language)] \(listing.title)") }
        for title in falseFlags.prefix(5) { print("  wrongly flagged: \(title)") }
    }

    /// The demo listing a URL on one of the servers points at.
    private static func truth(for url: String, _ market: DemoMarketplace, _ server: FixtureServer) -> DemoListing? {
        guard let components = URLComponents(string: url), let host = components.host,
              let index = server.endpoints.firstIndex(where: { $0.host == host }) else { return nil }
        let target = components.percentEncodedPath + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
        return market.catalogs[index].listing(forTarget: target)
    }

    /// A bundled site profile, by its path under `sites/`.
    private static func profile(_ relative: String) throws -> SiteProfile {
        guard let directory = DataLocation.bundled("sites") else {
            throw ValidationError("the bundled sites/ directory was not found; run from a Spoor checkout or set SPOOR_DATA")
        }
        do {
            return try SiteProfile.load(file: (directory as NSString).appendingPathComponent(relative))
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
