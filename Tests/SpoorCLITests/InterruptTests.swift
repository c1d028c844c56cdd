import Foundation
import SpoorFixtures
import Testing

/// Ctrl-C on the real binary (issue 12): the first SIGINT or SIGTERM stops the scan cleanly
/// with its summary and exit code 130 or 143; a second one exits at once, even while both cores
/// parse large pages (with a dispatch-source handler it took 4.3 s).
@Suite(.serialized) struct InterruptTests {
    /// The built `spoor` executable: beside the test bundle (or `SPOOR_BINARY`).
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["SPOOR_BINARY"] { return URL(fileURLWithPath: path) }
        var candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for directory in candidates {
            let url = directory.appendingPathComponent("spoor")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw CLITestError("the spoor binary was not found beside the tests (\(candidates.map(\.path)))")
    }

    /// A running `spoor scan` of pages with 30,000 links each, whose parsing keeps both cores busy.
    struct BusyScan {
        let process: Process
        let stderr: Pipe
        let server: FixtureServer

        /// Starts the scan and returns once pages are being parsed.
        static func start(firstHost: Int) async throws -> BusyScan {
            let server = try await FixtureServer.start(sites: [HostileSite()], firstHost: firstHost)
            let endpoint = server.endpoints[0]
            let process = Process()
            process.executableURL = try InterruptTests.binary()
            var arguments = ["scan", "--allow-host", endpoint.host, "--delay", "0", "--per-host", "8", "--concurrency", "8",
                             "--max-pages", "400", "--out", "/dev/null"]
            for page in 0..<100 { arguments += ["--seed", endpoint.baseURL + "/many-links?n=30000&page=\(page)"] }
            process.arguments = arguments
            let stderr = Pipe()
            process.standardError = stderr
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // Busy: a few big pages answered, so their parsing is under way.
            let deadline = Date().addingTimeInterval(60)
            while server.log.records.filter({ $0.target.hasPrefix("/many-links?") && $0.outcome == .responded }).count < 4 {
                guard Date() < deadline, process.isRunning else {
                    process.terminate()
                    throw CLITestError("the scan did not get going")
                }
                try await Task.sleep(for: .milliseconds(50))
            }
            try await Task.sleep(for: .milliseconds(500))
            return BusyScan(process: process, stderr: stderr, server: server)
        }

        /// Waits for the process to end, at most `limit` seconds; returns the seconds waited.
        func waitForExit(limit: Double) async throws -> Double {
            let started = Date()
            while process.isRunning && Date().timeIntervalSince(started) < limit {
                try await Task.sleep(for: .milliseconds(10))
            }
            return Date().timeIntervalSince(started)
        }

        func stop() async {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            try? await server.stop()
        }
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSecondSignalExitsAtOnce(signal: Int32) async throws {
        let scan = try await BusyScan.start(firstHost: signal == SIGINT ? 41 : 42)
        kill(scan.process.processIdentifier, signal)
        try await Task.sleep(for: .milliseconds(100))
        kill(scan.process.processIdentifier, signal)
        let seconds = try await scan.waitForExit(limit: 20)
        let running = scan.process.isRunning
        await scan.stop()
        #expect(!running, "still running \(seconds) s after the second signal")
        #expect(seconds < 2, "exited \(seconds) s after the second signal")
        #expect(scan.process.terminationReason == .exit)
        #expect(scan.process.terminationStatus == 128 + signal)
    }

    @Test func aSingleSignalStopsCleanlyWithTheSummary() async throws {
        let scan = try await BusyScan.start(firstHost: 43)
        kill(scan.process.processIdentifier, SIGINT)
        // Collect standard error while waiting: the pipe must not fill up.
        let log = Task.detached { scan.stderr.fileHandleForReading.readDataToEndOfFile() }
        let seconds = try await scan.waitForExit(limit: 60)
        let running = scan.process.isRunning
        await scan.stop()
        let text = String(decoding: await log.value, as: UTF8.self)
        #expect(!running, "still running \(seconds) s after the signal")
        #expect(scan.process.terminationReason == .exit)
        #expect(scan.process.terminationStatus == 130)
        let summary = text.split(separator: "\n").last { $0.contains("\"event\":\"summary\"") }
        #expect(summary?.contains("\"stopped\":true") == true, "\(text.suffix(2000))")
        // The outlink cap cut every one of these pages: said once for the host, counted in all.
        #expect(text.split(separator: "\n").filter { $0.contains("\"event\":\"limit\"") }.count == 1)
        #expect(summary?.contains("\"outlinks_dropped\":") == true)
    }
}

/// A test setup problem, in words.
struct CLITestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
