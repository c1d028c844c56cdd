import Foundation
import Testing
import SpoorCrawl

/// The openssl command, when installed (the TLS tests need it for their server).
let opensslPath: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// TLS against a real TLS server (`openssl s_server`) on 127.0.0.1 with a certificate from a CA
/// made for the test: the fetcher refuses it with the system's trust store, accepts it when told
/// to trust that CA, and checks the host name.
@Suite(.serialized, .enabled(if: opensslPath != nil, "needs the openssl command"))
struct FetchTLSTests {

    /// A CA, a certificate for 127.0.0.1 signed by it, and an `openssl s_server -www` using it.
    final class Server {
        let directory: URL
        let port: Int
        let process = Process()

        init() throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("spoor-tls-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let ext = directory.appendingPathComponent("san.ext")
            try "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n".write(to: ext, atomically: true, encoding: .utf8)
            try Self.run(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
                          "-days", "2", "-subj", "/CN=Spoor Test CA"], in: directory)
            try Self.run(["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
                          "-subj", "/CN=127.0.0.1"], in: directory)
            try Self.run(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
                          "-out", "server.pem", "-days", "2", "-extfile", "san.ext"], in: directory)
            port = try Self.freePort()
            process.executableURL = URL(fileURLWithPath: opensslPath!)
            process.arguments = ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", "server.pem", "-key", "server.key", "-www", "-quiet"]
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // Wait until it accepts connections.
            for _ in 0..<100 where !Self.accepts(port) { Thread.sleep(forTimeInterval: 0.05) }
        }

        deinit {
            // SIGKILL: a child may inherit a mask that blocks SIGTERM.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: directory)
        }

        var caFile: String { directory.appendingPathComponent("ca.pem").path }

        static func run(_ arguments: [String], in directory: URL) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: opensslPath!)
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CrawlError(.configuration, subject: "openssl", "openssl \(arguments[0]) failed") }
        }

        static func freePort() throws -> Int {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
            }
            guard bound else { throw CrawlError(.configuration, subject: "port", "no free port") }
            return Int(UInt16(bigEndian: address.sin_port))
        }

        static func accepts(_ port: Int) -> Bool {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            return withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
        }
    }

    @Test func anUnknownCertificateAuthorityIsRefused() async throws {
        let server = try Server()
        let fetcher = try Fetcher(configuration: FetcherConfiguration(userAgent: "SpoorTest/1.0", limits: quickLimits, allowHosts: ["127.0.0.1"]))
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch("https://127.0.0.1:\(server.port)/")
        #expect(result.status == 0)
        #expect(result.transportFailure == .tls, "\(String(describing: result.error))")
        withExtendedLifetime(server) {}
    }

    @Test func theTrustedAuthorityIsAcceptedAndTheHostNameChecked() async throws {
        let server = try Server()
        let fetcher = try Fetcher(configuration: FetcherConfiguration(
            userAgent: "SpoorTest/1.0", limits: quickLimits, allowHosts: ["127.0.0.1", "localhost"], caBundle: server.caFile))
        defer { fetcher.shutdown() }
        let result = await fetcher.fetch("https://127.0.0.1:\(server.port)/")
        #expect(result.error == nil, "\(String(describing: result.error))")
        #expect(result.status == 200)
        #expect(result.text?.contains("s_server") == true)
        // The certificate names 127.0.0.1 only: "localhost" reaches the same server but not the name.
        let wrongName = await fetcher.fetch("https://localhost:\(server.port)/")
        #expect(wrongName.status == 0)
        #expect(wrongName.transportFailure == .tls, "\(String(describing: wrongName.error))")
        withExtendedLifetime(server) {}
    }
}
