import Testing
import SpoorMatch
@testable import SpoorDetect

/// The prefilter derived from a rule's pattern: what it finds, and that it never lets a rule
/// skip a text the pattern matches.
@Suite struct RequiredFactorsTests {
    private func factors(_ pattern: String, caseless: Bool = false) -> [String: Bool]? {
        RequiredFactors.of(pattern, caseless: caseless).map { required in
            Dictionary(required.factors.map { (String(decoding: $0.bytes, as: UTF8.self), $0.afterBoundary) }, uniquingKeysWith: { $0 || $1 })
        }
    }

    @Test func namedGroupsAreReadWithTheirNames() {
        #expect(factors("(?'a'ivory|tusk)") == ["ivory": false, "tusk": false])
        #expect(factors("(?<a>ivory|tusk)") == ["ivory": false, "tusk": false])
        #expect(factors("(?P<a>ivory|tusk)") == ["ivory": false, "tusk": false])
    }

    /// After a combining mark (not a word character to PCRE2) a `\b` holds, so a derived literal
    /// counts there even though the word-start rule for hand-written literals says otherwise.
    @Test func aBoundaryLiteralCountsAfterACombiningMark() throws {
        let text = Array("हाथीivory".utf8)  // ends in the vowel sign ी, a spacing mark
        let at = text.count - 5
        #expect(try PCRE2Regex(#"\bivory"#).firstMatch(in: text) == at..<text.count)
        text.withUnsafeBufferPointer { buffer in
            #expect(!WordScan.startsWord(at: at, in: buffer))  // a hand-written literal would not count here
            #expect(WordScan.mayStartWord(at: at, in: buffer))
            #expect(!WordScan.mayStartWord(at: 3, in: buffer))  // inside हाथी, after the letter ह
        }
    }

    @Test func wordsAfterABoundaryMustStartAWord() {
        #expect(factors(#"\bfor sale\b"#) == ["for sale": true])
        #expect(factors(#"\b(?:tusks?|horn)\b"#) == ["tusk": true, "tusks": true, "horn": true])
        #expect(factors("colou?r") == ["color": false, "colour": false])
    }

    @Test func theMostSelectivePartOfAConcatenationIsKept() {
        // The digits are weaker than the unit words after them.
        #expect(factors(#"\b\d+ (?:months?|weeks?)\b(?! warranty)"#)
            == [" month": false, " months": false, " week": false, " weeks": false])
        #expect(factors(#"\d+ ?ตัว"#) == ["ตัว": false, " ตัว": false])
        // Alternatives add up.
        #expect(factors(#"\bbulk\b|公斤|克"#) == ["bulk": true, "公斤": false, "克": false])
    }

    @Test func classesUnderUnicodeMatchingAlsoAllowNonASCII() throws {
        let digits = try #require(RequiredFactors.of(#"\d{3}"#, caseless: false))
        #expect(digits.factors.count == 10)
        // Arabic-Indic, Thai and fullwidth digits may stand in; Han, Cyrillic and Latin-1 text cannot.
        for lead: UInt8 in [0xD9, 0xE0, 0xEF] { #expect(digits.leads.contains(lead)) }
        for lead: UInt8 in [0xC3, 0xD0, 0xD1, 0xE4, 0xE5] { #expect(!digits.leads.contains(lead)) }
        let spaces = try #require(RequiredFactors.of(#"\s"#, caseless: false))
        for lead: UInt8 in [0xC2, 0xE2, 0xE3] { #expect(spaces.leads.contains(lead)) }  // NBSP, thin space, ideographic space
        #expect(!spaces.leads.contains(0xE4))
        let caseless = try #require(RequiredFactors.of("Rp", caseless: true))
        // The Kelvin sign (E2) and long s (C5) pair with k and s.
        #expect(caseless.leads.contains(0xE2) && caseless.leads.contains(0xC5) && !caseless.leads.contains(0xE4))
    }

    @Test func patternsThatRequireNothingOrAreNotUnderstoodGiveNoGate() {
        for pattern in ["a?", "(?:x|)", ".+", "a*b*", "(?i)ivory", #"(a)\1"#, #"\p{Han}+"#, "[^a]", #"[\s\S]"#, #"[a\p{L}]"#,
                        "(?<a>x)?(?P>a)", "(?P<a>y)?(?P=a)", "[^[:digit:]]", "ab{,2}c", "x{ 2 }", "a{99999999999999999999}"] {
            #expect(RequiredFactors.of(pattern, caseless: false) == nil, "\(pattern)")
        }
    }

    @Test func theGateSendsLongStringsToTheAutomatonAndTheRestToAByteScan() throws {
        let gate = try #require(RuleGate.derive(pattern: #"\bcb\b|\b\d+ (?:mos?)\b|x"#, target: .normalized, caseless: false))
        #expect(gate.boundaryLiterals == ["cb"])
        #expect(gate.anywhereLiterals == [" mo", " mos"])
        #expect(gate.bytes.contains(UInt8(ascii: "x")) && !gate.bytes.contains(UInt8(ascii: "c")))
        // On the original text everything is a byte scan.
        let original = try #require(RuleGate.derive(pattern: #"[$€]\s?\d+"#, target: .original, caseless: true))
        #expect(original.boundaryLiterals.isEmpty && original.anywhereLiterals.isEmpty)
        #expect(original.bytes.contains(UInt8(ascii: "$")) && original.bytes.contains(0xE2))
    }

    /// Random patterns on random texts: whenever PCRE2 finds a match, the derived factors are
    /// there (a word-start factor where a word starts), or a non-ASCII character is.
    @Test func derivedFactorsAreInEveryTextAPatternMatches() throws {
        var rng = SplitMix64(seed: 0x5EED)
        var gated = 0, checked = 0
        for _ in 0..<3000 {
            let pattern = randomPattern(&rng, depth: 3)
            let caseless = rng.next() % 3 == 0
            guard let required = RequiredFactors.of(pattern, caseless: caseless),
                  let regex = try? PCRE2Regex(pattern, options: .init(caseless: caseless)) else { continue }
            gated += 1
            for _ in 0..<40 {
                let text = randomText(&rng)
                guard (try? regex.firstMatch(in: text)) != nil else { continue }
                checked += 1
                let bytes = Array(text.utf8)
                let present = bytes.contains { required.leads.contains($0) } || required.factors.contains { factor in
                    occurrences(of: factor.bytes, in: bytes).contains { start in
                        !factor.afterBoundary || bytes.withUnsafeBufferPointer { WordScan.mayStartWord(at: start, in: $0) }
                    }
                }
                #expect(present, "pattern \(pattern) matched \"\(text)\" but none of \(required.factors.map { String(decoding: $0.bytes, as: UTF8.self) }) is there")
                if !present { return }
            }
        }
        #expect(gated > 500 && checked > 2000, "too few cases exercised: \(gated) patterns, \(checked) matches")
    }

    private func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, needle.count <= haystack.count else { return [] }
        return (0...(haystack.count - needle.count)).filter { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }

    private func randomPattern(_ rng: inout SplitMix64, depth: Int) -> String {
        let pieces = 1 + Int(rng.next() % 4)
        var out = ""
        for _ in 0..<pieces {
            var atom: String
            switch rng.next() % (depth > 0 ? 12 : 8) {
            case 0, 1, 2: atom = ["a", "b", "c", " ", "1", "é", "_", "k", "s"][Int(rng.next() % 9)]
            case 3: atom = #"\b"#
            case 4: atom = [#"\d"#, #"\s"#, #"\w"#, "[ab]", "[a-c1]", ".", #"[\s\S]"#, #"[\pLb]"#][Int(rng.next() % 8)]
            case 5: atom = ["(?=a)", "(?!b)", "(?<=c)", "^", "$", "(?<n\(rng.next() % 1000)>ab)", "(?'m\(rng.next() % 1000)'ba)",
                            "[^[:digit:]]", "b{,2}", "[[:alpha:]]"][Int(rng.next() % 10)]
            case 6, 7: atom = ["ab", "ba", "cab", "a b"][Int(rng.next() % 4)]
            default:
                let branches = (0..<(1 + Int(rng.next() % 3))).map { _ in randomPattern(&rng, depth: depth - 1) }
                atom = "(?:" + branches.joined(separator: "|") + ")"
            }
            if !atom.hasPrefix("(?=") && !atom.hasPrefix("(?!") && !atom.hasPrefix("(?<=") && atom != #"\b"# && atom != "^" && atom != "$" {
                switch rng.next() % 8 {
                case 0: atom += "?"
                case 1: atom += "+"
                case 2: atom += "*"
                case 3: atom += "{2}"
                case 4: atom += "{1,3}"
                default: break
                }
            }
            out += atom
        }
        return out
    }

    private func randomText(_ rng: inout SplitMix64) -> String {
        // With look-alikes PCRE2's Unicode classes and caseless matching accept: an Arabic-Indic
        // digit, an ideographic space, the Kelvin sign and long s.
        let alphabet: [String] = ["a", "b", "c", " ", "1", "é", "_", "ab", "x", "٣", "\u{3000}", "\u{212A}", "\u{17F}", "k", "S",
                                  "\u{940}", "\u{652}", "ी", "{", "}", ","]
        return (0..<Int(rng.next() % 10)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
    }
}
