import SpoorMatch
import Testing
@testable import SpoorCrawl

/// The frontier: dedup by canonical URL, trap guards, budgets, per-host queues.
@Suite struct FrontierTests {
    func added(_ admission: Frontier<InMemorySeenURLs, InMemoryFrontierQueue>.Admission) -> Bool {
        if case .added = admission { return true }
        return false
    }

    func rejection(_ admission: Frontier<InMemorySeenURLs, InMemoryFrontierQueue>.Admission) -> CrawlError? {
        if case .rejected(let error) = admission { return error }
        if case .trapped(_, let error) = admission { return error }
        return nil
    }

    @Test func deduplicatesByCanonicalURL() throws {
        var frontier = Frontier()
        #expect(added(try frontier.add("https://shop.test/item/1")))
        for variant in ["HTTPS://SHOP.test:443/item/1", "https://shop.test/item/./1#photos", "https://shop.test/item/%31",
                        "https://shop.test/item/1?PHPSESSID=deadbeef"] {
            #expect(try frontier.add(variant) == .duplicate(try URLCanonicalizer().canonicalize("https://shop.test/item/1")))
        }
        #expect(added(try frontier.add("http://shop.test/item/1")))  // another scheme is another URL
        #expect(frontier.seenCount == 2)
        #expect(frontier.pendingCount == 2)
        // Handing a URL out does not make it new again.
        _ = try frontier.next()
        _ = try frontier.next()
        #expect(frontier.pendingCount == 0)
        #expect(try frontier.add("https://shop.test/item/1") != .added(try URLCanonicalizer().canonicalize("https://shop.test/item/1")))
        #expect(frontier.seenCount == 2)
    }

    @Test func badURLsAreRejectedNotThrown() throws {
        var frontier = Frontier()
        #expect(rejection(try frontier.add("ftp://shop.test/x"))?.code == .badURL)
        #expect(rejection(try frontier.add("not a url"))?.code == .badURL)
        #expect(frontier.seenCount == 0)
    }

    @Test(arguments: [
        ("https://shop.test/a/b/a/b/a/b", true),
        ("https://shop.test/a/b/a/b", false),
        ("https://shop.test/x/x/x", true),
        ("https://shop.test/x/x/y", false),
        ("https://shop.test/p/cal/2024/cal/2024/cal/2024/z", true),
        ("https://shop.test/2024/01/01/news", false),
        ("https://shop.test/a/b/c/d/a/b/c/d/a/b/c/d", true),
        ("https://shop.test/a/b/c/d/e/a/b/c/d/e/a/b/c/d/e", false),  // runs longer than 4 are not checked
    ])
    func repeatedPathSegmentsAreATrap(url: String, trapped: Bool) throws {
        let guardian = TrapGuard()
        let canonical = try URLCanonicalizer().canonicalize(url)
        #expect((guardian.trap(canonical, depth: 0) == .repeatingPath) == trapped)
    }

    @Test func depthLengthAndSegmentLimits() throws {
        let guardian = TrapGuard(maxDepth: 3, maxURLLength: 60, maxPathSegments: 5)
        let c = URLCanonicalizer()
        #expect(guardian.trap(try c.canonicalize("https://shop.test/a"), depth: 3) == nil)
        #expect(guardian.trap(try c.canonicalize("https://shop.test/a"), depth: 4) == .tooDeep)
        #expect(guardian.trap(try c.canonicalize("https://shop.test/" + String(repeating: "x", count: 60)), depth: 0) == .tooLong)
        #expect(guardian.trap(try c.canonicalize("https://shop.test/1/2/3/4/5"), depth: 0) == nil)
        #expect(guardian.trap(try c.canonicalize("https://shop.test/1/2/3/4/5/6"), depth: 0) == .tooManySegments)
    }

    @Test func outlinksResolveGoOneLevelDeeperAndAreCapped() throws {
        var frontier = Frontier(trapGuard: TrapGuard(maxDepth: 1, maxOutlinksPerPage: 3))
        try frontier.add("https://shop.test/list/")
        let page = try #require(try frontier.next())
        #expect(page.depth == 0)
        let admissions = try frontier.addOutlinks(["item/1", "../about", "mailto:x@y.z", "item/2", "item/3"], from: page)
        #expect(admissions.count == 3)
        #expect(admissions[0] == .added(try URLCanonicalizer().canonicalize("https://shop.test/list/item/1")))
        #expect(admissions[1] == .added(try URLCanonicalizer().canonicalize("https://shop.test/about")))
        #expect(rejection(admissions[2])?.code == .badURL)
        let child = try #require(try frontier.next())
        #expect(child.depth == 1)
        // Depth 2 is beyond the guard's limit of 1.
        let deeper = try frontier.addOutlinks(["/deeper"], from: child)
        #expect(rejection(deeper[0])?.code == .limitExceeded)
        guard case .trapped(.tooDeep, _) = deeper[0] else {
            Issue.record("the depth limit is a trap the guard names: \(deeper[0])"); return
        }
        #expect(frontier.droppedOutlinks(["item/1", "../about", "mailto:x@y.z", "item/2", "item/3"]) == ["item/2", "item/3"])
        #expect(frontier.seenCount == 3)
    }

    @Test func perHostURLBudget() throws {
        var frontier = Frontier(maxURLsPerHost: 2)
        #expect(added(try frontier.add("https://a.test/1")))
        #expect(added(try frontier.add("https://a.test/2")))
        let over = try frontier.add("https://a.test/3")
        #expect(rejection(over)?.code == .limitExceeded)
        #expect(added(try frontier.add("https://a.test:8443/3")))  // another port is another host
        #expect(added(try frontier.add("https://b.test/1")))
        #expect(frontier.acceptedCount(forHost: "a.test") == 2)
        // A URL refused for the budget was not marked seen.
        #expect(frontier.seenCount == 4)
    }

    @Test func priorityThenFIFOWithinAHostAndHostsTakeTurns() throws {
        var frontier = Frontier()
        try frontier.add("https://a.test/low-1")
        try frontier.add("https://a.test/low-2")
        try frontier.add("https://a.test/high", priority: 5)
        try frontier.add("https://b.test/1")
        try frontier.add("https://b.test/2")
        try frontier.add("https://c.test/1")
        var order: [String] = []
        while let entry = try frontier.next() { order.append(entry.url.string) }
        #expect(order == [
            "https://a.test/high", "https://b.test/1", "https://c.test/1",
            "https://a.test/low-1", "https://b.test/2", "https://a.test/low-2",
        ])
    }

    @Test func hostFilterSkipsHostsAndFeedsTheScheduler() throws {
        var frontier = Frontier()
        for i in 0..<3 {
            try frontier.add("https://a.test/\(i)")
            try frontier.add("https://b.test/\(i)")
        }
        #expect(frontier.pendingCount(forHost: "a.test") == 3)
        var scheduler = PolitenessScheduler(policy: .immediate, random: SplitMix64(seed: 1))
        // Keep at most one queued task per host in the scheduler.
        while let entry = try frontier.next(where: { scheduler.queuedCount(forHost: $0) < 1 }) {
            scheduler.enqueue(entry.fetchTask)
        }
        #expect(scheduler.queuedCount == 2)
        #expect(frontier.pendingCount == 4)
        guard case .start(let task) = scheduler.nextAction(now: CrawlInstant(secondsSince1970: 0)) else {
            Issue.record("expected a start"); return
        }
        #expect(task.url == "https://a.test/0")
        #expect(task.host == "a.test")
        #expect(try frontier.next(where: { $0 == "b.test" })?.url.string == "https://b.test/1")
    }

    /// A store that counts calls, to show the frontier goes through the seam.
    struct CountingSeen: SeenURLStore {
        var inner = InMemorySeenURLs()
        var inserts = 0
        mutating func insert(_ key: String) throws(CrawlError) -> Bool { inserts += 1; return try inner.insert(key) }
        func contains(_ key: String) throws(CrawlError) -> Bool { try inner.contains(key) }
        var count: Int { inner.count }
    }

    @Test func customStoresPlugIn() throws {
        var frontier = Frontier(seen: CountingSeen(), queue: InMemoryFrontierQueue())
        try frontier.add("https://a.test/1")
        try frontier.add("https://a.test/1")
        try frontier.add("https://a.test/2")
        #expect(frontier.seenCount == 2)
        #expect(frontier.pendingCount == 2)
    }
}
