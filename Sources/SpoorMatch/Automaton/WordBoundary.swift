/// Where a pattern may start and end relative to the words around it.
public enum WordBoundaryPolicy: Sendable, Hashable {
    /// Bytes are matched wherever they occur.
    case none
    /// A pattern edge written in a script that separates words with spaces (Latin, Greek,
    /// Cyrillic, Arabic, Devanagari, ...) must meet a word boundary; an edge written in a script
    /// without spaces (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar, Tibetan) matches anywhere.
    case words
}

/// Classifies the characters around a match for the word-boundary policy.
///
/// Works on UTF-8 bytes of *normalized* text, where punctuation and symbols have already been
/// turned into spaces, so every non-ASCII scalar is a letter, mark or digit.
@usableFromInline
enum WordEdge {
    /// Whether `scalar` belongs to a script written without spaces between words.
    @usableFromInline
    static func isUnspacedScript(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x0E00...0x0EFF,  // Thai, Lao
             0x0F00...0x0FFF,  // Tibetan
             0x1000...0x109F,  // Myanmar
             0x1100...0x11FF,  // Hangul Jamo
             0x1780...0x17FF,  // Khmer
             0x2E80...0x2FDF,  // CJK radicals
             0x3000...0x30FF,  // CJK symbols, Hiragana, Katakana
             0x3100...0x31FF,  // Bopomofo, Hangul compatibility jamo, Katakana extensions
             0x3400...0x4DBF,  // CJK extension A
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xA960...0xA97F, 0xAC00...0xD7FF,  // Hangul
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFF65...0xFFDC,  // half-width kana and Hangul
             0x20000...0x3FFFF:  // CJK extensions B and beyond
            return true
        default:
            return false
        }
    }

    /// Whether the scalar is part of a word in a spaced script (so a match may not be cut there).
    @usableFromInline
    static func isSpacedWordScalar(_ scalar: UInt32) -> Bool {
        if scalar < 0x80 {
            let b = UInt8(truncatingIfNeeded: scalar)
            return (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A)
        }
        return !isUnspacedScript(scalar)
    }

    /// Decodes the scalar whose UTF-8 encoding ends just before `end`.
    @usableFromInline
    static func scalar(endingAt end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var start = end - 1
        while start > 0 && end - start < 4 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(startingAt: start, in: bytes)
    }

    /// Decodes the scalar whose UTF-8 encoding starts at `start` (lenient on malformed input).
    @usableFromInline
    static func scalar(startingAt start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let lead = UInt32(bytes[start])
        if lead < 0x80 { return lead }
        let count: Int
        var value: UInt32
        switch lead {
        case 0xC0..<0xE0: count = 1; value = lead & 0x1F
        case 0xE0..<0xF0: count = 2; value = lead & 0x0F
        case 0xF0..<0xF8: count = 3; value = lead & 0x07
        default: return 0xFFFD
        }
        var i = start + 1
        let limit = min(bytes.count, start + 1 + count)
        while i < limit, bytes[i] & 0xC0 == 0x80 {
            value = (value << 6) | UInt32(bytes[i] & 0x3F)
            i += 1
        }
        return i == start + 1 + count ? value : 0xFFFD
    }

    /// Flags for one pattern: bit 0 asks for a boundary before it, bit 1 after it.
    static func flags(for pattern: [UInt8], policy: WordBoundaryPolicy) -> UInt8 {
        guard policy == .words, !pattern.isEmpty else { return 0 }
        let flags: UInt8 = pattern.withUnsafeBufferPointer { p in
            var f: UInt8 = 0
            if isSpacedWordScalar(scalar(startingAt: 0, in: p)) { f |= 1 }
            if isSpacedWordScalar(scalar(endingAt: p.count, in: p)) { f |= 2 }
            return f
        }
        return flags
    }

    /// Whether a match over `start..<end` with the given flags meets its word boundaries.
    @usableFromInline
    @inline(__always)
    static func accepts(
        start: Int, end: Int, flags: UInt8, in bytes: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        if flags & 1 != 0, start > 0, isSpacedWordScalar(scalar(endingAt: start, in: bytes)) {
            return false
        }
        if flags & 2 != 0, end < bytes.count, isSpacedWordScalar(scalar(startingAt: end, in: bytes)) {
            return false
        }
        return true
    }
}

extension WordBoundaryPolicy {
    /// Whether the bytes `range` of `text` (normalized UTF-8) may be a match under this policy:
    /// each edge written in a spaced script must meet a word boundary.
    public func allows(_ range: Range<Int>, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard self == .words, !range.isEmpty else { return true }
        var flags: UInt8 = 0
        if WordEdge.isSpacedWordScalar(WordEdge.scalar(startingAt: range.lowerBound, in: text)) { flags |= 1 }
        if WordEdge.isSpacedWordScalar(WordEdge.scalar(endingAt: range.upperBound, in: text)) { flags |= 2 }
        return WordEdge.accepts(start: range.lowerBound, end: range.upperBound, flags: flags, in: text)
    }
}

/// Word-level helpers over normalized UTF-8, for callers that resolve matches themselves.
public enum WordScan {
    /// Whether `scalar` is written without spaces between words (Han, kana, Hangul, Thai...).
    public static func isUnspacedScript(_ scalar: UInt32) -> Bool { WordEdge.isUnspacedScript(scalar) }

    /// Whether a match starting at byte `start` of normalized UTF-8 starts a word: it begins
    /// with a character of an unspaced script, or nothing of a spaced-script word comes before
    /// it (`co` in "do co" and "cotton", not in "taco").
    @inline(__always)
    public static func startsWord(at start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start > 0, WordEdge.isSpacedWordScalar(WordEdge.scalar(startingAt: start, in: text)) else { return true }
        return !WordEdge.isSpacedWordScalar(WordEdge.scalar(endingAt: start, in: text))
    }

    /// Whether a regular expression's `\b` could hold just before `start`: the text starts
    /// there, or the scalar before it is not a letter or a number. Looser than
    /// ``startsWord(at:in:)``: a combining mark (not a word character to PCRE2) counts as a
    /// boundary, so a literal derived from `\b…` is found wherever the pattern can match.
    public static func mayStartWord(at start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start > 0 else { return true }
        guard let scalar = Unicode.Scalar(WordEdge.scalar(endingAt: start, in: text)) else { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return false
        default:
            return true
        }
    }

    /// The range of the word (run of letters and digits of spaced scripts) around `range`,
    /// looking at most `limit` bytes beyond each end (a longer word is cut there).
    public static func word(around range: Range<Int>, in text: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> Range<Int> {
        let floor = range.lowerBound >= limit ? range.lowerBound - limit : 0
        let ceiling = text.count - range.upperBound > limit ? range.upperBound + limit : text.count
        var lo = range.lowerBound
        while lo > floor && WordEdge.isSpacedWordScalar(WordEdge.scalar(endingAt: lo, in: text)) {
            var step = lo - 1
            while step > 0 && text[step] & 0xC0 == 0x80 { step -= 1 }
            lo = step
        }
        var hi = range.upperBound
        while hi < ceiling && WordEdge.isSpacedWordScalar(WordEdge.scalar(startingAt: hi, in: text)) {
            hi += 1
            while hi < text.count && text[hi] & 0xC0 == 0x80 { hi += 1 }
        }
        return lo..<hi
    }
}
