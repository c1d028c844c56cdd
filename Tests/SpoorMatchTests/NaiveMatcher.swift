@testable import SpoorMatch

/// The obviously-correct quadratic matcher the automaton is checked against.
struct NaiveMatcher {
    let patterns: [[UInt8]]
    let boundaries: WordBoundaryPolicy

    private func occurs(_ p: [UInt8], at start: Int, in text: [UInt8]) -> Bool {
        guard !p.isEmpty, start + p.count <= text.count else { return false }
        return text[start..<start + p.count].elementsEqual(p)
    }

    private func acceptable(_ id: Int, start: Int, in text: [UInt8]) -> Bool {
        let flags = WordEdge.flags(for: patterns[id], policy: boundaries)
        return text.withUnsafeBufferPointer {
            WordEdge.accepts(start: start, end: start + patterns[id].count, flags: flags, in: $0)
        }
    }

    /// Every occurrence, ordered by end, then longest first, then lowest id.
    func overlapping(_ text: [UInt8]) -> [Match] {
        var out: [Match] = []
        for start in 0..<max(text.count, 1) {
            for (id, p) in patterns.enumerated() where occurs(p, at: start, in: text) && acceptable(id, start: start, in: text) {
                out.append(Match(pattern: id, start: start, end: start + p.count))
            }
        }
        return out.sorted { ($0.end, $0.start, $0.pattern) < ($1.end, $1.start, $1.pattern) }
    }

    /// Non-overlapping: leftmost start, then longest, then lowest id; resume at its end.
    func leftmostLongest(_ text: [UInt8]) -> [Match] {
        var out: [Match] = []
        var start = 0
        while start < text.count {
            var best: Match?
            for (id, p) in patterns.enumerated() where occurs(p, at: start, in: text) && acceptable(id, start: start, in: text) {
                if best == nil || p.count > best!.end - best!.start {
                    best = Match(pattern: id, start: start, end: start + p.count)
                }
            }
            if let best {
                out.append(best)
                start = best.end
            } else {
                start += 1
            }
        }
        return out
    }
}
