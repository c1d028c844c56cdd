/// Turns any text into the matcher's canonical form, undoing the ways sellers disguise words.
///
/// Applied the same way to watchlist terms and to listings, so a term matches however it was
/// written: `ＩＶＯＲＹ`, `Ivóry`, `іvоry` (Cyrillic), `1v0ry`, `i.v.o.r.y`, `i v o r y`,
/// `iv\u{200B}ory`, `iv🐘ory`, `ivoooory`. Each step can be switched off in ``Options``.
///
/// The steps, in order:
/// 1. Per scalar: NFKC, lower case, diacritics stripped from Latin, Greek and Cyrillic letters
///    (`ngà voi` → `nga voi`); Thai, Lao, Khmer and Myanmar untouched; CJK kept.
/// 2. Zero-width characters, joiners, soft hyphens and variation selectors are dropped.
/// 3. Words are runs of letters and digits; everything else separates them. A lone emoji or
///    symbol between two letters joins them (`iv🐘ory`), and so does one `.`, `-`, `_` or `·`
///    next to a piece of at most two letters (`iv.ory`) or between CJK characters (`犀_角`);
///    three or more one-letter words in a row are joined (`i v o r y`, `r h 1 n o`), two for
///    scripts without spaces (`象 牙`).
/// 4. Leetspeak, conservatively: 0→o 1→i 3→e 4→a 5→s 7→t @→a $→s !→i, only inside a word where a
///    digit sits between letters (`iv0ry`, `h0rn`) or one digit leads or ends four or more
///    letters (`3lephant`, `rhin0`); `10cm`, `mp3`, `4x4`, `ps5` and prices stay as they are.
/// 5. Look-alike letters (from Unicode's confusables) become Latin in a word that mixes them
///    with Latin (`іvоry`); a word wholly in Cyrillic or Greek stays as written (`рог`).
/// 6. A letter repeated three or more times becomes one (`ivoooory`); doubles stay (`bekko`).
/// 7. Words are joined by single spaces.
public struct Normalizer: Sendable {
    /// Which steps run.
    public struct Options: Sendable, Hashable {
        /// Fold Cyrillic, Greek and other look-alike letters to Latin in mixed words.
        public var foldConfusables = true
        /// Undo digit-for-letter substitutions inside words.
        public var leetspeak = true
        /// Join spelled-out words (`i.v.o.r.y`) and letters split by an emoji.
        public var joinSpelledOut = true
        /// Collapse a letter repeated three or more times.
        public var squeezeRepeats = true

        /// All steps on.
        public init() {}
    }

    /// The steps this normalizer runs.
    public let options: Options
    /// Whether text may take the one-sweep path (it assumes every step is on).
    private let sweeps: Bool

    /// Creates a normalizer.
    public init(options: Options = Options()) {
        self.options = options
        self.sweeps = options == Options()
    }

    /// Normalizes `text`; the result's source ranges are UTF-8 offsets into `text`.
    ///
    /// Text with nothing to undo (most of it) takes a one-sweep path; text with any sign of a
    /// disguise goes through every step. Both paths give the same result.
    public func normalize(_ text: String) -> NormalizedText {
        if sweeps {
            if let plain = normalizeInOneSweep(text) { return plain }
        }
        return normalizeFully(text)
    }

    /// Normalizes `text` through every step, unit by unit.
    func normalizeFully(_ text: String) -> NormalizedText {
        var units = Units()
        units.scan(text)
        if units.sawBidiControl { return normalizeInReadingOrder(text) }
        var out = NormalizedText()
        out.bytes.reserveCapacity(text.utf8.count)
        out.sources.reserveCapacity(text.utf8.count)
        var emitter = TokenEmitter(options: options, units: units)
        emitter.emitAll(into: &out)
        return out
    }

    /// Normalizes text that contains explicit bidi controls in the order a reader reads it
    /// (``BidiReading``): `U+202E yrovi` is "ivory", with each byte's source the character it
    /// came from, so the match maps back onto the stored `yrovi`. The controls leave no trace
    /// but ``NormalizedText/bidiControls``, set when the order changed.
    func normalizeInReadingOrder(_ text: String) -> NormalizedText {
        let reading = BidiReading(text)
        var units = Units()
        units.scan(pieces: reading.pieces, of: text)
        var out = NormalizedText()
        out.bytes.reserveCapacity(text.utf8.count)
        out.sources.reserveCapacity(text.utf8.count)
        var emitter = TokenEmitter(options: options, units: units)
        emitter.emitAll(into: &out)
        if reading.reordered { out.bidiControls = reading.controls }
        return out
    }

    /// `text` with every non-ASCII letter folded the way normalization folds it (`й`→`и`,
    /// `É`→`e`, `ｉ`→`i`) and everything else, ASCII included, left as it is: for regular
    /// expressions written naturally that run on normalized text (`\B` and `\p{Han}` survive).
    public func foldingLetters(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var previousBase: UInt32 = 0
        for scalar in text.unicodeScalars {
            guard scalar.value >= 0x80 else {
                out.append(scalar)
                previousBase = scalar.value
                continue
            }
            ScalarFolding.shared.forEachFolded(scalar.value) { folded in
                let kind = ScalarFolding.kind(of: folded)
                if kind == .mark && ScalarFolding.stripsMarks(previousBase) { return }
                if kind == .ignorable { return }
                if let s = Unicode.Scalar(folded) { out.append(s) }
                if kind != .mark { previousBase = folded }
            }
        }
        return String(out)
    }

    /// The canonical form of `text` as a string (for terms and tests).
    public func canonical(_ text: String) -> String {
        normalize(text).text
    }
}

/// The scanned text: one unit per folded scalar, with its kind and source range.
struct Units {
    /// One folded scalar of the text.
    struct Unit {
        /// The folded scalar.
        var scalar: UInt32
        /// The scalar as written, before folding (capital look-alikes differ from their lower
        /// case: Greek `Υ` imitates `Y`, its lower case `υ` imitates `u`).
        var written: UInt32
        /// Where its source starts and ends in the original UTF-8.
        var start: UInt32
        var end: UInt32
        /// What it is to the normalizer.
        var kind: ScalarKind
    }

    private(set) var items: [Unit] = []
    /// Whether the text has an explicit bidi control (``BidiClass/isExplicitControl(_:)``).
    private(set) var sawBidiControl = false

    var count: Int { items.count }

    subscript(i: Int) -> Unit { items[i] }

    /// Folds every scalar of `text` and records it as units (marks on stripped scripts and
    /// ignorable characters leave none).
    mutating func scan(_ text: String) {
        items.reserveCapacity(text.utf8.count)
        var offset: UInt32 = 0
        for s in text.unicodeScalars {
            let from = offset
            offset += UInt32(UTF8.width(s))
            add(s.value, from: from, to: offset)
        }
    }

    /// Scans the characters of `text` at the UTF-8 ranges `pieces`, in that order (the reading
    /// order of ``BidiReading``); each unit's source is where its character is in `text`.
    mutating func scan(pieces: [Range<UInt32>], of text: String) {
        var text = text
        items.reserveCapacity(text.utf8.count)
        text.withUTF8 { utf8 in
            for piece in pieces {
                var offset = piece.lowerBound
                let bytes = UnsafeBufferPointer(rebasing: utf8[Int(piece.lowerBound)..<Int(piece.upperBound)])
                for s in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                    let from = offset
                    offset += UInt32(UTF8.width(s))
                    add(s.value, from: from, to: offset)
                }
            }
        }
    }

    /// Folds the scalar `value`, read from `from..<offset`, and records its units.
    @inline(__always)
    private mutating func add(_ value: UInt32, from: UInt32, to offset: UInt32) {
        if value < 0x80 {
            // ASCII: fold and classify from tables, no normalization needed.
            items.append(Unit(scalar: (0x41...0x5A).contains(value) ? value | 0x20 : value, written: value,
                              start: from, end: offset, kind: ScalarFolding.asciiKinds[Int(value)]))
            return
        }
        ScalarFolding.shared.forEachFolded(value) { folded in
            let k = ScalarFolding.kind(of: folded)
            switch k {
            case .ignorable:
                if BidiClass.isExplicitControl(folded) { sawBidiControl = true }
                return
            case .mark:
                // Half-width kana write the voicing marks apart (ｿﾞ): NFKC composes them with
                // the kana before (ゾ), which is how the watchlist writes them.
                if let last = items.last, last.kind == .letter,
                   let composed = ScalarFolding.composeKana(last.scalar, folded) {
                    items[items.count - 1].scalar = composed
                    extendLast(from: from, to: offset)
                    return
                }
                // A mark belongs to the letter before it: stripped on Latin, Greek and
                // Cyrillic, kept elsewhere, dropped when there is no letter.
                guard let last = items.last?.kind, last == .letter || last == .mark,
                      !ScalarFolding.stripsMarks(baseScalar()) else {
                    if let last = items.last, last.kind == .letter { extendLast(from: from, to: offset) }
                    return
                }
            default:
                break
            }
            items.append(Unit(scalar: folded, written: value, start: from, end: offset, kind: k))
        }
    }

    /// Adds the source `from..<to` to the last unit's (a mark it takes in). In stored order
    /// that only moves its end; in reading order the mark may come from before it.
    @inline(__always)
    private mutating func extendLast(from: UInt32, to: UInt32) {
        let last = items.count - 1
        items[last].start = min(items[last].start, from)
        items[last].end = max(items[last].end, to)
    }

    /// The last letter before any trailing marks.
    private func baseScalar() -> UInt32 {
        var i = items.count - 1
        while i > 0 && items[i].kind == .mark { i -= 1 }
        return items[i].scalar
    }
}
