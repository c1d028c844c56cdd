import Foundation
import Testing
import SpoorMatch
@testable import SpoorDetect

/// Alternations of plain words become tries that match exactly what the original matches.
@Suite struct AlternationTrieTests {
    @Test(arguments: [
        ("(?:tiger|tigers|tusk)", "(?:t(?:iger(?:|s)|usk))"),
        ("\\b(?:horns?|hide)\\b", "\\b(?:h(?:orn(?:s|)|ide))\\b"),
        ("(?:gall ?bladder|bone)", "(?:gall(?: bladder|bladder)|bone)"),
        ("(?:ab|x|a)c", "(?:a(?:b|)|x)c"),
    ])
    func rewritesPlainWordAlternations(pattern: String, expected: String) {
        #expect(AlternationTrie.optimize(pattern) == expected)
    }

    @Test(arguments: [
        "(?:abc|a|ab)",  // "a" comes between "abc" and "ab": no single place keeps that order
        "(?:a.c|b)", "(?:[ab]|c)", "(?:a+|b)", "(?:a??|b)", "(?:\\d|x)", "(?:a(?:b|c)|d)", "(?:only)",
    ])
    func leavesOtherGroupsAsWritten(pattern: String) {
        let rewritten = AlternationTrie.optimize(pattern)
        // Inner groups may be rewritten; the group that cannot be is copied.
        #expect(rewritten == pattern || pattern == "(?:a(?:b|c)|d)")
    }

    @Test func charactersInClassesAndEscapesAreLeftAlone() {
        #expect(AlternationTrie.optimize("[(?:a|ab)]\\(?:x") == "[(?:a|ab)]\\(?:x")
    }

    /// Every bundled rule, rewritten, finds exactly the same matches on our fixtures and the
    /// rules' own examples.
    @Test func bundledRulesMatchTheSameAfterTheRewrite() throws {
        let rules = try RuleSet.load(paths: [TestData.path("rules")])
        let normalizer = Normalizer()
        var texts = rules.rules.flatMap { $0.mustMatch + $0.mustNotMatch }
        let fixtures = try String(contentsOfFile: TestData.path("Tests/SpoorDetectTests/Fixtures/labelled-listings.jsonl"), encoding: .utf8)
        for line in fixtures.split(separator: "\n") {
            let listing = try JSONDecoder().decode(Evaluation.Labelled.self, from: Data(line.utf8))
            texts += [listing.listing.title, listing.listing.description]
        }
        var rewritten = 0
        for rule in rules.rules where rule.target == .normalized && !RuleSet.writesCapitals(rule.pattern) {
            let source = normalizer.foldingLetters(rule.pattern)
            let trie = AlternationTrie.optimize(source)
            guard trie != source else { continue }
            rewritten += 1
            let original = try PCRE2Regex(source), faster = try PCRE2Regex(trie)
            for text in texts {
                let bytes = normalizer.normalize(text).bytes
                #expect(try original.allMatches(in: bytes) == faster.allMatches(in: bytes), "rule \(rule.id) on \(text)")
            }
        }
        #expect(rewritten >= 10)
    }
}
