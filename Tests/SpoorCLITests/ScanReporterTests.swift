import Foundation
import SpoorCrawl
import Testing
@testable import spoor

/// What `spoor scan` says about limits (issue 12): each limit event once, on the terminal and
/// as a JSON log line, and the summary's trap, depth_limit and outlinks_dropped counts.
@Suite struct ScanReporterTests {
    final class Captured: @unchecked Sendable {  // written from the reporter's one task
        private let lock = NSLock()
        private var text = ""
        func append(_ more: String) { lock.withLock { text += more } }
        var value: String { lock.withLock { text } }
    }

    static let trap = ScanLimit(.trap, host: "shop.test", url: "https://shop.test/a/a/a/", page: "https://shop.test/a/a/",
                                message: "looks like a crawler trap (repeating-path): not followed")
    static let delay = ScanLimit(.crawlDelay, host: "slow.test", url: "https://slow.test/robots.txt",
                                 message: "robots.txt asks for a delay of 120 s between requests, over the cap: 60 s applied",
                                 askedDelay: 120, appliedDelay: 60)

    static var summary: ScanSummary {
        var summary = ScanSummary()
        summary.pages = 12
        summary.trap = 3
        summary.depthLimit = 2
        summary.outlinksDropped = 99_000
        return summary
    }

    @Test func limitsAndTheirCountsAsJSONLogLines() throws {
        let captured = Captured()
        var reporter = ScanReporter(verbose: false, interactive: false, output: { captured.append($0) })
        reporter.record(.limit(Self.trap))
        reporter.record(.limit(Self.delay))
        reporter.finish(Self.summary)
        let lines = captured.value.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        let objects = try lines.map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        #expect(objects[0]["event"] as? String == "limit")
        #expect(objects[0]["kind"] as? String == "trap")
        #expect(objects[0]["host"] as? String == "shop.test")
        #expect(objects[0]["url"] as? String == "https://shop.test/a/a/a/")
        #expect(objects[0]["page"] as? String == "https://shop.test/a/a/")
        #expect(objects[1]["kind"] as? String == "crawl_delay")
        #expect(objects[1]["asked"] as? Double == 120)
        #expect(objects[1]["applied"] as? Double == 60)
        #expect(objects[2]["event"] as? String == "summary")
        #expect(objects[2]["trap"] as? Int == 3)
        #expect(objects[2]["depth_limit"] as? Int == 2)
        #expect(objects[2]["outlinks_dropped"] as? Int == 99_000)
    }

    @Test func limitsAndTheirCountsOnTheTerminal() {
        let captured = Captured()
        var reporter = ScanReporter(verbose: false, interactive: true, output: { captured.append($0) })
        reporter.record(.limit(Self.trap))
        reporter.record(.limit(Self.delay))
        reporter.finish(Self.summary)
        let text = captured.value
        #expect(text.contains("spoor: shop.test: looks like a crawler trap (repeating-path): not followed; first cut: https://shop.test/a/a/a/ (linked from https://shop.test/a/a/)"))
        #expect(text.contains("spoor: slow.test: robots.txt asks for a delay of 120 s between requests, over the cap: 60 s applied\n"))
        #expect(text.contains("3 links cut as crawler traps, 2 links past the depth limit, 99000 links dropped from pages with too many"))
    }
}
