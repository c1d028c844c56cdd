import Testing
import SpoorCrawl
import SpoorFixtures

@Suite struct AddressPolicyTests {
    @Test(arguments: [
        ("127.0.0.1", AddressPolicy.Restriction.loopback), ("127.255.0.9", .loopback),
        ("10.0.0.1", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork),
        ("192.168.1.1", .privateNetwork), ("169.254.169.254", .linkLocal), ("169.254.0.1", .linkLocal),
        ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
        ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified), ("224.0.0.1", .multicast),
        ("239.255.255.250", .multicast), ("255.255.255.255", .broadcast), ("240.0.0.1", .reserved),
        ("::1", .loopback), ("::", .unspecified), ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal),
        ("fe80::1", .linkLocal), ("febf::1", .linkLocal), ("ff02::1", .multicast),
        ("::ffff:127.0.0.1", .loopback), ("::ffff:10.1.2.3", .privateNetwork),
        ("::ffff:169.254.169.254", .linkLocal), ("64:ff9b::a00:1", .privateNetwork),
        ("2002:c0a8:101::1", .privateNetwork), ("[::1]", .loopback), ("not an address", .reserved),
    ])
    func restrictedAddresses(address: String, expected: AddressPolicy.Restriction) {
        #expect(AddressPolicy.restriction(of: address) == expected)
    }

    @Test(arguments: [
        "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255",
        "100.128.0.1", "169.253.1.1", "192.169.0.1", "11.0.0.1", "2606:4700::1111", "2001:db8::1",
        "::ffff:8.8.8.8",
    ])
    func publicAddresses(address: String) {
        #expect(AddressPolicy.restriction(of: address) == nil)
        #expect(AddressPolicy().permits(address: address, host: "example.com"))
    }

    @Test func allowHostsLetTheirHostsThroughAndNoOthers() {
        let policy = AddressPolicy(allowHosts: ["127.0.0.1", "LocalHost", "[::1]"])
        #expect(policy.permits(address: "127.0.0.1", host: "127.0.0.1"))
        #expect(policy.permits(address: "127.0.0.1", host: "localhost"))
        #expect(policy.permits(address: "::1", host: "[::1]"))
        #expect(policy.permits(address: "::1", host: "localhost."))
        #expect(!policy.permits(address: "127.0.0.2", host: "127.0.0.2"))
        #expect(!policy.permits(address: "169.254.169.254", host: "metadata.internal"))
        #expect(!AddressPolicy().permits(address: "127.0.0.1", host: "127.0.0.1"))
    }

    @Test func bytesAndTextAgree() throws {
        let bytes = try #require(AddressPolicy.parse("10.20.30.40"))
        #expect(bytes == [10, 20, 30, 40])
        #expect(AddressPolicy.restriction(ofBytes: bytes) == .privateNetwork)
        #expect(AddressPolicy.parse("::1")?.count == 16)
        #expect(AddressPolicy.restriction(ofBytes: [1, 2, 3]) == .reserved)
    }
}

@Suite struct AddressGuardTests {
    @Test func loopbackIsRefusedWithoutTheAllowList() async throws {
        try await withServerAndFetcher(allow: false) { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/")
            #expect(result.error?.code == .blockedAddress)
            #expect(result.error?.message.contains("127.0.0.1") == true)
            #expect(result.error?.message.contains("loopback") == true)
            #expect(server.log.records.isEmpty)
        }
    }

    @Test func loopbackIsFetchedWithTheAllowList() async throws {
        try await withServerAndFetcher(allow: true) { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/")
            #expect(result.error == nil)
            #expect(result.status == 200)
            #expect(server.log.records.count == 1)
        }
    }

    @Test(arguments: ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://100.64.1.1/",
                      "http://[::1]:9/", "http://[::ffff:169.254.169.254]/", "http://0.0.0.0:9/"])
    func redirectsToPrivateAddressesAreRefused(target: String) async throws {
        try await withServerAndFetcher { server, fetcher in
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/redirect?to=" + target)
            // A redirect the guard refuses is its own, final error: not a blocked host, not a
            // reset (before, the 302 followed by a failed connect read as a body cut short).
            #expect(result.error?.code == .ssrfRefused, "\(target): \(String(describing: result.error))")
            #expect(result.error?.message.contains("redirect to ") == true)
            #expect(result.redirectCount == 1)
            #expect(result.status == 302)
            #expect(result.truncation == nil)
            #expect(result.transportFailure == .refusedByPolicy)
        }
    }

    @Test func aRedirectToAnotherLoopbackHostIsRefused() async throws {
        // The allow list names only the first site's host; the second site must not be reachable
        // by a redirect.
        try await FixtureServer.withRunning(sites: [HostileSite(), EchoSite(name: "inner")]) { server in
            let fetcher = try Fetcher(configuration: FetcherConfiguration(
                userAgent: testUserAgent, limits: quickLimits, allowHosts: [server.endpoints[0].host]))
            defer { fetcher.shutdown() }
            let inner = server.endpoints[1].baseURL + "/admin"
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/redirect?to=" + inner)
            #expect(result.error?.code == .ssrfRefused)
            #expect(result.error?.message.contains(server.endpoints[1].host) == true)
            #expect(server.log.records(site: "inner").isEmpty)
            #expect(server.log.records(site: "hostile").count == 1)
        }
    }

    @Test func aRedirectToAnAllowedHostIsFollowed() async throws {
        try await withServerAndFetcher(sites: [HostileSite(), EchoSite(name: "inner")]) { server, fetcher in
            let inner = server.endpoints[1].baseURL + "/page"
            let result = await fetcher.fetch(server.endpoints[0].baseURL + "/redirect?to=" + inner)
            #expect(result.error == nil)
            #expect(result.finalURL == inner)
            #expect(result.remoteIP == server.endpoints[1].host)
            #expect(result.text?.contains("inner GET /page") == true)
        }
    }
}
