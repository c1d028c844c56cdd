/// Which rule may run on which field: one of its hand-written literals starts a word there, or,
/// for a rule without literals, its derived ``RuleGate`` lets it.
struct RuleGating: Sendable {
    /// How one rule is admitted.
    enum Admission: Sendable {
        /// No literals and no gate: always.
        case always
        /// When one of its literals was found.
        case literals
        /// When one of its gate strings was found, or its text holds one of these bytes.
        case gate(ByteSet, Rule.Target)
    }

    /// For each rule, the indices (into ``TermIndex/literals``) of its literals or gate strings.
    let literalIndices: [[Int]]
    /// For each rule, how it is admitted.
    let admission: [Admission]
    /// Words per rule bit set.
    let words: Int
    /// For each literal, the rules (bits) it admits: `words` words per literal.
    let rulesByLiteral: [UInt64]

    /// The gating of `rules` over a term index built with `rules.literals`, then
    /// `rules.boundaryLiterals`, then `rules.anywhereLiterals` (the order ``TermIndex/literals`` keeps).
    init(rules: RuleSet) {
        let wordStart = rules.literals, boundary = rules.boundaryLiterals, anywhere = rules.anywhereLiterals
        let position = Dictionary(wordStart.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let boundaryPosition = Dictionary(boundary.enumerated().map { ($1, wordStart.count + $0) }, uniquingKeysWith: { a, _ in a })
        let anywherePosition = Dictionary(anywhere.enumerated().map { ($1, wordStart.count + boundary.count + $0) }, uniquingKeysWith: { a, _ in a })
        literalIndices = rules.rules.map { rule in
            if !rule.literals.isEmpty { return rule.literals.compactMap { position[$0] } }
            guard let gate = rule.gate else { return [] }
            return gate.boundaryLiterals.compactMap { boundaryPosition[$0] } + gate.anywhereLiterals.compactMap { anywherePosition[$0] }
        }
        admission = rules.rules.map { rule in
            if !rule.literals.isEmpty { return .literals }
            if let gate = rule.gate { return .gate(gate.bytes, rule.target) }
            return .always
        }
        let words = max(1, (rules.rules.count + 63) / 64)
        var byLiteral = [UInt64](repeating: 0, count: (wordStart.count + boundary.count + anywhere.count) * words)
        for (r, literals) in literalIndices.enumerated() {
            for l in literals { byLiteral[l * words + r / 64] |= 1 << (r % 64) }
        }
        self.words = words
        self.rulesByLiteral = byLiteral
    }

    /// The rules the literals found in a field admit, as a bit set (walks the few literals
    /// found, not every rule's hundreds).
    func admitted(byLiterals found: [Int]) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: words)
        for literal in found {
            for w in 0..<words { bits[w] |= rulesByLiteral[literal * words + w] }
        }
        return bits
    }

    /// Whether rule `r` may run on a field, given what its literals admitted (``admitted(byLiterals:)``).
    @inline(__always)
    func allows(_ r: Int, admitted: [UInt64], bytes: inout FieldBytes) -> Bool {
        switch admission[r] {
        case .always: return true
        case .literals: return admitted[r / 64] & (1 << (r % 64)) != 0
        case .gate(let set, let target):
            return admitted[r / 64] & (1 << (r % 64)) != 0 || set.intersects(bytes.present(in: target))
        }
    }

    /// Whether rule `r` may run on a field whose search found `literals` (the slow form, for
    /// tools and tests).
    func allows(_ r: Int, literals found: [Int], bytes: inout FieldBytes) -> Bool {
        allows(r, admitted: admitted(byLiterals: found), bytes: &bytes)
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
