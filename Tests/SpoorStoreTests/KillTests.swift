import Foundation
import SpoorStore
import GRDB
@testable import SpoorStoreSQLite
import Testing

/// SIGKILL a writer at random moments, again and again, on one SQLite file: everything it
/// acknowledged is there, whole, once.
@Suite("SQLiteStore under kill -9")
struct KillTests {
    static func probe() throws -> URL {
        var candidates = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            candidates.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for directory in candidates {
            let url = directory.appendingPathComponent("spoor-store-probe")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        throw StoreError(.notFound, subject: "spoor-store-probe", "not found beside the tests (\(candidates.map(\.path)))")
    }

    /// The probe's acknowledgements, read on a thread of their own.
    final class Acks: @unchecked Sendable {
        private let lock = NSLock()
        private var buffer = ""
        private var numbers: [Int] = []
        private var ended = false

        func read(_ handle: FileHandle) {
            Thread.detachNewThread {
                while true {
                    let data = handle.availableData
                    self.lock.lock()
                    if data.isEmpty {
                        self.ended = true
                        self.lock.unlock()
                        return
                    }
                    self.buffer += String(decoding: data, as: UTF8.self)
                    while let newline = self.buffer.firstIndex(of: "\n") {
                        let line = self.buffer[..<newline]
                        if line.hasPrefix("ack "), let n = Int(line.dropFirst(4)) { self.numbers.append(n) }
                        self.buffer = String(self.buffer[self.buffer.index(after: newline)...])
                    }
                    self.lock.unlock()
                }
            }
        }

        var snapshot: (numbers: [Int], ended: Bool) {
            lock.lock()
            defer { lock.unlock() }
            return (numbers, ended)
        }
    }

    @Test("a writer killed at random points many times loses nothing it acknowledged and doubles nothing")
    func randomKills() async throws {
        let probe = try Self.probe()
        try await TempDirectory.with { dir in
            let path = dir.appendingPathComponent("killed.sqlite").path
            var acknowledged = Set<Int>()
            var next = 0
            var kills = 0
            // The kill points: after this many acknowledgements, plus whatever the child does before
            // the signal lands (a random point inside a unit or a transaction).
            for ackTarget in [1, 7, 3, 12, 2, 9, 5, 15, 1, 4] {
                let process = Process()
                process.executableURL = probe
                // Each round starts again at the first unit not acknowledged: the one cut short is redone.
                process.arguments = [path, String(next), "100000"]
                let out = Pipe()
                process.standardOutput = out
                let errors = dir.appendingPathComponent("probe-\(kills).err")
                _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
                process.standardError = try FileHandle(forWritingTo: errors)
                let acks = Acks()
                try process.run()
                acks.read(out.fileHandleForReading)
                let deadline = Date().addingTimeInterval(120)
                while acks.snapshot.numbers.count < ackTarget, !acks.snapshot.ended, Date() < deadline {
                    try await Task.sleep(for: .milliseconds(2))
                }
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                #expect(
                    process.terminationReason == .uncaughtSignal,
                    "the probe ended before it was killed: \((try? String(contentsOf: errors, encoding: .utf8)) ?? "")")
                kills += 1
                // What it printed before dying was acknowledged: the store returned.
                try await Task.sleep(for: .milliseconds(20))
                let got = acks.snapshot.numbers
                #expect(got.count >= ackTarget)
                acknowledged.formUnion(got)
                next = (got.max() ?? next - 1) + 1
            }
            #expect(kills == 10)
            #expect(acknowledged == Set(0..<next))

            try await SQLiteStore.withStore(path: path) { (store: SQLiteStore) async throws -> Void in
                for n in acknowledged.sorted() {
                    let listing = try #require(try await store.listing(
                        ListingKey(site: "probe", listingID: "\(n)", canonicalURL: "")))
                    #expect(try await store.versions(listing: listing.id).count == 1)
                    #expect(try await store.latestFetch(url: "https://probe.example/item/\(n)") != nil)
                }
                // Everything written is whole and once: one fetch per URL, one queue item per listing,
                // each confirmed once, and an audit chain with one entry per decision.
                let (listings, fetches, distinctFetched, items, confirmed, actions, audit) = try await store.pool.read { db in
                    (
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM listings")!,
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fetches")!,
                        try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT url) FROM fetches")!,
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue_items")!,
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM queue_items WHERE state = 'confirmed'")!,
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM review_actions")!,
                        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log")!
                    )
                }
                #expect(fetches == distinctFetched)
                #expect(listings >= acknowledged.count && listings <= acknowledged.count + kills)
                #expect(items <= listings && items >= acknowledged.count)
                #expect(confirmed >= acknowledged.count && confirmed <= items)
                #expect(actions == confirmed)
                #expect(audit == actions)
                let verification = try await store.verifyAudit(pinnedHead: nil)
                #expect(verification.isValid && verification.verified == audit)
            }
        }
    }
}
