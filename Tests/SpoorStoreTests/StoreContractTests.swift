import Foundation
import SpoorStore
import Testing

/// The store contract: written once against `Store`, run on every backend in
/// `StoreBackend.all` (real SQLite files now, PostgreSQL later). No mock store.
@Suite("Store contract")
struct StoreContractTests {
    // MARK: Scans

    @Test("a scan begins running, finishes once with its summary, and is found for --resume while running",
        arguments: StoreBackend.all)
    func scans(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let scan = try await store.beginScan(NewScan(label: "nightly", startedAt: T.at(0.0014), configJSON: #"{"seeds":1}"#))
            #expect(scan.status == .running)
            #expect(scan.startedAt == StoreTime.date(StoreTime.millis(T.base) + 1))
            #expect(try await store.latestRunningScan(label: "nightly")?.id == scan.id)
            #expect(try await store.latestRunningScan(label: "other") == nil)

            let summary = ScanRecord.Summary(pagesFetched: 10, listings: 7, flagged: 2, errors: 1)
            let done = try await store.finishScan(scan.id, status: .finished, summary: summary, at: T.at(60))
            #expect(done.status == .finished)
            #expect(done.summary == summary)
            #expect(done.finishedAt == T.at(60))
            #expect(try await store.scan(scan.id) == done)
            #expect(try await store.latestRunningScan(label: "nightly") == nil)

            let twice = await expectStoreError(.conflict) {
                _ = try await store.finishScan(scan.id, status: .stopped, summary: summary, at: T.at(61))
            }
            #expect(twice?.subject == "scan \(scan.id)")
            await expectStoreError(.notFound) {
                _ = try await store.finishScan(9999, status: .finished, summary: summary, at: T.at(61))
            }
            #expect(try await store.scan(9999) == nil)
        }
    }

    // MARK: Frontier

    @Test("admit keeps one row per URL and scan; claim takes due URLs by priority, then depth, then age",
        arguments: StoreBackend.all)
    func admitAndClaimOrder(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let scan = try await store.beginScan(NewScan(label: "s", startedAt: T.base)).id
            let other = try await store.beginScan(NewScan(label: "t", startedAt: T.base)).id
            let first = try await store.admit(
                [
                    FrontierURL(url: "https://a.example/1", host: "a.example", depth: 2, priority: 5),
                    FrontierURL(url: "https://a.example/2", host: "a.example", depth: 1, priority: 5),
                    FrontierURL(url: "https://b.example/1", host: "b.example", depth: 0, priority: 9),
                    FrontierURL(url: "https://c.example/1", host: "c.example", depth: 0, priority: 1),
                    FrontierURL(url: "https://a.example/later", host: "a.example", depth: 0, priority: 99, notBefore: T.at(100)),
                ], scan: scan)
            #expect(first == AdmitResult(admitted: 5, alreadyKnown: 0))
            let again = try await store.admit(
                [
                    FrontierURL(url: "https://a.example/1", host: "a.example", depth: 0, priority: 100),
                    FrontierURL(url: "https://d.example/1", host: "d.example"),
                ], scan: scan)
            #expect(again == AdmitResult(admitted: 1, alreadyKnown: 1))
            // The same URL in another scan is another row.
            #expect(try await store.admit([FrontierURL(url: "https://a.example/1", host: "a.example")], scan: other).admitted == 1)
            #expect(try await store.frontierCounts(scan: scan) == FrontierCounts(queued: 6))

            let leases = try await store.claim(
                scan: scan, limit: 4, notBefore: T.at(10), excludingHosts: ["c.example"], owner: "w1",
                leaseFor: .seconds(30), now: T.at(10))
            #expect(leases.map(\.url) == [
                "https://b.example/1", "https://a.example/2", "https://a.example/1", "https://d.example/1",
            ])
            #expect(leases.allSatisfy { $0.owner == "w1" && $0.attempts == 1 && $0.token.generation == 1 })
            #expect(leases.allSatisfy { $0.expiresAt == T.at(40) && $0.scanID == scan })
            #expect(leases[2].depth == 2 && leases[2].priority == 5)  // the re-admission changed nothing

            // c.example was excluded; the later URL is not due until 100.
            let rest = try await store.claim(
                scan: scan, limit: 10, notBefore: T.at(10), excludingHosts: [], owner: "w1", leaseFor: .seconds(30),
                now: T.at(10))
            #expect(rest.map(\.url) == ["https://c.example/1"])
            let later = try await store.claim(
                scan: scan, limit: 10, notBefore: T.at(100), excludingHosts: [], owner: "w1", leaseFor: .seconds(30),
                now: T.at(20))
            #expect(later.map(\.url) == ["https://a.example/later"])
            #expect(try await store.frontierCounts(scan: scan) == FrontierCounts(leased: 6))
            #expect(try await store.claim(
                scan: scan, limit: 0, notBefore: T.at(100), excludingHosts: [], owner: "w1", leaseFor: .seconds(1),
                now: T.at(20)).isEmpty)
            await expectStoreError(.invalidArgument) {
                _ = try await store.claim(
                    scan: scan, limit: 1, notBefore: T.at(0), excludingHosts: [], owner: "", leaseFor: .seconds(1),
                    now: T.at(0))
            }
        }
    }

    @Test("concurrent claimers never get the same URL, and between them get every URL",
        arguments: StoreBackend.all)
    func claimersAreExclusive(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let scan = try await store.beginScan(NewScan(label: "s", startedAt: T.base)).id
            let urls = (0..<300).map { FrontierURL(url: "https://h\($0 % 7).example/\($0)", host: "h\($0 % 7).example") }
            _ = try await store.admit(urls, scan: scan)
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for worker in 0..<6 {
                    group.addTask {
                        var mine: [String] = []
                        while true {
                            let got = try await store.claim(
                                scan: scan, limit: 7, notBefore: T.at(0), excludingHosts: [], owner: "w\(worker)",
                                leaseFor: .seconds(600), now: T.at(0))
                            if got.isEmpty { return mine }
                            mine += got.map(\.url)
                            try await store.complete(got.map(\.token), at: T.at(1))
                        }
                    }
                }
                var all: [String] = []
                for try await part in group { all += part }
                return all
            }
            #expect(claimed.count == 300)
            #expect(Set(claimed) == Set(urls.map(\.url)))
            #expect(try await store.frontierCounts(scan: scan) == FrontierCounts(done: 300))
        }
    }

    @Test("a lapsed lease is re-claimed at a higher generation; the old token is then refused and the batch is not written",
        arguments: StoreBackend.all)
    func lapsedLeaseAndFencing(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let scan = try await store.beginScan(NewScan(label: "s", startedAt: T.base)).id
            _ = try await store.admit(
                [FrontierURL(url: "https://a.example/1", host: "a.example", priority: 2),
                 FrontierURL(url: "https://a.example/2", host: "a.example", priority: 1)], scan: scan)
            let old = try await store.claim(
                scan: scan, limit: 2, notBefore: T.at(0), excludingHosts: [], owner: "slow", leaseFor: .seconds(30),
                now: T.at(0))
            #expect(old.count == 2)
            // Before the lease lapses nothing is claimable.
            #expect(try await store.claim(
                scan: scan, limit: 5, notBefore: T.at(29), excludingHosts: [], owner: "fast", leaseFor: .seconds(30),
                now: T.at(29)).isEmpty)
            // At 30 s the lease has lapsed.
            let new = try await store.claim(
                scan: scan, limit: 1, notBefore: T.at(30), excludingHosts: [], owner: "fast", leaseFor: .seconds(30),
                now: T.at(30))
            #expect(new.count == 1)
            #expect(new[0].url == "https://a.example/1")
            #expect(new[0].token.itemID == old[0].token.itemID)
            #expect(new[0].token.generation == old[0].token.generation + 1)
            #expect(new[0].attempts == 2)

            // The slow worker's batch: its second token is still current, its first is not. Refused whole.
            let error = await expectStoreError(.staleLease) {
                try await store.complete([old[1].token, old[0].token], at: T.at(31))
            }
            #expect(error?.subject == "https://a.example/1")
            #expect(error?.message.contains("fast") == true)
            #expect(try await store.frontierCounts(scan: scan) == FrontierCounts(leased: 2))
            await expectStoreError(.staleLease) { try await store.fail(
                [FrontierFailure(token: old[0].token, errorCode: "transport", message: "reset", retryAt: nil)], at: T.at(31)) }
            await expectStoreError(.staleLease) { try await store.release([old[0].token], notBefore: nil, at: T.at(31)) }

            // The current holders complete; completing twice is stale too.
            try await store.complete([new[0].token, old[1].token], at: T.at(32))
            #expect(try await store.frontierCounts(scan: scan) == FrontierCounts(done: 2))
            await expectStoreError(.staleLease) { try await store.complete([new[0].token], at: T.at(33)) }
            await expectStoreError(.notFound) {
                try await store.complete([LeaseToken(itemID: 4242, generation: 1)], at: T.at(33))
            }
        }
    }

    @Test("release gives a URL back without counting the attempt; fail retries later or gives up",
        arguments: StoreBackend.all)
    func releaseAndFail(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let scan = try await store.beginScan(NewScan(label: "s", startedAt: T.base)).id
            _ = try await store.admit(
                ["1", "2", "3"].map { FrontierURL(url: "https://a.example/\($0)", host: "a.example") }, scan: scan)
            let leases = try await store.claim(
                scan: scan, limit: 3, notBefore: T.at(0), excludingHosts: [], owner: "w", leaseFor: .seconds(60),
                now: T.at(0))
            try await store.release([leases[0].token], notBefore: T.at(50), at: T.at(1))
            try await store.fail(
                [
                    FrontierFailure(token: leases[1].token, errorCode: "http-status", message: "503", retryAt: T.at(20)),
                    FrontierFailure(token: leases[2].token, errorCode: "ssrf-refused", message: "no", retryAt: nil),
                ], at: T.at(1))
            #expect(try await store.frontierCounts(scan: scan) == FrontierCounts(queued: 2, failed: 1))
            let at20 = try await store.claim(
                scan: scan, limit: 3, notBefore: T.at(20), excludingHosts: [], owner: "w", leaseFor: .seconds(60),
                now: T.at(20))
            #expect(at20.map(\.url) == ["https://a.example/2"])
            #expect(at20[0].attempts == 2)
            let at50 = try await store.claim(
                scan: scan, limit: 3, notBefore: T.at(50), excludingHosts: [], owner: "w", leaseFor: .seconds(60),
                now: T.at(50))
            #expect(at50.map(\.url) == ["https://a.example/1"])
            #expect(at50[0].attempts == 1)
            #expect(at50[0].token.generation == 2)
        }
    }

    // MARK: Fetches and robots.txt

    @Test("fetch records keep status, time, IP, bytes, digest and truncation; the latest answered one is found",
        arguments: StoreBackend.all)
    func fetches(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let scan = try await store.beginScan(NewScan(label: "s", startedAt: T.base)).id
            let url = "https://a.example/item/1"
            let first = FetchRecord(
                scanID: scan, url: url, status: 200, fetchedAt: T.at(1), ipAddress: "203.0.113.7", bytes: 10_485_760,
                digest: SHA256Hex.of(text: "body"), truncation: "max-body", etag: "\"v1\"",
                lastModified: "Tue, 01 Dec 2026 00:00:00 GMT")
            let failed = FetchRecord(scanID: scan, url: url, status: nil, fetchedAt: T.at(2), errorCode: "transport")
            let ids = try await store.recordFetches([first, failed])
            #expect(ids.count == 2 && ids[0] < ids[1])
            #expect(try await store.latestFetch(url: url) == first)
            let second = FetchRecord(scanID: scan, url: url, status: 304, fetchedAt: T.at(3), ipAddress: "203.0.113.7", etag: "\"v1\"")
            _ = try await store.recordFetches([second])
            #expect(try await store.latestFetch(url: url) == second)
            #expect(try await store.latestFetch(url: "https://a.example/none") == nil)
        }
    }

    @Test("robots.txt is cached per host and replaced", arguments: StoreBackend.all)
    func robots(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let a = RobotsRecord(host: "a.example", fetchedAt: T.at(0), expiresAt: T.at(86_400), status: 200, body: "User-agent: *\nDisallow: /x")
            try await store.putRobots([a, RobotsRecord(host: "b.example", fetchedAt: T.at(0), expiresAt: T.at(1), status: nil, body: "")])
            #expect(try await store.robots(host: "a.example") == a)
            let a2 = RobotsRecord(host: "a.example", fetchedAt: T.at(90_000), expiresAt: T.at(176_400), status: 404, body: "")
            try await store.putRobots([a2])
            #expect(try await store.robots(host: "a.example") == a2)
            #expect(try await store.robots(host: "b.example")?.status == nil)
            #expect(try await store.robots(host: "c.example") == nil)
        }
    }

    // MARK: Listings

    @Test("listings are keyed by site + listing id, else canonical URL; a version only when the content hash changes",
        arguments: StoreBackend.all)
    func listingVersions(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let scan = try await store.beginScan(NewScan(label: "s", startedAt: T.base)).id
            let ups = try await store.upsertListings([
                Make.observation(id: "77", url: "https://bazaar.example/77", content: "A", at: T.at(0), scan: scan),
                Make.observation(url: "https://bazaar.example/no-id", content: "A", at: T.at(0), scan: scan),
                // Same listing id, another URL: the same listing, same content.
                Make.observation(id: "77", url: "https://bazaar.example/77?ref=x", content: "A", at: T.at(5), scan: scan),
                // Same listing id on another site: another listing.
                Make.observation(site: "souk", id: "77", url: "https://souk.example/77", content: "A", at: T.at(5)),
            ])
            #expect(ups.map(\.isNew) == [true, true, false, true])
            #expect(ups.map(\.versionAdded) == [true, true, false, true])
            #expect(ups.map(\.version) == [1, 1, 1, 1])
            #expect(ups[0].listingID == ups[2].listingID)
            #expect(Set(ups.map(\.listingID)).count == 3)
            #expect(ups[0].key == "id:bazaar:77")
            #expect(ups[1].key == "url:https://bazaar.example/no-id")

            let changed = try await store.upsertListings([
                Make.observation(id: "77", url: "https://bazaar.example/77", title: "Carved bangle, new price", content: "B", at: T.at(10), scan: scan),
                Make.observation(id: "77", url: "https://bazaar.example/77", title: "Carved bangle, new price", content: "B", at: T.at(20), scan: scan),
                Make.observation(id: "77", url: "https://bazaar.example/77", content: "A", at: T.at(30), scan: scan),
            ])
            #expect(changed.map(\.versionAdded) == [true, false, true])
            #expect(changed.map(\.version) == [2, 2, 3])

            let versions = try await store.versions(listing: ups[0].listingID)
            #expect(versions.map(\.version) == [1, 2, 3])
            #expect(versions.map(\.contentHash) == ["A", "B", "A"].map { SHA256Hex.of(text: $0) })
            #expect(versions.map(\.seenAt) == [T.at(0), T.at(10), T.at(30)])
            #expect(versions[1].title == "Carved bangle, new price")
            #expect(versions[0].price == "120" && versions[0].currency == "EUR" && versions[0].scanID == scan)

            let stored = try #require(try await store.listing(ListingKey(site: "bazaar", listingID: "77", canonicalURL: "ignored")))
            #expect(stored.id == ups[0].listingID)
            #expect(stored.version == 3)
            #expect(stored.firstSeen == T.at(0) && stored.lastSeen == T.at(30))
            #expect(stored.contentHash == SHA256Hex.of(text: "A"))
            #expect(try await store.listing(id: stored.id) == stored)
            #expect(try await store.listing(ListingKey(site: "bazaar", listingID: "78", canonicalURL: "x")) == nil)
            // An empty listing id falls back to the URL.
            #expect(ListingKey(site: "bazaar", listingID: "", canonicalURL: "https://u").key == "url:https://u")
        }
    }

    @Test("the current versions of listings seen since a time come a page at a time, for re-classification",
        arguments: StoreBackend.all)
    func currentVersions(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let ups = try await store.upsertListings([
                Make.observation(id: "1", url: "https://b.example/1", content: "A", at: T.at(0)),
                Make.observation(id: "2", url: "https://b.example/2", content: "B", at: T.at(0)),
                Make.observation(id: "3", url: "https://b.example/3", content: "C", at: T.at(0)),
                Make.observation(id: "1", url: "https://b.example/1", content: "A2", at: T.at(100)),
                Make.observation(id: "3", url: "https://b.example/3", content: "C", at: T.at(200)),
            ])
            let id = ups.map(\.listingID)
            let all = try await store.currentVersions(seenSince: nil, afterListing: 0, limit: 10)
            #expect(all.map(\.listingID) == [id[0], id[1], id[2]])
            #expect(all.map(\.version) == [2, 1, 1])
            #expect(all[0].contentHash == SHA256Hex.of(text: "A2"))
            let recent = try await store.currentVersions(seenSince: T.at(100), afterListing: 0, limit: 10)
            #expect(recent.map(\.listingID) == [id[0], id[2]])
            let page1 = try await store.currentVersions(seenSince: nil, afterListing: 0, limit: 2)
            let page2 = try await store.currentVersions(seenSince: nil, afterListing: page1.last!.listingID, limit: 2)
            #expect((page1 + page2).map(\.listingID) == [id[0], id[1], id[2]])
            #expect(try await store.currentVersions(seenSince: nil, afterListing: id[2], limit: 2).isEmpty)
        }
    }

    @Test("sightings: re-seen moves last seen, gone closes with time and cause, seen again opens a new one",
        arguments: StoreBackend.all)
    func sightings(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let scan = try await store.beginScan(NewScan(label: "s", startedAt: T.base)).id
            let key = ListingKey(site: "bazaar", listingID: "9", canonicalURL: "https://bazaar.example/9")
            let id = try await store.upsertListings([
                Make.observation(id: "9", url: "https://bazaar.example/9", content: "A", at: T.at(0), scan: scan)
            ])[0].listingID
            let again = try await store.upsertListings([
                Make.observation(id: "9", url: "https://bazaar.example/9", content: "A", at: T.at(100), scan: scan)
            ])
            #expect(again[0].sightingOpened == false)
            var sightings = try await store.sightings(listing: id)
            #expect(sightings == [
                ListingSighting(listingID: id, firstSeen: T.at(0), lastSeen: T.at(100), timesSeen: 2, goneAt: nil, goneCause: nil, lastScanID: scan)
            ])

            let closed = try await store.markGone([
                GoneMark(identity: key, at: T.at(200), cause: .goneStatus, scanID: scan),
                GoneMark(identity: ListingKey(site: "bazaar", listingID: "nope", canonicalURL: "x"), at: T.at(200), cause: .notFound),
            ])
            #expect(closed == 1)
            #expect(try await store.markGone([GoneMark(identity: key, at: T.at(250), cause: .notFound)]) == 0)
            #expect(try await store.listing(key)?.goneAt == T.at(200))
            sightings = try await store.sightings(listing: id)
            #expect(sightings.count == 1)
            #expect(sightings[0].goneAt == T.at(200) && sightings[0].goneCause == .goneStatus)

            let back = try await store.upsertListings([
                Make.observation(id: "9", url: "https://bazaar.example/9", content: "A", at: T.at(300))
            ])
            #expect(back[0].sightingOpened)
            #expect(back[0].versionAdded == false)
            #expect(try await store.listing(key)?.goneAt == nil)
            sightings = try await store.sightings(listing: id)
            #expect(sightings.count == 2)
            #expect(sightings[1].firstSeen == T.at(300) && sightings[1].goneAt == nil && sightings[1].timesSeen == 1)
            #expect(GoneCause.allCases.map(\.rawValue) == ["http-404", "http-410", "removed-page", "vanished-from-index"])
        }
    }

    @Test("contacts and images are kept once per listing; related listings share a seller, a contact or an image",
        arguments: StoreBackend.all)
    func contactsImagesAndRelated(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let ups = try await store.upsertListings([
                ListingObservation(
                    identity: ListingKey(site: "bazaar", listingID: "1", canonicalURL: "https://b.example/1"),
                    url: "https://b.example/1", title: "a", contentHash: "h1", seenAt: T.at(0), seller: "ivoryking"),
                ListingObservation(
                    identity: ListingKey(site: "bazaar", listingID: "2", canonicalURL: "https://b.example/2"),
                    url: "https://b.example/2", title: "b", contentHash: "h2", seenAt: T.at(0), seller: "ivoryking"),
                // The same seller name on another site is not the same seller.
                ListingObservation(
                    identity: ListingKey(site: "souk", listingID: "3", canonicalURL: "https://s.example/3"),
                    url: "https://s.example/3", title: "c", contentHash: "h3", seenAt: T.at(0), seller: "ivoryking"),
                ListingObservation(
                    identity: ListingKey(site: "souk", listingID: "4", canonicalURL: "https://s.example/4"),
                    url: "https://s.example/4", title: "d", contentHash: "h4", seenAt: T.at(0)),
                ListingObservation(
                    identity: ListingKey(site: "souk", listingID: "5", canonicalURL: "https://s.example/5"),
                    url: "https://s.example/5", title: "e", contentHash: "h5", seenAt: T.at(0)),
            ])
            let id = ups.map(\.listingID)
            #expect(try await store.listing(id: id[0])?.seller == "ivoryking")
            // A later sighting without a seller keeps the one known.
            _ = try await store.upsertListings([
                ListingObservation(
                    identity: ListingKey(site: "bazaar", listingID: "1", canonicalURL: "https://b.example/1"),
                    url: "https://b.example/1", title: "a", contentHash: "h1", seenAt: T.at(1))
            ])
            #expect(try await store.listing(id: id[0])?.seller == "ivoryking")

            let added = try await store.addContacts([
                ListingContact(listingID: id[0], kind: .phone, value: "+84901234567", seenAt: T.at(0)),
                ListingContact(listingID: id[0], kind: .telegram, value: "tusks4u", seenAt: T.at(0)),
                ListingContact(listingID: id[0], kind: .phone, value: "+84901234567", seenAt: T.at(5)),
                ListingContact(listingID: id[3], kind: .whatsapp, value: "+84901234567", seenAt: T.at(0)),
                ListingContact(listingID: id[3], kind: .telegram, value: "tusks4u", seenAt: T.at(0)),
            ])
            #expect(added == 4)
            #expect(try await store.contacts(listing: id[0]).map(\.kind) == [.phone, .telegram])
            #expect(try await store.contacts(listing: id[0]).first?.seenAt == T.at(0))

            let images = try await store.addImages([
                ListingImage(listingID: id[0], url: "https://cdn.example/a.jpg", seenAt: T.at(0)),
                ListingImage(listingID: id[4], url: "https://other-cdn.example/copy.jpg", digest: "d1", seenAt: T.at(0)),
                ListingImage(listingID: id[0], url: "https://cdn.example/a.jpg", digest: "d1", seenAt: T.at(9)),
            ])
            #expect(images == 2)
            #expect(try await store.images(listing: id[0]) == [
                ListingImage(listingID: id[0], url: "https://cdn.example/a.jpg", digest: "d1", seenAt: T.at(0))
            ])

            let related = try await store.relatedListings(id[0], limit: 50)
            #expect(related == [
                RelatedListing(listingID: id[1], link: .seller, value: "ivoryking"),
                RelatedListing(listingID: id[3], link: .contact, contactKind: .telegram, value: "tusks4u"),
                RelatedListing(listingID: id[4], link: .image, value: "d1"),
            ])
            // A phone and a WhatsApp number that are equal strings are different kinds: no link.
            #expect(try await store.relatedListings(id[3], limit: 50).map(\.listingID) == [id[0]])
            #expect(try await store.relatedListings(id[2], limit: 50).isEmpty)
            #expect(try await store.relatedListings(id[0], limit: 1).count == 1)
        }
    }

    // MARK: Verdicts and the queue

    @Test("enqueue is idempotent by listing identity and content hash; unflagged verdicts do not enqueue",
        arguments: StoreBackend.all)
    func idempotentEnqueue(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let ups = try await store.upsertListings([
                Make.observation(id: "1", url: "https://b.example/1", content: "A", at: T.at(0)),
                Make.observation(id: "2", url: "https://b.example/2", content: "Z", at: T.at(0)),
            ])
            let l1 = ups[0].listingID
            let first = try await store.recordVerdicts([
                Make.verdict(listing: l1, content: "A", at: T.at(1)),
                Make.verdict(listing: l1, content: "A", at: T.at(2)),  // the same again, in the same batch
                Make.verdict(listing: ups[1].listingID, content: "Z", flagged: false, at: T.at(1)),
            ])
            #expect(first.map(\.enqueued) == [true, false, false])
            #expect(first.map(\.verdictAdded) == [true, false, true])
            #expect(first[0].queueItemID != nil && first[0].queueItemID == first[1].queueItemID)
            #expect(first[0].verdictID == first[1].verdictID)
            #expect(first[2].queueItemID == nil)
            // A rerun of the whole scan: nothing new.
            let rerun = try await store.recordVerdicts([Make.verdict(listing: l1, content: "A", at: T.at(50))])
            #expect(rerun[0].enqueued == false && rerun[0].queueItemID == first[0].queueItemID)
            #expect(try await store.queueItems(QueueFilter(), after: nil, limit: 100).count == 1)

            // Changed content is a new item.
            _ = try await store.upsertListings([Make.observation(id: "1", url: "https://b.example/1", content: "B", at: T.at(60))])
            let changed = try await store.recordVerdicts([Make.verdict(listing: l1, content: "B", at: T.at(61))])
            #expect(changed[0].enqueued)
            #expect(changed[0].queueItemID != first[0].queueItemID)
            #expect(try await store.queueItems(QueueFilter(), after: nil, limit: 100).count == 2)
            #expect(try await store.verdictJSON(first[0].verdictID) == #"{"flagged":true}"#)
        }
    }

    @Test("a re-classified verdict on a reviewed item keeps the decision and shows the new verdict beside it",
        arguments: StoreBackend.all)
    func reclassifiedKeepsDecision(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let l = try await store.upsertListings([Make.observation(id: "1", url: "https://b.example/1", content: "A", at: T.at(0))])[0].listingID
            let v1 = try await store.recordVerdicts([Make.verdict(listing: l, content: "A", priority: 50, at: T.at(1))])[0]
            let item = try #require(v1.queueItemID)
            _ = try await store.review([ReviewRequest(itemID: item, command: .dismiss(.replicaOrSynthetic), actor: "ana", at: T.at(2))])
            let v2 = try await store.recordVerdicts([
                Make.verdict(listing: l, content: "A", digest: "rules-v2", priority: 90, taxon: "Rhinocerotidae", at: T.at(3))
            ])[0]
            #expect(v2.verdictAdded && !v2.enqueued && v2.queueItemID == item)
            let after = try #require(try await store.queueItem(item))
            #expect(after.state == .dismissed)
            #expect(after.dismissalReason == .replicaOrSynthetic)
            #expect(after.verdictID == v2.verdictID)
            #expect(after.priority == 90 && after.topTaxon == "Rhinocerotidae")
            // The decision still names the verdict it was made on.
            #expect(try await store.reviewActions(item: item).map(\.verdictID) == [v1.verdictID])
        }
    }

    @Test("queue list filters by state, priority, taxon, appendix, site, language and time, in priority order with a cursor",
        arguments: StoreBackend.all)
    func queueListing(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let ups = try await store.upsertListings((0..<6).map {
                Make.observation(id: "\($0)", url: "https://b.example/\($0)", content: "c\($0)", at: T.at(0))
            })
            let specs: [(Int, String?, String?, String, String?, Double)] = [
                (90, "Loxodonta africana", "I", "bazaar", "en", 0),
                (90, "Loxodonta africana", "I", "souk", "fr", 10),
                (50, "Pangolin", "II", "bazaar", "en", 20),
                (70, "Loxodonta africana", "I", "bazaar", "vi", 30),
                (10, nil, nil, "souk", nil, 40),
                (70, "Pangolin", "II", "souk", "en", 50),
            ]
            let ids = try await store.recordVerdicts(specs.enumerated().map { i, s in
                Make.verdict(listing: ups[i].listingID, content: "c\(i)", priority: s.0, taxon: s.1, appendix: s.2,
                             lang: s.4, site: s.3, at: T.at(s.5))
            }).map { $0.queueItemID! }

            func list(_ f: QueueFilter) async throws -> [Int64] {
                try await store.queueItems(f, after: nil, limit: 100).map(\.id)
            }
            #expect(try await list(QueueFilter()) == [ids[0], ids[1], ids[3], ids[5], ids[2], ids[4]])
            #expect(try await list(QueueFilter(appendix: "I")) == [ids[0], ids[1], ids[3]])
            #expect(try await list(QueueFilter(taxon: "Pangolin")) == [ids[5], ids[2]])
            #expect(try await list(QueueFilter(site: "souk", lang: "en")) == [ids[5]])
            #expect(try await list(QueueFilter(minPriority: 70)) == [ids[0], ids[1], ids[3], ids[5]])
            #expect(try await list(QueueFilter(since: T.at(30))) == [ids[3], ids[5], ids[4]])
            _ = try await store.review([ReviewRequest(itemID: ids[1], command: .confirm, actor: "ana", at: T.at(60))])
            #expect(try await list(QueueFilter(states: [.new])) == [ids[0], ids[3], ids[5], ids[2], ids[4]])
            #expect(try await list(QueueFilter(states: [.confirmed, .dismissed])) == [ids[1]])

            // Pages of two, following the cursor, give the whole list once.
            var seen: [Int64] = []
            var cursor: QueueCursor?
            while true {
                let page = try await store.queueItems(QueueFilter(), after: cursor, limit: 2)
                if page.isEmpty { break }
                #expect(page.count <= 2)
                seen += page.map(\.id)
                cursor = QueueCursor(after: page.last!)
            }
            #expect(seen == [ids[0], ids[1], ids[3], ids[5], ids[2], ids[4]])

            let item = try #require(try await store.queueItem(ids[3]))
            #expect(item.priority == 70 && item.lang == "vi" && item.appendix == "I" && item.site == "bazaar")
            #expect(item.url == "https://bazaar.example/\(ups[3].listingID)")
            #expect(item.createdAt == T.at(30))
            #expect(try await store.queueItem(99_999) == nil)
        }
    }

    @Test("two reviewers claiming at once never get the same item; a lapsed review lease passes on and fences the first reviewer",
        arguments: StoreBackend.all)
    func reviewerClaims(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let ids = try await Make.queue(store, 40, priority: { $0 % 5 })
            let got = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for r in 0..<4 {
                    group.addTask {
                        var mine: [Int64] = []
                        while let item = try await store.claimNextQueueItem(
                            QueueFilter(), reviewer: "r\(r)", leaseFor: .seconds(900), now: T.at(0))
                        {
                            #expect(item.state == .inReview && item.assignee == "r\(r)")
                            mine.append(item.id)
                        }
                        return mine
                    }
                }
                var all: [Int64] = []
                for try await part in group { all += part }
                return all
            }
            #expect(got.count == 40)
            #expect(Set(got) == Set(ids))

            // A lapsed lease: another reviewer takes the item; the first one's decision is refused.
            let store2Items = try await Make.queue(store, 1, priority: { _ in 99 }, site: { _ in "late" })
            let mine = try #require(try await store.claimNextQueueItem(
                QueueFilter(site: "late"), reviewer: "ana", leaseFor: .seconds(60), now: T.at(100)))
            #expect(mine.id == store2Items[0])
            #expect(try await store.claimNextQueueItem(
                QueueFilter(site: "late"), reviewer: "ben", leaseFor: .seconds(60), now: T.at(159)) == nil)
            let theirs = try #require(try await store.claimNextQueueItem(
                QueueFilter(site: "late"), reviewer: "ben", leaseFor: .seconds(60), now: T.at(160)))
            #expect(theirs.id == mine.id)
            #expect(theirs.leaseGeneration == mine.leaseGeneration + 1)
            let error = await expectStoreError(.staleLease) {
                _ = try await store.review([
                    ReviewRequest(itemID: mine.id, command: .confirm, actor: "ana", at: T.at(161), lease: mine.leaseToken)
                ])
            }
            #expect(error?.subject == "queue item \(mine.id)")
            #expect(error?.message.contains("ben") == true)
            _ = try await store.review([
                ReviewRequest(itemID: theirs.id, command: .confirm, actor: "ben", at: T.at(162), lease: theirs.leaseToken)
            ])
            let actions = try await store.reviewActions(item: mine.id)
            #expect(actions.map(\.action) == ["claim", "release", "claim", "confirm"])
            #expect(actions.map(\.actor) == ["ana", "spoor", "ben", "ben"])
            #expect(try await store.queueItem(mine.id)?.state == .confirmed)
        }
    }

    @Test("review actions follow the state machine, are kept as data and audited; an illegal one names item, state and action and writes nothing",
        arguments: StoreBackend.all)
    func reviewWorkflow(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            let ids = try await Make.queue(store, 3)
            let done = try await store.review([
                ReviewRequest(itemID: ids[0], command: .claim, actor: "ana", at: T.at(1)),
                ReviewRequest(itemID: ids[0], command: .confirm, actor: "ana", note: "tusks visible", at: T.at(2)),
                ReviewRequest(itemID: ids[0], command: .report, actor: "ana", at: T.at(3)),
                ReviewRequest(itemID: ids[1], command: .dismiss(.innocentUse), actor: "ben", note: "paint colour", at: T.at(4)),
                ReviewRequest(itemID: ids[2], command: .escalate, actor: "ben", at: T.at(5)),
            ])
            #expect(done.map(\.toState) == [.inReview, .confirmed, .reported, .dismissed, .escalated])
            #expect(done.map(\.fromState) == [.new, .inReview, .confirmed, .new, .new])
            #expect(done.map(\.auditSequence) == [1, 2, 3, 4, 5])
            #expect(try await store.queueItem(ids[0])?.state == .reported)
            let dismissed = try #require(try await store.queueItem(ids[1]))
            #expect(dismissed.state == .dismissed && dismissed.dismissalReason == .innocentUse)
            #expect(dismissed.note == "paint colour" && dismissed.assignee == "ben")
            #expect(try await store.reviewActions(item: ids[0]) == Array(done[0..<3]))

            let headBefore = try await store.auditHead()
            let illegal = await expectStoreError(.illegalTransition) {
                _ = try await store.review([
                    ReviewRequest(itemID: ids[2], command: .confirm, actor: "cy", at: T.at(6)),  // legal
                    ReviewRequest(itemID: ids[1], command: .report, actor: "cy", at: T.at(6)),  // dismissed: illegal
                ])
            }
            #expect(illegal?.subject == "queue item \(ids[1])")
            #expect(illegal?.message.contains("dismissed") == true)
            #expect(illegal?.message.contains("report") == true)
            #expect(try await store.queueItem(ids[2])?.state == .escalated)  // the legal half was not written
            #expect(try await store.auditHead() == headBefore)
            await expectStoreError(.illegalTransition) {
                _ = try await store.review([ReviewRequest(itemID: ids[2], command: .dismiss(.other), actor: "cy", at: T.at(7))])
            }
            await expectStoreError(.notFound) {
                _ = try await store.review([ReviewRequest(itemID: 777, command: .confirm, actor: "cy", at: T.at(7))])
            }

            let audit = try await store.auditEntries(from: 1, limit: 100)
            #expect(audit.count == 5)
            #expect(audit[3].actor == "ben" && audit[3].action == "review.dismiss" && audit[3].subject == "queue-item:\(ids[1])")
            #expect(audit[3].detailsJSON.contains(#""reason":"innocent_use""#))
            #expect(try await store.verifyAudit(pinnedHead: headBefore).isValid)
        }
    }

    // MARK: Audit

    @Test("the audit log chains appended events after review actions, pages, and verifies against a pinned head",
        arguments: StoreBackend.all)
    func auditLog(_ backend: StoreBackend) async throws {
        try await backend.run { store in
            #expect(try await store.auditHead() == nil)
            #expect(try await store.verifyAudit(pinnedHead: nil).verified == 0)
            let entries = try await store.appendAudit((1...25).map {
                AuditEvent(actor: "spoor", action: "export.csv", subject: "file-\($0).csv", detailsJSON: #"{"rows":\#($0)}"#, at: T.at(Double($0)))
            })
            #expect(entries.map(\.sequence) == Array(1...25))
            #expect(AuditChain.verify(entries).isValid)
            #expect(try await store.auditHead() == entries.last?.head)
            #expect(try await store.auditEntries(from: 1, limit: 100) == entries)
            #expect(try await store.auditEntries(from: 11, limit: 5) == Array(entries[10..<15]))
            let ids = try await Make.queue(store, 1)
            let action = try await store.review([ReviewRequest(itemID: ids[0], command: .confirm, actor: "ana", at: T.at(30))])
            #expect(action[0].auditSequence == 26)
            let result = try await store.verifyAudit(pinnedHead: entries[24].head)
            #expect(result.isValid && result.verified == 26)
            let wrongPin = AuditHead(sequence: 10, hash: entries[10].hash)
            #expect(try await store.verifyAudit(pinnedHead: wrongPin).problem == .headMismatch)
            #expect(try await store.verifyAudit(pinnedHead: AuditHead(sequence: 40, hash: entries[0].hash)).problem == .truncated)
        }
    }
}
