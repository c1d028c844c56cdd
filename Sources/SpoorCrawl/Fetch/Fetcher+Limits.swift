/// How much one fetch may take: bytes, time and redirects. Every limit is enforced by libcurl
/// or by the fetcher's callbacks, and a fetch cut by one reports `.limitExceeded` with what it
/// received so far; a redirect chain past ``maxRedirects`` reports `.tooManyRedirects` (and one
/// that comes back to a URL already in it, `.redirectLoop`, as soon as it does).
public struct FetchLimits: Sendable, Hashable {
    /// The most body bytes kept, counted after decompression (so a gzip bomb stops here).
    public var maxBodyBytes: Int
    /// The most response header bytes accepted, over all responses of a redirect chain.
    public var maxHeaderBytes: Int
    /// How long connecting (TCP and TLS) may take.
    public var connectTimeout: Duration
    /// How long the whole transfer may take, redirects included.
    public var totalTimeout: Duration
    /// The slowest acceptable transfer rate, in bytes per second...
    public var lowSpeedBytesPerSecond: Int
    /// ...sustained for this long (whole seconds; libcurl's resolution) before the transfer is cut.
    public var lowSpeedTime: Duration
    /// The most redirects followed; one more is refused (`.tooManyRedirects`).
    public var maxRedirects: Int

    /// Creates limits; the defaults are 10 MiB body, 256 KiB headers, 10 s connect, 60 s total,
    /// under 1 KiB/s for 15 s aborts, 10 redirects.
    public init(
        maxBodyBytes: Int = 10 << 20,
        maxHeaderBytes: Int = 256 << 10,
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(60),
        lowSpeedBytesPerSecond: Int = 1024,
        lowSpeedTime: Duration = .seconds(15),
        maxRedirects: Int = 10
    ) {
        self.maxBodyBytes = maxBodyBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedTime = lowSpeedTime
        self.maxRedirects = maxRedirects
    }

    /// The defaults.
    public static let standard = FetchLimits()
}

extension Duration {
    /// The duration in whole milliseconds, at least 1 for any positive duration.
    var spoorMilliseconds: Int {
        let (seconds, attoseconds) = components
        let ms = Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000)
        return ms == 0 && attoseconds > 0 ? 1 : ms
    }
}
