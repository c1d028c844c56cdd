import Testing
@testable import SpoorMatch

/// The one-sweep path must give exactly what the full pipeline gives, and take the ordinary
/// text it exists for.
@Suite struct NormalizerSweepTests {
    /// ASCII pieces, weighted towards what the full pipeline rewrites.
    static let pieces: [String] = [
        "a", "b", "i", "v", "o", "r", "y", "I", "V", "O", "x", "k", "g", " ", " ", " ", "  ", ".", "-", "_",
        ",", "!", "#", "@", "$", "*", "**", "'", "(", ")", ":", "/", "0", "1", "2", "3", "4", "5", "7", "9",
        "\n", "\t", "ooo", "aa", "ivory", "Rhino", "horn", "10cm", "2kg", "mp3", "iv0ry", "3lephant", "rhin0",
        "t-shirt", "e.g.", "4x4", "S, M, L", "u2", "CAG", "1000", "\u{7F}", "\u{1}",
    ]

    static func randomText(_ rng: inout SplitMix64) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...24, using: &rng) { s += pieces.randomElement(using: &rng)! }
        return s
    }

    /// Non-ASCII pieces: accented and full-width Latin, look-alikes, CJK, Thai, emoji, marks,
    /// ignorables and characters that fold to several.
    static let unicodePieces: [String] = NormalizerPropertyTests.pieces + [
        "café", "ngà voi", "Elfenbein", "слоновая", "кость", "象牙", "手镯", "犀角", "งาช้าง", "🔥", "✅", "👍🏽",
        "１２", "ｉｖｏｒｙ", "－", "・", "ß", "æ", "ﬁ", "é", " ", " ", ", ", "Ｉ",
    ] + thaiAndFoldPieces

    /// Thai with its marks, marks in odd places, short hyphenated words and letters that fold to
    /// several: what the sweep takes since it keeps marks and writes `ß` as `ss`.
    static let thaiAndFoldPieces: [String] = [
        "งาช้าง", "ช้", "น้ำ", "ที่", "ก", "ก", "ข", "\u{E49}", "\u{E34}", "\u{E48}\u{E49}", "กกก", "๑๒", "ไม้",
        "\u{301}", "\u{300}", "ｿﾞ", "\u{FF9E}", "か\u{3099}", "象\u{301}", "1\u{E49}",
        "burn-in", "co-op", "x-ray", "-", "-", ".", "_", "in", "at", "ab", "1", "a1", "4",
        "ß", "Straße", "ẞ", "æ", "Æ", "œ", "Œuvre", "ﬁ", "ﬂ", "½", "ĳ",
        "е", "о", "і", "Ф", "0", "3", "7",
    ]

    static func randomUnicodeText(_ rng: inout SplitMix64) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...24, using: &rng) { s += unicodePieces.randomElement(using: &rng)! }
        return s
    }

    /// Texts mostly of Thai, marks, hyphenated words and several-letter folds, with words, digits
    /// and separators between them: dense enough that the sweep takes many of them.
    static func randomThaiAndFoldText(_ rng: inout SplitMix64) -> String {
        let glue = [" ", " ", " ", "  ", ", ", "-", ".", "ivory", "horn", "Rhino", "10cm", "слон", "象牙", "é"]
        var s = ""
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            s += Bool.random(using: &rng) ? thaiAndFoldPieces.randomElement(using: &rng)! : glue.randomElement(using: &rng)!
        }
        return s
    }

    /// Which fast path, on which texts.
    enum Variant: String, CaseIterable {
        case asciiPathOnASCII, sweepOnASCII, sweepOnUnicode, sweepOnThaiAndFolds
    }

    @Test(arguments: Variant.allCases)
    func agreesWithTheFullPipeline(_ variant: Variant) {
        let normalizer = Normalizer()
        var rng = SplitMix64(seed: variant == .sweepOnUnicode ? 0x5EED_0C0DE : variant == .sweepOnThaiAndFolds ? 0x5EED_7A1 : 0x5EED_A5C1)
        var taken = 0
        for _ in 0..<20_000 {
            let text = switch variant {
            case .sweepOnUnicode: Self.randomUnicodeText(&rng)
            case .sweepOnThaiAndFolds: Self.randomThaiAndFoldText(&rng)
            default: Self.randomText(&rng)
            }
            let fast = variant == .asciiPathOnASCII ? normalizer.normalizeASCII(text) : normalizer.normalizeInOneSweep(text)
            guard let fast else { continue }
            taken += 1
            let full = normalizer.normalizeFully(text)
            #expect(fast == full, "\(text.debugDescription): \(fast.text.debugDescription) vs \(full.text.debugDescription)")
            if fast != full { return }
        }
        #expect(taken > 2_000, "the fast path took only \(taken) of 20,000 texts")
    }

    @Test(arguments: [
        "Vintage teak sideboard, 180 cm, collection only. Price: $450 ONO!",
        "iPhone 12 Pro 128GB - great condition (no scratches) #sale",
        "Size 10cm x 20cm, 2kg; see photos :)",
        "Bracelet en ivoire ancien, très beau 🔥", "Vòng tay ngà voi thật, giá tốt", "全新未拆 包邮 ２件", "Продам кость, недорого",
        "กำไลงาช้างแท้ ราคาถูก", "ขายไม้แกะสลัก น้ำหนัก 2 กก.", "Straße 12, Œuvre complète", "encyclopædia 1911", "burn-in, x-ray, e-mail", "T-shirt", "r.h.i.n.o",
    ])
    func takesOrdinaryText(_ text: String) {
        let fast = Normalizer().normalizeInOneSweep(text)
        #expect(fast != nil)
        #expect(fast == Normalizer().normalizeFully(text))
        if text.utf8.allSatisfy({ $0 < 0x80 }) { #expect(Normalizer().normalizeASCII(text) == fast) }
    }

    @Test(arguments: [
        "carved iv0ry", "i v o r y", "rhino*horn", "p@ngolin", "ivoooory", "S, M, L",
        "іvоry", "iv🐘ory", "象 牙", "犀_角", "e\u{301}lephant", "ﾊﾞﾝ", "co-op", "a-1b", "1½", "ช้ ช้",
    ])
    func declinesWhatNeedsRewriting(_ text: String) {
        #expect(Normalizer().normalizeInOneSweep(text) == nil)
        #expect(Normalizer().normalizeASCII(text) == nil)
    }
}
