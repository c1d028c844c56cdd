/// One listing of the demo marketplace with its ground truth (never rendered into the HTML).
public struct DemoListing: Sendable, Hashable {
    /// Whether the listing page still exists.
    public enum Availability: String, Sendable, Hashable {
        /// The page answers 200.
        case live
        /// Deleted: the page answers 404 but index pages still link it.
        case notFound
        /// Deleted: the page answers 410 Gone but index pages still link it.
        case gone
    }

    /// The name of the site that holds the listing (`"bazaar"`).
    public let site: String
    /// The site's position in `DemoMarketplace.sites`.
    public let siteIndex: Int
    /// The listing number on its site, from 1.
    public let id: Int
    /// The canonical host-relative URL of the listing page (`/listing/12`).
    public let path: String
    /// A second host-relative URL that serves the same listing (`/listing/12?ref=home`).
    public let alternatePath: String
    /// The site's base URL (`http://127.0.0.2:40123`), no trailing slash.
    public let baseURL: String
    /// The language of the listing text, a BCP 47 tag (`en`, `zh-Hans`, `ja`).
    public let language: String
    /// What the listing offers (`ivory`, `rhino-horn`, `eyewear`, ...).
    public let category: String
    /// Ground truth: true when the listing offers wildlife and a scan should flag it.
    public let expectFlag: Bool
    /// Whether the page is live, 404 or 410.
    public let availability: Availability
    /// The listing title.
    public let title: String
    /// The listing description.
    public let description: String
    /// The asking price in whole units of `currency`.
    public let price: Int
    /// The ISO 4217 currency code (`EUR`).
    public let currency: String
    /// The seller's display name.
    public let seller: String
    /// The seller's social handle, without `@`.
    public let handle: String
    /// The seller's town.
    public let location: String
    /// The posting date, `yyyy-mm-dd`.
    public let posted: String
    /// The host-relative URL of the listing photo.
    public let imagePath: String
    /// The stock-keeping unit shown by the shop layout.
    public let sku: String

    /// The canonical absolute URL.
    public var url: String { baseURL + path }
    /// The absolute URL of the alternate path.
    public var alternateURL: String { baseURL + alternatePath }
}
