/// How a `Fetcher` behaves: who it says it is, what it may reach, and its default limits.
public struct FetcherConfiguration: Sendable, Hashable {
    /// The `User-Agent` sent with every request.
    public var userAgent: String
    /// Default limits, used when a request carries none.
    public var limits: FetchLimits
    /// URL hosts the SSRF guard lets through whatever they resolve to (`--allow-host`).
    public var allowHosts: Set<String>
    /// Offer HTTP/2 over TLS (`CURL_HTTP_VERSION_2TLS`); plain http stays HTTP/1.1.
    public var http2: Bool
    /// Verify TLS certificates and host names. Only tests against self-signed servers turn it off.
    public var verifyTLS: Bool
    /// A PEM file of certificate authorities to trust instead of the system's (`CURLOPT_CAINFO`).
    public var caBundle: String?
    /// The most connections open to one host at a time (0: no limit).
    public var maxConnectionsPerHost: Int
    /// The most connections open at all (0: no limit).
    public var maxTotalConnections: Int
    /// The most response-body bytes (after decompression) all transfers may hold at once,
    /// with the results that hold their bodies (``FetchRequest/holdsBody``); 0: no limit.
    /// A transfer that would go past it is paused until bytes are released, oldest first;
    /// when nothing else can free bytes, one transfer goes on past it, so that a body larger
    /// than the budget still arrives. The default is 16 MiB. A paused transfer's total timeout
    /// keeps running (libcurl skips its low-speed check).
    public var maxBufferedBodyBytes: Int

    /// Creates a configuration.
    public init(
        userAgent: String = "SpoorBot/0.1 (+https://github.com/spoor-wildlife/spoor)",
        limits: FetchLimits = .standard,
        allowHosts: Set<String> = [],
        http2: Bool = true,
        verifyTLS: Bool = true,
        caBundle: String? = nil,
        maxConnectionsPerHost: Int = 0,
        maxTotalConnections: Int = 0,
        maxBufferedBodyBytes: Int = 16 << 20
    ) {
        self.userAgent = userAgent
        self.limits = limits
        self.allowHosts = allowHosts
        self.http2 = http2
        self.verifyTLS = verifyTLS
        self.caBundle = caBundle
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.maxTotalConnections = maxTotalConnections
        self.maxBufferedBodyBytes = maxBufferedBodyBytes
    }
}
