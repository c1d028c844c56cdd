import Testing
@testable import SpoorCrawl

/// A Crawl-delay over the cap (issue 12), without I/O: lowered to the cap, which
/// `--max-crawl-delay` sets, and said once per host with the delay asked and the one applied.
@Suite struct ScanCrawlDelayTests {
    let t0 = CrawlInstant(secondsSince1970: 1_700_000_000)
    let policy = PolitenessPolicy(maxConcurrentPerHost: 2, minimumDelay: 1, maximumDelay: 60, slowDownStep: 5)

    @Test func aCrawlDelayOverTheCapIsLoweredAndSaidOncePerHost() {
        var configuration = ScanConfiguration(seeds: ["https://a.test/", "https://b.test/"], politeness: policy)
        configuration.followSitemaps = false
        var state = ScanState(configuration: configuration, profilesByHost: [:])
        state.seed()
        _ = state.pump()
        let robots = Array("User-agent: *\nCrawl-delay: 120\n".utf8)
        state.handle(.robots(origin: "https://a.test", hostKey: "a.test", .response(status: 200, body: robots), refusal: nil))
        state.handle(.robots(origin: "https://b.test", hostKey: "b.test", .response(status: 200, body: Array("User-agent: *\nCrawl-delay: 30\n".utf8)), refusal: nil))
        // Asked again (robots.txt expired and fetched anew): applied, not said again.
        state.handle(.robots(origin: "https://a.test", hostKey: "a.test", .response(status: 200, body: robots), refusal: nil))
        let limits = state.drainEvents().compactMap { event -> ScanLimit? in
            if case .limit(let limit) = event { return limit }
            return nil
        }
        #expect(limits.count == 1, "\(limits)")
        #expect(limits.first?.kind == .crawlDelay)
        #expect(limits.first?.host == "a.test")
        #expect(limits.first?.askedDelay == 120)
        #expect(limits.first?.appliedDelay == 60)
        #expect(limits.first?.url == "https://a.test/robots.txt")
        #expect(state.scheduler.politeness(forHost: "a.test")?.minimumDelay == 60)
        #expect(state.scheduler.politeness(forHost: "b.test")?.minimumDelay == 30)

        // The cap is the policy's to set (--max-crawl-delay).
        var host = HostPoliteness(host: "c.test", policy: PolitenessPolicy(minimumDelay: 1, maximumDelay: 60, maxCrawlDelay: 300))
        #expect(host.setCrawlDelay(120) == 120)
        #expect(host.currentDelay == 120)
        #expect(host.setCrawlDelay(900) == 300)
        #expect(host.minimumDelay == 300)
        // A delay over the slow-down cap is kept as the floor when errors slow the host down.
        host.recordStart(at: t0, isFirstAttempt: true)
        host.recordFinish(healthy: false)
        #expect(host.currentDelay == 300)
    }
}
