/// A frozen multi-pattern matcher over bytes (Aho-Corasick), safe to share across threads.
///
/// Built by ``AutomatonBuilder``. Its tables are flat arrays: 256 byte classes, a premultiplied
/// dense DFA (`next = table[state + class]`, match states numbered first so one comparison tells
/// them apart) or, when the DFA would exceed ``AutomatonBuilder/Options/dfaSizeLimit``, a compact
/// NFA with a dense root and sorted sparse edges.
public struct Automaton: Sendable {
    /// How the transition function is stored.
    public enum Representation: String, Sendable, Hashable, CaseIterable {
        /// One full row of transitions per state: one memory access per byte.
        case dfa
        /// A dense root, sparse edges elsewhere and failure links: far smaller, a little slower.
        case nfa
    }

    /// Which matches searches report.
    public let matchKind: MatchKind
    /// The word-boundary policy searches apply.
    public let boundaries: WordBoundaryPolicy
    /// How the transitions are stored.
    public let representation: Representation
    /// The number of patterns (empty ones included).
    public let patternCount: Int
    /// The number of states, the root included.
    public let stateCount: Int
    /// The number of byte equivalence classes (bytes no pattern uses share one class).
    public let classCount: Int

    // Byte classes and the DFA.
    let classes: [UInt8]
    let stride: UInt32
    let dfa: [UInt32]
    // The NFA: dense rows (by byte) for the shallowest states, the root first; for every state
    // its dense row or `none`, sorted sparse edges and a failure link.
    let nfaDense: [UInt32]
    let nfaDenseRow: [UInt32]
    let nfaEdgeStart: [UInt32]
    let nfaEdgeByte: [UInt8]
    let nfaEdgeTarget: [UInt32]
    let nfaFail: [UInt32]
    // Shared by both: states are numbered match states first, then the root, then the rest.
    let matchStateCount: UInt32
    let depth: [UInt32]
    /// The depth of the deepest state: the longest pattern.
    let maxDepth: Int
    let ownStart: [UInt32]
    let ownPatterns: [UInt32]
    let matchLink: [UInt32]
    let patternLength: [UInt32]
    let patternFlags: [UInt8]

    /// A state index that means "no state".
    static let none = UInt32.max
    /// NFA states this deep or shallower get a dense row.
    static let denseDepth: Int32 = 2
    /// At most this many dense NFA rows (1 KiB each).
    static let maxDenseRows = 8192

    /// The bytes held by the automaton's tables.
    public var memoryBytes: Int {
        classes.count + dfa.count * 4 + nfaDense.count * 4 + nfaDenseRow.count * 4 + nfaEdgeStart.count * 4
            + nfaEdgeByte.count + nfaEdgeTarget.count * 4 + nfaFail.count * 4 + depth.count * 4
            + ownStart.count * 4 + ownPatterns.count * 4 + matchLink.count * 4
            + patternLength.count * 4 + patternFlags.count
    }

    /// The byte length of pattern `id`.
    public func length(ofPattern id: Int) -> Int { Int(patternLength[id]) }

    init(freezing builder: AutomatonBuilder) {
        let stateCount = builder.stateCount
        matchKind = builder.options.matchKind
        boundaries = builder.options.boundaries
        patternCount = builder.patternCount
        self.stateCount = stateCount
        patternLength = builder.patternLength
        patternFlags = builder.patternFlags

        // Breadth-first order with failure links and links to the nearest matching suffix.
        var order: [Int32] = [0]
        order.reserveCapacity(stateCount)
        var fail = [Int32](repeating: 0, count: stateCount)
        var link = [Int32](repeating: -1, count: stateCount)
        var head = 0
        while head < order.count {
            let state = order[head]
            head += 1
            builder.forEachEdge(of: state) { byte, target in
                var f: Int32 = 0
                if state != 0 {
                    f = fail[Int(state)]
                    while true {
                        if let next = builder.child(of: f, byte: byte) { f = next; break }
                        if f == 0 { break }
                        f = fail[Int(f)]
                    }
                }
                fail[Int(target)] = f
                link[Int(target)] = builder.firstOwn[Int(f)] >= 0 ? f : link[Int(f)]
                order.append(target)
            }
        }

        // Number match states first (so `state < limit` tells them apart), then the rest.
        var newID = [UInt32](repeating: 0, count: stateCount)
        var oldID = [Int32]()
        oldID.reserveCapacity(stateCount)
        for state in order where builder.firstOwn[Int(state)] >= 0 || link[Int(state)] >= 0 {
            newID[Int(state)] = UInt32(oldID.count)
            oldID.append(state)
        }
        let matchStates = oldID.count
        for state in order where !(builder.firstOwn[Int(state)] >= 0 || link[Int(state)] >= 0) {
            newID[Int(state)] = UInt32(oldID.count)
            oldID.append(state)
        }
        matchStateCount = UInt32(matchStates)
        depth = oldID.map { UInt32(builder.depth[Int($0)]) }
        maxDepth = Int(builder.depth.max() ?? 0)

        // Outputs of match states: own patterns (all as long as the state is deep, lowest id
        // first), then the chain of matching suffixes, each shorter than the last.
        var ownStart: [UInt32] = [0]
        var ownPatterns: [UInt32] = []
        var matchLink: [UInt32] = []
        for index in 0..<matchStates {
            let state = Int(oldID[index])
            var own: [UInt32] = []
            var entry = builder.firstOwn[state]
            while entry >= 0 {
                own.append(UInt32(builder.ownPattern[Int(entry)]))
                entry = builder.ownNext[Int(entry)]
            }
            ownPatterns.append(contentsOf: own.reversed())
            ownStart.append(UInt32(ownPatterns.count))
            matchLink.append(link[state] >= 0 ? newID[Int(link[state])] : Automaton.none)
        }
        self.ownStart = ownStart
        self.ownPatterns = ownPatterns
        self.matchLink = matchLink

        // Byte classes: every byte some pattern uses gets its own class; the rest share class 0.
        var classes = [UInt8](repeating: 0, count: 256)
        let used = builder.usedBytes.lazy.filter { $0 }.count
        var classCount = 1
        if used == 256 {
            for byte in 0..<256 { classes[byte] = UInt8(byte) }
            classCount = 256
        } else {
            for byte in 0..<256 where builder.usedBytes[byte] {
                classes[byte] = UInt8(classCount)
                classCount += 1
            }
        }
        self.classes = classes
        self.classCount = classCount
        // Rows are exactly one class wide (no padding to a power of two): state ids are
        // premultiplied, so the hot loop never multiplies; only match handling divides.
        let stride = classCount
        self.stride = UInt32(stride)

        let dfaBytes = stateCount * stride * 4
        let representation = builder.options.representation
            ?? (dfaBytes <= builder.options.dfaSizeLimit ? .dfa : .nfa)
        self.representation = representation

        switch representation {
        case .dfa:
            var table = [UInt32](repeating: 0, count: stateCount * stride)
            table.withUnsafeMutableBufferPointer { table in
                let rootRow = Int(newID[0]) * stride
                for c in 0..<stride { table[rootRow + c] = newID[0] * UInt32(stride) }
                for state in order {
                    let row = Int(newID[Int(state)]) * stride
                    if state != 0 {
                        let failRow = Int(newID[Int(fail[Int(state)])]) * stride
                        for c in 0..<stride { table[row + c] = table[failRow + c] }
                    }
                    builder.forEachEdge(of: state) { byte, target in
                        table[row + Int(classes[Int(byte)])] = newID[Int(target)] * UInt32(stride)
                    }
                }
            }
            dfa = table
            nfaDense = []; nfaDenseRow = []; nfaEdgeStart = []; nfaEdgeByte = []; nfaEdgeTarget = []; nfaFail = []
        case .nfa:
            var edgeStart: [UInt32] = [0]
            var edgeByte: [UInt8] = []
            var edgeTarget: [UInt32] = []
            var failOut = [UInt32](repeating: 0, count: stateCount)
            var edges: [(UInt8, UInt32)] = []
            for index in 0..<stateCount {
                let state = oldID[index]
                failOut[index] = newID[Int(fail[Int(state)])]
                if state != 0 {
                    edges.removeAll(keepingCapacity: true)
                    builder.forEachEdge(of: state) { byte, target in edges.append((byte, newID[Int(target)])) }
                    edges.sort { $0.0 < $1.0 }
                    for (byte, target) in edges {
                        edgeByte.append(byte)
                        edgeTarget.append(target)
                    }
                }
                edgeStart.append(UInt32(edgeByte.count))
            }
            // Dense rows for the states at most `Automaton.denseDepth` deep (in breadth-first
            // order, so a failure target's row is always complete first): failure chains from
            // deeper states end on one of them after a step or two.
            var denseRow = [UInt32](repeating: Automaton.none, count: stateCount)
            var dense: [UInt32] = []
            for state in order where builder.depth[Int(state)] <= Automaton.denseDepth && dense.count < Automaton.maxDenseRows << 8 {
                let index = Int(newID[Int(state)])
                let base = dense.count
                if state == 0 {
                    dense.append(contentsOf: repeatElement(newID[0], count: 256))
                } else {
                    let failRow = Int(denseRow[Int(failOut[index])]) << 8
                    dense.append(contentsOf: dense[failRow..<(failRow + 256)])
                }
                builder.forEachEdge(of: state) { byte, target in dense[base + Int(byte)] = newID[Int(target)] }
                denseRow[index] = UInt32(base >> 8)
            }
            dfa = []
            nfaDense = dense
            nfaDenseRow = denseRow
            nfaEdgeStart = edgeStart
            nfaEdgeByte = edgeByte
            nfaEdgeTarget = edgeTarget
            nfaFail = failOut
        }
    }
}
