import Foundation
import SpoorStore
import SpoorStoreSQLite
import Testing

/// A store backend the contract suite runs on: it hands each test a fresh, empty store and
/// removes it afterwards. SQLite runs always; a PostgreSQL backend adds itself to ``all``.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    /// The backend's name, shown in test names.
    let name: String
    /// Runs `body` with a fresh store.
    let run: @Sendable (_ body: @Sendable (any Store) async throws -> Void) async throws -> Void

    var testDescription: String { name }

    /// The backends the contract runs on.
    static let all: [StoreBackend] = [.sqlite]

    /// SQLite, on a real file in a new temporary directory.
    static let sqlite = StoreBackend(name: "SQLite") { body in
        try await TempDirectory.with { dir in
            try await SQLiteStore.withStore(path: dir.appendingPathComponent("spoor.sqlite").path) { store in
                try await body(store)
            }
        }
    }
}

/// A temporary directory, removed when the body ends.
enum TempDirectory {
    static func with<T>(_ body: (URL) async throws -> T) async throws -> T {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("spoor-store-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try await body(dir)
    }
}

/// Fixed times for the tests: whole milliseconds, so that they read back equal.
enum T {
    static let base = Date(timeIntervalSince1970: 1_765_000_000)
    static func at(_ seconds: Double) -> Date { base.addingTimeInterval(seconds) }
}

/// Expects `body` to throw a `StoreError` with `code`; returns it for more checks.
@discardableResult
func expectStoreError(
    _ code: StoreError.Code, sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
) async -> StoreError? {
    do {
        try await body()
        Issue.record("expected a \(code.rawValue) error, got none", sourceLocation: sourceLocation)
        return nil
    } catch let error as StoreError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Builders for the contract tests.
enum Make {
    static func observation(
        site: String = "bazaar", id: String? = nil, url: String, title: String = "Carved bangle",
        content: String, at: Date, scan: Int64? = nil
    ) -> ListingObservation {
        ListingObservation(
            identity: ListingKey(site: site, listingID: id, canonicalURL: url), url: url, title: title,
            contentHash: SHA256Hex.of(text: content), price: "120", currency: "EUR",
            recordJSON: #"{"title":"\#(title)"}"#, seenAt: at, scanID: scan)
    }

    static func verdict(
        listing: Int64, content: String, digest: String = "rules-v1", flagged: Bool = true, priority: Int = 50,
        taxon: String? = "Loxodonta africana", appendix: String? = "I", lang: String? = "en", site: String = "bazaar",
        at: Date
    ) -> VerdictInput {
        VerdictInput(
            listingID: listing, contentHash: SHA256Hex.of(text: content), detectorDigest: digest, flagged: flagged,
            score: Double(priority) / 10, priority: priority, topTaxon: taxon, appendix: appendix, lang: lang,
            site: site, url: "https://\(site).example/\(listing)", verdictJSON: #"{"flagged":\#(flagged)}"#, at: at)
    }

    /// Upserts `n` listings and enqueues a flagged verdict for each; returns the queue item ids.
    static func queue(
        _ store: any Store, _ n: Int, priority: (Int) -> Int = { _ in 50 }, site: (Int) -> String = { _ in "bazaar" },
        at: Date = T.base
    ) async throws -> [Int64] {
        let ups = try await store.upsertListings(
            (0..<n).map { observation(site: site($0), id: "L\($0)", url: "https://x.example/\($0)", content: "c\($0)", at: at) })
        let outcomes = try await store.recordVerdicts(
            ups.enumerated().map { i, up in
                verdict(listing: up.listingID, content: "c\(i)", priority: priority(i), site: site(i), at: at)
            })
        return outcomes.map { $0.queueItemID! }
    }
}
