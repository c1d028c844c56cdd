/// Matching of robots.txt path patterns (RFC 9309 §2.2.3): `*` matches any run of characters,
/// a `$` at the end anchors the pattern to the end of the path; otherwise a pattern matches any
/// path it is a prefix of.
enum RobotsPattern {
    /// Whether `pattern` matches `path` (both already percent-encoding normalized).
    static func matches(_ pattern: String, _ path: String) -> Bool {
        var p = Array(pattern.utf8)
        let s = Array(path.utf8)
        let anchored = p.last == 0x24  // "$"
        if anchored { p.removeLast() }
        var pi = 0, si = 0
        var star = -1, starSubject = 0
        while si < s.count {
            if pi < p.count, p[pi] == 0x2A {  // "*": remember it, try matching nothing first
                star = pi
                starSubject = si
                pi += 1
                continue
            }
            if pi == p.count, !anchored { return true }  // the rest of the path is an implicit "*"
            if pi < p.count, p[pi] == s[si] {
                pi += 1
                si += 1
                continue
            }
            guard star >= 0 else { return false }
            // Let the last "*" swallow one more character and retry from there.
            pi = star + 1
            starSubject += 1
            si = starSubject
        }
        while pi < p.count, p[pi] == 0x2A { pi += 1 }
        return pi == p.count
    }
}
