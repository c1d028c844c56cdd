extension RobotsTxt {
    /// Parses robots.txt text.
    public static func parse(_ text: String) -> RobotsTxt {
        parse(bytes: Array(text.utf8))
    }

    /// Parses the bytes of a robots.txt: a UTF-8 BOM is skipped, CR, LF and CRLF all end lines,
    /// `#` starts a comment, only the first ``parseLimit`` bytes count, and lines that are not
    /// `key: value` or have an unknown key are ignored. Rules before any `User-agent:` are ignored.
    public static func parse(bytes input: some Collection<UInt8>) -> RobotsTxt {
        var bytes = Array(input.prefix(parseLimit))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }

        var groups: [Group] = []
        var sitemaps: [String] = []
        var current: Group?
        var currentHasRules = false

        for line in lines(of: bytes) {
            guard let (key, value) = keyValue(line) else { continue }
            switch key {
            case "user-agent", "useragent", "user agent":
                if currentHasRules || current == nil {
                    if let done = current { groups.append(done) }
                    current = Group(userAgents: [])
                    currentHasRules = false
                }
                current?.userAgents.append(productToken(value))
            case "allow", "disallow":
                guard current != nil else { continue }
                currentHasRules = true
                // An empty value ("Disallow:") is no rule at all.
                if !value.isEmpty { current?.rules.append(Rule(allows: key == "allow", pattern: value)) }
            case "crawl-delay", "crawldelay":
                guard current != nil else { continue }
                currentHasRules = true
                if let seconds = Double(value), seconds.isFinite, seconds >= 0, current?.crawlDelay == nil {
                    current?.crawlDelay = seconds
                }
            case "sitemap", "site-map":
                if !value.isEmpty { sitemaps.append(value) }
            default:
                continue
            }
        }
        if let done = current { groups.append(done) }
        return RobotsTxt(groups: groups, sitemaps: sitemaps)
    }

    /// The lines of `bytes`, split at CR, LF or CRLF, each cut at its `#` comment.
    private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var i = 0
        while i <= bytes.count {
            if i == bytes.count || bytes[i] == 0x0A || bytes[i] == 0x0D {
                var line = bytes[start..<i]
                if let hash = line.firstIndex(of: 0x23) { line = line[..<hash] }
                lines.append(line)
                if i + 1 < bytes.count, bytes[i] == 0x0D, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        return lines
    }

    /// The lower-cased key and trimmed value of a `key: value` line, or `nil` for anything else.
    private static func keyValue(_ line: ArraySlice<UInt8>) -> (String, String)? {
        guard let colon = line.firstIndex(of: 0x3A) else { return nil }
        let key = String(decoding: line[..<colon], as: UTF8.self).trimmingASCIIWhitespace().lowercased()
        guard !key.isEmpty else { return nil }
        let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingASCIIWhitespace()
        return (key, value)
    }
}
