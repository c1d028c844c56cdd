import Foundation

/// What a folded scalar is to the normalizer.
enum ScalarKind: UInt8, Sendable {
    /// A letter of any script.
    case letter
    /// A digit (after NFKC: `①` and `１` are digits).
    case digit
    /// A combining mark kept with its letter (marks on Latin, Greek and Cyrillic are stripped).
    case mark
    /// Invisible format characters (zero-width space and joiners, soft hyphen, variation
    /// selectors): dropped, so they cannot split a word.
    case ignorable
    /// White space and control characters.
    case space
    /// Punctuation: a word separator.
    case punctuation
    /// Symbols and emoji: a word separator, except alone between two letters.
    case symbol
}

/// Folds one Unicode scalar to canonical form: NFKC, lower case, diacritics stripped from
/// Latin, Greek and Cyrillic letters; scripts where marks carry meaning (Thai, Lao, Khmer,
/// Myanmar) are left untouched, and kana and Hangul are recomposed after decomposition.
///
/// Scalars below U+3100 and the half/full-width block are precomputed once into flat arrays;
/// Han and Hangul syllables take a fast path; anything else is computed on demand.
struct ScalarFolding: Sendable {
    /// The folded scalars of every precomputed scalar, back to back.
    private let pool: [UInt32]
    /// Where each precomputed scalar's fold starts in `pool` (one more entry than scalars).
    private let start: [UInt32]

    /// The shared table, built on first use.
    static let shared = ScalarFolding()

    private static let lowRange: Range<UInt32> = 0..<0x3100
    private static let wideRange: Range<UInt32> = 0xFF00..<0xFFF0

    private init() {
        let values = Array(Self.lowRange) + Array(Self.wideRange)
        let folds = Self.computeAll(values)
        var pool: [UInt32] = []
        var start: [UInt32] = [0]
        pool.reserveCapacity(values.count + values.count / 4)
        for fold in folds {
            pool.append(contentsOf: fold)
            start.append(UInt32(pool.count))
        }
        self.pool = pool
        self.start = start
    }

    /// The folds of `values`, as ``compute(_:)`` gives them one by one, with Foundation called
    /// once for all of them rather than three times per scalar (a tenth of start-up).
    ///
    /// The scalars that need Foundation are joined with U+0001 between them: a control
    /// character is a starter that neither decomposition nor case mapping touches, so it keeps
    /// every scalar's marks from being reordered with the next one's and stops final-sigma
    /// context. A test compares the result with ``compute(_:)`` for every precomputed scalar.
    static func computeAll(_ values: [UInt32]) -> [[UInt32]] {
        var folds = [[UInt32]?](repeating: nil, count: values.count)
        var pending: [Int] = []
        var joined = String.UnicodeScalarView()
        for (i, value) in values.enumerated() {
            if let mapped = special[value] { folds[i] = mapped; continue }
            guard let scalar = Unicode.Scalar(value) else { folds[i] = [0xFFFD]; continue }
            if value < 0x80 { folds[i] = [(0x41...0x5A).contains(value) ? value + 0x20 : value]; continue }
            if isUntouched(value) { folds[i] = [value]; continue }
            pending.append(i)
            joined.append(scalar)
            joined.append(separator)
        }
        let decomposed = String(joined)
            .decomposedStringWithCompatibilityMapping
            .lowercased()
            .decomposedStringWithCompatibilityMapping
        let pieces = decomposed.unicodeScalars.split(separator: separator, omittingEmptySubsequences: false)
        if pieces.count == pending.count + 1 {
            for (k, i) in pending.enumerated() { folds[i] = fold(decomposed: pieces[k]) }
        } else {
            // Not one piece per scalar: fall back to one at a time.
            for i in pending { folds[i] = compute(values[i]) }
        }
        return folds.map { $0! }
    }

    /// Separates the scalars of ``computeAll(_:)``.
    private static let separator: Unicode.Scalar = "\u{1}"

    /// Calls `body` with each scalar `value` folds to (none for a scalar folded away).
    @inline(__always)
    func forEachFolded(_ value: UInt32, _ body: (UInt32) -> Void) {
        let index: Int
        if Self.lowRange.contains(value) {
            index = Int(value)
        } else if Self.wideRange.contains(value) {
            index = Int(value - Self.wideRange.lowerBound) + Self.lowRange.count
        } else {
            if Self.isStableUnspaced(value) {
                body(value)
            } else {
                for folded in Self.compute(value) { body(folded) }
            }
            return
        }
        for k in Int(start[index])..<Int(start[index + 1]) { body(pool[k]) }
    }

    /// The one scalar `value` folds to, `nil` when it folds to none or to several, or when its
    /// fold is not precomputed (the one-sweep normalizer then leaves the text to the full one).
    /// `folded` is `false` only for scalars folded away.
    @inline(__always)
    func singleFold(_ value: UInt32) -> (scalar: UInt32, folded: Bool)? {
        let index: Int
        if Self.lowRange.contains(value) {
            index = Int(value)
        } else if Self.wideRange.contains(value) {
            index = Int(value - Self.wideRange.lowerBound) + Self.lowRange.count
        } else if Self.isStableUnspaced(value) || (0x1F300...0x1FAFF).contains(value) {
            return (value, true)  // Han, Hangul, emoji: NFKC and case leave them as they are
        } else {
            return nil
        }
        let from = Int(start[index]), to = Int(start[index + 1])
        switch to - from {
        case 0: return (0, false)
        case 1: return (pool[from], true)
        default: return nil
        }
    }

    /// Han ideographs and Hangul syllables that NFKC and case folding leave as they are.
    private static func isStableUnspaced(_ value: UInt32) -> Bool {
        (0x3400...0x4DBF).contains(value) || (0x4E00...0x9FFF).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0x20000...0x2FA1D).contains(value) && !(0x2F800...0x2FA1D).contains(value)
    }

    /// Letters that do not decompose but read as plain Latin letters (Vietnamese đ, Nordic ø...).
    private static let special: [UInt32: [UInt32]] = [
        0x0111: [0x64], 0x0110: [0x64],  // đ Đ → d
        0x00F0: [0x64], 0x00D0: [0x64],  // ð Ð → d
        0x00F8: [0x6F], 0x00D8: [0x6F],  // ø Ø → o
        0x0142: [0x6C], 0x0141: [0x6C],  // ł Ł → l
        0x0127: [0x68], 0x0126: [0x68],  // ħ Ħ → h
        0x0131: [0x69],  // dotless ı → i
        0x00DF: [0x73, 0x73], 0x1E9E: [0x73, 0x73],  // ß ẞ → ss
        0x0153: [0x6F, 0x65], 0x0152: [0x6F, 0x65],  // œ → oe
        0x00E6: [0x61, 0x65], 0x00C6: [0x61, 0x65],  // æ → ae
        0x00FE: [0x74, 0x68], 0x00DE: [0x74, 0x68],  // þ → th
        0x03C2: [0x03C3],  // final sigma → sigma
    ]

    /// The precomposed kana for a kana and a following voicing mark (U+3099 dakuten, U+309A
    /// handakuten), as canonical composition gives it: ソ + ゙ = ゾ. `nil` when there is none.
    static func composeKana(_ base: UInt32, _ mark: UInt32) -> UInt32? {
        guard mark == 0x3099 || mark == 0x309A, (0x3041...0x30FF).contains(base) else { return nil }
        return kanaCompositions[base << 1 | (mark & 1)]
    }

    /// Canonical compositions of kana with the two voicing marks, keyed by `base << 1 | mark & 1`.
    private static let kanaCompositions: [UInt32: UInt32] = {
        var table: [UInt32: UInt32] = [:]
        for base in UInt32(0x3041)...0x30FF {
            for mark in [UInt32(0x3099), 0x309A] {
                let pair = String(String.UnicodeScalarView([Unicode.Scalar(base)!, Unicode.Scalar(mark)!]))
                let composed = pair.precomposedStringWithCanonicalMapping.unicodeScalars
                if composed.count == 1, let only = composed.first { table[base << 1 | (mark & 1)] = only.value }
            }
        }
        return table
    }()

    /// Whether marks on this letter are diacritics to strip (Latin, Greek, Cyrillic).
    static func stripsMarks(_ value: UInt32) -> Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF, 0x2C60...0x2C7F, 0xA720...0xA7FF,
             0xAB30...0xAB6F, 0x370...0x3FF, 0x1F00...0x1FFF, 0x400...0x52F, 0x1C80...0x1C8F,
             0x2DE0...0x2DFF, 0xA640...0xA69F:
            return true
        default:
            return false
        }
    }

    /// Scripts whose marks and compatibility forms carry meaning: left exactly as written.
    private static func isUntouched(_ value: UInt32) -> Bool {
        (0x0E00...0x0EFF).contains(value) || (0x1000...0x109F).contains(value)
            || (0x1780...0x17FF).contains(value)
    }

    /// The fold of one scalar, computed with Foundation's normalization.
    static func compute(_ value: UInt32) -> [UInt32] {
        if let mapped = special[value] { return mapped }
        guard let scalar = Unicode.Scalar(value) else { return [0xFFFD] }
        if value < 0x80 {
            return [(0x41...0x5A).contains(value) ? value + 0x20 : value]
        }
        if isUntouched(value) { return [value] }
        let decomposed = String(Character(scalar))
            .decomposedStringWithCompatibilityMapping
            .lowercased()
            .decomposedStringWithCompatibilityMapping
        return fold(decomposed: decomposed.unicodeScalars[...])
    }

    /// A scalar's fold from its decomposed, lower-cased form: marks stripped from Latin, Greek
    /// and Cyrillic bases, kept (and recomposed) elsewhere.
    private static func fold(decomposed: Substring.UnicodeScalarView) -> [UInt32] {
        var out: [UInt32] = []
        var keptMark = false
        var base: UInt32?
        for s in decomposed {
            let v = s.value
            if isMark(s) {
                if let base, stripsMarks(base) { continue }
                keptMark = true
                out.append(v)
            } else {
                base = v
                out.append(contentsOf: special[v] ?? [v])
            }
        }
        if keptMark {
            let text = String(String.UnicodeScalarView(out.compactMap(Unicode.Scalar.init)))
            out = text.precomposedStringWithCanonicalMapping.unicodeScalars.map(\.value)
        }
        return out
    }

    private static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// The kind of a folded scalar: from tables for the scalars most text is made of, computed
    /// for the rest.
    @inline(__always)
    static func kind(of value: UInt32) -> ScalarKind {
        if value < 0x80 { return asciiKinds[Int(value)] }
        if lowRange.contains(value) { return lowKinds[Int(value)] }
        if (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value) || (0xAC00...0xD7A3).contains(value) {
            return .letter  // Han and Hangul syllables, every one assigned
        }
        return computeKind(value)
    }

    /// Kinds of the scalars below U+3100 (Latin, Greek, Cyrillic, Thai, Vietnamese and kana).
    private static let lowKinds: [ScalarKind] = lowRange.map(computeKind)

    private static func computeKind(_ value: UInt32) -> ScalarKind {
        if value < 0x80 { return asciiKinds[Int(value)] }
        switch value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x034F, 0x180B...0x180F, 0xE0000...0xE007F:
            return .ignorable
        case 0x1F3FB...0x1F3FF:
            return .symbol
        default:
            break
        }
        guard let scalar = Unicode.Scalar(value) else { return .symbol }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber:
            return .digit
        case .nonspacingMark, .spacingMark, .enclosingMark:
            return .mark
        case .format:
            return .ignorable
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control:
            return .space
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return .punctuation
        default:
            return .symbol
        }
    }

    /// The kind of every ASCII scalar.
    static let asciiKinds: [ScalarKind] = (0..<128).map { (b: Int) -> ScalarKind in
        switch b {
        case 0x30...0x39: return .digit
        case 0x41...0x5A, 0x61...0x7A: return .letter
        case 0x00...0x20, 0x7F: return .space
        case 0x24, 0x2B, 0x3C...0x3E, 0x5E, 0x60, 0x7C, 0x7E: return .symbol  // $ + < = > ^ ` | ~
        default: return .punctuation
        }
    }
}
