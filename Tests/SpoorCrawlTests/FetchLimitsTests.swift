import Testing
import SpoorCrawl
import SpoorFixtures

@Suite struct FetchLimitsTests {
    @Test func aBodyOverTheLimitIsCutAndKept() async throws {
        try await withServerAndFetcher { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/huge?mb=3")
            #expect(result.error?.code == .limitExceeded)
            #expect(result.truncation == .length)
            #expect(result.status == 200)
            #expect(result.body.count == 1 << 20)
            #expect(result.body.allSatisfy { $0 == UInt8(ascii: "h") })
        }
    }

    @Test func aGzipBombIsCutAtTheDecompressedLimit() async throws {
        try await withServerAndFetcher { server, fetcher in
            let wire = HostileSite.gzipBomb(mb: 64).count
            #expect(wire < 1 << 20, "the bomb is small on the wire: \(wire) bytes")
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/gzip-bomb?mb=64")
            #expect(result.error?.code == .limitExceeded)
            #expect(result.truncation == .length)
            #expect(result.body.count == 1 << 20)
            #expect(result.body.allSatisfy { $0 == 0 })
        }
    }

    @Test func aBodyAtTheLimitIsComplete() async throws {
        let limits = FetchLimits(maxBodyBytes: 1 << 20, totalTimeout: .seconds(5))
        try await withServerAndFetcher(limits: limits) { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/huge?mb=1")
            #expect(result.error == nil)
            #expect(result.truncation == nil)
            #expect(result.body.count == 1 << 20)
        }
    }

    @Test func aHangingServerHitsTheTotalTimeout() async throws {
        let limits = FetchLimits(totalTimeout: .seconds(1), lowSpeedTime: .seconds(30))
        try await withServerAndFetcher(limits: limits) { server, fetcher in
            let (result, seconds) = await timed { await fetcher.fetch(server.endpoints[0].baseURL + "/hang") }
            #expect(result.error?.code == .limitExceeded)
            #expect(result.status == 0)
            #expect(result.truncation == nil)
            // The low-speed limit (30 s) would end it otherwise; allow a loaded machine its delays.
            #expect(seconds >= 0.9 && seconds < 15, "took \(seconds) s")
            // The server saw the client give up.
            try await Task.sleep(for: .milliseconds(200))
            #expect(server.log.records.first?.outcome == .closedEarly)
        }
    }

    @Test func aTrickleHitsTheLowSpeedLimit() async throws {
        // 10 bytes every 200 ms is 50 B/s, under 1 KiB/s for the 1 s allowed.
        let limits = FetchLimits(totalTimeout: .seconds(60), lowSpeedBytesPerSecond: 1024, lowSpeedTime: .seconds(1))
        try await withServerAndFetcher(limits: limits) { server, fetcher in
            let (result, seconds) = await timed {
                await fetcher.fetch(server.endpoints[0].baseURL + "/slow?bytes=100000&chunk=10&ms=200")
            }
            #expect(result.error?.code == .limitExceeded)
            #expect(result.truncation == .time)
            #expect(result.status == 200)
            #expect(!result.body.isEmpty && result.body.count < 100_000)
            // The whole body would take 2,000 s and the total limit is 60 s.
            #expect(seconds < 20, "took \(seconds) s")
        }
    }

    @Test func aSlowBodyWithinLimitsArrivesWhole() async throws {
        try await withServerAndFetcher { server, fetcher in
            let (result, seconds) = await timed {
                await fetcher.fetch(server.endpoints[0].baseURL + "/slow?bytes=300&chunk=100&ms=100")
            }
            #expect(result.error == nil)
            #expect(result.body == [UInt8](repeating: UInt8(ascii: "s"), count: 300))
            #expect(seconds >= 0.25, "three chunks 100 ms apart took \(seconds) s")
        }
    }

    @Test func tenRedirectsAreFollowedElevenAreNot() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            let ten = await fetcher.fetch(base + "/redirect-chain/10")
            #expect(ten.error == nil)
            #expect(ten.status == 200)
            #expect(ten.redirectCount == 10)
            let eleven = await fetcher.fetch(base + "/redirect-chain/11")
            #expect(eleven.error?.code == .tooManyRedirects)
            #expect(eleven.error?.message == "more than 10 redirects")
            #expect(eleven.status == 302)
            // Not a body cut short: no response after the last redirect arrived. A final answer,
            // not a reset to retry.
            #expect(eleven.truncation == nil)
            #expect(eleven.transportFailure == .refusedByPolicy)
        }
    }

    @Test func aRedirectLoopStopsWhereItRepeats() async throws {
        // A loop of 2 behind the first URL: /redirect-loop/2, ?at=1, ?at=0, and ?at=1 again is
        // not requested. Before, the loop ran to the limit (5 requests) as "limit-exceeded".
        let limits = FetchLimits(totalTimeout: .seconds(5), maxRedirects: 4)
        try await withServerAndFetcher(limits: limits) { server, fetcher in
            let base = server.endpoints[0].baseURL
            let result = await fetcher.fetch(base + "/redirect-loop/2")
            #expect(result.error?.code == .redirectLoop)
            #expect(result.error?.message.contains(base + "/redirect-loop/2?at=1 again") == true, "\(String(describing: result.error))")
            #expect(result.transportFailure == .refusedByPolicy)
            #expect(result.truncation == nil)
            #expect(server.log.records.map(\.target) == ["/redirect-loop/2", "/redirect-loop/2?at=1", "/redirect-loop/2?at=0"])
        }
    }

    @Test func aLoopLongerThanTheLimitIsAnOverLongChain() async throws {
        // 4 redirects allowed, a cycle of 6: the limit comes before any URL repeats.
        let limits = FetchLimits(totalTimeout: .seconds(5), maxRedirects: 4)
        try await withServerAndFetcher(limits: limits) { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/redirect-loop/6")
            #expect(result.error?.code == .tooManyRedirects)
            #expect(server.log.records.count == 5)
        }
    }

    @Test func aRedirectToItselfIsALoopWhateverItsSpelling() async throws {
        // /redirect-loop/1?at=0 redirects to "/redirect-loop/1?at=0" (relative): one request.
        // Reached through an absolute Location with a fragment, it is the same URL: two.
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            let direct = await fetcher.fetch(base + "/redirect-loop/1?at=0")
            #expect(direct.error?.code == .redirectLoop)
            #expect(server.log.records.count == 1)
            server.log.clear()
            let spelled = await fetcher.fetch(base + "/redirect?to=" + HostileSite.percentEncoded(base + "/redirect-loop/1?at=0#top"))
            #expect(spelled.error?.code == .redirectLoop)
            #expect(server.log.records.map(\.target).last == "/redirect-loop/1?at=0")
            #expect(server.log.records.count == 2)
        }
    }

    @Test func responseHeadersOverTheLimitAreRefused() async throws {
        let limits = FetchLimits(maxHeaderBytes: 60, totalTimeout: .seconds(5))
        try await withServerAndFetcher(limits: limits) { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/etag")
            #expect(result.error?.code == .limitExceeded)
            #expect(result.truncation == .length)
        }
    }

    @Test func aResponseCutShortKeepsItsBytesAsDisconnect() async throws {
        try await withServerAndFetcher { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/truncated?bytes=500&claim=2000")
            #expect(result.error?.code == .transport)
            #expect(result.status == 200)
            #expect(result.truncation == .disconnect)
            #expect(result.body == [UInt8](repeating: UInt8(ascii: "t"), count: 500))
            #expect(result.header("content-length") == "2000")
        }
    }

    @Test func aRequestCanCarryItsOwnLimits() async throws {
        try await withServerAndFetcher { server, fetcher in
            let request = FetchRequest(url: server.endpoints[0].baseURL + "/huge?mb=1",
                                       limits: FetchLimits(maxBodyBytes: 1000))
            let result = await fetcher.fetch(request)
            #expect(result.error?.code == .limitExceeded)
            #expect(result.body.count == 1000)
        }
    }
}
