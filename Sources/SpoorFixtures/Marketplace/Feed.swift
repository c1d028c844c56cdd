import SpoorMatch

/// `feed`: a social feed of sale posts with hashtags, emoji, messenger contacts and prices in the
/// free text; post pages carry OpenGraph (`og:title`, `og:description`, `og:image`,
/// `product:price:amount`) and every fourth one schema.org microdata too.
///
/// Routes: `/` (newest 12 posts; `<a class="load-more" href="/?cursor=…">` to the next 12, absent at
/// the end; a bad cursor answers 400), `/post/<id>` and `/u/<handle>/status/<id>` (the same post),
/// `/img/<id>.gif`, `/robots.txt` (which also shuts out GPTBot entirely), `/sitemap.xml` (`<urlset>`).
/// `/messages/` and `/admin/` are linked but disallowed.
public struct Feed: FixtureSite {
    /// The site's listings.
    public let catalog: ListingCatalog
    /// The site name.
    public var name: String { catalog.site }
    /// Posts per feed page.
    public static let pageSize = 12

    /// Creates the feed over a catalog.
    public init(catalog: ListingCatalog) {
        self.catalog = catalog
    }

    /// The opaque cursor for the feed page that starts after `offset` posts.
    public static func cursor(offset: Int) -> String {
        "c" + String(UInt32(truncatingIfNeeded: offset) ^ 0x5F37_59DF, radix: 36)
    }

    /// The offset a cursor stands for, or nil when it is not one this site made.
    static func offset(cursor: String) -> Int? {
        guard cursor.hasPrefix("c"), let value = UInt32(cursor.dropFirst(), radix: 36) else { return nil }
        let offset = Int(value ^ 0x5F37_59DF)
        return cursor == Self.cursor(offset: offset) ? offset : nil
    }

    /// The action for a request.
    public func action(for request: FixtureRequest) -> FixtureAction {
        SiteSupport.finish(response(for: request), for: request)
    }

    private func response(for request: FixtureRequest) -> FixtureResponse {
        let path = request.path
        let base = SiteSupport.base(request, catalog.baseURL)
        switch path {
        case "/":
            var offset = 0
            if let cursor = SiteSupport.query(request.target)["cursor"] {
                guard let decoded = Self.offset(cursor: cursor), decoded > 0, decoded < catalog.count,
                      decoded % Self.pageSize == 0 else {
                    return .html("<!DOCTYPE html><html><body><p>Invalid cursor.</p></body></html>\n", status: 400)
                }
                offset = decoded
            }
            return .html(feed(offset: offset))
        case "/robots.txt":
            return .text("User-agent: GPTBot\nDisallow: /\n\nUser-agent: *\nDisallow: /admin/\nDisallow: /messages/\nDisallow: /search\n\nSitemap: \(base)/sitemap.xml\n")
        case "/sitemap.xml":
            return SiteSupport.xml(SiteSupport.urlset(SiteSupport.liveEntries(catalog, base: base)))
        default: break
        }
        if path.hasPrefix("/admin") || path.hasPrefix("/messages") { return SiteSupport.admin() }
        if let image = SiteSupport.image(path, catalog: catalog) { return image }
        if let listing = catalog.listing(forTarget: request.target) {
            return SiteSupport.deleted(listing, goneText: "This post was deleted by its author.") ?? SiteSupport.lastModified(.html(post(listing, base: base)), listing)
        }
        return SiteSupport.notFound()
    }

    /// The price the way a poster writes it in the text, per language.
    static func priceText(_ listing: DemoListing) -> String {
        let comma = SiteSupport.grouped(listing.price, separator: ",")
        let dot = SiteSupport.grouped(listing.price, separator: ".")
        switch listing.language {
        case "id": return "Harga: Rp \(dot)"
        case "vi": return "Giá: \(dot)đ"
        case "th": return "ราคา \(comma) บาท"
        case "zh-Hant": return "價錢: HK$\(comma)"
        case "pt": return "Preço: \(dot) €"
        default: return listing.currency == "USD" ? "Price: $\(comma)" : "Price: \(comma) \(listing.currency)"
        }
    }

    /// The post's free text: emoji, title, description, price and hashtags.
    static func text(_ listing: DemoListing) -> String {
        var rng = SplitMix64(seed: SplitMix64.mix(UInt64(listing.id), 0xFEED))
        let pack = LanguagePack.pack(for: listing.language)
        let emoji = ["🔥", "✨", "💯", "📦", "👉", "⭐"]
        let hashtags = pack.hashtags.filter { $0.hasPrefix("#") }
        let first = rng.int(in: 0...(hashtags.count - 1))
        let second = (first + rng.int(in: 1...max(1, hashtags.count - 1))) % hashtags.count
        let tags = first == second ? [hashtags[first]] : [hashtags[first], hashtags[second]]
        let extra = pack.hashtags.filter { !$0.hasPrefix("#") }
        let trailing = extra.isEmpty ? "" : " " + rng.pick(extra)
        return "\(rng.pick(emoji)) \(listing.title)\n\(listing.description)\n\(priceText(listing))\n\(tags.joined(separator: " "))\(trailing)"
    }

    private func head(_ title: String, meta: String = "") -> String {
        """
        <!doctype html>
        <html>
        <head>
        <meta charset="utf-8">
        <title>\(HTML.escape(title)) · Swapfeed</title>
        \(meta)</head>
        <body class="feed">
        <nav class="top"><a href="/">Swapfeed</a> <a href="/messages/">Messages</a> <a href="/admin/">Admin</a></nav>

        """
    }

    private func textHTML(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.split(separator: " ", omittingEmptySubsequences: false).map { word in
                word.hasPrefix("#") && word.count > 1
                    ? "<span class=\"hashtag\">\(HTML.escape(String(word)))</span>"
                    : HTML.escape(String(word))
            }.joined(separator: " ")
        }.joined(separator: "<br>")
    }

    private func feed(offset: Int) -> String {
        var html = head("Latest posts")
        html += "<main class=\"timeline\">\n"
        let end = min(catalog.count, offset + Self.pageSize)
        for position in offset..<max(offset, end) {
            let listing = catalog.listing(catalog.count - position)!
            let href = listing.id % 5 == 0 ? listing.alternatePath : listing.path
            html += """
            <article class="post" data-id="\(listing.id)"><header><span class="author">@\(listing.handle)</span> <time datetime="\(listing.posted)">\(listing.posted)</time></header>
            <div class="post-text">\(textHTML(Self.text(listing)))</div>
            <a class="permalink" href="\(HTML.escape(href))">View post</a></article>

            """
        }
        html += "</main>\n"
        if end < catalog.count {
            let cursor = Self.cursor(offset: end)
            html += "<div class=\"scroll-sentinel\" data-next-cursor=\"\(cursor)\"><a class=\"load-more\" href=\"/?cursor=\(cursor)\">Load more</a></div>\n"
        }
        return html + "</body>\n</html>\n"
    }

    private func post(_ listing: DemoListing, base: String) -> String {
        let text = Self.text(listing)
        let meta = """
        <meta property="og:type" content="product">
        <meta property="og:title" content="\(HTML.escape(listing.title))">
        <meta property="og:description" content="\(HTML.escape(listing.description))">
        <meta property="og:image" content="\(HTML.escape(base + listing.imagePath))">
        <meta property="og:url" content="\(HTML.escape(base + listing.path))">
        <meta property="product:price:amount" content="\(listing.price)">
        <meta property="product:price:currency" content="\(listing.currency)">

        """
        var html = head(listing.title, meta: meta)
        html += """
        <main class="single" lang="\(listing.language)">
        <article class="post"><header><span class="author">@\(listing.handle)</span> · <span class="display-name">\(HTML.escape(listing.seller))</span> · <span class="place">\(HTML.escape(listing.location))</span></header>
        <div class="post-text">\(textHTML(text))</div>
        <img class="post-image" src="\(listing.imagePath)" alt="">
        <footer><time datetime="\(listing.posted)">\(listing.posted)</time> <a href="/messages/new?to=\(listing.handle)">DM</a></footer>
        </article>

        """
        if listing.id % 4 == 0 {
            html += """
            <div itemscope itemtype="https://schema.org/Product" class="microdata"><meta itemprop="name" content="\(HTML.escape(listing.title))"><meta itemprop="description" content="\(HTML.escape(listing.description))"><link itemprop="image" href="\(listing.imagePath)"><div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="\(listing.price)"><meta itemprop="priceCurrency" content="\(listing.currency)"></div></div>

            """
        }
        return html + "</main>\n</body>\n</html>\n"
    }
}
