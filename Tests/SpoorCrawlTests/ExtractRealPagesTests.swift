import Testing
@testable import SpoorCrawl

/// The shipped example profiles on real saved pages from `../shared/fixtures/real-pages`
/// (skipped when that folder is absent). Figures were counted independently with Python/lxml.
@Suite(.enabled(if: ExtractTestData.realPages != nil, "needs ../shared/fixtures/real-pages"))
struct ExtractRealPagesTests {
    func profile(_ name: String) throws -> SiteProfile {
        try SiteProfile.load(file: ExtractTestData.path("sites/examples/\(name).yaml"))
    }

    @Test func ebayResultsPageGivesAll64ListingsWithTitleAndPrice() throws {
        let html = try ExtractTestData.realPage("ebay_de.html")
        let page = try profile("ebay-de").extract(html: html, url: "https://www.ebay.de/sch/i.html?_nkw=apple")
        // 68 result cards: 60 in the main list and 8 in a sponsored carousel, 4 of which repeat
        // main-list items; 64 distinct items.
        #expect(page.listings.count == 64)
        #expect(page.listings.allSatisfy { !$0.title.isEmpty && $0.price != nil && $0.currency == "EUR" })
        #expect(Set(page.listings.compactMap(\.listingID)).count == 64)
        #expect(page.listings.allSatisfy { $0.images.count == 1 && $0.url?.hasPrefix("https://www.ebay.de/itm/") == true })
        let total = page.listings.compactMap(\.price).reduce(0, +)
        #expect(abs(total - 20278.22) < 0.001)

        let first = page.listings[0]
        #expect(first.title == "3x 2m Ladekabel NYLON für Original iPhone 6 7 8 11 12 X XS XR Pro Max USB Apple")
        #expect(first.price == 10.79)
        #expect(first.listingID == "144278067683")
        #expect(first.url == "https://www.ebay.de/itm/144278067683")
        // The "Neues Angebot" badge is not part of the title; "EUR 1.049,00" is 1049.
        #expect(page.listings.contains { $0.title == #"Apple MacBook Pro 15" A1398, 16GB/256GB - MJLQ2D/A - OVP - Juni 2015 - Silber"# })
        #expect(page.listings.contains { $0.title.hasPrefix("Apple MacBook Pro 13,3\" 2020 M1") && $0.price == 1049 })
        // A price range reads as its lower bound.
        #expect(page.listings.first { $0.title.hasPrefix("Kaspersky Internet Security") }?.price == 4.11)

        #expect(page.nextPage == "https://www.ebay.de/sch/i.html?_from=R40&_nkw=apple&_sacat=58058&_pgn=2")
        #expect(page.listingLinks.count == 68)
        #expect(page.indexLinks.count == 10)
        #expect(page.outlinks.count > 300)
    }

    @Test func craigslistSearchPageGivesListingsAndTheNextPage() throws {
        let html = try ExtractTestData.realPage("craigslist-search-results-sample.html")
        let page = try profile("craigslist").extract(html: html, url: "https://boston.craigslist.org/search/sss")
        #expect(page.listings.count == 120)
        #expect(page.listingLinks.count == 120)
        #expect(page.listingLinks.allSatisfy { $0.hasPrefix("https://boston.craigslist.org/") && $0.hasSuffix(".html") })
        #expect(page.listings.filter { $0.price != nil }.count == 94)
        #expect(page.listings.compactMap(\.price).reduce(0, +) == 88251)
        let first = page.listings[0]
        #expect(first.title == "Solar tea light")
        #expect(first.listingID == "7692736931")
        #expect(first.price == 5 && first.currency == "USD")
        #expect(first.location == "Peabody")
        #expect(first.url == "https://boston.craigslist.org/nos/for/d/peabody-solar-tea-light/7692736931.html")
        #expect(page.nextPage == "https://boston.craigslist.org/search/sss?s=120")
    }

    @Test func craigslistLastSearchPageHasNoNextPage() throws {
        let html = try ExtractTestData.realPage("craigslist-search-results-last-page-sample.html")
        let page = try profile("craigslist").extract(html: html, url: "https://boston.craigslist.org/search/sss?query=aaa")
        #expect(page.listings.map(\.title) == [
            "Roku voice remote", "Gaming Computer - Desktop",
            "Britax Stroller Organizer, Snack tray, Hooks, Leash for 2 Baby monitor",
            "Terminator 2 Judgement Day T2 T-800 Endoskull Schwarzenegger 6 DVD set",
        ])
        #expect(page.listings.map(\.price) == [20, 600, 15, 300])
        #expect(page.listingLinks.count == 4)
        #expect(page.nextPage == nil)
    }

    @Test(arguments: [
        ("craigslist-result-details-sample.html", "Solar tea light", 5.0 as Double?, 4, "7692736931",
         "2023-11-29T20:23:46-0500", nil as String?, "Small solar tea light new inbox"),
        ("craigslist-result-details-no-price-sample.html", "2019 Suzuki DR650 SKU:UK2101120-CA Suzuki DR650", nil, 2,
         "7647523987", "2023-07-25T20:10:58-0400", nil, "Nault's Windham Motorcycles Ask for: Joey Labranch"),
        ("craigslist-result-details-single-image-sample.html", "1981 Kawasaki KZ75OH", 500, 1, "7647759587",
         "2023-07-26T14:07:36-0400", "2023-07-26T14:07:37-0400", "Kawasaki - partially rebuilt and I have all the parts."),
        ("craigslist-result-details-with-update-sample.html", "2 24” LG Monitors in Excellent Condition", 90, 2,
         "7643980056", "2023-07-16T08:51:04-0400", "2023-07-25T21:40:48-0400",
         "2 24” LG Monitors in Excellent Condition. $90 ea. or $170 for both."),
    ])
    func craigslistDetailPages(
        file: String, title: String, price: Double?, images: Int, id: String, posted: String, updated: String?,
        bodyStart: String
    ) throws {
        let html = try ExtractTestData.realPage(file)
        let page = try profile("craigslist").extract(html: html, url: "https://boston.craigslist.org/d/x/\(id).html")
        #expect(page.listings.count == 1)
        let listing = try #require(page.listings.first)
        #expect(listing.title == title)
        #expect(listing.price == price)
        #expect(listing.currency == (price == nil ? nil : "USD"))
        #expect(listing.images.count == images)
        #expect(listing.listingID == id)
        #expect(listing.postedAt == posted)
        #expect(listing.updatedAt == updated)
        #expect(listing.description.hasPrefix(bodyStart))
        #expect(!listing.description.contains("QR Code Link"))
        #expect(listing.url?.hasSuffix("/\(id).html") == true)
        #expect(page.nextPage == nil)
    }

    @Test func craigslistStructuredDataWithoutAProfile() throws {
        let search = StructuredData.extract(
            html: try ExtractTestData.realPage("craigslist-search-results-sample.html"), url: "https://boston.craigslist.org/search/sss")
        // The page's JSON-LD ItemList holds 270 products (more than the 120 cards rendered).
        #expect(search.listings.count == 270)
        #expect(search.listings.allSatisfy { $0.source == "json-ld" && !$0.title.isEmpty })
        #expect(search.listings.first?.title == "Kids Lange Ski Boots Size 20.5")
        #expect(search.listings.first?.price == 50)
        #expect(search.listings.first?.currency == "USD")
        #expect(search.listings.first?.location == "Boxford, MA")

        let detail = StructuredData.extract(
            html: try ExtractTestData.realPage("craigslist-result-details-no-price-sample.html"), url: nil)
        // No posting JSON-LD on this page: OpenGraph is the fallback.
        #expect(detail.listings.map(\.source) == ["opengraph"])
        #expect(detail.listings.first?.url == "https://boston.craigslist.org/nos/mcd/d/salem-2019-suzuki-dr650-skuuk-ca-suzuki/7647523987.html")
    }

    @Test func charsetDeclarationsOfRealPages() throws {
        let html = try ExtractTestData.realPage("craigslist-search-results-last-page-sample.html")
        #expect(MetaCharset.declared(in: Array(html.utf8)) == "utf-8")
        let ebay = try ExtractTestData.realPage("ebay_de.html")
        #expect(MetaCharset.declared(in: Array(ebay.utf8)) == nil)  // eBay declares it only in the HTTP header
    }
}
