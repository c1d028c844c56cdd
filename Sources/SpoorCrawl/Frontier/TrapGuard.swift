/// Limits that keep a crawl out of crawler traps: endless calendars, links that nest a path in
/// itself, session-id URL generators, pages with thousands of links.
public struct TrapGuard: Sendable, Hashable {
    /// Why a URL was refused.
    public enum Trap: String, Sendable, Hashable {
        /// Deeper than ``TrapGuard/maxDepth`` links from a seed.
        case tooDeep = "too-deep"
        /// Longer than ``TrapGuard/maxURLLength`` bytes.
        case tooLong = "too-long"
        /// A run of path segments repeats ``TrapGuard/maxRepeats`` times in a row (`/a/b/a/b/a/b`).
        case repeatingPath = "repeating-path"
        /// More than ``TrapGuard/maxPathSegments`` path segments.
        case tooManySegments = "too-many-segments"
    }

    /// Links followed from a seed (depth 0) at most.
    public var maxDepth: Int
    /// The longest canonical URL, in bytes.
    public var maxURLLength: Int
    /// A run of 1 to ``maxRepeatedRun`` segments repeated this many times in a row is a trap.
    public var maxRepeats: Int
    /// The longest run of segments checked for repetition.
    public var maxRepeatedRun: Int
    /// The most path segments a URL may have.
    public var maxPathSegments: Int
    /// Outlinks taken from one page at most; the rest are dropped.
    public var maxOutlinksPerPage: Int

    /// Creates a guard.
    public init(
        maxDepth: Int = 20, maxURLLength: Int = 2048, maxRepeats: Int = 3, maxRepeatedRun: Int = 4,
        maxPathSegments: Int = 32, maxOutlinksPerPage: Int = 1000
    ) {
        self.maxDepth = maxDepth
        self.maxURLLength = maxURLLength
        self.maxRepeats = max(2, maxRepeats)
        self.maxRepeatedRun = max(1, maxRepeatedRun)
        self.maxPathSegments = maxPathSegments
        self.maxOutlinksPerPage = max(0, maxOutlinksPerPage)
    }

    /// The trap `url`, reached `depth` links from a seed, falls into, or `nil` if it looks fine.
    public func trap(_ url: CanonicalURL, depth: Int) -> Trap? {
        if depth > maxDepth { return .tooDeep }
        if url.string.utf8.count > maxURLLength { return .tooLong }
        let segments = url.pathSegments
        if segments.count > maxPathSegments { return .tooManySegments }
        if hasRepeatingRun(segments) { return .repeatingPath }
        return nil
    }

    /// Whether some run of 1…maxRepeatedRun non-empty segments occurs `maxRepeats` times in a row.
    func hasRepeatingRun(_ segments: [Substring]) -> Bool {
        let count = segments.count
        for run in 1...maxRepeatedRun where run * maxRepeats <= count {
            for start in 0...(count - run * maxRepeats) {
                let block = segments[start..<(start + run)]
                if block.allSatisfy(\.isEmpty) { continue }
                var repeats = 1
                while repeats < maxRepeats,
                      segments[(start + repeats * run)..<(start + (repeats + 1) * run)].elementsEqual(block) {
                    repeats += 1
                }
                if repeats == maxRepeats { return true }
            }
        }
        return false
    }

    /// The trap as a ``CrawlError`` about `url`.
    public static func error(_ trap: Trap, url: String) -> CrawlError {
        CrawlError(.limitExceeded, subject: url, "looks like a crawler trap (\(trap.rawValue))")
    }
}
