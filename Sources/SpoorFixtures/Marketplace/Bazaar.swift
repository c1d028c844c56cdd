// `bazaar`: an old-school classifieds site with no structured data (no JSON-LD, no OpenGraph, no
// microdata), so the crawler needs a site profile for it. The profile needs exactly these selectors:
//
//   Listing pages (URL path `/anzeige/<id>` or `/anzeige.php?id=<id>`; both serve the same ad):
//     container     div.ad                      one per page, id="ad-<id>"
//     title         div.ad h2.ad-title          text
//     description   div.ad div.ad-body          text (contains <br>; the contact line is part of it)
//     price         div.ad span.ad-price        text, German format: "1.250,00 €", sometimes "1.250,00 € VB"
//                                               (VB = negotiable); currency always EUR
//     seller        div.ad span.ad-seller       text
//     location      div.ad span.ad-location     text
//     posted        div.ad time.ad-posted       attribute datetime="yyyy-mm-dd" (text is dd.mm.yyyy)
//     photo         div.ad img.ad-photo         attribute src, host-relative ("/img/12.gif")
//
//   Index pages (`/anzeigen`, `/anzeigen?seite=N`, 25 ads per page):
//     listing links table.ad-list a.ad-link     attribute href ("/anzeige/12")
//     next page     a.pager-next                attribute href; link text "Weiter »"; absent on the last page
//                                               (no rel="next" anywhere on this site)
//
//   The home page `/` links the first five ads as `/anzeige.php?id=<id>` (duplicates), the index,
//   `/merkliste` and `/admin/` (both disallowed). robots.txt has `Crawl-delay` (configurable, default 1)
//   and a `Sitemap:` line; `/sitemap.xml` is a plain `<urlset>` of live ads. The markup is sloppy on
//   purpose: unclosed <td>/<tr>/<p>, <font>, and a stray </div> after every ad.

/// `bazaar`: old classifieds without structured data; see the selector list at the top of this file.
public struct Bazaar: FixtureSite {
    /// The site's listings.
    public let catalog: ListingCatalog
    /// The robots.txt `Crawl-delay` in seconds, or nil for none.
    public let crawlDelay: Double?
    /// The site name.
    public var name: String { catalog.site }
    /// Ads per index page.
    public static let pageSize = 25

    /// Creates the site over a catalog.
    public init(catalog: ListingCatalog, crawlDelay: Double? = 1) {
        self.catalog = catalog
        self.crawlDelay = crawlDelay
    }

    /// Number of index pages.
    public var pageCount: Int { max(1, (catalog.count + Self.pageSize - 1) / Self.pageSize) }

    /// The action for a request.
    public func action(for request: FixtureRequest) -> FixtureAction {
        SiteSupport.finish(response(for: request), for: request)
    }

    /// The price as the site prints it: `1.250,00 €`, with ` VB` on every fourth ad.
    public static func priceText(_ listing: DemoListing) -> String {
        "\(SiteSupport.grouped(listing.price, separator: ".")),00 €" + (listing.id % 4 == 0 ? " VB" : "")
    }

    private func response(for request: FixtureRequest) -> FixtureResponse {
        let path = request.path
        let base = SiteSupport.base(request, catalog.baseURL)
        let query = SiteSupport.query(request.target)
        switch path {
        case "/", "/index.php": return .html(home())
        case "/robots.txt":
            var robots = "# Kleinanzeigen\nUser-agent: *\n"
            if let crawlDelay { robots += "Crawl-delay: \(SiteSupport.delayText(crawlDelay))\n" }
            robots += "Disallow: /admin/\nDisallow: /merkliste\nDisallow: /suche?\n\nSitemap: \(base)/sitemap.xml\n"
            return .text(robots)
        case "/sitemap.xml":
            return SiteSupport.xml(SiteSupport.urlset(SiteSupport.liveEntries(catalog, base: base)))
        case "/anzeigen":
            let page = query["seite"].map { SiteSupport.positiveInt(Substring($0)) } ?? 1
            guard let page, page <= pageCount else { return SiteSupport.notFound() }
            return .html(index(page: page))
        case "/merkliste": return SiteSupport.admin()
        default: break
        }
        if path.hasPrefix("/admin") { return SiteSupport.admin() }
        if let image = SiteSupport.image(path, catalog: catalog) { return image }
        if let listing = catalog.listing(forTarget: request.target) { return ad(listing) }
        return SiteSupport.notFound()
    }

    private func head(_ title: String) -> String {
        """
        <!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">
        <html>
        <head>
        <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
        <title>\(HTML.escape(title)) - Kleinanzeigen Basar</title>
        <link rel="stylesheet" href="/basar.css" type="text/css">
        </head>
        <body bgcolor="#ffffff">
        <table width="100%" class="kopf"><tr><td><a href="/"><font size="5" color="#003366"><b>Kleinanzeigen Basar</b></font></a>
        <td align="right"><a href="/merkliste">Merkliste</a> | <a href="/admin/">Verwaltung</a>
        </table>
        <div id="inhalt">

        """
    }

    private let foot = "</div>\n<p class=\"fuss\"><font size=\"1\">Impressum | AGB | Datenschutz</font>\n</body>\n</html>\n"

    private func home() -> String {
        var html = head("Startseite")
        html += "<h1>Willkommen im Basar</h1>\n<table class=\"rubriken\"><tr><td><a href=\"/anzeigen\">Alle Anzeigen (\(catalog.count))</a><td>Antiquitäten<td>Tiere<td>Fahrräder\n</table>\n"
        html += "<h3>Top-Anzeigen</h3>\n<ul>\n"
        for id in 1...max(1, min(5, catalog.count)) where id <= catalog.count {
            let listing = catalog.listing(id)!
            html += "<li><a href=\"\(listing.alternatePath)\">\(HTML.escape(listing.title))</a>\n"
        }
        return html + "</ul>\n" + foot
    }

    private func index(page: Int) -> String {
        var html = head("Alle Anzeigen, Seite \(page)")
        html += "<h1>Alle Anzeigen</h1>\n<table class=\"ad-list\" border=\"0\" cellpadding=\"3\">\n"
        let first = (page - 1) * Self.pageSize + 1
        for id in first...min(catalog.count, first + Self.pageSize - 1) {
            let listing = catalog.listing(id)!
            html += "<tr class=\"ad-row\"><td><img src=\"\(listing.imagePath)\" width=\"60\" alt=\"\"><td><a class=\"ad-link\" href=\"\(listing.path)\">\(HTML.escape(listing.title))</a><br><font size=\"2\">\(HTML.escape(listing.location))</font><td align=\"right\"><b>\(HTML.escape(Self.priceText(listing)))</b>\n"
        }
        html += "</table>\n<p class=\"pager\">"
        if page > 1 { html += "<a class=\"pager-prev\" href=\"/anzeigen?seite=\(page - 1)\">« Zurück</a> " }
        html += "Seite \(page) von \(pageCount)"
        if page < pageCount { html += " <a class=\"pager-next\" href=\"/anzeigen?seite=\(page + 1)\">Weiter »</a>" }
        return html + "\n" + foot
    }

    private func ad(_ listing: DemoListing) -> FixtureResponse {
        if let gone = SiteSupport.deleted(listing, goneText: "Diese Anzeige wurde gelöscht.") { return gone }
        let parts = listing.posted.split(separator: "-")
        let germanDate = "\(parts[2]).\(parts[1]).\(parts[0])"
        var html = head(listing.title)
        html += """
        <p><a href="/anzeigen">&laquo; zur Übersicht</a>
        <div class="ad" id="ad-\(listing.id)">
        <h2 class="ad-title">\(HTML.escape(listing.title))</h2>
        <table class="ad-meta" cellpadding="2">
        <tr><td>Preis:<td><span class="ad-price">\(HTML.escape(Self.priceText(listing)))</span>
        <tr><td>Anbieter:<td><span class="ad-seller">\(HTML.escape(listing.seller))</span>
        <tr><td>Ort:<td><span class="ad-location">\(HTML.escape(listing.location))</span>
        <tr><td>Eingestellt:<td><time class="ad-posted" datetime="\(listing.posted)">\(germanDate)</time>
        </table>
        <img class="ad-photo" src="\(listing.imagePath)" alt="Foto">
        <div class="ad-body">\(HTML.escape(listing.description))<br>
        </div>
        </div>
        </div>
        <p class="ad-nr">Anzeigen-Nr. \(listing.id)
        <p><font size="2"><a href="/merkliste?add=\(listing.id)">Auf die Merkliste</a></font>

        """
        return SiteSupport.lastModified(.html(html + foot), listing)
    }
}
