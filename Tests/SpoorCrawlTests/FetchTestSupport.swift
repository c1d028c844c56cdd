import SpoorCrawl
import SpoorFixtures

/// Limits small enough that limit tests finish in a second or two.
let quickLimits = FetchLimits(
    maxBodyBytes: 1 << 20, connectTimeout: .seconds(2), totalTimeout: .seconds(5),
    lowSpeedBytesPerSecond: 1, lowSpeedTime: .seconds(5), maxRedirects: 10)

/// The user-agent the tests' fetchers send.
let testUserAgent = "SpoorTest/1.0 (+fixture)"

/// Runs `body` with a fixture server serving `sites` (site i on 127.0.0.(i+1)) and a fetcher
/// that allows those hosts (unless `allow` is false).
func withServerAndFetcher<T: Sendable>(
    sites: [any FixtureSite] = [HostileSite()],
    allow: Bool = true,
    limits: FetchLimits = quickLimits,
    _ body: (FixtureServer, Fetcher) async throws -> T
) async throws -> T {
    try await FixtureServer.withRunning(sites: sites) { server in
        let hosts = allow ? Set(server.endpoints.map(\.host)) : []
        let fetcher = try Fetcher(configuration: FetcherConfiguration(
            userAgent: testUserAgent, limits: limits, allowHosts: hosts))
        defer { fetcher.shutdown() }
        return try await body(server, fetcher)
    }
}

/// Seconds elapsed on a continuous clock while `body` runs, with its result.
func timed<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try await body()
    let elapsed = clock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// A site that answers every path with a small page naming it, for server tests.
struct EchoSite: FixtureSite {
    let name: String
    func action(for request: FixtureRequest) -> FixtureAction {
        .respond(.html("<html><body><p>\(name) \(request.method) \(request.target)</p></body></html>"))
    }
}
