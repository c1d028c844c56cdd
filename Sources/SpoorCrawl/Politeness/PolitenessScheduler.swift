import SpoorMatch

/// Schedules fetches across hosts politely, as a pure state machine: the caller passes `now` and
/// reports events, the scheduler answers with actions. No clocks, timers or I/O inside.
///
/// Loop: `enqueue` URLs; call ``nextAction(now:)`` and do what it says (start, drop, sleep until an
/// instant or until a fetch finishes); when a fetch ends, report it with ``finished(_:outcome:now:)``.
public struct PolitenessScheduler: Sendable {
    /// The policy applied to every host.
    public let policy: PolitenessPolicy
    /// Retries handed out so far, counted against ``PolitenessPolicy/maxRetriesTotal``.
    public private(set) var retriesUsed = 0

    private var hosts: [String: HostQueue] = [:]
    private var hostOrder: [String] = []
    private var cursor = 0
    private var random: any RandomNumberGenerator & Sendable

    /// A scheduler applying `policy`, drawing backoff jitter from `random` (seed it in tests).
    public init(policy: PolitenessPolicy = .standard, random: some RandomNumberGenerator & Sendable = SplitMix64()) {
        self.policy = policy
        self.random = random
    }

    /// Queues a task behind the host's other queued tasks.
    public mutating func enqueue(_ task: FetchTask) {
        modifyHost(task.host) { $0.fresh.append(task) }
    }

    /// Tasks queued (not in flight), over all hosts.
    public var queuedCount: Int { hosts.values.reduce(0) { $0 + $1.queuedCount } }
    /// Requests in flight, over all hosts.
    public var inFlightCount: Int { hosts.values.reduce(0) { $0 + $1.politeness.inFlight } }
    /// Tasks queued for `host`, so a caller can keep each host's queue short.
    public func queuedCount(forHost host: String) -> Int { hosts[host]?.queuedCount ?? 0 }
    /// The politeness state of `host`, if the scheduler has seen it.
    public func politeness(forHost host: String) -> HostPoliteness? { hosts[host]?.politeness }

    /// Applies `host`'s robots.txt `Crawl-delay` (``RobotsRules/crawlDelay``), which can only
    /// lengthen the policy's delay and is capped at ``PolitenessPolicy/crawlDelayCap``; `nil`
    /// removes it. Returns the delay applied (the cap, when `seconds` is longer).
    @discardableResult
    public mutating func setCrawlDelay(_ seconds: Double?, forHost host: String) -> Double? {
        var applied: Double?
        modifyHost(host) { applied = $0.politeness.setCrawlDelay(seconds) }
        return applied
    }

    /// Applies a site's own concurrency and page budget to `host` (from its site profile).
    public mutating func override(concurrency: Int?, pageBudget: Int?, forHost host: String) {
        modifyHost(host) { $0.politeness.override(concurrency: concurrency, pageBudget: pageBudget) }
    }

    /// The next thing to do at `now`. Hosts take turns, so one busy host does not starve the others.
    public mutating func nextAction(now: CrawlInstant) -> SchedulerAction {
        var earliest: CrawlInstant?
        var blockedByConcurrency = false
        let count = hostOrder.count
        for step in 0..<count {
            let index = (cursor + step) % count
            let key = hostOrder[index]
            guard var host = hosts[key], host.queuedCount > 0 else { continue }
            if !host.politeness.hasPageBudget, let dropped = host.fresh.popFirst() {
                hosts[key] = host
                return .giveUp(dropped, .hostPageBudgetExhausted)
            }
            guard let hostReady = host.politeness.earliestStart() else {
                blockedByConcurrency = true
                continue
            }
            guard let taskReady = host.earliestTaskReady(now: now) else { continue }
            let ready = max(hostReady, taskReady)
            if ready <= now, let task = host.popReady(now: now) {
                host.politeness.recordStart(at: now, isFirstAttempt: task.attempt == 0)
                hosts[key] = host
                cursor = (index + 1) % count
                return .start(task)
            }
            earliest = min(earliest ?? ready, ready)
        }
        if let earliest { return .wait(until: earliest) }
        if blockedByConcurrency || inFlightCount > 0 { return .awaitCompletions }
        return .idle
    }

    /// Reports that `task` (handed out by ``nextAction(now:)``) ended with `outcome` at `now`;
    /// updates the host's adaptive delay and decides whether to retry.
    public mutating func finished(_ task: FetchTask, outcome: FetchOutcome, now: CrawlInstant) -> FetchDisposition {
        modifyHost(task.host) { _ in }
        var host = hosts[task.host]!
        defer { hosts[task.host] = host }
        switch outcome {
        case .response(let status, let duration, let retryAfterValue):
            guard FetchOutcome.isRetryable(status: status) else {
                host.politeness.recordFinish(healthy: duration <= policy.slowResponseThreshold)
                return .done
            }
            host.politeness.recordFinish(healthy: false)
            var retryAt: CrawlInstant?
            if status == 429 || status == 503, let value = retryAfterValue, let retryAfter = RetryAfter(headerValue: value) {
                let pauseEnd = now.adding(min(policy.retryAfterCap, retryAfter.delay(from: now)))
                host.politeness.pause(until: pauseEnd)
                retryAt = pauseEnd
            }
            return retry(task, outcome: outcome, at: retryAt, now: now, host: &host)
        case .transportFailure(let failure):
            guard failure.isRetryable else {
                host.politeness.recordFinish(healthy: nil)
                return .giveUp(task, .notRetryable(failure))
            }
            host.politeness.recordFinish(healthy: false)
            return retry(task, outcome: outcome, at: nil, now: now, host: &host)
        }
    }

    private mutating func retry(
        _ task: FetchTask, outcome: FetchOutcome, at fixed: CrawlInstant?, now: CrawlInstant, host: inout HostQueue
    ) -> FetchDisposition {
        guard task.attempt < policy.maxRetriesPerURL else {
            return .giveUp(task, .retriesExhausted(attempts: task.attempt + 1, last: outcome))
        }
        if let total = policy.maxRetriesTotal, retriesUsed >= total {
            return .giveUp(task, .retryBudgetExhausted(last: outcome))
        }
        retriesUsed += 1
        var next = task
        next.attempt += 1
        let at = fixed ?? now.adding(policy.backoff.seconds(afterFailures: next.attempt, unit: random.nextUnit()))
        host.retries.append((next, at))
        return .retry(next, at: at)
    }

    private mutating func modifyHost(_ key: String, _ body: (inout HostQueue) -> Void) {
        if hosts[key] == nil {
            hosts[key] = HostQueue(politeness: HostPoliteness(host: key, policy: policy))
            hostOrder.append(key)
        }
        body(&hosts[key]!)
    }
}

/// One host's politeness state and its queued tasks: fresh ones in order, retries by due time.
private struct HostQueue: Sendable {
    var politeness: HostPoliteness
    var fresh = FIFO<FetchTask>()
    var retries: [(task: FetchTask, at: CrawlInstant)] = []

    var queuedCount: Int { fresh.count + retries.count }

    /// When the earliest queued task may go: fresh tasks at once, retries at their time.
    func earliestTaskReady(now: CrawlInstant) -> CrawlInstant? {
        if !fresh.isEmpty { return now }
        return retries.map(\.at).min()
    }

    /// A due retry first (oldest due), otherwise the next fresh task.
    mutating func popReady(now: CrawlInstant) -> FetchTask? {
        if let index = retries.indices.filter({ retries[$0].at <= now }).min(by: { retries[$0].at < retries[$1].at }) {
            return retries.remove(at: index).task
        }
        return fresh.popFirst()
    }
}
