// Fuzzes SpoorCrawl's robots.txt parsing and matching on any bytes.
//
// Checks what RobotsTxt documents: user-agents are lower-cased product tokens or `*`; rule
// patterns are non-empty and already percent-encoding normalized (normalizing again changes
// nothing); crawl delays are finite and not negative; `/robots.txt` is always allowed. And,
// differentially, RobotsPattern's one-pass wildcard matcher against a plain dynamic-programming
// matcher of RFC 9309 patterns, and RobotsRules.isAllowed against "the longest matching pattern
// decides, Allow wins a tie, no match allows".
import FuzzSupport
@testable import SpoorCrawl

let fixedPaths = ["/", "/a", "/robots.txt", "/index.html?q=1", "/%7Ea/b%2fc", "/*", "/$"]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRobots(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: data == nil ? 0 : size)
    let robots = RobotsTxt.parse(bytes: bytes)
    let context = "robots.txt \(describe(bytes))"

    var patterns: [String] = []
    for group in robots.groups {
        for agent in group.userAgents {
            require(agent == "*" || agent.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F || $0 == 0x2D },
                    "user-agent \(describe(agent)) is not a lower-cased product token; \(context)")
        }
        if let delay = group.crawlDelay { require(delay.isFinite && delay >= 0, "crawl-delay \(delay); \(context)") }
        for rule in group.rules {
            require(!rule.pattern.isEmpty, "empty pattern; \(context)")
            let again = PercentEncoding.normalize(rule.pattern)
            require(again == rule.pattern, "pattern \(describe(rule.pattern)) normalizes again to \(describe(again)); \(context)")
            patterns.append(rule.pattern)
        }
    }
    for sitemap in robots.sitemaps { require(!sitemap.isEmpty, "empty sitemap; \(context)") }

    // Paths to try: fixed ones, and each pattern as a path, with its wildcards dropped and with a tail.
    var paths = fixedPaths
    for pattern in patterns.prefix(8) {
        paths.append(pattern)
        paths.append(pattern.replacingOccurrences(of: "*", with: "").replacingOccurrences(of: "$", with: ""))
        paths.append(pattern.replacingOccurrences(of: "*", with: "xy") + "/z")
    }

    for token in ["SpoorBot/1.0", "*"] {
        let rules = robots.rules(for: token)
        require(rules.isAllowed("/robots.txt"), "/robots.txt disallowed for \(token); \(context)")
        if let delay = rules.crawlDelay { require(delay.isFinite && delay >= 0, "crawl-delay \(delay); \(context)") }
        for path in paths.prefix(24) {
            let normalized = PercentEncoding.normalize(path.isEmpty ? "/" : path)
            var best: (length: Int, allows: Bool)?
            var decided = rules.rules.count <= 16
            for rule in rules.rules.prefix(16) {
                let fast = RobotsPattern.matches(rule.pattern, normalized)
                guard let slow = referenceMatch(rule.pattern, normalized) else { decided = false; continue }
                require(fast == slow, "RobotsPattern.matches(\(describe(rule.pattern)), \(describe(normalized))) = \(fast), reference says \(slow); \(context)")
                guard slow else { continue }
                let length = rule.pattern.utf8.count
                if best == nil || length > best!.length || (length == best!.length && rule.allows) { best = (length, rule.allows) }
            }
            if decided {
                let expected = normalized == "/robots.txt" || (best?.allows ?? true)
                let allowed = rules.isAllowed(path)
                require(allowed == expected, "isAllowed(\(describe(path))) = \(allowed), expected \(expected) for \(token); \(context)")
            }
        }
    }
    return 0
}

/// RFC 9309 §2.2.3 matching by dynamic programming: `*` matches any run of characters, a final
/// `$` anchors the end, otherwise the pattern need only match a prefix. Nil when too big to check.
func referenceMatch(_ pattern: String, _ path: String) -> Bool? {
    var p = Array(pattern.utf8)
    let s = Array(path.utf8)
    let anchored = p.last == 0x24
    if anchored { p.removeLast() }
    guard (p.count + 1) * (s.count + 1) <= 2_048 else { return nil }
    // next[j]: p[(i+1)...] matches s[j...] (a prefix of it unless anchored); row[j]: p[i...] does.
    var next = [Bool](repeating: !anchored, count: s.count + 1)
    next[s.count] = true
    var row = next
    for i in stride(from: p.count - 1, through: 0, by: -1) {
        for j in stride(from: s.count, through: 0, by: -1) {
            if p[i] == 0x2A {
                row[j] = next[j] || (j < s.count && row[j + 1])
            } else {
                row[j] = j < s.count && p[i] == s[j] && next[j + 1]
            }
        }
        swap(&next, &row)
    }
    return next[0]
}
