import Foundation
import GRDB
import SpoorStore
@testable import SpoorStoreSQLite
import Testing

/// What only the SQLite backend has: its file, its pragmas, its schema, and a file that someone
/// edits behind the store's back.
@Suite("SQLiteStore")
struct SQLiteStoreTests {
    static func path(in dir: URL) -> String { dir.appendingPathComponent("spoor.sqlite").path }

    /// A raw connection to the file, as an attacker with the file would open it: no store, foreign
    /// keys off, the append-only triggers dropped.
    static func raw(_ path: String, _ edit: (Database) throws -> Void) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = false
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete")
            try edit(db)
        }
        try queue.close()
    }

    /// A store with 8 audit entries: 4 appended events, then 4 review actions.
    static func filledStore(_ path: String) async throws -> [AuditEntry] {
        try await SQLiteStore.withStore(path: path) { store in
            _ = try await store.appendAudit((1...4).map {
                AuditEvent(actor: "spoor", action: "queue.reclassify", subject: "rules-v\($0)", at: T.at(Double($0)))
            })
            let ids = try await Make.queue(store, 2)
            _ = try await store.review([
                ReviewRequest(itemID: ids[0], command: .claim, actor: "ana", at: T.at(10)),
                ReviewRequest(itemID: ids[0], command: .confirm, actor: "ana", at: T.at(11)),
                ReviewRequest(itemID: ids[1], command: .dismiss(.duplicate), actor: "ben", at: T.at(12)),
                ReviewRequest(itemID: ids[0], command: .report, actor: "ana", at: T.at(13)),
            ])
            let entries = try await store.auditEntries(from: 1, limit: 100)
            #expect(entries.count == 8)
            #expect(try await store.verifyAudit(pinnedHead: entries.last?.head).isValid)
            return entries
        }
    }

    static func verify(_ path: String, pinned: AuditHead? = nil) async throws -> AuditVerification {
        try await SQLiteStore.withStore(path: path) { try await $0.verifyAudit(pinnedHead: pinned) }
    }

    @Test("the writer is in WAL mode with synchronous=FULL (not GRDB's WAL default, NORMAL) and foreign keys on; the schema is migrated once")
    func pragmasAndMigrations() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            try await SQLiteStore.withStore(path: path) { store in
                let (journal, synchronous, foreignKeys) = try await store.pool.write { db in
                    (
                        try String.fetchOne(db, sql: "PRAGMA journal_mode")!,
                        try Int.fetchOne(db, sql: "PRAGMA synchronous")!,
                        try Int.fetchOne(db, sql: "PRAGMA foreign_keys")!
                    )
                }
                #expect(journal == "wal")
                #expect(synchronous == 2)  // FULL
                #expect(foreignKeys == 1)
                let tables = try await store.pool.read { db in
                    try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
                }
                #expect(tables == [
                    "audit_log", "contacts", "fetches", "frontier", "images", "listing_versions", "listings",
                    "queue_items", "review_actions", "robots", "scans", "sightings", "verdicts",
                ])
                let applied = try await store.pool.read { db in try Schema.migrator.appliedMigrations(db) }
                #expect(applied.count == 2)
            }
            // Reopening migrates nothing and keeps the data.
            try await SQLiteStore.withStore(path: path) { store in
                _ = try await store.beginScan(NewScan(label: "again", startedAt: T.base))
            }
            try await SQLiteStore.withStore(path: path) { (store: SQLiteStore) async throws -> Void in
                #expect(try await store.latestRunningScan(label: "again") != nil)
            }
        }
    }

    @Test("a file made by the first migration is migrated on open and keeps its data")
    func migratesAnOlderFile() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: Schema.v1ID)
            #expect(try await queue.read { db in try Schema.migrator.appliedMigrations(db) } == [Schema.v1ID])
            try await queue.write { db in
                try db.execute(sql: """
                    INSERT INTO listings (identity_key, site, canonical_url, url, title, content_hash, version, first_seen, last_seen)
                    VALUES ('url:https://old.example/1', 'old', 'https://old.example/1', 'https://old.example/1', 'old', 'h', 1, 0, 0)
                    """)
            }
            try queue.close()
            try await SQLiteStore.withStore(path: path) { (store: SQLiteStore) async throws -> Void in
                let old = try #require(try await store.listing(ListingKey(site: "old", listingID: nil, canonicalURL: "https://old.example/1")))
                #expect(old.seller == nil && old.title == "old")
                #expect(try await store.addContacts([ListingContact(listingID: old.id, kind: .email, value: "a@b.example", seenAt: T.base)]) == 1)
                let applied = try await store.pool.read { db in try Schema.migrator.appliedMigrations(db) }
                #expect(applied.count == 2)
            }
        }
    }

    @Test("a foreign key that points nowhere is refused and mapped to a database error naming the file")
    func foreignKeysAndErrorMapping() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            try await SQLiteStore.withStore(path: path) { store in
                let error = await expectStoreError(.database) {
                    _ = try await store.admit([FrontierURL(url: "https://a.example/", host: "a.example")], scan: 12345)
                }
                #expect(error?.subject == path)
                #expect(error?.cause?.contains("FOREIGN KEY") == true)
                #expect(error?.message.contains("admit 1 URLs to scan 12345") == true)
            }
        }
    }

    @Test("a file that is not a database is a corrupt error; a closed store is a closed error")
    func corruptAndClosed() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            try Data(repeating: 0x5a, count: 8192).write(to: URL(fileURLWithPath: path))
            let error = await expectStoreError(.corrupt) { _ = try await SQLiteStore.open(path: path) }
            #expect(error?.subject == path)

            let good = dir.appendingPathComponent("good.sqlite").path
            let store = try await SQLiteStore.open(path: good)
            try await store.close()
            try await store.close()  // twice is harmless
            await expectStoreError(.closed) { _ = try await store.auditHead() }
            await expectStoreError(.closed) { _ = try await store.beginScan(NewScan(label: "x", startedAt: T.base)) }
        }
    }

    @Test("what was acknowledged is in the file: another process reads it while the store is open, and a reopened store finds it")
    func durability() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            let store = try await SQLiteStore.open(path: path)
            let scan = try await store.beginScan(NewScan(label: "durable", startedAt: T.base)).id
            _ = try await store.admit((0..<500).map { FrontierURL(url: "https://a.example/\($0)", host: "a.example") }, scan: scan)
            let ids = try await Make.queue(store, 50)
            _ = try await store.review([ReviewRequest(itemID: ids[0], command: .confirm, actor: "ana", at: T.at(1))])
            let head = try await store.auditHead()

            // Another process, while the store is still open: every acknowledged write is there.
            let sqlite3 = "/usr/bin/sqlite3"
            if FileManager.default.isExecutableFile(atPath: sqlite3) {
                let out = try Self.run(sqlite3, [
                    path, "SELECT COUNT(*) FROM frontier; SELECT COUNT(*) FROM queue_items; SELECT state FROM queue_items WHERE id = \(ids[0]); SELECT hash FROM audit_log ORDER BY sequence DESC LIMIT 1;",
                ])
                #expect(out.split(separator: "\n") == ["500", "50", "confirmed", Substring(head!.hash)])
            }
            try await store.close()

            try await SQLiteStore.withStore(path: path) { (store: SQLiteStore) async throws -> Void in
                #expect(try await store.frontierCounts(scan: scan) == FrontierCounts(queued: 500))
                #expect(try await store.queueItems(QueueFilter(), after: nil, limit: 1000).count == 50)
                #expect(try await store.queueItem(ids[0])?.state == .confirmed)
                #expect(try await store.auditHead() == head)
                #expect(try await store.verifyAudit(pinnedHead: head).isValid)
            }
        }
    }

    @Test("two stores on one file (as two processes would be) never claim the same URL or queue item")
    func twoConnectionsOnOneFile() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            let a = try await SQLiteStore.open(path: path)
            let b = try await SQLiteStore.open(path: path)
            let scan = try await a.beginScan(NewScan(label: "shared", startedAt: T.base)).id
            _ = try await a.admit((0..<200).map { FrontierURL(url: "https://h.example/\($0)", host: "h.example") }, scan: scan)
            let items = try await Make.queue(a, 30)
            let (urls, claimed) = try await withThrowingTaskGroup(of: ([String], [Int64]).self) { group in
                for (n, store) in [a, b, a, b].enumerated() {
                    group.addTask {
                        var urls: [String] = []
                        var mine: [Int64] = []
                        while true {
                            let got = try await store.claim(
                                scan: scan, limit: 5, notBefore: T.at(0), excludingHosts: [], owner: "w\(n)",
                                leaseFor: .seconds(600), now: T.at(0))
                            if got.isEmpty { break }
                            urls += got.map(\.url)
                            try await store.complete(got.map(\.token), at: T.at(1))
                        }
                        while let item = try await store.claimNextQueueItem(
                            QueueFilter(), reviewer: "r\(n)", leaseFor: .seconds(600), now: T.at(2))
                        {
                            mine.append(item.id)
                        }
                        return (urls, mine)
                    }
                }
                var urls: [String] = []
                var mine: [Int64] = []
                for try await part in group {
                    urls += part.0
                    mine += part.1
                }
                return (urls, mine)
            }
            #expect(urls.count == 200 && Set(urls).count == 200)
            #expect(claimed.count == 30 && Set(claimed) == Set(items))
            #expect(try await b.verifyAudit(pinnedHead: nil).verified == 30)
            try await a.close()
            try await b.close()
        }
    }

    // MARK: Tampering with the file

    @Test("the audit log refuses UPDATE and DELETE through SQL while its triggers stand")
    func appendOnlyTriggers() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            _ = try await Self.filledStore(path)
            let queue = try DatabaseQueue(path: path)
            #expect(throws: DatabaseError.self) {
                try queue.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'mallory' WHERE sequence = 2") }
            }
            #expect(throws: DatabaseError.self) {
                try queue.write { try $0.execute(sql: "DELETE FROM audit_log WHERE sequence = 8") }
            }
            try queue.close()
            #expect(try await Self.verify(path).isValid)
        }
    }

    @Test("an entry edited in the file is found at its sequence")
    func editedInFile() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            _ = try await Self.filledStore(path)
            try Self.raw(path) { db in
                try db.execute(sql: "UPDATE audit_log SET details_json = replace(details_json, 'duplicate', 'innocent_use') WHERE sequence = 7")
                #expect(db.changesCount == 1)
            }
            let result = try await Self.verify(path)
            #expect(result.problem == .hashMismatch)
            #expect(result.firstBadSequence == 7)
            #expect(result.verified == 6)
        }
    }

    @Test("an entry deleted from the file is found at its sequence")
    func deletedInFile() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            _ = try await Self.filledStore(path)
            try Self.raw(path) { db in try db.execute(sql: "DELETE FROM audit_log WHERE sequence = 3") }
            let result = try await Self.verify(path)
            #expect(result.problem == .sequenceGap)
            #expect(result.firstBadSequence == 3)
        }
    }

    @Test("an entry inserted into the file, well forged and with the rest renumbered, breaks the chain right after it")
    func insertedInFile() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            let entries = try await Self.filledStore(path)
            let forged = AuditChain.entry(
                after: entries[3].head,
                event: AuditEvent(actor: "mallory", action: "review.dismiss", subject: "queue-item:1", at: T.at(9)))
            try Self.raw(path) { db in
                try db.execute(sql: "UPDATE audit_log SET sequence = -sequence WHERE sequence >= 5")
                try db.execute(sql: "UPDATE audit_log SET sequence = 1 - sequence WHERE sequence < 0")
                try db.execute(
                    sql: "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [forged.sequence, forged.atMillis, forged.actor, forged.action, forged.subject,
                                forged.detailsJSON, forged.previousHash, forged.hash])
            }
            let result = try await Self.verify(path)
            #expect(result.verified == 5)
            #expect(result.firstBadSequence == 6)
            #expect(result.problem == .brokenLink)
            // An insertion at the end, with a hash made up: found at once.
            try Self.raw(path) { db in
                try db.execute(
                    sql: "INSERT INTO audit_log VALUES (100, 0, 'mallory', 'x', 'y', '{}', ?, ?)",
                    arguments: [String(repeating: "0", count: 64), String(repeating: "f", count: 64)])
            }
            #expect(try await Self.verify(path).firstBadSequence == 6)
        }
    }

    @Test("entries reordered in the file (sequences swapped) are found at the first of them")
    func reorderedInFile() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            _ = try await Self.filledStore(path)
            try Self.raw(path) { db in
                try db.execute(sql: "UPDATE audit_log SET sequence = -1 WHERE sequence = 5")
                try db.execute(sql: "UPDATE audit_log SET sequence = 5 WHERE sequence = 6")
                try db.execute(sql: "UPDATE audit_log SET sequence = 6 WHERE sequence = -1")
            }
            let result = try await Self.verify(path)
            #expect(!result.isValid)
            #expect(result.firstBadSequence == 5)
        }
    }

    @Test("a tail cut from the file verifies alone but not against the pinned head")
    func truncatedInFile() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            let entries = try await Self.filledStore(path)
            let pinned = entries.last!.head
            try Self.raw(path) { db in try db.execute(sql: "DELETE FROM audit_log WHERE sequence >= 7") }
            #expect(try await Self.verify(path).isValid)
            let result = try await Self.verify(path, pinned: pinned)
            #expect(result.problem == .truncated)
            #expect(result.firstBadSequence == 7)
            #expect(result.verified == 6)
        }
    }

    @Test("a log rewritten in the file with every hash recomputed is caught by the pinned head")
    func rewrittenInFile() async throws {
        try await TempDirectory.with { dir in
            let path = Self.path(in: dir)
            let entries = try await Self.filledStore(path)
            var forged = entries
            forged[6].detailsJSON = forged[6].detailsJSON.replacingOccurrences(of: "duplicate", with: "innocent_use")
            for i in forged.indices {
                forged[i].previousHash = i == 0 ? AuditChain.genesisHash : forged[i - 1].hash
                forged[i].hash = AuditChain.expectedHash(of: forged[i])
            }
            try Self.raw(path) { db in
                for e in forged[6...] {
                    try db.execute(
                        sql: "UPDATE audit_log SET details_json = ?, previous_hash = ?, hash = ? WHERE sequence = ?",
                        arguments: [e.detailsJSON, e.previousHash, e.hash, e.sequence])
                }
            }
            #expect(try await Self.verify(path).isValid)
            let result = try await Self.verify(path, pinned: entries.last!.head)
            #expect(result.problem == .headMismatch)
            #expect(result.firstBadSequence == 8)
        }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
