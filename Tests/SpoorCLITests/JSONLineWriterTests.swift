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

    @Test func scoresPrintAsSwiftPrintsThem() {
        for score in [0.0, 1.0, 0.5, 0.123, 1e-3] {
            let verdict = Verdict(id: "a", flagged: false, score: score, priority: .low, taxa: [], matches: [], rules: [],
                                  explanation: "", steps: [])
            #expect(JSONLineWriter.line(verdict).contains("\"score\":\(score),"))
        }
    }
}
