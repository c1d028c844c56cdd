extension Normalizer {
    /// The canonical form of text that has nothing to undo, written in one sweep over its
    /// UTF-8, or `nil` when the text needs the full pipeline.
    ///
    /// Most listing text has no disguise in it. Normalizing it only means folding each character
    /// (case, diacritics, width), lower-casing and joining the words with single spaces. This
    /// sweep does that without building units. It declines, and the caller runs the full
    /// pipeline, at the first sign of anything the full pipeline would rewrite:
    /// - a character that folds to several or is not precomputed, or a combining mark;
    /// - `@`, `$` or `!` between letters;
    /// - letters joined across symbols or emoji;
    /// - a short piece next to a single `.`, `-` or `_` (`t-shirt`, `iv.ory`);
    /// - one-character words in a row (`i v o r y`, `S, M, L`, `象 牙`);
    /// - a letter three times in a row, or a digit that reads as a letter (`iv0ry`);
    /// - a word that mixes Latin letters with look-alikes.
    ///
    /// What it returns is exactly what the full pipeline returns (a differential test checks).
    func normalizeInOneSweep(_ text: String) -> NormalizedText? {
        var text = text
        return text.withUTF8 { bytes in
            var sweep = Sweep()
            return sweep.run(bytes)
        }
    }
}

/// The state of one sweep: the word being read, what lies between it and the word before, and
/// the output so far.
private struct Sweep {
    /// One character of the current word.
    struct Unit {
        var scalar: UInt32
        var isLetter: Bool
        var start: UInt32
        var end: UInt32
    }

    var out = NormalizedText()
    var word: [Unit] = []
    var hasLatin = false, hasLookAlike = false
    // The word before: where it ended, its size, whether it had a letter and ended with one.
    var previousEnd: UInt32?
    var previousSize = 0
    var previousHasLetter = false
    var previousLastLetter: UInt32?
    // The units between the word before and this one.
    var gapUnits = 0
    var gapFirst: UInt32 = 0
    var gapAllJoining = true
    // One-character words in a row.
    var singles = 0
    var singlesUnspaced = false
    // The unit before, for `@`, `$` and `!` between letters.
    var lastWasLetter = false
    var leetPending = false

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) -> NormalizedText? {
        out.bytes.reserveCapacity(bytes.count)
        out.sources.reserveCapacity(bytes.count)
        word.reserveCapacity(32)
        let folding = ScalarFolding.shared
        var i = 0
        let n = bytes.count
        while i < n {
            // Decode one scalar (the text is valid UTF-8).
            let b0 = UInt32(bytes[i])
            let value: UInt32, width: Int
            if b0 < 0x80 {
                value = b0; width = 1
            } else if b0 < 0xE0 {
                value = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); width = 2
            } else if b0 < 0xF0 {
                value = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); width = 3
            } else {
                value = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F)
                width = 4
            }
            let start = UInt32(i), end = UInt32(i + width)
            i += width

            let scalar: UInt32, kind: ScalarKind
            if value < 0x80 {
                scalar = (0x41...0x5A).contains(value) ? value | 0x20 : value
                kind = ScalarFolding.asciiKinds[Int(value)]
            } else {
                guard let fold = folding.singleFold(value) else { return nil }
                guard fold.folded else { continue }  // folded away: no unit
                scalar = fold.scalar
                kind = ScalarFolding.kind(of: scalar)
            }
            switch kind {
            case .ignorable:
                continue  // dropped, as if not there
            case .mark:
                return nil
            case .letter, .digit:
                if leetPending && kind == .letter { return nil }  // p@ngolin
                leetPending = false
                let isLetter = kind == .letter
                if isLetter {
                    if scalar < 0x80 {
                        hasLatin = true
                    } else if Confusables.latinLetter(for: scalar) != nil {
                        hasLookAlike = true
                    }
                }
                word.append(Unit(scalar: scalar, isLetter: isLetter, start: start, end: end))
                lastWasLetter = isLetter
            default:
                if !word.isEmpty { guard finishWord() else { return nil } }
                leetPending = lastWasLetter && (scalar == 0x40 || scalar == 0x24 || scalar == 0x21)
                lastWasLetter = false
                if gapUnits == 0 { gapFirst = scalar }
                gapUnits += 1
                if !(scalar == 0x2A || (kind == .symbol && scalar >= 0x80)) { gapAllJoining = false }
            }
        }
        if !word.isEmpty { guard finishWord() else { return nil } }
        return out
    }

    /// Checks the word just read against everything the full pipeline would rewrite and writes
    /// it; `false` to decline.
    private mutating func finishWord() -> Bool {
        defer {
            word.removeAll(keepingCapacity: true)
            hasLatin = false
            hasLookAlike = false
            gapUnits = 0
            gapAllJoining = true
        }
        let n = word.count
        if hasLatin && hasLookAlike { return false }  // іvоry: look-alikes are folded
        // A letter three times in a row is squeezed (not in unspaced scripts).
        if n >= 3 {
            for k in 2..<n where word[k].isLetter && word[k].scalar == word[k - 1].scalar
                && word[k].scalar == word[k - 2].scalar && !WordEdge.isUnspacedScript(word[k].scalar) {
                return false
            }
        }
        if readsAsLeetspeak() { return false }
        // Words the full pipeline would join with the one before.
        let hasLetter = word.contains { $0.isLetter }
        if previousEnd != nil {
            if previousLastLetter != nil, word[0].isLetter, gapUnits > 0, gapAllJoining {
                return false  // iv🐘ory, rhino*horn
            }
            if gapUnits == 1, TokenEmitter.intraWordMarks.contains(gapFirst) {
                if let last = previousLastLetter, word[0].isLetter,
                   WordEdge.isUnspacedScript(last) && WordEdge.isUnspacedScript(word[0].scalar) {
                    return false  // 犀_角
                }
                if min(previousSize, n) <= 2 && previousHasLetter && hasLetter { return false }  // iv.ory
            }
        }
        // One-character words in a row may spell a word.
        let single = n == 1 && (word[0].isLetter || TokenEmitter.leetLetter(word[0].scalar) != nil)
        if single {
            singles += 1
            singlesUnspaced = singlesUnspaced || WordEdge.isUnspacedScript(word[0].scalar)
            if singles >= 3 || (singles >= 2 && singlesUnspaced) { return false }
        } else {
            singles = 0
            singlesUnspaced = false
        }
        // Write it.
        if let previousEnd {
            out.append(0x20, from: previousEnd..<word[0].start)
        }
        for unit in word {
            out.append(scalar: unit.scalar, from: unit.start..<unit.end)
        }
        previousEnd = word[n - 1].end
        previousSize = n
        previousHasLetter = hasLetter
        previousLastLetter = word[n - 1].isLetter ? word[n - 1].scalar : nil
        return true
    }

    private func readsAsLeetspeak() -> Bool {
        Normalizer.readsAsLeetspeak(count: word.count, isLetter: { word[$0].isLetter },
                                    isLeet: { TokenEmitter.leetLetter(word[$0].scalar) != nil })
    }
}

extension Normalizer {
    /// Whether a word of letters and digits (no `@`, `$`, `!`) is disguised the way leetspeak
    /// undoing looks for: a run of leetspeak digits between letters (`iv0ry`), or one such digit
    /// leading or ending four or more letters (`3lephant`, `rhin0`).
    @inline(__always)
    static func readsAsLeetspeak(count n: Int, isLetter: (Int) -> Bool, isLeet: (Int) -> Bool) -> Bool {
        guard n >= 3 else { return false }
        var k = 0
        while k < n {
            guard isLeet(k) else { k += 1; continue }
            let lo = k
            while k < n && isLeet(k) { k += 1 }
            if lo > 0 && k < n && isLetter(lo - 1) && isLetter(k) { return true }
        }
        if n >= 5 && isLeet(0) && (1..<5).allSatisfy(isLetter) { return true }
        if n >= 5 && isLeet(n - 1) && ((n - 5)..<(n - 1)).allSatisfy(isLetter) { return true }
        return false
    }
}
