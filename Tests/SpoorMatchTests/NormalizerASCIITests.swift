import Testing
@testable import SpoorMatch

/// The one-sweep ASCII path must give exactly what the full pipeline gives, and take the
/// ordinary text it exists for.
@Suite struct NormalizerASCIITests {
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

    @Test func agreesWithTheFullPipeline() {
        let normalizer = Normalizer()
        var rng = SplitMix64(seed: 0x5EED_A5C1)
        var taken = 0
        for _ in 0..<20_000 {
            let text = Self.randomText(&rng)
            guard let fast = normalizer.normalizeASCII(text) else { continue }
            taken += 1
            let full = normalizer.normalizeFully(text)
            #expect(fast == full, "\(text.debugDescription): \(fast.text.debugDescription) vs \(full.text.debugDescription)")
            if fast != full { return }
        }
        #expect(taken > 2_000, "the ASCII path took only \(taken) of 20,000 texts")
    }

    @Test(arguments: [
        "Vintage teak sideboard, 180 cm, collection only. Price: $450 ONO!",
        "iPhone 12 Pro 128GB - great condition (no scratches) #sale",
        "Size 10cm x 20cm, 2kg; see photos :)",
    ])
    func takesOrdinaryText(_ text: String) {
        let fast = Normalizer().normalizeASCII(text)
        #expect(fast != nil)
        #expect(fast == Normalizer().normalizeFully(text))
    }

    @Test(arguments: [
        "carved iv0ry", "i v o r y", "r.h.i.n.o", "rhino*horn", "p@ngolin", "ivoooory", "T-shirt", "S, M, L",
        "Éléphant", "іvоry",
    ])
    func declinesWhatNeedsRewriting(_ text: String) {
        #expect(Normalizer().normalizeASCII(text) == nil)
    }
}
