import SpoorMatch
import Testing
@testable import SpoorCrawl

/// Many URLs over several hosts on a simulated clock: the limits hold throughout.
@Suite struct PolitenessSimulationTests {
    struct Flight {
        var task: FetchTask
        var ends: CrawlInstant
        var outcome: FetchOutcome
    }

    /// Runs the crawler loop the scheduler expects, with fetch durations and failures drawn from
    /// `seed`, and returns every start with its time, plus how each URL ended.
    func simulate(policy: PolitenessPolicy, hosts: [String], perHost: Int, failureRate: Double, seed: UInt64)
        -> (starts: [(FetchTask, CrawlInstant)], done: Set<String>, gaveUp: Set<String>, maxInFlight: [String: Int]) {
        var scheduler = PolitenessScheduler(policy: policy, random: SplitMix64(seed: seed))
        var world = SplitMix64(seed: seed &+ 1)
        for i in 0..<perHost { for host in hosts { scheduler.enqueue(FetchTask(url: "http://\(host)/p\(i)", host: host)) } }
        var now = CrawlInstant(secondsSince1970: 0)
        var flights: [Flight] = []
        var starts: [(FetchTask, CrawlInstant)] = []
        var done = Set<String>(), gaveUp = Set<String>()
        var maxInFlight: [String: Int] = [:]
        var steps = 0
        func finishNext() {
            let index = flights.indices.min { flights[$0].ends < flights[$1].ends }!
            let flight = flights.remove(at: index)
            now = max(now, flight.ends)
            switch scheduler.finished(flight.task, outcome: flight.outcome, now: now) {
            case .done: done.insert(flight.task.url)
            case .retry: break
            case .giveUp(let task, _): gaveUp.insert(task.url)
            }
        }
        while steps < 100_000 {
            steps += 1
            switch scheduler.nextAction(now: now) {
            case .start(let task):
                starts.append((task, now))
                let inFlight = flights.filter { $0.task.host == task.host }.count + 1
                maxInFlight[task.host] = max(maxInFlight[task.host] ?? 0, inFlight)
                let duration = 0.05 + world.nextUnit() * 3
                let outcome: FetchOutcome
                if world.nextUnit() < failureRate {
                    outcome = world.nextUnit() < 0.5 ? .response(status: 503, duration: duration, retryAfter: "2") : .transportFailure(.timeout)
                } else {
                    outcome = .response(status: world.nextUnit() < 0.1 ? 404 : 200, duration: duration)
                }
                flights.append(Flight(task: task, ends: now.adding(duration), outcome: outcome))
            case .giveUp(let task, _):
                gaveUp.insert(task.url)
            case .wait(let until):
                #expect(until > now)
                if let next = flights.map(\.ends).min(), next < until { finishNext() } else { now = until }
            case .awaitCompletions:
                #expect(!flights.isEmpty)
                if flights.isEmpty { return (starts, done, gaveUp, maxInFlight) }
                finishNext()
            case .idle:
                #expect(flights.isEmpty)
                return (starts, done, gaveUp, maxInFlight)
            }
        }
        Issue.record("the simulation did not finish")
        return (starts, done, gaveUp, maxInFlight)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func limitsHoldOverAManyHostCrawl(seed: UInt64) {
        let policy = PolitenessPolicy(maxConcurrentPerHost: 2, minimumDelay: 1, slowResponseThreshold: 2.5, maxRetriesPerURL: 3)
        let hosts = ["a.test", "b.test", "c.test:8080", "d.test"]
        let result = simulate(policy: policy, hosts: hosts, perHost: 60, failureRate: 0.15, seed: seed)

        // Every URL ended exactly once, either done or given up.
        #expect(result.done.count + result.gaveUp.count == hosts.count * 60)
        #expect(result.done.isDisjoint(with: result.gaveUp))
        #expect(result.gaveUp.count < 10)
        for host in hosts {
            #expect((result.maxInFlight[host] ?? 0) <= 2, "host \(host) exceeded its concurrency")
            #expect(result.maxInFlight[host] == 2, "host \(host) never used its second slot")
            let times = result.starts.filter { $0.0.host == host }.map(\.1.secondsSince1970)
            for (earlier, later) in zip(times, times.dropFirst()) {
                #expect(later - earlier >= 1 - 1e-9, "host \(host) started requests \(later - earlier) s apart")
            }
        }
        // Retries happened and each attempt number stays within the per-URL budget.
        #expect(result.starts.contains { $0.0.attempt > 0 })
        #expect(result.starts.allSatisfy { $0.0.attempt <= 3 })
    }

    @Test func zeroDelayCrawlsAsFastAsConcurrencyAllows() {
        let hosts = ["a.test", "b.test"]
        let result = simulate(policy: .immediate, hosts: hosts, perHost: 100, failureRate: 0, seed: 9)
        #expect(result.done.count == 200)
        for host in hosts { #expect(result.maxInFlight[host] == 2) }
        // With no delay, two fetches start together at time zero on each host.
        #expect(result.starts.filter { $0.1.secondsSince1970 == 0 }.count == 4)
    }
}
