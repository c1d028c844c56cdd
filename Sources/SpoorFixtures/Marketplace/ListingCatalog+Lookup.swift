extension ListingCatalog {
    /// The listing a request target serves (canonical or alternate path, any query), or nil
    /// when the target is not a listing page of this site.
    public func listing(forTarget target: String) -> DemoListing? {
        let path = target.prefix { $0 != "?" }
        let query = SiteSupport.query(target)
        switch layout {
        case .jsonldShop:
            guard path.hasPrefix("/listing/") else { return nil }
            return SiteSupport.positiveInt(path.dropFirst("/listing/".count)).flatMap(listing)
        case .bazaar:
            if path == "/anzeige.php" { return SiteSupport.positiveInt(query["id"].map { Substring($0) }).flatMap(listing) }
            // `/anzeige/12` and `/anzeige/12-any-slug` are the same ad.
            guard path.hasPrefix("/anzeige/") else { return nil }
            return SiteSupport.positiveInt(path.dropFirst("/anzeige/".count).prefix { $0 != "-" }).flatMap(listing)
        case .feed:
            if path.hasPrefix("/post/") { return SiteSupport.positiveInt(path.dropFirst("/post/".count)).flatMap(listing) }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 5, parts[1] == "u", parts[3] == "status",
                  let found = SiteSupport.positiveInt(parts[4]).flatMap(listing), parts[2] == found.handle else { return nil }
            return found
        case .legacyGBK:
            if path == "/item.asp" { return SiteSupport.positiveInt(query["id"].map { Substring($0) }).flatMap(listing) }
            guard path.hasPrefix("/item/"), path.hasSuffix(".html") else { return nil }
            return SiteSupport.positiveInt(path.dropFirst("/item/".count).dropLast(".html".count)).flatMap(listing)
        }
    }
}

extension DemoMarketplace {
    /// The listing an absolute URL points at (canonical or alternate), matched on the sites'
    /// configured base URLs; nil for other URLs.
    public func listing(forURL url: String) -> DemoListing? {
        for catalog in catalogs where url.hasPrefix(catalog.baseURL) {
            let rest = url.dropFirst(catalog.baseURL.count)
            guard rest.hasPrefix("/") else { continue }
            if let listing = catalog.listing(forTarget: String(rest)) { return listing }
        }
        return nil
    }
}
