extension Normalizer {
    /// The canonical form of plain ASCII text, written straight from its bytes, or `nil`.
    ///
    /// The fastest of the three paths, for the text most listings are written in: it declines
    /// at the first non-ASCII byte (``normalizeInOneSweep(_:)`` is next) and on the same signs
    /// of a disguise as that sweep (the full pipeline then runs). What it returns is exactly
    /// what the full pipeline returns (a differential test checks).
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
                if letters > 0 && digits > 0 && Self.readsAsLeetspeak(count: word.count, isLetter: { Self.isLetter(word[$0]) },
                                                                         isLeet: { TokenEmitter.leetLetter(UInt32(word[$0])) != nil }) {
                    return nil
                }
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
}
