import Foundation
import Testing
@testable import SpoorCrawl
import SpoorFixtures

/// A ledger behind a reference, so that `#expect` can call its mutating methods.
final class LedgerBox<ID: Hashable> {
    var ledger: BodyBudgetLedger<ID>
    init(capacity: Int) { ledger = BodyBudgetLedger(capacity: capacity) }
    func register(_ id: ID) { ledger.register(id) }
    func take(_ count: Int, for id: ID) -> Bool { ledger.take(count, for: id) }
    func giveBack(_ count: Int, for id: ID) { ledger.giveBack(count, for: id) }
    func finish(_ id: ID, keep: Bool) -> Int { ledger.finish(id, keep: keep) }
    func release(_ count: Int) { ledger.release(count) }
    func resumable() -> [ID] { ledger.resumable() }
    func bytes(of id: ID) -> Int { ledger.bytes(of: id) }
    var waiting: [ID] { ledger.waiting }
    var held: Int { ledger.held }
    var maxHeld: Int { ledger.maxHeld }
    var pauses: Int { ledger.pauses }
    var leased: Int { ledger.leased }
    var capacity: Int { ledger.capacity }
    var privileged: ID? { ledger.privileged }
}

/// The bookkeeping of the body budget, without I/O: who may take bytes, who is let go next.
struct BodyBudgetLedgerTests {
    @Test func pausesWhatDoesNotFitAndLetsItGoInOrderWhenBytesAreReleased() {
        let ledger = LedgerBox<String>(capacity: 100)
        for id in ["a", "b", "c"] { ledger.register(id) }
        #expect(ledger.take(60, for: "a"))
        #expect(!ledger.take(50, for: "b"))  // does not fit: paused
        #expect(!ledger.take(10, for: "c"))  // fits, but a new transfer queues behind b
        #expect(ledger.waiting == ["b", "c"])
        #expect(ledger.take(20, for: "a"))  // one already receiving goes on while it fits
        #expect(ledger.resumable() == [])  // 80 held: b's 50 does not fit, and c waits behind it
        #expect(ledger.finish("a", keep: false) == 80)
        #expect(ledger.resumable() == ["b", "c"])
        #expect(ledger.resumable() == [])  // already let go
        #expect(ledger.take(50, for: "b"))
        #expect(ledger.take(10, for: "c"))
        #expect(ledger.waiting.isEmpty && ledger.held == 60 && ledger.maxHeld == 80 && ledger.pauses == 2)
    }

    @Test func aTransferLetGoThatStillDoesNotFitKeepsItsPlace() {
        let ledger = LedgerBox<Int>(capacity: 100)
        for id in 1...3 { ledger.register(id) }
        #expect(ledger.take(95, for: 1))
        #expect(!ledger.take(10, for: 2) && !ledger.take(10, for: 3))
        ledger.giveBack(80, for: 1)  // a redirect's body dropped
        #expect(ledger.held == 15)
        #expect(ledger.resumable() == [2, 3])
        #expect(!ledger.take(95, for: 2))  // libcurl delivered more than before: paused again, still first
        #expect(ledger.waiting == [2, 3])
        #expect(ledger.take(10, for: 3))
        #expect(ledger.resumable() == [])  // 2 wants 95, 25 held
    }

    @Test func whenNothingElseCanFreeBytesTheOldestPausedGoesPastTheBudget() {
        let ledger = LedgerBox<Int>(capacity: 100)
        for id in 1...3 { ledger.register(id) }
        #expect(ledger.take(60, for: 1) && ledger.take(40, for: 2))
        #expect(!ledger.take(16, for: 1) && !ledger.take(16, for: 2) && !ledger.take(16, for: 3))
        // Every holder is paused and no result is held outside: without a privileged one, a deadlock.
        #expect(ledger.resumable() == [1])
        #expect(ledger.privileged == 1)
        for _ in 0..<10 { #expect(ledger.take(1000, for: 1)) }
        #expect(!ledger.take(1, for: 3))  // the others still wait
        #expect(ledger.resumable() == [])  // one privileged at a time
        #expect(ledger.held <= ledger.capacity + ledger.bytes(of: 1))
        #expect(ledger.finish(1, keep: false) == 10_060)
        #expect(ledger.privileged == nil)
        #expect(ledger.resumable() == [2, 3])
    }

    @Test func aResultHeldOutsideKeepsItsBytesCountedAndPreventsThePrivilege() {
        let ledger = LedgerBox<Int>(capacity: 100)
        for id in 1...2 { ledger.register(id) }
        #expect(ledger.take(90, for: 1))
        #expect(ledger.finish(1, keep: true) == 90)
        #expect(ledger.leased == 90 && ledger.held == 90)
        #expect(!ledger.take(20, for: 2))
        #expect(ledger.resumable() == [])  // the held result will be released: wait for it
        ledger.release(90)
        #expect(ledger.held == 0 && ledger.leased == 0)
        #expect(ledger.resumable() == [2])
        #expect(ledger.take(20, for: 2))
    }

    @Test func aLoneTransferBiggerThanTheBudgetGoesOn() {
        let ledger = LedgerBox<Int>(capacity: 10)
        ledger.register(1)
        #expect(!ledger.take(16, for: 1))
        #expect(ledger.resumable() == [1])
        #expect(ledger.take(16, for: 1) && ledger.take(16, for: 1))
        #expect(ledger.finish(1, keep: false) == 32 && ledger.held == 0)
    }
}

/// The body budget through real transfers: many pages through a tiny budget arrive intact, the
/// bytes held stay within it, a page bigger than it still arrives, results that hold their body
/// pause other transfers until released, and a paused transfer can be cancelled and does not
/// trip the low-speed limit.
@Suite(.serialized) struct FetchBodyBudgetTests {
    /// Runs `body` with the hostile site and a fetcher whose body budget is `budget` bytes.
    func withBudget<T: Sendable>(
        _ budget: Int, limits: FetchLimits = quickLimits, _ body: (String, Fetcher) async throws -> T
    ) async throws -> T {
        try await FixtureServer.withRunning(sites: [HostileSite()], firstHost: 87) { server in
            let endpoint = server.endpoints[0]
            let fetcher = try Fetcher(configuration: FetcherConfiguration(
                userAgent: testUserAgent, limits: limits, allowHosts: [endpoint.host], maxBufferedBodyBytes: budget))
            defer { fetcher.shutdown() }
            return try await body(endpoint.baseURL, fetcher)
        }
    }

    /// Fetches `urls` all at once; results by URL.
    func fetchAll(_ urls: [String], with fetcher: Fetcher) async -> [String: FetchResult] {
        await withTaskGroup(of: FetchResult.self) { group in
            for url in urls { group.addTask { await fetcher.fetch(url) } }
            var results: [String: FetchResult] = [:]
            for await result in group { results[result.requestURL] = result }
            return results
        }
    }

    /// Waits (up to 20 s) until `condition` holds.
    func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<400 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test func manyPagesThroughATinyBudgetArriveByteForByteAndWithinIt() async throws {
        let budget = 128 << 10
        let size = 48 << 10
        try await withBudget(budget) { base, fetcher in
            // Sent slowly (8 KiB every 20 ms), so that all 24 are in flight together: 1.1 MiB.
            let pages = (0..<24).map { (seed: $0, gzip: $0 % 3 == 0) }
            let urls = pages.map { "\(base)/pattern?bytes=\(size)&seed=\($0.seed)\($0.gzip ? "&gzip=1" : "")&chunk=8192&ms=20" }
            let results = await fetchAll(urls, with: fetcher)
            for (page, url) in zip(pages, urls) {
                let result = try #require(results[url])
                #expect(result.error == nil, "\(url): \(String(describing: result.error))")
                #expect(result.body == HostileSite.patternBody(bytes: size, seed: page.seed), "\(url): body differs")
                #expect(result.bodyHold == nil)
            }
            let stats = fetcher.bodyBufferStatistics
            #expect(stats.pauses > 0)  // the budget was short: transfers had to wait
            #expect(stats.maxHeld <= budget + size, "held \(stats.maxHeld) at most")  // at most one page past it
            #expect(stats.held == 0 && stats.waiting == 0)
        }
    }

    @Test func aPageBiggerThanTheBudgetStillArrivesWhole() async throws {
        let size = 1 << 20
        try await withBudget(16 << 10) { base, fetcher in
            let urls = ["\(base)/pattern?bytes=\(size)&seed=7", "\(base)/pattern?bytes=\(size)&seed=8&gzip=1",
                        "\(base)/pattern?bytes=\(size)&seed=9"]
            let results = await fetchAll(urls, with: fetcher)
            for (url, seed) in zip(urls, [7, 8, 9]) {
                let result = try #require(results[url])
                #expect(result.error == nil, "\(url): \(String(describing: result.error))")
                #expect(result.body == HostileSite.patternBody(bytes: size, seed: seed), "\(url): body differs")
            }
            let stats = fetcher.bodyBufferStatistics
            #expect(stats.pauses > 0)
            #expect(stats.maxHeld <= (16 << 10) + size)  // one page past the budget at a time
            #expect(stats.held == 0)
        }
    }

    @Test func aHeldResultPausesOtherTransfersUntilReleasedWithoutTrippingTheLowSpeedLimit() async throws {
        // The low-speed limit is 1 KiB/s over 1 s: a paused transfer waits 3 s with nothing received.
        var limits = quickLimits
        limits.lowSpeedBytesPerSecond = 1024
        limits.lowSpeedTime = .seconds(1)
        limits.totalTimeout = .seconds(30)
        try await withBudget(64 << 10, limits: limits) { base, fetcher in
            let first = await fetcher.fetch(FetchRequest(url: "\(base)/pattern?bytes=49152&seed=1", holdsBody: true))
            let hold = try #require(first.bodyHold)
            #expect(hold.bytes == 49152 && fetcher.bodyBufferStatistics.leased == 49152)
            let second = Task { await fetcher.fetch("\(base)/pattern?bytes=49152&seed=2&gzip=1") }
            #expect(try await eventually { fetcher.bodyBufferStatistics.waiting == 1 })
            try await Task.sleep(for: .seconds(3))
            #expect(fetcher.bodyBufferStatistics.waiting == 1)  // still paused: the held bytes were not released
            hold.release()
            let result = await second.value
            #expect(result.error == nil, "\(String(describing: result.error))")
            #expect(result.body == HostileSite.patternBody(bytes: 49152, seed: 2))
            let stats = fetcher.bodyBufferStatistics
            #expect(stats.held == 0 && stats.leased == 0 && stats.maxHeld <= 64 << 10)
        }
    }

    @Test func aPausedTransferCanBeCancelled() async throws {
        var limits = quickLimits
        limits.totalTimeout = .seconds(60)
        try await withBudget(64 << 10, limits: limits) { base, fetcher in
            let first = await fetcher.fetch(FetchRequest(url: "\(base)/pattern?bytes=65536&seed=1", holdsBody: true))
            let hold = try #require(first.bodyHold)
            let second = Task { await fetcher.fetch("\(base)/pattern?bytes=65536&seed=2") }
            #expect(try await eventually { fetcher.bodyBufferStatistics.waiting == 1 })
            let (result, seconds) = await timed {
                second.cancel()
                return await second.value
            }
            #expect(result.error?.message == "cancelled")
            #expect(seconds < 30)  // not the 60 s total timeout
            #expect(fetcher.bodyBufferStatistics.waiting == 0)
            hold.release()
            #expect(fetcher.bodyBufferStatistics.held == 0)
        }
    }

    @Test(.timeLimit(.minutes(1))) func aScanWithATinyBudgetReadsEveryPageAndReleasesWhatItHeld() async throws {
        try await FixtureServer.withRunning(sites: [HostileSite()], firstHost: 88) { server in
            let endpoint = server.endpoints[0]
            let seeds = (1...4).map { "\(endpoint.baseURL)/markup-bomb?mb=1&i=\($0)" }
            var configuration = CrawlerTests.configuration(seeds: seeds, allow: [endpoint.host], maxPages: 4, perHost: 4, delay: 0)
            configuration.fetcher.maxBufferedBodyBytes = 1 << 20
            let scan = try await CrawlerTests.run(configuration)
            #expect(scan.summary.pages == 4)
            #expect(scan.pages.allSatisfy { $0.status == 200 })
            #expect(scan.listings.contains { $0.listing.title == HostileSite.markupBombProduct })
        }
    }
}
