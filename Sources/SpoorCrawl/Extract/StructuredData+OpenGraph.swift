extension StructuredData {
    /// A listing from OpenGraph `<meta property="og:…">` tags (`og:title`, `og:description`,
    /// `og:image`, `og:url`, `product:price:amount`/`currency`); nil without `og:title` or for
    /// `og:type` `website` or `profile`.
    public static func openGraph(in document: HTMLDocument) -> ExtractedListing? {
        let metas = (try? document.nodes(xpath: "//meta[@content][starts-with(@property, 'og:') or starts-with(@property, 'product:') or starts-with(@name, 'og:') or starts-with(@name, 'product:')]")) ?? []
        var values: [String: [String]] = [:]
        for meta in metas {
            guard let key = meta.attribute("property") ?? meta.attribute("name"), let content = meta.attribute("content") else { continue }
            let trimmed = TextSteps.collapse(content)
            if !trimmed.isEmpty { values[key.lowercased(), default: []].append(trimmed) }
        }
        guard let title = values["og:title"]?.first else { return nil }
        if let type = values["og:type"]?.first?.lowercased(), ["website", "profile"].contains(type) { return nil }
        let priceText = values["product:price:amount"]?.first ?? values["og:price:amount"]?.first
        var images: [String] = []
        var seen: Set<String> = []
        for image in (values["og:image"] ?? []) + (values["og:image:url"] ?? []) + (values["og:image:secure_url"] ?? []) {
            if let url = document.absoluteURL(image) { appendUnique(url, to: &images, seen: &seen) }
        }
        return ExtractedListing(
            url: values["og:url"]?.first.flatMap { document.absoluteURL($0) } ?? document.url, title: title,
            description: values["og:description"]?.first ?? "",
            price: priceText.flatMap { Double($0) ?? TextSteps.number(in: $0) },
            currency: values["product:price:currency"]?.first ?? values["og:price:currency"]?.first,
            images: images, source: "opengraph")
    }
}
