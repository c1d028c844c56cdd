/// `jsonld-shop`: a modern shop whose listing pages carry schema.org JSON-LD `Product` + `Offer`.
///
/// Routes: `/` (featured listings linked as `/listing/<id>?ref=home`, plus `/admin/` and `/cart`
/// links robots.txt forbids), `/search?page=N` (20 per page, `<link rel="next">` and `<a rel="next">`
/// except on the last page; page 1 also has an `ItemList` JSON-LD), `/listing/<id>` (any query
/// serves the same page, with `<link rel="canonical">`; every third page uses `@graph`; every
/// seventh has unclosed tags and a stray `</div>`), `/img/<id>.gif`, `/robots.txt`, `/sitemap.xml`
/// (a sitemap index) → `/sitemap-pages.xml` and `/sitemap-listings.xml.gz` (gzip).
public struct JSONLDShop: FixtureSite {
    /// The site's listings.
    public let catalog: ListingCatalog
    /// The site name.
    public var name: String { catalog.site }
    /// Listings per search page.
    public static let pageSize = 20

    /// Creates the shop over a catalog.
    public init(catalog: ListingCatalog) {
        self.catalog = catalog
    }

    /// Number of search pages.
    public var pageCount: Int { max(1, (catalog.count + Self.pageSize - 1) / Self.pageSize) }

    /// The action for a request.
    public func action(for request: FixtureRequest) -> FixtureAction {
        SiteSupport.finish(response(for: request), for: request)
    }

    private func response(for request: FixtureRequest) -> FixtureResponse {
        let path = request.path
        let base = SiteSupport.base(request, catalog.baseURL)
        switch path {
        case "/": return .html(home())
        case "/robots.txt":
            return .text("User-agent: *\nDisallow: /admin/\nDisallow: /cart\nDisallow: /checkout\nAllow: /\n\nSitemap: \(base)/sitemap.xml\n")
        case "/sitemap.xml":
            return SiteSupport.xml(SiteSupport.sitemapIndex(["\(base)/sitemap-pages.xml", "\(base)/sitemap-listings.xml.gz"]))
        case "/sitemap-pages.xml":
            let pages = [(url: base + "/", lastmod: String?.none)] + (1...pageCount).map { (url: "\(base)/search?page=\($0)", lastmod: String?.none) }
            return SiteSupport.xml(SiteSupport.urlset(pages))
        case "/sitemap-listings.xml.gz":
            let xml = SiteSupport.urlset(SiteSupport.liveEntries(catalog, base: base))
            return FixtureResponse(status: 200, headers: [.init("Content-Type", "application/gzip")], body: Gzip.compress(Array(xml.utf8)))
        case "/search":
            let query = SiteSupport.query(request.target)
            let page = query["page"].map { SiteSupport.positiveInt(Substring($0)) } ?? 1
            guard let page, page <= pageCount else { return SiteSupport.notFound() }
            return .html(search(page: page, base: base))
        case "/cart", "/checkout": return SiteSupport.admin()
        default: break
        }
        if path.hasPrefix("/admin") { return SiteSupport.admin() }
        if let image = SiteSupport.image(path, catalog: catalog) { return image }
        if let listing = catalog.listing(forTarget: request.target) {
            return SiteSupport.deleted(listing, goneText: "This listing has been removed.") ?? SiteSupport.lastModified(.html(detail(listing, base: base)), listing)
        }
        return SiteSupport.notFound()
    }

    private func price(_ listing: DemoListing) -> String {
        "\(listing.currency) \(SiteSupport.grouped(listing.price, separator: ","))"
    }

    private func head(_ title: String, extra: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) | Curio Market</title>
        \(extra)</head>
        <body>
        <header class="site-header"><a href="/" class="logo">Curio Market</a> <nav><a href="/search">All listings</a> <a href="/cart">Cart</a> <a href="/admin/">Seller login</a></nav></header>

        """
    }

    private let foot = "<footer><p>&copy; Curio Market demo. Prices include VAT where applicable.</p></footer>\n</body>\n</html>\n"

    private func card(_ listing: DemoListing, href: String) -> String {
        """
        <article class="product-card"><a href="\(HTML.escape(href))"><img src="\(listing.imagePath)" alt="\(HTML.escape(listing.title))"><h3>\(HTML.escape(listing.title))</h3></a><span class="price">\(HTML.escape(price(listing)))</span></article>

        """
    }

    private func home() -> String {
        var html = head("Home")
        html += "<main><h1>Featured today</h1>\n<section class=\"featured\">\n"
        for id in 1...min(6, max(catalog.count, 1)) where id <= catalog.count {
            let listing = catalog.listing(id)!
            html += card(listing, href: listing.alternatePath)
        }
        html += "</section>\n<p><a href=\"/search\">Browse all \(catalog.count) listings</a></p></main>\n"
        return html + foot
    }

    private func search(page: Int, base: String) -> String {
        let first = (page - 1) * Self.pageSize + 1
        let ids = Array(first...min(catalog.count, first + Self.pageSize - 1))
        let listings = ids.compactMap { catalog.listing($0) }
        var links = ""
        if page > 1 { links += "<link rel=\"prev\" href=\"/search?page=\(page - 1)\">\n" }
        if page < pageCount { links += "<link rel=\"next\" href=\"/search?page=\(page + 1)\">\n" }
        if page == 1 {
            let items = listings.enumerated().map { index, listing in
                "{\"@type\":\"ListItem\",\"position\":\(index + 1),\"url\":\(ScriptJSON.quote(base + listing.path)),\"name\":\(ScriptJSON.quote(listing.title))}"
            }
            links += "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"ItemList\",\"numberOfItems\":\(catalog.count),\"itemListElement\":[\(items.joined(separator: ","))]}</script>\n"
        }
        var html = head("All listings - page \(page)", extra: links)
        html += "<main><h1>All listings</h1>\n<div class=\"grid\">\n"
        for listing in listings { html += card(listing, href: listing.path) }
        html += "</div>\n<nav class=\"pagination\">"
        if page > 1 { html += "<a rel=\"prev\" href=\"/search?page=\(page - 1)\">&laquo; Previous</a> " }
        html += "<span class=\"current\">Page \(page) of \(pageCount)</span>"
        if page < pageCount { html += " <a rel=\"next\" href=\"/search?page=\(page + 1)\">Next &raquo;</a>" }
        html += "</nav></main>\n"
        return html + foot
    }

    /// The JSON-LD `Product` object of a listing (without `@context`).
    private func product(_ listing: DemoListing, base: String, numericPrice: Bool) -> String {
        let priceValue = numericPrice ? "\(listing.price)" : ScriptJSON.quote("\(listing.price).00")
        return """
        {"@type":"Product","@id":\(ScriptJSON.quote(base + listing.path + "#product")),"name":\(ScriptJSON.quote(listing.title)),\
        "description":\(ScriptJSON.quote(listing.description)),"sku":\(ScriptJSON.quote(listing.sku)),\
        "image":\(ScriptJSON.quote(base + listing.imagePath)),"url":\(ScriptJSON.quote(base + listing.path)),\
        "offers":{"@type":"Offer","price":\(priceValue),"priceCurrency":\(ScriptJSON.quote(listing.currency)),\
        "availability":"https://schema.org/InStock","url":\(ScriptJSON.quote(base + listing.path)),\
        "seller":{"@type":"Person","name":\(ScriptJSON.quote(listing.seller))}}}
        """
    }

    private func detail(_ listing: DemoListing, base: String) -> String {
        let json: String
        if listing.id % 3 == 0 {
            json = """
            {"@context":"https://schema.org","@graph":[{"@type":"BreadcrumbList","itemListElement":[\
            {"@type":"ListItem","position":1,"name":"Home","item":\(ScriptJSON.quote(base + "/"))},\
            {"@type":"ListItem","position":2,"name":"All listings","item":\(ScriptJSON.quote(base + "/search"))}]},\
            \(product(listing, base: base, numericPrice: true)),\
            {"@type":"Organization","name":"Curio Market","url":\(ScriptJSON.quote(base + "/"))}]}
            """
        } else {
            let object = product(listing, base: base, numericPrice: false)
            json = "{\"@context\":\"https://schema.org\"," + object.dropFirst()
        }
        let extra = """
        <link rel="canonical" href="\(HTML.escape(base + listing.path))">
        <meta name="description" content="\(HTML.escape(listing.title))">
        <script type="application/ld+json">\(json)</script>

        """
        var html = head(listing.title, extra: extra)
        let broken = listing.id % 7 == 0
        html += """
        <main class="product" lang="\(listing.language)">
        <div class="gallery"><img src="\(listing.imagePath)" alt="\(HTML.escape(listing.title))"></div>
        <div class="info">
        <h1 class="product-title">\(HTML.escape(listing.title))</h1>
        <p class="price">\(HTML.escape(price(listing)))</p>
        <div class="description"><p>\(HTML.escape(listing.description))\(broken ? "" : "</p>")</div>
        \(broken ? "</div></div>\n" : "")<p class="seller">Sold by <span class="seller-name">\(HTML.escape(listing.seller))</span> &middot; \(HTML.escape(listing.location))</p>
        <p class="sku">SKU \(listing.sku) &middot; listed \(listing.posted)</p>
        <form action="/cart" method="post"><button>Add to cart</button></form>
        </div>
        </main>

        """
        return html + foot
    }
}
