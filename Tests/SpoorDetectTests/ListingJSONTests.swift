import Foundation
import Testing
@testable import SpoorDetect

/// The fast listing reader agrees with JSONDecoder, and refuses what it does not understand.
@Suite struct ListingJSONTests {
    func fast(_ text: String) -> Listing? {
        Array(text.utf8).withUnsafeBufferPointer { Listing.parse(json: $0) }
    }

    func decoded(_ text: String) -> Listing? {
        try? JSONDecoder().decode(Listing.self, from: Data(text.utf8))
    }

    @Test(arguments: [
        #"{"id":"a1","title":"Ivory bangle","description":"old"}"#,
        #"{"id": 42, "title": "t", "description": "d", "price": 12.5, "currency": "USD", "lang": null}"#,
        #"{"title":"象牙 \u0041\n\"q\"\\ \ud83d\udc18","description":"é","id":"x","price":"1,200","tags":["a",{"b":[1,2,{"c":null}]}],"label":"flag","ok":true}"#,
        #"  {"id":"s","title":"","description":"","seller":"bob","location":"Hà Nội","url":"https:\/\/example.com\/p"}  "#,
    ])
    func agreesWithJSONDecoder(line: String) throws {
        let expected = try #require(decoded(line))
        #expect(fast(line) == expected)
    }

    @Test(arguments: [
        "not json", "[]", #"{"id":"a","title":"t"}"#, #"{"id":"a","title":"t","description":"d""#,
        #"{"id":"a","title":"t","description":"d"} trailing"#, #"{"id":"a","title":"t\x","description":"d"}"#,
        #"{"id":true,"title":"t","description":"d"}"#, "{}",
    ])
    func refusesWhatItDoesNotUnderstand(line: String) {
        #expect(fast(line) == nil)
    }

    /// Found by fuzz/ (fuzz-listing-json): with a field given twice the fast reader kept the last
    /// value and JSONDecoder the first, so `spoor classify` read such a line differently from
    /// `spoor eval` and the JSONDecoder fallback. The fast reader now leaves it to JSONDecoder.
    @Test(arguments: [
        #"{"id": "fx-276", "title": "An5akan", "description": "first", "lang": "id", "description": "second"}"#,
        #"{"id":"a","id":7,"title":"t","description":"d"}"#,
        #"{"id":"a","title":"t","description":"d","price":1,"price":"2"}"#,
        #"{"id":"a","title":"t","description":"d","currency":null,"currency":"EUR"}"#,
        #"{"id":"a","title":"t","description":"d","lang":"en","lang":"de","other":1,"other":2}"#,
    ])
    func aFieldGivenTwiceReadsAsJSONDecoderReadsIt(line: String) throws {
        let expected = try #require(decoded(line))
        #expect(fast(line) == nil)
        #expect(expected.description != "second")
    }

    /// Found by fuzz/ (fuzz-listing-json): the fast reader took anything Double reads as a
    /// number (`01`, `+1`, `.5`, `1.`, `1e5e`): `"price": 01` gave 1.0 where JSONDecoder gives
    /// none. It now reads only JSON numbers and declines the rest.
    @Test(arguments: ["01", "-01", "+1", ".5", "1.", "1.e3", "1e", "1e+", "--1", "1-2", "0x1", "1.5.2", "00"])
    func numbersThatAreNotJSONAreDeclined(number: String) {
        #expect(fast(#"{"title":"v","description":"d","id":"x","price":\#(number)}"#) == nil)
        #expect(fast(#"{"title":"v","description":"d","id":\#(number)}"#) == nil)
        #expect(fast(#"{"title":"v","description":"d","id":"x","skipped":[\#(number)]}"#) == nil)
    }

    /// Found by fuzz/ (fuzz-listing-json): `"price": 1e400` read as infinity where JSONDecoder
    /// has no price, and `-11e308` in a skipped field passed where JSONSerialization refuses it.
    @Test(arguments: ["1e400", "-11e308", "1e999999"])
    func numbersBeyondDoubleAreLeftToJSONDecoder(number: String) {
        #expect(fast(#"{"title":"v","description":"d","id":"x","price":\#(number)}"#) == nil)
        #expect(fast(#"{"title":"v","description":"d","id":"x","extra":[1,{"a":[\#(number)]}]}"#) == nil)
    }

    @Test(arguments: ["0", "-0", "12", "-1.5e-3", "1E+2", "0.25", "1e308", "123456789012345"])
    func jsonNumbersAreRead(number: String) throws {
        let line = #"{"title":"v","description":"d","id":"x","price":\#(number),"n":[\#(number)]}"#
        let expected = try #require(decoded(line))
        #expect(fast(line) == expected)
        if Double(number) == Double(number)?.rounded() {
            let idLine = #"{"title":"v","description":"d","id":\#(number)}"#
            #expect(fast(idLine) == decoded(idLine))
        }
    }

    @Test func unknownKeysMayRepeat() {
        #expect(fast(#"{"id":"a","title":"t","description":"d","tag":1,"tag":2}"#) != nil)
    }

    /// The reader skips plain text eight bytes at a time: an escape, a quote or a control
    /// character at every offset around those words is still seen.
    @Test func escapesAndControlCharactersAreSeenAtEveryOffset() {
        for special in [#"\""#, #"\\"#, #"\n"#, #"\u00e9"#, "\u{01}", "é", "象"] {
            for offset in 0..<20 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "b", count: 19 - offset)
                let line = #"{"id":"x","title":"\#(text)","description":"d"}"#
                #expect(fast(line) == decoded(line), "\(special) at \(offset)")
            }
        }
    }
}
