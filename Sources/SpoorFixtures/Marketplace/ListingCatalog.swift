import SpoorMatch

/// The page layouts the demo marketplace cycles through.
public enum DemoLayout: String, Sendable, Hashable, CaseIterable {
    /// A modern shop with schema.org JSON-LD.
    case jsonldShop = "jsonld-shop"
    /// An old classifieds site without structured data that needs a site profile.
    case bazaar
    /// A social feed with OpenGraph and microdata.
    case feed
    /// A Chinese/Japanese site served in GBK, GB18030 and Shift_JIS.
    case legacyGBK = "legacy-gbk"

    /// The canonical host-relative path of listing `id`.
    public func path(of id: Int) -> String {
        switch self {
        case .jsonldShop: "/listing/\(id)"
        case .bazaar: "/anzeige/\(id)"
        case .feed: "/post/\(id)"
        case .legacyGBK: "/item.asp?id=\(id)"
        }
    }

    /// The second path that serves the same listing; `handle` is the seller's handle (feed only).
    public func alternatePath(of id: Int, handle: String) -> String {
        switch self {
        case .jsonldShop: "/listing/\(id)?ref=home"
        case .bazaar: "/anzeige.php?id=\(id)"
        case .feed: "/u/\(handle)/status/\(id)"
        case .legacyGBK: "/item/\(id).html"
        }
    }

    /// Languages of the listings on this layout, with relative weights.
    var languages: [(code: String, weight: Int)] {
        switch self {
        case .jsonldShop: [("en", 5), ("es", 1), ("vi", 1), ("th", 1), ("id", 1), ("zh-Hant", 1), ("fr", 1)]
        case .bazaar: [("de", 4), ("fr", 2), ("es", 1), ("pt", 1)]
        case .feed: [("en", 2), ("id", 2), ("vi", 1), ("th", 1), ("zh-Hant", 1), ("pt", 1)]
        case .legacyGBK: [("zh-Hans", 4), ("ja", 2), ("zh-Hant", 1)]
        }
    }
}

/// One site's listings: made on demand from the seed, so 20,000 listings cost no memory until asked for.
public struct ListingCatalog: Sendable {
    /// The site name (`"jsonld-shop"`, or `"jsonld-shop-4"` for the fifth site and later).
    public let site: String
    /// The site's position in the marketplace.
    public let siteIndex: Int
    /// The layout the site renders.
    public let layout: DemoLayout
    /// How many listings the site holds (ids `1...count`).
    public let count: Int
    /// The configured base URL (`http://127.0.0.2:40123`), no trailing slash.
    public let baseURL: String
    /// The share of listings that offer wildlife, about 0.25.
    public let wildlifeShare: Double
    /// The seed of this site's listings.
    let seed: UInt64

    /// Creates a catalog.
    public init(site: String, siteIndex: Int, layout: DemoLayout, count: Int, baseURL: String,
                seed: UInt64, wildlifeShare: Double = 0.25) {
        self.site = site
        self.siteIndex = siteIndex
        self.layout = layout
        self.count = count
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.seed = seed
        self.wildlifeShare = wildlifeShare
    }

    /// All listings of the site, in id order (made on each call).
    public var listings: [DemoListing] { (0..<count).map { listing($0 + 1)! } }

    /// Whether listing `id` is live, 404 or 410: a fixed pattern, so every site with 12 or more
    /// listings has at least one of each.
    public func availability(of id: Int) -> DemoListing.Availability {
        if id % 29 == 7 { return .notFound }
        if id % 31 == 11 { return .gone }
        return .live
    }

    /// Listing `id`, or nil outside `1...count`.
    public func listing(_ id: Int) -> DemoListing? {
        guard id >= 1, id <= count else { return nil }
        var rng = SplitMix64(seed: SplitMix64.mix(seed, UInt64(id)))
        let languages = layout.languages
        var roll = rng.int(in: 0...(languages.reduce(0) { $0 + $1.weight } - 1))
        var code = languages[0].code
        for language in languages {
            if roll < language.weight { code = language.code; break }
            roll -= language.weight
        }
        let pack = LanguagePack.pack(for: code)
        let flagged = rng.unit() < wildlifeShare
        let template = rng.pick(flagged ? pack.wildlife : pack.innocent)
        var values: [String: String] = [:]
        for (index, slot) in template.slots.enumerated() {
            values[String(index)] = rng.pick(slot)
        }
        values["n"] = String(rng.int(in: 2...9))
        values["m"] = String(rng.int(in: 12...96))
        values["city"] = rng.pick(pack.cities)
        let handle = rng.pick(LanguagePack.handles) + String(rng.int(in: 10...99))
        values["handle"] = handle
        values["phone"] = "\(rng.int(in: 100...999)) \(rng.int(in: 1000...9999))"
        values["qq"] = String(rng.int(in: 10_000_000...999_999_999))
        values["contact"] = Self.fill(rng.pick(pack.contacts), values)
        values["discreet"] = rng.pick(pack.discreet)
        let seller = rng.pick(pack.sellers)
        let usd = rng.int(in: template.usd)
        let days = rng.int(in: 0...420)
        let availability = availability(of: id)
        return DemoListing(
            site: site, siteIndex: siteIndex, id: id,
            path: layout.path(of: id), alternatePath: layout.alternatePath(of: id, handle: handle),
            baseURL: baseURL, language: code, category: template.category, expectFlag: template.flag,
            availability: availability,
            title: Self.fill(template.title, values), description: Self.fill(template.body, values),
            price: Self.roundPrice(Double(usd) * pack.usdRate), currency: pack.currency,
            seller: seller, handle: handle, location: values["city"]!,
            posted: Self.date(daysAfter2025: days), imagePath: "/img/\(id).gif",
            sku: "\(layout.rawValue.prefix(2).uppercased())-\(siteIndex)-\(String(id + 100_000).dropFirst())")
    }

    /// Replaces `{name}` placeholders with their values; unknown names stay as they are.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            out += values[name] ?? "{\(name)}"
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// A price rounded the way people write them: two significant digits above 1,000, whole units below.
    static func roundPrice(_ value: Double) -> Int {
        var magnitude = 1.0
        while value / magnitude >= 100, value >= 1000 { magnitude *= 10 }
        let rounded = Int((value / magnitude).rounded()) * Int(magnitude)
        return max(rounded, 1)
    }

    /// The date `days` after 2025-01-01 as `yyyy-mm-dd` (proleptic Gregorian, no clock involved).
    static func date(daysAfter2025 days: Int) -> String {
        // Howard Hinnant's civil_from_days; 20089 is the day number of 2025-01-01 since 1970-01-01.
        let z = days + 20089 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))"
    }
}
