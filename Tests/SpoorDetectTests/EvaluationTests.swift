import Foundation
import Testing
@testable import SpoorDetect
@testable import SpoorMatch

@Suite struct EvaluationTests {
    @Test func countsGiveTheUsualScores() {
        var c = Evaluation.Counts()
        for (expected, got) in [(true, true), (true, true), (true, false), (false, true), (false, false)] {
            c.add(expected: expected, got: got)
        }
        #expect(c.total == 5 && c.truePositives == 2 && c.falseNegatives == 1 && c.falsePositives == 1)
        #expect(abs(c.precision - 2.0 / 3) < 1e-9 && abs(c.recall - 2.0 / 3) < 1e-9 && abs(c.f1 - 2.0 / 3) < 1e-9)
        #expect(Evaluation.Counts().precision == 1 && Evaluation.Counts().recall == 1)
    }

    @Test(arguments: [
        ("象牙手镯", "zh"), ("べっ甲のかんざし", "ja"), ("상아 팔찌", "ko"), ("ขายงาช้าง", "th"),
        ("Продам бивень", "ru"), ("Bán vòng tay ngà voi đẹp", "vi"), ("Carved ivory bangle", "latin"),
    ])
    func scriptGuess(text: String, lang: String) {
        #expect(ScriptGuess.language(of: text) == lang)
    }

    @Test func evaluationGroupsByLanguageAndTagAndListsMisses() throws {
        let lines = [
            #"{"id":"a","title":"Carved ivory bangle, WhatsApp","description":"","label":"flag","lang":"en","tags":["plain"]}"#,
            #"{"id":"b","title":"Ivory white dress","description":"","label":"clear","lang":"en","tags":["hard-negative"]}"#,
            #"{"id":"c","title":"Kettle","description":"","label":"flag","tags":["plain"]}"#,
        ]
        let listings = try lines.map { try JSONDecoder().decode(Evaluation.Labelled.self, from: Data($0.utf8)) }
        let e = Evaluation(detector: DetectorTests.detector, listings: listings)
        #expect(e.overall.truePositives == 1 && e.overall.falseNegatives == 1 && e.overall.trueNegatives == 1)
        #expect(e.byLanguage["en"]?.total == 2 && e.byLanguage["latin"]?.total == 1)
        #expect(e.byTag["plain"]?.recall == 0.5)
        #expect(e.misses.map(\.id) == ["c"])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Evaluation.Labelled.self, from: Data(#"{"id":"x","title":"t","description":"d","label":"maybe"}"#.utf8))
        }
    }

    @Test func searchesStopWhenAskedAndOriginalTextRulesMapBack() throws {
        var builder = AutomatonBuilder(options: .init(matchKind: .overlapping))
        builder.add(Array("a".utf8))
        let automaton = builder.build()
        var seen = 0
        Array("aaaaaa".utf8).withUnsafeBufferPointer { buffer in
            automaton.forEachMatch(in: buffer) { _ in seen += 1; return seen < 3 }
        }
        #expect(seen == 3)

        // The price rule runs on the text as written ("$"), and its match is shown as written.
        let v = DetectorTests.detector.classify(Listing(id: "p", title: "Rhino horn cup", description: "Only $4,500 – WhatsApp"))
        let price = try #require(v.rules.first { $0.id == "sale.price" })
        #expect(price.field == "description" && price.text.contains("4,500"))
    }
}
