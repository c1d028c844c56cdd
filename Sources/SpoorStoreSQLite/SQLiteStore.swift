import Foundation
import GRDB
import SpoorStore

/// The SQLite backend of ``SpoorStore/Store``: one database file through GRDB's
/// `DatabasePool`, in WAL mode with `synchronous=FULL` (a write acknowledged is on disk) and
/// foreign keys on. Each batch is one transaction; SQLite's and GRDB's errors become
/// ``SpoorStore/StoreError``s here, at the boundary.
///
/// Open it scoped, with ``withStore(path:_:)``, or with ``open(path:)`` and an ``close()``.
public final class SQLiteStore: Store, Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    private let closed = ClosedFlag()

    /// How long a write waits for another process's write before it is a `busy` error.
    public static let busyTimeout: TimeInterval = 10

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens (creating it if need be) and migrates the database at `path`.
    public static func open(path: String) async throws -> SQLiteStore {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "spoor-store"
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw mapError(error, subject: path, doing: "open the store")
        }
        do {
            // FULL: the WAL is synced at every commit, so an acknowledged write survives a power
            // cut (NORMAL, which GRDB sets when it turns WAL on, may lose the last transactions).
            // The pool has one writer connection for its whole life, so setting it once holds.
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Schema.migrator.migrate(pool)
            return SQLiteStore(path: path, pool: pool)
        } catch {
            try? pool.close()
            throw mapError(error, subject: path, doing: "open the store")
        }
    }

    /// Opens the store at `path`, runs `body` with it, and closes it, whether `body` returns or
    /// throws.
    public static func withStore<T: Sendable>(
        path: String, _ body: (SQLiteStore) async throws -> T
    ) async throws -> T {
        let store = try await open(path: path)
        let result: T
        do {
            result = try await body(store)
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        return result
    }

    /// Closes the database: waits for the writes under way, then releases the connections.
    /// Using the store afterwards is a `closed` error.
    public func close() async throws {
        guard closed.set() else { return }
        do {
            try pool.close()
        } catch {
            throw Self.mapError(error, subject: path, doing: "close the store")
        }
    }

    // MARK: Access

    /// Runs `updates` in one write transaction (IMMEDIATE), mapping errors.
    func write<T: Sendable>(_ doing: String, _ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard !closed.isSet else { throw StoreError(.closed, subject: path, "cannot \(doing): the store is closed") }
        do {
            return try await pool.write(updates)
        } catch {
            throw Self.mapError(error, subject: path, doing: doing)
        }
    }

    /// Runs `value` in a read transaction (a WAL snapshot), mapping errors.
    func read<T: Sendable>(_ doing: String, _ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        guard !closed.isSet else { throw StoreError(.closed, subject: path, "cannot \(doing): the store is closed") }
        do {
            return try await pool.read(value)
        } catch {
            throw Self.mapError(error, subject: path, doing: doing)
        }
    }

    /// The boundary: a `StoreError` passes through; SQLite's errors become `busy`, `corrupt` or
    /// `database` errors naming the file and what was being done.
    static func mapError(_ error: any Error, subject: String, doing: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let error = error as? DatabaseError {
            let code: StoreError.Code
            switch error.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: code = .busy
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: code = .corrupt
            default: code = .database
            }
            var cause = "SQLite error \(error.extendedResultCode.rawValue)"
            if let message = error.message { cause += ": \(message)" }
            return StoreError(code, subject: subject, "could not \(doing)", cause: cause)
        }
        if error is CancellationError {
            return StoreError(.database, subject: subject, "could not \(doing): the task was cancelled")
        }
        return StoreError(.database, subject: subject, "could not \(doing)", cause: String(describing: error))
    }

    // MARK: Scans

    /// Begins a scan.
    public func beginScan(_ scan: NewScan) async throws -> ScanRecord {
        try await write("begin a scan") { db in
            try db.execute(
                sql: "INSERT INTO scans (label, started_at, status, config_json) VALUES (?, ?, 'running', ?)",
                arguments: [scan.label, StoreTime.millis(scan.startedAt), scan.configJSON])
            return ScanRecord(
                id: db.lastInsertedRowID, label: scan.label, startedAt: StoreTime.stored(scan.startedAt),
                finishedAt: nil, status: .running, configJSON: scan.configJSON, summary: nil)
        }
    }

    /// Ends a running scan.
    public func finishScan(
        _ id: Int64, status: ScanRecord.Status, summary: ScanRecord.Summary, at: Date
    ) async throws -> ScanRecord {
        guard status != .running else {
            throw StoreError(.invalidArgument, subject: "scan \(id)", "a scan cannot finish as running")
        }
        let summaryJSON = try JSONText.encode(summary)
        return try await write("finish scan \(id)") { db in
            guard let scan = try Self.scan(id, db) else {
                throw StoreError(.notFound, subject: "scan \(id)", "no such scan")
            }
            guard scan.status == .running else {
                throw StoreError(.conflict, subject: "scan \(id)", "the scan already ended (\(scan.status.rawValue))")
            }
            try db.execute(
                sql: "UPDATE scans SET status = ?, finished_at = ?, summary_json = ? WHERE id = ?",
                arguments: [status.rawValue, StoreTime.millis(at), summaryJSON, id])
            return try Self.scan(id, db)!
        }
    }

    /// The scan with this id.
    public func scan(_ id: Int64) async throws -> ScanRecord? {
        try await read("read scan \(id)") { db in try Self.scan(id, db) }
    }

    /// The latest running scan with this label.
    public func latestRunningScan(label: String) async throws -> ScanRecord? {
        try await read("find the running scan '\(label)'") { db in
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM scans WHERE label = ? AND status = 'running' ORDER BY id DESC LIMIT 1",
                    arguments: [label])
            else { return nil }
            return try Self.scan(id, db)
        }
    }

    static func scan(_ id: Int64, _ db: Database) throws -> ScanRecord? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM scans WHERE id = ?", arguments: [id]) else {
            return nil
        }
        let statusText: String = row["status"]
        let summaryJSON: String? = row["summary_json"]
        return ScanRecord(
            id: row["id"], label: row["label"], startedAt: StoreTime.date(row["started_at"]),
            finishedAt: (row["finished_at"] as Int64?).map(StoreTime.date),
            status: ScanRecord.Status(rawValue: statusText) ?? .failed, configJSON: row["config_json"],
            summary: try summaryJSON.map { try JSONText.decode(ScanRecord.Summary.self, from: $0) })
    }

    // MARK: Frontier

    /// Admits URLs to a scan's frontier.
    public func admit(_ urls: [FrontierURL], scan: Int64) async throws -> AdmitResult {
        let now = StoreTime.millis(Date())
        return try await write("admit \(urls.count) URLs to scan \(scan)") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO frontier (scan_id, url, host, depth, priority, state, next_fetch_at, admitted_at)
                    VALUES (?, ?, ?, ?, ?, 'queued', ?, ?) ON CONFLICT (scan_id, url) DO NOTHING
                    """)
            var admitted = 0
            for url in urls {
                let due = url.notBefore.map(StoreTime.millis) ?? 0
                try insert.execute(arguments: [scan, url.url, url.host, url.depth, url.priority, due, now])
                admitted += db.changesCount
            }
            return AdmitResult(admitted: admitted, alreadyKnown: urls.count - admitted)
        }
    }

    /// Claims due frontier URLs under leases.
    public func claim(
        scan: Int64, limit: Int, notBefore: Date, excludingHosts: Set<String>, owner: String,
        leaseFor: Duration, now: Date
    ) async throws -> [FrontierLease] {
        guard limit > 0 else { return [] }
        guard !owner.isEmpty else {
            throw StoreError(.invalidArgument, subject: "scan \(scan)", "a lease needs an owner")
        }
        guard leaseFor > .zero else {
            throw StoreError(.invalidArgument, subject: "scan \(scan)", "a lease must last longer than zero")
        }
        let due = StoreTime.millis(notBefore)
        let nowMillis = StoreTime.millis(now)
        let expires = nowMillis + Self.millis(leaseFor)
        let hosts = Array(excludingHosts)
        return try await write("claim frontier URLs of scan \(scan)") { db in
            let hostFilter =
                hosts.isEmpty ? "" : " AND host NOT IN (\(databaseQuestionMarks(count: hosts.count)))"
            let order = " ORDER BY priority DESC, depth, id LIMIT ?"
            var arguments: StatementArguments = [scan, due]
            arguments += StatementArguments(hosts)
            arguments += [limit]
            var rows = try Row.fetchAll(
                db,
                sql: "SELECT id, priority, depth FROM frontier WHERE scan_id = ? AND state = 'queued' AND next_fetch_at <= ?"
                    + hostFilter + order,
                arguments: arguments)
            arguments = [scan, nowMillis]
            arguments += StatementArguments(hosts)
            arguments += [limit]
            rows += try Row.fetchAll(
                db,
                sql: "SELECT id, priority, depth FROM frontier WHERE scan_id = ? AND state = 'leased' AND lease_expires_at <= ?"
                    + hostFilter + order,
                arguments: arguments)
            let ids = rows.map { (id: $0["id"] as Int64, priority: $0["priority"] as Int, depth: $0["depth"] as Int) }
                .sorted { ($1.priority, $0.depth, $0.id) < ($0.priority, $1.depth, $1.id) }
                .prefix(limit).map(\.id)
            let update = try db.cachedStatement(
                sql: """
                    UPDATE frontier SET state = 'leased', lease_owner = ?, lease_expires_at = ?,
                        lease_generation = lease_generation + 1, attempts = attempts + 1
                    WHERE id = ?
                    RETURNING id, scan_id, url, host, depth, priority, attempts, lease_generation
                    """)
            var leases: [FrontierLease] = []
            for id in ids {
                guard let row = try Row.fetchOne(update, arguments: [owner, expires, id]) else { continue }
                leases.append(
                    FrontierLease(
                        token: LeaseToken(itemID: row["id"], generation: row["lease_generation"]),
                        scanID: row["scan_id"], url: row["url"], host: row["host"], depth: row["depth"],
                        priority: row["priority"], attempts: row["attempts"], owner: owner,
                        expiresAt: StoreTime.date(expires)))
            }
            return leases
        }
    }

    /// Marks leased URLs done.
    public func complete(_ tokens: [LeaseToken], at: Date) async throws {
        let now = StoreTime.millis(at)
        try await write("complete \(tokens.count) frontier leases") { db in
            let update = try db.cachedStatement(
                sql: """
                    UPDATE frontier SET state = 'done', lease_owner = NULL, lease_expires_at = NULL, finished_at = ?
                    WHERE id = ? AND state = 'leased' AND lease_generation = ?
                    """)
            for token in tokens {
                try update.execute(arguments: [now, token.itemID, token.generation])
                if db.changesCount == 0 { throw try Self.staleFrontierLease(token, db, doing: "complete") }
            }
        }
    }

    /// Gives leased URLs back.
    public func release(_ tokens: [LeaseToken], notBefore: Date?, at: Date) async throws {
        let due = StoreTime.millis(notBefore ?? at)
        try await write("release \(tokens.count) frontier leases") { db in
            let update = try db.cachedStatement(
                sql: """
                    UPDATE frontier SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL,
                        next_fetch_at = ?, attempts = MAX(attempts - 1, 0)
                    WHERE id = ? AND state = 'leased' AND lease_generation = ?
                    """)
            for token in tokens {
                try update.execute(arguments: [due, token.itemID, token.generation])
                if db.changesCount == 0 { throw try Self.staleFrontierLease(token, db, doing: "release") }
            }
        }
    }

    /// Records failed attempts.
    public func fail(_ failures: [FrontierFailure], at: Date) async throws {
        let now = StoreTime.millis(at)
        try await write("record \(failures.count) failed frontier attempts") { db in
            let update = try db.cachedStatement(
                sql: """
                    UPDATE frontier SET state = ?, lease_owner = NULL, lease_expires_at = NULL,
                        next_fetch_at = COALESCE(?, next_fetch_at), last_error_code = ?, last_error = ?,
                        finished_at = CASE WHEN ? IS NULL THEN ? ELSE NULL END
                    WHERE id = ? AND state = 'leased' AND lease_generation = ?
                    """)
            for failure in failures {
                let retry = failure.retryAt.map(StoreTime.millis)
                try update.execute(arguments: [
                    retry == nil ? "failed" : "queued", retry, failure.errorCode, failure.message, retry, now,
                    failure.token.itemID, failure.token.generation,
                ])
                if db.changesCount == 0 { throw try Self.staleFrontierLease(failure.token, db, doing: "fail") }
            }
        }
    }

    static func staleFrontierLease(_ token: LeaseToken, _ db: Database, doing: String) throws -> StoreError {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT url, state, lease_generation, lease_owner FROM frontier WHERE id = ?",
                arguments: [token.itemID])
        else {
            return StoreError(.notFound, subject: "frontier row \(token.itemID)", "cannot \(doing) lease \(token): no such row")
        }
        let state: String = row["state"]
        let generation: Int64 = row["lease_generation"]
        let owner: String? = row["lease_owner"]
        var why = "the row is \(state) at generation \(generation)"
        if state == "leased", let owner { why += ", leased to \(owner)" }
        return StoreError(
            .staleLease, subject: row["url"],
            "cannot \(doing) lease \(token): the lease is no longer current (\(why)); nothing in the batch was written")
    }

    /// How many of a scan's frontier rows are in each state.
    public func frontierCounts(scan: Int64) async throws -> FrontierCounts {
        try await read("count the frontier of scan \(scan)") { db in
            var counts = FrontierCounts()
            for row in try Row.fetchAll(
                db, sql: "SELECT state, COUNT(*) AS n FROM frontier WHERE scan_id = ? GROUP BY state", arguments: [scan])
            {
                let n: Int = row["n"]
                switch FrontierState(rawValue: row["state"]) {
                case .queued: counts.queued = n
                case .leased: counts.leased = n
                case .done: counts.done = n
                case .failed: counts.failed = n
                case nil: break
                }
            }
            return counts
        }
    }

    // MARK: Fetches and robots.txt

    /// Records fetches.
    public func recordFetches(_ fetches: [FetchRecord]) async throws -> [Int64] {
        try await write("record \(fetches.count) fetches") { db in
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO fetches (scan_id, url, status, fetched_at, ip_address, bytes, digest, truncation,
                        error_code, etag, last_modified)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            var ids: [Int64] = []
            ids.reserveCapacity(fetches.count)
            for f in fetches {
                try insert.execute(arguments: [
                    f.scanID, f.url, f.status, StoreTime.millis(f.fetchedAt), f.ipAddress, f.bytes, f.digest,
                    f.truncation, f.errorCode, f.etag, f.lastModified,
                ])
                ids.append(db.lastInsertedRowID)
            }
            return ids
        }
    }

    /// The latest fetch of `url` that got a response.
    public func latestFetch(url: String) async throws -> FetchRecord? {
        try await read("read the latest fetch of \(url)") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT * FROM fetches WHERE url = ? AND status IS NOT NULL
                        ORDER BY fetched_at DESC, id DESC LIMIT 1
                        """,
                    arguments: [url])
            else { return nil }
            return FetchRecord(
                scanID: row["scan_id"], url: row["url"], status: row["status"],
                fetchedAt: StoreTime.date(row["fetched_at"]), ipAddress: row["ip_address"], bytes: row["bytes"],
                digest: row["digest"], truncation: row["truncation"], errorCode: row["error_code"],
                etag: row["etag"], lastModified: row["last_modified"])
        }
    }

    /// Stores robots.txt answers.
    public func putRobots(_ records: [RobotsRecord]) async throws {
        try await write("cache \(records.count) robots.txt") { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO robots (host, fetched_at, expires_at, status, body) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (host) DO UPDATE SET fetched_at = excluded.fetched_at,
                        expires_at = excluded.expires_at, status = excluded.status, body = excluded.body
                    """)
            for r in records {
                try upsert.execute(arguments: [
                    r.host, StoreTime.millis(r.fetchedAt), StoreTime.millis(r.expiresAt), r.status, r.body,
                ])
            }
        }
    }

    /// The cached robots.txt of `host`.
    public func robots(host: String) async throws -> RobotsRecord? {
        try await read("read the robots.txt of \(host)") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM robots WHERE host = ?", arguments: [host]) else {
                return nil
            }
            return RobotsRecord(
                host: row["host"], fetchedAt: StoreTime.date(row["fetched_at"]),
                expiresAt: StoreTime.date(row["expires_at"]), status: row["status"], body: row["body"])
        }
    }

    static func millis(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

/// Set once by `close()`; read by every operation.
final class ClosedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Sets the flag; `false` if it was already set.
    func set() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if value { return false }
        value = true
        return true
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}

/// JSON text with sorted keys, so the same value always gives the same text.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
