// spoor-store-probe: writes to a store the way a scan does, one unit of work at a time, and
// prints `ack N` once unit N is acknowledged, so that a test can SIGKILL it at any moment and
// then check that everything acknowledged is in the file, whole, and nothing was doubled.
//
// Usage: spoor-store-probe PATH START COUNT
//
// Unit N: record the fetch of listing N's page unless it is recorded, upsert the listing, record
// its flagged verdict (enqueued once per content), confirm its queue item if it is still new (a
// reviewer's decision, audited). Every step
// is idempotent, so re-running a unit that a kill cut short finishes it without doubling it.
import Foundation
import SpoorStore
import SpoorStoreSQLite

let arguments = CommandLine.arguments
guard arguments.count == 4, let start = Int(arguments[2]), let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: spoor-store-probe PATH START COUNT\n".utf8))
    exit(2)
}
let path = arguments[1]

do {
    try await SQLiteStore.withStore(path: path) { store in
        let scan: Int64
        if let running = try await store.latestRunningScan(label: "probe") {
            scan = running.id
        } else {
            scan = try await store.beginScan(NewScan(label: "probe", startedAt: Date())).id
        }
        for n in start..<(start + count) {
            let url = "https://probe.example/item/\(n)"
            let content = "listing \(n)"
            let hash = SHA256Hex.of(text: content)
            let now = Date()
            if try await store.latestFetch(url: url) == nil {
                _ = try await store.recordFetches([
                    FetchRecord(scanID: scan, url: url, status: 200, fetchedAt: now, bytes: content.utf8.count, digest: hash)
                ])
            }
            let up = try await store.upsertListings([
                ListingObservation(
                    identity: ListingKey(site: "probe", listingID: "\(n)", canonicalURL: url), url: url,
                    title: content, contentHash: hash, recordJSON: #"{"n":\#(n)}"#, seenAt: now, scanID: scan)
            ])[0]
            let outcome = try await store.recordVerdicts([
                VerdictInput(
                    listingID: up.listingID, contentHash: hash, detectorDigest: "probe", flagged: true, score: 1,
                    priority: n % 7, topTaxon: "Loxodonta africana", appendix: "I", lang: "en", site: "probe", url: url,
                    verdictJSON: #"{"n":\#(n)}"#, at: now)
            ])[0]
            if let item = outcome.queueItemID, try await store.queueItem(item)?.state == .new {
                _ = try await store.review([ReviewRequest(itemID: item, command: .confirm, actor: "probe", at: now)])
            }
            FileHandle.standardOutput.write(Data("ack \(n)\n".utf8))
        }
    }
} catch {
    FileHandle.standardError.write(Data("spoor-store-probe: \(error)\n".utf8))
    exit(1)
}
