import Testing
@testable import SpoorCrawl

@Suite struct StructuredDataTests {
    func extract(_ html: String, url: String = "https://shop.example/p/1") -> [ExtractedListing] {
        StructuredData.extract(html: html, url: url).listings
    }

    @Test func jsonLDProductWithOffer() throws {
        let html = """
            <script type="application/ld+json">
            {"@context":"https://schema.org","@type":"Product","name":"Ivory  bangle","sku":"B-7",
             "description":"Antique\\n bangle","image":["/i/1.jpg",{"@type":"ImageObject","url":"https://cdn.example/2.jpg"}],
             "url":"/p/7","offers":{"@type":"Offer","price":"450.00","priceCurrency":"EUR",
             "seller":{"@type":"Person","name":"anna"},
             "availableAtOrFrom":{"@type":"Place","address":{"addressLocality":"Lyon","addressCountry":"FR"}}}}
            </script>
            """
        let listings = extract(html)
        #expect(listings.count == 1)
        let listing = try #require(listings.first)
        #expect(listing.title == "Ivory bangle")
        #expect(listing.listingID == "B-7")
        #expect(listing.description == "Antique bangle")
        #expect(listing.price == 450)
        #expect(listing.currency == "EUR")
        #expect(listing.seller == "anna")
        #expect(listing.location == "Lyon, FR")
        #expect(listing.url == "https://shop.example/p/7")
        #expect(listing.images == ["https://shop.example/i/1.jpg", "https://cdn.example/2.jpg"])
        #expect(listing.source == "json-ld")
    }

    @Test func jsonLDGraphArraysTypeArraysItemListsAndAggregateOffers() {
        let html = """
            <script type="application/ld+json">{"@graph":[{"@type":"WebPage","name":"page"},
              {"@type":["Product","Thing"],"name":"Rhino horn cup","offers":[{"@type":"AggregateOffer","lowPrice":1200,"priceCurrency":"USD"}]}]}</script>
            <script type="application/ld+json">[{"@type":"Product","name":"Coral necklace","offers":{"@type":"Offer","priceSpecification":{"price":"80","priceCurrency":"GBP"}}},
              {"@type":"Organization","name":"not a listing"}]</script>
            <script type="application/ld+json">{"@type":"ItemList","itemListElement":[
              {"@type":"ListItem","position":1,"item":{"@type":"Product","name":"Pangolin scale","offers":{"price":5}}},
              {"@type":"Product","name":"Tiger claw"}]}</script>
            <script type="application/ld+json">{"@type":"Offer","price":"9.5","priceCurrency":"EUR","itemOffered":{"@type":"Product","name":"Shark fin"}}</script>
            <script type="application/ld+json">{ this is not json, "@type":"Product","name":"broken" </script>
            <script type="application/ld+json"></script>
            <script type="APPLICATION/LD+JSON">{"@type":"Product","name":"Upper-case type"}</script>
            <script type="application/ld+json">{"@type":"Product"}</script>
            """
        let listings = extract(html)
        #expect(listings.map(\.title) == [
            "Rhino horn cup", "Coral necklace", "Pangolin scale", "Tiger claw", "Shark fin", "Upper-case type",
        ])
        #expect(listings.map(\.price) == [1200, 80, 5, nil, 9.5, nil])
        #expect(listings.map(\.currency) == ["USD", "GBP", nil, nil, "EUR", nil])
    }

    @Test func deeplyNestedJSONLDIsBounded() {
        let depth = 5_000
        let json = String(repeating: "[", count: depth) + "{\"@type\":\"Product\",\"name\":\"deep\"}" + String(repeating: "]", count: depth)
        // Either JSONSerialization refuses it or the walker stops at its depth cap; no crash, no listing.
        #expect(extract("<script type='application/ld+json'>\(json)</script>").isEmpty)
    }

    @Test func microdataWithNestedOffers() throws {
        let html = """
            <div itemscope itemtype="https://schema.org/Product">
              <h1 itemprop="name">Carved  ivory figure</h1>
              <img itemprop="image" src="/img/a.jpg">
              <meta itemprop="sku" content="X-1">
              <div itemprop="description">Old <b>piece</b></div>
              <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
                <span itemprop="price" content="1200.50">1.200,50 €</span>
                <meta itemprop="priceCurrency" content="EUR">
                <div itemprop="seller" itemscope itemtype="https://schema.org/Person"><span itemprop="name">hans</span></div>
              </div>
              <div itemscope itemtype="https://schema.org/Review"><span itemprop="name">Not the product name</span></div>
            </div>
            <ul itemscope itemtype="https://schema.org/ItemList">
              <li itemprop="itemListElement" itemscope itemtype="https://schema.org/Product"><span itemprop="name">Listed A</span></li>
              <li itemprop="itemListElement" itemscope itemtype="https://schema.org/Product"><span itemprop="name">Listed B</span>
                <span itemprop="offers" itemscope itemtype="https://schema.org/Offer"><span itemprop="price">$1,050</span></span></li>
            </ul>
            """
        let listings = extract(html)
        #expect(listings.map(\.title) == ["Carved ivory figure", "Listed A", "Listed B"])
        let first = try #require(listings.first)
        #expect(first.source == "microdata")
        #expect(first.price == 1200.5)
        #expect(first.currency == "EUR")
        #expect(first.seller == "hans")
        #expect(first.listingID == "X-1")
        #expect(first.description == "Old piece")
        #expect(first.images == ["https://shop.example/img/a.jpg"])
        #expect(listings[2].price == 1050)
    }

    @Test func openGraphWhenNothingElse() throws {
        let html = """
            <head><meta property="og:type" content="product"><meta property="og:title" content="Tortoiseshell comb">
            <meta property="og:description" content="Vintage comb"><meta property="og:image" content="/c.jpg">
            <meta property="og:url" content="https://shop.example/p/9">
            <meta property="product:price:amount" content="35.00"><meta property="product:price:currency" content="CHF"></head>
            """
        let listing = try #require(extract(html).first)
        #expect(listing.source == "opengraph")
        #expect(listing.title == "Tortoiseshell comb")
        #expect(listing.description == "Vintage comb")
        #expect(listing.price == 35)
        #expect(listing.currency == "CHF")
        #expect(listing.images == ["https://shop.example/c.jpg"])
        #expect(listing.url == "https://shop.example/p/9")
        #expect(extract("<meta property='og:type' content='website'><meta property='og:title' content='Home'>").isEmpty)
        // JSON-LD wins: OpenGraph is only a fallback.
        let both = html + "<script type='application/ld+json'>{\"@type\":\"Product\",\"name\":\"From JSON-LD\"}</script>"
        #expect(extract(both).map(\.source) == ["json-ld"])
    }

    @Test func outlinksAndRelNext() {
        let html = """
            <link rel="next" href="?page=2"><a href="/a">a</a><a href="/a#x">a again</a><a href="mailto:x@y.z">m</a>
            <a href="https://other.example/b">b</a>
            """
        let page = StructuredData.extract(html: html, url: "https://shop.example/list?page=1")
        #expect(page.outlinks == ["https://shop.example/a", "https://other.example/b"])
        #expect(page.nextPage == "https://shop.example/list?page=2")
    }
}
