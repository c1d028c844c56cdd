/// How to read one marketplace: where to start, how to search, which links lead where, and
/// which parts of a page are a listing's title, price and so on. Loaded from `sites/*.yaml`
/// (see `sites/README.md`) by ``SiteProfile/load(file:)``; every selector is checked at load.
public struct SiteProfile: Sendable, Hashable {
    /// The profile's name (the `source` of the listings it extracts).
    public var name: String
    /// The file it was loaded from.
    public var file: String
    /// Pages to start crawling from.
    public var startURLs: [String]
    /// Search URL templates, each with a `{term}` placeholder.
    public var searches: [SearchTemplate]
    /// Links to listing (detail) pages.
    public var listingLinks: LinkRule?
    /// Links to index pages (categories, more results).
    public var indexLinks: LinkRule?
    /// The next page of results (one value, resolved to an absolute URL).
    public var nextPage: FieldRule?
    /// How to read many listings from a results page.
    public var results: ResultsRule?
    /// How to read one listing from a detail page.
    public var detail: DetailRule?
    /// Per-site politeness overrides.
    public var politeness: Politeness

    /// The listing fields a profile may fill.
    public enum Field: String, Sendable, Hashable, CaseIterable {
        /// The title (required).
        case title
        /// The description or body.
        case description
        /// The price (parsed as a number).
        case price
        /// The currency.
        case currency
        /// The seller.
        case seller
        /// The location.
        case location
        /// When it was posted.
        case posted
        /// When it was updated.
        case updated
        /// Image URLs (all values kept).
        case images
        /// The site's listing id.
        case id
        /// The listing's URL.
        case url
    }

    /// A search URL template for one language.
    public struct SearchTemplate: Sendable, Hashable {
        /// The language of the terms to fill in (nil: any).
        public var lang: String?
        /// The URL with a `{term}` placeholder.
        public var template: String

        /// The template with `{term}` replaced by `term`, percent-encoded for a query component.
        public func url(for term: String) -> String {
            template.replacingOccurrences(of: "{term}", with: SiteProfile.encodeQueryComponent(term))
        }
    }

    /// Which links are of a kind: those a selector finds and/or whose URL matches a pattern.
    public struct LinkRule: Sendable, Hashable {
        /// XPath selecting link nodes (their `href`, or the selected attribute/text), or nil for all `a[href]`.
        public var xpath: String?
        /// Regular expressions (ICU syntax) of which one must match the absolute URL; empty: no filter.
        public var urlPatterns: [String]
    }

    /// One value read from a page: the nodes an XPath selects, then clean-up steps.
    public struct FieldRule: Sendable, Hashable {
        /// The XPath (a CSS selector is translated at load), relative to the item node for results.
        public var xpath: String
        /// The selector as written, for messages.
        public var written: String
        /// Read this attribute of each selected element instead of its text.
        public var attribute: String?
        /// Clean-up steps, in order.
        public var steps: [Step]
    }

    /// A post-processing step applied to each value of a field.
    public enum Step: Sendable, Hashable {
        /// Trim leading and trailing whitespace.
        case trim
        /// Collapse whitespace runs to one space and trim.
        case collapse
        /// Keep the first capture group (or the whole match) of a pattern; values that do not match are dropped.
        case regex(String)
        /// Parse the first number, reading `.`/`,` by locale (or with the given decimal mark).
        case number(decimalMark: Character?)
        /// Read the currency code or symbol in the text.
        case currency
        /// Resolve the value as a URL against the page's base URL.
        case absoluteURL
        /// Join all values with a separator into one.
        case join(String)
        /// Take the page's URL and set this query parameter to the value (pagination by offset).
        case setQuery(String)
        /// Put the value into a template's `{value}` placeholder.
        case template(String)
        /// Keep only the first value.
        case first
    }

    /// Many listings on one page: each `item` node, with fields relative to it.
    public struct ResultsRule: Sendable, Hashable {
        /// XPath of the repeated item node.
        public var item: String
        /// Fields read relative to each item (`title` required).
        public var fields: [Field: FieldRule]
    }

    /// One listing on a detail page, with fields over the whole document.
    public struct DetailRule: Sendable, Hashable {
        /// Regular expressions of which one must match the page URL for it to count as a detail page; empty: any.
        public var urlPatterns: [String]
        /// Fields read from the whole page (`title` required).
        public var fields: [Field: FieldRule]
    }

    /// Politeness overrides for the site (nil: the crawler's defaults).
    public struct Politeness: Sendable, Hashable {
        /// Seconds between requests to the site.
        public var delay: Double?
        /// Requests in flight to the site at once.
        public var concurrency: Int?
        /// The most pages to fetch from the site in one crawl.
        public var pageBudget: Int?

        /// Creates overrides; nil leaves the crawler's default.
        public init(delay: Double? = nil, concurrency: Int? = nil, pageBudget: Int? = nil) {
            self.delay = delay
            self.concurrency = concurrency
            self.pageBudget = pageBudget
        }
    }

    /// `term` percent-encoded for a URL query component (spaces as `%20`, UTF-8 bytes encoded).
    public static func encodeQueryComponent(_ term: String) -> String {
        var out = ""
        for byte in term.utf8 {
            let c = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (c.isLetter || c.isNumber || "-._~".contains(c)) {
                out.append(c)
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
    }

    /// The search URLs for `terms` (per language: templates without a language take every term).
    public func searchURLs(terms: [(term: String, lang: String?)]) -> [String] {
        var out: [String] = []
        var seen: Set<String> = []
        for search in searches {
            for (term, lang) in terms where search.lang == nil || lang == nil || search.lang == lang {
                appendUnique(search.url(for: term), to: &out, seen: &seen)
            }
        }
        return out
    }
}

extension String {
    /// The string padded on the left with zeros to `width`.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
