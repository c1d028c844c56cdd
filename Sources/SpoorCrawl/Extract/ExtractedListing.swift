import SpoorDetect

/// A listing as read from a page, by a site profile or from structured data.
public struct ExtractedListing: Sendable, Hashable, Codable {
    /// The listing's URL (absolute), when known.
    public var url: String?
    /// The site's id for the listing, when found.
    public var listingID: String?
    /// The title.
    public var title: String
    /// The description or body text.
    public var description: String
    /// The asking price, when given.
    public var price: Double?
    /// The currency, as an ISO 4217 code when recognised, else as written.
    public var currency: String?
    /// The seller's name or handle.
    public var seller: String?
    /// Where the item is, as written.
    public var location: String?
    /// When it was posted, as found on the page.
    public var postedAt: String?
    /// When it was last updated, as found on the page.
    public var updatedAt: String?
    /// Image URLs (absolute), in page order, without duplicates.
    public var images: [String]
    /// Where the record came from: the profile's name, `json-ld`, `microdata` or `opengraph`.
    public var source: String

    /// Creates a listing record.
    public init(
        url: String? = nil, listingID: String? = nil, title: String, description: String = "", price: Double? = nil,
        currency: String? = nil, seller: String? = nil, location: String? = nil, postedAt: String? = nil,
        updatedAt: String? = nil, images: [String] = [], source: String
    ) {
        self.url = url
        self.listingID = listingID
        self.title = title
        self.description = description
        self.price = price
        self.currency = currency
        self.seller = seller
        self.location = location
        self.postedAt = postedAt
        self.updatedAt = updatedAt
        self.images = images
        self.source = source
    }

    /// The listing as the detector reads it; the id is the listing id, else the URL, else `fallbackID`.
    public func listing(fallbackID: String = "") -> Listing {
        Listing(
            id: listingID ?? url ?? fallbackID, title: title, description: description, price: price,
            currency: currency, url: url, seller: seller, location: location)
    }
}

/// Everything extracted from one page: listings, links for the crawler and the next page.
public struct PageExtraction: Sendable, Hashable {
    /// The listings found (many on a results page, one on a detail page).
    public var listings: [ExtractedListing]
    /// Every `a[href]` on the page, absolute, deduplicated, in page order.
    public var outlinks: [String]
    /// Links the profile says are listing (detail) pages.
    public var listingLinks: [String]
    /// Links the profile says are index pages (categories, search results).
    public var indexLinks: [String]
    /// The next page of results, if any.
    public var nextPage: String?
    /// Why the parse stopped before the end of the page (a parse limit), `nil` when it read it all.
    public var parseTruncation: ParseTruncation?
    /// What could not be read, each naming the page and the reason: the rest of a page cut by the
    /// node limit, a JSON-LD block that is not JSON, nesting cut at the depth limit.
    public var problems: [CrawlError]

    /// Creates a page extraction.
    public init(
        listings: [ExtractedListing] = [], outlinks: [String] = [], listingLinks: [String] = [],
        indexLinks: [String] = [], nextPage: String? = nil, parseTruncation: ParseTruncation? = nil,
        problems: [CrawlError] = []
    ) {
        self.listings = listings
        self.outlinks = outlinks
        self.listingLinks = listingLinks
        self.indexLinks = indexLinks
        self.nextPage = nextPage
        self.parseTruncation = parseTruncation
        self.problems = problems
    }
}

/// Appends `value` to `list` unless already there.
func appendUnique(_ value: String, to list: inout [String], seen: inout Set<String>) {
    if seen.insert(value).inserted { list.append(value) }
}
