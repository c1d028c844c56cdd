import Testing
@testable import SpoorMatch

/// Explicit bidi controls: text is matched in the order a reader reads it, and every normalized
/// byte still maps back to the character it came from.
@Suite struct NormalizerBidiTests {
    let normalizer = Normalizer()

    func canon(_ s: String) -> String { normalizer.canonical(s) }

    /// The original text a whole normalized string maps back to.
    func original(of n: NormalizedText, in text: String) -> Substring {
        n.original(of: 0..<n.bytes.count, in: text)
    }

    @Test func rightToLeftOverrideReadsReversedAndMapsBackToTheStoredWord() throws {
        let text = "Carved \u{202E}yrovi\u{202C} bangle"
        let n = normalizer.normalize(text)
        #expect(n.text == "carved ivory bangle")
        let ivory = try #require(n.text.utf8.firstRange(of: "ivory".utf8))
        let range = n.text.utf8.distance(from: n.text.utf8.startIndex, to: ivory.lowerBound)..<n.text.utf8.distance(from: n.text.utf8.startIndex, to: ivory.upperBound)
        // The match covers the characters as stored, without the controls.
        #expect(n.original(of: range, in: text) == "yrovi")
        let control = try #require(n.reorderingControl(of: range))
        #expect(control.scalar == "\u{202E}")
        #expect(control.effect == "displayed right-to-left by U+202E (RIGHT-TO-LEFT OVERRIDE)")
        #expect(control.scope == 7..<(7 + 3 + 5 + 3))  // RLO, yrovi, PDF
        // Words read in stored order are not reported as reordered.
        #expect(n.reorderingControl(of: 0..<6) == nil)
    }

    @Test func overrideAtTheStartAndTheFastPathDeclines() {
        let text = "\u{202E}yrovi"
        #expect(normalizer.normalizeInOneSweep(text) == nil)
        let n = normalizer.normalize(text)
        #expect(n.text == "ivory")
        #expect(original(of: n, in: text) == "yrovi")
        // Letter by letter: the i came from the stored i, the last byte.
        #expect(n.sources.first == .init(start: 7, end: 8))
        #expect(n.sources.last == .init(start: 3, end: 4))
    }

    @Test func nestedOverridesAndPDF() {
        // A second RLO inside the first reverses with it, as one run.
        #expect(canon("\u{202E}nroh \u{202E}onihr\u{202C}\u{202C}") == "rhino horn")
        // PDF ends the override: what follows reads as stored.
        #expect(canon("\u{202E}yrovi\u{202C} carved") == "ivory carved")
        #expect(canon("old \u{202E}yrovi\u{202C} and \u{202E}nroh\u{202C} lot") == "old ivory and horn lot")
        // A PDF with nothing open is ignored.
        #expect(canon("\u{202C}ivory\u{202C}") == "ivory")
    }

    @Test func leftToRightOverrideInsideRightToLeft() {
        // The LRO's word keeps its order and, inside the RLO, moves before the reversed one.
        #expect(canon("\u{202E}yrovi \u{202D}carved\u{202C}\u{202C}") == "carved ivory")
        // LRO on Hebrew shows its letters left to right: a Hebrew reader reads them reversed.
        #expect(canon("\u{202D}בהנש\u{202C}") == "שנהב")
    }

    @Test func plainRightToLeftScriptIsUnchanged() {
        for text in ["שנהב למכירה", "عاج للبيع", "קרן קרנף 2 ק״ג", "ivory عاج 50$"] {
            let n = normalizer.normalize(text)
            #expect(n.bidiControls.isEmpty)
            #expect(n == normalizer.normalizeFully(text))
            var previous: UInt32 = 0
            for span in n.sources {
                #expect(span.start >= previous)
                previous = span.start
            }
        }
        #expect(canon("שנהב למכירה") == "שנהב למכירה")
        #expect(canon("عاج للبيع") == "عاج للبيع")
        // Right-to-left text inside a right-to-left embedding reads as stored.
        let embedded = normalizer.normalize("\u{202B}שנהב למכירה\u{202C}")
        #expect(embedded.text == "שנהב למכירה")
        #expect(embedded.bidiControls.isEmpty)
    }

    @Test func embeddingsAndIsolatesDoNotReverseLatinWords() {
        // Latin letters in a right-to-left embedding or isolate still display left to right.
        #expect(canon("\u{202B}yrovi\u{202C}") == "yrovi")
        #expect(canon("\u{2067}yrovi\u{2069}") == "yrovi")
        #expect(canon("\u{2068}yrovi\u{2069}") == "yrovi")
        // An embedding says which way its text is read: with a right-to-left mark between the
        // words they show as "rhino horn", and a reader of right-to-left text reads them as
        // stored. Only overrides show letters against their own direction.
        let n = normalizer.normalize("\u{202B}horn \u{200F}rhino\u{202C}")
        #expect(n.text == "horn rhino")
        #expect(n.bidiControls.isEmpty)
    }

    @Test func anUnterminatedControlEndsAtTheEndOfItsParagraph() {
        #expect(canon("\u{202E}yrovi\ndevrac") == "ivory devrac")
        #expect(canon("\u{202E}yrovi\r\ndevrac") == "ivory devrac")
        #expect(canon("\u{2067}\u{202E}yrovi\u{2029}devrac") == "ivory devrac")
        // An isolate closes the overrides opened inside it.
        #expect(canon("\u{2066}\u{202E}yrovi\u{2069} devrac") == "ivory devrac")
    }

    @Test(arguments: ["\u{202E}", "ivory \u{202E}", "\u{202E}\u{202C}", "\u{2067}", "\u{2069}\u{202C}",
                      "\u{202E}\u{2068}\u{2069}\n", "\u{202E} \n", "\u{202E}\u{301}a", "ab\u{202E}\u{1}cd"])
    func controlsWithNothingOrLittleAfterThem(_ text: String) {
        let n = normalizer.normalize(text)
        for span in n.sources { #expect(span.start <= span.end && Int(span.end) <= text.utf8.count) }
        if !n.bytes.isEmpty {
            let source = n.sourceRange(of: 0..<n.bytes.count)
            #expect(source.lowerBound <= source.upperBound && source.upperBound <= text.utf8.count)
        }
        #expect(normalizer.canonical(n.text) == n.text)
    }

    @Test func depthLimitOverflowIsIgnored() {
        // 130 nested RLOs: those past the depth limit of 125 levels do nothing, and all close.
        let text = String(repeating: "\u{202E}", count: 130) + "yrovi" + String(repeating: "\u{202C}", count: 130) + " tail"
        #expect(canon(text) == "ivory tail")
    }

    @Test func bidiClassTable() {
        #expect(BidiClass.of(0x61) == .L)
        #expect(BidiClass.of(0x20) == .WS)
        #expect(BidiClass.of(0x0A) == .B)
        #expect(BidiClass.of(0x09) == .S)
        #expect(BidiClass.of(0x30) == .EN)
        #expect(BidiClass.of(0x05D0) == .R)     // א
        #expect(BidiClass.of(0x0627) == .AL)    // ا
        #expect(BidiClass.of(0x0661) == .AN)    // ١
        #expect(BidiClass.of(0x0301) == .NSM)
        #expect(BidiClass.of(0x202E) == .RLO)
        #expect(BidiClass.of(0x2069) == .PDI)
        #expect(BidiClass.of(0x4E00) == .L && BidiClass.of(0x9FA5) == .L)  // inside a First/Last range
        #expect(BidiClass.of(0x200F) == .R)     // RLM
        #expect(BidiClass.of(0x10FFFF) == .BN || BidiClass.of(0x10FFFF) == .L)
        for v: UInt32 in [0x202A, 0x202E, 0x2066, 0x2069] { #expect(BidiClass.isExplicitControl(v)) }
        for v: UInt32 in [0x2029, 0x202F, 0x2065, 0x206A, 0x200F, 0x61] { #expect(!BidiClass.isExplicitControl(v)) }
    }

    @Test func reorderByLevels() {
        #expect(BidiResolver.reorder([0, 0, 1, 1, 0]) == [0, 1, 3, 2, 4])
        #expect(BidiResolver.reorder([1, 2, 2, 1]) == [3, 1, 2, 0])
        #expect(BidiResolver.reorder([]) == [])
        // Undoing L2 with the levels carried along gives the stored order back.
        var rng = SplitMix64(seed: 3)
        for _ in 0..<500 {
            let levels = (0..<Int.random(in: 0...12, using: &rng)).map { _ in UInt8.random(in: 0...4, using: &rng) }
            let screen = BidiResolver.reorder(levels)
            let back = BidiResolver.unreorder(screen.map { levels[$0] })
            #expect(back.map { screen[$0] } == Array(levels.indices))
        }
    }
}
