extension Automaton {
    /// Calls `body` with every match in `haystack`, in order of end (overlapping) or of start
    /// (leftmost-longest); `body` returns `false` to stop the search early.
    public func forEachMatch(
        in haystack: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Bool
    ) {
        withoutActuallyEscaping(body) { body in
            var sink = ClosureSink(body: body)
            run(haystack, &sink)
        }
    }

    /// Every match in `haystack`.
    public func matches(in haystack: UnsafeBufferPointer<UInt8>) -> [Match] {
        var sink = CollectSink()
        run(haystack, &sink)
        return sink.matches
    }

    /// Every match in `haystack`.
    public func matches(in haystack: some Collection<UInt8>) -> [Match] {
        withBuffer(haystack) { matches(in: $0) }
    }

    /// The number of matches in `haystack`, without materializing them.
    public func countMatches(in haystack: UnsafeBufferPointer<UInt8>) -> Int {
        var sink = CountSink()
        run(haystack, &sink)
        return sink.count
    }

    /// The number of matches in `haystack`, without materializing them.
    public func countMatches(in haystack: some Collection<UInt8>) -> Int {
        withBuffer(haystack) { countMatches(in: $0) }
    }

    /// Whether any pattern matches in `haystack`; stops at the first match.
    public func containsMatch(in haystack: some Collection<UInt8>) -> Bool {
        withBuffer(haystack) { buffer in
            var found = false
            forEachMatch(in: buffer) { _ in found = true; return false }
            return found
        }
    }

    private func withBuffer<R>(_ bytes: some Collection<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = bytes.withContiguousStorageIfAvailable(body) { return result }
        return Array(bytes).withUnsafeBufferPointer(body)
    }

    /// Dispatches on representation and match kind to one specialized loop.
    func run<Sink: MatchSink>(_ haystack: UnsafeBufferPointer<UInt8>, _ sink: inout Sink) {
        guard haystack.count > 0, matchStateCount > 0 else { return }
        withOutputs { outputs in
            switch representation {
            case .dfa:
                dfa.withUnsafeBufferPointer { table in
                    classes.withUnsafeBufferPointer { classes in
                        let step = DenseStep(
                            table: table.baseAddress!, classes: classes.baseAddress!, stride: stride)
                        search(step, outputs, haystack, &sink)
                    }
                }
            case .nfa:
                nfaDense.withUnsafeBufferPointer { dense in
                    nfaDenseRow.withUnsafeBufferPointer { denseRow in
                        nfaEdgeStart.withUnsafeBufferPointer { edgeStart in
                            nfaEdgeByte.withUnsafeBufferPointer { edgeByte in
                                nfaEdgeTarget.withUnsafeBufferPointer { edgeTarget in
                                    nfaFail.withUnsafeBufferPointer { fail in
                                        let step = SparseStep(
                                            dense: dense.baseAddress!, denseRow: denseRow.baseAddress!,
                                            rootState: matchStateCount,
                                            edgeStart: edgeStart.baseAddress!, edgeByte: edgeByte.baseAddress!,
                                            edgeTarget: edgeTarget.baseAddress!, fail: fail.baseAddress!)
                                        search(step, outputs, haystack, &sink)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private func withOutputs<R>(_ body: (Outputs) -> R) -> R {
        depth.withUnsafeBufferPointer { depth in
            ownStart.withUnsafeBufferPointer { ownStart in
                ownPatterns.withUnsafeBufferPointer { ownPatterns in
                    matchLink.withUnsafeBufferPointer { matchLink in
                        patternLength.withUnsafeBufferPointer { patternLength in
                            patternFlags.withUnsafeBufferPointer { patternFlags in
                                body(Outputs(
                                    depth: depth.baseAddress!, ownStart: ownStart.baseAddress!,
                                    ownPatterns: ownPatterns.baseAddress!,
                                    matchLink: matchLink.baseAddress!,
                                    patternLength: patternLength.baseAddress!,
                                    patternFlags: patternFlags.baseAddress!,
                                    checkBoundaries: boundaries != .none))
                            }
                        }
                    }
                }
            }
        }
    }

    @inline(__always)
    private func search<Step: TransitionStep, Sink: MatchSink>(
        _ step: Step, _ outputs: Outputs, _ haystack: UnsafeBufferPointer<UInt8>, _ sink: inout Sink
    ) {
        switch matchKind {
        case .overlapping:
            searchOverlapping(step, outputs, haystack, &sink)
        case .leftmostLongest:
            searchLeftmostLongest(step, outputs, haystack, &sink)
        }
    }

    /// Classic Aho-Corasick: after each byte, every pattern ending there is reported.
    @inline(__always)
    private func searchOverlapping<Step: TransitionStep, Sink: MatchSink>(
        _ step: Step, _ outputs: Outputs, _ haystack: UnsafeBufferPointer<UInt8>, _ sink: inout Sink
    ) {
        let bytes = haystack.baseAddress!
        let count = haystack.count
        if count >= Self.minSplitLength && count >= 2 &* maxDepth {
            searchOverlappingInTwo(step, outputs, haystack, &sink)
            return
        }
        let limit = step.matchLimit(matchStateCount)
        var state = step.start(matchStateCount)
        var i = 0
        while i < count {
            state = step.next(state, bytes[i])
            i &+= 1
            // Reporting is out of line: inlined, its registers pushed the state and the table
            // pointer of this loop onto the stack, a store and a load more on every byte's
            // dependency chain.
            if state < limit, !outputs.report(step.index(state), end: i, haystack, &sink) { return }
        }
    }

    /// The shortest haystack searched as two walks. Each walk takes `(count + maxDepth) / 2`
    /// steps, fewer than one walk's `count` from `count > maxDepth` on; twice `maxDepth` (and a
    /// floor for automata of short patterns) keeps a clear margin for the walks' setup.
    static let minSplitLength = 64

    /// Overlapping search as two interleaved walks. Each step of a walk waits on the table load of
    /// the step before, so a single walk leaves the core idle for most of every load; two
    /// independent walks overlap their loads.
    ///
    /// The first walk reads `[0, half)`, the second `[count - half, count)`, where the two overlap
    /// by at least ``maxDepth`` bytes. A state stands for the longest suffix of what was read that
    /// is a trie prefix, never longer than `maxDepth`, so once the second walk has read `maxDepth`
    /// bytes its states, and the matches they report, are exactly those of one walk from the
    /// start. It reports only what ends after `half`, and holds those matches (as state and end)
    /// until the first walk is done: the sink sees the same matches in the same order.
    @inline(__always)
    private func searchOverlappingInTwo<Step: TransitionStep, Sink: MatchSink>(
        _ step: Step, _ outputs: Outputs, _ haystack: UnsafeBufferPointer<UInt8>, _ sink: inout Sink
    ) {
        let first = haystack.baseAddress!
        let count = haystack.count
        let half = (count &+ maxDepth &+ 1) / 2
        let offset = count &- half  // where the second walk starts
        let second = first + offset
        let limit = step.matchLimit(matchStateCount)
        var a = step.start(matchStateCount), b = a
        var held = HeldMatches()
        var i = 0
        while i < half {
            a = step.next(a, first[i])
            b = step.next(b, second[i])
            i &+= 1
            if a < limit, !outputs.report(step.index(a), end: i, haystack, &sink) { return }
            if b < limit, offset &+ i > half { held.append(state: step.index(b), end: offset &+ i) }
        }
        for k in 0..<held.count {
            if !outputs.report(held.states[k], end: held.ends[k], haystack, &sink) { return }
        }
    }

    /// Leftmost-longest without a dedicated automaton: scan with the overlapping automaton until
    /// a match appears, then keep going only while a match starting at or before it is still
    /// possible (while `position - depth(state)` has not passed the best start), report the best
    /// and restart from the root at its end.
    @inline(__always)
    private func searchLeftmostLongest<Step: TransitionStep, Sink: MatchSink>(
        _ step: Step, _ outputs: Outputs, _ haystack: UnsafeBufferPointer<UInt8>, _ sink: inout Sink
    ) {
        let bytes = haystack.baseAddress!
        let count = haystack.count
        let limit = step.matchLimit(matchStateCount)
        let root = step.start(matchStateCount)
        var state = root
        var i = 0
        while i < count {
            state = step.next(state, bytes[i])
            i &+= 1
            guard state < limit else { continue }
            var best = Match(pattern: -1, start: Int.max, end: 0)
            outputs.consider(step.index(state), end: i, haystack, &best)
            guard best.pattern >= 0 else { continue }
            while i < count && i &- Int(outputs.depth[step.index(state)]) <= best.start {
                state = step.next(state, bytes[i])
                i &+= 1
                if state < limit { outputs.consider(step.index(state), end: i, haystack, &best) }
            }
            if !sink.accept(best) { return }
            i = best.end
            state = root
        }
    }
}

/// Raw views of the tables that describe match states, valid for one search.
@usableFromInline
struct Outputs {
    let depth: UnsafePointer<UInt32>
    let ownStart: UnsafePointer<UInt32>
    let ownPatterns: UnsafePointer<UInt32>
    let matchLink: UnsafePointer<UInt32>
    let patternLength: UnsafePointer<UInt32>
    let patternFlags: UnsafePointer<UInt8>
    let checkBoundaries: Bool

    /// Reports every acceptable pattern ending at `end` in match state `index`, longest first;
    /// `false` when the sink stops the search.
    @inline(never)
    func report<Sink: MatchSink>(
        _ index: Int, end: Int, _ haystack: UnsafeBufferPointer<UInt8>, _ sink: inout Sink
    ) -> Bool {
        var m = index
        repeat {
            for k in Int(ownStart[m])..<Int(ownStart[m &+ 1]) {
                let pattern = Int(ownPatterns[k])
                let start = end &- Int(patternLength[pattern])
                if checkBoundaries, !WordEdge.accepts(
                    start: start, end: end, flags: patternFlags[pattern], in: haystack) {
                    continue
                }
                if !sink.accept(Match(pattern: pattern, start: start, end: end)) { return false }
            }
            m = Int(matchLink[m])
        } while m != Int(Automaton.none)
        return true
    }

    /// Makes `best` the leftmost (then longest, then lowest-id) acceptable match among `best` and
    /// the patterns ending at `end` in match state `index`.
    @inline(__always)
    func consider(_ index: Int, end: Int, _ haystack: UnsafeBufferPointer<UInt8>, _ best: inout Match) {
        var m = index
        repeat {
            // Patterns come longest first, so the first acceptable one starts leftmost.
            for k in Int(ownStart[m])..<Int(ownStart[m &+ 1]) {
                let pattern = Int(ownPatterns[k])
                let start = end &- Int(patternLength[pattern])
                if start > best.start { return }
                if checkBoundaries, !WordEdge.accepts(
                    start: start, end: end, flags: patternFlags[pattern], in: haystack) {
                    continue
                }
                if start < best.start || end > best.end {
                    best = Match(pattern: pattern, start: start, end: end)
                }
                return
            }
            m = Int(matchLink[m])
        } while m != Int(Automaton.none)
    }
}

/// Matches of the second walk, kept as match state and end until the first walk is done.
struct HeldMatches {
    private(set) var states: [Int] = []
    private(set) var ends: [Int] = []
    var count: Int { states.count }

    // Out of line, like reporting: the walks' loop keeps its registers.
    @inline(never)
    mutating func append(state: Int, end: Int) {
        states.append(state)
        ends.append(end)
    }
}

/// One step of the automaton: the next state after a byte.
protocol TransitionStep {
    /// The state a search starts in.
    func start(_ matchStates: UInt32) -> UInt32
    /// States below this value are match states.
    func matchLimit(_ matchStates: UInt32) -> UInt32
    /// The state after reading `byte` in `state`.
    func next(_ state: UInt32, _ byte: UInt8) -> UInt32
    /// The plain index of a state, for the per-state tables.
    func index(_ state: UInt32) -> Int
}

/// The dense DFA: premultiplied state ids, one load per byte.
struct DenseStep: TransitionStep {
    let table: UnsafePointer<UInt32>
    let classes: UnsafePointer<UInt8>
    let stride: UInt32

    @inline(__always) func start(_ matchStates: UInt32) -> UInt32 { matchStates &* stride }
    @inline(__always) func matchLimit(_ matchStates: UInt32) -> UInt32 { matchStates &* stride }
    @inline(__always) func next(_ state: UInt32, _ byte: UInt8) -> UInt32 {
        table[Int(state &+ UInt32(classes[Int(byte)]))]
    }
    @inline(__always) func index(_ state: UInt32) -> Int { Int(state / stride) }
}

/// The compact NFA: dense rows for the shallowest states, sorted sparse edges elsewhere,
/// failure links.
struct SparseStep: TransitionStep {
    let dense: UnsafePointer<UInt32>
    let denseRow: UnsafePointer<UInt32>
    let rootState: UInt32
    let edgeStart: UnsafePointer<UInt32>
    let edgeByte: UnsafePointer<UInt8>
    let edgeTarget: UnsafePointer<UInt32>
    let fail: UnsafePointer<UInt32>

    @inline(__always) func start(_ matchStates: UInt32) -> UInt32 { rootState }
    @inline(__always) func matchLimit(_ matchStates: UInt32) -> UInt32 { matchStates }
    @inline(__always) func next(_ state: UInt32, _ byte: UInt8) -> UInt32 {
        var state = state
        while true {
            let row = denseRow[Int(state)]
            if row != Automaton.none { return dense[Int(row) << 8 | Int(byte)] }
            var k = Int(edgeStart[Int(state)])
            let end = Int(edgeStart[Int(state) &+ 1])
            while k < end {
                let b = edgeByte[k]
                if b == byte { return edgeTarget[k] }
                if b > byte { break }
                k &+= 1
            }
            state = fail[Int(state)]
        }
    }
    @inline(__always) func index(_ state: UInt32) -> Int { Int(state) }
}

/// Receives matches from a search; returns `false` to stop it.
protocol MatchSink {
    mutating func accept(_ match: Match) -> Bool
}

struct CountSink: MatchSink {
    var count = 0
    @inline(__always) mutating func accept(_ match: Match) -> Bool { count &+= 1; return true }
}

struct CollectSink: MatchSink {
    var matches: [Match] = []
    @inline(__always) mutating func accept(_ match: Match) -> Bool {
        // Room for a typical listing's matches at the first one: growing from one element
        // would allocate and copy four times for eight matches.
        if matches.capacity == 0 { matches.reserveCapacity(16) }
        matches.append(match)
        return true
    }
}

struct ClosureSink: MatchSink {
    let body: (Match) -> Bool
    @inline(__always) mutating func accept(_ match: Match) -> Bool { body(match) }
}
