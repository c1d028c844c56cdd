/// Pieces every demo site shares: query parsing, base URLs, robots.txt, sitemaps, images and errors.
enum SiteSupport {
    /// The query parameters of a request target (`page=2&ref=x`), percent-decoded, first value wins.
    static func query(_ target: String) -> [String: String] {
        guard let mark = target.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecode(parts[0])
            if result[name] == nil { result[name] = parts.count > 1 ? percentDecode(parts[1]) : "" }
        }
        return result
    }

    /// Decodes `%XX` escapes and `+` as space; malformed escapes stay as they are.
    static func percentDecode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), utf8.count >= 2,
                      let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A strictly positive decimal integer, or nil (`"12"` but not `"012x"` or `"-1"`).
    static func positiveInt(_ text: Substring?) -> Int? {
        guard let text, !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(text), value > 0 else { return nil }
        return value
    }

    /// The base URL for absolute links: `http://` plus the request's `Host` header when it has one
    /// (so the port the server picked never matters), else the configured base URL.
    static func base(_ request: FixtureRequest, _ configured: String) -> String {
        if let host = request.header("host"), !host.isEmpty,
           host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".:-[]".contains($0)) }) {
            return "http://" + host
        }
        return configured
    }

    /// The final action. A 200 gets a strong `ETag` (a hash of the body); a request whose
    /// `If-None-Match` names it, or whose `If-Modified-Since` equals the page's `Last-Modified`,
    /// gets 304. A HEAD answer keeps the headers and drops the body; methods other than GET and
    /// HEAD get 405.
    static func finish(_ response: FixtureResponse, for request: FixtureRequest) -> FixtureAction {
        var response = response
        if response.status == 200 {
            let etag = "\"" + String(fnv1a(response.body), radix: 16) + "\""
            response.headers.append(.init("ETag", etag))
            let lastModified = response.headers.first { $0.name == "last-modified" }?.value
            let matches = request.header("if-none-match").map { value in
                value == "*" || value.split(separator: ",").contains { $0.trimmingSpaces() == etag || $0.trimmingSpaces() == "W/" + etag }
            }
            let unmodified = request.header("if-modified-since").map { $0 == lastModified }
            if matches ?? unmodified ?? false {
                response = FixtureResponse(status: 304, headers: response.headers.filter { $0.name != "content-type" }, body: [])
            }
        }
        switch request.method.uppercased() {
        case "GET": return .respond(response)
        case "HEAD":
            var head = response
            head.body = []
            return .respond(head)
        default:
            var refused = FixtureResponse.text("method not allowed\n", status: 405)
            refused.headers.append(.init("Allow", "GET, HEAD"))
            return .respond(refused)
        }
    }

    /// 64-bit FNV-1a, for ETags.
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Adds `Last-Modified` (the listing's posting date at midnight GMT) to a listing page.
    static func lastModified(_ response: FixtureResponse, _ listing: DemoListing) -> FixtureResponse {
        var response = response
        response.headers.append(.init("Last-Modified", httpDate(listing.posted)))
        return response
    }

    /// An IMF-fixdate (`Fri, 14 Mar 2025 00:00:00 GMT`) for a `yyyy-mm-dd` date.
    static func httpDate(_ date: String) -> String {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return "Thu, 01 Jan 1970 00:00:00 GMT" }
        let (year, month, day) = (parts[0], parts[1], parts[2])
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[((days % 7) + 7) % 7]
        return "\(weekday), \(day < 10 ? "0" : "")\(day) \(months[month - 1]) \(year) 00:00:00 GMT"
    }

    /// A 1x1 transparent GIF, the photo of every listing.
    static let pixel: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
        0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]

    /// The photo of a listing at `/img/<id>.gif`, or nil for other paths or unknown ids.
    static func image(_ path: Substring, catalog: ListingCatalog) -> FixtureResponse? {
        guard path.hasPrefix("/img/"), path.hasSuffix(".gif"),
              let id = positiveInt(path.dropFirst(5).dropLast(4)), id <= catalog.count else { return nil }
        return FixtureResponse(status: 200, headers: [.init("Content-Type", "image/gif")], body: pixel)
    }

    /// A sitemap `<urlset>` of absolute URLs with optional `lastmod` dates.
    static func urlset(_ entries: [(url: String, lastmod: String?)]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            xml += "  <url><loc>\(HTML.escape(entry.url))</loc>"
            if let lastmod = entry.lastmod { xml += "<lastmod>\(lastmod)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }

    /// A `<sitemapindex>` of absolute sitemap URLs.
    static func sitemapIndex(_ urls: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for url in urls { xml += "  <sitemap><loc>\(HTML.escape(url))</loc></sitemap>\n" }
        return xml + "</sitemapindex>\n"
    }

    /// An XML response.
    static func xml(_ text: String) -> FixtureResponse {
        FixtureResponse(status: 200, headers: [.init("Content-Type", "application/xml; charset=utf-8")], body: Array(text.utf8))
    }

    /// Live listing entries for a sitemap: canonical absolute URL and posting date.
    static func liveEntries(_ catalog: ListingCatalog, base: String) -> [(url: String, lastmod: String?)] {
        catalog.listings.filter { $0.availability == .live }.map { (base + $0.path, $0.posted) }
    }

    /// A plain 404 page.
    static func notFound() -> FixtureResponse {
        .html("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>\n", status: 404)
    }

    /// The `/admin/` page that robots.txt forbids: a polite crawler never sees it.
    static func admin() -> FixtureResponse {
        .html("<!DOCTYPE html><html><head><title>Admin</title><meta name=\"robots\" content=\"noindex\"></head><body><form method=\"post\" action=\"/admin/login\"><input name=\"user\"><input name=\"password\" type=\"password\"></form></body></html>\n")
    }

    /// A 4xx response for a deleted listing, or nil when the listing is live.
    static func deleted(_ listing: DemoListing, goneText: String) -> FixtureResponse? {
        switch listing.availability {
        case .live: return nil
        case .notFound: return notFound()
        case .gone:
            return .html("<!DOCTYPE html><html><head><title>410</title></head><body><p>\(HTML.escape(goneText))</p></body></html>\n", status: 410)
        }
    }

    /// The `Crawl-delay` line value: whole seconds without a fraction.
    static func delayText(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// Formats whole units with a thousands separator (`1,250`).
    static func grouped(_ value: Int, separator: String) -> String {
        let digits = String(value)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
