extension Normalizer {
    /// The canonical form of plain ASCII text, written straight from its bytes, or `nil` when the
    /// text needs the full pipeline.
    ///
    /// Most listing text in Latin script has nothing to undo. Then normalization only lower-cases
    /// words of letters and digits and joins them with single spaces, and this pass does that in
    /// one sweep without building units. It declines, and the caller runs the full pipeline,
    /// at the first sign of anything the full pipeline would rewrite: a non-ASCII byte, `@`, `$`
    /// or `!` between letters, letters joined across `*`, a short piece next to a single `.`,
    /// `-` or `_` (`t-shirt`, `iv.ory`), three one-character words in a row (`i v o r y`, also
    /// `S, M, L`), a letter three times in a row, or a digit that reads as a letter (`iv0ry`).
    /// What it returns is exactly what the full pipeline returns (a differential test checks).
    func normalizeASCII(_ text: String) -> NormalizedText? {
        var text = text
        return text.withUTF8 { bytes -> NormalizedText? in
            var out = NormalizedText()
            out.bytes.reserveCapacity(bytes.count)
            out.sources.reserveCapacity(bytes.count)
            var previousEnd = -1, previousSize = 0, previousHasLetter = false
            var singles = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let c = bytes[i]
                guard c < 0x80 else { return nil }
                guard Self.isAlphanumeric(c) else {
                    // `@`, `$`, `!` between two letters are leetspeak inside a word.
                    if c == 0x40 || c == 0x24 || c == 0x21, i > 0, i + 1 < n,
                       Self.isLetter(bytes[i - 1]), Self.isLetter(bytes[i + 1]) {
                        return nil
                    }
                    i += 1
                    continue
                }
                // A word: a run of letters and digits.
                let start = i
                var letters = 0, digits = 0
                var run = 0, previous: UInt8 = 0
                while i < n, Self.isAlphanumeric(bytes[i]) {
                    let lower = bytes[i] | (Self.isLetter(bytes[i]) ? 0x20 : 0)
                    if Self.isLetter(lower) {
                        letters += 1
                        run = lower == previous ? run + 1 : 1
                        if run >= 3 { return nil }  // ivoooory: repeats are squeezed
                    } else {
                        digits += 1
                        run = 0
                    }
                    previous = lower
                    i += 1
                }
                let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
                if letters > 0 && digits > 0 && Self.readsAsLeetspeak(word) { return nil }
                // Words the full pipeline would join with the one before.
                if previousEnd >= 0 {
                    let gap = bytes[previousEnd..<start]
                    if Self.isLetter(bytes[previousEnd - 1]) && Self.isLetter(bytes[start]) && gap.allSatisfy({ $0 == 0x2A }) {
                        return nil  // rhino*horn
                    }
                    if gap.count == 1, gap.first == 0x2E || gap.first == 0x2D || gap.first == 0x5F,
                       min(previousSize, word.count) <= 2, previousHasLetter, letters > 0 {
                        return nil  // iv.ory, t-shirt
                    }
                }
                // Three one-character words in a row may be a spelled-out word.
                let single = word.count == 1 && (letters == 1 || TokenEmitter.leetLetter(UInt32(word[0])) != nil)
                singles = single ? singles + 1 : 0
                if singles >= 3 { return nil }

                if previousEnd >= 0 {
                    out.append(0x20, from: UInt32(previousEnd)..<UInt32(start))
                }
                for k in start..<i {
                    let b = bytes[k]
                    out.append(Self.isLetter(b) ? b | 0x20 : b, from: UInt32(k)..<UInt32(k + 1))
                }
                previousEnd = i
                previousSize = word.count
                previousHasLetter = letters > 0
            }
            return out
        }
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    private static func isAlphanumeric(_ c: UInt8) -> Bool { isLetter(c) || (c >= 0x30 && c <= 0x39) }

    /// Whether a word of ASCII letters and digits is disguised the way leetspeak undoing looks
    /// for: a run of leetspeak digits between letters (`iv0ry`), or one such digit leading or
    /// ending four or more letters (`3lephant`, `rhin0`).
    private static func readsAsLeetspeak(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = word.count
        guard n >= 3 else { return false }
        func isLeet(_ c: UInt8) -> Bool { TokenEmitter.leetLetter(UInt32(c)) != nil }
        var k = 0
        while k < n {
            guard isLeet(word[k]) else { k += 1; continue }
            let lo = k
            while k < n && isLeet(word[k]) { k += 1 }
            if lo > 0 && k < n && isLetter(word[lo - 1]) && isLetter(word[k]) { return true }
        }
        if n >= 5 && isLeet(word[0]) && (1..<5).allSatisfy({ isLetter(word[$0]) }) { return true }
        if n >= 5 && isLeet(word[n - 1]) && ((n - 5)..<(n - 1)).allSatisfy({ isLetter(word[$0]) }) { return true }
        return false
    }
}
