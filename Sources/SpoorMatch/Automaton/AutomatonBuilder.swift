/// Collects patterns into a trie, then freezes them into an ``Automaton``.
///
/// The trie is mutable and sparse (linked edge lists in flat arrays, a dense root); ``build()``
/// computes failure links breadth-first and freezes the result into flat arrays: byte classes, a
/// premultiplied dense DFA when it fits ``Options/dfaSizeLimit``, a compact NFA beyond that.
///
/// ```swift
/// var builder = AutomatonBuilder(options: .init(matchKind: .leftmostLongest, boundaries: .words))
/// builder.add(Array("ivory".utf8))
/// builder.add(Array("rhino horn".utf8))
/// let automaton = builder.build()
/// let found = automaton.matches(in: Array("carved ivory".utf8))
/// ```
public struct AutomatonBuilder: Sendable {
    /// How the automaton searches and how big its DFA may grow.
    public struct Options: Sendable, Hashable {
        /// Which matches a search reports.
        public var matchKind: MatchKind
        /// Whether matches must meet word boundaries.
        public var boundaries: WordBoundaryPolicy
        /// The largest transition table, in bytes, for which a dense DFA is built; above it the
        /// automaton is a compact NFA. The default (256 MiB) keeps a DFA up to roughly 30,000
        /// watchlist terms and switches to the NFA for the full 100,000-term CITES checklist.
        public var dfaSizeLimit: Int
        /// Forces one representation (for tests and benchmarks); `nil` chooses by size.
        public var representation: Automaton.Representation?

        /// Creates options; the defaults suit benchmarks (overlapping, no boundaries).
        public init(
            matchKind: MatchKind = .overlapping,
            boundaries: WordBoundaryPolicy = .none,
            dfaSizeLimit: Int = 256 << 20,
            representation: Automaton.Representation? = nil
        ) {
            self.matchKind = matchKind
            self.boundaries = boundaries
            self.dfaSizeLimit = dfaSizeLimit
            self.representation = representation
        }
    }

    /// The options the automaton will be built with.
    public let options: Options

    // The trie. State 0 is the root; its edges are dense, the others' are linked lists.
    var rootEdges = [Int32](repeating: -1, count: 256)
    var firstEdge: [Int32] = [-1]
    var depth: [Int32] = [0]
    var firstOwn: [Int32] = [-1]
    var edgeByte: [UInt8] = []
    var edgeTarget: [Int32] = []
    var edgeNext: [Int32] = []
    var ownPattern: [Int32] = []
    var ownNext: [Int32] = []

    // Per pattern.
    var patternLength: [UInt32] = []
    var patternFlags: [UInt8] = []
    var usedBytes = [Bool](repeating: false, count: 256)

    /// Creates an empty builder.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// The number of patterns added so far.
    public var patternCount: Int { patternLength.count }

    /// The number of trie states so far (the root included).
    public var stateCount: Int { depth.count }

    /// Adds a pattern and returns its id (the number of patterns added before it).
    ///
    /// An empty pattern is given an id but never matches: an empty term is no evidence of anything.
    /// Duplicates are kept, each with its own id.
    @discardableResult
    public mutating func add(_ pattern: some Collection<UInt8>) -> Int {
        let bytes = Array(pattern)
        let id = patternLength.count
        patternLength.append(UInt32(bytes.count))
        patternFlags.append(WordEdge.flags(for: bytes, policy: options.boundaries))
        guard !bytes.isEmpty else { return id }
        var state: Int32 = 0
        for byte in bytes {
            usedBytes[Int(byte)] = true
            state = child(of: state, byte: byte) ?? addState(from: state, byte: byte)
        }
        ownPattern.append(Int32(id))
        ownNext.append(firstOwn[Int(state)])
        firstOwn[Int(state)] = Int32(ownPattern.count - 1)
        return id
    }

    /// Adds every pattern of a sequence, in order.
    public mutating func add<S: Sequence>(contentsOf patterns: S) where S.Element: Collection<UInt8> {
        for pattern in patterns { add(pattern) }
    }

    /// The trie child of `state` on `byte`, if any.
    func child(of state: Int32, byte: UInt8) -> Int32? {
        if state == 0 {
            let target = rootEdges[Int(byte)]
            return target < 0 ? nil : target
        }
        var edge = firstEdge[Int(state)]
        while edge >= 0 {
            if edgeByte[Int(edge)] == byte { return edgeTarget[Int(edge)] }
            edge = edgeNext[Int(edge)]
        }
        return nil
    }

    /// Calls `body` with every (byte, child) edge of `state`.
    func forEachEdge(of state: Int32, _ body: (UInt8, Int32) -> Void) {
        if state == 0 {
            for byte in 0..<256 where rootEdges[byte] >= 0 { body(UInt8(byte), rootEdges[byte]) }
            return
        }
        var edge = firstEdge[Int(state)]
        while edge >= 0 {
            body(edgeByte[Int(edge)], edgeTarget[Int(edge)])
            edge = edgeNext[Int(edge)]
        }
    }

    private mutating func addState(from parent: Int32, byte: UInt8) -> Int32 {
        let state = Int32(depth.count)
        depth.append(depth[Int(parent)] + 1)
        firstEdge.append(-1)
        firstOwn.append(-1)
        if parent == 0 {
            rootEdges[Int(byte)] = state
        } else {
            edgeByte.append(byte)
            edgeTarget.append(state)
            edgeNext.append(firstEdge[Int(parent)])
            firstEdge[Int(parent)] = Int32(edgeByte.count - 1)
        }
        return state
    }

    /// Freezes the patterns into a searchable automaton.
    public func build() -> Automaton {
        Automaton(freezing: self)
    }
}
