import Foundation

extension StructuredData {
    /// The products in the page's `<script type="application/ld+json">` blocks: top-level objects,
    /// arrays, `@graph`, `ItemList.itemListElement` (with `ListItem.item`) and `Offer.itemOffered`,
    /// with `Offer`/`AggregateOffer` prices. Blocks that are not valid JSON are skipped.
    public static func jsonLD(in document: HTMLDocument) -> [ExtractedListing] {
        let scripts = (try? document.nodes(xpath:
            "//script[translate(normalize-space(@type), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') = 'application/ld+json']")) ?? []
        var out: [ExtractedListing] = []
        for script in scripts {
            let text = script.text
            guard let data = text.data(using: .utf8),
                let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            else { continue }
            var walker = JSONLDWalker(document: document)
            walker.visit(json, depth: 0)
            out += walker.listings
        }
        return out
    }
}

/// Walks a JSON-LD value collecting products.
struct JSONLDWalker {
    let document: HTMLDocument
    var listings: [ExtractedListing] = []
    /// Nesting beyond this is ignored (hostile pages).
    static let maxDepth = 32

    mutating func visit(_ value: Any, depth: Int) {
        guard depth < Self.maxDepth else { return }
        if let array = value as? [Any] {
            for item in array { visit(item, depth: depth + 1) }
            return
        }
        guard let object = value as? [String: Any] else { return }
        let types = Self.types(object)
        if types.contains(where: StructuredData.isProductType) {
            if let listing = product(object, offer: nil) { listings.append(listing) }
            return
        }
        if types.contains("Offer") || types.contains("AggregateOffer"), let item = object["itemOffered"] as? [String: Any] {
            if let listing = product(item, offer: object) { listings.append(listing) }
            return
        }
        for key in ["@graph", "itemListElement", "item", "mainEntity"] {
            if let inner = object[key] { visit(inner, depth: depth + 1) }
        }
    }

    static func types(_ object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type] }
        return (object["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    /// A listing from a Product object (with an offer given from outside, or its own `offers`).
    func product(_ object: [String: Any], offer outer: [String: Any]?) -> ExtractedListing? {
        guard let title = Self.text(object["name"]).map(TextSteps.collapse), !title.isEmpty else { return nil }
        let offer = outer ?? Self.firstObject(object["offers"])
        var price: Double?
        var currency: String?
        var seller: String?
        var location: String?
        if let offer {
            let spec = Self.firstObject(offer["priceSpecification"])
            price = Self.number(offer["price"]) ?? Self.number(offer["lowPrice"]) ?? spec.flatMap { Self.number($0["price"]) }
            currency = Self.text(offer["priceCurrency"]) ?? spec.flatMap { Self.text($0["priceCurrency"]) }
            seller = Self.name(offer["seller"])
            location = Self.place(offer["availableAtOrFrom"]) ?? Self.place(offer["areaServed"])
        }
        let url = (Self.text(object["url"]) ?? Self.text(offer?["url"])).flatMap { document.absoluteURL($0) }
        var images: [String] = []
        var seen: Set<String> = []
        for image in Self.images(object["image"]) {
            if let absolute = document.absoluteURL(image) { appendUnique(absolute, to: &images, seen: &seen) }
        }
        return ExtractedListing(
            url: url, listingID: Self.text(object["sku"]) ?? Self.text(object["productID"]),
            title: title, description: Self.text(object["description"]).map(TextSteps.collapse) ?? "",
            price: price, currency: currency, seller: seller ?? Self.name(object["seller"]), location: location,
            postedAt: Self.text(object["datePosted"]) ?? Self.text(offer?["validFrom"]) ?? Self.text(object["datePublished"]),
            images: images, source: "json-ld")
    }

    static func firstObject(_ value: Any?) -> [String: Any]? {
        if let object = value as? [String: Any] { return object }
        return (value as? [Any])?.lazy.compactMap { $0 as? [String: Any] }.first
    }

    static func text(_ value: Any?) -> String? {
        switch value {
        case let text as String:
            let trimmed = TextSteps.trim(text)
            return trimmed.isEmpty ? nil : trimmed
        case let number as NSNumber: return number.stringValue
        case let array as [Any]: return array.lazy.compactMap { text($0) }.first
        default: return nil
        }
    }

    static func number(_ value: Any?) -> Double? {
        if let text = value as? String { return Double(TextSteps.trim(text)) ?? TextSteps.number(in: text) }
        if let number = value as? NSNumber { return number.doubleValue }
        return nil
    }

    /// A person's or organization's name (or the text itself).
    static func name(_ value: Any?) -> String? {
        if let object = firstObject(value) { return text(object["name"]) ?? text(object["alternateName"]) }
        return text(value)
    }

    /// A place as text: its name, or locality and region from its address.
    static func place(_ value: Any?) -> String? {
        guard let object = firstObject(value) else { return text(value) }
        if let name = text(object["name"]) { return name }
        guard let address = firstObject(object["address"]) else { return text(object["address"]) }
        let parts = ["addressLocality", "addressRegion", "addressCountry"].compactMap { text(address[$0]) }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// Image URLs from a string, an ImageObject or a list of either.
    static func images(_ value: Any?) -> [String] {
        switch value {
        case let text as String: return [text]
        case let object as [String: Any]: return [Self.text(object["url"]) ?? Self.text(object["contentUrl"])].compactMap { $0 }
        case let array as [Any]: return array.flatMap { images($0) }
        default: return []
        }
    }
}
