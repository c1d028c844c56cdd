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

    /// A lone surrogate escape is U+FFFD, as JavaScript's JSON.parse keeps it and lenient
    /// decoders replace it; a pair is still one character.
    @Test func loneSurrogatesReadAsReplacementCharacters() throws {
        let line = #"{"id":"a","title":"x\ud800y \udc00","description":"\ud800\u0041 \ud800\ud83d\udc18 \ud83d\udc18 \udbff"}"#
        let listing = try #require(fast(line))
        #expect(listing.title == "x\u{FFFD}y \u{FFFD}")
        #expect(listing.description == "\u{FFFD}A \u{FFFD}🐘 🐘 \u{FFFD}")
        // JSONDecoder refuses the line as it is, and reads the same once they are replaced.
        #expect(decoded(line) == nil)
        let replaced = try #require(Listing.replacingLoneSurrogates(in: Array(line.utf8)))
        #expect(replaced.count == line.utf8.count)
        #expect(try JSONDecoder().decode(Listing.self, from: Data(replaced)) == listing)
        // Nothing to replace: pairs, escaped backslashes before "ud800", plain text.
        for clean in [#"{"t":"\ud83d\udc18"}"#, #"{"t":"\\ud800"}"#, #"{"t":"ud800"}"#, #"{"t":"\\\ud83d\udc18"}"#] {
            #expect(Listing.replacingLoneSurrogates(in: Array(clean.utf8)) == nil, "\(clean)")
        }
    }

    @Test(arguments: [
        (#"{"id":"a","title":"t" "description":"d"}"#, 23, "expected ',' or '}' in an object, found '\"'"),
        (#"{"id":"a","title":tru,"description":"d"}"#, 19, "invalid literal, expected 'true'"),
        ("not json", 1, "expected a JSON object ('{'), found 'n'"),
        ("[1,2]", 1, "expected a JSON object ('{'), found '['"),
        (#"{"id":"a","title":"t\q"}"#, 21, #"invalid escape \'q'"#),
        (#"{"id":"a","title":"t\u12"}"#, 21, #"invalid \u escape (four hexadecimal digits expected)"#),
        ("{\"id\":\"a\",\"title\":\"t\u{01}\"}", 21, "control character U+0001 in a string (it must be escaped)"),
        (#"{"id":"a","title":"open"#, 19, "string not closed before the end of the line"),
        (#"{"id":"a"} x"#, 12, "text after the JSON object: 'x'"),
        (#"{"id":-,"title":"t"}"#, 7, "invalid number"),
        (#"{id:"a"}"#, 2, "expected a string key in an object, found 'i'"),
        (#"{"title":"象牙"]"#, 14, "expected ',' or '}' in an object, found ']'"),  // columns count characters
        ("", 1, "empty line, expected a JSON object"),
    ])
    func malformedLinesNameTheProblemAndItsColumn(line: String, column: Int, message: String) throws {
        let problem = try #require(Array(line.utf8).withUnsafeBufferPointer { JSONLineProblem.find(in: $0) })
        #expect(problem.column == column && problem.message == message, "\(problem)")
        #expect(problem.description == "column \(column): \(message)")
    }

    @Test func wellFormedLinesHaveNoProblem() {
        let lines = [
            #"{"id":"a1","title":"Ivory bangle","description":"old"}"#,
            #"{"title":"象牙 \u0041\n\"q\"\\ \ud83d\udc18","description":"é","id":"x","tags":["a",{"b":[1,-2.5e+3,{"c":null}]}],"ok":true}"#,
            #"  { "id" : 1 , "t" : [ ] , "o" : { } , "f" : false }  "#,
            #"{"id":"a","title":"\ud800"}"#,
        ]
        for line in lines {
            #expect(Array(line.utf8).withUnsafeBufferPointer { JSONLineProblem.find(in: $0) } == nil, "\(line)")
        }
        // Nesting is followed to a depth, then reported.
        let deep = "{\"a\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600) + "}"
        #expect(Array(deep.utf8).withUnsafeBufferPointer { JSONLineProblem.find(in: $0) }?.message == "nested more than 512 deep")
    }
}
