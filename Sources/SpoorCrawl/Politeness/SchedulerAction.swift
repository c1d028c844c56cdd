/// What the crawler loop should do next, as ``PolitenessScheduler/nextAction(now:)`` decides.
public enum SchedulerAction: Sendable, Hashable {
    /// Start fetching this task now (the scheduler has counted it as in flight).
    case start(FetchTask)
    /// Drop this queued task; it will not be fetched.
    case giveUp(FetchTask, GiveUpReason)
    /// Nothing may start before this instant; wait until then or until a fetch finishes.
    case wait(until: CrawlInstant)
    /// Fetches are in flight and nothing else may start: wait for one to finish (it may free a
    /// slot, queue a retry or bring outlinks).
    case awaitCompletions
    /// Nothing is queued and nothing is in flight.
    case idle
}

/// What to make of a finished fetch, as ``PolitenessScheduler/finished(_:outcome:now:)`` decides.
public enum FetchDisposition: Sendable, Hashable {
    /// The fetch is over: use its response (this includes 404, 410 and other final statuses).
    case done
    /// The scheduler queued this retry; it will be handed out again no earlier than `at`.
    case retry(FetchTask, at: CrawlInstant)
    /// The fetch failed for good.
    case giveUp(FetchTask, GiveUpReason)
}

/// Why a fetch was given up.
public enum GiveUpReason: Sendable, Hashable, CustomStringConvertible {
    /// The URL used all its retries; the last failure is given.
    case retriesExhausted(attempts: Int, last: FetchOutcome)
    /// The crawl's overall retry budget is spent; the failure that could not be retried is given.
    case retryBudgetExhausted(last: FetchOutcome)
    /// The failure will not change on retry (DNS, TLS, refused by policy).
    case notRetryable(TransportFailure)
    /// The host's page budget is spent.
    case hostPageBudgetExhausted

    /// The reason in words.
    public var description: String {
        switch self {
        case .retriesExhausted(let attempts, let last): return "gave up after \(attempts) attempts (\(last.summary))"
        case .retryBudgetExhausted(let last): return "the crawl's retry budget is spent (\(last.summary))"
        case .notRetryable(let failure): return "\(failure.rawValue) failure, not retried"
        case .hostPageBudgetExhausted: return "the host's page budget is spent"
        }
    }

    /// The reason as a ``CrawlError`` about `url`.
    public func error(url: String) -> CrawlError {
        switch self {
        case .retriesExhausted(_, let last), .retryBudgetExhausted(let last):
            if case .response = last { return CrawlError(.httpStatus, subject: url, description) }
            return CrawlError(.transport, subject: url, description)
        case .notRetryable:
            return CrawlError(.transport, subject: url, description)
        case .hostPageBudgetExhausted:
            return CrawlError(.limitExceeded, subject: url, description)
        }
    }
}

extension FetchOutcome {
    /// `HTTP 503` or `timeout`, for messages.
    var summary: String {
        switch self {
        case .response(let status, _, _): return "HTTP \(status)"
        case .transportFailure(let failure): return failure.rawValue
        }
    }
}
