import SpoorMatch

/// The demo marketplace: several sites with different layouts over generated listings with ground truth.
///
/// ```swift
/// let market = DemoMarketplace()                                   // 4 sites × 90 listings
/// let bench = DemoMarketplace(listingsPerSite: 1000, sites: 20)    // 20,000 listing pages
/// for site in market.sites { server.serve(site, on: ...) }
/// let truth = market.listings.filter { $0.availability == .live }  // expectFlag, language, category
/// ```
///
/// Site `k` uses layout `DemoLayout.allCases[k % 4]` (`jsonld-shop`, `bazaar`, `feed`, `legacy-gbk`) and is
/// named after it, with `-k` appended from the fifth site on. Pages are made on request, so even the
/// benchmark configuration holds no HTML in memory.
public struct DemoMarketplace: Sendable {
    /// Listings per site in the default demo (4 sites, 360 listings).
    public static let defaultListingsPerSite = 90
    /// The default seed.
    public static let defaultSeed: UInt64 = 0x5B00_0009

    /// One catalog per site, in site order.
    public let catalogs: [ListingCatalog]
    /// The sites, in the same order as `catalogs`.
    public let sites: [any FixtureSite]

    /// The default base URL of site `index`: `http://127.0.0.<index + 2>` (no port; give real ones
    /// with `baseURL:` or let the request's `Host` header supply them).
    public static func defaultBaseURL(_ index: Int) -> String {
        "http://127.0.0.\(index + 2)"
    }

    /// Creates the marketplace.
    /// - Parameters:
    ///   - listingsPerSite: listings on each site (ids `1...listingsPerSite`).
    ///   - sites: how many sites; layouts cycle through `DemoLayout.allCases`.
    ///   - seed: changes every generated listing.
    ///   - crawlDelay: the `Crawl-delay` bazaar sites put in robots.txt, nil for none.
    ///   - baseURL: the base URL of site `index` (`http://127.0.0.2:40123`).
    public init(listingsPerSite: Int = DemoMarketplace.defaultListingsPerSite, sites: Int = 4,
                seed: UInt64 = DemoMarketplace.defaultSeed, crawlDelay: Double? = 1,
                baseURL: (Int) -> String = DemoMarketplace.defaultBaseURL) {
        precondition(listingsPerSite >= 0 && sites >= 0, "counts must not be negative")
        var catalogs: [ListingCatalog] = []
        var built: [any FixtureSite] = []
        for index in 0..<sites {
            let layout = DemoLayout.allCases[index % DemoLayout.allCases.count]
            let name = index < DemoLayout.allCases.count ? layout.rawValue : "\(layout.rawValue)-\(index)"
            let catalog = ListingCatalog(site: name, siteIndex: index, layout: layout, count: listingsPerSite,
                                         baseURL: baseURL(index), seed: SplitMix64.mix(seed, UInt64(index)))
            catalogs.append(catalog)
            switch layout {
            case .jsonldShop: built.append(JSONLDShop(catalog: catalog))
            case .bazaar: built.append(Bazaar(catalog: catalog, crawlDelay: crawlDelay))
            case .feed: built.append(Feed(catalog: catalog))
            case .legacyGBK: built.append(LegacyGBKSite(catalog: catalog))
            }
        }
        self.catalogs = catalogs
        self.sites = built
    }

    /// Every listing of every site with its ground truth, site by site (made on each call).
    public var listings: [DemoListing] { catalogs.flatMap(\.listings) }

    /// The site with a name, if any.
    public func site(named name: String) -> (any FixtureSite)? {
        sites.first { $0.name == name }
    }

    /// The catalog of the site with a name, if any.
    public func catalog(named name: String) -> ListingCatalog? {
        catalogs.first { $0.site == name }
    }
}
