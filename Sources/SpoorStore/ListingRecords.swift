import Foundation

/// A listing's identity: its site and the site's own listing id, else its canonical URL.
/// Two observations with the same identity are the same listing.
public struct ListingKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The site (a profile name or host).
    public var site: String
    /// The site's own id for the listing, when the page gives one.
    public var listingID: String?
    /// The canonical URL, the identity when there is no listing id.
    public var canonicalURL: String

    /// Creates an identity.
    public init(site: String, listingID: String?, canonicalURL: String) {
        self.site = site
        self.listingID = listingID.flatMap { $0.isEmpty ? nil : $0 }
        self.canonicalURL = canonicalURL
    }

    /// The stored key: `id:<site>:<listing id>` when there is a listing id, else `url:<canonical URL>`.
    public var key: String {
        if let listingID { return "id:\(site):\(listingID)" }
        return "url:\(canonicalURL)"
    }

    /// The stored key.
    public var description: String { key }

    enum CodingKeys: String, CodingKey {
        case site
        case listingID = "listing_id"
        case canonicalURL = "canonical_url"
    }
}

/// A listing as seen on one page at one time: what `upsertListings` takes.
public struct ListingObservation: Sendable, Hashable, Codable {
    /// Who the listing is.
    public var identity: ListingKey
    /// The URL it was seen at (may differ from the canonical URL).
    public var url: String
    /// The title, for lists.
    public var title: String
    /// SHA-256 hex of the listing's content (title, text, price, seller...): a new version is
    /// stored only when this changes.
    public var contentHash: String
    /// The price as shown, if any.
    public var price: String?
    /// The currency, if known.
    public var currency: String?
    /// The listing record as JSON text (the pipeline's one record shape).
    public var recordJSON: String
    /// When it was seen.
    public var seenAt: Date
    /// The scan that saw it, if a scan did (an ingest may not).
    public var scanID: Int64?
    /// The seller's name or id on the site, if the page gives one (listings of one seller are
    /// related).
    public var seller: String?

    /// Creates an observation.
    public init(
        identity: ListingKey, url: String, title: String, contentHash: String, price: String? = nil,
        currency: String? = nil, recordJSON: String = "{}", seenAt: Date, scanID: Int64? = nil, seller: String? = nil
    ) {
        self.identity = identity
        self.url = url
        self.title = title
        self.contentHash = contentHash
        self.price = price
        self.currency = currency
        self.recordJSON = recordJSON
        self.seenAt = seenAt
        self.scanID = scanID
        self.seller = seller
    }

    enum CodingKeys: String, CodingKey {
        case identity, url, title, price, currency, seller
        case contentHash = "content_hash"
        case recordJSON = "record_json"
        case seenAt = "seen_at"
        case scanID = "scan_id"
    }
}

/// What one upsert did to one listing.
public struct ListingUpsert: Sendable, Hashable, Codable {
    /// The listing's row id.
    public var listingID: Int64
    /// Its identity key.
    public var key: String
    /// The listing was new to the store.
    public var isNew: Bool
    /// The content changed (or the listing is new): a version row was added.
    public var versionAdded: Bool
    /// The current version number (1 for the first).
    public var version: Int
    /// The listing had been marked gone (or never seen) and a new sighting was opened.
    public var sightingOpened: Bool

    /// Creates an upsert result.
    public init(listingID: Int64, key: String, isNew: Bool, versionAdded: Bool, version: Int, sightingOpened: Bool) {
        self.listingID = listingID
        self.key = key
        self.isNew = isNew
        self.versionAdded = versionAdded
        self.version = version
        self.sightingOpened = sightingOpened
    }

    enum CodingKeys: String, CodingKey {
        case key, version
        case listingID = "listing_id"
        case isNew = "is_new"
        case versionAdded = "version_added"
        case sightingOpened = "sighting_opened"
    }
}

/// A listing as stored, with its latest content.
public struct StoredListing: Sendable, Hashable, Codable, Identifiable {
    /// The row id.
    public var id: Int64
    /// Its identity.
    public var identity: ListingKey
    /// The URL it was last seen at.
    public var url: String
    /// The latest title.
    public var title: String
    /// The latest content hash.
    public var contentHash: String
    /// The latest version number.
    public var version: Int
    /// When it was first seen.
    public var firstSeen: Date
    /// When it was last seen.
    public var lastSeen: Date
    /// When it was marked gone, if it is gone now.
    public var goneAt: Date?
    /// The seller, as last seen.
    public var seller: String?

    /// Creates a stored listing.
    public init(
        id: Int64, identity: ListingKey, url: String, title: String, contentHash: String, version: Int,
        firstSeen: Date, lastSeen: Date, goneAt: Date?, seller: String? = nil
    ) {
        self.id = id
        self.identity = identity
        self.url = url
        self.title = title
        self.contentHash = contentHash
        self.version = version
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.goneAt = goneAt
        self.seller = seller
    }

    enum CodingKeys: String, CodingKey {
        case id, identity, url, title, version, seller
        case contentHash = "content_hash"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case goneAt = "gone_at"
    }
}

/// One version of a listing's content.
public struct ListingVersion: Sendable, Hashable, Codable {
    /// The listing's row id.
    public var listingID: Int64
    /// 1 for the first content seen, then one more at every change.
    public var version: Int
    /// The content hash.
    public var contentHash: String
    /// The title.
    public var title: String
    /// The price, if any.
    public var price: String?
    /// The currency, if known.
    public var currency: String?
    /// The listing record as JSON text.
    public var recordJSON: String
    /// When this content was first seen.
    public var seenAt: Date
    /// The scan that saw it first, if any.
    public var scanID: Int64?

    /// Creates a version.
    public init(
        listingID: Int64, version: Int, contentHash: String, title: String, price: String?, currency: String?,
        recordJSON: String, seenAt: Date, scanID: Int64?
    ) {
        self.listingID = listingID
        self.version = version
        self.contentHash = contentHash
        self.title = title
        self.price = price
        self.currency = currency
        self.recordJSON = recordJSON
        self.seenAt = seenAt
        self.scanID = scanID
    }

    enum CodingKeys: String, CodingKey {
        case version, title, price, currency
        case listingID = "listing_id"
        case contentHash = "content_hash"
        case recordJSON = "record_json"
        case seenAt = "seen_at"
        case scanID = "scan_id"
    }
}

/// Why a listing is taken to be gone: the proof of a takedown.
public enum GoneCause: String, Sendable, Hashable, Codable, CaseIterable {
    /// Its page answered 404 Not Found.
    case notFound = "http-404"
    /// Its page answered 410 Gone.
    case goneStatus = "http-410"
    /// Its page now says the listing was removed.
    case removedPage = "removed-page"
    /// It is no longer in the index or search results that listed it.
    case vanishedFromIndex = "vanished-from-index"
}

/// A sighting: a stretch of time over which a listing was seen, closed when it went.
public struct ListingSighting: Sendable, Hashable, Codable {
    /// The listing's row id.
    public var listingID: Int64
    /// When this stretch began.
    public var firstSeen: Date
    /// When the listing was last seen in it.
    public var lastSeen: Date
    /// How many times it was seen in it.
    public var timesSeen: Int
    /// When the listing was found gone, closing the stretch.
    public var goneAt: Date?
    /// Why it is taken to be gone.
    public var goneCause: GoneCause?
    /// The scan that last saw it.
    public var lastScanID: Int64?

    /// Creates a sighting.
    public init(
        listingID: Int64, firstSeen: Date, lastSeen: Date, timesSeen: Int, goneAt: Date?, goneCause: GoneCause?,
        lastScanID: Int64?
    ) {
        self.listingID = listingID
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.timesSeen = timesSeen
        self.goneAt = goneAt
        self.goneCause = goneCause
        self.lastScanID = lastScanID
    }

    enum CodingKeys: String, CodingKey {
        case listingID = "listing_id"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case timesSeen = "times_seen"
        case goneAt = "gone_at"
        case goneCause = "gone_cause"
        case lastScanID = "last_scan_id"
    }
}

/// A listing found gone.
public struct GoneMark: Sendable, Hashable, Codable {
    /// Who went.
    public var identity: ListingKey
    /// When it was found gone.
    public var at: Date
    /// Why it is taken to be gone.
    public var cause: GoneCause
    /// The scan that found it gone, if any.
    public var scanID: Int64?

    /// Creates a mark.
    public init(identity: ListingKey, at: Date, cause: GoneCause, scanID: Int64? = nil) {
        self.identity = identity
        self.at = at
        self.cause = cause
        self.scanID = scanID
    }

    enum CodingKeys: String, CodingKey {
        case identity, at, cause
        case scanID = "scan_id"
    }
}
