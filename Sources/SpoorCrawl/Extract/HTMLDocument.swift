import CLibXML2

/// A parsed HTML page: owns libxml2's `htmlDocPtr` and frees it on deinit.
///
/// Parsing never fails: libxml2's HTML parser recovers from broken markup (unclosed tags,
/// stray `</div>`, bad nesting) and caps tree depth, so hostile pages give a best-effort tree.
/// The input is always UTF-8 text (the fetcher decodes) and the page's URL is the base for
/// relative links (a `<base href>` in the page overrides it). Not `Sendable`: use it on one thread.
public final class HTMLDocument {
    /// The libxml2 document; never nil (an empty page parses to an empty document).
    let pointer: htmlDocPtr
    /// The page's own URL, as given.
    public let url: String?
    /// The base URL for resolving relative links: `<base href>` resolved against `url`, else `url`.
    public private(set) var baseURL: String?

    /// The parser options: recover, no error output, no network, compact text nodes.
    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Parses `html` (UTF-8 text), with `url` as the base for relative links.
    public init(html: String, url: String? = nil) {
        LibXML.prepare()
        var text = html
        let parsed: htmlDocPtr? = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                // An empty page has no buffer; it becomes an empty document below.
                guard let base = chars.baseAddress, chars.count > 0 else { return nil }
                return htmlReadMemory(base, Int32(clamping: chars.count), url, "UTF-8", Self.options)
            }
        }
        // An empty or whitespace-only input can give NULL: stand in an empty document.
        self.pointer = parsed ?? htmlNewDocNoDtD(nil as UnsafePointer<xmlChar>?, nil as UnsafePointer<xmlChar>?)
        self.url = url
        self.baseURL = url
        if let href = try? firstString(xpath: "string(//base[@href][1]/@href)"), !href.isEmpty {
            self.baseURL = URLResolver.resolve(href, against: url) ?? url
        }
    }

    deinit { xmlFreeDoc(pointer) }

    /// Parses `html` and runs `body` with the document, freeing it as soon as `body` returns.
    public static func withParsed<R>(html: String, url: String? = nil, _ body: (HTMLDocument) throws -> R) rethrows -> R {
        let document = HTMLDocument(html: html, url: url)
        return try withExtendedLifetime(document) { try body(document) }
    }

    /// The document node, the context for absolute XPath expressions.
    public var root: HTMLNode { HTMLNode(document: self, pointer: UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: xmlNode.self)) }

    /// The page's `<title>` text, whitespace-collapsed, or nil.
    public var title: String? {
        guard let text = try? firstString(xpath: "string((//title)[1])") else { return nil }
        let collapsed = TextSteps.collapse(text)
        return collapsed.isEmpty ? nil : collapsed
    }

    /// `href` resolved against the page's base URL (nil for javascript:, mailto:, fragments and junk).
    public func absoluteURL(_ href: String) -> String? { URLResolver.resolve(href, against: baseURL) }
}

