import Testing
@testable import SpoorMatch

/// Properties that must hold for any text: normalization is idempotent and every normalized
/// range maps back to a valid range of the original.
@Suite struct NormalizerPropertyTests {
    /// Pieces random texts are made of: every class of character the normalizer treats specially.
    static let pieces: [String] = [
        "a", "b", "i", "v", "o", "r", "y", "I", "V", "O", " ", "  ", ".", "-", "_", ",", "!", "#", "@", "$",
        "*", "0", "1", "3", "4", "5", "7", "9", "é", "É", "e\u{301}", "ß", "đ", "ừ", "ｉ", "Ｖ", "𝐨", "ﬁ",
        "і", "о", "р", "у", "Υ", "ο", "α", "κ", "ж", "象", "牙", "犀", "ง", "า", "ช้", "が", "ｶﾞ", "한",
        "\u{200B}", "\u{200D}", "\u{00AD}", "\u{FE0F}", "🐘", "❤️", "👍🏽", "\n", "\t", "①", "¼", "㍿",
        "\u{301}", "\u{E33}", "ooo", "aaaa", "Σ", "ς", "İ",
    ]

    static func randomText(_ rng: inout SplitMix64) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...40, using: &rng) { s += pieces.randomElement(using: &rng)! }
        return s
    }

    @Test func idempotent() {
        var rng = SplitMix64(seed: 7)
        let normalizer = Normalizer()
        for _ in 0..<3000 {
            let text = Self.randomText(&rng)
            let once = normalizer.canonical(text)
            let twice = normalizer.canonical(once)
            #expect(once == twice, "text \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            if once != twice { return }
        }
    }

    @Test func everyRangeMapsBackToAValidRange() {
        var rng = SplitMix64(seed: 11)
        let normalizer = Normalizer()
        for _ in 0..<1500 {
            let text = Self.randomText(&rng)
            let n = normalizer.normalize(text)
            let utf8Count = text.utf8.count
            #expect(n.sources.count == n.bytes.count)
            // Every byte's source is a non-empty range inside the text, on scalar boundaries,
            // and sources never go backwards.
            var previousStart = 0
            for k in n.bytes.indices {
                let start = Int(n.sources[k].start), end = Int(n.sources[k].end)
                #expect(start <= end && end <= utf8Count)
                #expect(start >= previousStart)
                previousStart = start
            }
            // Any range of whole normalized characters maps to a valid substring.
            let scalars = Array(n.text.unicodeScalars)
            var boundaries = [0]
            for s in scalars { boundaries.append(boundaries.last! + UTF8.width(s)) }
            for _ in 0..<5 where boundaries.count > 1 {
                let a = boundaries.randomElement(using: &rng)!, b = boundaries.randomElement(using: &rng)!
                let range = min(a, b)..<max(a, b)
                let source = n.sourceRange(of: range)
                #expect(source.lowerBound >= 0 && source.upperBound <= utf8Count && source.lowerBound <= source.upperBound)
                let original = n.original(of: range, in: text)
                #expect(original.utf8.count == source.count)
            }
        }
    }

    @Test func validUTF8AndNoDoubleSpaces() {
        var rng = SplitMix64(seed: 13)
        let normalizer = Normalizer()
        for _ in 0..<1500 {
            let n = normalizer.normalize(Self.randomText(&rng))
            #expect(String(validating: n.bytes, as: UTF8.self) != nil)
            #expect(!n.text.contains("  ") && !n.text.hasPrefix(" ") && !n.text.hasSuffix(" "))
        }
    }
}
