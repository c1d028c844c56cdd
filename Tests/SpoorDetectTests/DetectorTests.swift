import Foundation
import Testing
@testable import SpoorDetect

/// The detector on a small inline watchlist and the bundled rules, independent of the bundled list.
@Suite struct DetectorTests {
    static let watchlist = try! Watchlist.parse("""
        schema: spoor-watchlist/1
        name: test
        taxa:
          - id: loxodonta-africana
            scientific: Loxodonta africana
            rank: species
            appendix: I/II
            annotation: populations of BW, NA, ZA, ZW in Appendix II
            priority: critical
            names: {en: [African elephant]}
            products: {en: [ivory, tusk, elephant tusk], zh-Hans: [象牙], vi: [ngà voi]}
            code_words: [{term: white gold, lang: en, source: test}]
          - id: rhinocerotidae
            scientific: Rhinocerotidae
            rank: family
            appendix: I/II
            annotation: test
            priority: critical
            names: {en: [rhino, rhinoceros]}
            products: {en: [rhino horn], zh-Hans: [犀牛角, 犀角], th: [นอแรด]}
          - id: psittacus-erithacus
            scientific: Psittacus erithacus
            rank: species
            appendix: I
            priority: critical
            names: {en: [African grey parrot, African grey]}
            code_words: [{term: CAG, lang: en, needs_context: true, source: test}]
          - id: hippocampus
            scientific: Hippocampus
            rank: genus
            appendix: II
            priority: medium
            names: {en: [seahorse, seahorses]}
          - id: ara
            scientific: Ara
            rank: genus
            appendix: I/II
            annotation: test
            priority: high
            names: {en: [macaw]}
        """, file: "test.yaml")

    static let detector = Detector(watchlist: watchlist, rules: try! RuleSet.load(paths: [TestData.path("rules")]))

    func verdict(_ title: String, _ description: String = "") -> Verdict {
        Self.detector.classify(Listing(id: "t", title: title, description: description))
    }

    @Test(arguments: [
        "Carved 1v0ry bangle", "i.v.o.r.y bangle for sale", "ｉｖｏｒｙ carving", "іvоry netsuke", "real#ivory",
        "#rhinohorn cup", "r h 1 n o h o r n", "出售象牙手镯", "犀角杯 老料", "ขายนอแรดแท้", "vòng ngà voi thật",
        "African grey parrot babies", "realivory bracelet",
    ])
    func flagsDisguisedOffers(title: String) {
        let v = verdict(title, "DM for price")
        #expect(v.flagged, "\(title): \(v.explanation)")
    }

    @Test(arguments: [
        "Ivory white wedding dress", "Rhino 3D license key", "Tiger Balm", "faux ivory resin bangle",
        "Coffee beans from Ivory Coast", "ivorywhite paint", "Macaroni and cheese", "Pan for frying",
    ])
    func clearsInnocentUses(title: String) {
        let v = verdict(title, "for sale, good condition")
        #expect(!v.flagged, "\(title): \(v.explanation)")
    }

    @Test func matchesPointAtTheOriginalText() throws {
        let title = "Ｏｌｄ 1v0ry & r.h.i.n.o horn"
        let v = verdict(title)
        let texts = v.matches.map(\.text)
        #expect(texts.contains("1v0ry") && texts.contains("r.h.i.n.o horn"))
        for m in v.matches {
            let scalars = Array(title.unicodeScalars)
            #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text)
        }
    }

    /// `U+202E yrovi` displays as "ivory": flagged, the match covers the stored characters,
    /// and the verdict says the text is reordered for display.
    @Test func aRightToLeftOverrideIsReadAsDisplayed() throws {
        let title = "Carved \u{202E}yrovi\u{202C} bangle, old"
        let v = verdict(title, "DM for price")
        #expect(v.flagged, "\(v.explanation)")
        let match = try #require(v.matches.first { $0.term == "ivory" })
        #expect(match.text == "yrovi")
        // Character offsets: "Carved " is 7, then U+202E; the stored word is 8..<13.
        #expect(match.start == 8 && match.end == 13)
        #expect(Array(title.unicodeScalars)[match.start..<match.end].map(String.init).joined() == "yrovi")
        #expect(match.display == "displayed right-to-left by U+202E (RIGHT-TO-LEFT OVERRIDE)")
        #expect(v.explanation.contains("\"yrovi\" in the title reads \"ivory\": displayed right-to-left by U+202E"), "\(v.explanation)")
        // Words outside the override carry no note.
        let plain = verdict("Carved ivory bangle, old", "DM for price")
        #expect(plain.matches.allSatisfy { $0.display == nil })
        #expect(!plain.explanation.contains("displayed"))
        // A reversed word in the description, with a lone unterminated override.
        let d = verdict("Bangle", "Old \u{202E}nroh onihr")
        #expect(d.matches.contains { $0.term == "rhino horn" && $0.text == "nroh onihr" && $0.field == "description" })
    }

    /// A field longer than the cap is cut on a character boundary, what fits is classified,
    /// and the verdict names the field.
    @Test func longFieldsAreCutAndTheVerdictSaysSo() {
        var detector = Self.detector
        detector.maxFieldBytes = 64
        let head = "Carved ivory bangle, DM for price. " + String(repeating: "x", count: 20)  // 55 bytes
        let v = detector.classify(Listing(id: "t", title: "Old bangle", description: head + " rhino horn cup"))
        #expect(v.truncated == ["description"])
        #expect(v.matches.contains { $0.term == "ivory" })
        #expect(!v.matches.contains { $0.term == "rhino horn" })  // past the cap: not read
        // Both fields, on the early path of a listing that names nothing.
        let long = String(repeating: "plain words ", count: 10)
        let both = detector.classify(Listing(id: "t", title: long, description: long))
        #expect(both.truncated == ["title", "description"] && both.explanation == Detector.nothingFound)
        // At the cap exactly: nothing cut.
        let fits = detector.classify(Listing(id: "t", title: String(repeating: "a", count: 64), description: ""))
        #expect(fits.truncated == nil)
        #expect(Self.detector.classify(Listing(id: "t", title: long, description: long)).truncated == nil)
    }

    @Test func fieldsAreCutOnCharacterBoundaries() {
        #expect(Detector.prefix("abc", maxBytes: 3) == nil)
        #expect(Detector.prefix("abcd", maxBytes: 3) == "abc")
        #expect(Detector.prefix("ab象", maxBytes: 4) == "ab")                    // not inside a scalar
        #expect(Detector.prefix("abe\u{301}x", maxBytes: 4) == "ab")            // nor before a mark of the last letter
        #expect(Detector.prefix("a🇫🇷🇩🇪", maxBytes: 6) == "a")                 // nor inside a flag
        #expect(Detector.prefix("a🇫🇷🇩🇪", maxBytes: 9) == "a🇫🇷")
        #expect(Detector.prefix("e" + String(repeating: "\u{301}", count: 10), maxBytes: 5) == "e\u{301}\u{301}")  // one long character: scalars
        #expect(Detector.prefix("象", maxBytes: 2) == "")
        #expect(Detector.prefix("abc", maxBytes: 0) == "")
    }

    @Test func appendixIComesFirstAndDrivesPriority() {
        let v = verdict("seahorse and rhino horn for sale", "WhatsApp")
        #expect(v.flagged && v.priority == .critical)
        #expect(v.taxa.first?.name == "Rhinocerotidae")
        #expect(v.taxa.map(\.appendix).contains(.ii))
        let sea = verdict("dried seahorses 500g for sale")
        #expect(sea.flagged && sea.priority == .medium)
    }

    @Test func explanationsNameTermTaxonAndRules() {
        let v = verdict("Antique ivory carving, pre-ban", "discreet shipping, WhatsApp only")
        #expect(v.explanation.contains("ivory") && v.explanation.contains("Loxodonta africana") && v.explanation.contains("Appendix I/II"))
        #expect(Set(v.rules.map(\.id)).isSuperset(of: ["claim.antique", "conceal.discreet", "contact.messenger"]))
        #expect(v.steps.reduce(0) { $0 + $1.delta } >= v.score - 1e-9)
        let innocent = verdict("Ivory white wedding dress")
        #expect(innocent.matches.allSatisfy { $0.suppressed })
        #expect(innocent.explanation.contains("innocent"))
    }

    @Test func shortGenusNamesAreWeakEvidence() {
        #expect(!verdict("Ara").flagged)
        #expect(verdict("blue and gold macaw chicks").flagged)
    }

    /// Our own labelled fixtures (written for Spoor, separate from ../shared/eval).
    @Test func labelledFixturesMeetTheTargets() throws {
        let detector = Detector(
            watchlist: try Watchlist.load(paths: [TestData.path("watchlists")]),
            rules: try RuleSet.load(paths: [TestData.path("rules")]))
        let lines = try String(contentsOfFile: TestData.path("Tests/SpoorDetectTests/Fixtures/labelled-listings.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        let listings = try lines.map { try JSONDecoder().decode(Evaluation.Labelled.self, from: Data($0.utf8)) }
        #expect(listings.count == 288)
        let e = Evaluation(detector: detector, listings: listings)
        let misses = e.misses.prefix(10).map { "\($0.expected) \($0.id) \($0.title) — \($0.explanation)" }.joined(separator: "\n")
        // Regression guards a little below what the detector measures today (P 0.95, R 0.93).
        #expect(e.overall.recall >= 0.91, "recall \(e.overall.recall)\n\(misses)")
        #expect(e.overall.precision >= 0.93, "precision \(e.overall.precision)\n\(misses)")
    }

    /// The shared development set, when present (../shared/eval): a regression guard, not a target
    /// to tune against; `spoor eval` prints the full breakdown.
    @Test(.enabled(if: TestData.shared("eval/dev-listings.jsonl") != nil))
    func sharedDevelopmentSetDoesNotRegress() throws {
        let detector = Detector(
            watchlist: try Watchlist.load(paths: [TestData.path("watchlists")]),
            rules: try RuleSet.load(paths: [TestData.path("rules")]))
        let text = try String(contentsOfFile: TestData.shared("eval/dev-listings.jsonl")!, encoding: .utf8)
        let listings = try text.split(separator: "\n").map { try JSONDecoder().decode(Evaluation.Labelled.self, from: Data($0.utf8)) }
        let e = Evaluation(detector: detector, listings: listings)
        // The targets: precision 0.92 and recall 0.95 overall, recall 0.90 in every language.
        #expect(e.overall.precision >= 0.92, "precision \(e.overall.precision)")
        #expect(e.overall.recall >= 0.95, "recall \(e.overall.recall)")
        for (lang, counts) in e.byLanguage {
            #expect(counts.recall >= 0.90, "recall \(counts.recall) in \(lang)")
        }
    }

    /// One negation does not swallow the next: "without box, not ivory" still denies the ivory.
    @Test func negationsFollowingEachOtherBothCount() {
        #expect(!verdict("Bangle without box not ivory").flagged)
        #expect(!verdict("鳕鱼胶 不是象牙").flagged)
        #expect(verdict("非洲象牙手镯").flagged)  // 非洲 is Africa, not a negation
    }

    /// A code word that is also an ordinary word or abbreviation is only a mention: it needs
    /// context, and written in lower case it is another word.
    @Test func contextCodeWordsAreMentions() {
        #expect(!verdict("CAG").flagged)
        #expect(verdict("CAG hen, 2 years, talks").flagged)
        #expect(!verdict("cag hen, 2 years, talks").flagged)
        let code = Self.detector.index.terms.first { $0.text == "CAG" }
        #expect(code?.needsContext == true && code?.kind == .codeWord)
        #expect(verdict("white gold bangle").flagged)  // an ordinary code word still counts alone
    }
}
