import Testing
@testable import SpoorCrawl

@Suite struct CSSSelectorTests {
    static let html = """
        <div id="main" class="results list">
          <ul>
            <li class="item first" data-id="a1"><a href="/itm/1" class="link">One</a><span class="price">5</span></li>
            <li class="item" data-id="b2"><a href="https://x.example/itm/2" class="link external">Two</a></li>
            <li class="item sold" data-id="c3"><a href="/itm/3.html">Three</a><em>note</em></li>
          </ul>
          <p class="items">not an item</p><h2>h</h2><p>after h2</p><p>second after</p>
        </div>
        """

    /// The text of the nodes `selector` selects in the fixture.
    func select(_ selector: String) throws -> [String] {
        let xpath = try CSSSelector.xpath(selector)
        return try HTMLDocument(html: Self.html).nodes(xpath: xpath).map { TextSteps.collapse($0.text) }
    }

    @Test func typeClassAndID() throws {
        #expect(try select("li.item").count == 3)
        #expect(try select(".item").count == 3)  // not the p.items: whole class names only
        #expect(try select("#main > ul > li.first a") == ["One"])
        #expect(try select("LI.SOLD").isEmpty)  // class names are case-sensitive
        #expect(try select("li.item.sold a") == ["Three"])
    }

    @Test func attributes() throws {
        #expect(try select("li[data-id]").count == 3)
        #expect(try select("li[data-id=b2] a") == ["Two"])
        #expect(try select("a[href^='/itm/']") == ["One", "Three"])
        #expect(try select("a[href*=\"x.example\"]") == ["Two"])
        #expect(try select("a[href$='.html']") == ["Three"])
        #expect(try select("a[class~=external]") == ["Two"])
    }

    @Test func combinators() throws {
        #expect(try select("div li a").count == 3)
        #expect(try select("ul > a").isEmpty)
        #expect(try select("h2 + p") == ["after h2"])
        #expect(try select("h2 ~ p") == ["after h2", "second after"])
        #expect(try select("span.price, em") == ["5", "note"])
    }

    @Test func pseudoClasses() throws {
        #expect(try select("li:first-child a") == ["One"])
        #expect(try select("li:last-child a") == ["Three"])
        #expect(try select("li:nth-child(2) a") == ["Two"])
        #expect(try select("li:nth-child(odd) a") == ["One", "Three"])
        #expect(try select("li:not(.sold) a") == ["One", "Two"])
        #expect(try select("a:not([href^='/'])") == ["Two"])
        #expect(try select("#main > :not(ul):not(h2)").count == 3)
    }

    @Test func pseudoElementsForScraping() throws {
        let document = HTMLDocument(html: Self.html)
        #expect(try document.nodes(xpath: try CSSSelector.xpath("li.first a::attr(href)")).map(\.text) == ["/itm/1"])
        #expect(try document.nodes(xpath: try CSSSelector.xpath("li.first a::text")).map(\.text) == ["One"])
    }

    @Test func quotesInValuesBecomeValidXPath() throws {
        let xpath = try CSSSelector.xpath(#"a[title="it's \"x\""]"#)
        try XPathExpression.validate(xpath)
        #expect(xpath.contains("concat("))
    }

    /// Found by fuzz/ (fuzz-css-selector): CSS identifiers that XPath cannot spell as names (a
    /// U+FFFD from a bad byte, a leading `-` or digit, `×`) became XPath that libxml2 rejects, so
    /// a profile using one failed to load with an XPath error. They now select by local-name().
    @Test(arguments: ["\u{FFFD}", "-x", "é×", "a[1]", "li[-data]", "a::attr(1)", "h2 + ×", "[é×=v]", "li ~ -x"])
    func namesXPathCannotSpellStillTranslate(selector: String) throws {
        let xpath = try CSSSelector.xpath(selector)
        try XPathExpression.validate(xpath)
        #expect(xpath.contains("local-name()"))
        // libxml2's HTML parser makes no elements or attributes with such names.
        #expect(try HTMLDocument(html: Self.html).nodes(xpath: xpath).isEmpty)
    }

    @Test func namesXPathCanSpellStayAsTheyAre() throws {
        #expect(try CSSSelector.xpath("li") == ".//li")
        #expect(try CSSSelector.xpath("[data-id]") == ".//*[@data-id]")
        #expect(try CSSSelector.xpath("_x::attr(data-id)") == ".//_x/@data-id")
        #expect(try select("li:not(-x) a") == ["One", "Two", "Three"])
    }

    /// Found by fuzz/ (fuzz-css-selector): a quote carrying a combining mark is one Character
    /// that is not `'`, so the literal was quoted with `'` and the XPath string ended early.
    @Test(arguments: ["\n'\u{326}", "[title=\"it'\u{326}s\"]", "[title='\"\u{301}']", "[title=\"'\u{326}\\\"\u{301}\"]", ".a'\u{326}"])
    func quotesWithCombiningMarksStayInsideTheLiteral(selector: String) throws {
        let xpath = try CSSSelector.xpath(selector)
        try XPathExpression.validate(xpath)
    }

    @Test func aQuoteWithAMarkIsMatchedAsWritten() throws {
        let document = HTMLDocument(html: "<p title=\"it'\u{326}s\">one</p><p title=\"its\">two</p>")
        #expect(try document.nodes(xpath: try CSSSelector.xpath("p[title=\"it'\u{326}s\"]")).map(\.text) == ["one"])
        #expect(try document.nodes(xpath: try CSSSelector.xpath("p[title=\"'\u{326}\\\"\"]")).isEmpty)
    }

    /// Found by fuzz/ (fuzz-css-selector): a NUL in a value or name went into the XPath, which
    /// libxml2 cut at the NUL. CSS reads U+0000 as U+FFFD.
    @Test(arguments: ["a[title=\"it'\0s\"]", "p\0", "[\0]", ".a\0\u{301}", "a::attr(x\0)"])
    func nulReadsAsReplacementCharacter(selector: String) throws {
        let xpath = try CSSSelector.xpath(selector)
        #expect(!xpath.utf8.contains(0))
        try XPathExpression.validate(xpath)
        #expect(try CSSSelector.xpath("p[title='\0']") == ".//p[@title = '\u{FFFD}']")
    }

    /// Found by fuzz/ (fuzz-css-selector): `:not(*)` became `not(())`, which is no XPath.
    @Test func notAnyElementSelectsNothing() throws {
        #expect(try select("li:not(*)").isEmpty)
        #expect(try select("li :not( * ) , em").count == 1)
    }

    @Test(arguments: [
        ("", "empty"), ("li >", "ends"), ("a:hover", "unsupported pseudo-class ':hover'"),
        ("a::before", "unsupported pseudo-element"), ("a[href", "expected"), ("li:nth-child(2n+1)", "nth-child"),
        ("a:not(b c)", "one simple selector"), ("div ! p", "unexpected '!'"), ("[x=]", "attribute value"),
        ("a[href='x]", "unterminated"),
        // Found by fuzz/ (fuzz-css-selector): XPath strings cannot hold C0 controls or U+FFFF;
        // they made XPath that libxml2 rejects ("Unfinished literal").
        ("a[title=\"it\u{15}s\"]", "character U+15 cannot be matched in XPath at offset 11"),
        ("[x\u{FFFF}]", "character U+FFFF cannot"), ("p[title='\u{1}\u{301}']", "character U+1 cannot"),
    ])
    func unsupportedSyntaxIsAClearError(selector: String, expected: String) {
        do {
            let xpath = try CSSSelector.xpath(selector)
            Issue.record("'\(selector)' translated to \(xpath)")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
            #expect(error.selector == selector)
        }
    }
}
