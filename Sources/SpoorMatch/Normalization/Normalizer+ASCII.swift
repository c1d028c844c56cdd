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
            // Every input byte gives at most one output byte (a gap becomes one space), so the
            // output is written straight into buffers of the input's size.
            let n = bytes.count
            var declined = false
            var written = 0
            var sources: [NormalizedText.Span] = []
            let canonical = [UInt8](unsafeUninitializedCapacity: n) { outBytes, outCount in
                sources = [NormalizedText.Span](unsafeUninitializedCapacity: n) { outSources, sourceCount in
                    written = Self.sweepASCII(bytes, into: outBytes.baseAddress!, outSources.baseAddress!) ?? -1
                    if written < 0 { declined = true; written = 0 }
                    sourceCount = written
                }
                outCount = written
            }
            if declined { return nil }
            var out = NormalizedText()
            out.bytes = canonical
            out.sources = sources
            return out
        }
    }

    /// The ASCII sweep proper: writes the canonical bytes and their sources, returns how many,
    /// or `nil` at the first sign that the full pipeline is needed.
    private static func sweepASCII(_ bytes: UnsafeBufferPointer<UInt8>, into outBytes: UnsafeMutablePointer<UInt8>,
                                   _ outSources: UnsafeMutablePointer<NormalizedText.Span>) -> Int? {
            var count = 0
            func emit(_ byte: UInt8, _ start: Int, _ end: Int) {
                outBytes[count] = byte
                outSources[count] = NormalizedText.Span(start: UInt32(truncatingIfNeeded: start), end: UInt32(truncatingIfNeeded: end))
                count += 1
            }
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
                    emit(0x20, previousEnd, start)
                }
                for k in start..<i {
                    let b = bytes[k]
                    emit(Self.isLetter(b) ? b | 0x20 : b, k, k + 1)
                }
                previousEnd = i
                previousSize = word.count
                previousHasLetter = letters > 0
            }
            return count
    }

    private static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }

    private static func isAlphanumeric(_ c: UInt8) -> Bool { isLetter(c) || (c >= 0x30 && c <= 0x39) }
}
