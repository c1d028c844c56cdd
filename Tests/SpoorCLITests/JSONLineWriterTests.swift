import Foundation
@testable import SpoorDetect
import Testing
@testable import spoor

/// The hand-written JSON lines of `spoor classify`: valid JSON that reads back to the verdict.
@Suite struct JSONLineWriterTests {
    @Test func aVerdictReadsBackWithEveryStringEscaped() throws {
        let tricky = "quote \" backslash \\ newline \n tab \t bell \u{07} nul \u{0} emoji 🐘 象牙"
        let verdict = Verdict(
            id: tricky, flagged: true, score: 0.85, priority: .critical,
            taxa: [.init(id: "loxodonta-africana", name: "Loxodonta africana", common: nil, appendix: .iAndII, score: 0.7)],
            matches: [.init(field: "title", start: 3, end: 12, text: tricky, term: "ivory", kind: .product,
                            taxon: "Loxodonta africana", suppressed: false)],
            rules: [.init(id: "r", weight: -0.3, title: "t", field: "description", text: "x")],
            explanation: tricky, steps: [])
        let line = JSONLineWriter.line(verdict)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["id"] as? String == tricky)
        #expect(object["explanation"] as? String == tricky)
        #expect(object["score"] as? Double == 0.85)
        #expect(object["flagged"] as? Bool == true)
        let taxa = try #require(object["taxa"] as? [[String: Any]])
        #expect(taxa.first?["appendix"] as? String == "I/II" && taxa.first?["common"] == nil)
        let matches = try #require(object["matches"] as? [[String: Any]])
        #expect(matches.first?["start"] as? Int == 3 && matches.first?["end"] as? Int == 12)
        let rules = try #require(object["rules"] as? [[String: Any]])
        #expect(rules.first?["weight"] as? Double == -0.3)
        // Keys in the documented order.
        let keys = ["\"id\"", "\"flagged\"", "\"score\"", "\"priority\"", "\"taxa\"", "\"matches\"", "\"rules\"", "\"explanation\""]
        let positions = keys.map { line.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }

    /// The hand-written line is the JSON that `JSONEncoder` writes for the verdict (less
    /// `steps`, which only `--explain` prints), optional fields left out when absent.
    @Test func writesWhatJSONEncoderWrites() throws {
        let match = Verdict.TermMatch(field: "title", start: 8, end: 13, text: "yrovi", term: "ivory", kind: .product,
                                      taxon: "Loxodonta africana", suppressed: false)
        var shown = match
        shown.display = "displayed right-to-left by U+202E (RIGHT-TO-LEFT OVERRIDE)"
        let verdicts = [
            Verdict(id: "a\"\u{1}", flagged: true, score: 0.85, priority: .critical,
                    taxa: [.init(id: "l", name: "L a", common: "e", appendix: .i, score: 0.7),
                           .init(id: "m", name: "M", common: nil, appendix: .ii, score: 0.123)],
                    matches: [match, shown], rules: [.init(id: "r", weight: -0.3, title: "t", field: "description", text: "x")],
                    explanation: "why", steps: [.init(reason: "r", delta: 0.1)]),
            Verdict(id: "b", flagged: false, score: 0, priority: .low, taxa: [], matches: [], rules: [], explanation: "", steps: []),
            Verdict(id: "c", flagged: false, score: 0, priority: .low, taxa: [], matches: [], rules: [], explanation: "e", steps: [],
                    truncated: ["title", "description"]),
        ]
        for verdict in verdicts {
            let mine = try #require(try JSONSerialization.jsonObject(with: Data(JSONLineWriter.line(verdict).utf8)) as? [String: Any])
            var theirs = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(verdict)) as? [String: Any])
            theirs["steps"] = nil
            #expect(Self.same(mine, theirs), "\(mine) vs \(theirs)")
        }
    }

    /// Whether two parsed JSON values are equal (numbers by value: `0` and `0.0` are one).
    static func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0]!, y[$0]!) }
        case let (x as [Any], y as [Any]):
            return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case let (x as String, y as String):
            return x == y
        case let (x as Bool, y as Bool):
            return x == y
        case let (x as NSNumber, y as NSNumber):
            return x.doubleValue == y.doubleValue
        default:
            return false
        }
    }

    @Test func scoresPrintAsSwiftPrintsThem() {
        for score in [0.0, 1.0, 0.5, 0.123, 1e-3] {
            let verdict = Verdict(id: "a", flagged: false, score: score, priority: .low, taxa: [], matches: [], rules: [],
                                  explanation: "", steps: [])
            #expect(JSONLineWriter.line(verdict).contains("\"score\":\(score),"))
        }
    }
}
