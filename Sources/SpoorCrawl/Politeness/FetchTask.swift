/// One fetch the scheduler hands out: a URL on a host, and which attempt this is.
public struct FetchTask: Sendable, Hashable, CustomStringConvertible {
    /// The (canonical) URL to fetch.
    public var url: String
    /// The host key politeness is kept per (see ``CanonicalURL/hostKey``).
    public var host: String
    /// 0 for the first attempt, 1 for the first retry, and so on.
    public var attempt: Int
    /// Link depth from the seeds, carried through for the caller.
    public var depth: Int

    /// Creates a first attempt.
    public init(url: String, host: String, attempt: Int = 0, depth: Int = 0) {
        self.url = url
        self.host = host
        self.attempt = attempt
        self.depth = depth
    }

    /// `url (attempt n)`, for logs.
    public var description: String { attempt == 0 ? url : "\(url) (attempt \(attempt + 1))" }
}

/// How a fetch ended, as the fetcher reports it to the scheduler.
public enum FetchOutcome: Sendable, Hashable {
    /// The server answered: its status, how long the exchange took in seconds, and its
    /// `Retry-After` header if it sent one.
    case response(status: Int, duration: Double, retryAfter: String? = nil)
    /// No usable answer arrived.
    case transportFailure(TransportFailure)

    /// A response, taking `Retry-After` from `headers` (names compared case-insensitively).
    public static func response(status: Int, duration: Double, headers: [(String, String)]) -> FetchOutcome {
        let retryAfter = headers.first { $0.0.lowercased() == "retry-after" }?.1
        return .response(status: status, duration: duration, retryAfter: retryAfter)
    }
}

/// Why no usable answer arrived.
public enum TransportFailure: String, Sendable, Hashable {
    /// The request timed out: retryable.
    case timeout
    /// The connection was reset or closed mid-transfer: retryable.
    case connectionReset = "connection-reset"
    /// The connection was refused: retryable (servers restart).
    case connectionRefused = "connection-refused"
    /// The name does not resolve: not retried.
    case dns
    /// TLS failed (certificate, handshake): not retried.
    case tls
    /// A limit or the SSRF guard stopped the transfer, or a redirect looped or ran past the
    /// limit: not retried, and the host is not slowed down.
    case refusedByPolicy = "refused-by-policy"
    /// What came back is not HTTP (no status line, a garbled status line or header): not retried.
    case badResponse = "bad-response"
    /// Anything else the transport reports: not retried.
    case other

    /// Whether trying again later may help.
    public var isRetryable: Bool {
        switch self {
        case .timeout, .connectionReset, .connectionRefused: return true
        case .dns, .tls, .refusedByPolicy, .badResponse, .other: return false
        }
    }
}

extension FetchOutcome {
    /// Whether HTTP status `status` is worth retrying: 408, 429 and 5xx (except 501 and 505, which
    /// will not change), never 404, 410 or other 4xx.
    public static func isRetryable(status: Int) -> Bool {
        switch status {
        case 408, 429: return true
        case 501, 505: return false
        case 500...599: return true
        default: return false
        }
    }
}
