import SpoorMatch
import Testing
@testable import SpoorCrawl

/// Adaptive slow-down on errors and slow answers, and gradual recovery.
@Suite struct PolitenessAdaptiveTests {
    let now = CrawlInstant(secondsSince1970: 100)
    let policy = PolitenessPolicy(
        maxConcurrentPerHost: 2, minimumDelay: 1, maximumDelay: 20, slowResponseThreshold: 5,
        slowDownStep: 1, slowDownFactor: 2, recoveryFactor: 0.5)

    @Test func errorsSlowDownAndHealthyAnswersRecoverGradually() {
        var host = HostPoliteness(host: "a.test", policy: policy)
        #expect(host.concurrencyLimit == 2)
        var delays: [Double] = []
        for _ in 0..<6 {
            host.recordStart(at: now, isFirstAttempt: true)
            host.recordFinish(healthy: false)
            delays.append(host.currentDelay)
        }
        #expect(delays == [2, 4, 8, 16, 20, 20])
        #expect(host.isSlowedDown)
        #expect(host.concurrencyLimit == 1)

        var recovery: [Double] = []
        for _ in 0..<10 {
            host.recordStart(at: now, isFirstAttempt: true)
            host.recordFinish(healthy: true)
            recovery.append(host.currentDelay)
        }
        #expect(Array(recovery.prefix(4)) == [10.5, 5.75, 3.375, 2.1875])
        #expect(recovery.last == 1)
        #expect(!host.isSlowedDown)
        #expect(host.concurrencyLimit == 2)
    }

    @Test func slowAnswersSlowTheSchedulerDownButFastErrorsOnFinalStatusesDoNot() {
        var scheduler = PolitenessScheduler(policy: policy, random: SplitMix64(seed: 3))
        for i in 0..<3 { scheduler.enqueue(FetchTask(url: "http://a.test/\(i)", host: "a.test")) }
        guard case .start(let first) = scheduler.nextAction(now: now) else { Issue.record("start expected"); return }
        #expect(scheduler.finished(first, outcome: .response(status: 404, duration: 0.5), now: now.adding(0.5)) == .done)
        #expect(scheduler.politeness(forHost: "a.test")?.currentDelay == 1)

        guard case .start(let second) = scheduler.nextAction(now: now.adding(1)) else { Issue.record("start expected"); return }
        #expect(scheduler.finished(second, outcome: .response(status: 200, duration: 9), now: now.adding(10)) == .done)
        #expect(scheduler.politeness(forHost: "a.test")?.currentDelay == 2)
        // The next start waits the longer delay after the last start.
        #expect(scheduler.nextAction(now: now.adding(1.5)) == .wait(until: now.adding(3)))
    }

    @Test func immediatePolicyNeverSlowsDown() {
        var host = HostPoliteness(host: "a.test", policy: .immediate)
        host.recordStart(at: now, isFirstAttempt: true)
        host.recordFinish(healthy: false)
        #expect(host.currentDelay == 0)
        #expect(host.canStart(at: now))
    }

    @Test func pauseNeverShortens() {
        var host = HostPoliteness(host: "a.test", policy: policy)
        host.pause(until: now.adding(60))
        host.pause(until: now.adding(10))
        #expect(host.pausedUntil == now.adding(60))
        #expect(host.earliestStart() == now.adding(60))
    }
}

/// robots.txt `Crawl-delay` lengthens a host's spacing, never shortens it, and is capped.
@Suite struct PolitenessCrawlDelayTests {
    let now = CrawlInstant(secondsSince1970: 0)

    @Test func crawlDelayOnlyLengthensAndIsCapped() {
        var host = HostPoliteness(host: "a.test", policy: PolitenessPolicy(minimumDelay: 1, maximumDelay: 30))
        host.setCrawlDelay(5)
        #expect(host.minimumDelay == 5)
        #expect(host.currentDelay == 5)
        #expect(!host.isSlowedDown)
        #expect(host.concurrencyLimit == 2)
        host.setCrawlDelay(0.2)
        #expect(host.currentDelay == 1)
        host.setCrawlDelay(3600)
        #expect(host.currentDelay == 30)
        host.setCrawlDelay(nil)
        #expect(host.currentDelay == 1)
    }

    @Test func schedulerSpacesStartsByTheCrawlDelay() {
        var scheduler = PolitenessScheduler(policy: PolitenessPolicy(minimumDelay: 0), random: SplitMix64(seed: 1))
        scheduler.setCrawlDelay(RobotsTxt.parse("User-agent: *\nCrawl-delay: 7\n").rules(for: "spoorbot").crawlDelay, forHost: "a.test")
        scheduler.enqueue(FetchTask(url: "http://a.test/1", host: "a.test"))
        scheduler.enqueue(FetchTask(url: "http://a.test/2", host: "a.test"))
        scheduler.enqueue(FetchTask(url: "http://b.test/1", host: "b.test"))
        scheduler.enqueue(FetchTask(url: "http://b.test/2", host: "b.test"))
        var starts: [String] = []
        while case .start(let task) = scheduler.nextAction(now: now) { starts.append(task.url) }
        #expect(starts == ["http://a.test/1", "http://b.test/1", "http://b.test/2"])
        #expect(scheduler.nextAction(now: now) == .wait(until: now.adding(7)))
    }
}
