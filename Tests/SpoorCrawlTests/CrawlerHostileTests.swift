import Foundation
import Testing
@testable import SpoorCrawl
import SpoorFixtures

/// The crawler against the hostile site's redirect farms (issue 12): a redirect the SSRF guard
/// refuses, a loop and an over-long chain are each one request and one error, with no retry and
/// no slow-down of the host.
@Suite(.serialized) struct CrawlerHostileTests {
    /// A crawl configuration for the hostile site with the adaptive slow-down on and long: one
    /// slowed-down request would make the next one to the host wait `slowDown` seconds.
    static func configuration(seeds: [String], allow: [String], slowDown: Double = 30) -> ScanConfiguration {
        var configuration = CrawlerTests.configuration(seeds: seeds, allow: allow, delay: 0.01)
        configuration.politeness.slowDownStep = slowDown
        configuration.politeness.maximumDelay = slowDown * 2
        return configuration
    }

    /// Runs a scan, cancelling it after `limit` seconds (then `summary.stopped` is set).
    static func run(_ configuration: ScanConfiguration, limit: Double) async throws -> (CrawlerTests.Scan, Double) {
        let started = Date()
        let task = Task { try await CrawlerTests.run(configuration) }
        let watchdog = Task {
            try await Task.sleep(for: .seconds(limit))
            task.cancel()
        }
        let scan = try await task.value
        watchdog.cancel()
        return (scan, Date().timeIntervalSince(started))
    }

    @Test func redirectsTheGuardRefusesAreOneRequestAndOneErrorEach() async throws {
        try await FixtureServer.withRunning(sites: [HostileSite()], firstHost: 31) { server in
            let endpoint = server.endpoints[0]
            let seeds = [endpoint.baseURL + "/redirect-links/private?n=22", endpoint.baseURL + "/redirect-links/scheme?n=4"]
            let (scan, seconds) = try await Self.run(Self.configuration(seeds: seeds, allow: [endpoint.host]), limit: 60)

            // Before: 4 requests per link (3 retries, each read as a connection reset), every one
            // slowing the host down; the scan ran into the watchdog.
            #expect(!scan.summary.stopped, "stopped by the watchdog after \(seconds) s")
            let redirects = server.log.records.filter { $0.target.hasPrefix("/redirect?") }.map(\.target)
            #expect(redirects.count == 26, "\(redirects.count) requests for 26 links")
            #expect(Set(redirects).count == redirects.count, "some link was fetched twice")
            #expect(scan.summary.retries == 0)
            let refused = scan.errors.filter { $0.code == .ssrfRefused }
            #expect(refused.count == 26, "\(scan.errors.map(\.code.rawValue))")
            #expect(Set(refused.map(\.subject)).count == 26)
            #expect(scan.errors.count == 26, "one error per link: \(scan.errors)")
            #expect(refused.contains { $0.message.contains("169.254.169.254") && $0.message.contains("link-local") })
            #expect(refused.contains { $0.message.contains("file:///etc/passwd") })
            // Not slowed down: a slowed host waits 30 s between requests.
            #expect(seconds < 25, "took \(seconds) s")
            // The two link pages are pages; the refused redirects are not.
            #expect(scan.summary.pages == 2)
        }
    }

    @Test func redirectLoopsAndOverLongChainsAreOneFetchAndOneErrorEach() async throws {
        try await FixtureServer.withRunning(sites: [HostileSite()], firstHost: 32) { server in
            let endpoint = server.endpoints[0]
            let seeds = [endpoint.baseURL + "/redirect-links/loop?n=6", endpoint.baseURL + "/redirect-links/chain?n=6&length=12"]
            let (scan, seconds) = try await Self.run(Self.configuration(seeds: seeds, allow: [endpoint.host]), limit: 60)
            #expect(!scan.summary.stopped, "stopped by the watchdog after \(seconds) s")
            #expect(scan.summary.retries == 0)
            let records = server.log.records
            for id in 0..<6 {
                // A loop of 3 behind its first URL: four URLs, each asked once, then it repeats.
                let loop = records.filter { $0.target.hasPrefix("/redirect-loop/") && $0.target.hasSuffix("id=\(id)") }.map(\.target)
                #expect(loop.count == 4, "loop \(id): \(loop)")
                #expect(Set(loop).count == loop.count)
                // A chain of 12: the first URL and 10 redirects followed, then the limit.
                let chain = records.filter { $0.target.hasPrefix("/redirect-chain/") && $0.target.hasSuffix("?id=\(id)") }.map(\.target)
                #expect(chain.count == 11, "chain \(id): \(chain)")
                #expect(Set(chain).count == chain.count)
            }
            #expect(scan.errors.filter { $0.code == .redirectLoop }.count == 6, "\(scan.errors)")
            #expect(scan.errors.filter { $0.code == .tooManyRedirects }.count == 6)
            #expect(scan.errors.count == 12)
            #expect(seconds < 25, "took \(seconds) s")
        }
    }
}
