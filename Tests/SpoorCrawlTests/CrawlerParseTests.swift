import Foundation
import Testing
@testable import SpoorCrawl
import SpoorFixtures

/// Hostile pages through the whole scan: markup bombs are cut at the node limit with what came
/// before them read and the cut reported with the page; a million nested divs do not hide the
/// product after them; a page that lies about its charset is read with the real one, and both
/// are recorded.
@Suite(.serialized) struct CrawlerParseTests {
    @Test func markupBombsDeepNestingAndCharsetLiesThroughAScan() async throws {
        try await FixtureServer.withRunning(sites: [HostileSite()], firstHost: 71) { server in
            let endpoint = server.endpoints[0]
            let base = endpoint.baseURL
            let bomb = base + "/markup-bomb?mb=4"
            let deep = base + "/deep?n=1000000"
            let lie = base + "/charset/gbk?declare=header&label=utf-8"
            let scan = try await CrawlerTests.run(CrawlerTests.configuration(
                seeds: [bomb, deep, lie], allow: [endpoint.host], maxPages: 3, delay: 0))
            #expect(scan.summary.pages == 3)

            // The bomb: cut, said so on the page and as an error naming it; its product read.
            let bombPage = try #require(scan.pages.first { $0.url == bomb })
            #expect(bombPage.parseTruncated == .nodes)
            #expect(scan.errors.contains { $0.code == .limitExceeded && $0.subject == bomb && $0.message.contains("parse stopped") })
            #expect(scan.listings.contains { $0.listing.title == HostileSite.markupBombProduct && $0.pageURL == bomb })

            // The deep page: both products after the nesting read, the cut nesting reported.
            let deepTitles = scan.listings.filter { $0.pageURL == deep }.map(\.listing.title)
            #expect(Set(deepTitles) == [HostileSite.deepProduct, HostileSite.deepProduct + " (microdata)"])
            #expect(scan.pages.first { $0.url == deep }?.parseTruncated == nil)
            #expect(scan.errors.contains { $0.code == .extraction && $0.subject == deep })

            // The lying page: read as GB18030, UTF-8 kept as what it declared.
            let liePage = try #require(scan.pages.first { $0.url == lie })
            #expect(liePage.charset == PageCharset(name: "GB18030", source: .detected, declared: "UTF-8"))
            #expect(scan.pages.first { $0.url == bomb }?.charset == PageCharset(name: "UTF-8", source: .header, declared: "UTF-8"))
        }
    }
}
