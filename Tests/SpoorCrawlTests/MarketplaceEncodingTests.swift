import Foundation
import Testing
@testable import SpoorFixtures

@Suite struct MarketplaceEncodingTests {
    let market = Market.demo

    @Test func legacyPagesDecodeBackToTheOriginalTextWithTheDeclaredCharset() throws {
        let site = market.sites[3]
        var declarations = Set<String>()
        var languages = Set<String>()
        for listing in market.catalogs[3].listings where listing.availability == .live {
            let response = Market.get(site, listing.path)
            let declared = try #require(Market.declaredCharset(response), "\(listing.path) declares no charset")
            declarations.insert("\(listing.language == "ja" ? "ja" : "zh") \(declared.charset) \(declared.where)")
            languages.insert(listing.language)
            if listing.language == "ja" {
                #expect(declared.charset == "shift_jis")
            } else {
                #expect(["gbk", "gb18030"].contains(declared.charset))
            }
            #expect(String(validating: response.body, as: UTF8.self) == nil, "\(listing.path) is valid UTF-8")
            let text = try #require(Market.decoded(response), "\(listing.path) does not decode as \(declared.charset)")
            #expect(text.contains(HTML.escape(listing.title)))
            #expect(text.contains(HTML.escape(listing.description)))
            #expect(text.contains(HTML.escape(listing.seller)))
            // Encoding the decoded text again gives the same bytes.
            let iconvName = declared.charset == "shift_jis" ? "SHIFT_JIS" : declared.charset.uppercased()
            #expect(LegacyCharset.encode(text, as: iconvName) == response.body)
        }
        #expect(languages == ["zh-Hans", "zh-Hant", "ja"])
        #expect(declarations.isSuperset(of: [
            "zh gbk header", "zh gbk meta-charset", "zh gb18030 meta-http-equiv",
            "ja shift_jis header", "ja shift_jis meta-http-equiv",
        ]), "\(declarations.sorted())")
        // Index pages declare the charset only in HTTP; the home page only in a meta tag.
        let list = Market.get(site, "/list.asp?page=1")
        #expect(Market.contentType(list)?.lowercased().contains("charset=gb") == true)
        #expect(Market.declaredCharset(FixtureResponse(body: list.body)) == nil)
        let home = Market.get(site, "/")
        #expect(Market.contentType(home) == "text/html")
        #expect(Market.declaredCharset(home)?.where == "meta-http-equiv")
        // Deleted pages are GBK too.
        let gone = market.catalogs[3].listings.first { $0.availability == .gone }!
        let goneResponse = Market.get(site, gone.path)
        #expect(goneResponse.status == 410)
        #expect(Market.decoded(goneResponse)?.contains("该信息已被删除") == true)
    }

    @Test func everyJapaneseTemplateEncodesAsShiftJISAndChineseAsGB18030() {
        let market = DemoMarketplace(listingsPerSite: 600, sites: 4)
        for listing in market.catalogs[3].listings {
            let name = listing.language == "ja" ? "SHIFT_JIS" : "GB18030"
            let text = listing.title + listing.description + listing.seller + listing.location
            #expect(LegacyCharset.encode(text, as: name) != nil, "\(listing.id): \(text)")
        }
    }

    @Test func everyStringOfTheJapanesePackIsShiftJIS() {
        let pack = LanguagePack.pack(for: "ja")
        var strings = pack.sellers + pack.cities + pack.contacts + pack.discreet
        for template in pack.wildlife + pack.innocent {
            strings += [template.title, template.body] + template.slots.flatMap { $0 }
        }
        strings += ["中古品掲示板", "価格", "出品者", "地域", "掲載日", "円"]
        #expect(strings.filter { LegacyCharset.encode($0, as: "SHIFT_JIS") == nil } == [])
    }

    @Test func iconvHelperRoundTripsAndRejectsUnmappable() {
        let text = "象牙手镯 ￥1,250 微信：abc"
        let gbk = LegacyCharset.encode(text, as: "GBK")
        #expect(gbk != nil && gbk != Array(text.utf8))
        #expect(gbk.flatMap { LegacyCharset.decode($0, from: "GBK") } == text)
        #expect(LegacyCharset.encode("emoji 🔥", as: "GBK") == nil)
        #expect(LegacyCharset.encode("emoji 🔥", as: "GB18030").flatMap { LegacyCharset.decode($0, from: "GB18030") } == "emoji 🔥")
        #expect(LegacyCharset.decode([0x82, 0xA0], from: "SHIFT_JIS") == "あ")
        #expect(LegacyCharset.decode([0x82], from: "SHIFT_JIS") == nil)
        #expect(LegacyCharset.encode("x", as: "NO-SUCH-CHARSET") == nil)
    }

    @Test func gzipRoundTrips() {
        let input = Array(String(repeating: "<url><loc>http://127.0.0.2/listing/1</loc></url>\n", count: 200).utf8)
        let packed = Gzip.compress(input)
        #expect(packed.prefix(2) == [0x1F, 0x8B])
        #expect(packed.count < input.count / 5)
        #expect(Market.gunzip(packed) == input)
        #expect(Market.gunzip(Gzip.compress([])) == [])
        #expect(Market.gunzip(Array(packed.dropLast(4))) == nil)
    }

    @Test func sitemapsListEveryLiveListingAndTheShopsIsAGzippedIndex() throws {
        for (index, site) in market.sites.enumerated() {
            let catalog = market.catalogs[index]
            let host = "127.0.0.\(index + 2):4\(index)00"
            let base = "http://" + host
            let sitemap = Market.get(site, "/sitemap.xml", host: host)
            #expect(sitemap.status == 200)
            #expect(Market.contentType(sitemap)?.contains("xml") == true)
            let parsed = try #require(Market.locs(sitemap.body), "\(site.name) sitemap.xml is not XML")
            var listingLocs: [String]
            if catalog.layout == .jsonldShop {
                #expect(parsed.root == "sitemapindex")
                #expect(parsed.locs == ["\(base)/sitemap-pages.xml", "\(base)/sitemap-listings.xml.gz"])
                let gz = Market.get(site, "/sitemap-listings.xml.gz", host: host)
                #expect(Market.contentType(gz) == "application/gzip")
                let xml = try #require(Market.gunzip(gz.body), "does not inflate")
                let inner = try #require(Market.locs(xml), "inflated sitemap is not XML")
                #expect(inner.root == "urlset")
                listingLocs = inner.locs
                let pages = try #require(Market.locs(Market.get(site, "/sitemap-pages.xml", host: host).body))
                #expect(pages.locs.contains("\(base)/search?page=2"))
            } else {
                #expect(parsed.root == "urlset")
                listingLocs = parsed.locs
            }
            let live = catalog.listings.filter { $0.availability == .live }.map { base + $0.path }
            #expect(listingLocs == live, "\(site.name)")
            #expect(live.count > catalog.count * 9 / 10)
        }
    }
}
