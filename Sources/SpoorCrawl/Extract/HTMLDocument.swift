#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2

/// A parsed HTML page: owns libxml2's `htmlDocPtr` and frees it on deinit.
///
/// Parsing never fails: libxml2's HTML parser recovers from broken markup (unclosed tags,
/// stray `</div>`, bad nesting), so hostile pages give a best-effort tree. What a parse may build
/// is bounded by ``ParseLimits``: past the node limit the tree stops where the parse stopped
/// (``truncation`` says so), and nesting deeper than the depth limit is cut while what follows
/// it is still read. NUL characters, which end libxml2's parse, are read as U+FFFD.
/// The input is always UTF-8 text (the fetcher decodes) and the page's URL is the base for
/// relative links (a `<base href>` in the page overrides it). Not `Sendable`: use it on one thread.
public final class HTMLDocument {
    /// The libxml2 document; never nil (an empty page parses to an empty document).
    let pointer: htmlDocPtr
    /// The page's own URL, as given.
    public let url: String?
    /// The base URL for resolving relative links: `<base href>` resolved against `url`, else `url`.
    public private(set) var baseURL: String?
    /// Why the parse stopped before the end of the page, `nil` when it read it all.
    public let truncation: ParseTruncation?
    /// Nodes the parse built (elements, attributes, text runs, comments).
    public let nodeCount: Int
    /// Elements nested deeper than the depth limit, left out or attached side by side.
    public let nestingCut: Int
    /// The limits the page was parsed under.
    public let limits: ParseLimits

    /// The parser options: recover, no error output, no network, compact text nodes.
    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// Parses `html` (UTF-8 text) under `limits`, with `url` as the base for relative links.
    public init(html: String, url: String? = nil, limits: ParseLimits = .standard) {
        LibXML.prepare()
        // libxml2 reads a NUL as the end of the page: a page with one is read with U+FFFD instead
        // (a slow path only such pages take).
        var text = Self.containsNUL(html) ? Self.replacingNULs(html) : html
        let parser = LimitedHTMLParser(limits: limits)
        let parsed: htmlDocPtr? = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                // An empty page has no buffer; it becomes an empty document below.
                parser.parse(chars, url: url, options: Self.options)
            }
        }
        // An empty or whitespace-only input can give NULL: stand in an empty document.
        self.pointer = parsed ?? htmlNewDocNoDtD(nil as UnsafePointer<xmlChar>?, nil as UnsafePointer<xmlChar>?)
        self.url = url
        self.baseURL = url
        self.truncation = parser.truncation
        self.nodeCount = parser.nodes
        self.nestingCut = parser.nestingCut
        self.limits = parser.limits
        if let href = try? firstString(xpath: "string(//base[@href][1]/@href)"), !href.isEmpty {
            self.baseURL = URLResolver.resolve(href, against: url) ?? url
        }
    }

    /// What the parse left out, as problems to report with the page: the rest of a page cut by the
    /// node limit, nesting cut at the depth limit. Empty for an ordinary page.
    public var parseProblems: [CrawlError] {
        var problems: [CrawlError] = []
        let subject = url ?? "(page)"
        if truncation == .nodes {
            problems.append(CrawlError(
                .limitExceeded, subject: subject,
                "parse stopped at \(limits.maxNodes) nodes: the rest of the page was not read",
                cause: "parse-truncated: nodes"))
        }
        if nestingCut > 0 {
            problems.append(CrawlError(
                .extraction, subject: subject,
                "\(nestingCut) elements nested deeper than \(limits.maxDepth) were flattened or left out (their text is kept)"))
        }
        return problems
    }

    /// Whether `text` holds a NUL character.
    static func containsNUL(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { buffer in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return false }
            return memchr(base, 0, buffer.count) != nil
        }
    }

    /// `text` with each run of NULs replaced by one U+FFFD (one per run, so that a page of zeros
    /// does not triple in size).
    static func replacingNULs(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        var inRun = false
        for byte in text.utf8 {
            if byte == 0 {
                if !inRun { out += [0xEF, 0xBF, 0xBD] }
                inRun = true
            } else {
                out.append(byte)
                inRun = false
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    deinit {
        xmlFreeDoc(pointer)
        // A big tree is tens of megabytes of small blocks that glibc keeps in the parsing
        // thread's arena; with several threads parsing, each arena keeps its own high-water mark.
        // Give them back after a big page (a slow path: ordinary pages are far below this).
        if nodeCount >= Self.trimAfterNodes { spoor_xml_release_free_memory() }
    }

    /// Trees at least this big give their memory back to the system when freed (glibc).
    static let trimAfterNodes = 100_000

    /// Parses `html` and runs `body` with the document, freeing it as soon as `body` returns.
    public static func withParsed<R>(
        html: String, url: String? = nil, limits: ParseLimits = .standard, _ body: (HTMLDocument) throws -> R
    ) rethrows -> R {
        let document = HTMLDocument(html: html, url: url, limits: limits)
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

