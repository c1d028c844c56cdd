import Foundation

/// How a seller can be reached, as a listing gives it.
public enum ContactKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A phone number, in E.164 (`+84901234567`) where the country is known.
    case phone
    /// An e-mail address, lowercased.
    case email
    /// A WhatsApp number or link, normalised like a phone number.
    case whatsapp
    /// A WeChat id.
    case wechat
    /// A Telegram handle, without `@`, lowercased.
    case telegram
    /// A LINE id.
    case line
    /// A Zalo number or id.
    case zalo
}

/// A contact found on a listing. The store keeps values as given: the pipeline normalises them
/// (E.164, lowercase handles) so that equal contacts are equal strings.
public struct ListingContact: Sendable, Hashable, Codable {
    /// The listing's row id.
    public var listingID: Int64
    /// The kind of contact.
    public var kind: ContactKind
    /// The normalised value.
    public var value: String
    /// When it was first seen on this listing.
    public var seenAt: Date

    /// Creates a contact.
    public init(listingID: Int64, kind: ContactKind, value: String, seenAt: Date) {
        self.listingID = listingID
        self.kind = kind
        self.value = value
        self.seenAt = seenAt
    }

    enum CodingKeys: String, CodingKey {
        case kind, value
        case listingID = "listing_id"
        case seenAt = "seen_at"
    }
}

/// An image of a listing, by URL and, once fetched, by the SHA-256 of its bytes.
public struct ListingImage: Sendable, Hashable, Codable {
    /// The listing's row id.
    public var listingID: Int64
    /// The image URL (absolute).
    public var url: String
    /// SHA-256 hex of the image bytes, if fetched: the same photo under two URLs matches here.
    public var digest: String?
    /// When it was first seen on this listing.
    public var seenAt: Date

    /// Creates an image.
    public init(listingID: Int64, url: String, digest: String? = nil, seenAt: Date) {
        self.listingID = listingID
        self.url = url
        self.digest = digest
        self.seenAt = seenAt
    }

    enum CodingKeys: String, CodingKey {
        case url, digest
        case listingID = "listing_id"
        case seenAt = "seen_at"
    }
}

/// Another listing linked to a given one, and what links them.
public struct RelatedListing: Sendable, Hashable, Codable {
    /// What two listings share.
    public enum Link: String, Sendable, Hashable, Codable, CaseIterable {
        /// The same seller on the same site.
        case seller
        /// A contact of the same kind and value.
        case contact
        /// An image with the same URL or the same digest.
        case image
    }

    /// The other listing's row id.
    public var listingID: Int64
    /// What links them.
    public var link: Link
    /// The kind of contact, for a contact link.
    public var contactKind: ContactKind?
    /// The shared value: the seller, the contact, the image URL or digest.
    public var value: String

    /// Creates a related listing.
    public init(listingID: Int64, link: Link, contactKind: ContactKind? = nil, value: String) {
        self.listingID = listingID
        self.link = link
        self.contactKind = contactKind
        self.value = value
    }

    enum CodingKeys: String, CodingKey {
        case link, value
        case listingID = "listing_id"
        case contactKind = "contact_kind"
    }
}
