import Foundation
import SpoorCrawl
@testable import SpoorDetect
import Testing
@testable import spoor

/// The `spoor scan` record: how the page was decoded is part of the evidence.
@Suite struct ScanRecordWriterTests {
    static func record(_ charset: PageCharset?) throws -> [String: Any] {
        var found = ScannedListing(
            listing: ExtractedListing(url: "http://shop.example/1", title: "象牙雕刻", source: "json-ld"),
            pageURL: "http://shop.example/1", fetchedAt: Date(timeIntervalSince1970: 0), status: 200)
        found.charset = charset
        let verdict = Verdict(id: "http://shop.example/1", flagged: true, score: 0.9, priority: .critical, taxa: [], matches: [],
                              rules: [], explanation: "", steps: [])
        let line = ScanRecordWriter.line(found, verdict)
        return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    @Test func aDetectedCharsetIsRecordedWithTheDeclaredOne() throws {
        let object = try Self.record(PageCharset(name: "GB18030", source: .detected, declared: "UTF-8"))
        #expect(object["charset"] as? String == "GB18030")
        #expect(object["charset_source"] as? String == "detected")
        #expect(object["declared_charset"] as? String == "UTF-8")
        #expect(object["title"] as? String == "象牙雕刻")
    }

    @Test func anHonestCharsetIsRecordedOnce() throws {
        let object = try Self.record(PageCharset(name: "Shift_JIS", source: .meta, declared: "Shift_JIS"))
        #expect(object["charset"] as? String == "Shift_JIS")
        #expect(object["charset_source"] as? String == "meta")
        #expect(object["declared_charset"] == nil)
        let none = try Self.record(nil)
        #expect(none["charset"] == nil)
    }
}
