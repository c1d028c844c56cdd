import Foundation
import SpoorDetect
import Yams

extension SiteProfile {
    /// Loads every `*.yaml`/`*.yml` profile in the given files or directories.
    public static func load(paths: [String]) throws(DataFileError) -> [SiteProfile] {
        var out: [SiteProfile] = []
        for path in paths {
            for file in try DataFiles.yamlFiles(at: path) { out.append(try load(file: file)) }
        }
        return out
    }

    /// Loads one profile file.
    public static func load(file: String) throws(DataFileError) -> SiteProfile {
        try parse(try DataFiles.readText(file), file: file)
    }

    /// Parses profile YAML; `file` names the source in errors. Every XPath is compiled with
    /// libxml2, every CSS selector translated and every regular expression compiled here, so a
    /// bad profile fails at load with the file, the line and the reason.
    public static func parse(_ text: String, file: String) throws(DataFileError) -> SiteProfile {
        let loader = ProfileLoader(reader: YAMLReader(file: file))
        return try loader.profile(from: try loader.reader.parse(text))
    }
}

/// Reads the parts of a profile document, validating as it goes.
struct ProfileLoader {
    let reader: YAMLReader

    static let topKeys: Set<String> = [
        "name", "description", "start_urls", "search", "links", "next_page", "results", "detail", "politeness",
    ]

    func profile(from root: Node) throws(DataFileError) -> SiteProfile {
        let top = try reader.mapping(root, "the site profile", allowed: Self.topKeys)
        let name = try reader.string(top, "name", in: "the site profile", parent: root)
        let startURLs = try top["start_urls"].map { (n: Node) throws(DataFileError) in try urls(n, "'start_urls'") } ?? []
        var searches: [SiteProfile.SearchTemplate] = []
        if let node = top["search"] {
            for item in try reader.sequence(node, "'search'") {
                let map = try reader.mapping(item, "a search entry", allowed: ["url", "lang"])
                let url = try reader.string(map, "url", in: "a search entry", parent: item)
                guard url.contains("{term}") else {
                    throw reader.error(.invalidValue, map["url"], "search url '\(url)' has no {term} placeholder")
                }
                try checkURL(url.replacingOccurrences(of: "{term}", with: "x"), map["url"])
                searches.append(.init(lang: try reader.optionalString(map, "lang", in: "a search entry"), template: url))
            }
        }
        var listingLinks: SiteProfile.LinkRule?
        var indexLinks: SiteProfile.LinkRule?
        if let node = top["links"] {
            let map = try reader.mapping(node, "'links'", allowed: ["listing", "index"])
            listingLinks = try map["listing"].map { (n: Node) throws(DataFileError) in try linkRule(n, "'links.listing'") }
            indexLinks = try map["index"].map { (n: Node) throws(DataFileError) in try linkRule(n, "'links.index'") }
        }
        let nextPage = try top["next_page"].map { (n: Node) throws(DataFileError) in try field(n, "'next_page'") }
        var results: SiteProfile.ResultsRule?
        if let node = top["results"] {
            let map = try reader.mapping(node, "'results'", allowed: ["item", "fields"])
            guard let itemNode = map["item"] else { throw reader.error(.schema, node, "'results' is missing 'item'") }
            let item = try selector(itemNode, "'results.item'", allowed: ["xpath", "css"]).xpath
            results = .init(item: item, fields: try fields(map["fields"], parent: node, "'results'"))
        }
        var detail: SiteProfile.DetailRule?
        if let node = top["detail"] {
            let map = try reader.mapping(node, "'detail'", allowed: ["url_pattern", "fields"])
            let patterns = try map["url_pattern"].map { (n: Node) throws(DataFileError) in try regexes(n, "'detail.url_pattern'") } ?? []
            detail = .init(urlPatterns: patterns, fields: try fields(map["fields"], parent: node, "'detail'"))
        }
        guard results != nil || detail != nil else {
            throw reader.error(.schema, root, "the site profile needs 'results' (a results page) or 'detail' (a listing page), or both")
        }
        return SiteProfile(
            name: name, file: reader.file, startURLs: startURLs, searches: searches, listingLinks: listingLinks,
            indexLinks: indexLinks, nextPage: nextPage, results: results, detail: detail,
            politeness: try politeness(top["politeness"]))
    }

    func urls(_ node: Node, _ what: String) throws(DataFileError) -> [String] {
        let list = try reader.strings(node, what)
        for url in list { try checkURL(url, node) }
        return list
    }

    func checkURL(_ url: String, _ node: Node?) throws(DataFileError) {
        guard let parsed = URL(string: url), let scheme = parsed.scheme, scheme == "http" || scheme == "https",
            parsed.host != nil
        else { throw reader.error(.invalidValue, node, "'\(url)' is not an absolute http(s) URL") }
    }

    func linkRule(_ node: Node, _ what: String) throws(DataFileError) -> SiteProfile.LinkRule {
        let map = try reader.mapping(node, what, allowed: ["xpath", "css", "url_pattern"])
        let xpath = map["xpath"] != nil || map["css"] != nil ? try selector(node, what, allowed: ["xpath", "css", "url_pattern"]).xpath : nil
        let patterns = try map["url_pattern"].map { (n: Node) throws(DataFileError) in try regexes(n, "'url_pattern' of \(what)") } ?? []
        guard xpath != nil || !patterns.isEmpty else {
            throw reader.error(.schema, node, "\(what) needs 'xpath', 'css' or 'url_pattern'")
        }
        return .init(xpath: xpath, urlPatterns: patterns)
    }

    /// Exactly one of `xpath:`/`css:`, compiled; returns the XPath and the selector as written.
    func selector(_ node: Node, _ what: String, allowed: Set<String>) throws(DataFileError) -> (xpath: String, written: String) {
        let map = try reader.mapping(node, what, allowed: allowed)
        switch (map["xpath"], map["css"]) {
        case (let x?, nil):
            let xpath = try reader.nonEmptyString(x, "'xpath' of \(what)")
            do { try XPathExpression.validate(xpath) } catch {
                throw reader.error(.invalidValue, x, "\(what): bad XPath '\(xpath)': \(error.cause ?? error.message)")
            }
            return (xpath, xpath)
        case (nil, let c?):
            let css = try reader.nonEmptyString(c, "'css' of \(what)")
            let xpath: String
            do { xpath = try CSSSelector.xpath(css) } catch {
                throw reader.error(.invalidValue, c, "\(what): bad CSS selector: \(error)")
            }
            do { try XPathExpression.validate(xpath) } catch {
                throw reader.error(.invalidValue, c, "\(what): CSS '\(css)' gives XPath that libxml2 rejects: \(error.cause ?? error.message)")
            }
            return (xpath, css)
        case (nil, nil):
            throw reader.error(.schema, node, "\(what) needs 'xpath' or 'css'")
        default:
            throw reader.error(.schema, node, "\(what) has both 'xpath' and 'css'; give one")
        }
    }

    func regexes(_ node: Node, _ what: String) throws(DataFileError) -> [String] {
        let list = try reader.strings(node, what)
        for pattern in list { try checkRegex(pattern, node, what) }
        return list
    }

    func checkRegex(_ pattern: String, _ node: Node?, _ what: String) throws(DataFileError) {
        do { _ = try NSRegularExpression(pattern: pattern) } catch {
            throw reader.error(.invalidValue, node, "\(what): bad regular expression '\(pattern)'")
        }
    }

    func fields(_ node: Node?, parent: Node, _ what: String) throws(DataFileError) -> [SiteProfile.Field: SiteProfile.FieldRule] {
        guard let node else { throw reader.error(.schema, parent, "\(what) is missing 'fields'") }
        let names = Set(SiteProfile.Field.allCases.map(\.rawValue))
        let map = try reader.mapping(node, "'fields' of \(what)", allowed: names)
        var out: [SiteProfile.Field: SiteProfile.FieldRule] = [:]
        for (name, value) in map {
            out[SiteProfile.Field(rawValue: name)!] = try field(value, "field '\(name)' of \(what)")
        }
        guard out[.title] != nil else { throw reader.error(.schema, node, "'fields' of \(what) is missing 'title'") }
        return out
    }

    func field(_ node: Node, _ what: String) throws(DataFileError) -> SiteProfile.FieldRule {
        let keys: Set<String> = ["xpath", "css", "attr", "steps"]
        let (xpath, written) = try selector(node, what, allowed: keys)
        let map = try reader.mapping(node, what, allowed: keys)
        let attribute = try reader.optionalString(map, "attr", in: what)
        var steps: [SiteProfile.Step] = []
        if let list = map["steps"] {
            for item in try reader.sequence(list, "'steps' of \(what)") { steps.append(try step(item, what)) }
        }
        return .init(xpath: xpath, written: written, attribute: attribute, steps: steps)
    }

    func step(_ node: Node, _ what: String) throws(DataFileError) -> SiteProfile.Step {
        let simple: [String: SiteProfile.Step] = [
            "trim": .trim, "collapse": .collapse, "number": .number(decimalMark: nil), "currency": .currency,
            "absolute_url": .absoluteURL, "first": .first, "join": .join(" "),
        ]
        if case .scalar = node {
            let name = try reader.nonEmptyString(node, "a step of \(what)")
            guard let step = simple[name] else {
                throw reader.error(.invalidValue, node, "\(what): unknown step '\(name)' (use \(simple.keys.sorted().joined(separator: ", ")), or regex:, number:, join:, set_query:, template:)")
            }
            return step
        }
        let map = try reader.mapping(node, "a step of \(what)", allowed: ["regex", "number", "join", "set_query", "template"])
        guard map.count == 1, let (key, value) = map.first else {
            throw reader.error(.schema, node, "a step of \(what) must have exactly one key")
        }
        switch key {
        case "regex":
            let pattern = try reader.nonEmptyString(value, "'regex' of \(what)")
            try checkRegex(pattern, value, what)
            return .regex(pattern)
        case "number":
            let mark = try reader.nonEmptyString(value, "'number' of \(what)")
            guard mark == "." || mark == "," else {
                throw reader.error(.invalidValue, value, "\(what): 'number' takes the decimal mark, '.' or ','")
            }
            return .number(decimalMark: mark.first)
        case "join":
            guard case .scalar(let scalar) = value else { throw reader.error(.schema, value, "'join' of \(what) must be text") }
            return .join(scalar.string)
        case "set_query":
            return .setQuery(try reader.nonEmptyString(value, "'set_query' of \(what)"))
        default:
            let template = try reader.nonEmptyString(value, "'template' of \(what)")
            guard template.contains("{value}") else {
                throw reader.error(.invalidValue, value, "\(what): template has no {value} placeholder")
            }
            return .template(template)
        }
    }

    func politeness(_ node: Node?) throws(DataFileError) -> SiteProfile.Politeness {
        guard let node else { return .init() }
        let map = try reader.mapping(node, "'politeness'", allowed: ["delay", "concurrency", "page_budget"])
        var out = SiteProfile.Politeness()
        if let value = map["delay"] {
            guard let delay = value.float, delay >= 0, delay.isFinite else {
                throw reader.error(.invalidValue, value, "'politeness.delay' must be a number of seconds, 0 or more")
            }
            out.delay = delay
        }
        for (key, path) in [("concurrency", \SiteProfile.Politeness.concurrency), ("page_budget", \.pageBudget)] {
            guard let value = map[key] else { continue }
            guard let number = value.int, number > 0 else {
                throw reader.error(.invalidValue, value, "'politeness.\(key)' must be a whole number above 0")
            }
            out[keyPath: path] = number
        }
        return out
    }
}
