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

    /// Creates a configuration.
    public init(
        userAgent: String = "SpoorBot/0.1 (+https://github.com/spoor-wildlife/spoor)",
        limits: FetchLimits = .standard,
        allowHosts: Set<String> = [],
        http2: Bool = true,
        verifyTLS: Bool = true,
        caBundle: String? = nil,
        maxConnectionsPerHost: Int = 0,
        maxTotalConnections: Int = 0
    ) {
        self.userAgent = userAgent
        self.limits = limits
        self.allowHosts = allowHosts
        self.http2 = http2
        self.verifyTLS = verifyTLS
        self.caBundle = caBundle
        self.maxConnectionsPerHost = maxConnectionsPerHost
        self.maxTotalConnections = maxTotalConnections
    }
}
