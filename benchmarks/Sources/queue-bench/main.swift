import ArgumentParser
import Foundation
import SpoorStore
import SpoorStoreSQLite

/// Times the report queue on SQLite: enqueue in batches, review actions, and `queue list`'s
/// first page at the size reached, printing one JSON line.
@main
struct QueueBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue-bench",
        abstract: "Time the SQLite store's report queue: enqueue, review, list.",
        discussion: """
            Into a new database file: upserts --items listings and records a flagged verdict for
            each, in batches of --batch (one transaction per batch and step); then applies
            --reviews review actions (claim and confirm, each audited) in batches; then times the
            first page (50 items) of the queue list, unfiltered and with filters, --repeats times
            each, reporting the slowest. Prints:
              {"items":N,"enqueue_items_per_s":X,"upsert_per_s":X,"verdicts_per_s":X,
               "review_actions_per_s":X,"list_first_page_ms":{...},"db_bytes":N}
            enqueue_items_per_s counts both steps (listing upsert and verdict + enqueue).
            """)

    @Option(help: "Listings (and queue items) to create.")
    var items = 1_000_000

    @Option(help: "Rows per batch (per transaction).")
    var batch = 1_000

    @Option(help: "Review actions to apply (half claims, half confirmations).")
    var reviews = 20_000

    @Option(help: "Times each list query is run; the slowest is reported.")
    var repeats = 5

    @Option(help: "The database file (created anew; removed at the end unless --keep).")
    var db = ".data/queue-bench.sqlite"

    @Flag(help: "Keep the database file.")
    var keep = false

    func run() async throws {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        try FileManager.default.createDirectory(
            at: URL(fileURLWithPath: db).deletingLastPathComponent(), withIntermediateDirectories: true)
        let clock = ContinuousClock()
        let sites = ["bazaar", "souk", "market", "shop"]
        let langs = ["en", "fr", "vi", "zh", "th"]
        let taxa: [(String, String)] = [
            ("Loxodonta africana", "I"), ("Manis javanica", "I"), ("Python reticulatus", "II"),
            ("Rhinocerotidae", "I"), ("Testudo graeca", "II"), ("Saiga tatarica", "II"),
        ]
        var result: [String: Any] = ["items": items, "batch": batch]
        try await SQLiteStore.withStore(path: db) { store in
            var upsertTime = Duration.zero
            var verdictTime = Duration.zero
            var start = 0
            let now = Date()
            while start < items {
                let end = min(start + batch, items)
                let observations = (start..<end).map { n in
                    ListingObservation(
                        identity: ListingKey(
                            site: sites[n % sites.count], listingID: "\(n)", canonicalURL: "https://x.example/\(n)"),
                        url: "https://x.example/\(n)", title: "Carved bangle \(n)",
                        contentHash: SHA256Hex.of(text: "listing \(n)"), price: "\(n % 900 + 100)", currency: "EUR",
                        recordJSON: #"{"title":"Carved bangle \#(n)","price":"\#(n % 900 + 100)"}"#, seenAt: now)
                }
                var ups: [ListingUpsert] = []
                upsertTime += try await clock.measure { ups = try await store.upsertListings(observations) }
                let verdicts = ups.enumerated().map { i, up in
                    let n = start + i
                    // One item in 10,000 has a rare taxon, and another a rare language: the filters
                    // that an index must serve, as scanning in queue order would not find 50 soon.
                    let (taxon, appendix) = n % 10_000 == 1_234 ? ("Panthera tigris", "I") : taxa[n % taxa.count]
                    let lang = n % 10_000 == 4_321 ? "sw" : langs[n % langs.count]
                    return VerdictInput(
                        listingID: up.listingID, contentHash: observations[i].contentHash, detectorDigest: "bench",
                        flagged: true, score: Double(n % 100) / 100, priority: (appendix == "I" ? 100 : 50) + n % 50,
                        topTaxon: taxon, appendix: appendix, lang: lang,
                        site: sites[n % sites.count], url: observations[i].url,
                        verdictJSON: #"{"score":\#(Double(n % 100) / 100),"taxon":"\#(taxon)"}"#, at: now)
                }
                verdictTime += try await clock.measure { _ = try await store.recordVerdicts(verdicts) }
                start = end
            }
            let seconds = { (d: Duration) in Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
            result["upsert_per_s"] = Int(Double(items) / seconds(upsertTime))
            result["verdicts_per_s"] = Int(Double(items) / seconds(verdictTime))
            result["enqueue_items_per_s"] = Int(Double(items) / seconds(upsertTime + verdictTime))

            // Review actions: claim then confirm, in batches, each audited.
            let reviewed = min(reviews / 2, items)
            var reviewTime = Duration.zero
            var first: Int64 = 1
            while first <= Int64(reviewed) {
                let last = min(first + Int64(batch) - 1, Int64(reviewed))
                let requests = (first...last).flatMap { id in
                    [
                        ReviewRequest(itemID: id, command: .claim, actor: "bench", at: now),
                        ReviewRequest(itemID: id, command: .confirm, actor: "bench", at: now),
                    ]
                }
                reviewTime += try await clock.measure { _ = try await store.review(requests) }
                first = last + 1
            }
            result["review_actions"] = reviewed * 2
            result["review_actions_per_s"] = Int(Double(reviewed * 2) / seconds(reviewTime))

            // The first page of `queue list`, slowest of --repeats, per filter.
            let filters: [(String, QueueFilter)] = [
                ("all", QueueFilter()),
                ("state_new", QueueFilter(states: [.new])),
                ("appendix_I", QueueFilter(appendix: "I")),
                ("taxon", QueueFilter(taxon: "Manis javanica")),
                ("site_lang", QueueFilter(site: "souk", lang: "vi")),
                ("state_confirmed", QueueFilter(states: [.confirmed])),
                ("taxon_rare", QueueFilter(taxon: "Panthera tigris")),
                ("lang_rare", QueueFilter(lang: "sw")),
            ]
            var list: [String: Double] = [:]
            for (name, filter) in filters {
                var worst = Duration.zero
                for _ in 0..<repeats {
                    let t = try await clock.measure {
                        let page = try await store.queueItems(filter, after: nil, limit: 50)
                        precondition(!page.isEmpty, "the \(name) page is empty")
                    }
                    worst = max(worst, t)
                }
                list[name] = (seconds(worst) * 1000 * 100).rounded() / 100
            }
            result["list_first_page_ms"] = list
            let audit = try await store.verifyAudit(pinnedHead: nil)
            precondition(audit.isValid && audit.verified == reviewed * 2)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: db)[.size] as? Int) ?? 0
        result["db_bytes"] = size
        if !keep { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) } }
        let json = try JSONSerialization.data(withJSONObject: result, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}
