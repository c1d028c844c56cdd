extension Normalizer {
    /// The canonical form of text that has nothing to undo, written in one sweep over its
    /// UTF-8, or `nil` when the text needs the full pipeline.
    ///
    /// Most listing text has no disguise in it. Normalizing it only means folding each character
    /// (case, diacritics, width), lower-casing and joining the words with single spaces. This
    /// sweep does that without building units. It declines, and the caller runs the full
    /// pipeline, at the first sign of anything the full pipeline would rewrite:
    /// - a character that folds to several that are not all ASCII letters (`½` → `1⁄2`; `ß` → `ss`
    ///   is taken), or whose fold is not precomputed;
    /// - a combining mark on a Latin, Greek or Cyrillic letter, or a kana voicing mark (marks of
    ///   scripts where they carry meaning, Thai `ช้าง`, are taken);
    /// - `@`, `$` or `!` between letters;
    /// - letters joined across symbols or emoji;
    /// - a short piece joined across a single `.`, `-` or `_` when the joined word would be
    ///   rewritten (`co-op`, `a-1b`; `burn-in` and `t-shirt` are joined here);
    /// - one-character words in a row (`i v o r y`, `S, M, L`, `象 牙`);
    /// - a letter three times in a row, or a digit that reads as a letter (`iv0ry`);
    /// - a word that mixes Latin letters with look-alikes;
    /// - an explicit bidi control (`U+202E`), which changes the order the text reads in;
    /// - a character whose fold takes more UTF-8 bytes than it does (`Ⱥ` → `ⱥ`), so the output
    ///   can be written into buffers of the input's size.
    ///
    /// What it returns is exactly what the full pipeline returns (a differential test checks).
    func normalizeInOneSweep(_ text: String) -> NormalizedText? {
        Self.sweep(text, asciiOnly: false)
    }

    /// Runs ``SweepWriter`` over the UTF-8 of `text`, straight into the result's arrays.
    static func sweep(_ text: String, asciiOnly: Bool) -> NormalizedText? {
        var text = text
        return text.withUTF8 { input -> NormalizedText? in
            let n = input.count
            guard n > 0 else { return NormalizedText() }
            // Every unit's fold is written in at most as many bytes as it was read from (the
            // sweep declines otherwise) and a gap becomes one space, so buffers of the input's
            // size hold the output: no growth, no uniqueness checks, no per-byte appends.
            var written = -1
            var sources: [NormalizedText.Span] = []
            let bytes = [UInt8](unsafeUninitializedCapacity: n) { outBytes, byteCount in
                sources = [NormalizedText.Span](unsafeUninitializedCapacity: n) { outSources, sourceCount in
                    var writer = SweepWriter(bytes: outBytes.baseAddress!, sources: outSources.baseAddress!)
                    written = writer.run(input, asciiOnly: asciiOnly) ? writer.count : -1
                    sourceCount = max(written, 0)
                }
                byteCount = max(written, 0)
            }
            guard written >= 0 else { return nil }
            var out = NormalizedText()
            out.bytes = bytes
            out.sources = sources
            return out
        }
    }
}

/// One sweep over UTF-8, writing canonical bytes and their sources as it reads.
///
/// The word being read is not buffered: its space and units go straight to the output, and what
/// the checks need is kept as it goes (its size, first and last unit, the current run of one
/// letter, whether it has letters, Latin letters, look-alikes, digits). A decline throws the
/// output away, so writing before a word is judged costs nothing. The state is plain stored
/// properties of a local value, not variables captured by local functions (their boxes are
/// checked for exclusive access at run time, on every access); the loop over a run of ASCII
/// letters works on local copies, which stay in registers.
struct SweepWriter {
    let out: UnsafeMutablePointer<UInt8>
    let spans: UnsafeMutablePointer<NormalizedText.Span>
    /// Bytes written so far.
    private(set) var count = 0

    // The word being read (`units == 0`: between words).
    private var units = 0
    private var wordOut = 0  // where its first byte was written
    private var firstScalar: UInt32 = 0, firstIsLetter = false
    private var lastScalar: UInt32 = 0, lastIsLetter = false, lastEnd: UInt32 = 0
    private var run = 0  // units in a row equal to the last one
    private var wordMarks = 0  // of its units, kept marks (ช้: one letter and a mark)
    private var hasLetter = false, hasLatin = false, hasLookAlike = false, hasDigit = false
    // The word before.
    private var hasPrevious = false
    private var previousEnd: UInt32 = 0, previousSize = 0, previousHasLetter = false
    private var previousLastScalar: UInt32 = 0, previousLastIsLetter = false
    private var previousOut = 0, previousHasLatin = false, previousHasLookAlike = false, previousHasDigit = false
    // The separators since the word before.
    private var gapUnits = 0, gapFirst: UInt32 = 0, gapAllJoining = true
    // One-character words in a row.
    private var singles = 0, singlesUnspaced = false
    // `@`, `$` or `!` right after a letter: declines if a letter follows.
    private var leetPending = false

    init(bytes: UnsafeMutablePointer<UInt8>, sources: UnsafeMutablePointer<NormalizedText.Span>) {
        self.out = bytes
        self.spans = sources
    }

    /// Sweeps `input`; `false` to decline (and, with `asciiOnly`, at the first non-ASCII byte).
    @inline(__always)
    mutating func run(_ input: UnsafeBufferPointer<UInt8>, asciiOnly: Bool) -> Bool {
        let p = input.baseAddress!
        let n = input.count
        var i = 0
        while i < n {
            let c = p[i]
            if c < 0x80 {
                let lower = c | 0x20
                if lower &- 0x61 < 26 {
                    // An ASCII letter: the common case, kept to a few instructions.
                    if leetPending { return false }  // p@ngolin
                    if units == 0 { startWord(UInt32(lower), isLetter: true, start: UInt32(truncatingIfNeeded: i)) }
                    hasLetter = true
                    hasLatin = true
                    if hasLookAlike { return false }  // іvоry
                    // The rest of the run of ASCII letters in a loop of its own, on local copies:
                    // the stored properties live in memory (finishWord takes `self` by reference).
                    var k = count, r = run, j = i, letter = lower
                    var last: UInt32 = units > 0 ? lastScalar : 0x100  // 0x100: no unit before
                    repeat {
                        let value = UInt32(letter)
                        if value == last {
                            r &+= 1
                            if r >= 3 { return false }  // ivoooory
                        } else {
                            r = 1
                        }
                        out[k] = letter
                        spans[k] = NormalizedText.Span(start: UInt32(truncatingIfNeeded: j), end: UInt32(truncatingIfNeeded: j &+ 1))
                        k &+= 1
                        j &+= 1
                        last = value
                        guard j < n else { break }
                        letter = p[j] | 0x20
                    } while letter &- 0x61 < 26 && p[j] < 0x80
                    units &+= j &- i
                    count = k
                    run = r
                    lastScalar = last
                    lastIsLetter = true
                    lastEnd = UInt32(truncatingIfNeeded: j)
                    i = j
                    continue
                }
                if c &- 0x30 < 10 {
                    leetPending = false
                    let scalar = UInt32(c)
                    if units == 0 { startWord(scalar, isLetter: false, start: UInt32(truncatingIfNeeded: i)) }
                    hasDigit = true
                    run = units > 0 && lastScalar == scalar ? run &+ 1 : 1
                    out[count] = c
                    spans[count] = NormalizedText.Span(start: UInt32(truncatingIfNeeded: i), end: UInt32(truncatingIfNeeded: i &+ 1))
                    count &+= 1
                    units &+= 1
                    lastScalar = scalar
                    lastIsLetter = false
                    i &+= 1
                    lastEnd = UInt32(truncatingIfNeeded: i)
                    continue
                }
                // ASCII space, punctuation or symbol; of them only `*` joins letters.
                guard separator(UInt32(c), joins: c == 0x2A) else { return false }
                i &+= 1
                continue
            }
            if asciiOnly { return false }
            guard unicode(p, &i) else { return false }
        }
        if units > 0 { guard finishWord() else { return false } }
        return true
    }

    /// Reads the non-ASCII scalar at `i` and moves past it; `false` to decline.
    private mutating func unicode(_ p: UnsafePointer<UInt8>, _ i: inout Int) -> Bool {
        // Decode one scalar (the text is valid UTF-8).
        let b0 = UInt32(p[i])
        let value: UInt32, width: Int
        if b0 < 0xE0 {
            value = (b0 & 0x1F) << 6 | UInt32(p[i &+ 1] & 0x3F); width = 2
        } else if b0 < 0xF0 {
            value = (b0 & 0x0F) << 12 | UInt32(p[i &+ 1] & 0x3F) << 6 | UInt32(p[i &+ 2] & 0x3F); width = 3
        } else {
            value = (b0 & 0x07) << 18 | UInt32(p[i &+ 1] & 0x3F) << 12 | UInt32(p[i &+ 2] & 0x3F) << 6
                | UInt32(p[i &+ 3] & 0x3F)
            width = 4
        }
        let start = UInt32(truncatingIfNeeded: i), end = UInt32(truncatingIfNeeded: i &+ width)
        i &+= width

        guard let fold = ScalarFolding.shared.singleFold(value) else {
            return severalLetters(value, start: start, end: end, width: width)
        }
        guard fold.folded else { return true }  // folded away: no unit
        let scalar = fold.scalar
        let kind = ScalarFolding.kind(of: scalar)
        switch kind {
        case .ignorable:
            // Dropped, as if not there; a bidi control reorders the text (the full pipeline).
            return !BidiClass.isExplicitControl(scalar)
        case .mark:
            return mark(scalar, start: start, end: end, width: width)
        case .letter, .digit:
            return unit(scalar, isLetter: kind == .letter, start: start, end: end, width: width)
        default:
            return separator(scalar, joins: scalar == 0x2A || (kind == .symbol && scalar >= 0x80))
        }
    }

    /// Adds a letter or digit whose fold is `scalar`, read from `width` bytes at `start..<end`;
    /// `false` to decline.
    @inline(__always)
    private mutating func unit(_ scalar: UInt32, isLetter: Bool, start: UInt32, end: UInt32, width: Int) -> Bool {
        if leetPending && isLetter { return false }  // p@ngolin
        leetPending = false
        if units == 0 { startWord(scalar, isLetter: isLetter, start: start) }
        if isLetter {
            hasLetter = true
            if scalar < 0x80 {
                hasLatin = true
            } else if Confusables.latinLetter(for: scalar) != nil {
                hasLookAlike = true
            }
            if hasLatin && hasLookAlike { return false }  // іvоry
        } else {
            hasDigit = true
        }
        // A letter three times in a row is squeezed (not in unspaced scripts).
        if units > 0 && lastScalar == scalar {
            run &+= 1
            if run >= 3 && isLetter && !WordEdge.isUnspacedScript(scalar) { return false }
        } else {
            run = 1
        }
        guard write(scalar, start: start, end: end, width: width) else { return false }
        units &+= 1
        lastScalar = scalar
        lastIsLetter = isLetter
        lastEnd = end
        return true
    }

    /// Writes the UTF-8 of `scalar`, every byte mapped to the whole source character
    /// `start..<end` of `width` bytes; `false` (to decline) when it would take more bytes.
    @inline(__always)
    private mutating func write(_ scalar: UInt32, start: UInt32, end: UInt32, width: Int) -> Bool {
        let span = NormalizedText.Span(start: start, end: end)
        if scalar < 0x80 {
            out[count] = UInt8(truncatingIfNeeded: scalar)
            spans[count] = span
            count &+= 1
        } else {
            let size = scalar < 0x800 ? 2 : scalar < 0x10000 ? 3 : 4
            guard size <= width else { return false }  // Ⱥ → ⱥ: longer than its source
            switch size {
            case 2:
                out[count] = UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6)
                out[count &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            case 3:
                out[count] = UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12)
                out[count &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
                out[count &+ 2] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            default:
                out[count] = UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18)
                out[count &+ 1] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F)
                out[count &+ 2] = UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F)
                out[count &+ 3] = UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F)
            }
            for k in 0..<size { spans[count &+ k] = span }
            count &+= size
        }
        return true
    }

    /// A combining mark whose fold is `scalar`; `false` to decline.
    ///
    /// The full pipeline keeps a mark as a unit of the word when it follows a letter, or a kept
    /// mark, of a script whose marks carry meaning (Thai ช้าง); it drops a mark with no letter
    /// before it. Those two are done here. A mark on Latin, Greek or Cyrillic (stripped, its
    /// source added to the letter's) and the kana voicing marks (composed with the kana) decline.
    private mutating func mark(_ scalar: UInt32, start: UInt32, end: UInt32, width: Int) -> Bool {
        if scalar == 0x3099 || scalar == 0x309A { return false }  // ｿﾞ → ゾ
        guard units > 0 else { return true }  // after a separator or at the start: dropped
        if lastIsLetter {
            if ScalarFolding.stripsMarks(lastScalar) { return false }  // e + ◌́: the letter's source grows
        } else if ScalarFolding.kind(of: lastScalar) != .mark {
            return true  // after a digit: dropped
        }
        // After a kept mark the letter it sits on is the same one, which keeps marks.
        guard write(scalar, start: start, end: end, width: width) else { return false }
        // A mark is never squeezed, but it breaks a run of one letter (กกก).
        run = lastScalar == scalar ? run &+ 1 : 1
        units &+= 1
        wordMarks &+= 1
        lastScalar = scalar
        lastIsLetter = false
        lastEnd = end
        return true
    }

    /// A character that folds to several scalars (`ß` → `ss`, `æ` → `ae`, `œ` → `oe`), or none
    /// that is precomputed; `false` to decline.
    ///
    /// The full pipeline makes each folded scalar a unit with the whole character as its source.
    /// Done here when they are all ASCII letters that fit in the character's bytes; anything
    /// else (`½` → `1⁄2`, folds computed on demand) declines.
    private mutating func severalLetters(_ value: UInt32, start: UInt32, end: UInt32, width: Int) -> Bool {
        // Only precomputed folds: computing one here and again in the full pipeline would cost
        // more than declining.
        guard value < 0x3100 || (0xFF00..<0xFFF0).contains(value) else { return false }
        var folded: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        var n = 0
        var letters = true
        ScalarFolding.shared.forEachFolded(value) { scalar in
            let lower = scalar | 0x20
            guard scalar < 0x80, lower &- 0x61 < 26, scalar == lower, n < 4 else { letters = false; return }
            switch n {
            case 0: folded.0 = scalar
            case 1: folded.1 = scalar
            case 2: folded.2 = scalar
            default: folded.3 = scalar
            }
            n += 1
        }
        guard letters, n >= 1, n <= width else { return false }
        let all = [folded.0, folded.1, folded.2, folded.3]
        for k in 0..<n {
            guard unit(all[k], isLetter: true, start: start, end: end, width: 1) else { return false }
        }
        return true
    }

    /// Starts a word at the unit whose source starts at `start`: writes the space for the gap.
    @inline(__always)
    private mutating func startWord(_ scalar: UInt32, isLetter: Bool, start: UInt32) {
        if hasPrevious {
            out[count] = 0x20
            spans[count] = NormalizedText.Span(start: previousEnd, end: start)
            count &+= 1
        }
        wordOut = count
        firstScalar = scalar
        firstIsLetter = isLetter
        hasLetter = false; hasLatin = false; hasLookAlike = false; hasDigit = false
        run = 0
        wordMarks = 0
    }

    /// A separator (space, punctuation, symbol) whose folded scalar is `scalar`; `false` to
    /// decline.
    @inline(__always)
    private mutating func separator(_ scalar: UInt32, joins: Bool) -> Bool {
        if units > 0 {
            let afterLetter = lastIsLetter
            guard finishWord() else { return false }
            leetPending = afterLetter && (scalar == 0x40 || scalar == 0x24 || scalar == 0x21)
        } else {
            leetPending = false
        }
        if gapUnits == 0 { gapFirst = scalar }
        gapUnits &+= 1
        if !joins { gapAllJoining = false }
        return true
    }

    /// Checks the word just read against everything the full pipeline would rewrite;
    /// `false` to decline. Its bytes are already written.
    private mutating func finishWord() -> Bool {
        if hasDigit && hasLetter && units >= 3
            && Self.readsAsLeetspeak(UnsafeBufferPointer(start: out + wordOut, count: count &- wordOut)) {
            return false  // iv0ry
        }
        if hasPrevious {
            if previousLastIsLetter && firstIsLetter && gapAllJoining { return false }  // iv🐘ory, rhino*horn
            if gapUnits == 1 && TokenEmitter.isIntraWordMark(gapFirst) {
                if previousLastIsLetter && firstIsLetter
                    && WordEdge.isUnspacedScript(previousLastScalar) && WordEdge.isUnspacedScript(firstScalar) {
                    return false  // 犀_角
                }
                if min(previousSize, units) <= 2 && previousHasLetter && hasLetter { return joinPrevious() }  // burn-in
            }
        }
        // One-character words in a row may spell a word.
        // A letter with marks on it (ช้) is one character too.
        if units &- wordMarks == 1 && (firstIsLetter || TokenEmitter.leetLetter(firstScalar) != nil) {
            singles &+= 1
            singlesUnspaced = singlesUnspaced || WordEdge.isUnspacedScript(firstScalar)
            if singles >= 3 || (singles >= 2 && singlesUnspaced) { return false }
        } else {
            singles = 0
            singlesUnspaced = false
        }
        keepAsPrevious()
        return true
    }

    /// Makes the word just read the word before, and starts looking for the next.
    @inline(__always)
    private mutating func keepAsPrevious() {
        hasPrevious = true
        previousEnd = lastEnd
        previousSize = units
        previousOut = wordOut
        previousHasLatin = hasLatin
        previousHasLookAlike = hasLookAlike
        previousHasDigit = hasDigit
        previousHasLetter = hasLetter
        previousLastScalar = lastScalar
        previousLastIsLetter = lastIsLetter
        units = 0
        gapUnits = 0
        gapAllJoining = true
    }

    /// Joins the word just read to the one before across the one `.`, `-` or `_` between them,
    /// as the full pipeline does next to a piece of at most two characters (`burn-in` →
    /// `burnin`); `false` to decline.
    ///
    /// The full pipeline then rewrites the joined word as one: declined when that could change
    /// it (a letter run across the join, look-alikes with Latin, leetspeak), so what is kept is
    /// the two words' bytes without the space between them. The joined word is never one
    /// character, so it ends any run of one-character words.
    private mutating func joinPrevious() -> Bool {
        if previousLastScalar == firstScalar { return false }  // co-op: a run across the join
        hasLatin = hasLatin || previousHasLatin
        hasLookAlike = hasLookAlike || previousHasLookAlike
        if hasLatin && hasLookAlike { return false }
        hasDigit = hasDigit || previousHasDigit
        // Drop the space written before this word (rare enough for a plain loop).
        for k in wordOut..<count {
            out[k &- 1] = out[k]
            spans[k &- 1] = spans[k]
        }
        count &-= 1
        wordOut = previousOut
        units &+= previousSize
        if hasDigit && units >= 3
            && Self.readsAsLeetspeak(UnsafeBufferPointer(start: out + wordOut, count: count &- wordOut)) {
            return false  // a-1b: leetspeak once joined
        }
        singles = 0
        singlesUnspaced = false
        keepAsPrevious()
        return true
    }

    /// Whether the word written in `word` (letters and digits, UTF-8) reads as leetspeak.
    private static func readsAsLeetspeak(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        if word.allSatisfy({ $0 < 0x80 }) {
            // One byte per unit; only ASCII letters are letters among ASCII word units.
            return Normalizer.readsAsLeetspeak(count: word.count, isLetter: { word[$0] >= 0x61 },
                                               isLeet: { TokenEmitter.leetLetter(UInt32(word[$0])) != nil })
        }
        var scalars: [UInt32] = []
        for scalar in String(decoding: word, as: UTF8.self).unicodeScalars { scalars.append(scalar.value) }
        return Normalizer.readsAsLeetspeak(count: scalars.count,
                                           isLetter: { ScalarFolding.kind(of: scalars[$0]) == .letter },
                                           isLeet: { TokenEmitter.leetLetter(scalars[$0]) != nil })
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
