import SpoorMatch
import Testing
@testable import SpoorCrawl

/// The frontier, robots cache and politeness scheduler driven together the way the crawler loop
/// will drive them, over a fake two-host site and a simulated clock.
@Suite struct FrontierCrawlLoopTests {
    /// What the fake site answers: a status and the links on the page.
    static let site: [String: (status: Int, links: [String])] = [
        "https://shop.test/robots.txt": (200, []),
        "https://shop.test/": (200, ["/listing/1", "/listing/2", "/admin/", "https://forum.test/", "calendar/2024/", "mailto:x@shop.test"]),
        "https://shop.test/listing/1": (200, ["/listing/2#photos", "/listing/3;jsessionid=AB12", "../"]),
        "https://shop.test/listing/2": (200, ["/listing/1?PHPSESSID=x", "/gone"]),
        "https://shop.test/listing/3": (503, ["/listing/4"]),  // fails once, then answers
        "https://shop.test/listing/4": (200, []),
        "https://shop.test/gone": (410, []),
        "https://shop.test/admin/": (200, ["/admin/secret"]),
        "https://forum.test/robots.txt": (404, []),
        "https://forum.test/": (200, ["/thread/1", "/thread/2"]),
        "https://forum.test/thread/1": (200, []),
        "https://forum.test/thread/2": (200, ["https://shop.test/listing/1"]),
    ]
    static let robotsBody = "User-agent: *\nDisallow: /admin/\nCrawl-delay: 2\n"

    @Test func crawlsEveryAllowedPageOnceAndPolitely() throws {
        var frontier = Frontier(trapGuard: TrapGuard(maxDepth: 6))
        var scheduler = PolitenessScheduler(policy: PolitenessPolicy(minimumDelay: 0.5), random: SplitMix64(seed: 4))
        var robots = RobotsCache(policy: RobotsCachePolicy(productToken: "SpoorBot"))
        var now = CrawlInstant(secondsSince1970: 1_000)
        var inFlight: [(task: FetchTask, ends: CrawlInstant)] = []
        var fetched: [String: Int] = [:]
        var starts: [String: [Double]] = [:]
        var disallowed: [String] = []
        var final: [String: Int] = [:]
        var failedOnce = Set<String>()

        try frontier.add("https://shop.test/")
        loop: for _ in 0..<10_000 {
            // Move URLs robots.txt allows into the scheduler, a few per host at a time.
            while let entry = try frontier.next(where: { scheduler.queuedCount(forHost: $0) < 2 }) {
                var decision = robots.check(entry.url, now: now)
                if case .fetchRobots(let robotsURL) = decision {
                    let status = Self.site[robotsURL]?.status ?? 404
                    let body = status == 200 ? Array(Self.robotsBody.utf8) : []
                    let record = robots.record(.response(status: status, body: body), origin: entry.url.origin, now: now)
                    scheduler.setCrawlDelay(record.rules.crawlDelay, forHost: entry.url.hostKey)
                    decision = robots.check(entry.url, now: now)
                }
                switch decision {
                case .allowed: scheduler.enqueue(entry.fetchTask)
                case .disallowed(let error): disallowed.append(error.subject)
                case .fetchRobots: Issue.record("robots.txt was just recorded")
                }
            }
            switch scheduler.nextAction(now: now) {
            case .start(let task):
                fetched[task.url, default: 0] += 1
                starts[task.host, default: []].append(now.secondsSince1970)
                inFlight.append((task, now.adding(0.3)))
            case .giveUp(let task, let reason):
                Issue.record("gave up \(task): \(reason)")
            case .wait(let until):
                if let next = inFlight.map(\.ends).min(), next < until { now = next } else { now = until }
                try finishDue()
            case .awaitCompletions:
                now = inFlight.map(\.ends).min()!
                try finishDue()
            case .idle:
                break loop
            }
        }

        func finishDue() throws {
            while let index = inFlight.firstIndex(where: { $0.ends <= now }) {
                let (task, _) = inFlight.remove(at: index)
                var answer = Self.site[task.url] ?? (404, [])
                if answer.status == 503 {
                    if failedOnce.insert(task.url).inserted { answer.links = [] } else { answer.status = 200 }
                }
                let disposition = scheduler.finished(task, outcome: .response(status: answer.status, duration: 0.3, retryAfter: "1"), now: now)
                guard disposition == .done else { continue }
                final[task.url] = answer.status
                let page = FrontierEntry(url: try URLCanonicalizer().canonicalize(task.url), depth: task.depth)
                try frontier.addOutlinks(answer.links, from: page)
            }
        }

        #expect(Set(fetched.keys) == [
            "https://shop.test/", "https://shop.test/listing/1", "https://shop.test/listing/2", "https://shop.test/listing/3",
            "https://shop.test/listing/4", "https://shop.test/gone", "https://shop.test/calendar/2024/",
            "https://forum.test/", "https://forum.test/thread/1", "https://forum.test/thread/2",
        ])
        #expect(fetched.filter { $0.value > 1 } == ["https://shop.test/listing/3": 2])  // only the 503 was fetched twice
        #expect(final["https://shop.test/gone"] == 410)
        #expect(final["https://shop.test/listing/3"] == 200)
        #expect(disallowed == ["https://shop.test/admin/"])
        // shop.test asked for a 2 s crawl delay; forum.test gets the policy's 0.5 s.
        for (host, spacing) in [("shop.test", 2.0), ("forum.test", 0.5)] {
            let times = starts[host] ?? []
            #expect(times.count > 2)
            for (a, b) in zip(times, times.dropFirst()) { #expect(b - a >= spacing - 1e-9) }
        }
        #expect(frontier.pendingCount == 0)
        #expect(scheduler.inFlightCount == 0)
    }
}
