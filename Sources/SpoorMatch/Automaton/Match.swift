/// One occurrence of a pattern in a haystack, as byte offsets.
public struct Match: Hashable, Sendable, CustomStringConvertible {
    /// The pattern's identifier: the order in which it was added to the builder, from 0.
    public var pattern: Int
    /// The offset of the first byte of the occurrence.
    public var start: Int
    /// The offset one past the last byte of the occurrence.
    public var end: Int

    /// Creates a match of `pattern` over `start..<end`.
    @inlinable
    public init(pattern: Int, start: Int, end: Int) {
        self.pattern = pattern
        self.start = start
        self.end = end
    }

    /// The byte range the match covers.
    @inlinable
    public var range: Range<Int> { start..<end }

    /// A compact form such as `#3 4..<9`.
    public var description: String { "#\(pattern) \(start)..<\(end)" }
}

/// Which matches a search reports.
public enum MatchKind: String, Sendable, CaseIterable {
    /// Every occurrence of every pattern, overlapping ones included (classic Aho-Corasick).
    case overlapping
    /// Non-overlapping matches, scanning left to right: at the leftmost position where any pattern
    /// matches, the longest one wins (the lowest pattern id breaks ties), and the scan resumes at its end.
    case leftmostLongest = "leftmost-longest"
}
