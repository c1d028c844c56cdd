import Foundation

/// Listings read without a site profile, from the structured data pages carry for search
/// engines: schema.org JSON-LD, schema.org microdata and OpenGraph `<meta>` tags.
public enum StructuredData {
    /// Listings from JSON-LD and microdata (OpenGraph only when neither gives any), the page's
    /// outlinks and its `rel=next` link; what could not be read is in its `problems`.
    public static func extract(from document: HTMLDocument) -> PageExtraction {
        var problem: CrawlError?
        var listings = jsonLD(in: document, problem: &problem) + microdata(in: document)
        if listings.isEmpty, let listing = openGraph(in: document) { listings.append(listing) }
        fillCanonicalURL(&listings, from: document)
        var page = PageExtraction(listings: SiteProfile.deduplicated(listings))
        page.parseTruncation = document.truncation
        page.problems = document.parseProblems + (problem.map { [$0] } ?? [])
        page.outlinks = links(in: document, xpath: "//a[@href]")
        page.nextPage = links(in: document, xpath: "//link[@href][translate(@rel, 'NEXT', 'next') = 'next'] | //a[@href][translate(@rel, 'NEXT', 'next') = 'next']").first
        return page
    }

    /// The page's canonical URL: `<link rel="canonical">`, else `og:url`, made absolute.
    public static func canonicalURL(in document: HTMLDocument) -> String? {
        let xpath = "//link[translate(@rel, 'CANONICAL', 'canonical') = 'canonical']/@href | //meta[@property = 'og:url']/@content"
        for node in (try? document.nodes(xpath: xpath)) ?? [] {
            let value = node.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty, let url = document.absoluteURL(value) { return url }
        }
        return nil
    }

    /// Gives the one listing of a detail page the page's canonical URL when it has no URL of its
    /// own, so the same listing reached at two addresses is recognised as one.
    public static func fillCanonicalURL(_ listings: inout [ExtractedListing], from document: HTMLDocument) {
        guard listings.count == 1, listings[0].url == nil, let canonical = canonicalURL(in: document) else { return }
        listings[0].url = canonical
    }

    /// Parses `html` (UTF-8) from `url` and extracts its structured data.
    public static func extract(html: String, url: String?) -> PageExtraction {
        HTMLDocument.withParsed(html: html, url: url) { extract(from: $0) }
    }

    /// Absolute, deduplicated hrefs of the elements `xpath` selects.
    static func links(in document: HTMLDocument, xpath: String) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        for node in (try? document.nodes(xpath: xpath)) ?? [] {
            if let href = node.attribute("href"), let url = document.absoluteURL(href) {
                appendUnique(url, to: &out, seen: &seen)
            }
        }
        return out
    }

    /// Whether a schema.org type names a product-like thing (a listing).
    static func isProductType(_ type: String) -> Bool {
        let name = type.split(separator: "/").last.map(String.init) ?? type
        return ["Product", "IndividualProduct", "ProductModel", "Vehicle", "Car", "Motorcycle"].contains(name)
    }
}
