import SpoorMatch

/// A context rule: a PCRE2 pattern whose match raises or lowers a listing's score, or masks a
/// watchlist term used innocently ("ivory white", "Tiger Balm").
///
/// A class, so that the detector's hot loop passes rules by reference instead of copying them.
public final class Rule: Sendable {
    /// What a match does.
    public enum Effect: String, Sendable, Hashable, Codable, CaseIterable {
        /// Adds `weight` to the score of a listing that already names a watchlist taxon.
        case raise
        /// Subtracts `weight` from such a listing's score (faux, replica, resin...).
        case lower
        /// Masks every term occurrence the match overlaps: the term is used innocently.
        case suppress
    }

    /// Whether the rule counts in a listing that names no watchlist taxon (disguised goods).
    public enum Standalone: String, Sendable, Hashable, Codable, CaseIterable {
        /// Only counts next to a watchlist term.
        case no
        /// Names the goods ("bone", "scales", "老料"): can anchor a verdict with no taxon.
        case evidence
        /// Context that, with evidence, makes a disguised offer (scare quotes, "those who know").
        case context
    }

    /// Which text the pattern runs on.
    public enum Target: String, Sendable, Hashable, Codable, CaseIterable {
        /// The normalized text (lower case, disguises undone, punctuation as single spaces).
        case normalized
        /// The text as written (for prices and currency symbols, phone numbers).
        case original
    }

    /// A stable id such as `sale.price` or `innocent.ivory-colour`.
    public let id: String
    /// A short title.
    public let title: String
    /// Why the rule exists.
    public let description: String
    /// The listing fields it looks at (`title`, `description`).
    public let fields: Set<String>
    /// The PCRE2 pattern (UTF, JIT and match limits; caseless on the original text, and on
    /// normalized text when the pattern writes a capital).
    public let pattern: String
    /// Which text the pattern runs on.
    public let target: Target
    /// Literals (normalized) of which at least one must occur before the regex runs; empty: always run.
    public let literals: [String]
    /// How much the score moves (for `raise` and `lower`).
    public let weight: Double
    /// Whether a match preceded by a negation cue ("not resin", "no es réplica") is ignored.
    public let negatable: Bool
    /// Whether the rule counts when no watchlist term occurs.
    public let standalone: Standalone
    /// What a match does.
    public let effect: Effect
    /// Texts the pattern must match.
    public let mustMatch: [String]
    /// Texts it must not match.
    public let mustNotMatch: [String]
    /// The file and line it came from.
    public let origin: String
    /// The compiled pattern.
    public let regex: PCRE2Regex
    /// For a rule without `literals`, what its pattern requires (derived at load), so it
    /// still runs only on texts it can match; `nil` when nothing could be derived.
    public let gate: RuleGate?

    /// Creates a rule from its parts.
    public init(
        id: String, title: String, description: String, fields: Set<String>, pattern: String, target: Target,
        literals: [String], weight: Double, negatable: Bool, standalone: Standalone = .no, effect: Effect, mustMatch: [String],
        mustNotMatch: [String], origin: String, regex: PCRE2Regex, gate: RuleGate? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.fields = fields
        self.pattern = pattern
        self.target = target
        self.literals = literals
        self.weight = weight
        self.negatable = negatable
        self.standalone = standalone
        self.effect = effect
        self.mustMatch = mustMatch
        self.mustNotMatch = mustNotMatch
        self.origin = origin
        self.regex = regex
        self.gate = literals.isEmpty ? gate : nil
    }
}

/// Rules loaded from `rules/*.yaml`, compiled and ready to run.
public struct RuleSet: Sendable {
    /// The rules in file order.
    public var rules: [Rule]

    /// Normalized words that negate what follows them, for ``Rule/negatable`` rules.
    public var negationCues: Set<String>

    /// Creates a set from compiled rules.
    public init(rules: [Rule], negationCues: Set<String> = []) {
        self.rules = rules
        self.negationCues = negationCues
    }

    /// An empty set.
    public static let empty = RuleSet(rules: [])

    /// Whether one of the three words before `range` of normalized `text` is a negation cue (for
    /// scripts without spaces: whether the text just before ends with one).
    public func isNegated(_ range: Range<Int>, in text: [UInt8]) -> Bool {
        guard !negationCues.isEmpty, range.lowerBound > 0 else { return false }
        let before = text[max(0, range.lowerBound - 48)..<range.lowerBound]
        let words = before.split(separator: 0x20).suffix(3)
        for word in words {
            let w = String(decoding: word, as: UTF8.self)
            if negationCues.contains(w) { return true }
        }
        if let last = words.last, before.last != 0x20 || words.count == 1 {
            let tail = String(decoding: last, as: UTF8.self)
            return negationCues.contains { cue in cue.unicodeScalars.contains { WordScan.isUnspacedScript($0.value) } && tail.hasSuffix(cue) }
        }
        return false
    }

    /// Every literal of every rule, for the shared automaton.
    public var literals: [String] {
        Array(Set(rules.flatMap(\.literals))).sorted()
    }

    /// The strings derived rule gates look for where a `\b` could hold before them
    /// (``RuleGate/boundaryLiterals``).
    public var boundaryLiterals: [String] {
        Array(Set(rules.flatMap { $0.gate?.boundaryLiterals ?? [] })).sorted()
    }

    /// The strings derived rule gates look for anywhere in a word (``RuleGate/anywhereLiterals``).
    public var anywhereLiterals: [String] {
        Array(Set(rules.flatMap { $0.gate?.anywhereLiterals ?? [] })).sorted()
    }
}
