import NIOConcurrencyHelpers
/// A site that misbehaves on demand, one path per hostile behaviour, for testing the
/// fetcher's limits and guards:
///
/// - `/status/<code>[?retry-after=S]`: that status (429, 503, 404, 410...), with `Retry-After`.
/// - `/slow?bytes=N&chunk=C&ms=T`: N body bytes, C at a time, one chunk every T ms.
/// - `/hang`: reads the request, never answers. `/reset`: answers with a TCP RST.
/// - `/redirect-loop/N[?at=i][&id=k]`: a cycle of N redirects. `/redirect-chain/N[?id=k]`: N
///   redirects, then 200 (`id` keeps the chains of different links apart).
/// - `/redirect?to=URL[&status=301]`: one redirect anywhere (`http://169.254.169.254/`...).
/// - `/redirect-links/<private|scheme|loop|chain>?n=N`: a page of N links that each redirect
///   somewhere the fetcher must not follow (see `HostileSite+Traps.swift`, with the paths below).
/// - `/garbage?kind=text|status|header`: a reply that is not HTTP.
/// - `/calendar/YYYY-MM`, `/nest/...`, `/many-links?n=N`: crawler traps (an endless calendar,
///   a path that nests itself, a page with N links).
/// - `/huge?mb=N`: an N MiB page. `/gzip-bomb?mb=N`: a gzip body inflating to N MiB.
/// - `/gzip`: a normal gzip-encoded page (`gzipPageText`).
/// - `/truncated?bytes=N&claim=M`: claims M body bytes, sends N, closes: a response cut short.
/// - `/broken-html`: malformed markup. `/etag`: ETag and Last-Modified, 304 when they match.
/// - `/charset/<name>?declare=header|meta|http-equiv|bom|none[&label=L]`: `charsetPage(...)` encoded in
///   that charset, declared only the way asked; with `label`, declared as charset L instead (a lie).
/// - `/markup-bomb?mb=N[&i=K]`: gzip of an N MiB page of repeated `<p>a</p>` after a JSON-LD
///   product (`markupBombProduct`): small on the wire, millions of nodes once parsed.
/// - `/markup-bombs?n=N&mb=M`: a page linking to N distinct markup bombs of M MiB.
/// - `/deep?n=N[&close=1]`: gzip of N nested `<div>`s (left open unless `close`), then a JSON-LD
///   and a microdata product (`deepProduct`).
/// - `/pattern?bytes=N&seed=S[&gzip=1][&chunk=C&ms=T]`: `patternBody(bytes:seed:)`, N bytes of
///   numbered lines (no two alike, so a lost, repeated or reordered piece shows), gzip-encoded
///   with `gzip=1`, sent C bytes every T ms with `ms`.
public struct HostileSite: FixtureSite {
    /// The site's name.
    public let name: String
    /// The `Crawl-delay` its robots.txt asks for, in seconds, or `nil` for none.
    public let crawlDelay: Double?

    /// Creates the site.
    public init(name: String = "hostile", crawlDelay: Double? = nil) {
        self.name = name
        self.crawlDelay = crawlDelay
    }

    /// The ETag `/etag` sends.
    public static let etag = "\"spoor-etag-v1\""
    /// The Last-Modified `/etag` sends.
    public static let lastModified = "Wed, 21 Oct 2015 07:28:00 GMT"
    /// The page `/gzip` sends, before compression.
    public static let gzipPageText =
        "<!DOCTYPE html><html><head><title>Compressed</title></head><body><p>Pangolin scales, gzip-encoded.</p></body></html>\n"

    /// The action for a request.
    public func action(for request: FixtureRequest) -> FixtureAction {
        let path = request.path
        let query = HostileSite.query(of: request.target)
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch parts.first ?? "" {
        case "":
            return .respond(.html(HostileSite.indexPage))
        case "robots.txt":
            return .respond(.text("User-agent: *\nAllow: /\n" + (crawlDelay.map { "Crawl-delay: \($0)\n" } ?? "")))
        case "status":
            guard parts.count == 2, let code = Int(parts[1]), (100...599).contains(code) else { break }
            var response = FixtureResponse.text("status \(code)\n", status: code)
            if let retry = query["retry-after"] { response.headers.append(.init("Retry-After", retry)) }
            return .respond(response)
        case "slow":
            let bytes = max(0, Int(query["bytes"] ?? "") ?? 1024)
            let chunk = max(1, Int(query["chunk"] ?? "") ?? 16)
            let ms = max(0, Int(query["ms"] ?? "") ?? 100)
            let body = [UInt8](repeating: UInt8(ascii: "s"), count: bytes)
            let response = FixtureResponse(status: 200, headers: [.init("Content-Type", "text/plain")], body: body)
            return .slowBody(response, chunkSize: chunk, interval: .milliseconds(ms))
        case "hang":
            return .hang
        case "reset":
            return .reset
        case "redirect-loop":
            let length = max(1, parts.count > 1 ? Int(parts[1]) ?? 2 : 2)
            let at = Int(query["at"] ?? "") ?? 0
            let id = query["id"].flatMap { Int($0) }.map { "&id=\($0)" } ?? ""
            return .respond(HostileSite.redirect(to: "/redirect-loop/\(length)?at=\((at + 1) % length)\(id)"))
        case "redirect-chain":
            let remaining = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            if remaining <= 0 { return .respond(.html("<html><body><p>End of the chain.</p></body></html>")) }
            let id = query["id"].flatMap { Int($0) }.map { "?id=\($0)" } ?? ""
            return .respond(HostileSite.redirect(to: "/redirect-chain/\(remaining - 1)\(id)"))
        case "redirect-links", "garbage", "calendar", "nest", "many-links":
            if let action = HostileSite.trapAction(parts, query) { return action }
        case "redirect":
            guard let target = query["to"] else { break }
            return .respond(HostileSite.redirect(to: target, status: Int(query["status"] ?? "") ?? 302))
        case "huge":
            let mb = max(1, Int(query["mb"] ?? "") ?? 20)
            let body = [UInt8](repeating: UInt8(ascii: "h"), count: mb << 20)
            return .respond(FixtureResponse(status: 200, headers: [.init("Content-Type", "text/plain")], body: body))
        case "gzip-bomb":
            let mb = max(1, Int(query["mb"] ?? "") ?? 100)
            let headers: [FixtureRequest.Header] = [.init("Content-Type", "text/html"), .init("Content-Encoding", "gzip")]
            return .respond(FixtureResponse(status: 200, headers: headers, body: HostileSite.gzipBomb(mb: mb)))
        case "gzip":
            let headers: [FixtureRequest.Header] = [
                .init("Content-Type", "text/html; charset=utf-8"), .init("Content-Encoding", "gzip"),
            ]
            let body = FixtureCodecs.gzip(Array(HostileSite.gzipPageText.utf8))
            return .respond(FixtureResponse(status: 200, headers: headers, body: body))
        case "truncated":
            let bytes = max(0, Int(query["bytes"] ?? "") ?? 100)
            let claim = max(bytes + 1, Int(query["claim"] ?? "") ?? bytes * 10 + 1)
            let headers: [FixtureRequest.Header] = [.init("Content-Type", "text/plain"), .init("Content-Length", String(claim))]
            return .respond(FixtureResponse(status: 200, headers: headers, body: [UInt8](repeating: UInt8(ascii: "t"), count: bytes)))
        case "broken-html":
            return .respond(.html(HostileSite.brokenHTML))
        case "etag":
            return .respond(HostileSite.etagResponse(request))
        case "charset":
            guard parts.count == 2 else { break }
            let declaration = CharsetDeclaration(rawValue: query["declare"] ?? "header") ?? .header
            guard let response = HostileSite.charsetResponse(parts[1], declaration, label: query["label"]) else { break }
            return .respond(response)
        case "markup-bomb":
            let mb = min(64, max(1, Int(query["mb"] ?? "") ?? 10))
            return .respond(HostileSite.gzipped(HostileSite.markupBomb(mb: mb)))
        case "markup-bombs":
            let count = min(1000, max(1, Int(query["n"] ?? "") ?? 16))
            let mb = min(64, max(1, Int(query["mb"] ?? "") ?? 10))
            let links = (1...count).map { "<li><a href=\"/markup-bomb?mb=\(mb)&amp;i=\($0)\">bomb \($0)</a></li>" }
            return .respond(.html("<!DOCTYPE html><html><head><title>Bombs</title></head><body><ul>\(links.joined())</ul></body></html>\n"))
        case "pattern":
            let bytes = min(64 << 20, max(0, Int(query["bytes"] ?? "") ?? 65536))
            let body = HostileSite.patternBody(bytes: bytes, seed: Int(query["seed"] ?? "") ?? 0)
            var response = FixtureResponse(status: 200, headers: [.init("Content-Type", "text/plain; charset=utf-8")], body: body)
            if query["gzip"] == "1" {
                response.headers.append(.init("Content-Encoding", "gzip"))
                response.body = FixtureCodecs.gzip(body)
            }
            guard let ms = query["ms"].flatMap({ Int($0) }) else { return .respond(response) }
            return .slowBody(response, chunkSize: max(1, Int(query["chunk"] ?? "") ?? 4096), interval: .milliseconds(max(0, ms)))
        case "deep":
            let depth = min(5_000_000, max(1, Int(query["n"] ?? "") ?? 1_000_000))
            return .respond(HostileSite.gzipped(HostileSite.deepPage(depth: depth, close: query["close"] == "1")))
        default:
            break
        }
        return .respond(.html("<html><body><p>Not here.</p></body></html>", status: 404))
    }

    // MARK: Redirects, ETag

    private static func redirect(to location: String, status: Int = 302) -> FixtureResponse {
        FixtureResponse(status: status, headers: [.init("Location", location), .init("Content-Type", "text/plain")],
                        body: Array("redirecting to \(location)\n".utf8))
    }

    private static func etagResponse(_ request: FixtureRequest) -> FixtureResponse {
        let validators: [FixtureRequest.Header] = [.init("ETag", etag), .init("Last-Modified", lastModified)]
        if let match = request.header("if-none-match") {
            let tags = match.split(separator: ",").map { $0.trimmingCharacters(in: " ") }
            if tags.contains(etag) || tags.contains("*") { return FixtureResponse(status: 304, headers: validators) }
        } else if request.header("if-modified-since") == lastModified {
            return FixtureResponse(status: 304, headers: validators)
        }
        var response = FixtureResponse.html("<html><body><p>Versioned page.</p></body></html>")
        response.headers += validators
        return response
    }

    // MARK: Gzip bomb

    private static let bombs = NIOLockedValueBox<[Int: [UInt8]]>([:])

    /// A gzip stream inflating to `mb` MiB of zeros, built once per size.
    public static func gzipBomb(mb: Int) -> [UInt8] {
        if let cached = bombs.withLockedValue({ $0[mb] }) { return cached }
        let bomb = FixtureCodecs.gzipRepeating(0, count: mb << 20)
        bombs.withLockedValue { $0[mb] = bomb }
        return bomb
    }

    /// The body `/pattern` sends: `bytes` bytes of lines `seed S line L` padded with dots, each
    /// line different, the last one cut to fit.
    public static func patternBody(bytes: Int, seed: Int) -> [UInt8] {
        var body: [UInt8] = []
        body.reserveCapacity(bytes + 64)
        var line = 0
        while body.count < bytes {
            let text = "seed \(seed) line \(line) "
            body.append(contentsOf: text.utf8)
            body.append(contentsOf: repeatElement(UInt8(ascii: "."), count: 20 + line % 37))
            body.append(UInt8(ascii: "\n"))
            line += 1
        }
        return Array(body.prefix(bytes))
    }

    // MARK: Markup bombs, deep nesting

    /// The product every markup bomb carries in its `<head>`, before the bomb: read even when the
    /// parse is cut.
    public static let markupBombProduct = "Antique ivory netsuke"
    /// The product after the nesting of `/deep`.
    public static let deepProduct = "Carved ivory tusk"

    private static let markupBombs = NIOLockedValueBox<[Int: [UInt8]]>([:])
    private static let deepPages = NIOLockedValueBox<[String: [UInt8]]>([:])

    /// A gzip stream inflating to an `mb` MiB page of `<p>a</p>` after a small JSON-LD product,
    /// built once per size.
    public static func markupBomb(mb: Int) -> [UInt8] {
        if let cached = markupBombs.withLockedValue({ $0[mb] }) { return cached }
        let head = "<!DOCTYPE html><html><head><title>Markup bomb</title>"
            + jsonLDProduct(markupBombProduct, sku: "bomb-1") + "</head><body>"
        let bomb = FixtureCodecs.gzipRepeating(Array("<p>a</p>".utf8), count: mb << 20, prefix: Array(head.utf8),
                                               suffix: Array("</body></html>\n".utf8))
        markupBombs.withLockedValue { $0[mb] = bomb }
        return bomb
    }

    /// A gzip stream of a page with `depth` nested `<div>`s (closed if `close`), then a product
    /// in JSON-LD and in microdata.
    public static func deepPage(depth: Int, close: Bool) -> [UInt8] {
        let key = "\(depth)/\(close)"
        if let cached = deepPages.withLockedValue({ $0[key] }) { return cached }
        let head = "<!DOCTYPE html><html><head><title>Deep</title></head><body>"
        let product = jsonLDProduct(deepProduct, sku: "deep-1")
            + "<div itemscope itemtype=\"https://schema.org/Product\"><span itemprop=\"name\">\(deepProduct) (microdata)</span>"
            + "<meta itemprop=\"sku\" content=\"deep-2\"></div>"
        let closing = close ? String(repeating: "</div>", count: depth) : ""
        let page = FixtureCodecs.gzipRepeating(Array("<div>".utf8), count: depth * 5, prefix: Array(head.utf8),
                                               suffix: Array((closing + product + "</body></html>\n").utf8))
        deepPages.withLockedValue { $0[key] = page }
        return page
    }

    /// A `<script type="application/ld+json">` block describing one product.
    static func jsonLDProduct(_ name: String, sku: String) -> String {
        "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"Product\","
            + "\"name\":\"\(name)\",\"sku\":\"\(sku)\",\"offers\":{\"@type\":\"Offer\",\"price\":\"450\",\"priceCurrency\":\"USD\"}}</script>"
    }

    /// An HTML response with a gzip-encoded body.
    private static func gzipped(_ body: [UInt8]) -> FixtureResponse {
        FixtureResponse(status: 200, headers: [.init("Content-Type", "text/html; charset=utf-8"), .init("Content-Encoding", "gzip")],
                        body: body)
    }

    // MARK: Pages

    private static let indexPage = """
        <!DOCTYPE html><html><head><title>Hostile</title></head><body><ul>
        <li><a href="/status/429?retry-after=2">429</a></li><li><a href="/status/503">503</a></li>
        <li><a href="/slow?bytes=2048&chunk=16&ms=100">slow</a></li><li><a href="/hang">hang</a></li>
        <li><a href="/reset">reset</a></li><li><a href="/redirect-loop/2">loop</a></li>
        <li><a href="/redirect-chain/3">chain</a></li><li><a href="/huge?mb=20">huge</a></li>
        <li><a href="/gzip-bomb?mb=100">bomb</a></li><li><a href="/broken-html">broken</a></li>
        <li><a href="/etag">etag</a></li><li><a href="/charset/shift_jis?declare=meta">charset</a></li>
        <li><a href="/markup-bomb?mb=10">markup bomb</a></li><li><a href="/deep?n=100000">deep</a></li>
        </ul></body></html>

        """

    /// The markup `/broken-html` sends.
    public static let brokenHTML = """
        <html><head><title>Broken <b>listing</title><meta charset=utf-8 <body>
        <div class=listing><p>Ivory bangle <b><i>antique</b></i> €120
        <table><tr><td>Pangolin scales<td>price: <span>40 USD</table></div></div></div>
        <a href="/x?a=1&b=2>unterminated link <img src=x onerror=alert(1)>
        <!-- an unclosed comment <script>var x = "</script>
        """

    // MARK: Query strings

    /// The query parameters of a target, percent-decoded (`+` as space); first value wins.
    static func query(of target: String) -> [String: String] {
        guard let mark = target.firstIndex(of: "?") else { return [:] }
        var result: [String: String] = [:]
        for pair in target[target.index(after: mark)...].split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            let key = percentDecoded(parts[0])
            if result[key] == nil { result[key] = parts.count > 1 ? percentDecoded(parts[1]) : "" }
        }
        return result
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
               let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) {
                bytes.append(value)
            } else if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
