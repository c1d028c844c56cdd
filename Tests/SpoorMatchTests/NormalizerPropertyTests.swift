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

    /// Explicit bidi controls and right-to-left text, added to ``pieces`` for the bidi properties.
    static let bidiPieces: [String] = [
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}", "\u{202E}", "\u{202C}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}", "\u{200E}", "\u{200F}",
        "ש", "נ", "ה", "ב", "ع", "ا", "ج", "١", "٢", "\u{5B4}", "\u{64E}", "ק״ג", "\r\n", "\u{2029}", "\u{1}",
    ]

    static func randomBidiText(_ rng: inout SplitMix64) -> String {
        var s = ""
        for _ in 0..<Int.random(in: 0...40, using: &rng) {
            s += (Bool.random(using: &rng) ? bidiPieces : pieces).randomElement(using: &rng)!
        }
        return s
    }

    /// The characters of `text` in `reading`'s order, and for each UTF-8 offset of that string
    /// the offset of the same byte in `text`.
    static func readingString(_ text: String, _ reading: BidiReading) -> (String, [Int]) {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = [], map: [Int] = []
        for piece in reading.pieces {
            for k in Int(piece.lowerBound)..<Int(piece.upperBound) {
                bytes.append(utf8[k])
                map.append(k)
            }
        }
        return (String(decoding: bytes, as: UTF8.self), map)
    }

    @Test func withBidiControlsEveryRangeStillMapsBackToAValidRange() {
        var rng = SplitMix64(seed: 17)
        let normalizer = Normalizer()
        for _ in 0..<2000 {
            let text = Self.randomBidiText(&rng)
            let n = normalizer.normalize(text)
            let utf8 = Array(text.utf8)
            let context = "text \(text.unicodeScalars.map { String($0.value, radix: 16) })"
            #expect(n.sources.count == n.bytes.count)
            var previousStart = 0
            for k in n.bytes.indices {
                let start = Int(n.sources[k].start), end = Int(n.sources[k].end)
                #expect(start <= end && end <= utf8.count, "\(context)")
                // On scalar boundaries.
                #expect(start == utf8.count || utf8[start] & 0xC0 != 0x80, "\(context)")
                #expect(end == utf8.count || utf8[end] & 0xC0 != 0x80, "\(context)")
                if n.bidiControls.isEmpty { #expect(start >= previousStart, "\(context)") }
                previousStart = start
            }
            // Any range of whole normalized characters maps to a valid substring.
            var boundaries = [0]
            for s in n.text.unicodeScalars { boundaries.append(boundaries.last! + UTF8.width(s)) }
            for _ in 0..<5 where boundaries.count > 1 {
                let a = boundaries.randomElement(using: &rng)!, b = boundaries.randomElement(using: &rng)!
                let range = min(a, b)..<max(a, b)
                let source = n.sourceRange(of: range)
                #expect(source.lowerBound >= 0 && source.upperBound <= utf8.count && source.lowerBound <= source.upperBound, "\(context)")
                #expect(n.original(of: range, in: text).utf8.count == source.count)
                // Read out of stored order, a range's source holds every byte's source, and maps
                // back onto (at least) the range.
                guard !n.bidiControls.isEmpty, !range.isEmpty else { continue }
                for k in range {
                    #expect(Int(n.sources[k].start) >= source.lowerBound && Int(n.sources[k].end) <= source.upperBound, "\(context)")
                }
                let back = n.normalizedRange(covering: source)
                #expect(back.lowerBound <= range.lowerBound && back.upperBound >= range.upperBound, "\(context)")
            }
            // Idempotent: the controls are gone from the normalized text.
            #expect(normalizer.canonical(n.text) == n.text, "\(context)")
            #expect(!n.text.unicodeScalars.contains { BidiClass.isExplicitControl($0.value) })
        }
    }

    @Test func readingOrderIsAPermutationOfTheCharactersLessControls() {
        var rng = SplitMix64(seed: 19)
        let normalizer = Normalizer()
        for _ in 0..<2000 {
            let text = Self.randomBidiText(&rng)
            let reading = BidiReading(text)
            var expected: [Range<UInt32>] = []
            var offset: UInt32 = 0
            for c in text {
                let width = UInt32(c.utf8.count)
                if !(c.unicodeScalars.count == 1 && BidiClass.isExplicitControl(c.unicodeScalars.first!.value)) {
                    expected.append(offset..<(offset + width))
                }
                offset += width
            }
            let context = "text \(text.unicodeScalars.map { String($0.value, radix: 16) })"
            #expect(reading.pieces.sorted { $0.lowerBound < $1.lowerBound } == expected, "\(context)")
            // Normalizing the text is normalizing its characters in reading order, each byte
            // mapped to the same character.
            // Text without an explicit control is normalized as stored.
            guard text.unicodeScalars.contains(where: { BidiClass.isExplicitControl($0.value) }) else { continue }
            let (string, map) = Self.readingString(text, reading)
            let n = normalizer.normalize(text), r = normalizer.normalize(string)
            #expect(n.bytes == r.bytes, "\(context)")
            guard n.bytes == r.bytes else { return }
            for k in n.bytes.indices where n.bytes[k] != 0x20 && r.sources[k].start < r.sources[k].end {
                // A letter: its source is the same character (marks it took in may widen it).
                let mapped = map[Int(r.sources[k].start)]
                #expect(Int(n.sources[k].start) <= mapped && mapped < Int(n.sources[k].end), "\(context)")
            }
        }
    }

    /// Embeddings and isolates say which way text is read: without an override, text reads
    /// exactly as stored, however its controls nest.
    @Test func textWithoutOverridesReadsInStoredOrder() {
        var rng = SplitMix64(seed: 23)
        for _ in 0..<2000 {
            let text = Self.randomBidiText(&rng).unicodeScalars.filter { $0 != "\u{202D}" && $0 != "\u{202E}" }
            let string = String(String.UnicodeScalarView(text))
            let reading = BidiReading(string)
            #expect(!reading.reordered && reading.controls.isEmpty, "text \(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// With overrides, the letters outside them still read as stored: only what an override
    /// governs moves, and the text around it.
    @Test func lettersOutsideOverridesReadInStoredOrder() {
        var rng = SplitMix64(seed: 31)
        for _ in 0..<2000 {
            let string = Self.randomBidiText(&rng)
            let reading = BidiReading(string)
            let utf8 = Array(string.utf8)
            let outside = reading.pieces.filter { piece in
                let first = String(decoding: utf8[Int(piece.lowerBound)..<Int(piece.upperBound)], as: UTF8.self).unicodeScalars.first!
                let letter = first.properties.isAlphabetic && [.L, .R, .AL].contains(BidiClass.of(first.value))
                return letter && !reading.controls.contains { $0.scope.contains(Int(piece.lowerBound)) }
            }
            #expect(outside == outside.sorted { $0.lowerBound < $1.lowerBound },
                    "text \(string.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func aRightToLeftOverrideReadsAsTheReversedText() {
        // Without right-to-left letters, tabs or line breaks, RLO + s reads as s reversed.
        let plain = Self.pieces.filter { !$0.contains("\n") && !$0.contains("\t") }
        var rng = SplitMix64(seed: 29)
        let normalizer = Normalizer()
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<Int.random(in: 0...30, using: &rng) { s += plain.randomElement(using: &rng)! }
            let reversed = String(s.reversed())
            #expect(normalizer.canonical("\u{202E}" + s) == normalizer.canonical(reversed),
                    "text \(s.unicodeScalars.map { String($0.value, radix: 16) })")
            // PDF ends it. (Digits right after it would join its right-to-left run: a letter first.)
            #expect(normalizer.canonical("\u{202E}" + s + "\u{202C} x " + s) == normalizer.canonical(reversed + " x " + s))
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
