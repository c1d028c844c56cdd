import Testing
@testable import SpoorMatch

@Suite struct AutomatonTests {
    func build(_ patterns: [String], kind: MatchKind = .leftmostLongest,
               boundaries: WordBoundaryPolicy = .none, representation: Automaton.Representation? = nil) -> Automaton {
        var builder = AutomatonBuilder(options: .init(matchKind: kind, boundaries: boundaries, representation: representation))
        for p in patterns { builder.add(Array(p.utf8)) }
        return builder.build()
    }

    func found(_ automaton: Automaton, _ patterns: [String], in text: String) -> [String] {
        automaton.matches(in: Array(text.utf8)).map { patterns[$0.pattern] }
    }

    @Test func overlappingReportsEveryOccurrence() {
        let patterns = ["he", "she", "his", "hers"]
        let a = build(patterns, kind: .overlapping)
        #expect(found(a, patterns, in: "ushers") == ["she", "he", "hers"])
        #expect(a.matches(in: Array("ushers".utf8)).map(\.range) == [1..<4, 2..<4, 2..<6])
    }

    @Test func leftmostLongestPrefersEarliestThenLongest() {
        let patterns = ["rhino", "rhino horn", "horn", "ivory"]
        let a = build(patterns)
        #expect(found(a, patterns, in: "real rhino horn and ivory") == ["rhino horn", "ivory"])
        // An earlier start wins over a longer later match.
        let b = build(["abcd", "bcdefgh"])
        #expect(b.matches(in: Array("abcdefgh".utf8)) == [Match(pattern: 0, start: 0, end: 4)])
        // A suffix match is found when the longer candidate fails to complete.
        let c = build(["abcd", "bc"])
        #expect(c.matches(in: Array("abcx".utf8)) == [Match(pattern: 1, start: 1, end: 3)])
    }

    @Test func emptyAndDuplicatePatterns() {
        let a = build(["", "tusk", "tusk"], kind: .overlapping)
        #expect(a.patternCount == 3)
        #expect(a.matches(in: Array("a tusk".utf8)).map(\.pattern) == [1, 2])
        let b = build(["", "tusk", "tusk"])
        #expect(b.matches(in: Array("a tusk".utf8)).map(\.pattern) == [1])
        #expect(build([""]).matches(in: Array("anything".utf8)).isEmpty)
    }

    @Test func wordBoundariesForSpacedScriptsOnly() {
        let patterns = ["ivory", "python", "象牙", "งาช้าง"]
        let a = build(patterns, boundaries: .words)
        #expect(found(a, patterns, in: "ivory white") == ["ivory"])
        #expect(found(a, patterns, in: "ivorywhite").isEmpty)
        #expect(found(a, patterns, in: "pythonic code").isEmpty)
        // Latin next to Han is a boundary; Han needs none.
        #expect(found(a, patterns, in: "出售象牙手镯 ivory象牙") == ["象牙", "ivory", "象牙"])
        #expect(found(a, patterns, in: "ขายงาช้างแท้") == ["งาช้าง"])
        // Non-Latin spaced scripts keep boundaries.
        let r = build(["кость"], boundaries: .words)
        #expect(r.matches(in: Array("слоновая кость".utf8)).count == 1)
        #expect(r.matches(in: Array("костью".utf8)).isEmpty)
    }

    @Test func containsMatchStopsEarly() {
        let a = build(["pangolin"])
        #expect(a.containsMatch(in: Array("pangolin scales".utf8)))
        #expect(!a.containsMatch(in: Array("pango lin".utf8)))
    }

    @Test func sizeLimitChoosesRepresentation() {
        var builder = AutomatonBuilder(options: .init(dfaSizeLimit: 64))
        builder.add(Array("hawksbill".utf8))
        #expect(builder.build().representation == .nfa)
        var roomy = AutomatonBuilder()
        roomy.add(Array("hawksbill".utf8))
        let a = roomy.build()
        #expect(a.representation == .dfa)
        #expect(a.classCount == 9)  // h a w k s b i l + "other"
        #expect(a.memoryBytes > 0)
    }
}
