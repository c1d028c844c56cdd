import Foundation
import Testing
@testable import SpoorCrawl

/// Parsing under limits and the listing losses of issue 12: markup bombs cut at the node limit
/// with what came before kept, deep nesting cut without losing what follows, NULs and lone
/// surrogates read as U+FFFD, and whatever is still dropped reported with the page and the reason.
@Suite struct ExtractParseLimitsTests {
    static let url = "https://shop.example/item/1"

    static func product(_ name: String, sku: String) -> String {
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Product\","
            + "\"name\":\"\(name)\",\"sku\":\"\(sku)\",\"offers\":{\"@type\":\"Offer\",\"price\":\"90\",\"priceCurrency\":\"EUR\"}}</script>"
    }

    // MARK: Node limit

    @Test func aMarkupBombStopsAtTheNodeLimitAndKeepsWhatCameBefore() throws {
        let html = "<html><head><title>Bomb</title>" + Self.product("Ivory netsuke", sku: "n-1") + "</head><body>"
            + String(repeating: "<p>a</p>", count: 200_000) + Self.product("Never reached", sku: "n-2") + "</body></html>"
        let limits = ParseLimits(maxNodes: 50_000, maxDepth: 200)
        let page = HTMLDocument.withParsed(html: html, url: Self.url, limits: limits) { document in
            #expect(document.truncation == .nodes)
            #expect(document.nodeCount <= limits.maxNodes + 64)
            #expect(try! document.nodes(xpath: "//p").count < 30_000)
            return StructuredData.extract(from: document)
        }
        #expect(page.listings.map(\.title) == ["Ivory netsuke"])
        #expect(page.parseTruncation == .nodes)
        let problem = try #require(page.problems.first { $0.code == .limitExceeded })
        #expect(problem.subject == Self.url)
        #expect(problem.message.contains("50000 nodes"))
    }

    @Test func theStandardLimitCutsTenMebibytesOfParagraphs() throws {
        // The issue's bomb: 10 MiB of <p>a</p> is 2.6 million nodes; the standard limit stops at 250,000.
        let html = "<html><head>" + Self.product("Ivory netsuke", sku: "n-1") + "</head><body>"
            + String(repeating: "<p>a</p>", count: (10 << 20) / 8) + "</body></html>"
        HTMLDocument.withParsed(html: html, url: Self.url) { document in
            #expect(document.truncation == .nodes)
            #expect(document.nodeCount <= ParseLimits.standard.maxNodes + 64)
            #expect(StructuredData.jsonLD(in: document).map(\.title) == ["Ivory netsuke"])
        }
    }

    @Test func eachKindOfNodeCounts() {
        let limits = ParseLimits(maxNodes: 1_000, maxDepth: 200)
        let pages = [
            "attributes": "<div " + (0..<5_000).map { "a\($0)" }.joined(separator: " ") + "></div>",
            "comments": String(repeating: "<!---->", count: 5_000),
            "text": String(repeating: "x<br>", count: 5_000),
            "elements": String(repeating: "<br>", count: 5_000),
        ]
        for (kind, html) in pages {
            let document = HTMLDocument(html: "<body>" + html + "</body>", limits: limits)
            #expect(document.truncation == .nodes, "\(kind)")
        }
    }

    @Test func anOrdinaryPageIsNotCut() throws {
        let row = "<li class='item'><a href='/itm/1'>Ivory carving</a><span class=price>EUR 1.234,56</span></li>"
        let document = HTMLDocument(html: "<ul>" + String(repeating: row, count: 20_000) + "</ul>")
        #expect(document.truncation == nil)
        #expect(document.nestingCut == 0)
        #expect(try document.nodes(xpath: "//li").count == 20_000)
        #expect(document.parseProblems.isEmpty)
    }

    // MARK: Depth

    @Test func aMillionUnclosedDivsDoNotHideTheProductAfterThem() throws {
        // libxml2 alone halts at depth 256 and drops the rest of the page; the depth limit cuts the
        // nesting, not what follows it.
        let html = "<html><head><title>Deep</title></head><body>" + String(repeating: "<div>", count: 1_000_000)
            + "deep text" + Self.product("Carved ivory tusk", sku: "d-1")
            + "<div itemscope itemtype=\"https://schema.org/Product\"><span itemprop=\"name\">Tusk (microdata)</span></div>"
            + "</body></html>"
        let page = StructuredData.extract(html: html, url: Self.url)
        #expect(Set(page.listings.map(\.title)) == ["Carved ivory tusk", "Tusk (microdata)"])
        #expect(page.parseTruncation == nil)
        #expect(page.problems.contains { $0.code == .extraction && $0.message.contains("deeper than 200") })
        HTMLDocument.withParsed(html: html) { document in
            #expect(document.nestingCut >= 999_000)
            #expect(document.root.text.contains("deep text"))
        }
    }

    @Test func closedDeepNestingIsCutAndWhatFollowsIsRead() throws {
        let depth = 300_000
        let html = "<body>" + String(repeating: "<div>", count: depth) + "inside"
            + String(repeating: "</div>", count: depth) + Self.product("After the nesting", sku: "d-2") + "<p id=last>end</p></body>"
        let document = HTMLDocument(html: html, url: Self.url)
        #expect(StructuredData.jsonLD(in: document).map(\.title) == ["After the nesting"])
        #expect(try document.firstString(xpath: "string(//p[@id='last'])") == "end")
        #expect(document.root.text.contains("inside"))
        #expect(document.truncation == nil)
        // html and body are the first two levels; the divs fill the rest up to the limit.
        #expect(try document.nodes(xpath: "//div").count == ParseLimits.standard.maxDepth - 2)
    }

    @Test func deepNestingOfAttributedElementsIsBoundedByTheNodeLimit() throws {
        // Attributed elements past the depth limit are built (side by side once libxml2's stack is
        // nearly full), so they count: enough of them stop the parse like any other bomb.
        let depth = 20_000
        let html = "<body><p id=first>first</p>" + String(repeating: "<div class=wrap>", count: depth) + "inside"
            + String(repeating: "</div>", count: depth) + "<p id=last>end</p></body>"
        let flattened = HTMLDocument(html: html, url: Self.url)
        #expect(flattened.truncation == nil)
        #expect(try flattened.firstString(xpath: "string(//p[@id='last'])") == "end")
        #expect(try flattened.nodes(xpath: "//div").count == depth)
        let cut = HTMLDocument(html: html, url: Self.url, limits: ParseLimits(maxNodes: 10_000, maxDepth: 200))
        #expect(cut.truncation == .nodes)
        #expect(try cut.firstString(xpath: "string(//p[@id='first'])") == "first")
    }

    @Test func deepNestingDoesNotMakeEndTagsQuadratic() throws {
        // libxml2 scans its stack of open names for every end tag that does not close the element
        // on top, and for every misplaced <body>: with 200,000 open <div>s that is 4e10 string
        // comparisons (minutes; hours at 10 MiB). The name stack is kept short past the depth limit.
        let open = String(repeating: "<div>", count: 200_000)
        let pages = [
            "bodies": "<body>" + open + String(repeating: "<body>", count: 200_000) + Self.product("After", sku: "q-1"),
            "stray end tags": "<body>" + open + String(repeating: "</td>", count: 200_000) + Self.product("After", sku: "q-1"),
        ]
        for (kind, html) in pages {
            let started = Date()
            let document = HTMLDocument(html: html, url: Self.url)
            let seconds = Date().timeIntervalSince(started)
            #expect(seconds < 20, "\(kind): \(seconds) s")
            #expect(StructuredData.jsonLD(in: document).map(\.title) == ["After"], "\(kind)")
        }
    }

    @Test func deepElementsWithAttributesKeepTheirOwnChildren() throws {
        // Past the depth limit an itemscope and its itemprops still nest (a little further), so
        // microdata deep in a page is read.
        let html = "<body>" + String(repeating: "<div>", count: 5_000)
            + "<div itemscope itemtype=\"https://schema.org/Product\"><span itemprop=\"name\">Deep netsuke</span>"
            + "<span itemprop=\"sku\">x-9</span></div></body>"
        let page = StructuredData.extract(html: html, url: Self.url)
        #expect(page.listings.map(\.title) == ["Deep netsuke"])
    }

    // MARK: NUL, lone surrogates, broken JSON-LD

    @Test func aNULAfterBodyDoesNotHideTheJSONLDAfterIt() throws {
        let html = "<html><head><title>t</title></head><body>\u{0}<p>x</p>" + Self.product("Rhino horn cup", sku: "r-1")
            + Self.product("Pangolin scales", sku: "p-1") + "</body></html>"
        let page = StructuredData.extract(html: html, url: Self.url)
        #expect(page.listings.map(\.title) == ["Rhino horn cup", "Pangolin scales"])
    }

    @Test func NULsInsideTextAndScriptsBecomeReplacementCharacters() throws {
        let html = "<body><p>ivo\u{0}\u{0}\u{0}ry</p>" + Self.product("Tor\u{0}toise shell", sku: "t-1") + "</body>"
        let document = HTMLDocument(html: html)
        #expect(try document.firstString(xpath: "string(//p)") == "ivo\u{FFFD}ry")
        #expect(StructuredData.jsonLD(in: document).first?.title == "Tor\u{FFFD}toise shell")
        #expect(HTMLDocument.replacingNULs(String(repeating: "\u{0}", count: 1000)) == "\u{FFFD}")
    }

    @Test func aLoneSurrogateEscapeDoesNotDiscardTheBlock() throws {
        let html = "<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Ivory \\ud800 bangle\","
            + "\"description\":\"low \\udc00 alone, pair \\ud83d\\udc18 kept\",\"sku\":\"s-1\"}</script>"
        let page = StructuredData.extract(html: html, url: Self.url)
        let listing = try #require(page.listings.first)
        #expect(listing.title == "Ivory \u{FFFD} bangle")
        #expect(listing.description == "low \u{FFFD} alone, pair 🐘 kept")
        #expect(page.problems.isEmpty)
    }

    @Test func rawControlCharactersInJSONLDStringsAreRead() throws {
        let html = "<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Ivory\tbangle\","
            + "\"description\":\"line one\nline two\",\"sku\":\"c-1\"}</script>"
        let listing = try #require(StructuredData.extract(html: html, url: Self.url).listings.first)
        #expect(listing.title == "Ivory bangle")
        #expect(listing.description == "line one line two")
    }

    @Test func mendingLeavesValidEscapesAlone() {
        #expect(JSONLDText.mended(#"{"a":"\\ud800 \" \ud83d\udc18 \u00e9"}"#) == nil)
        #expect(JSONLDText.mended(#"{"a":"\ud800"}"#) == #"{"a":"\ufffd"}"#)
        #expect(JSONLDText.mended(#"{"a":"\udc00\ud800"}"#) == #"{"a":"\ufffd\ufffd"}"#)
        #expect(JSONLDText.mended("{\"a\":\"x\u{1}\"}") == #"{"a":"x\u0001"}"#)
        // Control characters between tokens are JSON whitespace or an error, not string content.
        #expect(JSONLDText.mended("{\n\"a\": 1}") == nil)
    }

    @Test func aBlockThatIsNotJSONIsReportedWithThePageAndTheReason() throws {
        let html = Self.product("Kept", sku: "k-1") + "<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Lost\",}}</script>"
        let page = StructuredData.extract(html: html, url: Self.url)
        #expect(page.listings.map(\.title) == ["Kept"])
        let problem = try #require(page.problems.first)
        #expect(problem.code == .extraction)
        #expect(problem.subject == Self.url)
        #expect(problem.message == "JSON-LD block 2 of 2 is not valid JSON: skipped")
        #expect(problem.cause?.hasPrefix("block 2: ") == true)
    }

    @Test func aProfilePageReportsTheParseCutToo() throws {
        let profile = try SiteProfile.parse("name: bombshop\ndetail:\n  fields:\n    title: {css: h1}\n", file: "inline.yaml")
        let html = "<body><h1>Ivory figurine</h1>" + String(repeating: "<p>a</p>", count: 20_000) + "</body>"
        let page = HTMLDocument.withParsed(html: html, url: Self.url, limits: ParseLimits(maxNodes: 5_000, maxDepth: 200)) {
            profile.extract(from: $0)
        }
        #expect(page.listings.map(\.title) == ["Ivory figurine"])
        #expect(page.parseTruncation == .nodes)
        #expect(page.problems.contains { $0.code == .limitExceeded && $0.subject == Self.url })
    }
}
