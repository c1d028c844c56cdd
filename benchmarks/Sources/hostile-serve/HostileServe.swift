import ArgumentParser
import Foundation
import SpoorFixtures

/// Serves the hostile fixture site (markup bombs, deep nesting, lying charsets...) on loopback
/// until killed, for `benchmarks/markup-bomb.sh`: prints `hostile<TAB>http://127.0.0.x:port/` and
/// then `Serving`.
@main
struct HostileServe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hostile-serve", abstract: "Serve SpoorFixtures' hostile site on 127.0.0.x until killed.")

    @Option(help: "Serve on 127.0.0.<host>.")
    var host = 60

    @Option(help: "Port (0: any free one).")
    var port = 0

    @Option(help: "Build these markup bombs (MiB, comma-separated) before serving, so the first requests do not wait.")
    var warm = "10"

    func run() async throws {
        for mb in warm.split(separator: ",").compactMap({ Int($0) }) { _ = HostileSite.markupBomb(mb: mb) }
        let server = try await FixtureServer.start(sites: [HostileSite()], port: port, firstHost: host, threads: 2)
        var lines = server.endpoints.map { "\($0.site)\t\($0.baseURL)/\n" }.joined()
        lines += "Serving\n"
        FileHandle.standardOutput.write(Data(lines.utf8))
        await server.waitUntilClosed()
    }
}
