/// Which rule may run on which field: one of its hand-written literals starts a word there, or,
/// for a rule without literals, its derived ``RuleGate`` lets it.
struct RuleGating: Sendable {
    /// For each rule, the indices (into ``TermIndex/literals``) of its literals or gate strings.
    let literalIndices: [[Int]]

    /// The gating of `rules` over a term index built with `rules.literals` then
    /// `rules.anywhereLiterals` (the order ``TermIndex/literals`` keeps).
    init(rules: RuleSet) {
        let wordStart = rules.literals, anywhere = rules.anywhereLiterals
        let position = Dictionary(wordStart.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let anywherePosition = Dictionary(anywhere.enumerated().map { ($1, wordStart.count + $0) }, uniquingKeysWith: { a, _ in a })
        literalIndices = rules.rules.map { rule in
            if !rule.literals.isEmpty { return rule.literals.compactMap { position[$0] } }
            guard let gate = rule.gate else { return [] }
            return gate.wordStartLiterals.compactMap { position[$0] } + gate.anywhereLiterals.compactMap { anywherePosition[$0] }
        }
    }

    /// Whether rule `r` may run on a field whose search found `literals`.
    func allows(_ r: Int, _ rule: Rule, literals found: [Bool], bytes: inout FieldBytes) -> Bool {
        if !rule.literals.isEmpty { return literalIndices[r].contains { found[$0] } }
        guard let gate = rule.gate else { return true }
        if literalIndices[r].contains(where: { found[$0] }) { return true }
        return gate.bytes.intersects(bytes.present(in: rule.target))
    }
}

/// A field's texts and, worked out on first use, the bytes each contains: one pass per text
/// however many gates ask.
struct FieldBytes {
    let normalized: [UInt8]
    let original: String
    private var normalizedSet: ByteSet?
    private var originalSet: ByteSet?

    init(normalized: [UInt8], original: String) {
        self.normalized = normalized
        self.original = original
    }

    /// The bytes of the text a rule with `target` reads.
    mutating func present(in target: Rule.Target) -> ByteSet {
        switch target {
        case .normalized:
            if let set = normalizedSet { return set }
            let set = normalized.withUnsafeBufferPointer { ByteSet(bytesOf: $0) }
            normalizedSet = set
            return set
        case .original:
            if let set = originalSet { return set }
            var text = original
            let set = text.withUTF8 { ByteSet(bytesOf: $0) }
            originalSet = set
            return set
        }
    }
}
