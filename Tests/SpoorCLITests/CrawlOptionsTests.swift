import Testing
@testable import spoor

/// The crawl options `spoor scan` and `spoor demo` share, as far as issue 12 changed them.
@Suite struct CrawlOptionsTests {
    @Test func maxCrawlDelaySetsTheCap() throws {
        #expect(try CrawlOptions.parse([]).configuration().politeness.crawlDelayCap == 60)
        let options = try CrawlOptions.parse(["--max-crawl-delay", "300"])
        #expect(try options.configuration().politeness.crawlDelayCap == 300)
        #expect(throws: (any Error).self) { try CrawlOptions.parse(["--max-crawl-delay", "-1"]) }
    }

    @Test func maxBodyBufferSetsTheFetchersBodyBudget() throws {
        #expect(try CrawlOptions.parse([]).configuration().fetcher.maxBufferedBodyBytes == 16 << 20)
        #expect(try CrawlOptions.parse(["--max-body-buffer-mib", "16"]).configuration().fetcher.maxBufferedBodyBytes == 16 << 20)
        #expect(try CrawlOptions.parse(["--max-body-buffer-mib", "0"]).configuration().fetcher.maxBufferedBodyBytes == 0)
        #expect(throws: (any Error).self) { try CrawlOptions.parse(["--max-body-buffer-mib", "-1"]) }
    }
}
