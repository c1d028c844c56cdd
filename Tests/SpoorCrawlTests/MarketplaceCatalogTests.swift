import SpoorMatch
import Foundation
import Testing
@testable import SpoorFixtures

@Suite struct MarketplaceCatalogTests {
    let market = Market.demo

    @Test func defaultDemoHasHundredsOfListingsInAllElevenLanguages() {
        let listings = market.listings
        #expect((300...400).contains(listings.count))
        let languages = Set(listings.map(\.language))
        #expect(languages == ["en", "de", "fr", "es", "pt", "zh-Hans", "zh-Hant", "vi", "th", "id", "ja"])
        #expect(Set(listings.map(\.title)).count > listings.count * 65 / 100, "titles should vary")
        #expect(Set(listings.map(\.description)).count > listings.count * 9 / 10, "descriptions should vary")
    }

    @Test func wildlifeShareIsAboutAQuarterOverallAndOnEverySite() {
        let listings = market.listings
        let share = Double(listings.filter(\.expectFlag).count) / Double(listings.count)
        #expect((0.2...0.3).contains(share), "share \(share)")
        for catalog in market.catalogs {
            let flagged = catalog.listings.filter(\.expectFlag).count
            #expect((0.1...0.45).contains(Double(flagged) / Double(catalog.count)), "\(catalog.site): \(flagged)")
        }
        let big = DemoMarketplace(listingsPerSite: 1000, sites: 8).listings
        let bigShare = Double(big.filter(\.expectFlag).count) / Double(big.count)
        #expect((0.23...0.27).contains(bigShare), "share \(bigShare)")
        let wildlife = Set(big.filter(\.expectFlag).map(\.category))
        #expect(wildlife.isSuperset(of: ["ivory", "rhino-horn", "pangolin", "tiger", "hawksbill", "parrot", "tortoise",
                                         "slow-loris", "agarwood", "rosewood", "shark-fin", "totoaba", "hornbill", "bear-bile"]))
        #expect(Set(big.filter { !$0.expectFlag }.map(\.category)).isDisjoint(with: wildlife))
    }

    @Test func disguisedSpellingsAndInnocentLookAlikesBothOccur() {
        let big = DemoMarketplace(listingsPerSite: 2000, sites: 8).listings
        let flaggedText = big.filter(\.expectFlag).map { $0.title + " " + $0.description }.joined(separator: "\n")
        let disguises = ["i.v.o.r.y", "1v0ry", "іvоrу", "ｉｖｏｒｙ", "white gold", "RH", "CSJ", "Bekko", "穿山甲", "Big cat bone",
                         "Discreet", "保密发货", "no papers"]
        #expect(disguises.filter { !flaggedText.contains($0) } == [])
        let innocentTitles = big.filter { !$0.expectFlag }.map(\.title).joined(separator: "\n")
        let lookalikes = ["Ivory", "Tiger Balm", "Rhino", "tortoiseshell", "Ivory Coast", "Python", "象牙白", "Shark fin", "Cow bone"]
        #expect(lookalikes.filter { !innocentTitles.contains($0) } == [])
        let allText = big.map(\.description).joined(separator: "\n")
        let messengers = ["WhatsApp", "WeChat", "Telegram", "Line", "LINE", "Zalo", "微信", "QQ", "WA "]
        #expect(messengers.filter { !allText.contains($0) } == [])
        #expect(!big.contains { $0.title.contains("{") || $0.description.contains("{") }, "an unfilled placeholder")
    }

    @Test func listingsAreAFunctionOfSeedSiteAndID() {
        let a = DemoMarketplace(listingsPerSite: 50, seed: 1)
        let b = DemoMarketplace(listingsPerSite: 50, seed: 1)
        let c = DemoMarketplace(listingsPerSite: 50, seed: 2)
        #expect(a.listings == b.listings)
        #expect(a.listings.map(\.title) != c.listings.map(\.title))
        // Growing a site keeps its existing listings.
        let grown = DemoMarketplace(listingsPerSite: 80, seed: 1)
        #expect(Array(grown.catalogs[0].listings.prefix(50)) == a.catalogs[0].listings)
        #expect(a.catalogs[0].listing(0) == nil && a.catalogs[0].listing(51) == nil)
    }

    @Test func benchmarkConfigurationServesTwentyThousandDistinctListingURLsOverTwentySites() {
        let bench = DemoMarketplace(listingsPerSite: 1000, sites: 20,
                                    baseURL: { "http://127.0.0.\($0 + 2):40000" })
        #expect(bench.sites.count == 20)
        #expect(Set(bench.sites.map(\.name)).count == 20)
        #expect(bench.sites[4].name == "jsonld-shop-4" && bench.sites[19].name == "legacy-gbk-19")
        let listings = bench.listings
        #expect(listings.count == 20_000)
        #expect(Set(listings.map(\.url)).count == 20_000)
        #expect(Set(listings.map(\.alternateURL)).isDisjoint(with: listings.map(\.url)))
        // Sample pages on every site: status matches the ground truth, text matches the listing.
        for (index, site) in bench.sites.enumerated() {
            for id in stride(from: 1 + index, through: 1000, by: 97) {
                let listing = bench.catalogs[index].listing(id)!
                let response = Market.get(site, listing.path)
                let expected = listing.availability == .live ? 200 : (listing.availability == .gone ? 410 : 404)
                #expect(response.status == expected, "\(site.name) \(listing.path)")
                if expected == 200 {
                    #expect(Market.decoded(response)?.contains(HTML.escape(listing.title)) == true, "\(site.name) \(listing.path)")
                }
            }
            #expect(Market.get(site, bench.catalogs[index].layout.path(of: 1001)).status == 404)
        }
    }

    @Test func splitMixMatchesTheReferenceSequence() {
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
        var other = SplitMix64(seed: 42)
        for _ in 0..<1000 {
            #expect((3...7).contains(other.int(in: 3...7)))
            #expect((0..<1).contains(other.unit()))
        }
    }

    @Test func escapingKeepsMarkupAndScriptsIntact() throws {
        #expect(HTML.escape("<a href=\"x\">Tom & Jerry's</a>") == "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        let tricky = "quote \" backslash \\ </script> tab\t newline\n nul\u{0} emoji 🔥 象牙 \u{2028}"
        let literal = ScriptJSON.quote(tricky)
        #expect(!literal.contains("</script>") && !literal.contains("<"))
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
        #expect(parsed == [tricky])
    }

    @Test func datesAndPricesAreWrittenLikePeopleWriteThem() {
        #expect(ListingCatalog.date(daysAfter2025: 0) == "2025-01-01")
        #expect(ListingCatalog.date(daysAfter2025: 59) == "2025-03-01")
        #expect(ListingCatalog.date(daysAfter2025: 365) == "2026-01-01")
        #expect(ListingCatalog.date(daysAfter2025: 365 + 31 + 28) == "2026-03-01")
        #expect(ListingCatalog.roundPrice(87.4) == 87)
        #expect(ListingCatalog.roundPrice(1234) == 1200)
        #expect(ListingCatalog.roundPrice(2_537_500) == 2_500_000)
        #expect(SiteSupport.grouped(1_250_000, separator: ".") == "1.250.000")
        #expect(SiteSupport.grouped(999, separator: ",") == "999")
    }
}
