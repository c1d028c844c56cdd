import Foundation
import Testing
@testable import SpoorCrawl
import SpoorFixtures

/// The crawler's limits against the hostile site's traps (issue 12): an endless calendar (the
/// depth limit), a path that nests itself (the trap guard), a page of 50,000 links (the outlink
/// cap; 50,000 and not the review's 100,000, whose 400,000 nodes pass the parser's node limit and
/// are cut there, which `aPageOfAHundredThousandLinksIsCutAndSaidTwice` covers) and a Crawl-delay over the cap are each said once per host, with the first URL cut, and
/// counted in the summary.
@Suite(.serialized) struct CrawlerLimitsTests {
    @Test func trapsTheDepthLimitAndTheOutlinkCapAreSaidOncePerHostAndCounted() async throws {
        // Each trap on a host of its own, so that each gets its turn within the page budget.
        let sites = [HostileSite(name: "calendar"), HostileSite(name: "nest"), HostileSite(name: "links")]
        try await FixtureServer.withRunning(sites: sites, firstHost: 33) { server in
            let calendar = server.endpoints[0], nest = server.endpoints[1], links = server.endpoints[2]
            var configuration = CrawlerTests.configuration(
                seeds: [calendar.baseURL + "/calendar/2024-01", nest.baseURL + "/nest/", links.baseURL + "/many-links?n=50000"],
                allow: server.endpoints.map(\.host), maxPages: 200, delay: 0)
            configuration.maxDepth = 4
            let (scan, seconds) = try await CrawlerHostileTests.run(configuration, limit: 120)
            #expect(!scan.summary.stopped, "stopped by the watchdog after \(seconds) s")

            // The calendar: 2024-01 ± 4 months are crawled; 2024-06 and 2023-08 are one too deep.
            let months = server.log.records(site: "calendar").map(\.target).filter { $0.hasPrefix("/calendar/") }
            #expect(months.count == 9, "\(months)")
            #expect(scan.summary.depthLimit == 2)
            // The nest: /nest/, /nest/a/, /nest/a/a/; /nest/a/a/a/ repeats a segment 3 times.
            #expect(server.log.records(site: "nest").map(\.target).filter { $0.hasPrefix("/nest") } == ["/nest/", "/nest/a/", "/nest/a/a/"])
            #expect(scan.summary.trap == 1)
            // 50,000 links, 1,000 followed.
            #expect(scan.summary.outlinksDropped == 49_000)

            // One event per host and kind, naming the first URL cut and the page it was on.
            let keys = scan.limits.map { "\($0.host) \($0.kind.rawValue)" }
            #expect(keys.sorted() == ["\(calendar.host):\(calendar.port) depth_limit", "\(links.host):\(links.port) outlinks_dropped",
                                      "\(nest.host):\(nest.port) trap"].sorted(), "\(scan.limits)")
            let depth = try #require(scan.limits.first { $0.kind == .depthLimit })
            #expect([calendar.baseURL + "/calendar/2024-06", calendar.baseURL + "/calendar/2023-08"].contains(depth.url), "\(depth)")
            #expect(depth.page?.hasPrefix(calendar.baseURL + "/calendar/") == true)
            let trap = try #require(scan.limits.first { $0.kind == .trap })
            #expect(trap.url == nest.baseURL + "/nest/a/a/a/")
            #expect(trap.page == nest.baseURL + "/nest/a/a/")
            #expect(trap.message.contains("repeating-path"))
            let dropped = try #require(scan.limits.first { $0.kind == .outlinksDropped })
            #expect(dropped.url == links.baseURL + "/many-links/item/1000")
            #expect(dropped.page == links.baseURL + "/many-links?n=50000")
            #expect(dropped.message.contains("50000 links"))
            // Limits are not errors.
            #expect(scan.errors.isEmpty, "\(scan.errors)")
        }
    }

    /// The review's page of 100,000 links: 400,000 nodes, past the parser's node limit. The
    /// page is read as far as the limit (about 62,000 links), both cuts are said: the parse cut
    /// as an error naming the page, the outlink cap once as a limit.
    @Test func aPageOfAHundredThousandLinksIsCutAndSaidTwice() async throws {
        try await FixtureServer.withRunning(sites: [HostileSite(name: "links")], firstHost: 37) { server in
            let endpoint = server.endpoints[0]
            let page = endpoint.baseURL + "/many-links?n=100000"
            var configuration = CrawlerTests.configuration(seeds: [page], allow: [endpoint.host], maxPages: 20, delay: 0)
            configuration.maxDepth = 1
            let (scan, seconds) = try await CrawlerHostileTests.run(configuration, limit: 120)
            #expect(!scan.summary.stopped, "stopped by the watchdog after \(seconds) s")
            let cut = scan.errors.filter { $0.subject == page && $0.cause == "parse-truncated: nodes" }
            #expect(cut.count == 1, "\(scan.errors)")
            #expect(scan.limits.filter { $0.kind == .outlinksDropped }.count == 1, "\(scan.limits)")
            // What was read before the cut still counts against the cap: over 50,000 links read.
            #expect(scan.summary.outlinksDropped > 50_000 && scan.summary.outlinksDropped < 99_000,
                    "\(scan.summary.outlinksDropped) dropped")
        }
    }

    @Test func aCrawlDelayOverTheCapIsLoweredAndSaidOnce() async throws {
        try await FixtureServer.withRunning(sites: [HostileSite(crawlDelay: 30)], firstHost: 36) { server in
            let endpoint = server.endpoints[0]
            var configuration = CrawlerTests.configuration(
                seeds: ["/etag", "/redirect-chain/0", "/status/200"].map { endpoint.baseURL + $0 }, allow: [endpoint.host], delay: 0)
            configuration.politeness.maxCrawlDelay = 0.4
            let (scan, seconds) = try await CrawlerHostileTests.run(configuration, limit: 60)
            #expect(!scan.summary.stopped)
            #expect(scan.limits.count == 1, "\(scan.limits)")
            let limit = try #require(scan.limits.first)
            #expect(limit.kind == .crawlDelay)
            #expect(limit.askedDelay == 30)
            #expect(limit.appliedDelay == 0.4)
            #expect(limit.url == endpoint.baseURL + "/robots.txt")
            #expect(limit.message.contains("30 s") && limit.message.contains("0.4 s"))
            // The cap is what applies: the pages are 0.4 s apart (not 30 s, not 0).
            let starts = server.log.records.filter { $0.target != "/robots.txt" }.map(\.received)
            #expect(starts.count == 3)
            for (earlier, later) in zip(starts, starts.dropFirst()) {
                let gap = Double(later - earlier) / 1e9
                #expect(gap >= 0.35 && gap < 20, "gap \(gap) s")
            }
            #expect(seconds < 25)
        }
    }
}
