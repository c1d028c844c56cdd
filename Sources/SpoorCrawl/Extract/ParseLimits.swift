/// What parsing one page may build, so that a small hostile page cannot cost a lot of memory:
/// 10 MiB of `<p>a</p>` is 2.6 million nodes, about 440 MB of libxml2 tree.
///
/// Past `maxNodes` the parse stops: the tree keeps what was built so far and the document says
/// why it was cut (``ParseTruncation``). Past `maxDepth` the nesting is cut, not the content:
/// deeper elements without attributes are left out (their text goes to the element at the limit)
/// and deeper elements with attributes (a JSON-LD `<script type>`, an `itemscope`, a link) are
/// kept, nested a little further and then attached side by side, the way browsers flatten
/// over-deep trees. So a million nested `<div>`s cost nothing and the product after them is read.
public struct ParseLimits: Sendable, Hashable {
    /// Nodes built at most: elements, attributes, text runs, comments and processing instructions.
    public var maxNodes: Int
    /// Elements nested deeper than this are cut from the nesting (at most 200 is honoured in full:
    /// libxml2 itself gives up at 256).
    public var maxDepth: Int

    /// Creates limits.
    public init(maxNodes: Int, maxDepth: Int) {
        self.maxNodes = maxNodes
        self.maxDepth = maxDepth
    }

    /// 250,000 nodes (a 1.6 MB eBay results page has 24,000; a tree at the limit is about 45 MB
    /// with libxml2 2.9) and a depth of 200 (real pages stay well under 60).
    public static let standard = ParseLimits(maxNodes: 250_000, maxDepth: 200)
}

/// Why the parse of a page stopped before its end, in the spirit of WARC's `WARC-Truncated`.
public enum ParseTruncation: String, Sendable, Hashable {
    /// The page has more nodes than ``ParseLimits/maxNodes``: the rest was not parsed.
    case nodes
}
