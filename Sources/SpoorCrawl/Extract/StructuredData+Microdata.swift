extension StructuredData {
    /// The products in the page's schema.org microdata (`itemscope`/`itemtype`/`itemprop`), found at
    /// the top level or inside other items (an `ItemList`'s elements), with nested `offers` items.
    public static func microdata(in document: HTMLDocument) -> [ExtractedListing] {
        let roots = (try? document.nodes(xpath: "//*[@itemscope][not(@itemprop)]")) ?? []
        var out: [ExtractedListing] = []
        for root in roots {
            collectProducts(MicrodataItem(root, depth: 0), into: &out, document: document, depth: 0)
        }
        return out
    }

    private static func collectProducts(_ item: MicrodataItem, into out: inout [ExtractedListing], document: HTMLDocument, depth: Int) {
        guard depth < MicrodataItem.maxDepth else { return }
        if item.types.contains(where: isProductType) {
            if let listing = item.listing(document: document) { out.append(listing) }
            return
        }
        for values in item.properties.values {
            for case .item(let inner) in values { collectProducts(inner, into: &out, document: document, depth: depth + 1) }
        }
    }
}

/// One microdata item: its types and its properties (text values or nested items).
struct MicrodataItem {
    /// A property value.
    enum Value {
        case text(String)
        case item(MicrodataItem)
    }

    /// Items nested deeper than this are ignored (hostile pages).
    static let maxDepth = 16
    var types: [String]
    var properties: [String: [Value]] = [:]

    init(_ element: HTMLNode, depth: Int) {
        types = (element.attribute("itemtype") ?? "").split(whereSeparator: \.isWhitespace).map(String.init)
        if depth < Self.maxDepth { collect(element, depth: depth) }
    }

    /// Adds the `itemprop`s under `element`, not descending into nested items.
    private mutating func collect(_ element: HTMLNode, depth: Int) {
        var stack = Array(element.elementChildren.reversed())
        var visited = 0
        while let child = stack.popLast(), visited < 100_000 {
            visited += 1
            let nested = child.attribute("itemscope") != nil
            if let names = child.attribute("itemprop") {
                let value: Value = nested ? .item(MicrodataItem(child, depth: depth + 1)) : .text(Self.value(of: child))
                for name in names.split(whereSeparator: \.isWhitespace) { properties[String(name), default: []].append(value) }
            }
            if !nested { stack.append(contentsOf: child.elementChildren.reversed()) }
        }
    }

    /// A property element's value, by element type (HTML microdata rules).
    static func value(of element: HTMLNode) -> String {
        let attribute: String?
        switch element.name {
        case "meta": attribute = "content"
        case "a", "link", "area": attribute = "href"
        case "img", "audio", "video", "source", "embed", "iframe", "track": attribute = "src"
        case "object": attribute = "data"
        case "data", "meter": attribute = "value"
        case "time": attribute = "datetime"
        default: attribute = nil
        }
        if let attribute, let value = element.attribute(attribute) { return value }
        if let content = element.attribute("content") { return content }
        return element.text
    }

    func text(_ name: String) -> String? {
        for case .text(let value) in properties[name] ?? [] {
            let collapsed = TextSteps.collapse(value)
            if !collapsed.isEmpty { return collapsed }
        }
        return nil
    }

    func item(_ name: String) -> MicrodataItem? {
        for case .item(let inner) in properties[name] ?? [] { return inner }
        return nil
    }

    /// A name from a nested Person/Organization/Place item, or the text.
    func name(_ property: String) -> String? {
        if let inner = item(property) { return inner.text("name") ?? inner.item("address")?.text("addressLocality") }
        return text(property)
    }

    /// The listing for a Product item; nil without a name.
    func listing(document: HTMLDocument) -> ExtractedListing? {
        guard let title = text("name") else { return nil }
        let offer = item("offers")
        let priceText = offer?.text("price") ?? offer?.text("lowPrice") ?? text("price")
        var images: [String] = []
        var seen: Set<String> = []
        for case .text(let image) in properties["image"] ?? [] {
            if let url = document.absoluteURL(image) { appendUnique(url, to: &images, seen: &seen) }
        }
        return ExtractedListing(
            url: text("url").flatMap { document.absoluteURL($0) }, listingID: text("sku") ?? text("productID"),
            title: title, description: text("description") ?? "",
            price: priceText.flatMap { Double($0) ?? TextSteps.number(in: $0) },
            currency: offer?.text("priceCurrency") ?? text("priceCurrency"),
            seller: offer?.name("seller") ?? name("seller"), location: offer?.name("availableAtOrFrom"),
            postedAt: text("datePosted") ?? text("datePublished"), images: images, source: "microdata")
    }
}
