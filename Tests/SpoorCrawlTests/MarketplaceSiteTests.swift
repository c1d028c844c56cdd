import Foundation
import Testing
@testable import SpoorFixtures

/// How to walk one layout's index pages.
struct IndexWalk {
    /// The first index page.
    let start: String
    /// The next-page link of a page's text, if any.
    let next: @Sendable (String) -> String?
    /// The listing id a link points at, if it is a listing link.
    let listingID: @Sendable (String) -> Int?

    static func of(_ layout: DemoLayout) -> IndexWalk {
        switch layout {
        case .jsonldShop:
            IndexWalk(start: "/search", next: { html in
                html.firstMatch(of: /<a rel="next" href="([^"]*)"/).map { String($0.output.1) }
            }, listingID: { href in
                href.wholeMatch(of: /\/listing\/(\d+)/).flatMap { Int($0.output.1) }
            })
        case .bazaar:
            IndexWalk(start: "/anzeigen", next: { html in
                html.firstMatch(of: /<a class="pager-next" href="([^"]*)">Weiter »<\/a>/).map { String($0.output.1) }
            }, listingID: { href in
                href.wholeMatch(of: /\/anzeige\/(\d+)/).flatMap { Int($0.output.1) }
            })
        case .feed:
            IndexWalk(start: "/", next: { html in
                html.firstMatch(of: /<a class="load-more" href="([^"]*)"/).map { String($0.output.1) }
            }, listingID: { href in
                (href.wholeMatch(of: /\/post\/(\d+)/)?.output.1).flatMap { Int($0) }
                    ?? (href.wholeMatch(of: /\/u\/[a-z_0-9]+\/status\/(\d+)/)?.output.1).flatMap { Int($0) }
            })
        case .legacyGBK:
            IndexWalk(start: "/list.asp?page=1", next: { html in
                html.firstMatch(of: /<A HREF="([^"]*)">下一页<\/A>/).map { String($0.output.1) }
            }, listingID: { href in
                href.wholeMatch(of: /\/item\.asp\?id=(\d+)/).flatMap { Int($0.output.1) }
            })
        }
    }
}

@Suite struct MarketplaceSiteTests {
    let market = Market.demo

    @Test func defaultMarketplaceHasFourNamedSitesOfEachLayout() {
        #expect(market.sites.map(\.name) == ["jsonld-shop", "bazaar", "feed", "legacy-gbk"])
        #expect(market.catalogs.map(\.layout) == DemoLayout.allCases)
        #expect(market.listings.count == 4 * DemoMarketplace.defaultListingsPerSite)
        #expect(market.site(named: "feed") is Feed)
        #expect(market.site(named: "nope") == nil)
    }

    @Test func sameRequestGivesSameBytesEveryTime() {
        let again = DemoMarketplace()
        for (index, site) in market.sites.enumerated() {
            let catalog = market.catalogs[index]
            var targets = ["/", "/robots.txt", "/sitemap.xml", IndexWalk.of(catalog.layout).start, "/admin/", "/no/such/page"]
            for id in [1, 2, 3, 7, 11, 12, 30, catalog.count] {
                targets += [catalog.layout.path(of: id), catalog.listing(id)!.alternatePath]
            }
            for target in targets {
                let first = Market.get(site, target)
                #expect(first == Market.get(site, target), "\(site.name) \(target)")
                #expect(first == Market.get(again.sites[index], target), "\(site.name) \(target) across instances")
            }
        }
    }

    @Test(arguments: 0..<4) func paginationReachesEveryListingAndTheLastPageHasNoNext(siteIndex: Int) throws {
        let site = market.sites[siteIndex]
        let catalog = market.catalogs[siteIndex]
        let walk = IndexWalk.of(catalog.layout)
        var target = walk.start
        var seen = Set<Int>()
        var pages = 0
        var visited = Set<String>()
        while true {
            #expect(visited.insert(target).inserted, "\(site.name): pagination loops at \(target)")
            let response = Market.get(site, target)
            #expect(response.status == 200, "\(site.name) \(target)")
            let html = try #require(Market.decoded(response), "\(site.name) \(target) does not decode")
            pages += 1
            for href in Market.hrefs(html) {
                if let id = walk.listingID(Market.resolve(href, from: target)) { seen.insert(id) }
            }
            guard let next = walk.next(html) else {
                // The last page: no next link of any kind.
                #expect(!html.contains("rel=\"next\""), "\(site.name) last page \(target)")
                break
            }
            target = Market.resolve(next, from: target)
            if pages > 100 { Issue.record("\(site.name): too many pages"); break }
        }
        #expect(seen == Set(1...catalog.count), "\(site.name): missing \(Set(1...catalog.count).subtracting(seen).sorted())")
        #expect(pages > 1, "\(site.name) should need several pages")
        // One past the last page does not exist.
        switch catalog.layout {
        case .jsonldShop: #expect(Market.get(site, "/search?page=\(pages + 1)").status == 404)
        case .bazaar: #expect(Market.get(site, "/anzeigen?seite=\(pages + 1)").status == 404)
        case .legacyGBK: #expect(Market.get(site, "/list.asp?page=\(pages + 1)").status == 404)
        case .feed: #expect(Market.get(site, "/?cursor=bogus").status == 400)
        }
    }

    @Test func deletedListingsAnswer404Or410AtBothURLsAndAreStillLinked() {
        for (index, site) in market.sites.enumerated() {
            let catalog = market.catalogs[index]
            var statuses = Set<Int>()
            for listing in catalog.listings {
                let expected = switch listing.availability {
                case .live: 200
                case .notFound: 404
                case .gone: 410
                }
                #expect(Market.get(site, listing.path).status == expected, "\(site.name) \(listing.path)")
                #expect(Market.get(site, listing.alternatePath).status == expected, "\(site.name) \(listing.alternatePath)")
                statuses.insert(expected)
            }
            #expect(statuses == [200, 404, 410], "\(site.name) has \(statuses)")
        }
        // Linked from an index page even though deleted (the pagination test sees every id; check one directly).
        let shop = market.sites[0]
        let deleted = market.catalogs[0].listings.first { $0.availability == .gone }!
        let page = (deleted.id - 1) / JSONLDShop.pageSize + 1
        #expect(Market.text(Market.get(shop, "/search?page=\(page)")).contains("href=\"\(deleted.path)\""))
    }

    @Test func everyLiveListingIsTheSamePageAtBothURLsAndBothAreLinked() {
        for (index, site) in market.sites.enumerated() {
            let catalog = market.catalogs[index]
            for listing in catalog.listings where listing.availability == .live {
                #expect(listing.path != listing.alternatePath)
                let canonical = Market.get(site, listing.path)
                let alternate = Market.get(site, listing.alternatePath)
                #expect(canonical.status == 200)
                #expect(canonical.body == alternate.body, "\(site.name) \(listing.path) vs \(listing.alternatePath)")
            }
            // The home page (or for the feed, the timeline) links some listings at the alternate URL.
            let home = Market.decoded(Market.get(site, "/")) ?? ""
            let alternates = catalog.listings.filter { home.contains("\"\($0.alternatePath.replacingOccurrences(of: "&", with: "&amp;"))\"") }
            #expect(!alternates.isEmpty, "\(site.name): no alternate URL linked from /")
        }
    }

    @Test func robotsTxtDisallowsTheLinkedAdminPagesAndNamesTheSitemap() {
        for (index, site) in market.sites.enumerated() {
            let response = Market.get(site, "/robots.txt", host: "127.0.0.\(index + 2):40123")
            #expect(response.status == 200)
            #expect(Market.contentType(response)?.hasPrefix("text/plain") == true)
            let robots = Market.text(response)
            #expect(robots.contains("User-agent: *\n"))
            #expect(robots.contains("Disallow: /admin/\n"))
            #expect(robots.contains("Sitemap: http://127.0.0.\(index + 2):40123/sitemap.xml\n"))
            #expect(robots.contains("Crawl-delay: 1\n") == (market.catalogs[index].layout == .bazaar), "\(site.name)")
            let home = Market.decoded(Market.get(site, "/")) ?? ""
            #expect(Market.hrefs(home).contains("/admin/"), "\(site.name) should link its admin page")
        }
        let noDelay = DemoMarketplace(listingsPerSite: 10, crawlDelay: nil)
        #expect(!Market.text(Market.get(noDelay.sites[1], "/robots.txt")).contains("Crawl-delay"))
        let halfSecond = DemoMarketplace(listingsPerSite: 10, crawlDelay: 0.5)
        #expect(Market.text(Market.get(halfSecond.sites[1], "/robots.txt")).contains("Crawl-delay: 0.5\n"))
    }

    @Test func headKeepsStatusAndHeadersWithoutBodyAndPostIsRefused() {
        for site in market.sites {
            let get = Market.get(site, "/")
            let head = Market.get(site, "/", method: "HEAD")
            #expect(head.status == get.status)
            #expect(head.headers == get.headers)
            #expect(head.body.isEmpty && !get.body.isEmpty)
            #expect(Market.get(site, "/", method: "POST").status == 405)
            #expect(Market.get(site, "/img/1.gif").body.prefix(6) == Array("GIF89a".utf8)[...])
            #expect(Market.get(site, "/img/99999.gif").status == 404)
        }
    }

    @Test func absoluteURLsFollowTheHostHeaderElseTheConfiguredBase() {
        let market = DemoMarketplace(listingsPerSite: 30, baseURL: { "http://127.0.0.\($0 + 2):5\($0)00" })
        let shop = market.sites[0]
        let listing = market.catalogs[0].listings.first { $0.availability == .live && $0.id % 3 != 0 }!
        #expect(listing.url == "http://127.0.0.2:5000" + listing.path)
        #expect(Market.text(Market.get(shop, listing.path)).contains("\"url\":\"http://127.0.0.2:5000\(listing.path)\""))
        #expect(Market.text(Market.get(shop, listing.path, host: "localhost:8080")).contains("\"url\":\"http://localhost:8080\(listing.path)\""))
    }

    @Test func someMarkupIsBrokenOnPurpose() {
        let shop = market.sites[0]
        let broken = Market.text(Market.get(shop, "/listing/14"))
        let clean = Market.text(Market.get(shop, "/listing/13"))
        #expect(broken.components(separatedBy: "</div>").count > broken.components(separatedBy: "<div").count)
        #expect(clean.components(separatedBy: "</div>").count == clean.components(separatedBy: "<div").count)
        let ad = Market.text(Market.get(market.sites[1], "/anzeige/1"))
        #expect(ad.components(separatedBy: "</div>").count > ad.components(separatedBy: "<div").count)
        #expect(!ad.contains("</td>"))
    }

    @Test func urlsMapBackToTheirListings() {
        for listing in market.listings {
            #expect(market.listing(forURL: listing.url) == listing)
            #expect(market.listing(forURL: listing.alternateURL) == listing)
        }
        let shop = market.catalogs[0]
        #expect(market.listing(forURL: shop.baseURL + "/search?page=1") == nil)
        #expect(market.listing(forURL: shop.baseURL + "/listing/0") == nil)
        #expect(market.listing(forURL: "http://elsewhere.example/listing/1") == nil)
        #expect(market.catalogs[1].listing(forTarget: "/anzeige/5-some-slug")?.id == 5)
        let post = market.catalogs[2].listing(3)!
        #expect(market.catalogs[2].listing(forTarget: "/u/not_\(post.handle)/status/3") == nil)
        #expect(Market.get(market.sites[2], "/u/not_\(post.handle)/status/3").status == 404)
    }

    @Test func conditionalRequestsGet304() {
        #expect(SiteSupport.httpDate("2025-03-14") == "Fri, 14 Mar 2025 00:00:00 GMT")
        #expect(SiteSupport.httpDate("2025-01-01") == "Wed, 01 Jan 2025 00:00:00 GMT")
        #expect(SiteSupport.httpDate("2026-02-28") == "Sat, 28 Feb 2026 00:00:00 GMT")
        for (index, site) in market.sites.enumerated() {
            let listing = market.catalogs[index].listings.first { $0.availability == .live }!
            let first = Market.get(site, listing.path)
            let etag = first.headers.first { $0.name == "etag" }?.value
            let lastModified = first.headers.first { $0.name == "last-modified" }?.value
            #expect(etag != nil && lastModified == SiteSupport.httpDate(listing.posted), "\(site.name)")
            func get(_ name: String, _ value: String) -> FixtureResponse {
                guard case .respond(let response) = site.action(for: FixtureRequest(target: listing.path, headers: [.init(name, value)])) else {
                    return FixtureResponse(status: 0)
                }
                return response
            }
            let revalidated = get("If-None-Match", etag ?? "")
            #expect(revalidated.status == 304 && revalidated.body.isEmpty, "\(site.name)")
            #expect(revalidated.headers.contains { $0.name == "etag" && $0.value == etag })
            #expect(get("If-None-Match", "\"other\", \(etag ?? "")").status == 304)
            #expect(get("If-None-Match", "\"other\"").status == 200)
            #expect(get("If-Modified-Since", lastModified ?? "").status == 304)
            #expect(get("If-Modified-Since", "Mon, 01 Jan 2024 00:00:00 GMT").status == 200)
            // Index pages have an ETag too but no Last-Modified.
            let home = Market.get(site, "/")
            #expect(home.headers.contains { $0.name == "etag" } && !home.headers.contains { $0.name == "last-modified" })
            #expect(Market.get(site, "/no/such/page").headers.allSatisfy { $0.name != "etag" })
        }
    }
}
