import Testing
@testable import SpoorMatch

/// The automaton against ``NaiveMatcher`` on thousands of random pattern sets and texts.
@Suite struct AutomatonDifferentialTests {
    /// Pieces texts and patterns are made of: ASCII, a space, multi-byte UTF-8 and stray bytes.
    static let alphabet: [[UInt8]] = [
        [0x61], [0x62], [0x63], [0x20], Array("é".utf8), Array("象".utf8), Array("牙".utf8),
        Array("и".utf8), [0xFF], [0x80], [0x00],
    ]

    static func randomBytes(_ pieces: Int, _ rng: inout SplitMix64, alphabet: [[UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        for _ in 0..<pieces { out += alphabet.randomElement(using: &rng)! }
        return out
    }

    static func randomCase(_ rng: inout SplitMix64) -> (patterns: [[UInt8]], text: [UInt8]) {
        // Small alphabets make overlaps, shared prefixes and suffix chains common.
        let alphabet = Array(Self.alphabet.shuffled(using: &rng).prefix(Int.random(in: 2...6, using: &rng)))
        var patterns: [[UInt8]] = []
        for _ in 0..<Int.random(in: 0...24, using: &rng) {
            let roll = Int.random(in: 0..<10, using: &rng)
            if roll == 0 {
                patterns.append([])  // empty patterns never match
            } else if roll == 1, let earlier = patterns.randomElement(using: &rng) {
                patterns.append(earlier)  // duplicates each report their own id
            } else {
                patterns.append(randomBytes(Int.random(in: 1...5, using: &rng), &rng, alphabet: alphabet))
            }
        }
        let text = randomBytes(Int.random(in: 0...80, using: &rng), &rng, alphabet: alphabet)
        return (patterns, text)
    }

    @Test(arguments: MatchKind.allCases, Automaton.Representation.allCases)
    func agreesWithNaiveMatcher(kind: MatchKind, representation: Automaton.Representation) {
        var rng = SplitMix64(seed: 0x5EED_0000 + UInt64(kind == .overlapping ? 1 : 2))
        for policy in [WordBoundaryPolicy.none, .words] {
            for iteration in 0..<1500 {
                let (patterns, text) = Self.randomCase(&rng)
                var builder = AutomatonBuilder(options: .init(
                    matchKind: kind, boundaries: policy, representation: representation))
                builder.add(contentsOf: patterns)
                let automaton = builder.build()
                let naive = NaiveMatcher(patterns: patterns, boundaries: policy)
                let expected = kind == .overlapping ? naive.overlapping(text) : naive.leftmostLongest(text)
                let actual = automaton.matches(in: text)
                #expect(actual == expected, "iteration \(iteration) \(policy): patterns \(patterns) text \(text)")
                if actual != expected { return }
                #expect(automaton.countMatches(in: text) == expected.count)
                // Stopping early yields the first matches, in order (long texts are searched as
                // two walks whose second holds its matches back).
                var firstFew: [Match] = []
                text.withUnsafeBufferPointer { buffer in
                    automaton.forEachMatch(in: buffer) { firstFew.append($0); return firstFew.count < 3 }
                }
                #expect(firstFew == Array(expected.prefix(3)), "iteration \(iteration) \(policy): stopped early")
            }
        }
    }

    @Test func dfaAndNFAAgreeOnLargerRandomSets() {
        var rng = SplitMix64(seed: 42)
        let words = (0..<400).map { _ in Self.randomBytes(Int.random(in: 1...8, using: &rng), &rng, alphabet: Self.alphabet) }
        let text = Self.randomBytes(20_000, &rng, alphabet: Self.alphabet)
        for kind in MatchKind.allCases {
            var dfa = AutomatonBuilder(options: .init(matchKind: kind, representation: .dfa))
            var nfa = AutomatonBuilder(options: .init(matchKind: kind, representation: .nfa))
            dfa.add(contentsOf: words)
            nfa.add(contentsOf: words)
            let a = dfa.build(), b = nfa.build()
            #expect(a.representation == .dfa && b.representation == .nfa)
            #expect(a.matches(in: text) == b.matches(in: text))
            #expect(a.countMatches(in: text) > 0)
        }
    }
}
