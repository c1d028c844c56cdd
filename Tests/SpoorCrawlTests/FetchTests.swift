import Testing
import SpoorCrawl
import SpoorFixtures

@Suite struct FetchTests {
    @Test func fetchesAPageWithItsMetadata() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            let result = await fetcher.fetch(base + "/redirect-chain/0")
            #expect(result.error == nil)
            #expect(result.status == 200)
            #expect(result.isSuccess)
            #expect(result.text == "<html><body><p>End of the chain.</p></body></html>")
            #expect(result.charset == "UTF-8")
            #expect(result.charsetSource == .header)
            #expect(result.contentType == "text/html; charset=utf-8")
            #expect(result.header("content-length") == String(result.body.count))
            #expect(result.remoteIP == "127.0.0.1")
            #expect(result.redirectCount == 0)
            #expect(result.truncation == nil)
            #expect(result.timings.total > .zero)
        }
    }

    @Test func manyTransfersRunConcurrentlyOnOneLoop() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            let count = 30
            // Each transfer takes about 0.5 s (5 chunks, 100 ms apart); 30 in sequence would take 15 s.
            let (results, seconds) = await timed {
                await withTaskGroup(of: FetchResult.self) { group in
                    for i in 0..<count {
                        group.addTask { await fetcher.fetch(base + "/slow?bytes=100&chunk=20&ms=100&n=\(i)") }
                    }
                    var results: [FetchResult] = []
                    for await result in group { results.append(result) }
                    return results
                }
            }
            #expect(results.count == count)
            #expect(results.allSatisfy { $0.isSuccess && $0.body.count == 100 })
            // Overlap is proved by the server's in-flight count; the time bound only has to be
            // clearly under the 15 s a sequential fetcher needs, with room for a loaded machine.
            #expect(seconds < 11, "30 half-second transfers took \(seconds) s")
            #expect(server.log.maxInFlight(site: "hostile") >= 10)
        }
    }

    @Test func errorStatusesAreResultsWithTheirHeaders() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            let limited = await fetcher.fetch(base + "/status/429?retry-after=2")
            #expect(limited.error == nil)
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "2")
            #expect(!limited.isSuccess)
            for code in [404, 410, 503] {
                let result = await fetcher.fetch(base + "/status/\(code)")
                #expect(result.error == nil)
                #expect(result.status == code)
                #expect(result.text == "status \(code)\n")
            }
        }
    }

    @Test func conditionalGetGetsNotModified() async throws {
        try await withServerAndFetcher { server, fetcher in
            let url = server.endpoints[0].baseURL + "/etag"
            let first = await fetcher.fetch(url)
            #expect(first.status == 200)
            let etag = try #require(first.header("etag"))
            let lastModified = try #require(first.header("last-modified"))
            #expect(etag == HostileSite.etag)

            let byTag = await fetcher.fetch(FetchRequest(url: url, ifNoneMatch: etag))
            #expect(byTag.status == 304)
            #expect(byTag.isNotModified)
            #expect(byTag.body.isEmpty)
            #expect(byTag.header("etag") == etag)

            let byDate = await fetcher.fetch(FetchRequest(url: url, ifModifiedSince: lastModified))
            #expect(byDate.status == 304)

            let stale = await fetcher.fetch(FetchRequest(url: url, ifNoneMatch: "\"other\""))
            #expect(stale.status == 200)

            let sent = server.log.records(path: "/etag")
            #expect(sent.map(\.ifNoneMatch) == [nil, etag, nil, "\"other\""])
            #expect(sent[2].ifModifiedSince == lastModified)
            #expect(sent.map(\.status) == [200, 304, 304, 200])
        }
    }

    @Test func gzipContentIsDecoded() async throws {
        try await withServerAndFetcher { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/gzip")
            #expect(result.error == nil)
            #expect(result.header("content-encoding") == "gzip")
            #expect(result.text == HostileSite.gzipPageText)
            let sent = try #require(server.log.records(path: "/gzip").first)
            #expect(sent.acceptEncoding?.contains("gzip") == true)
        }
    }

    @Test func redirectsAreFollowedAndTheLastResponseKept() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            let result = await fetcher.fetch(base + "/redirect-chain/3")
            #expect(result.error == nil)
            #expect(result.status == 200)
            #expect(result.redirectCount == 3)
            #expect(result.finalURL == base + "/redirect-chain/0")
            #expect(result.requestURL == base + "/redirect-chain/3")
            #expect(result.header("location") == nil)
            #expect(server.log.records.count == 4)
        }
    }

    @Test func headRequestsGetHeadersOnly() async throws {
        try await withServerAndFetcher { server, fetcher in
            let result = await fetcher.fetch(FetchRequest(url: server.endpoints[0].baseURL + "/etag", method: .head))
            #expect(result.error == nil)
            #expect(result.status == 200)
            #expect(result.body.isEmpty)
            #expect(result.header("etag") == HostileSite.etag)
            #expect(server.log.records.first?.method == "HEAD")
        }
    }

    @Test func aResetIsATransportError() async throws {
        try await withServerAndFetcher { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/reset")
            #expect(result.error?.code == .transport)
            #expect(result.status == 0)
            #expect(server.log.records.first?.outcome == .reset)
        }
    }

    @Test func nonHTTPURLsAreRefusedUpFront() async throws {
        let fetcher = try Fetcher()
        defer { fetcher.shutdown() }
        for url in ["ftp://example.com/", "file:///etc/passwd", "gopher://x/", "no url at all"] {
            let result = await fetcher.fetch(url)
            #expect(result.error?.code == .badURL, "\(url)")
        }
    }

    @Test func redirectsToOtherProtocolsAreRefused() async throws {
        try await withServerAndFetcher { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/redirect?to=file:///etc/passwd")
            #expect(result.error?.code == .ssrfRefused)
            #expect(result.error?.message.contains("file:///etc/passwd") == true, "\(String(describing: result.error))")
            #expect(result.transportFailure == .refusedByPolicy)
            #expect(result.truncation == nil)
            #expect(result.body.isEmpty)
        }
    }

    @Test(arguments: ["text", "status", "header"])
    func aReplyThatIsNotHTTPIsABadResponse(kind: String) async throws {
        // Before, text without a status line (libcurl's "HTTP/0.9 when not allowed") came out as
        // bad-url, as if the URL were at fault.
        try await withServerAndFetcher { server, fetcher in
            let url = server.endpoints[0].baseURL + "/garbage?kind=" + kind
            let result = await fetcher.fetch(url)
            #expect(result.error?.code == .badResponse, "\(kind): \(String(describing: result.error))")
            #expect(result.error?.subject == url)
            #expect(result.transportFailure == .badResponse)
            #expect(result.truncation == nil)
            #expect(server.log.records.count == 1)
        }
    }

    @Test func aGarbledReplyAfterARedirectIsABadResponseToo() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            let result = await fetcher.fetch(base + "/redirect?to=" + HostileSite.percentEncoded("/garbage?kind=text"))
            #expect(result.error?.code == .badResponse, "\(String(describing: result.error))")
            #expect(result.error?.message.contains("/garbage?kind=text") == true)
            #expect(result.truncation == nil)
        }
    }

    @Test func theUserAgentAndConnectionReuseShowInTheServerLog() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            for _ in 0..<3 { _ = await fetcher.fetch(base + "/status/404") }
            let records = server.log.records
            #expect(records.count == 3)
            #expect(records.allSatisfy { $0.userAgent == testUserAgent })
            #expect(server.log.connectionCount(site: "hostile") == 1)
        }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        // Without cancellation this transfer would run into the 60 s limits, so the "cancelled"
        // error and a bound well under 60 s prove the cancel aborted it. The bound is loose
        // because on a loaded 2-core machine the cancelling task itself can wait seconds for a
        // cooperative thread.
        try await withServerAndFetcher(limits: FetchLimits(totalTimeout: .seconds(60), lowSpeedTime: .seconds(60))) { server, fetcher in
            let url = server.endpoints[0].baseURL + "/hang"
            let (result, seconds) = await timed {
                let task = Task { await fetcher.fetch(url) }
                try? await Task.sleep(for: .milliseconds(300))
                task.cancel()
                return await task.value
            }
            #expect(result.error?.code == .transport)
            #expect(result.error?.message == "cancelled")
            #expect(seconds < 30, "took \(seconds) s")
        }
    }

    @Test func aShutDownFetcherFailsFetches() async throws {
        let fetcher = try Fetcher()
        fetcher.shutdown()
        let result = await fetcher.fetch("http://127.0.0.1:9/")
        #expect(result.error?.code == .transport)
        #expect(result.error?.message == "fetcher shut down")
    }
}
