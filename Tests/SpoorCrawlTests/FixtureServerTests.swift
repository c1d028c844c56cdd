import Testing
import SpoorCrawl
import SpoorFixtures

@Suite struct FixtureServerTests {
    @Test func eachSiteListensOnItsOwnLoopbackAddress() async throws {
        let sites: [any FixtureSite] = (1...5).map { EchoSite(name: "site\($0)") }
        try await withServerAndFetcher(sites: sites) { server, fetcher in
            #expect(server.endpoints.map(\.host) == (1...5).map { "127.0.0.\($0)" })
            #expect(server.baseURL(for: "site3") == "http://127.0.0.3:\(server.endpoints[2].port)")
            for endpoint in server.endpoints {
                let result = await fetcher.fetch(endpoint.baseURL + "/x?y=1")
                #expect(result.text == "<html><body><p>\(endpoint.site) GET /x?y=1</p></body></html>")
                #expect(result.remoteIP == endpoint.host)
            }
            #expect(server.log.records.map(\.site) == (1...5).map { "site\($0)" })
            #expect(server.log.records.map(\.host) == (1...5).map { "127.0.0.\($0)" })
        }
    }

    @Test func aSharedPortServesEverySite() async throws {
        let sites: [any FixtureSite] = [EchoSite(name: "a"), EchoSite(name: "b")]
        try await FixtureServer.withRunning(sites: sites, sharePort: true, firstHost: 11) { server in
            #expect(server.endpoints[0].port == server.endpoints[1].port)
            #expect(server.endpoints.map(\.host) == ["127.0.0.11", "127.0.0.12"])
            let fetcher = try Fetcher(configuration: FetcherConfiguration(allowHosts: ["127.0.0.11", "127.0.0.12"]))
            defer { fetcher.shutdown() }
            let b = await fetcher.fetch(server.endpoints[1].baseURL + "/")
            #expect(b.text?.contains("b GET /") == true)
        }
    }

    @Test func theLogRecordsWhatWasSentAndAnswered() async throws {
        try await withServerAndFetcher { server, fetcher in
            let base = server.endpoints[0].baseURL
            let before = RequestLog.now()
            _ = await fetcher.fetch(FetchRequest(url: base + "/etag", ifNoneMatch: "\"x\""))
            _ = await fetcher.fetch(base + "/status/503")
            let records = server.log.records
            #expect(records.count == 2)
            #expect(records.map(\.target) == ["/etag", "/status/503"])
            #expect(records.map(\.status) == [200, 503])
            #expect(records.allSatisfy { $0.outcome == .responded && $0.method == "GET" })
            #expect(records.allSatisfy { $0.userAgent == testUserAgent && $0.port == server.endpoints[0].port })
            #expect(records[0].ifNoneMatch == "\"x\"")
            #expect(records[0].received >= before)
            #expect(records[0].finished! >= records[0].received)
            #expect(records[1].received >= records[0].finished!)
            #expect(server.log.gaps(site: "hostile").count == 1)
            #expect(server.log.maxInFlight(site: "hostile") == 1)
        }
    }

    @Test func inFlightRequestsAreCountedPerSite() async throws {
        try await withServerAndFetcher(sites: [HostileSite(), HostileSite(name: "other")]) { server, fetcher in
            let a = server.endpoints[0].baseURL
            let b = server.endpoints[1].baseURL
            await withTaskGroup(of: Void.self) { group in
                for i in 0..<4 { group.addTask { _ = await fetcher.fetch(a + "/slow?bytes=40&chunk=10&ms=100&i=\(i)") } }
                group.addTask { _ = await fetcher.fetch(b + "/status/404") }
            }
            #expect(server.log.maxInFlight(site: "hostile") == 4)
            #expect(server.log.maxInFlight(site: "other") == 1)
            let slowRecords = server.log.records(site: "hostile")
            #expect(slowRecords.allSatisfy { $0.status == 200 && $0.outcome == .responded }, "\(slowRecords)")
            let slow = server.log.records(site: "hostile")[0]
            #expect(slow.finished! - slow.received >= 300_000_000, "four chunks, 100 ms apart")
        }
    }

    @Test func aStoppedServerRefusesConnections() async throws {
        let server = try await FixtureServer.start(sites: [EchoSite(name: "gone")], firstHost: 21)
        let url = server.endpoints[0].baseURL + "/"
        try await server.stop()
        try await server.stop()
        let fetcher = try Fetcher(configuration: FetcherConfiguration(limits: quickLimits, allowHosts: ["127.0.0.21"]))
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch(url)
        #expect(result.error?.code == .transport)
    }

    @Test func waitingForCloseEndsWhenTheServerStops() async throws {
        let server = try await FixtureServer.start(sites: [EchoSite(name: "demo")], firstHost: 22)
        let waiter = Task { await server.waitUntilClosed(); return RequestLog.now() }
        try await Task.sleep(for: .milliseconds(100))
        let stoppedAt = RequestLog.now()
        try await server.stop()
        let closedAt = await waiter.value
        #expect(closedAt >= stoppedAt)
    }

    @Test func hostileRoutesAnswerAsDocumented() {
        let site = HostileSite()
        func respond(_ target: String) -> FixtureResponse? {
            if case .respond(let response) = site.action(for: FixtureRequest(target: target)) { return response }
            return nil
        }
        #expect(respond("/redirect-loop/3?at=2")?.headers.first { $0.name == "location" }?.value == "/redirect-loop/3?at=0")
        #expect(respond("/redirect?to=http%3A%2F%2F10.0.0.1%2F")?.headers.first { $0.name == "location" }?.value == "http://10.0.0.1/")
        #expect(respond("/redirect-chain/2")?.status == 302)
        #expect(respond("/nowhere")?.status == 404)
        #expect(respond("/huge?mb=2")?.body.count == 2 << 20)
        #expect(site.action(for: FixtureRequest(target: "/hang")) == .hang)
        #expect(site.action(for: FixtureRequest(target: "/reset")) == .reset)
        guard case .slowBody(let response, let chunk, let interval) = site.action(for: FixtureRequest(target: "/slow?bytes=50&chunk=7&ms=30")) else {
            Issue.record("not a slow body")
            return
        }
        #expect(response.body.count == 50)
        #expect(chunk == 7)
        #expect(interval == .milliseconds(30))
        #expect(respond("/broken-html")?.body == Array(HostileSite.brokenHTML.utf8))
        for (label, _) in HostileSite.charsetSamples {
            #expect(respond("/charset/\(label)?declare=header")?.status == 200, "\(label)")
        }
    }
}
