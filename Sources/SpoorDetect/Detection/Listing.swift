/// A marketplace listing as Spoor reads it (one JSON line of `spoor classify` input).
public struct Listing: Sendable, Hashable, Codable {
    /// The listing's id, unique within its source.
    public var id: String
    /// The title.
    public var title: String
    /// The description or body text.
    public var description: String
    /// The asking price, when given.
    public var price: Double?
    /// The price's currency (ISO 4217 or as written).
    public var currency: String?
    /// Where the listing was found.
    public var url: String?
    /// The seller's name or handle.
    public var seller: String?
    /// Where the item is, as written.
    public var location: String?
    /// A language hint (often missing or wrong; Spoor detects scripts itself).
    public var lang: String?

    /// Creates a listing.
    public init(
        id: String, title: String, description: String, price: Double? = nil, currency: String? = nil,
        url: String? = nil, seller: String? = nil, location: String? = nil, lang: String? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.price = price
        self.currency = currency
        self.url = url
        self.seller = seller
        self.location = location
        self.lang = lang
    }

    enum CodingKeys: String, CodingKey {
        case id, title, description, price, currency, url, seller, location, lang
    }

    /// Decodes a listing; `id` may be a string or a number, `price` a number or numeric text.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let text = try? c.decode(String.self, forKey: .id) {
            id = text
        } else if let number = try? c.decode(Int.self, forKey: .id) {
            id = String(number)
        } else {
            throw DecodingError.dataCorruptedError(forKey: .id, in: c, debugDescription: "'id' must be a string or a number")
        }
        title = try c.decode(String.self, forKey: .title)
        description = try c.decode(String.self, forKey: .description)
        if let number = try? c.decodeIfPresent(Double.self, forKey: .price) {
            price = number
        } else if let text = try? c.decodeIfPresent(String.self, forKey: .price) {
            price = Double(text.filter { $0.isNumber || $0 == "." })
        } else {
            price = nil
        }
        currency = try c.decodeIfPresent(String.self, forKey: .currency)
        url = try c.decodeIfPresent(String.self, forKey: .url)
        seller = try c.decodeIfPresent(String.self, forKey: .seller)
        location = try c.decodeIfPresent(String.self, forKey: .location)
        lang = try c.decodeIfPresent(String.self, forKey: .lang)
    }

    /// The text fields Spoor searches, by name.
    public var searchableFields: [(name: String, text: String)] {
        [("title", title), ("description", description)]
    }
}
