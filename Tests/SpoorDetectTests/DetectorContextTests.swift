import Foundation
import Testing
@testable import SpoorDetect

/// Context handling in the detector: innocent senses across fields, quotes, disguised goods.
@Suite struct DetectorContextTests {
    let detector = DetectorTests.detector

    func verdict(_ title: String, _ description: String = "") -> Verdict {
        detector.classify(Listing(id: "t", title: title, description: description))
    }

    @Test func anInnocentSenseCarriesAcrossTheListing() {
        let v = verdict("Wedding dress, colour ivory, size 38", "Ivory is a soft warm white. Worn once.")
        #expect(!v.flagged, "\(v.explanation)")
        #expect(v.matches.allSatisfy { $0.suppressed })
    }

    @Test func butNotFromAFieldWhereTheWordIsAlsoUsedForReal() {
        let v = verdict("Genuine ivory bangle, not ivory white plastic", "Carved ivory, WhatsApp for price")
        #expect(v.flagged, "\(v.explanation)")
    }

    @Test func aQuotedDenialIsACoverName() {
        let quoted = verdict("Old 'resin' rhino horn cup")
        let plain = verdict("Old resin rhino horn cup")
        #expect(quoted.score > plain.score)
        #expect(quoted.flagged && !plain.flagged)
    }

    @Test func aClosingQuoteDoesNotOpenANewOne() {
        let v = verdict(#"Bangle "white" faux ivory "resin""#)
        #expect(!v.flagged, "\(v.explanation)")
    }

    @Test func disguisedGoodsWithoutATaxonNeedGoodsAndContext() {
        let disguised = verdict("Old material bangle, pre-ban", "No paperwork, serious buyers only")
        #expect(disguised.flagged && disguised.taxa.isEmpty && disguised.priority == .medium, "\(disguised.explanation)")
        #expect(disguised.explanation.contains("no watchlist taxon named"))
        #expect(!verdict("Old bone carving, fisherman figure").flagged)
        #expect(!verdict("Vintage estate jewellery, serious buyers only").flagged)
    }

    @Test func listingsDecodeNumericIDsAndTextPrices() throws {
        let listing = try JSONDecoder().decode(Listing.self, from: Data(#"{"id":7,"title":"t","description":"d","price":"1,200.50"}"#.utf8))
        #expect(listing.id == "7" && listing.price == 1200.5)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Listing.self, from: Data(#"{"id":"x","title":"t"}"#.utf8)) }
    }

    @Test func jsonTextRoundTrips() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let text = String(String.UnicodeScalarView((0..<Int.random(in: 0...30, using: &rng)).map { _ in
                Unicode.Scalar([0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C, 0x41, 0x7A, 0xE9, 0x8C61, 0x1F418].randomElement(using: &rng)!)!
            }))
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(JSONText.quoted(text))]".utf8)) as? [String]
            #expect(decoded == [text])
        }
    }
}
