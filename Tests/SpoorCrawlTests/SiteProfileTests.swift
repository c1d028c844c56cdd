import SpoorDetect
import Testing
@testable import SpoorCrawl

@Suite struct SiteProfileTests {
    static let profileYAML = """
        name: test-market
        start_urls: [https://market.example/]
        search:
          - lang: de
            url: "https://market.example/s?q={term}&lang=de"
          - url: "https://market.example/s?q={term}"
        links:
          listing:
            css: "a.item-link"
            url_pattern: '/item/\\d+'
          index:
            url_pattern: '/category/'
        next_page:
          css: "a[rel=next]"
          attr: href
        results:
          item:
            css: "div.card"
          fields:
            title:
              css: "h3"
              steps: [collapse]
            price:
              css: ".price"
              steps: [number]
            currency:
              css: ".price"
              steps: [currency]
            url:
              css: "a.item-link"
              attr: href
            id:
              css: "a.item-link"
              attr: href
              steps: [{regex: '/item/(\\d+)'}]
            images:
              css: "img"
              attr: src
        detail:
          url_pattern: '/item/\\d+$'
          fields:
            title: {xpath: "//h1"}
            description:
              xpath: "//div[@id='body']//text()"
              steps: [{join: "\\n"}, collapse]
            seller: {css: ".seller", steps: [trim]}
            location: {css: ".where", steps: [{template: "near {value}"}]}
            posted: {css: "time", attr: datetime}
        politeness:
          delay: 2.5
          concurrency: 2
          page_budget: 300
        """

    static let resultsPage = """
        <html><body>
        <div class="card"><h3> Carved   ivory
          figure </h3><span class="price">1.234,56 EUR</span><a class="item-link" href="/item/17">more</a>
          <img src="/img/17a.jpg"><img src="/img/17b.jpg"><img src="/img/17a.jpg"></div>
        <div class="card"><h3>Rhino horn cup</h3><span class="price">$1,234.56</span><a class="item-link" href="/item/18">more</a></div>
        <div class="card"><h3></h3><span class="price">no title, skipped</span></div>
        <div class="card"><h3>Tortoiseshell comb</h3><a class="item-link" href="/item/19">more</a></div>
        <div class="card"><h3>Carved ivory figure (again)</h3><a class="item-link" href="/item/17?ref=top">more</a></div>
        <a href="/category/antiques">Antiques</a> <a href="javascript:void(0)">js</a> <a href="/s?q=x&page=2" rel="next">next</a>
        </body></html>
        """

    func profile() throws -> SiteProfile { try SiteProfile.parse(Self.profileYAML, file: "test-market.yaml") }

    @Test func loadsEveryPart() throws {
        let profile = try profile()
        #expect(profile.name == "test-market")
        #expect(profile.startURLs == ["https://market.example/"])
        #expect(profile.politeness == SiteProfile.Politeness(delay: 2.5, concurrency: 2, pageBudget: 300))
        #expect(profile.results?.fields.count == 6)
        #expect(profile.detail?.fields[.location]?.steps == [.template("near {value}")])
    }

    @Test func searchURLsArePercentEncodedPerLanguage() throws {
        let profile = try profile()
        #expect(profile.searches[0].url(for: "Elfenbein Schnitzerei") == "https://market.example/s?q=Elfenbein%20Schnitzerei&lang=de")
        #expect(profile.searches[1].url(for: "象牙&co=1") == "https://market.example/s?q=%E8%B1%A1%E7%89%99%26co%3D1")
        let urls = profile.searchURLs(terms: [("Elfenbein", "de"), ("ivory", "en")])
        #expect(urls == [
            "https://market.example/s?q=Elfenbein&lang=de", "https://market.example/s?q=Elfenbein",
            "https://market.example/s?q=ivory",
        ])
    }

    @Test func extractsManyListingsFromAResultsPage() throws {
        let page = try profile().extract(html: Self.resultsPage, url: "https://market.example/s?q=ivory")
        #expect(page.listings.map(\.title) == ["Carved ivory figure", "Rhino horn cup", "Tortoiseshell comb"])
        let first = page.listings[0]
        #expect(first.price == 1234.56)
        #expect(first.currency == "EUR")
        #expect(first.listingID == "17")
        #expect(first.url == "https://market.example/item/17")
        #expect(first.images == ["https://market.example/img/17a.jpg", "https://market.example/img/17b.jpg"])
        #expect(first.source == "test-market")
        #expect(page.listings[1].price == 1234.56)
        #expect(page.listings[1].currency == "USD")
        #expect(page.listings[2].price == nil)
        #expect(page.listingLinks == [
            "https://market.example/item/17", "https://market.example/item/18", "https://market.example/item/19",
            "https://market.example/item/17?ref=top",
        ])
        #expect(page.indexLinks == ["https://market.example/category/antiques"])
        #expect(page.nextPage == "https://market.example/s?q=x&page=2")
        #expect(page.outlinks.count == 6)  // 4 item links, category, next; not javascript:
        let listing = first.listing()
        #expect(listing.id == "17")
        #expect(listing.title == "Carved ivory figure")
        #expect(listing.price == 1234.56)
    }

    @Test func extractsOneListingFromADetailPageOnlyWhereTheURLMatches() throws {
        let html = """
            <h1>Antique ivory netsuke</h1><div id="body">Line one<br>line   two<p>more</p></div>
            <span class="seller"> old_collector </span><span class="where">Lyon</span>
            <time datetime="2024-05-01T10:00:00Z">yesterday</time>
            """
        let profile = try profile()
        let page = profile.extract(html: html, url: "https://market.example/item/42")
        let listing = try #require(page.listings.first)
        #expect(page.listings.count == 1)
        #expect(listing.title == "Antique ivory netsuke")
        #expect(listing.description == "Line one line two more")
        #expect(listing.seller == "old_collector")
        #expect(listing.location == "near Lyon")
        #expect(listing.postedAt == "2024-05-01T10:00:00Z")
        #expect(listing.url == "https://market.example/item/42")
        #expect(profile.extract(html: html, url: "https://market.example/about").listings.isEmpty)
    }

    @Test(arguments: [
        ("EUR 10,79", 10.79), ("1.234,56 EUR", 1234.56), ("$1,234.56", 1234.56), ("1,234", 1234.0),
        ("1.234", 1234.0), ("12.5", 12.5), ("CHF 1'250.–", 1250.0), ("1 234,50 €", 1234.5), ("EUR 4,11 bis EUR 29,50", 4.11),
        ("$3,200", 3200.0), ("1,234,567", 1_234_567.0),
    ])
    func numbersReadLocaleSeparators(text: String, expected: Double) {
        #expect(TextSteps.number(in: text) == expected)
    }

    @Test func numbersAndCurrencies() {
        #expect(TextSteps.number(in: "no digits") == nil)
        #expect(TextSteps.number(in: "1.234", decimalMark: ".") == 1.234)
        #expect(TextSteps.currency(in: "EUR 10,79") == "EUR")
        #expect(TextSteps.currency(in: "US $12.00") == "USD")
        #expect(TextSteps.currency(in: "£5") == "GBP")
        #expect(TextSteps.currency(in: "12 €") == "EUR")
        #expect(TextSteps.currency(in: "Preis: 12") == nil)
        #expect(TextSteps.collapse("  a \u{00A0}\n b\u{200B} ") == "a b")
    }

    /// Loads `yaml` and returns the error, failing the test when it loads.
    func loadError(_ yaml: String) -> DataFileError? {
        do {
            _ = try SiteProfile.parse(yaml, file: "bad.yaml")
            Issue.record("the profile loaded")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        // (profile, expected line, words in the message)
        ("name: x\nresults:\n  item: {css: li}\n  fields:\n    title: {css: h3}\n    colour: {css: b}\n", 6, "unknown key 'colour'"),
        ("name: x\nresults:\n  item: {css: li}\n  fields:\n    title:\n      xpath: \"//h3[\"\n", 6, "bad XPath"),
        ("name: x\nresults:\n  item: {css: 'li:hover'}\n  fields:\n    title: {css: h3}\n", 3, "bad CSS selector"),
        ("name: x\ndetail:\n  fields:\n    title:\n      css: h1\n      steps: [{regex: '(unclosed'}]\n", 6, "bad regular expression"),
        ("name: x\nresults:\n  item: {css: li}\n  fields:\n    price: {css: b}\n", 5, "missing 'title'"),
        ("results:\n  item: {css: li}\n  fields:\n    title: {css: h3}\n", 1, "missing 'name'"),
        ("name: x\nstart_urls: [ftp://x.example/]\ndetail:\n  fields:\n    title: {css: h1}\n", 2, "not an absolute http(s) URL"),
        ("name: x\nsearch:\n  - url: https://x.example/s\ndetail:\n  fields:\n    title: {css: h1}\n", 3, "no {term}"),
        ("name: x\ndetail:\n  fields:\n    title: {css: h1, xpath: //h1}\n", 4, "both 'xpath' and 'css'"),
        ("name: x\ndetail:\n  fields:\n    title: {css: h1, steps: [shout]}\n", 4, "unknown step 'shout'"),
        ("name: x\npoliteness: {delay: -1}\ndetail:\n  fields:\n    title: {css: h1}\n", 2, "politeness.delay"),
        ("name: x\npoliteness:\n  concurrency: 0\ndetail:\n  fields:\n    title: {css: h1}\n", 3, "politeness.concurrency"),
        ("name: x\n", 1, "needs 'results'"),
        ("name: x\nresults:\n  fields:\n    title: {css: h1}\n", 3, "missing 'item'"),
        ("name: [x\n", 2, "not valid YAML"),
    ])
    func badProfilesFailAtLoadWithFileLineAndReason(yaml: String, line: Int, words: String) throws {
        let error = try #require(loadError(yaml))
        #expect(error.file == "bad.yaml")
        #expect(error.line == line, "\(error)")
        #expect(error.description.contains(words), "\(error)")
    }

    @Test func loadsTheShippedExamples() throws {
        let profiles = try SiteProfile.load(paths: [ExtractTestData.path("sites/examples")])
        #expect(profiles.map(\.name) == ["craigslist", "ebay-de"])
        #expect(profiles[1].politeness.pageBudget == 200)
        #expect(profiles[1].searchURLs(terms: [("Elfenbein", "de")]).first == "https://www.ebay.de/sch/i.html?_nkw=Elfenbein")
        #expect(throws: DataFileError.self) { try SiteProfile.load(file: ExtractTestData.path("sites/missing.yaml")) }
    }
}
