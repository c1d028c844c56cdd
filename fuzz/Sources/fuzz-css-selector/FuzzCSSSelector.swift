// Fuzzes SpoorCrawl's CSS-to-XPath translation on any selector text.
//
// Checks: a selector either throws CSSSelectorError (with an offset inside the selector) or
// becomes XPath that libxml2 compiles and evaluates on a page; site profiles rely on that, since
// they are validated by translating their selectors.
import FuzzSupport
import SpoorCrawl

/// The page every translated selector runs on (libFuzzer calls the target on one thread only).
nonisolated(unsafe) let page = HTMLDocument(html: """
    <html><head><title>t</title></head><body>
    <ul class="results"><li class="item a" id="x1" data-id="1"><a href="/p/1" rel="next">One</a><span class="price">€ 10</span></li>
    <li class="item b" lang="en-GB"><a href="/p/2">Two</a><img src="/i/2.jpg" alt=""></li><li>Three</li></ul>
    <div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Four</span></div>
    </body></html>
    """, url: "https://shop.example/")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSSSelector(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let selector = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let xpath: String
    do {
        xpath = try CSSSelector.xpath(selector)
    } catch {
        require(error.offset >= 0 && error.offset <= selector.count, "error offset \(error.offset) outside \(describe(selector))")
        require(!error.description.isEmpty, "empty error description for \(describe(selector))")
        return 0
    }
    do {
        try XPathExpression.validate(xpath)
        _ = try page.nodes(xpath: xpath, relativeTo: page.root)
    } catch {
        fail("CSS \(describe(selector)) became XPath \(describe(xpath)) that libxml2 rejects: \(error)")
    }
    return 0
}
