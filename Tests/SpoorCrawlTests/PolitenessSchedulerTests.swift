import SpoorMatch
import Testing
@testable import SpoorCrawl

/// The politeness scheduler as a state machine: events in, actions out, time passed in.
@Suite struct PolitenessSchedulerTests {
    let t0 = CrawlInstant(secondsSince1970: 1_700_000_000)

    func task(_ path: String, host: String = "shop.test") -> FetchTask {
        FetchTask(url: "https://\(host)\(path)", host: host)
    }

    func start(_ scheduler: inout PolitenessScheduler, at now: CrawlInstant) -> FetchTask? {
        if case .start(let task) = scheduler.nextAction(now: now) { return task }
        return nil
    }

    @Test func emptySchedulerIsIdle() {
        var scheduler = PolitenessScheduler(policy: .standard, random: SplitMix64(seed: 1))
        #expect(scheduler.nextAction(now: t0) == .idle)
    }

    @Test func perHostConcurrencyAndDelayAreRespected() {
        var scheduler = PolitenessScheduler(policy: PolitenessPolicy(maxConcurrentPerHost: 2, minimumDelay: 1), random: SplitMix64(seed: 1))
        for i in 0..<4 { scheduler.enqueue(task("/\(i)")) }
        let first = start(&scheduler, at: t0)
        #expect(first?.url == "https://shop.test/0")
        // The second may not start until a second later.
        #expect(scheduler.nextAction(now: t0) == .wait(until: t0.adding(1)))
        #expect(scheduler.nextAction(now: t0.adding(0.999)) == .wait(until: t0.adding(1)))
        let second = start(&scheduler, at: t0.adding(1))
        #expect(second?.url == "https://shop.test/1")
        // Two in flight: the third waits for a completion, however late it is.
        #expect(scheduler.nextAction(now: t0.adding(50)) == .awaitCompletions)
        #expect(scheduler.finished(first!, outcome: .response(status: 200, duration: 0.2), now: t0.adding(50)) == .done)
        #expect(start(&scheduler, at: t0.adding(50))?.url == "https://shop.test/2")
        #expect(scheduler.inFlightCount == 2)
        #expect(scheduler.queuedCount == 1)
    }

    @Test func aSiteOverrideLimitsOnlyThatHost() {
        var scheduler = PolitenessScheduler(policy: PolitenessPolicy(maxConcurrentPerHost: 3, minimumDelay: 0), random: SplitMix64(seed: 1))
        scheduler.override(concurrency: 1, pageBudget: 2, forHost: "slow.test")
        for i in 0..<4 {
            scheduler.enqueue(task("/\(i)", host: "slow.test"))
            scheduler.enqueue(task("/\(i)", host: "fast.test"))
        }
        var started: [String: Int] = [:]
        while case .start(let task) = scheduler.nextAction(now: t0) { started[task.host, default: 0] += 1 }
        #expect(started["slow.test"] == 1)
        #expect(started["fast.test"] == 3)
        // Its page budget: the third page of slow.test is given up, not fetched.
        var slowPages = 1
        var gaveUp = 0
        for round in 1...6 {
            let now = t0.adding(Double(round))
            for host in ["slow.test", "fast.test"] where scheduler.politeness(forHost: host)?.inFlight ?? 0 > 0 {
                _ = scheduler.finished(task("/x", host: host), outcome: .response(status: 200, duration: 0.1), now: now)
            }
            while true {
                let action = scheduler.nextAction(now: now)
                if case .start(let task) = action, task.host == "slow.test" { slowPages += 1; continue }
                if case .start = action { continue }
                if case .giveUp(let task, .hostPageBudgetExhausted) = action, task.host == "slow.test" { gaveUp += 1; continue }
                break
            }
        }
        #expect(slowPages == 2)
        #expect(gaveUp == 2)
    }

    @Test func zeroDelayStartsUpToTheConcurrencyLimitAtOnce() {
        var scheduler = PolitenessScheduler(policy: PolitenessPolicy(maxConcurrentPerHost: 3, minimumDelay: 0), random: SplitMix64(seed: 1))
        for i in 0..<5 { scheduler.enqueue(task("/\(i)")) }
        for _ in 0..<3 { #expect(start(&scheduler, at: t0) != nil) }
        #expect(scheduler.nextAction(now: t0) == .awaitCompletions)
    }

    @Test func hostsTakeTurns() {
        var scheduler = PolitenessScheduler(policy: .immediate, random: SplitMix64(seed: 1))
        for i in 0..<3 {
            scheduler.enqueue(task("/\(i)", host: "a.test"))
            scheduler.enqueue(task("/\(i)", host: "b.test"))
        }
        var hosts: [String] = []
        for _ in 0..<4 { if let t = start(&scheduler, at: t0) { hosts.append(t.host) } }
        #expect(hosts == ["a.test", "b.test", "a.test", "b.test"])
    }

    @Test(arguments: [404, 410, 403, 401, 400, 200, 301, 501])
    func finalStatusesAreNotRetried(status: Int) {
        var scheduler = PolitenessScheduler(policy: .immediate, random: SplitMix64(seed: 1))
        scheduler.enqueue(task("/gone"))
        let started = start(&scheduler, at: t0)!
        #expect(scheduler.finished(started, outcome: .response(status: status, duration: 0.1), now: t0) == .done)
        #expect(scheduler.nextAction(now: t0) == .idle)
        #expect(scheduler.retriesUsed == 0)
    }

    @Test(arguments: [500, 502, 503, 504, 429, 408])
    func retryableStatusesAreRetried(status: Int) {
        var scheduler = PolitenessScheduler(policy: .immediate, random: SplitMix64(seed: 1))
        scheduler.enqueue(task("/flaky"))
        let started = start(&scheduler, at: t0)!
        guard case .retry(let retry, _) = scheduler.finished(started, outcome: .response(status: status, duration: 0.1), now: t0) else {
            Issue.record("HTTP \(status) should be retried"); return
        }
        #expect(retry.attempt == 1)
        #expect(start(&scheduler, at: t0)?.attempt == 1)
    }

    @Test func transportFailuresRetryOnlyWhenThatCanHelp() {
        var scheduler = PolitenessScheduler(policy: .immediate, random: SplitMix64(seed: 1))
        scheduler.enqueue(task("/a"))
        scheduler.enqueue(task("/b"))
        let a = start(&scheduler, at: t0)!
        let b = start(&scheduler, at: t0)!
        guard case .retry = scheduler.finished(a, outcome: .transportFailure(.timeout), now: t0) else {
            Issue.record("a timeout is retried"); return
        }
        #expect(scheduler.finished(b, outcome: .transportFailure(.dns), now: t0) == .giveUp(b, .notRetryable(.dns)))
        #expect(TransportFailure.connectionReset.isRetryable)
        #expect(!TransportFailure.tls.isRetryable)
    }

    @Test func retryAfterSecondsPausesTheHostAndTimesTheRetry() {
        var scheduler = PolitenessScheduler(policy: .immediate, random: SplitMix64(seed: 1))
        scheduler.enqueue(task("/busy"))
        scheduler.enqueue(task("/other"))
        let busy = start(&scheduler, at: t0)!
        let outcome = FetchOutcome.response(status: 429, duration: 0.1, headers: [("Content-Type", "text/html"), ("retry-after", "30")])
        #expect(scheduler.finished(busy, outcome: outcome, now: t0) == .retry(FetchTask(url: busy.url, host: busy.host, attempt: 1), at: t0.adding(30)))
        // The whole host pauses, not only the URL.
        #expect(scheduler.nextAction(now: t0.adding(10)) == .wait(until: t0.adding(30)))
        let resumed = start(&scheduler, at: t0.adding(30))
        #expect(resumed?.url == "https://shop.test/busy")
        #expect(resumed?.attempt == 1)
    }

    @Test func retryAfterDateOn503AndTheCap() {
        var policy = PolitenessPolicy.immediate
        policy.retryAfterCap = 600
        var scheduler = PolitenessScheduler(policy: policy, random: SplitMix64(seed: 1))
        let now = CrawlInstant(secondsSince1970: 784_111_777 - 120)  // two minutes before the date below
        scheduler.enqueue(task("/a"))
        scheduler.enqueue(task("/b"))
        let a = start(&scheduler, at: now)!
        let b = start(&scheduler, at: now)!
        let dated = FetchOutcome.response(status: 503, duration: 0.1, retryAfter: "Sun, 06 Nov 1994 08:49:37 GMT")
        guard case .retry(_, let at) = scheduler.finished(a, outcome: dated, now: now) else { Issue.record("retry expected"); return }
        #expect(at == now.adding(120))
        let huge = FetchOutcome.response(status: 429, duration: 0.1, retryAfter: "86400")
        guard case .retry(_, let capped) = scheduler.finished(b, outcome: huge, now: now) else { Issue.record("retry expected"); return }
        #expect(capped == now.adding(600))
        #expect(scheduler.politeness(forHost: "shop.test")?.pausedUntil == now.adding(600))
    }

    @Test func retryAfterIsIgnoredOn500() {
        var policy = PolitenessPolicy.immediate
        policy.backoff = Backoff(base: 2, jitter: 0)
        var scheduler = PolitenessScheduler(policy: policy, random: SplitMix64(seed: 1))
        scheduler.enqueue(task("/a"))
        let a = start(&scheduler, at: t0)!
        #expect(scheduler.finished(a, outcome: .response(status: 500, duration: 0, retryAfter: "300"), now: t0)
            == .retry(FetchTask(url: a.url, host: a.host, attempt: 1), at: t0.adding(2)))
    }

    @Test func perURLRetryBudget() {
        var policy = PolitenessPolicy.immediate
        policy.maxRetriesPerURL = 2
        var scheduler = PolitenessScheduler(policy: policy, random: SplitMix64(seed: 1))
        scheduler.enqueue(task("/down"))
        var dispositions: [FetchDisposition] = []
        while let started = start(&scheduler, at: t0) {
            dispositions.append(scheduler.finished(started, outcome: .response(status: 502, duration: 0.1), now: t0))
        }
        #expect(dispositions.count == 3)
        let last = FetchTask(url: "https://shop.test/down", host: "shop.test", attempt: 2)
        #expect(dispositions.last == .giveUp(last, .retriesExhausted(attempts: 3, last: .response(status: 502, duration: 0.1))))
        #expect(GiveUpReason.retriesExhausted(attempts: 3, last: .response(status: 502, duration: 0.1)).error(url: last.url).code == .httpStatus)
    }

    @Test func overallRetryBudget() {
        var policy = PolitenessPolicy.immediate
        policy.maxRetriesTotal = 1
        var scheduler = PolitenessScheduler(policy: policy, random: SplitMix64(seed: 1))
        scheduler.enqueue(task("/a"))
        scheduler.enqueue(task("/b", host: "other.test"))
        let a = start(&scheduler, at: t0)!
        let b = start(&scheduler, at: t0)!
        guard case .retry = scheduler.finished(a, outcome: .transportFailure(.connectionReset), now: t0) else { Issue.record("retry expected"); return }
        #expect(scheduler.finished(b, outcome: .transportFailure(.connectionReset), now: t0)
            == .giveUp(b, .retryBudgetExhausted(last: .transportFailure(.connectionReset))))
        #expect(scheduler.retriesUsed == 1)
    }

    @Test func hostPageBudgetCountsFirstAttemptsOnly() {
        var policy = PolitenessPolicy.immediate
        policy.pageBudgetPerHost = 2
        var scheduler = PolitenessScheduler(policy: policy, random: SplitMix64(seed: 1))
        for i in 0..<4 { scheduler.enqueue(task("/\(i)")) }
        scheduler.enqueue(task("/x", host: "other.test"))
        var started: [FetchTask] = []
        var dropped: [FetchTask] = []
        var retried = false
        loop: while true {
            switch scheduler.nextAction(now: t0) {
            case .start(let t):
                started.append(t)
                // The first page fails once: its retry is not a new page.
                let outcome: FetchOutcome = (t.url.hasSuffix("/0") && !retried) ? .response(status: 503, duration: 0) : .response(status: 200, duration: 0)
                if t.url.hasSuffix("/0") { retried = true }
                _ = scheduler.finished(t, outcome: outcome, now: t0)
            case .giveUp(let t, let reason):
                #expect(reason == .hostPageBudgetExhausted)
                #expect(reason.error(url: t.url).code == .limitExceeded)
                dropped.append(t)
            default:
                break loop
            }
        }
        #expect(started.filter { $0.host == "shop.test" }.map(\.url) == ["https://shop.test/0", "https://shop.test/0", "https://shop.test/1"])
        #expect(dropped.map(\.url) == ["https://shop.test/2", "https://shop.test/3"])
        #expect(started.contains { $0.host == "other.test" })
        #expect(scheduler.politeness(forHost: "shop.test")?.pagesStarted == 2)
    }
}
