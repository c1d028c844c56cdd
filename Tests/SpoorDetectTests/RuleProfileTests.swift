import Testing
@testable import SpoorDetect

/// `spoor rules profile`: which rules ran where, with the detector's gating.
@Suite struct RuleProfileTests {
    @Test func rulesRunWhereTheirGateLetsThemAndAreCountedPerField() throws {
        let watchlist = try Watchlist.parse("""
            schema: spoor-watchlist/1
            name: t
            taxa:
              - id: loxodonta-africana
                scientific: Loxodonta africana
                rank: species
                appendix: I
                priority: critical
                names: {en: [African elephant]}
                products: {en: [ivory]}
            """, file: "t.yaml")
        let rules = try RuleSet.parse("""
            schema: spoor-rules/1
            rules:
              - id: t.tusk
                title: tusk
                pattern: '\\btusks?\\b'
                literals: [tusk]
                weight: 0.2
                effect: raise
              - id: t.grams
                title: weight
                pattern: '\\b\\d+ ?(?:grams|kilos)\\b'
                weight: 0.1
                effect: raise
            """, file: "r.yaml")
        let detector = Detector(watchlist: watchlist, rules: rules)
        // The second rule has no literals: its gate comes from the pattern (the unit words).
        #expect(detector.rules.rules[1].gate?.anywhereLiterals.isEmpty == false)
        let listings = [
            Listing(id: "1", title: "ivory tusk", description: "300 grams"),
            Listing(id: "2", title: "ivory bangle", description: "no weight given"),
            Listing(id: "3", title: "tusk shaped vase", description: "300 grams"),  // names no taxon
        ]
        let profile = Dictionary(uniqueKeysWithValues: detector.profileRules(listings).map { ($0.id, $0) })
        let tusk = try #require(profile["t.tusk"]), grams = try #require(profile["t.grams"])
        // Only listings 1 and 2 name a taxon; each has two fields.
        #expect(tusk.runs == 1 && tusk.matched == 1 && tusk.skipped == 3)
        #expect(grams.runs == 1 && grams.matched == 1 && grams.skipped == 3)
        #expect(tusk.seconds > 0 && tusk.microsecondsPerRun > 0)
    }
}

/// Reachability of standalone rules is kept as bit sets; more than 64 such rules take more words.
@Suite struct ManyStandaloneRulesTests {
    @Test func disguisedGoodsAreFoundAmongSeventyStandaloneRules() throws {
        var yaml = "schema: spoor-rules/1\nrules:\n"
        for k in 0..<70 {
            let kind = k % 2 == 0 ? "evidence" : "context"
            let word = k % 2 == 0 ? "goodsword\(k)" : "offerword\(k)"
            yaml += """
                  - id: t.r\(k)
                    title: rule \(k)
                    pattern: '\\b\(word)\\b'
                    literals: [\(word)]
                    weight: 0.3
                    standalone: \(kind)
                    effect: raise

                """
        }
        let rules = try RuleSet.parse(yaml, file: "many.yaml")
        let detector = Detector(watchlist: Watchlist(name: "empty", taxa: []), rules: rules)
        let both = detector.classify(Listing(id: "a", title: "goodsword68 here", description: "offerword69 now"))
        #expect(both.flagged && both.rules.map(\.id).sorted() == ["t.r68", "t.r69"])
        let goodsOnly = detector.classify(Listing(id: "b", title: "goodsword66 here", description: "goodsword2"))
        #expect(!goodsOnly.flagged)
    }
}
