/// `legacy-gbk`: an old Chinese/Japanese second-hand board whose pages are not UTF-8.
///
/// Chinese pages are GBK (GB18030 when a character has no GBK mapping), Japanese listing pages are
/// Shift_JIS. Where the charset is declared varies by page:
/// - `/` : only `<meta http-equiv="Content-Type" content="text/html; charset=gbk">`, HTTP says `text/html`;
/// - `/list.asp?page=N` : only the HTTP header `text/html; charset=GBK`, no meta;
/// - Chinese `/item.asp?id=N`: by `id % 3`, 0 → HTTP header and `<meta charset>`, 1 → only `<meta charset="gbk">`,
///   2 → only `<meta http-equiv>` with `gb18030`;
/// - Japanese `/item.asp?id=N`: even ids → only the HTTP header `charset=Shift_JIS`, odd ids → only `<meta http-equiv>`.
///
/// Each listing is also at `/item/<id>.html`. Pagination uses relative links (`list.asp?page=2`, text 下一页).
public struct LegacyGBKSite: FixtureSite {
    /// The site's listings.
    public let catalog: ListingCatalog
    /// The site name.
    public var name: String { catalog.site }
    /// Listings per index page.
    public static let pageSize = 30

    /// Creates the site over a catalog.
    public init(catalog: ListingCatalog) {
        self.catalog = catalog
    }

    /// Number of index pages.
    public var pageCount: Int { max(1, (catalog.count + Self.pageSize - 1) / Self.pageSize) }

    /// The action for a request.
    public func action(for request: FixtureRequest) -> FixtureAction {
        SiteSupport.finish(response(for: request), for: request)
    }

    private func response(for request: FixtureRequest) -> FixtureResponse {
        let path = request.path
        let base = SiteSupport.base(request, catalog.baseURL)
        let query = SiteSupport.query(request.target)
        switch path {
        case "/", "/index.asp":
            return Self.chinesePage(headerCharset: false) { label in
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(label)\">"
            } body: { home() }
        case "/robots.txt":
            return .text("User-agent: *\nDisallow: /admin/\nDisallow: /cgi-bin/\nDisallow: /member.asp\n\nSitemap: \(base)/sitemap.xml\n")
        case "/sitemap.xml":
            return SiteSupport.xml(SiteSupport.urlset(SiteSupport.liveEntries(catalog, base: base)))
        case "/list.asp":
            let page = query["page"].map { SiteSupport.positiveInt(Substring($0)) } ?? 1
            guard let page, page <= pageCount else { return SiteSupport.notFound() }
            return Self.chinesePage(headerCharset: true) { _ in "" } body: { index(page: page) }
        default: break
        }
        if path.hasPrefix("/admin") || path == "/member.asp" { return SiteSupport.admin() }
        if let image = SiteSupport.image(path, catalog: catalog) { return image }
        if let listing = catalog.listing(forTarget: request.target) { return item(listing) }
        return SiteSupport.notFound()
    }

    /// Encodes a Chinese page as GBK, or as GB18030 (declared so) when GBK cannot hold a character.
    /// `meta` makes the `<head>` declaration for a charset label; `headerCharset` adds it to HTTP too.
    static func chinesePage(status: Int = 200, headerCharset: Bool, meta: (String) -> String,
                            body: () -> String) -> FixtureResponse {
        let content = body()
        for (label, iconvName) in [("gbk", "GBK"), ("gb18030", "GB18030")] {
            let html = "<HTML>\n<HEAD>\n\(meta(label))\n" + content
            if let bytes = LegacyCharset.encode(html, as: iconvName) {
                let type = headerCharset ? "text/html; charset=\(label.uppercased())" : "text/html"
                return FixtureResponse(status: status, headers: [.init("Content-Type", type)], body: bytes)
            }
        }
        preconditionFailure("GB18030 encodes every Unicode scalar")
    }

    private func priceText(_ listing: DemoListing) -> String {
        let amount = SiteSupport.grouped(listing.price, separator: ",")
        switch listing.currency {
        case "CNY": return "￥\(amount)"
        case "JPY": return "\(amount)円"
        case "HKD": return "HK$\(amount)"
        default: return "\(listing.currency) \(amount)"
        }
    }

    private func home() -> String {
        var html = "<TITLE>旧货交易网 - 首页</TITLE>\n</HEAD>\n<BODY>\n<TABLE WIDTH=760 ALIGN=center><TR><TD><FONT SIZE=5><B>旧货交易网</B></FONT>\n<TD ALIGN=right><A HREF=\"/admin/\">管理</A> | <A HREF=\"/member.asp\">会员中心</A>\n</TABLE>\n"
        html += "<P><A HREF=\"list.asp?page=1\">全部信息（\(catalog.count)条）</A>\n<H3>推荐信息</H3>\n<UL>\n"
        for id in 1...max(1, min(5, catalog.count)) where id <= catalog.count {
            let listing = catalog.listing(id)!
            html += "<LI><A HREF=\"\(listing.alternatePath)\">\(HTML.escape(listing.title))</A>\n"
        }
        return html + "</UL>\n</BODY>\n</HTML>\n"
    }

    private func index(page: Int) -> String {
        var html = "<TITLE>全部信息 第\(page)页</TITLE>\n</HEAD>\n<BODY>\n<TABLE CLASS=list WIDTH=760>\n"
        let first = (page - 1) * Self.pageSize + 1
        for id in first...min(catalog.count, first + Self.pageSize - 1) {
            let listing = catalog.listing(id)!
            html += "<TR><TD><A HREF=\"item.asp?id=\(listing.id)\">\(HTML.escape(listing.title))</A><TD>\(HTML.escape(priceText(listing)))<TD>\(HTML.escape(listing.location))\n"
        }
        html += "</TABLE>\n<P CLASS=pages>"
        if page > 1 { html += "<A HREF=\"list.asp?page=\(page - 1)\">上一页</A> " }
        html += "第\(page)/\(pageCount)页"
        if page < pageCount { html += " <A HREF=\"list.asp?page=\(page + 1)\">下一页</A>" }
        return html + "\n</BODY>\n</HTML>\n"
    }

    private func item(_ listing: DemoListing) -> FixtureResponse {
        if listing.availability != .live {
            let status = listing.availability == .gone ? 410 : 404
            let text = listing.availability == .gone ? "该信息已被删除。" : "找不到该页面。"
            return Self.chinesePage(status: status, headerCharset: true) { _ in "" } body: {
                "<TITLE>\(status)</TITLE>\n</HEAD>\n<BODY><P>\(text)\n</BODY>\n</HTML>\n"
            }
        }
        if listing.language == "ja" { return SiteSupport.lastModified(japaneseItem(listing), listing) }
        let body = """
        <TITLE>\(HTML.escape(listing.title)) - 旧货交易网</TITLE>
        </HEAD>
        <BODY>
        <DIV ID=main>
        <P><A HREF="list.asp">返回列表</A>
        <H1 CLASS=title>\(HTML.escape(listing.title))</H1>
        <UL CLASS=info>
        <LI>价格：\(HTML.escape(priceText(listing)))
        <LI>卖家：\(HTML.escape(listing.seller))
        <LI>所在地：\(HTML.escape(listing.location))
        <LI>发布时间：\(listing.posted)
        </UL>
        <IMG SRC="\(listing.imagePath)">
        <DIV CLASS=content>\(HTML.escape(listing.description))</DIV>
        </DIV></DIV>
        </BODY>
        </HTML>

        """
        return SiteSupport.lastModified(chineseItem(listing, body: body), listing)
    }

    private func chineseItem(_ listing: DemoListing, body: String) -> FixtureResponse {
        switch listing.id % 3 {
        case 0:
            return Self.chinesePage(headerCharset: true, meta: { "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=\($0)\">" }, body: { body })
        case 1:
            return Self.chinesePage(headerCharset: false, meta: { "<meta charset=\"\($0)\">" }, body: { body })
        default:
            // Declared GB18030 (and encoded so) even when GBK would do: GBK is a subset.
            let html = "<HTML>\n<HEAD>\n<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=gb18030\">\n" + body
            return FixtureResponse(status: 200, headers: [.init("Content-Type", "text/html")],
                                   body: LegacyCharset.encode(html, as: "GB18030")!)
        }
    }

    private func japaneseItem(_ listing: DemoListing) -> FixtureResponse {
        let inHeader = listing.id % 2 == 0
        let meta = inHeader ? "" : "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">\n"
        let html = """
        <HTML>
        <HEAD>
        \(meta)<TITLE>\(HTML.escape(listing.title)) - 中古品掲示板</TITLE>
        </HEAD>
        <BODY>
        <DIV ID=main>
        <H1 CLASS=title>\(HTML.escape(listing.title))</H1>
        <TABLE CLASS=info>
        <TR><TH>価格<TD>\(HTML.escape(priceText(listing)))
        <TR><TH>出品者<TD>\(HTML.escape(listing.seller))
        <TR><TH>地域<TD>\(HTML.escape(listing.location))
        <TR><TH>掲載日<TD>\(listing.posted)
        </TABLE>
        <IMG SRC="\(listing.imagePath)">
        <DIV CLASS=content>\(HTML.escape(listing.description))</DIV>
        </DIV>
        </BODY>
        </HTML>

        """
        guard let bytes = LegacyCharset.encode(html, as: "SHIFT_JIS") else {
            // Unreachable with the shipped Japanese pack (a test encodes all of it); never crash a server.
            return .html(html.replacingCharset("Shift_JIS", with: "utf-8"))
        }
        let type = inHeader ? "text/html; charset=Shift_JIS" : "text/html"
        return FixtureResponse(status: 200, headers: [.init("Content-Type", type)], body: bytes)
    }
}

extension String {
    /// The text with every occurrence of one charset label replaced by another.
    fileprivate func replacingCharset(_ label: String, with other: String) -> String {
        split(separator: label, omittingEmptySubsequences: false).joined(separator: other)
    }
}
