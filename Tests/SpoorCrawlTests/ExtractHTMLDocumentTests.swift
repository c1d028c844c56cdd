import Testing
@testable import SpoorCrawl

@Suite struct ExtractHTMLDocumentTests {
    @Test func brokenMarkupStillParses() throws {
        let html = "<html><body><div class=a><p>one<p>two</div></span><ul><li>x<li>y</ul><table><td>cell</body>"
        let document = HTMLDocument(html: html, url: "https://example.org/a/b.html")
        #expect(try document.nodes(xpath: "//p").count == 2)
        #expect(try document.nodes(xpath: "//li").map(\.text) == ["x", "y"])
        #expect(try document.firstString(xpath: "string(//td)") == "cell")
    }

    @Test func emptyAndGarbageInputGiveEmptyDocuments() throws {
        for input in ["", "   ", "\u{0}\u{1}<<<>>>", String(repeating: "<", count: 10_000)] {
            let document = HTMLDocument(html: input)
            #expect(try document.nodes(xpath: "//a").isEmpty)
        }
    }

    @Test func deepNestingDoesNotCrash() throws {
        let depth = 100_000
        let html = String(repeating: "<div>", count: depth) + "deep" + String(repeating: "</div>", count: depth)
        let document = HTMLDocument(html: html)
        // libxml2 caps the depth; what matters is a usable tree and no crash.
        let divs = try document.nodes(xpath: "//div").count
        #expect(divs > 0 && divs <= depth)
        _ = document.root.text
    }

    @Test func largePageParses() throws {
        let row = "<li class='item'><a href='/itm/1'>Ivory carving</a><span class=price>EUR 1.234,56</span></li>"
        // 25,000 rows of 8 nodes (200,000, under the node limit; a page past it is cut, see
        // ExtractParseLimitsTests): far more than any real results page.
        let html = "<ul>" + String(repeating: row, count: 25_000) + "</ul>"
        let document = HTMLDocument(html: html, url: "https://example.org/")
        #expect(try document.nodes(xpath: "//li").count == 25_000)
        #expect(document.truncation == nil)
    }

    @Test func utf8TextAndAttributesRoundTrip() throws {
        let document = HTMLDocument(html: "<p title='Elfenbein – Schnitzerei'>象牙 ивори ÄÖÜ</p>")
        let node = try #require(try document.nodes(xpath: "//p").first)
        #expect(node.text == "象牙 ивори ÄÖÜ")
        #expect(node.attribute("title") == "Elfenbein – Schnitzerei")
        #expect(node.attribute("missing") == nil)
        #expect(node.name == "p")
    }

    @Test func relativeEvaluationUsesTheContextNode() throws {
        let html = "<div class=i><b>1</b></div><div class=i><b>2</b><b>3</b></div>"
        let document = HTMLDocument(html: html)
        let counts = try document.withXPathContext { context in
            let items = try context.evaluate("//div[@class='i']").nodes
            return try items.map { try context.evaluate(".//b", relativeTo: $0).nodes.count }
        }
        #expect(counts == [1, 2])
        if case .number(let n) = try document.evaluate(xpath: "count(//b)") { #expect(n == 3) } else { Issue.record("not a number") }
        if case .boolean(let b) = try document.evaluate(xpath: "count(//b) > 2") { #expect(b) } else { Issue.record("not a boolean") }
    }

    @Test func badXPathThrowsWithLibxml2Message() {
        #expect(throws: CrawlError.self) { try XPathExpression("//div[@class='a'") }
        do {
            _ = try XPathExpression("//a[")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .configuration)
            #expect(error.subject == "//a[")
            #expect(error.cause != nil)
        }
    }

    /// libxml2 takes a C string: "//p\0junk" compiled as "//p" and selected something else.
    @Test func xpathWithANulIsAnErrorNotCutShort() {
        do {
            _ = try XPathExpression("//p\0[@id='x']")
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .configuration)
            #expect(error.cause == "a NUL character at byte 3")
        }
    }

    @Test func linksResolveAgainstURLAndBaseHref() {
        let plain = HTMLDocument(html: "<a href='x'>", url: "https://example.org/dir/page.html")
        #expect(plain.absoluteURL("x.html") == "https://example.org/dir/x.html")
        #expect(plain.absoluteURL("/root?q=1#frag") == "https://example.org/root?q=1")
        #expect(plain.absoluteURL("javascript:void(0)") == nil)
        #expect(plain.absoluteURL("mailto:a@b.c") == nil)
        #expect(plain.absoluteURL("#top") == nil)
        #expect(plain.absoluteURL("//cdn.example.net/i.jpg") == "https://cdn.example.net/i.jpg")
        #expect(plain.absoluteURL("/a b/ä") == "https://example.org/a%20b/%C3%A4")
        let based = HTMLDocument(html: "<head><base href='https://other.example/base/'></head>", url: "https://example.org/p")
        #expect(based.absoluteURL("i.html") == "https://other.example/base/i.html")
        #expect(based.title == nil)
        #expect(HTMLDocument(html: "<title>  A \n title </title>").title == "A title")
    }

    /// Found by fuzz/ (fuzz-structured-data): `hTtps://…` was accepted as http(s) but given back
    /// with its scheme as written, so an image URL did not start with `https://`.
    @Test func schemesComeBackInLowerCase() {
        let document = HTMLDocument(html: "", url: "HTTP://Example.org/p")
        #expect(document.absoluteURL("hTtps://images.example/a.jpg") == "https://images.example/a.jpg")
        #expect(document.absoluteURL("x") == "http://Example.org/x")
        let page = StructuredData.extract(html: #"<script type="application/ld+json">{"@type":"Product","name":"n","image":"HTTPS://i.example/1.jpg","url":"Http://s.example/p"}</script>"#, url: nil)
        #expect(page.listings.first?.images == ["https://i.example/1.jpg"])
        #expect(page.listings.first?.url == "http://s.example/p")
    }
}
