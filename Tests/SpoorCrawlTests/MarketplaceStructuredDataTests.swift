import Foundation
import Testing
@testable import SpoorFixtures

@Suite struct MarketplaceStructuredDataTests {
    let market = Market.demo

    /// The parsed JSON-LD blocks of a page.
    func jsonLD(_ html: String) throws -> [[String: Any]] {
        try html.matches(of: /<script type="application\/ld\+json">(.*?)<\/script>/).map { match in
            let object = try JSONSerialization.jsonObject(with: Data(String(match.output.1).utf8))
            return try #require(object as? [String: Any])
        }
    }

    @Test func everyShopListingHasAProductWithOfferInJSONLD() throws {
        let shop = market.sites[0]
        var graphs = 0
        for listing in market.catalogs[0].listings where listing.availability == .live {
            let html = Market.text(Market.get(shop, listing.path, host: "shop.test"))
            let blocks = try jsonLD(html)
            try #require(blocks.count == 1)
            let block = blocks[0]
            #expect(block["@context"] as? String == "https://schema.org")
            var product = block
            if let graph = block["@graph"] as? [[String: Any]] {
                graphs += 1
                product = try #require(graph.first { $0["@type"] as? String == "Product" })
                #expect(graph.contains { $0["@type"] as? String == "BreadcrumbList" })
            }
            #expect(product["@type"] as? String == "Product")
            #expect(product["name"] as? String == listing.title)
            #expect(product["description"] as? String == listing.description)
            #expect(product["sku"] as? String == listing.sku)
            #expect(product["image"] as? String == "http://shop.test" + listing.imagePath)
            #expect(product["url"] as? String == "http://shop.test" + listing.path)
            let offer = try #require(product["offers"] as? [String: Any])
            #expect(offer["@type"] as? String == "Offer")
            #expect(offer["priceCurrency"] as? String == listing.currency)
            let price = (offer["price"] as? NSNumber)?.doubleValue ?? (offer["price"] as? String).flatMap(Double.init)
            #expect(price == Double(listing.price))
            let seller = try #require(offer["seller"] as? [String: Any])
            #expect(seller["name"] as? String == listing.seller)
            #expect(html.contains("<link rel=\"canonical\" href=\"http://shop.test\(listing.path)\">"))
        }
        #expect(graphs > 5)
    }

    @Test func firstSearchPageCarriesAnItemList() throws {
        let shop = market.sites[0]
        let blocks = try jsonLD(Market.text(Market.get(shop, "/search")))
        let list = try #require(blocks.first)
        #expect(list["@type"] as? String == "ItemList")
        let items = try #require(list["itemListElement"] as? [[String: Any]])
        #expect(items.count == JSONLDShop.pageSize)
        #expect(items.map { $0["position"] as? Int } == (1...JSONLDShop.pageSize).map { $0 })
        #expect(items[0]["url"] as? String == market.catalogs[0].listing(1)!.url)
        #expect(try jsonLD(Market.text(Market.get(shop, "/search?page=2"))).isEmpty)
    }

    @Test func feedPostsCarryOpenGraphPriceAndSomeMicrodata() throws {
        let feed = market.sites[2]
        var microdata = 0
        for listing in market.catalogs[2].listings where listing.availability == .live {
            let html = Market.text(Market.get(feed, listing.path))
            func og(_ property: String) -> String? {
                html.firstMatch(of: try! Regex("<meta property=\"\(property)\" content=\"([^\"]*)\">"))
                    .map { String($0.output[1].substring!) }
            }
            #expect(og("og:title") == HTML.escape(listing.title))
            #expect(og("og:description") == HTML.escape(listing.description))
            #expect(og("og:image") == listing.baseURL + listing.imagePath)
            #expect(og("product:price:amount") == String(listing.price))
            #expect(og("product:price:currency") == listing.currency)
            #expect(html.contains("@\(listing.handle)"))
            #expect(html.contains(HTML.escape(Feed.priceText(listing))), "price in the free text")
            #expect(html.contains("class=\"hashtag\">#"))
            if html.contains("itemtype=\"https://schema.org/Product\"") {
                microdata += 1
                #expect(html.contains("<meta itemprop=\"price\" content=\"\(listing.price)\">"))
            }
        }
        #expect(microdata > 5)
    }

    @Test func bazaarAdsHaveEverySelectorTheProfileDocuments() throws {
        let bazaar = market.sites[1]
        for listing in market.catalogs[1].listings where listing.availability == .live {
            let html = Market.text(Market.get(bazaar, listing.path))
            #expect(!html.contains("ld+json") && !html.contains("og:") && !html.contains("itemscope"))
            #expect(html.contains("<div class=\"ad\" id=\"ad-\(listing.id)\">"))
            #expect(html.contains("<h2 class=\"ad-title\">\(HTML.escape(listing.title))</h2>"))
            #expect(html.contains("<div class=\"ad-body\">\(HTML.escape(listing.description))<br>"))
            #expect(html.contains("<span class=\"ad-seller\">\(HTML.escape(listing.seller))</span>"))
            #expect(html.contains("<span class=\"ad-location\">\(HTML.escape(listing.location))</span>"))
            #expect(html.contains("<time class=\"ad-posted\" datetime=\"\(listing.posted)\">"))
            #expect(html.contains("<img class=\"ad-photo\" src=\"\(listing.imagePath)\""))
            let price = try #require(html.firstMatch(of: /<span class="ad-price">([^<]*)<\/span>/)).output.1
            #expect(price.wholeMatch(of: /\d{1,3}(\.\d{3})*,00 €( VB)?/) != nil, "\(price)")
            let digits = price.prefix { $0 != "," }.filter(\.isNumber)
            #expect(Int(digits) == listing.price)
            #expect(listing.currency == "EUR")
        }
    }
}
