import Testing
@testable import SpoorCrawl

/// The robots.txt cache policy: RFC 9309 §2.3.1 status handling and §2.4 expiry.
@Suite struct RobotsCacheTests {
    let now = CrawlInstant(secondsSince1970: 1_700_000_000)
    let policy = RobotsCachePolicy(productToken: "SpoorBot")

    func url(_ text: String) throws -> CanonicalURL { try URLCanonicalizer().canonicalize(text) }

    @Test func successIsParsedAndKeptFor24Hours() throws {
        let body = Array("User-agent: spoorbot\nDisallow: /admin\nSitemap: https://shop.test/s.xml\n".utf8)
        let entry = policy.entry(for: .response(status: 200, body: body), now: now)
        #expect(entry.expiresAt == now.adding(86_400))
        #expect(!entry.rules.isAllowed("/admin/x"))
        #expect(entry.rules.isAllowed("/listing"))
        #expect(entry.sitemaps == ["https://shop.test/s.xml"])
    }

    @Test(arguments: [400, 401, 403, 404, 410, 451])
    func clientErrorsAllowEverything(status: Int) {
        let entry = policy.entry(for: .response(status: status, body: Array("User-agent: *\nDisallow: /\n".utf8)), now: now)
        #expect(entry.rules == .allowAll)
        #expect(entry.rules.isAllowed("/anything"))
        #expect(entry.expiresAt == now.adding(86_400))
    }

    @Test(arguments: [
        RobotsFetchResult.response(status: 500, body: []),
        .response(status: 503, body: []),
        .response(status: 429, body: []),
        .unreachable(reason: "connection refused"),
    ])
    func serverErrorsAndUnreachableDisallowEverythingUntilASoonerRetry(result: RobotsFetchResult) {
        let entry = policy.entry(for: result, now: now)
        #expect(entry.rules == .disallowAll)
        #expect(!entry.rules.isAllowed("/"))
        #expect(entry.rules.isAllowed("/robots.txt"))
        #expect(entry.expiresAt == now.adding(3_600))
        #expect(entry.expiresAt < now.adding(policy.expiry))
    }

    @Test func tooManyRedirectsMeansUnavailable() {
        #expect(policy.maxRedirects == 5)
        let entry = policy.entry(for: .tooManyRedirects(6), now: now)
        #expect(entry.rules == .allowAll)
    }

    @Test func cacheAsksForRobotsThenAnswersUntilExpiry() throws {
        var cache = RobotsCache(policy: policy)
        let page = try url("https://Shop.test/admin/users")
        #expect(cache.check(page, now: now) == .fetchRobots(url: "https://shop.test/robots.txt"))
        #expect(cache.check(try url("https://shop.test/robots.txt"), now: now) == .allowed)

        cache.record(.response(status: 200, body: Array("User-agent: *\nDisallow: /admin\n".utf8)), origin: page.origin, now: now)
        guard case .disallowed(let error) = cache.check(page, now: now.adding(60)) else {
            Issue.record("expected a disallow"); return
        }
        #expect(error.code == .robotsDisallowed)
        #expect(error.subject == "https://shop.test/admin/users")
        #expect(cache.check(try url("https://shop.test/listing?id=3"), now: now.adding(60)) == .allowed)
        // Another origin (scheme or port) has its own robots.txt.
        #expect(cache.check(try url("http://shop.test/admin"), now: now) == .fetchRobots(url: "http://shop.test/robots.txt"))
        #expect(cache.check(try url("https://shop.test:8443/admin"), now: now) == .fetchRobots(url: "https://shop.test:8443/robots.txt"))
        // After 24 hours it must be fetched again.
        #expect(cache.check(page, now: now.adding(86_400)) == .fetchRobots(url: "https://shop.test/robots.txt"))
        cache.removeExpired(now: now.adding(86_400))
        #expect(cache.entry(forOrigin: page.origin, now: now) == nil)
    }
}
