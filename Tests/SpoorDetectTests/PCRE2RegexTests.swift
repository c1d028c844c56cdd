import Testing
@testable import SpoorDetect

@Suite("PCRE2Regex")
struct PCRE2RegexTests {
    @Test func basicMatchGivesByteOffsets() throws {
        let regex = try PCRE2Regex("iv(o|0)ry")
        #expect(try regex.firstMatch(in: "raw ivory tusk") == 4..<9)
        #expect(try regex.firstMatch(in: "raw iv0ry tusk") == 4..<9)
        #expect(try regex.firstMatch(in: "no match here") == nil)
        #expect(try regex.firstMatch(in: "ivory and ivory", from: 1) == 10..<15)
        #expect(try regex.firstMatch(in: Array("raw ivory".utf8)) == 4..<9)
        #expect(try regex.matches("IVORY") == false)
        #expect(try regex.firstMatch(in: "") == nil)
        #expect(try regex.allMatches(in: [UInt8]()) == [])
        let nilBuffer = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        #expect(try regex.firstMatch(in: nilBuffer) == nil)
        #expect(try PCRE2Regex("x*").allMatches(in: nilBuffer) == [0..<0])
        #expect(try PCRE2Regex("").firstMatch(in: "abc") == 0..<0)
    }

    @Test func bufferOverloadMatchesArrayOverload() throws {
        let regex = try PCRE2Regex("tusk")
        let bytes = Array("one tusk, two tusks".utf8)
        let viaBuffer = try bytes.withUnsafeBufferPointer { buf in
            try regex.allMatches(in: buf)
        }
        #expect(viaBuffer == [4..<8, 14..<18])
        #expect(try regex.allMatches(in: bytes) == viaBuffer)
    }

    @Test func utf8TextGivesUTF8ByteOffsets() throws {
        let text = "象牙 ivory"  // 象 and 牙 are 3 bytes each, then a space
        let ivory = try PCRE2Regex("ivory")
        #expect(try ivory.firstMatch(in: text) == 7..<12)
        let tusk = try PCRE2Regex("象牙")
        #expect(try tusk.firstMatch(in: text) == 0..<6)
        #expect(try tusk.firstMatch(in: Array(text.utf8)) == 0..<6)
        let range = try #require(try ivory.firstMatch(in: text))
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[range], as: UTF8.self) == "ivory")
        // . matches one whole character, not one byte.
        let dot = try PCRE2Regex("^.")
        #expect(try dot.firstMatch(in: text) == 0..<3)
    }

    @Test func caselessAndUnicodeProperties() throws {
        let word = try PCRE2Regex(#"\bIVOIRE\b"#, options: .init(caseless: true))
        #expect(try word.firstMatch(in: "défenses en ivoire brut") == 13..<19)
        #expect(try word.firstMatch(in: "ivoirerie") == nil)
        // With UCP a CJK ideograph is a word character, so there is no \b before "ivoire".
        #expect(try word.firstMatch(in: "象牙ivoire") == nil)
        // Caseless matching folds non-ASCII letters too.
        let elephant = try PCRE2Regex("ÉLÉPHANT", options: .init(caseless: true))
        #expect(try elephant.firstMatch(in: "un éléphant") == 3..<13)
        // \w covers accented letters.
        let w = try PCRE2Regex(#"\w+"#)
        #expect(try w.firstMatch(in: "écaille") == 0..<8)
        // Without the option, matching is case-sensitive.
        let strict = try PCRE2Regex(#"\bIVOIRE\b"#)
        #expect(try strict.firstMatch(in: "ivoire") == nil)
    }

    @Test func compileErrorCarriesOffsetAndMessage() {
        let error = #expect(throws: PCRE2Error.self) {
            _ = try PCRE2Regex("(ab")
        }
        #expect(error?.kind == .compile)
        #expect(error?.offset == 3)
        #expect(error?.pattern == "(ab")
        #expect(error?.message == "missing closing parenthesis")
        #expect(error?.code ?? 0 > 0)
        #expect(error?.description == #"invalid pattern "(ab" at offset 3: missing closing parenthesis"#)

        let quantifier = #expect(throws: PCRE2Error.self) {
            _ = try PCRE2Regex("ab**")
        }
        #expect(quantifier?.kind == .compile)
        #expect(quantifier?.offset == 3)
        #expect(quantifier?.message.isEmpty == false)
    }

    @Test(arguments: [true, false])
    func catastrophicBacktrackingHitsALimitQuickly(jit: Bool) throws {
        let regex = try PCRE2Regex("^(a+)+$", options: .init(jit: jit))
        #expect(regex.isJIT == (jit && PCRE2Regex.isJITAvailable))
        let text = String(repeating: "a", count: 40) + "b"
        let clock = ContinuousClock()
        let start = clock.now
        let error = #expect(throws: PCRE2Error.self) {
            _ = try regex.firstMatch(in: text)
        }
        #expect(error?.kind == .matchLimit || error?.kind == .depthLimit)
        #expect(error?.pattern == "^(a+)+$")
        #expect(error?.description.contains("^(a+)+$") == true)
        // Unbounded, 40 a's backtrack for hours; the limit ends it at once (10 s allows a loaded machine).
        #expect(clock.now - start < .seconds(10))
        // The same pattern still matches text it can settle quickly.
        #expect(try regex.firstMatch(in: String(repeating: "a", count: 40)) == 0..<40)
    }

    @Test func deepNestingHitsDepthLimit() throws {
        let text = String(repeating: "ab", count: 20_000)
        for jit in [true, false] {
            let regex = try PCRE2Regex("(?:a|b)*$", options: .init(jit: jit))
            let error = #expect(throws: PCRE2Error.self) {
                _ = try regex.firstMatch(in: text)
            }
            #expect(error?.kind == .depthLimit)
        }
    }

    @Test func raisedLimitsAreHonoured() throws {
        let text = String(repeating: "ab", count: 2_000)
        let regex = try PCRE2Regex(
            "(?:a|b)*$", options: .init(depthLimit: 100_000, heapLimitKiB: 200_000, jit: false))
        #expect(try regex.firstMatch(in: text) == 0..<4_000)
    }

    @Test func invalidUTF8IsBadUTFError() throws {
        let regex = try PCRE2Regex("ivory")
        // "iv" then a lone continuation byte, then "ory".
        let bytes: [UInt8] = [0x69, 0x76, 0x80, 0x6F, 0x72, 0x79]
        let error = #expect(throws: PCRE2Error.self) {
            _ = try regex.firstMatch(in: bytes)
        }
        #expect(error?.kind == .badUTF)
        #expect(error?.offset == 2)
        #expect(error?.description.hasPrefix("invalid UTF-8 in text at byte 2") == true)

        // A truncated multi-byte sequence at the end.
        let truncated = Array("象牙".utf8).dropLast()
        let truncatedError = #expect(throws: PCRE2Error.self) {
            _ = try regex.allMatches(in: Array(truncated))
        }
        #expect(truncatedError?.kind == .badUTF)

        // A start offset inside a character is rejected for strings and bytes alike.
        let inside = #expect(throws: PCRE2Error.self) {
            _ = try regex.firstMatch(in: "象牙 ivory", from: 1)
        }
        #expect(inside?.kind == .badUTF)
        let insideBytes = #expect(throws: PCRE2Error.self) {
            _ = try regex.firstMatch(in: Array("象牙 ivory".utf8), from: 1)
        }
        #expect(insideBytes?.kind == .badUTF)
    }

    @Test func outOfRangeStartOffsetThrows() throws {
        let regex = try PCRE2Regex("a")
        let past = #expect(throws: PCRE2Error.self) {
            _ = try regex.firstMatch(in: "abc", from: 4)
        }
        #expect(past?.kind == .other)
        #expect(throws: PCRE2Error.self) {
            _ = try regex.allMatches(in: "abc", from: -1)
        }
        #expect(try regex.firstMatch(in: "abc", from: 3) == nil)
    }

    @Test func allMatchesStepsPastEmptyMatches() throws {
        let star = try PCRE2Regex("a*")
        #expect(try star.allMatches(in: "baaa") == [0..<0, 1..<4, 4..<4])
        #expect(try star.allMatches(in: "") == [0..<0])

        let empty = try PCRE2Regex("")
        #expect(try empty.allMatches(in: "abc") == [0..<0, 1..<1, 2..<2, 3..<3])
        // Empty matches step over whole characters, never into the middle of one.
        #expect(try empty.allMatches(in: "象牙") == [0..<0, 3..<3, 6..<6])
        #expect(try empty.allMatches(in: Array("象牙".utf8)) == [0..<0, 3..<3, 6..<6])

        let boundary = try PCRE2Regex(#"\b"#)
        #expect(try boundary.allMatches(in: "ivory tusk") == [0..<0, 5..<5, 6..<6, 10..<10])

        let lookahead = try PCRE2Regex("(?=a)|b")
        #expect(try lookahead.allMatches(in: "aab") == [0..<0, 1..<1, 2..<3])

        let words = try PCRE2Regex(#"\w+"#)
        #expect(try words.allMatches(in: "象牙 and ivory", from: 6) == [7..<10, 11..<16])
    }

    @Test func jitIsOnHere() throws {
        #expect(PCRE2Regex.isJITAvailable)
        let regex = try PCRE2Regex(#"\bivory\b"#)
        #expect(regex.isJIT)
        let interpreted = try PCRE2Regex(#"\bivory\b"#, options: .init(jit: false))
        #expect(!interpreted.isJIT)
        #expect(try interpreted.firstMatch(in: "raw ivory") == (try regex.firstMatch(in: "raw ivory")))
    }

    @Test func concurrentUseGivesSameResults() async throws {
        let regex = try PCRE2Regex(#"\b(?:ivory|象牙|tusks?)\b"#, options: .init(caseless: true))
        let line = "Raw IVORY tusk, 象牙 carving; tusks and ivory beads. "
        let text = String(repeating: line, count: 200)
        let expected = try regex.allMatches(in: text)
        #expect(expected.count == 1_000)

        let results = try await withThrowingTaskGroup(of: [Range<Int>].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    var last: [Range<Int>] = []
                    for _ in 0..<20 { last = try regex.allMatches(in: text) }
                    return last
                }
            }
            var all: [[Range<Int>]] = []
            for try await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        for result in results { #expect(result == expected) }
    }

    @Test func errorDescriptions() {
        let limit = PCRE2Error(kind: .matchLimit, code: -47, pattern: "x+")
        #expect(limit.message == "match limit exceeded")
        #expect(limit.description == #"matching pattern "x+" failed: match limit exceeded (PCRE2 error -47)"#)
        let unknown = PCRE2Error(kind: .other, code: 12_345)
        #expect(unknown.message.contains("12345"))
    }

    /// `matches(in:until:)` gives the same matches as `allMatches`, stopping after the first
    /// that satisfies the predicate.
    @Test func matchesStopAtTheFirstThatSatisfies() throws {
        let regex = try PCRE2Regex("\\bivory\\b|x*")
        let text = "ivory, ivory and more ivory"
        let all = try regex.allMatches(in: text)
        #expect(try regex.matches(in: text, until: { _ in false }) == all)
        #expect(try regex.matches(in: text, until: { _ in true }) == [all[0]])
        let second = all.filter { !$0.isEmpty }[1]
        let upToSecond = try regex.matches(in: Array(text.utf8), until: { $0 == second })
        #expect(upToSecond == Array(all.prefix { $0 != second }) + [second])
    }

    /// One scratch block (one ovector pair) serves patterns with any number of groups, in turn,
    /// with the same results as a fresh block per call.
    @Test(arguments: [true, false])
    func aScratchBlockIsSharedAcrossPatterns(jit: Bool) throws {
        let scratch = try #require(PCRE2Regex.MatchScratch())
        let text = "buy (ivory) 12 kg, ivory 3kg; no ivory"
        for pattern in [#"(i)(v)(o)(r)(y)"#, #"(\d+) ?(kg)"#, #"\bno (\w+)"#, "x?", #"(?<w>\w+)(?=,)"#] {
            let regex = try PCRE2Regex(pattern, options: .init(jit: jit))
            #expect(try regex.allMatches(in: Array(text.utf8), scratch: scratch) == regex.allMatches(in: Array(text.utf8)), "\(pattern)")
            #expect(try regex.allMatches(in: text, scratch: scratch) == regex.allMatches(in: text), "\(pattern)")
            #expect(try regex.matches(in: text, until: { _ in true }, scratch: scratch) == regex.matches(in: text, until: { _ in true }))
        }
    }
}
