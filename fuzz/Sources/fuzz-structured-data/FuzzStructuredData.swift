// Fuzzes SpoorCrawl's structured-data extraction (JSON-LD, microdata, OpenGraph, links) on any
// page (invalid UTF-8 becomes U+FFFD, as the fetcher's decoder would leave it).
//
// Checks what StructuredData documents: every listing has a non-empty, whitespace-collapsed
// title and a known source; every URL it gives (listing, image, outlink, next page) is absolute
// http(s); images and outlinks have no duplicates.
import FuzzSupport
import SpoorCrawl

let pageURL = "https://shop.example/category/item.html?id=1"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStructuredData(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let html = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let page = HTMLDocument.withParsed(html: html, url: pageURL) { document in
        _ = document.title
        _ = StructuredData.canonicalURL(in: document)
        return StructuredData.extract(from: document)
    }
    for listing in page.listings {
        require(!listing.title.isEmpty, "listing without a title from \(describe(html))")
        require(listing.title.first?.isWhitespace != true && listing.title.last?.isWhitespace != true,
                "title \(describe(listing.title)) not trimmed, from \(describe(html))")
        require(["json-ld", "microdata", "opengraph"].contains(listing.source), "source \(listing.source)")
        if let url = listing.url { requireAbsolute(url, "listing url", html) }
        for image in listing.images { requireAbsolute(image, "image", html) }
        require(Set(listing.images).count == listing.images.count, "duplicate images \(listing.images) from \(describe(html))")
        _ = listing.listing(fallbackID: pageURL)
    }
    for link in page.outlinks { requireAbsolute(link, "outlink", html) }
    require(Set(page.outlinks).count == page.outlinks.count, "duplicate outlinks from \(describe(html))")
    if let next = page.nextPage { requireAbsolute(next, "next page", html) }
    return 0
}

func requireAbsolute(_ url: String, _ what: String, _ html: String) {
    require(url.hasPrefix("http://") || url.hasPrefix("https://"), "\(what) \(describe(url)) is not absolute http(s), from \(describe(html))")
}
