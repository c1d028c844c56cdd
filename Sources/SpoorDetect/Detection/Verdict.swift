/// What Spoor concluded about one listing, with everything a reviewer needs to check it.
public struct Verdict: Sendable, Hashable, Codable {
    /// A taxon the listing names.
    public struct TaxonRef: Sendable, Hashable, Codable {
        /// The watchlist id.
        public var id: String
        /// The scientific name.
        public var name: String
        /// The first English common name, if any.
        public var common: String?
        /// The CITES appendix.
        public var appendix: Appendix
        /// The evidence score for this taxon alone.
        public var score: Double
    }

    /// One term occurrence, located in the text as the seller wrote it.
    public struct TermMatch: Sendable, Hashable, Codable {
        /// The field (`title` or `description`).
        public var field: String
        /// Offset of the first character (Unicode code points) in the original field.
        public var start: Int
        /// Offset one past the last character (Unicode code points) in the original field.
        public var end: Int
        /// The original text of the occurrence.
        public var text: String
        /// The watchlist term it matched.
        public var term: String
        /// What the term says (product, name, code word...).
        public var kind: TermIndex.Kind
        /// The taxon's scientific name.
        public var taxon: String
        /// Whether a rule found it used innocently (it then adds nothing to the score).
        public var suppressed: Bool
        /// How the occurrence is shown when that differs from how it is stored, e.g.
        /// `displayed right-to-left by U+202E (RIGHT-TO-LEFT OVERRIDE)`: a bidi override shows
        /// `text` (as stored: `yrovi`) in another order, the one matched (`ivory`).
        /// Absent (nil) for nearly every match.
        public var display: String? = nil
    }

    /// A rule that fired.
    public struct RuleRef: Sendable, Hashable, Codable {
        /// The rule id.
        public var id: String
        /// How much it moved the score (negative for `lower`, 0 for `suppress`).
        public var weight: Double
        /// The rule's title.
        public var title: String
        /// The field it first fired in.
        public var field: String
        /// The text it matched there, as written.
        public var text: String
    }

    /// One number that moved the score, for `--explain`.
    public struct Step: Sendable, Hashable, Codable {
        /// What moved it.
        public var reason: String
        /// By how much.
        public var delta: Double
        /// The rule that moved it, if a rule did.
        public var rule: String? = nil
    }

    /// The listing's id.
    public var id: String
    /// Whether the listing goes to the review queue.
    public var flagged: Bool
    /// The score in [0, 1]; flagged at or above the threshold.
    public var score: Double
    /// Review priority: critical, high, medium or low.
    public var priority: Priority
    /// The taxa named, most protected first.
    public var taxa: [TaxonRef]
    /// Every term occurrence.
    public var matches: [TermMatch]
    /// Every rule that fired.
    public var rules: [RuleRef]
    /// One sentence saying why.
    public var explanation: String
    /// Each number that moved the score, in order.
    public var steps: [Step]
    /// The fields cut to ``Detector/maxFieldBytes`` before classifying (`title`,
    /// `description`): only their beginning was read. Absent (nil) when nothing was cut.
    public var truncated: [String]? = nil
}
