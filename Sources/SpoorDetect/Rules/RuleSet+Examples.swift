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
        /// example, so in a listing the rule would never run.
        public var literalMissing = false

        /// `file:line: rule id: "example" should (not) match`.
        public var description: String {
            if literalMissing {
                return "\(origin): rule \(rule): \"\(example)\" matches, but none of its literals starts a word there, so the rule would not run"
            }
            return "\(origin): rule \(rule): \"\(example)\" should \(shouldMatch ? "match" : "not match")" + (error.map { " (\($0))" } ?? "")
        }
    }

    /// Runs every rule's `examples:` and returns the ones that fail (none when all pass).
    public func checkExamples(normalizer: Normalizer = Normalizer()) -> [ExampleFailure] {
        var failures: [ExampleFailure] = []
        for rule in rules {
            for (examples, shouldMatch) in [(rule.mustMatch, true), (rule.mustNotMatch, false)] {
                for example in examples {
                    do {
                        let matched = try rule.matches(example, normalizer: normalizer, negationCues: self)
                        if matched != shouldMatch {
                            failures.append(.init(rule: rule.id, origin: rule.origin, example: example, shouldMatch: shouldMatch))
                        } else if shouldMatch && !rule.literalsOccur(in: example, normalizer: normalizer) {
                            failures.append(.init(rule: rule.id, origin: rule.origin, example: example, shouldMatch: true, literalMissing: true))
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
    /// Whether the rule would run on `text`: it has no literals, or one of them starts a word of
    /// the normalized text (as the detector requires).
    public func literalsOccur(in text: String, normalizer: Normalizer = Normalizer()) -> Bool {
        guard !literals.isEmpty else { return true }
        let bytes = normalizer.normalize(text).bytes
        return bytes.withUnsafeBufferPointer { buffer in
            literals.contains { literal in
                let needle = Array(normalizer.canonical(literal).utf8)
                guard !needle.isEmpty, needle.count <= buffer.count else { return false }
                for start in 0...(buffer.count - needle.count)
                where buffer[start] == needle[0] && Array(buffer[start..<(start + needle.count)]) == needle {
                    if WordScan.startsWord(at: start, in: buffer) { return true }
                }
                return false
            }
        }
    }

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
