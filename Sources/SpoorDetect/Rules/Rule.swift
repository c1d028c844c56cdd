/// A context rule: a PCRE2 pattern whose match raises or lowers a listing's score, or masks a
/// watchlist term used innocently ("ivory white", "Tiger Balm").
public struct Rule: Sendable {
    /// What a match does.
    public enum Effect: String, Sendable, Hashable, Codable, CaseIterable {
        /// Adds `weight` to the score of a listing that already names a watchlist taxon.
        case raise
        /// Subtracts `weight` from such a listing's score (faux, replica, resin...).
        case lower
        /// Masks every term occurrence the match overlaps: the term is used innocently.
        case suppress
    }

    /// Which text the pattern runs on.
    public enum Target: String, Sendable, Hashable, Codable, CaseIterable {
        /// The normalized text (lower case, disguises undone, punctuation as single spaces).
        case normalized
        /// The text as written (for prices and currency symbols, phone numbers).
        case original
    }

    /// A stable id such as `sale.price` or `innocent.ivory-colour`.
    public var id: String
    /// A short title.
    public var title: String
    /// Why the rule exists.
    public var description: String
    /// The listing fields it looks at (`title`, `description`).
    public var fields: Set<String>
    /// The PCRE2 pattern (compiled caseless, UTF, with JIT and match limits).
    public var pattern: String
    /// Which text the pattern runs on.
    public var target: Target
    /// Literals (normalized) of which at least one must occur before the regex runs; empty: always run.
    public var literals: [String]
    /// How much the score moves (for `raise` and `lower`).
    public var weight: Double
    /// What a match does.
    public var effect: Effect
    /// Texts the pattern must match.
    public var mustMatch: [String]
    /// Texts it must not match.
    public var mustNotMatch: [String]
    /// The file and line it came from.
    public var origin: String
    /// The compiled pattern.
    public let regex: PCRE2Regex
}

/// Rules loaded from `rules/*.yaml`, compiled and ready to run.
public struct RuleSet: Sendable {
    /// The rules in file order.
    public var rules: [Rule]

    /// Creates a set from compiled rules.
    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// An empty set.
    public static let empty = RuleSet(rules: [])

    /// Every literal of every rule, for the shared automaton.
    public var literals: [String] { Array(Set(rules.flatMap(\.literals))).sorted() }
}
