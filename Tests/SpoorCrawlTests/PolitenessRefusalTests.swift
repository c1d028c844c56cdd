import SpoorMatch
import Testing
@testable import SpoorCrawl

/// Final answers stay final (issue 12), without I/O: a refusal by policy is not retried and does
/// not touch the host's delay; the fetch results of refused redirects, loops, over-long chains
/// and replies that are not HTTP read as such refusals, not as resets; retryable failures keep
/// their retries.
@Suite struct PolitenessRefusalTests {
    let t0 = CrawlInstant(secondsSince1970: 1_700_000_000)
    let policy = PolitenessPolicy(maxConcurrentPerHost: 2, minimumDelay: 1, maximumDelay: 60, slowDownStep: 5)

    func start(_ scheduler: inout PolitenessScheduler, at now: CrawlInstant) -> FetchTask? {
        if case .start(let task) = scheduler.nextAction(now: now) { return task }
        return nil
    }

    @Test func aPolicyRefusalIsNotRetriedAndLeavesTheDelayAlone() {
        var scheduler = PolitenessScheduler(policy: policy, random: SplitMix64(seed: 1))
        for i in 0..<3 { scheduler.enqueue(FetchTask(url: "https://shop.test/\(i)", host: "shop.test")) }
        let first = start(&scheduler, at: t0)!
        #expect(scheduler.finished(first, outcome: .transportFailure(.refusedByPolicy), now: t0.adding(0.1))
                == .giveUp(first, .notRetryable(.refusedByPolicy)))
        let host = scheduler.politeness(forHost: "shop.test")!
        #expect(host.currentDelay == 1)
        #expect(!host.isSlowedDown)
        #expect(scheduler.retriesUsed == 0)
        // The next page goes at the minimum spacing, with the usual concurrency.
        #expect(scheduler.nextAction(now: t0.adding(0.1)) == .wait(until: t0.adding(1)))
        #expect(start(&scheduler, at: t0.adding(1))?.url == "https://shop.test/1")
        #expect(start(&scheduler, at: t0.adding(2))?.url == "https://shop.test/2")
        #expect(scheduler.queuedCount == 0)

        // A slowed-down host stays as slow as it was: a refusal neither slows nor heals it.
        var slowed = PolitenessScheduler(policy: policy, random: SplitMix64(seed: 1))
        slowed.enqueue(FetchTask(url: "https://shop.test/a", host: "shop.test"))
        slowed.enqueue(FetchTask(url: "https://shop.test/b", host: "shop.test"))
        let a = start(&slowed, at: t0)!
        _ = slowed.finished(a, outcome: .response(status: 503, duration: 0.1), now: t0)
        let delay = slowed.politeness(forHost: "shop.test")!.currentDelay
        #expect(delay == 6)
        let b = start(&slowed, at: t0.adding(6))!
        #expect(slowed.finished(b, outcome: .transportFailure(.badResponse), now: t0.adding(6)) == .giveUp(b, .notRetryable(.badResponse)))
        #expect(slowed.politeness(forHost: "shop.test")!.currentDelay == delay)
    }

    /// A fetch result shaped like the fetcher's for a transfer that failed with `code`.
    func failed(_ code: CrawlError.Code, status: Int, failure: TransportFailure, truncation: FetchTruncation? = nil) -> PageResult {
        var result = FetchResult(requestURL: "https://shop.test/x", status: status, truncation: truncation,
                                 error: CrawlError(code, subject: "https://shop.test/x", "failed"))
        result.transportFailure = failure
        return PageResult(result)
    }

    @Test func refusedRedirectsLoopsAndBadRepliesAreFinalNotResets() {
        // The 302 that led to the refusal is the last status that arrived; before, any failed
        // transfer with a status read as a body cut short, so as a reset to retry.
        for code in [CrawlError.Code.ssrfRefused, .redirectLoop, .tooManyRedirects] {
            #expect(failed(code, status: 302, failure: .refusedByPolicy).outcome == .transportFailure(.refusedByPolicy), "\(code)")
        }
        #expect(failed(.blockedAddress, status: 0, failure: .refusedByPolicy).outcome == .transportFailure(.refusedByPolicy))
        #expect(failed(.badResponse, status: 0, failure: .badResponse).outcome == .transportFailure(.badResponse))
        #expect(failed(.badResponse, status: 302, failure: .badResponse).outcome == .transportFailure(.badResponse))

        // Retryable failures keep their retries: a redirect target that times out or resets, a
        // body cut by a reset or by time. A body cut by the size limit is an answer.
        #expect(failed(.limitExceeded, status: 302, failure: .timeout).outcome == .transportFailure(.timeout))
        #expect(failed(.transport, status: 302, failure: .connectionRefused).outcome == .transportFailure(.connectionRefused))
        #expect(failed(.transport, status: 200, failure: .connectionReset, truncation: .disconnect).outcome == .transportFailure(.connectionReset))
        #expect(failed(.limitExceeded, status: 200, failure: .timeout, truncation: .time).outcome == .transportFailure(.timeout))
        guard case .response(200, _, _) = failed(.limitExceeded, status: 200, failure: .refusedByPolicy, truncation: .length).outcome else {
            Issue.record("a body cut at the size limit is an answer"); return
        }
        var throttled = FetchResult(requestURL: "https://shop.test/x", status: 429, headers: [FetchHeader("Retry-After", "7")])
        throttled.timings.total = .milliseconds(100)
        #expect(PageResult(throttled).outcome == .response(status: 429, duration: 0.1, retryAfter: "7"))
    }

    @Test func theScanGivesUpARefusedRedirectWithOneErrorAndNoRetry() {
        var configuration = ScanConfiguration(seeds: ["https://shop.test/"], politeness: policy)
        configuration.followSitemaps = false
        var state = ScanState(configuration: configuration, profilesByHost: [:])
        state.seed()
        _ = state.pump()
        state.handle(.robots(origin: "https://shop.test", hostKey: "shop.test", .response(status: 404, body: []), refusal: nil))
        _ = state.pump()
        guard case .start(let task) = state.scheduler.nextAction(now: .now) else {
            Issue.record("the seed should start"); return
        }
        var result = FetchResult(requestURL: task.url, status: 302, redirectCount: 1,
                                 error: CrawlError(.ssrfRefused, subject: task.url, "redirect to http://10.0.0.1/ refused"))
        result.transportFailure = .refusedByPolicy
        state.handle(.page(task, PageResult(result)))
        let events = state.drainEvents()
        #expect(events.count == 1)
        guard case .error(let error)? = events.first else {
            Issue.record("one error: \(events)"); return
        }
        #expect(error.code == .ssrfRefused)
        #expect(state.summary.retries == 0)
        #expect(state.summary.errors == 1)
        #expect(state.summary.pages == 0)
        #expect(state.scheduler.queuedCount == 0)
        #expect(state.scheduler.politeness(forHost: "shop.test")?.isSlowedDown == false)
    }
}
