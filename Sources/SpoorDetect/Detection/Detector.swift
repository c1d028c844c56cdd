import SpoorMatch

/// Classifies listings: finds watchlist terms in every disguise, applies context rules and
/// scores the result, explaining each step. Immutable and safe to share across threads.
public struct Detector: Sendable {
    /// Scoring settings.
    public struct Scoring: Sendable, Hashable {
        /// Listings scoring at or above this are flagged.
        public var threshold: Double = 0.5
        /// Evidence a single occurrence gives, by term kind.
        public var kindWeight: [TermIndex.Kind: Double] = [
            .product: 0.6, .scientific: 0.6, .synonym: 0.55, .codeWord: 0.55,
            // A common name alone is a mention, not an offer ("Tiger thermos", "Jaguar XF"): it
            // takes a part, live-animal, claim or concealment rule to reach the threshold.
            .name: 0.3,
        ]
        /// Multiplier for short Latin-script single words (`Ara`, `Pan`) that are often other words.
        public var shortTermFactor = 0.3
        /// Multiplier for an occurrence in the title (sellers put the goods there).
        public var titleFactor = 1.15
        /// Added when a named taxon is (partly) in Appendix I (Res. Conf. 11.3 para 6 b).
        public var appendixIBonus = 0.05
        /// The most `raise` rules can add together.
        public var maxRaise = 0.4
        /// The most `lower` rules can subtract together.
        public var maxLower = 0.7

        /// Default scoring.
        public init() {}
    }

    /// The longest title or description classified, in UTF-8 bytes (default 1 MiB). A longer
    /// field is cut at the last character boundary within it, what fits is classified, and the
    /// verdict names the field in ``Verdict/truncated``: normalizing and matching cost memory
    /// in proportion to the text (a 12 MB description took 870 MB), so no single listing may
    /// take more than this much text.
    public var maxFieldBytes = Detector.defaultMaxFieldBytes
    /// The default of ``maxFieldBytes``: 1 MiB, far more than any real listing field.
    public static let defaultMaxFieldBytes = 1 << 20

    /// The compiled watchlist (and rule literals).
    public let index: TermIndex
    /// The context rules.
    public let rules: RuleSet
    /// Scoring settings.
    public let scoring: Scoring
    /// Which rule may run on which field.
    let gating: RuleGating
    /// The rules that can count without a watchlist term (``Rule/standalone``).
    let standaloneRules: [Int]
    /// For each rule, what the rule loop tests before it touches the rule: a flat value
    /// instead of a class instance (retained and released on every visit).
    let ruleFacts: [RuleFacts]

    /// What the rule loop reads about a rule.
    struct RuleFacts: Sendable {
        /// The fields it reads as bits (``fieldBit(_:)``): a bit test, not a hashed name.
        var fields: UInt8
        var standalone: Rule.Standalone
        var effect: Rule.Effect
    }
    /// The standalone raise rules as the reachability check reads them.
    let standaloneRaise: [StandaloneRaise]

    /// Which standalone raise rules each literal makes reachable, and those reachable without
    /// one: bit sets in ``standaloneRaise`` order, ``reachWords`` words per literal.
    let standaloneReach: (byLiteral: [UInt64], always: [UInt64])
    /// Words per bit set in ``standaloneReach``.
    var reachWords: Int { standaloneReach.always.count }

    /// A standalone raise rule: its hand-written literals (none: always reachable), kind and weight.
    struct StandaloneRaise: Sendable {
        var literals: [Int]
        var evidence: Bool
        var weight: Double
    }

    /// The bit of a searchable field in ``ruleFields``.
    static func fieldBit(_ name: String) -> UInt8 {
        switch name {
        case "title": return 1
        case "description": return 2
        default: return 4
        }
    }

    /// Compiles a watchlist and rules into a detector.
    public init(watchlist: Watchlist, rules: RuleSet = .empty, scoring: Scoring = Scoring(), normalizer: Normalizer = Normalizer()) {
        self.index = TermIndex(watchlist: watchlist, literals: rules.literals, boundaryLiterals: rules.boundaryLiterals,
                               anywhereLiterals: rules.anywhereLiterals, normalizer: normalizer)
        self.rules = rules
        self.scoring = scoring
        self.gating = RuleGating(rules: rules)
        self.standaloneRules = rules.rules.indices.filter { rules.rules[$0].standalone != .no }
        self.ruleFacts = rules.rules.map {
            RuleFacts(fields: $0.fields.reduce(0) { $0 | Self.fieldBit($1) }, standalone: $0.standalone, effect: $0.effect)
        }
        let gating = self.gating
        self.standaloneRaise = standaloneRules.filter { rules.rules[$0].effect == .raise }.map { r in
            StandaloneRaise(literals: rules.rules[r].literals.isEmpty ? [] : gating.literalIndices[r],
                            evidence: rules.rules[r].standalone == .evidence, weight: rules.rules[r].weight)
        }
        let words = max(1, (standaloneRaise.count + 63) / 64)
        var byLiteral = [UInt64](repeating: 0, count: index.literals.count * words)
        var always = [UInt64](repeating: 0, count: words)
        for (k, rule) in standaloneRaise.enumerated() {
            if rule.literals.isEmpty { always[k / 64] |= 1 << (k % 64) }
            for l in rule.literals { byLiteral[l * words + k / 64] |= 1 << (k % 64) }
        }
        self.standaloneReach = (byLiteral, always)
    }
}
