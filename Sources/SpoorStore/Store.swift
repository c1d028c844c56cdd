import Foundation

/// Spoor's durable memory: scans, the crawl frontier, fetches, listings with their versions and
/// sightings, verdicts, the report queue, review actions and the audit log.
///
/// Every operation is `async throws`, takes and returns plain data, and works in batches that a
/// SQL backend runs as statements inside one transaction: a batch is written whole or not at all.
/// Leases are data (``FrontierLease``, ``LeaseToken``), never closures, so that a worker in
/// another process, or on another machine with a PostgreSQL backend, can hold one. Errors are
/// ``StoreError``s. One test suite, written against this protocol, runs on every backend.
public protocol Store: Sendable {
    // MARK: Scans

    /// Begins a scan and returns it, `running`.
    func beginScan(_ scan: NewScan) async throws -> ScanRecord

    /// Ends a running scan with its status and summary. Ending a scan that has already ended is
    /// a `conflict`; an unknown scan is `not-found`.
    func finishScan(_ id: Int64, status: ScanRecord.Status, summary: ScanRecord.Summary, at: Date) async throws
        -> ScanRecord

    /// The scan with this id, if there is one.
    func scan(_ id: Int64) async throws -> ScanRecord?

    /// The latest scan with this label that is still `running` (killed, say): what `--resume`
    /// continues.
    func latestRunningScan(label: String) async throws -> ScanRecord?

    // MARK: Frontier

    /// Admits URLs to a scan's frontier. A URL the scan's frontier already has is left as it is.
    func admit(_ urls: [FrontierURL], scan: Int64) async throws -> AdmitResult

    /// Claims up to `limit` URLs of a scan that are due at `notBefore` (queued with a next fetch
    /// time at or before it, or leased under a lease that lapsed by `now`), highest priority
    /// first, then shallowest, then oldest; none from `excludingHosts`. Each claim raises the
    /// row's lease generation by one and counts an attempt; the lease lapses at `now + leaseFor`.
    func claim(
        scan: Int64, limit: Int, notBefore: Date, excludingHosts: Set<String>, owner: String,
        leaseFor: Duration, now: Date
    ) async throws -> [FrontierLease]

    /// Marks leased URLs done. Any token that is no longer current (re-claimed, completed,
    /// released or failed since) makes the whole batch a `stale-lease` error naming it, and
    /// nothing is written.
    func complete(_ tokens: [LeaseToken], at: Date) async throws

    /// Gives leased URLs back, to be claimed again at `notBefore` (now when `nil`), without
    /// holding the attempt against them. Stale tokens as in ``complete(_:at:)``.
    func release(_ tokens: [LeaseToken], notBefore: Date?, at: Date) async throws

    /// Records failed attempts: each URL is queued again at its `retryAt`, or given up when that
    /// is `nil`. Stale tokens as in ``complete(_:at:)``.
    func fail(_ failures: [FrontierFailure], at: Date) async throws

    /// How many of a scan's frontier rows are in each state.
    func frontierCounts(scan: Int64) async throws -> FrontierCounts

    // MARK: Fetches and robots.txt

    /// Records fetches; returns their row ids in order.
    func recordFetches(_ fetches: [FetchRecord]) async throws -> [Int64]

    /// The latest recorded fetch of `url` that got a response, for conditional GET.
    func latestFetch(url: String) async throws -> FetchRecord?

    /// Stores robots.txt answers, replacing what the cache had for their hosts.
    func putRobots(_ records: [RobotsRecord]) async throws

    /// The cached robots.txt of `host`, if one is cached (expired or not: the caller decides).
    func robots(host: String) async throws -> RobotsRecord?

    // MARK: Listings

    /// Upserts listings by identity: a new listing gets a row, version 1 and an open sighting; a
    /// known one gets a new version only when its content hash changed, and its open sighting's
    /// last-seen time moves (a listing that had gone gets a new sighting). Results in order.
    func upsertListings(_ observations: [ListingObservation]) async throws -> [ListingUpsert]

    /// Marks listings gone: closes each one's open sighting with the time and cause. Returns how
    /// many were open (a listing unknown or already gone is left as it is).
    func markGone(_ marks: [GoneMark]) async throws -> Int

    /// The listing with this identity, if stored.
    func listing(_ identity: ListingKey) async throws -> StoredListing?

    /// The listing with this row id, if stored.
    func listing(id: Int64) async throws -> StoredListing?

    /// A listing's versions, oldest first.
    func versions(listing: Int64) async throws -> [ListingVersion]

    /// A listing's sightings, oldest first.
    func sightings(listing: Int64) async throws -> [ListingSighting]

    /// The current version of each listing last seen at or after `seenSince` (every listing when
    /// `nil`), by listing id after `afterListing`, at most `limit`: what a re-classification
    /// re-scores, page by page.
    func currentVersions(seenSince: Date?, afterListing: Int64, limit: Int) async throws -> [ListingVersion]

    /// Adds contacts to listings; one row per listing, kind and value, whatever the number of
    /// times it is added. Returns how many were new.
    func addContacts(_ contacts: [ListingContact]) async throws -> Int

    /// Adds images to listings; one row per listing and URL (a digest given later fills in the
    /// one stored without). Returns how many were new.
    func addImages(_ images: [ListingImage]) async throws -> Int

    /// A listing's contacts, by kind and value.
    func contacts(listing: Int64) async throws -> [ListingContact]

    /// A listing's images, by URL.
    func images(listing: Int64) async throws -> [ListingImage]

    /// Other listings that share a seller (on the same site), a contact or an image (URL or
    /// digest) with `listing`, at most `limit`, by listing id; one row per other listing and
    /// shared value.
    func relatedListings(_ listing: Int64, limit: Int) async throws -> [RelatedListing]

    // MARK: Verdicts and the queue

    /// Stores verdicts, and enqueues the flagged ones: one queue item per listing and content
    /// hash, whatever the number of times it is enqueued. A verdict for content already queued
    /// becomes the item's latest verdict (its score, priority and taxon columns follow), and the
    /// item keeps its review state. Results in order.
    func recordVerdicts(_ verdicts: [VerdictInput]) async throws -> [VerdictOutcome]

    /// The verdict JSON text of a verdict row.
    func verdictJSON(_ verdictID: Int64) async throws -> String?

    /// A page of queue items matching `filter`, in queue order (priority high to low, then id),
    /// after `cursor`.
    func queueItems(_ filter: QueueFilter, after cursor: QueueCursor?, limit: Int) async throws -> [QueueItem]

    /// The queue item with this id.
    func queueItem(_ id: Int64) async throws -> QueueItem?

    /// Claims the next item matching `filter` for `reviewer`: the first `new` item in queue
    /// order, or an `in_review` one whose reviewer's lease lapsed by `now`. It moves to
    /// `in_review` under a lease until `now + leaseFor`; the claim is a review action and an
    /// audit entry. `nil` when nothing is waiting.
    func claimNextQueueItem(
        _ filter: QueueFilter, reviewer: String, leaseFor: Duration, now: Date
    ) async throws -> QueueItem?

    /// Applies review actions through ``ReviewMachine``: each becomes a review action row and an
    /// audit entry. An illegal one is an `illegal-transition` error naming the item, its state and
    /// the action; a stale reviewer lease is `stale-lease`; either way nothing of the batch is
    /// written. Results in order. A `claim` made here takes the item without a lease (it does
    /// not lapse); ``claimNextQueueItem(_:reviewer:leaseFor:now:)`` claims under one.
    func review(_ requests: [ReviewRequest]) async throws -> [ReviewActionRecord]

    /// An item's review actions, oldest first.
    func reviewActions(item: Int64) async throws -> [ReviewActionRecord]

    // MARK: Audit

    /// Appends events to the hash-chained audit log; returns their entries.
    func appendAudit(_ events: [AuditEvent]) async throws -> [AuditEntry]

    /// Audit entries from `sequence` on, by sequence, at most `limit`.
    func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry]

    /// The chain's head (`nil` while the log is empty).
    func auditHead() async throws -> AuditHead?

    /// Verifies the whole audit log (``AuditChain/verify(_:pinnedHead:)``), reading it in pages.
    func verifyAudit(pinnedHead: AuditHead?) async throws -> AuditVerification
}

extension Store {
    /// Verifies the whole audit log, reading it 10,000 entries at a time.
    public func verifyAudit(pinnedHead: AuditHead?) async throws -> AuditVerification {
        var verifier = AuditVerifier(pinnedHead: pinnedHead)
        var next: Int64 = 1
        while true {
            let page = try await auditEntries(from: next, limit: 10_000)
            for entry in page {
                guard verifier.check(entry) else { return verifier.finish() }
            }
            guard let last = page.last else { break }
            // A gap or a repeat is reported by the verifier; reading on from the last sequence read
            // keeps the pages moving even then.
            next = last.sequence + 1
        }
        return verifier.finish()
    }
}
