#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    @Test func hostileRedirectFarmsGarbageAndTrapsAnswerAsDocumented() {
        let site = HostileSite()
        func respond(_ target: String) -> FixtureResponse? {
            if case .respond(let response) = site.action(for: FixtureRequest(target: target)) { return response }
            return nil
        }
        func text(_ target: String) -> String { String(decoding: respond(target)?.body ?? [], as: UTF8.self) }
        func location(_ target: String) -> String? { respond(target)?.headers.first { $0.name == "location" }?.value }
        // Loops and chains keep their link's id, so each link's requests can be told apart.
        #expect(location("/redirect-loop/3?at=2&id=7") == "/redirect-loop/3?at=0&id=7")
        #expect(location("/redirect-chain/4?id=7") == "/redirect-chain/3?id=7")
        #expect(text("/redirect-links/private?n=22").components(separatedBy: "<a href=").count == 23)
        #expect(text("/redirect-links/private?n=2").contains("/redirect?to=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data%2F0"))
        #expect(text("/redirect-links/private?n=2").contains("/redirect?to=http%3A%2F%2F10.0.0.1%2F"))
        #expect(text("/redirect-links/chain?n=1&length=12").contains("/redirect-chain/12?id=0"))
        #expect(respond("/redirect-links/nowhere")?.status == 404)
        guard case .raw(let garbage) = site.action(for: FixtureRequest(target: "/garbage")) else {
            Issue.record("not raw bytes"); return
        }
        #expect(!garbage.starts(with: Array("HTTP/".utf8)))
        #expect(text("/calendar/2024-12").contains("/calendar/2025-01"))
        #expect(text("/calendar/2024-01").contains("/calendar/2023-12"))
        #expect(text("/nest/a/").contains("href=\"a/\""))
        #expect(text("/many-links?n=1000").components(separatedBy: "<a href=").count == 1001)
        #expect(respond("/many-links/item/5")?.status == 200)
        #expect(text("/robots.txt") == "User-agent: *\nAllow: /\n")
        guard case .respond(let robots) = HostileSite(crawlDelay: 90).action(for: FixtureRequest(target: "/robots.txt")) else {
            Issue.record("no robots.txt"); return
        }
        #expect(String(decoding: robots.body, as: UTF8.self) == "User-agent: *\nAllow: /\nCrawl-delay: 90.0\n")
    }

    @Test func rawBytesReachTheClientUnframed() async throws {
        try await FixtureServer.withRunning(sites: [HostileSite()], firstHost: 23) { server in
            let endpoint = server.endpoints[0]
            let socket = try RawClient(host: endpoint.host, port: endpoint.port)
            let reply = try socket.exchange("GET /garbage?kind=text HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(reply == "This is not HTTP at all.\r\n\r\n<html><body>garbage</body></html>\r\n")
            #expect(server.log.records.first?.outcome == .responded)
        }
    }
}

/// A plain TCP client for what HTTP clients will not show: sends bytes, reads until the server
/// closes the connection.
struct RawClient {
    private let fd: Int32

    /// Connects to `host` (an IPv4 address) and `port`.
    init(host: String, port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        inet_pton(AF_INET, host, &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, connected == 0 else { throw RawClientError(description: "cannot connect to \(host):\(port)") }
    }

    /// Sends `request` and returns everything received until the server closes.
    func exchange(_ request: String) throws -> String {
        defer { close(fd) }
        let bytes = Array(request.utf8)
        guard send(fd, bytes, bytes.count, 0) == bytes.count else { throw RawClientError(description: "send failed") }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }
}

/// A raw client could not talk to the server.
struct RawClientError: Error, CustomStringConvertible {
    let description: String
}
