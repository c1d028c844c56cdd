import Foundation
import Testing
@testable import SpoorDetect
@testable import spoor

/// What `spoor classify` makes of hostile input lines: lone surrogates, malformed JSON, fields
/// of many megabytes.
@Suite struct ClassifyInputTests {
    func listing(_ line: String) throws -> Listing {
        try Classify.listing(from: ArraySlice(line.utf8), decoder: JSONDecoder())
    }

    func error(_ line: String) -> String? {
        do {
            _ = try listing(line)
            return nil
        } catch {
            return Classify.describe(error)
        }
    }

    @Test func aLoneSurrogateKeepsTheListing() throws {
        #expect(try listing(#"{"id":"a","title":"ivory \ud800 bangle","description":"d"}"#).title == "ivory \u{FFFD} bangle")
        // The JSONDecoder path (a value nested deeper than the fast reader follows) too.
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let line = #"{"id":"a","title":"ivory \udc00","description":"d","x":"# + deep + "}"
        #expect(Array(line.utf8).withUnsafeBufferPointer { Listing.parse(json: $0) } == nil)
        #expect(try listing(line).title == "ivory \u{FFFD}")
    }

    @Test func malformedLinesSayWhatAndWhere() {
        #expect(error(#"{"id":"a","title":"t" "description":"d"}"#)
            == #"not a JSON object: column 23: expected ',' or '}' in an object, found '"'"#)
        #expect(error("{\"id\":\"a\",\"title\":\"t\u{0}\",\"description\":\"d\"}")
            == "not a JSON object: column 21: control character U+0000 in a string (it must be escaped)")
        #expect(error(#"{"id":"a","title":"t"}"#) == "missing required field 'description'")
        #expect(error(#"{"id":"a","title":5,"description":"d"}"#) == "wrong type for 'title'")
    }

    private func reader(_ content: [UInt8], maxStringBytes: Int?) throws -> (LineReader, String) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("spoor-squeeze-\(UUID().uuidString).jsonl").path
        FileManager.default.createFile(atPath: path, contents: Data(content))
        return (try LineReader(path: path, maxStringBytes: maxStringBytes), path)
    }

    /// A 6 MiB description is cut while it is read: the line stays JSON, the fields after it
    /// are kept, and the description is still longer than the cap (so the verdict is marked).
    @Test func longStringsOfLongLinesAreCutAsTheyAreRead() throws {
        let cap = 64 << 10
        var description = ""
        while description.utf8.count < 6 << 20 { description += #"ivoire \"é\" \u00e9 象牙 \ud83d\udc18 "# }
        let long = #"{"id":"big","title":"Old bangle","description":""# + description + #"","seller":"bob","tags":["x"]}"#
        let content = Array((long + "\n" + #"{"id":"next","title":"t","description":"d"}"# + "\n").utf8)
        var (r, path) = try reader(content, maxStringBytes: cap)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = r.nextBytes()
        let line = try #require(read)
        #expect(r.lastLineCutStrings == 1)
        #expect(line.count < 2 * cap)
        let parsed = try #require(Array(line).withUnsafeBufferPointer { Listing.parse(json: $0) })
        #expect(parsed.id == "big" && parsed.seller == "bob" && parsed.title == "Old bangle")
        #expect(parsed.description.utf8.count > cap && parsed.description.utf8.count <= cap + 4)
        let full = try #require(Array(long.utf8).withUnsafeBufferPointer { Listing.parse(json: $0) })
        #expect(full.description.hasPrefix(parsed.description))
        #expect(try JSONSerialization.jsonObject(with: Data(line)) is [String: Any])
        let second = r.nextBytes()
        let next = try #require(second)
        #expect(String(decoding: next, as: UTF8.self) == #"{"id":"next","title":"t","description":"d"}"#)
        let end = r.nextBytes()
        #expect(end == nil)

        // Without a cap the line comes whole; short lines are never touched.
        var (whole, path2) = try reader(content, maxStringBytes: nil)
        defer { try? FileManager.default.removeItem(atPath: path2) }
        let all = whole.nextBytes()
        #expect(all?.count == long.utf8.count)
    }

    /// A line longer than the line limit is no longer dropped when cutting its strings makes it
    /// fit: 20 MiB of description under the default 16 MiB line limit.
    @Test func aLineOverTheLineLimitIsKeptWhenItsStringsCanBeCut() throws {
        let content = Array((#"{"id":"huge","title":"t","description":""# + String(repeating: "a", count: 20 << 20) + "\"}\n").utf8)
        var (r, path) = try reader(content, maxStringBytes: 1 << 20)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let read = r.nextBytes()
        let line = try #require(read)
        #expect(!r.lastLineWasCut)
        let parsed = try #require(Array(line).withUnsafeBufferPointer { Listing.parse(json: $0) })
        #expect(parsed.id == "huge" && parsed.description.utf8.count == (1 << 20) + 1)
        // The old behaviour, without a cap: cut at the limit and reported.
        var (old, path2) = try reader(content, maxStringBytes: nil)
        defer { try? FileManager.default.removeItem(atPath: path2) }
        _ = old.nextBytes()
        #expect(old.lastLineWasCut)
    }

    /// Squeezing in chunks gives what squeezing at once gives, and always JSON whose strings
    /// are the originals or prefixes of them longer than the cap.
    @Test func squeezingIsChunkIndependentAndKeepsJSON() throws {
        var rng = SystemRandomNumberGenerator()
        let pieces = ["a", "é", "象", "🐘", #"\""#, #"\\"#, #"\n"#, #"\u00e9"#, #"\ud83d\udc18"#, " "]
        for _ in 0..<300 {
            var object: [String] = []
            for k in 0..<Int.random(in: 1...4, using: &rng) {
                var value = ""
                for _ in 0..<Int.random(in: 0...60, using: &rng) { value += pieces.randomElement(using: &rng)! }
                object.append("\"k\(k)\":\"\(value)\"")
            }
            let line = Array(("{" + object.joined(separator: ",") + ",\"n\":[1,{\"z\":null}]}").utf8)
            let cap = Int.random(in: 0...40, using: &rng)
            var once = line
            var s1 = JSONStringSqueezer(maxStringBytes: cap, start: 0)
            once.removeSubrange(s1.squeeze(&once, upTo: once.count)...)
            var chunked: [UInt8] = []
            var s2 = JSONStringSqueezer(maxStringBytes: cap, start: 0)
            var k = 0
            while k < line.count {
                let n = min(line.count - k, Int.random(in: 1...7, using: &rng))
                chunked += line[k..<(k + n)]
                k += n
                s2.squeezeAll(&chunked)
            }
            #expect(chunked == once)
            let original = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
            let squeezed = try #require(try JSONSerialization.jsonObject(with: Data(once)) as? [String: Any], "\(String(decoding: once, as: UTF8.self))")
            #expect(Set(original.keys) == Set(squeezed.keys))
            for (key, value) in original {
                guard let text = value as? String, let cut = squeezed[key] as? String else { continue }
                #expect(text == cut || (text.unicodeScalars.starts(with: cut.unicodeScalars) && cut.utf8.count > cap && cut.utf8.count <= cap + 4))
            }
        }
    }
}
