import Foundation

extension SiteProfile {
    /// Extracts listings, links and the next page from a parsed page.
    public func extract(from document: HTMLDocument) -> PageExtraction {
        // The profile's selectors were validated at load, so compiling cannot fail here;
        // a selector that somehow does selects nothing.
        var cache = ExpressionCache()
        return document.withXPathContext { context in
            var page = PageExtraction()
            page.outlinks = Self.links(in: context, xpath: "//a[@href]", patterns: [], cache: &cache)
            if let rule = listingLinks {
                page.listingLinks = Self.links(in: context, xpath: rule.xpath ?? "//a[@href]", patterns: rule.urlPatterns, cache: &cache)
            }
            if let rule = indexLinks {
                page.indexLinks = Self.links(in: context, xpath: rule.xpath ?? "//a[@href]", patterns: rule.urlPatterns, cache: &cache)
            }
            if let rule = nextPage, let value = rule.values(in: context, node: nil, cache: &cache).first {
                page.nextPage = document.absoluteURL(value)
            }
            if let results, let expression = cache[results.item] {
                for item in context.evaluate(expression).nodes {
                    if let listing = listing(results.fields, in: context, node: item, pageURL: nil, cache: &cache) {
                        page.listings.append(listing)
                    }
                }
            }
            if let detail, detail.urlPatterns.isEmpty || Self.matchesAny(detail.urlPatterns, document.url ?? ""),
                let listing = listing(detail.fields, in: context, node: nil, pageURL: document.url, cache: &cache)
            {
                page.listings.append(listing)
            }
            page.listings = Self.deduplicated(page.listings)
            page.parseTruncation = document.truncation
            page.problems = document.parseProblems
            return page
        }
    }

    /// Parses `html` (UTF-8) from `url` and extracts from it.
    public func extract(html: String, url: String?) -> PageExtraction {
        HTMLDocument.withParsed(html: html, url: url) { extract(from: $0) }
    }

    /// One listing from `fields` evaluated relative to `node` (nil: the document); nil without a title.
    private func listing(
        _ fields: [Field: FieldRule], in context: borrowing XPathContext, node: HTMLNode?, pageURL: String?,
        cache: inout ExpressionCache
    ) -> ExtractedListing? {
        func values(_ field: Field) -> [String] {
            fields[field]?.values(in: context, node: node, cache: &cache) ?? []
        }
        func first(_ field: Field) -> String? { values(field).first }
        guard let title = first(.title) else { return nil }
        let document = context.document
        var images: [String] = []
        var seen: Set<String> = []
        for image in values(.images) {
            if let url = document.absoluteURL(image) { appendUnique(url, to: &images, seen: &seen) }
        }
        let url = first(.url).flatMap { document.absoluteURL($0) } ?? pageURL
        let priceText = first(.price)
        return ExtractedListing(
            url: url, listingID: first(.id), title: title,
            description: fields[.description] == nil ? "" : values(.description).joined(separator: "\n"),
            price: priceText.flatMap { Double($0) ?? TextSteps.number(in: $0) }, currency: first(.currency),
            seller: first(.seller), location: first(.location), postedAt: first(.posted), updatedAt: first(.updated),
            images: images, source: name)
    }

    /// Absolute, deduplicated URLs of the links `xpath` selects, kept when one of `patterns` matches (or none given).
    private static func links(
        in context: borrowing XPathContext, xpath: String, patterns: [String], cache: inout ExpressionCache
    ) -> [String] {
        guard let expression = cache[xpath] else { return [] }
        let regexes = patterns.compactMap { cache.regex($0) }
        var out: [String] = []
        var seen: Set<String> = []
        for node in context.evaluate(expression).nodes {
            let href = node.isElement ? (node.attribute("href") ?? node.text) : node.text
            guard let url = context.document.absoluteURL(href) else { continue }
            if !regexes.isEmpty && !regexes.contains(where: { $0.firstMatch(in: url, range: NSRange(url.startIndex..., in: url)) != nil }) {
                continue
            }
            appendUnique(url, to: &out, seen: &seen)
        }
        return out
    }

    /// `listings` without repeats of the same listing id (or URL, for those without an id), first kept.
    ///
    /// Results pages repeat items (a sponsored carousel showing results from the main list).
    static func deduplicated(_ listings: [ExtractedListing]) -> [ExtractedListing] {
        var seen: Set<String> = []
        return listings.filter { listing in
            guard let key = listing.listingID.map({ "id:" + $0 }) ?? listing.url.map({ "url:" + $0 }) else { return true }
            return seen.insert(key).inserted
        }
    }

    static func matchesAny(_ patterns: [String], _ text: String) -> Bool {
        patterns.contains { pattern in
            (try? NSRegularExpression(pattern: pattern))?.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        }
    }
}

/// Compiled expressions and regexes for one extraction, by source text.
struct ExpressionCache {
    private var expressions: [String: XPathExpression] = [:]
    private var regexes: [String: NSRegularExpression] = [:]

    /// The compiled expression for `source`, or nil when it does not compile.
    subscript(source: String) -> XPathExpression? {
        mutating get {
            if let found = expressions[source] { return found }
            guard let compiled = try? XPathExpression(source) else { return nil }
            expressions[source] = compiled
            return compiled
        }
    }

    /// The compiled regex for `pattern`, or nil when it does not compile.
    mutating func regex(_ pattern: String) -> NSRegularExpression? {
        if let found = regexes[pattern] { return found }
        guard let compiled = try? NSRegularExpression(pattern: pattern) else { return nil }
        regexes[pattern] = compiled
        return compiled
    }
}

extension SiteProfile.FieldRule {
    /// The field's values relative to `node`: selected, cleaned by the steps, trimmed, empty ones dropped.
    func values(in context: borrowing XPathContext, node: HTMLNode?, cache: inout ExpressionCache) -> [String] {
        guard let expression = cache[xpath] else { return [] }
        let result = context.evaluate(expression, relativeTo: node)
        var values: [String]
        if let attribute {
            values = result.nodes.compactMap { $0.attribute(attribute) }
        } else {
            values = result.strings
        }
        for step in steps {
            values = apply(step, to: values, document: context.document, cache: &cache)
        }
        return values.map(TextSteps.trim).filter { !$0.isEmpty }
    }

    private func apply(_ step: SiteProfile.Step, to values: [String], document: HTMLDocument, cache: inout ExpressionCache) -> [String] {
        switch step {
        case .trim: return values.map(TextSteps.trim)
        case .collapse: return values.map(TextSteps.collapse)
        case .regex(let pattern):
            guard let regex = cache.regex(pattern) else { return [] }
            return values.compactMap { value in
                guard let match = regex.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) else { return nil }
                let group = match.numberOfRanges > 1 ? 1 : 0
                guard let range = Range(match.range(at: group), in: value) else { return nil }
                return String(value[range])
            }
        case .number(let mark):
            return values.compactMap { TextSteps.number(in: $0, decimalMark: mark).map(Self.format) }
        case .currency: return values.compactMap(TextSteps.currency(in:))
        case .absoluteURL: return values.compactMap { document.absoluteURL($0) }
        case .join(let separator): return values.isEmpty ? [] : [values.joined(separator: separator)]
        case .setQuery(let name):
            guard let url = document.url else { return [] }
            return values.compactMap { URLResolver.settingQuery(url, name: name, value: $0) }
        case .template(let template): return values.map { template.replacingOccurrences(of: "{value}", with: $0) }
        case .first: return values.first.map { [$0] } ?? []
        }
    }

    /// A number as plain text (`1234.56`, `5`).
    static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
