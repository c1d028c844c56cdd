import SpoorMatch
import Testing
@testable import SpoorCrawl

/// Backoff, jitter and Retry-After parsing.
@Suite struct PolitenessBackoffTests {
    @Test func splitMixMatchesTheReferenceSequence() {
        // SplitMix64 seeded with 0 (Vigna's reference implementation).
        var random = SplitMix64(seed: 0)
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
        #expect(random.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func backoffWithoutJitterDoublesUpToTheCap() {
        let backoff = Backoff(base: 1, multiplier: 2, cap: 10, jitter: 0)
        let delays = (1...6).map { backoff.seconds(afterFailures: $0, unit: 0.7) }
        #expect(delays == [1, 2, 4, 8, 10, 10])
        #expect(backoff.seconds(afterFailures: 10_000, unit: 0) == 10)  // no overflow
    }

    @Test func jitterStaysWithinItsShareOfTheDelay() {
        let backoff = Backoff(base: 2, multiplier: 2, cap: 300, jitter: 0.5)
        var random = SplitMix64(seed: 42)
        var seen = Set<Double>()
        for failures in 1...8 {
            let raw = 2 * Double(1 << (failures - 1))
            for _ in 0..<50 {
                let delay = backoff.seconds(afterFailures: failures, using: &random)
                #expect(delay >= raw * 0.5 && delay < raw)
                seen.insert(delay)
            }
        }
        #expect(seen.count > 300)  // jitter really varies
        #expect(backoff.seconds(afterFailures: 1, unit: 0) == 1)
        #expect(backoff.seconds(afterFailures: 1, unit: 0.5) == 1.5)
    }

    @Test func schedulerBackoffIsDeterministicForASeed() {
        func delays(seed: UInt64) -> [Double] {
            var policy = PolitenessPolicy(minimumDelay: 0, slowDownStep: 0, maxRetriesPerURL: 5)
            policy.backoff = Backoff(base: 1, multiplier: 2, cap: 60, jitter: 1)
            var scheduler = PolitenessScheduler(policy: policy, random: SplitMix64(seed: seed))
            let now = CrawlInstant(secondsSince1970: 1000)
            var task = FetchTask(url: "http://a.test/", host: "a.test")
            var result: [Double] = []
            scheduler.enqueue(task)
            var clock = now
            for _ in 0..<5 {
                guard case .start(let started) = scheduler.nextAction(now: clock) else {
                    Issue.record("expected a start"); return result
                }
                task = started
                guard case .retry(let next, let at) = scheduler.finished(task, outcome: .response(status: 503, duration: 0.1), now: clock) else {
                    Issue.record("expected a retry"); return result
                }
                #expect(next.attempt == task.attempt + 1)
                result.append(at.seconds(since: clock))
                #expect(scheduler.nextAction(now: clock) == .wait(until: at))
                clock = at
            }
            return result
        }
        let first = delays(seed: 7)
        #expect(first == delays(seed: 7))
        #expect(first != delays(seed: 8))
        for (index, delay) in first.enumerated() {
            let raw = Double(1 << index)
            #expect(delay >= 0 && delay < raw)
        }
    }

    @Test(arguments: [
        ("120", 120.0),
        ("0", 0.0),
        ("  7 ", 7.0),
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
        ("Sunday, 06-Nov-94 08:49:37 GMT", 784_111_777.0),
        ("Sun Nov  6 08:49:37 1994", 784_111_777.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("Tue, 29 Feb 2028 23:59:59 GMT", 1_835_481_599.0),
    ])
    func retryAfterParsesBothForms(value: String, seconds: Double) throws {
        let parsed = try #require(RetryAfter(headerValue: value))
        switch parsed {
        case .seconds(let s): #expect(s == seconds)
        case .date(let d): #expect(d.secondsSince1970 == seconds)
        }
    }

    @Test(arguments: ["", "soon", "-5", "1.5", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT"])
    func retryAfterRejectsGarbage(value: String) {
        #expect(RetryAfter(headerValue: value) == nil)
    }

    @Test func retryAfterDelayIsMeasuredFromNowAndNeverNegative() {
        let now = CrawlInstant(secondsSince1970: 784_111_700)
        #expect(RetryAfter(headerValue: "Sun, 06 Nov 1994 08:49:37 GMT")?.delay(from: now) == 77)
        #expect(RetryAfter(headerValue: "Sun, 06 Nov 1994 08:49:37 GMT")?.delay(from: now.adding(1000)) == 0)
        #expect(RetryAfter(headerValue: "99999999999999999999")?.delay(from: now) ?? 0 > 1e11)
    }
}
