import CLibXML2

/// A parsed sitemap (`<urlset>`) or sitemap index (`<sitemapindex>`), per sitemaps.org.
public struct Sitemap: Sendable, Hashable {
    /// Which kind of file it was.
    public enum Kind: String, Sendable, Hashable {
        /// A `<urlset>` listing pages.
        case urlSet = "urlset"
        /// A `<sitemapindex>` listing more sitemaps.
        case index = "sitemapindex"
    }

    /// One `<url>` or `<sitemap>` entry.
    public struct Entry: Sendable, Hashable {
        /// The absolute URL (`<loc>`).
        public var url: String
        /// `<lastmod>` as written (W3C datetime), if present.
        public var lastModified: String?
    }

    /// The most entries one sitemap may hold (sitemaps.org); more are dropped and `truncated` is set.
    public static let maxEntries = 50_000
    /// The most bytes one sitemap may hold once decompressed (50 MiB, sitemaps.org).
    public static let maxBytes = 50 * 1024 * 1024

    /// Which kind of file it was.
    public var kind: Kind
    /// The entries, in file order (entries whose `<loc>` is not an absolute http(s) URL are skipped).
    public var entries: [Entry]
    /// Whether entries beyond ``maxEntries`` were dropped.
    public var truncated: Bool

    /// Parses a sitemap file's bytes, gunzipping them first when they are gzip (`.xml.gz`).
    ///
    /// - Throws: ``CrawlError`` `.limitExceeded` past ``maxBytes`` (compressed or not), `.decoding`
    ///   for bad gzip, XML that does not parse, entity declarations or an unknown root element.
    public static func parse(_ bytes: [UInt8], url: String) throws(CrawlError) -> Sitemap {
        var data = bytes
        if Gunzip.isGzip(data) { data = try Gunzip.inflate(data, limit: maxBytes, subject: url) }
        guard data.count <= maxBytes else {
            throw CrawlError(.limitExceeded, subject: url, "the sitemap is larger than \(maxBytes) bytes")
        }
        // Sitemaps have no use for a DTD; refusing entity declarations rules out entity expansion attacks.
        if containsEntityDeclaration(data) {
            throw CrawlError(.decoding, subject: url, "the sitemap declares XML entities, which sitemaps never need")
        }
        LibXML.prepare()
        LibXML.resetError()
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
                | XML_PARSE_NOBLANKS.rawValue | XML_PARSE_COMPACT.rawValue)
        let document: xmlDocPtr? = data.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                guard let base = chars.baseAddress, chars.count > 0 else { return nil }
                return xmlReadMemory(base, Int32(chars.count), url, nil, options)
            }
        }
        guard let document else {
            throw CrawlError(.decoding, subject: url, "not well-formed XML", cause: LibXML.lastErrorMessage())
        }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else {
            throw CrawlError(.decoding, subject: url, "the XML has no root element")
        }
        let rootName = localName(root)
        guard let kind = Kind(rawValue: rootName) else {
            throw CrawlError(.decoding, subject: url, "the root element is <\(rootName)>, not <urlset> or <sitemapindex>")
        }
        let entryName = kind == .urlSet ? "url" : "sitemap"
        var entries: [Entry] = []
        var truncated = false
        var child = root.pointee.children
        while let node = child {
            child = node.pointee.next
            guard node.pointee.type == XML_ELEMENT_NODE, localName(node) == entryName else { continue }
            var loc: String?
            var lastmod: String?
            var field = node.pointee.children
            while let element = field {
                field = element.pointee.next
                guard element.pointee.type == XML_ELEMENT_NODE else { continue }
                switch localName(element) {
                case "loc": loc = LibXML.takeString(xmlNodeGetContent(element)).map(TextSteps.trim)
                case "lastmod": lastmod = LibXML.takeString(xmlNodeGetContent(element)).map(TextSteps.trim)
                default: break
                }
            }
            guard let loc, let absolute = URLResolver.resolve(loc, against: nil) else { continue }
            guard entries.count < maxEntries else { truncated = true; break }
            entries.append(Entry(url: absolute, lastModified: lastmod?.isEmpty == false ? lastmod : nil))
        }
        return Sitemap(kind: kind, entries: entries, truncated: truncated)
    }

    /// An element's name without its namespace prefix.
    private static func localName(_ node: xmlNodePtr) -> String {
        node.pointee.name.map { String(cString: $0) } ?? ""
    }

    /// Whether the bytes contain `<!ENTITY`.
    static func containsEntityDeclaration(_ bytes: [UInt8]) -> Bool {
        let needle = Array("<!ENTITY".utf8)
        guard bytes.count >= needle.count else { return false }
        var i = 0
        while i <= bytes.count - needle.count {
            if bytes[i] == 0x3C && bytes[i + 1] == 0x21 && Array(bytes[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }
}
