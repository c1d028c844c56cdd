import SpoorMatch

extension RuleSet {
    /// An embedded example that did not behave as its rule says.
    public struct ExampleFailure: Sendable, Hashable, CustomStringConvertible {
        /// The rule's id.
        public var rule: String
        /// Where the rule is defined.
        public var origin: String
        /// The example text.
        public var example: String
        /// Whether the example should have matched.
        public var shouldMatch: Bool
        /// The error the regex raised, if any.
        public var error: String?
        /// Whether the pattern matched but none of the rule's literals starts a word of the
        /// example (nor does its derived gate let it run), so in a listing the rule would not run.
        public var literalMissing = false
        /// For a `literalMissing` failure, whether the literals were derived from the pattern
        /// (the rule has none of its own), which makes it a fault of the derivation.
        public var derivedGate = false

        /// `file:line: rule id: "example" should (not) match`.
        public var description: String {
            if literalMissing && derivedGate {
                return "\(origin): rule \(rule): \"\(example)\" matches, but the gate derived from the pattern would not let the rule run there (a fault in Spoor's analysis: add literals to the rule and report it)"
            }
            if literalMissing {
                return "\(origin): rule \(rule): \"\(example)\" matches, but none of its literals starts a word there, so the rule would not run"
            }
            return "\(origin): rule \(rule): \"\(example)\" should \(shouldMatch ? "match" : "not match")" + (error.map { " (\($0))" } ?? "")
        }
    }

    /// Runs every rule's `examples:` and returns the ones that fail (none when all pass).
    public func checkExamples(normalizer: Normalizer = Normalizer()) -> [ExampleFailure] {
        var failures: [ExampleFailure] = []
        // Literals are found the way the detector finds them: the same automaton, the same rule.
        let index = TermIndex(watchlist: Watchlist(name: "examples", taxa: []), literals: literals, boundaryLiterals: boundaryLiterals,
                              anywhereLiterals: anywhereLiterals, normalizer: normalizer)
        let gating = RuleGating(rules: self)
        for (r, rule) in rules.enumerated() {
            func wouldRun(_ example: String) -> Bool {
                let normalized = normalizer.normalize(example)
                var bytes = FieldBytes(normalized: normalized.bytes, original: example)
                return gating.allows(r, literals: index.search(normalized).foundLiterals, bytes: &bytes)
            }
            for (examples, shouldMatch) in [(rule.mustMatch, true), (rule.mustNotMatch, false)] {
                for example in examples {
                    do {
                        let matched = try rule.matches(example, normalizer: normalizer, negationCues: self)
                        if matched != shouldMatch {
                            failures.append(.init(rule: rule.id, origin: rule.origin, example: example, shouldMatch: shouldMatch))
                        } else if shouldMatch && !wouldRun(example) {
                            failures.append(.init(rule: rule.id, origin: rule.origin, example: example, shouldMatch: true,
                                                  literalMissing: true, derivedGate: rule.literals.isEmpty))
                        }
                    } catch {
                        failures.append(.init(rule: rule.id, origin: rule.origin, example: example, shouldMatch: shouldMatch, error: "\(error)"))
                    }
                }
            }
        }
        return failures
    }
}

extension Rule {
    /// Whether the rule's pattern matches `text` (normalized first unless the rule targets the
    /// original), ignoring matches that `negationCues` negates when the rule is negatable.
    public func matches(_ text: String, normalizer: Normalizer = Normalizer(), negationCues: RuleSet = .empty) throws(PCRE2Error) -> Bool {
        switch target {
        case .normalized:
            let bytes = normalizer.normalize(text).bytes
            return try regex.allMatches(in: bytes).contains { !(negatable && negationCues.isNegated($0, in: bytes)) }
        case .original:
            return try regex.firstMatch(in: text) != nil
        }
    }
}
