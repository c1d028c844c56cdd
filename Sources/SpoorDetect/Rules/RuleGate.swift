import SpoorMatch

/// How a rule without hand-written literals skips the texts it cannot match: strings and bytes
/// derived from its pattern (``RequiredFactors``), one of which every match contains.
///
/// The strings go into the detector's one automaton with the rest of the literals; the bytes
/// (what is left: single characters, digits for `\d`, lead bytes of non-ASCII characters) are
/// looked for in the text the rule runs on. The rule runs when either is there.
public struct RuleGate: Sendable, Hashable {
    /// Strings that follow `\b` in the pattern: they count where a `\b` could hold before them.
    public var boundaryLiterals: [String] = []
    /// Strings that may occur anywhere in the normalized text.
    public var anywhereLiterals: [String] = []
    /// Bytes one of which the rule's target text contains when the literals are absent.
    public var bytes = ByteSet()

    /// The gate for `pattern` (as compiled, on the rule's target text), or `nil` when the
    /// pattern requires nothing the analysis can see.
    public static func derive(pattern: String, target: Rule.Target, caseless: Bool) -> RuleGate? {
        guard let required = RequiredFactors.of(pattern, caseless: caseless) else { return nil }
        var gate = RuleGate()
        // The automaton reads normalized text, matched case-sensitively.
        let viaAutomaton = target == .normalized && !caseless
        for factor in required.factors.sorted(by: { $0.bytes.lexicographicallyPrecedes($1.bytes) }) {
            if viaAutomaton && factor.afterBoundary && factor.bytes.count >= 2 {
                gate.boundaryLiterals.append(String(decoding: factor.bytes, as: UTF8.self))
            } else if viaAutomaton && factor.bytes.count >= 3 {
                gate.anywhereLiterals.append(String(decoding: factor.bytes, as: UTF8.self))
            } else {
                gate.bytes.insert(factor.bytes[0])  // a string's first byte occurs wherever it does
            }
        }
        gate.bytes = gate.bytes.union(required.leads)
        return gate
    }
}

/// A set of byte values, and a scan for any of them.
public struct ByteSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// The empty set.
    public init() {}

    /// Whether the set is empty.
    public var isEmpty: Bool { words == (0, 0, 0, 0) }

    /// Adds `byte`.
    public mutating func insert(_ byte: UInt8) {
        let bit = UInt64(1) << (byte & 63)
        switch byte >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
    }

    /// Whether `byte` is in the set.
    @inline(__always)
    public func contains(_ byte: UInt8) -> Bool {
        let bit = UInt64(1) << (byte & 63)
        switch byte >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    /// The set of the bytes `text` contains.
    public init(bytesOf text: UnsafeBufferPointer<UInt8>) {
        var w: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &w) { raw in
            let words = raw.bindMemory(to: UInt64.self)
            for byte in text { words[Int(byte >> 6)] |= UInt64(1) << (byte & 63) }
        }
        words = w
    }

    /// The bytes in either set.
    public func union(_ other: ByteSet) -> ByteSet {
        var out = self
        out.words = (words.0 | other.words.0, words.1 | other.words.1, words.2 | other.words.2, words.3 | other.words.3)
        return out
    }

    /// Whether the two sets share a byte.
    public func intersects(_ other: ByteSet) -> Bool {
        (words.0 & other.words.0) | (words.1 & other.words.1) | (words.2 & other.words.2) | (words.3 & other.words.3) != 0
    }

    public static func == (a: ByteSet, b: ByteSet) -> Bool { a.words == b.words }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0); hasher.combine(words.1); hasher.combine(words.2); hasher.combine(words.3)
    }
}
