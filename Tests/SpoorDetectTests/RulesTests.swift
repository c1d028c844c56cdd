import Testing
import SpoorMatch
@testable import SpoorDetect

@Suite struct RulesTests {
    @Test func bundledRulesLoadAndTheirExamplesPass() throws {
        let rules = try RuleSet.load(paths: [TestData.path("rules")])
        #expect(rules.rules.count >= 10)
        #expect(Set(rules.rules.map(\.effect)) == Set(Rule.Effect.allCases))
        let failures = rules.checkExamples()
        #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
        // Every rule carries examples both ways, so a broken pattern cannot pass silently.
        for rule in rules.rules {
            #expect(!rule.mustMatch.isEmpty, "rule \(rule.id) has no match examples")
            #expect(!rule.mustNotMatch.isEmpty, "rule \(rule.id) has no no_match examples")
        }
    }

    @Test func aFailingExampleIsReported() throws {
        let yaml = """
            schema: spoor-rules/1
            rules:
              - id: t.sale
                title: sale
                pattern: '\\bfor sale\\b'
                weight: 0.1
                effect: raise
                examples:
                  match: ["for sale", "on sale"]
                  no_match: ["forsale"]
            """
        let rules = try RuleSet.parse(yaml, file: "t.yaml")
        let failures = rules.checkExamples()
        #expect(failures.map(\.example) == ["on sale"])
        #expect(failures[0].description.hasPrefix("t.yaml:3: rule t.sale"))
    }

    /// A rule runs only where one of its literals starts a word, so an example whose only
    /// literal sits inside another word is reported: in a listing the rule would never run.
    @Test func anExampleItsLiteralsMissIsReported() throws {
        let yaml = """
            schema: spoor-rules/1
            rules:
              - id: t.old
                title: old
                pattern: 'old'
                literals: [old]
                weight: 0.1
                effect: raise
                examples:
                  match: ["old stock", "oldies", "solid gold"]
                  no_match: ["new"]
            """
        let failures = try RuleSet.parse(yaml, file: "t.yaml").checkExamples()
        #expect(failures.map(\.example) == ["solid gold"])
        #expect(failures.first?.literalMissing == true)
    }

    /// Patterns on normalized (lower-case) text compile caseless only when they write a capital.
    @Test(arguments: [
        ("\\bivory\\b", false), ("\\Bx\\W+\\S\\p{Han}\\P{Lu}", false), ("(?<Name>a)(?<=b)(?<!c)", false),
        ("Ivory", true), ("(?<=X)y", true), ("a<B", true),
    ])
    func capitalsMakeAPatternCaseless(pattern: String, caseless: Bool) {
        #expect(RuleSet.writesCapitals(pattern) == caseless)
    }

    /// Literals count where they start a word (a word or its stem), not inside another word.
    @Test func literalsCountAtTheStartOfAWord() {
        let index = TermIndex(watchlist: Watchlist(name: "empty", taxa: []), literals: ["old", "co", "слонов", "象牙"], normalizer: Normalizer())
        let found = index.search(index.normalizer.normalize("cotton, solid gold, слоновой, 仿象牙"))
        #expect(found.literals == [false, true, true, true])
    }

    @Test(arguments: [
        ("effect: boost", "effect must be raise, lower or suppress", DataFileError.Code.invalidValue),
        ("pattern: '(unclosed'", "missing closing parenthesis", .invalidValue),
        ("weight: 3", "'weight' must be a number in (0, 1]", .invalidValue),
        ("colour: red", "unknown key 'colour'", .schema),
    ])
    func badRulesFailWithFileLineAndReason(change: String, message: String, code: DataFileError.Code) {
        var lines = [
            "schema: spoor-rules/1", "rules:", "  - id: t.one", "    title: one", "    pattern: 'x'",
            "    weight: 0.1", "    effect: raise",
        ]
        let key = change.split(separator: ":")[0]
        if let i = lines.firstIndex(where: { $0.hasPrefix("    \(key):") }) {
            lines[i] = "    \(change)"
        } else {
            lines.append("    \(change)")
        }
        #expect {
            _ = try RuleSet.parse(lines.joined(separator: "\n"), file: "bad.yaml")
        } throws: { error in
            guard let e = error as? DataFileError else { return false }
            return e.code == code && e.file == "bad.yaml" && e.line != nil && e.description.contains(message)
        }
    }
}
