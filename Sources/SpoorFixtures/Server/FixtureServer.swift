import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// Serves `FixtureSite`s over HTTP/1.1 on loopback, each site on its own address
/// (`127.0.0.1`, `127.0.0.2`, ...; Linux routes all of 127/8 to `lo`), and logs every request.
///
/// ```swift
/// try await FixtureServer.withRunning(sites: [HostileSite()]) { server in
///     let base = server.baseURL(for: "hostile")!   // "http://127.0.0.1:40123"
/// }
/// ```
///
/// One `MultiThreadedEventLoopGroup` serves every site. `spoor demo` uses `start` and `stop`.
public final class FixtureServer: Sendable {
    /// Where one site listens.
    public struct Endpoint: Sendable, Hashable {
        /// The site's name.
        public var site: String
        /// The loopback address (`127.0.0.3`).
        public var host: String
        /// The port.
        public var port: Int
        /// `http://host:port`, without a trailing slash.
        public var baseURL: String { "http://\(host):\(port)" }
    }

    /// The sites' endpoints, in the order the sites were given.
    public let endpoints: [Endpoint]
    /// Every request received.
    public let log: RequestLog
    private let group: MultiThreadedEventLoopGroup
    private let channels: [any Channel]
    private let stopped = NIOLockedValueBox(false)

    private init(endpoints: [Endpoint], log: RequestLog, group: MultiThreadedEventLoopGroup, channels: [any Channel]) {
        self.endpoints = endpoints
        self.log = log
        self.group = group
        self.channels = channels
    }

    /// Starts serving: site `i` on `127.0.0.(firstHost + i)`. With `port` 0 each site gets an
    /// ephemeral port, unless `sharePort` is set, when all take the first site's. A nonzero
    /// `port` is used for every site.
    public static func start(
        sites: [any FixtureSite],
        port: Int = 0,
        sharePort: Bool = false,
        firstHost: Int = 1,
        threads: Int = 1
    ) async throws -> FixtureServer {
        guard firstHost >= 1, firstHost + sites.count - 1 <= 254 else {
            throw FixtureServerError("sites must fit in 127.0.0.1...127.0.0.254")
        }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, threads))
        let log = RequestLog()
        var endpoints: [Endpoint] = []
        var channels: [any Channel] = []
        var nextPort = port
        do {
            for (index, site) in sites.enumerated() {
                let host = "127.0.0.\(firstHost + index)"
                let channel = try await bind(site: site, host: host, port: nextPort, log: log, group: group)
                let actual = channel.localAddress?.port ?? nextPort
                if sharePort && index == 0 { nextPort = actual }
                endpoints.append(Endpoint(site: site.name, host: host, port: actual))
                channels.append(channel)
            }
        } catch {
            for channel in channels { try? await channel.close() }
            try? await group.shutdownGracefully()
            throw error
        }
        return FixtureServer(endpoints: endpoints, log: log, group: group, channels: channels)
    }

    /// Runs `body` with a started server and stops the server afterwards, whether `body`
    /// returns or throws.
    public static func withRunning<T: Sendable>(
        sites: [any FixtureSite],
        port: Int = 0,
        sharePort: Bool = false,
        firstHost: Int = 1,
        _ body: (FixtureServer) async throws -> T
    ) async throws -> T {
        let server = try await start(sites: sites, port: port, sharePort: sharePort, firstHost: firstHost)
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// Stops listening, closes every connection and the event loop threads. Idempotent.
    public func stop() async throws {
        let first = stopped.withLockedValue { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        for channel in channels { try? await channel.close() }
        try await group.shutdownGracefully()
    }

    /// Returns once every site has stopped listening (after `stop()`, from another task or a
    /// signal handler): what `spoor demo` awaits while it serves until Ctrl-C.
    public func waitUntilClosed() async {
        for channel in channels { try? await channel.closeFuture.get() }
    }

    /// The endpoint of a site, by name.
    public func endpoint(for site: String) -> Endpoint? {
        endpoints.first { $0.site == site }
    }

    /// The base URL of a site (`http://127.0.0.3:40123`), by name.
    public func baseURL(for site: String) -> String? {
        endpoint(for: site)?.baseURL
    }

    private static func bind(
        site: any FixtureSite, host: String, port: Int, log: RequestLog, group: MultiThreadedEventLoopGroup
    ) async throws -> any Channel {
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    let port = channel.localAddress?.port ?? port
                    try channel.pipeline.syncOperations.addHandler(
                        FixtureHandler(site: site, host: host, port: port, log: log))
                }
            }
        return try await bootstrap.bind(host: host, port: port).get()
    }
}

/// The fixture server could not start.
public struct FixtureServerError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public var description: String
    /// Creates an error.
    public init(_ description: String) { self.description = description }
}
