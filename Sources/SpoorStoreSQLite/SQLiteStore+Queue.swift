import Foundation
import GRDB
import SpoorStore

extension SQLiteStore {
    // MARK: Verdicts

    /// Stores verdicts and enqueues the flagged ones, idempotently.
    public func recordVerdicts(_ verdicts: [VerdictInput]) async throws -> [VerdictOutcome] {
        try await write("record \(verdicts.count) verdicts") { db in
            let insertVerdict = try db.cachedStatement(
                sql: """
                    INSERT INTO verdicts (listing_id, content_hash, detector_digest, flagged, score, priority,
                        top_taxon, appendix, lang, site, verdict_json, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (listing_id, content_hash, detector_digest) DO NOTHING
                    """)
            let findVerdict = try db.cachedStatement(
                sql: "SELECT id FROM verdicts WHERE listing_id = ? AND content_hash = ? AND detector_digest = ?")
            let insertItem = try db.cachedStatement(
                sql: """
                    INSERT INTO queue_items (listing_id, content_hash, verdict_id, state, priority, score, top_taxon,
                        appendix, lang, site, url, created_at, updated_at)
                    VALUES (?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (listing_id, content_hash) DO NOTHING
                    """)
            let findItem = try db.cachedStatement(
                sql: "SELECT id, verdict_id FROM queue_items WHERE listing_id = ? AND content_hash = ?")
            let followVerdict = try db.cachedStatement(
                sql: """
                    UPDATE queue_items SET verdict_id = ?, priority = ?, score = ?, top_taxon = ?, appendix = ?,
                        lang = ?, updated_at = ?
                    WHERE id = ?
                    """)
            var outcomes: [VerdictOutcome] = []
            outcomes.reserveCapacity(verdicts.count)
            for v in verdicts {
                let at = StoreTime.millis(v.at)
                try insertVerdict.execute(arguments: [
                    v.listingID, v.contentHash, v.detectorDigest, v.flagged, v.score, v.priority, v.topTaxon,
                    v.appendix, v.lang, v.site, v.verdictJSON, at,
                ])
                let verdictAdded = db.changesCount > 0
                let verdictID: Int64 =
                    verdictAdded
                    ? db.lastInsertedRowID
                    : try Int64.fetchOne(findVerdict, arguments: [v.listingID, v.contentHash, v.detectorDigest])!
                var itemID: Int64?
                var enqueued = false
                if v.flagged {
                    try insertItem.execute(arguments: [
                        v.listingID, v.contentHash, verdictID, v.priority, v.score, v.topTaxon, v.appendix, v.lang,
                        v.site, v.url, at, at,
                    ])
                    if db.changesCount > 0 {
                        itemID = db.lastInsertedRowID
                        enqueued = true
                    }
                }
                if !enqueued, let item = try Row.fetchOne(findItem, arguments: [v.listingID, v.contentHash]) {
                    let id: Int64 = item["id"]
                    itemID = id
                    let current: Int64 = item["verdict_id"]
                    // A new verdict on queued content (a re-classification) shows beside the decision.
                    if verdictAdded, current != verdictID {
                        try followVerdict.execute(arguments: [
                            verdictID, v.priority, v.score, v.topTaxon, v.appendix, v.lang, at, id,
                        ])
                    }
                }
                outcomes.append(
                    VerdictOutcome(verdictID: verdictID, verdictAdded: verdictAdded, queueItemID: itemID, enqueued: enqueued))
            }
            return outcomes
        }
    }

    /// The verdict JSON text of a verdict row.
    public func verdictJSON(_ verdictID: Int64) async throws -> String? {
        try await read("read verdict \(verdictID)") { db in
            try String.fetchOne(db, sql: "SELECT verdict_json FROM verdicts WHERE id = ?", arguments: [verdictID])
        }
    }

    // MARK: The queue

    /// A page of queue items.
    public func queueItems(_ filter: QueueFilter, after cursor: QueueCursor?, limit: Int) async throws -> [QueueItem] {
        guard limit > 0 else { return [] }
        return try await read("list the queue") { db in
            var (clause, arguments) = Self.whereClause(filter)
            if let cursor {
                clause += (clause.isEmpty ? " WHERE " : " AND ") + "(priority < ? OR (priority = ? AND id > ?))"
                arguments += [cursor.priority, cursor.priority, cursor.id]
            }
            arguments += [limit]
            return try Row.fetchAll(
                db, sql: "SELECT * FROM queue_items" + clause + " ORDER BY priority DESC, id LIMIT ?",
                arguments: arguments
            ).map(Self.queueItem)
        }
    }

    /// The queue item with this id.
    public func queueItem(_ id: Int64) async throws -> QueueItem? {
        try await read("read queue item \(id)") { db in try Self.queueItem(id, db) }
    }

    static func queueItem(_ id: Int64, _ db: Database) throws -> QueueItem? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM queue_items WHERE id = ?"), arguments: [id])
            .map(queueItem)
    }

    static func whereClause(_ filter: QueueFilter) -> (String, StatementArguments) {
        var terms: [String] = []
        var arguments = StatementArguments()
        if !filter.states.isEmpty {
            terms.append("state IN (\(databaseQuestionMarks(count: filter.states.count)))")
            arguments += StatementArguments(filter.states.map(\.rawValue))
        }
        if let p = filter.minPriority {
            terms.append("priority >= ?")
            arguments += [p]
        }
        for (column, value) in [
            ("top_taxon", filter.taxon), ("appendix", filter.appendix), ("site", filter.site), ("lang", filter.lang),
        ] {
            if let value {
                terms.append("\(column) = ?")
                arguments += [value]
            }
        }
        if let since = filter.since {
            terms.append("created_at >= ?")
            arguments += [StoreTime.millis(since)]
        }
        return (terms.isEmpty ? "" : " WHERE " + terms.joined(separator: " AND "), arguments)
    }

    static func queueItem(_ row: Row) -> QueueItem {
        QueueItem(
            id: row["id"], listingID: row["listing_id"], contentHash: row["content_hash"], verdictID: row["verdict_id"],
            state: QueueState(rawValue: row["state"]) ?? .new, priority: row["priority"], score: row["score"],
            topTaxon: row["top_taxon"], appendix: row["appendix"], lang: row["lang"], site: row["site"],
            url: row["url"], assignee: row["assignee"],
            leaseExpiresAt: (row["lease_expires_at"] as Int64?).map(StoreTime.date),
            leaseGeneration: row["lease_generation"],
            dismissalReason: (row["dismissal_reason"] as String?).flatMap(DismissalReason.init(rawValue:)),
            note: row["note"], createdAt: StoreTime.date(row["created_at"]),
            updatedAt: StoreTime.date(row["updated_at"]))
    }

    /// Claims the next waiting queue item for a reviewer.
    public func claimNextQueueItem(
        _ filter: QueueFilter, reviewer: String, leaseFor: Duration, now: Date
    ) async throws -> QueueItem? {
        guard !reviewer.isEmpty else {
            throw StoreError(.invalidArgument, subject: "queue", "a reviewer needs a name")
        }
        guard leaseFor > .zero else {
            throw StoreError(.invalidArgument, subject: "queue", "a lease must last longer than zero")
        }
        let nowMillis = StoreTime.millis(now)
        let expires = nowMillis + Self.millis(leaseFor)
        return try await write("claim the next queue item for \(reviewer)") { db in
            // Claimable: new items (and escalated ones when the filter names that state), and items
            // whose reviewer's lease lapsed.
            var claimable = filter
            let wanted = filter.states.filter { $0 == .new || $0 == .escalated }
            claimable.states = []
            var (clause, arguments) = Self.whereClause(claimable)
            let states = wanted.isEmpty ? [QueueState.new] : wanted
            clause += (clause.isEmpty ? " WHERE " : " AND ")
            clause +=
                "(state IN (\(databaseQuestionMarks(count: states.count))) OR (state = 'in_review' AND lease_expires_at <= ?))"
            arguments += StatementArguments(states.map(\.rawValue))
            arguments += [nowMillis]
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM queue_items" + clause + " ORDER BY priority DESC, id LIMIT 1",
                    arguments: arguments)
            else { return nil }
            var item = Self.queueItem(row)
            if item.state == .inReview {
                let previous = item.assignee ?? "nobody"
                _ = try Self.apply(
                    ReviewRequest(
                        itemID: item.id, command: .release, actor: "spoor",
                        note: "the review lease of \(previous) lapsed", at: now),
                    to: &item, db)
            }
            _ = try Self.apply(
                ReviewRequest(itemID: item.id, command: .claim, actor: reviewer, at: now), to: &item, db,
                leaseExpires: expires)
            return item
        }
    }

    /// Applies review actions.
    public func review(_ requests: [ReviewRequest]) async throws -> [ReviewActionRecord] {
        try await write("apply \(requests.count) review actions") { db in
            var records: [ReviewActionRecord] = []
            records.reserveCapacity(requests.count)
            for request in requests {
                guard var item = try Self.queueItem(request.itemID, db) else {
                    throw StoreError(
                        .notFound, subject: "queue item \(request.itemID)",
                        "cannot \(request.command.name): no such item; nothing in the batch was written")
                }
                if let lease = request.lease {
                    guard item.state == .inReview, item.leaseGeneration == lease.generation else {
                        throw StoreError(
                            .staleLease, subject: "queue item \(item.id)",
                            "cannot \(request.command.name) under review lease \(lease): the item is \(item.state.rawValue) at generation \(item.leaseGeneration)\(item.assignee.map { ", held by \($0)" } ?? ""); nothing in the batch was written"
                        )
                    }
                }
                records.append(try Self.apply(request, to: &item, db))
            }
            return records
        }
    }

    /// Runs one command through the state machine and writes the item, the review action and its
    /// audit entry. `leaseExpires` is the reviewer's lease, for a claim.
    static func apply(
        _ request: ReviewRequest, to item: inout QueueItem, _ db: Database, leaseExpires: Int64? = nil
    ) throws -> ReviewActionRecord {
        let from = item.state
        let to: QueueState
        switch ReviewMachine.apply(request.command, to: from, note: request.note) {
        case .success(let state): to = state
        case .failure(let refusal):
            throw StoreError(
                .illegalTransition, subject: "queue item \(item.id)",
                "\(refusal.reason) (state \(from.rawValue), action \(request.command.name)); nothing in the batch was written"
            )
        }
        let at = StoreTime.millis(request.at)
        switch request.command {
        case .claim:
            item.assignee = request.actor
            item.leaseExpiresAt = leaseExpires.map(StoreTime.date)
            item.leaseGeneration += 1
        case .release:
            item.assignee = nil
            item.leaseExpiresAt = nil
        case .confirm, .dismiss, .escalate, .report:
            item.assignee = request.actor
            item.leaseExpiresAt = nil
        }
        item.state = to
        if let reason = request.command.dismissalReason { item.dismissalReason = reason }
        if let note = request.note { item.note = note }
        item.updatedAt = StoreTime.date(at)
        try db.cachedStatement(
            sql: """
                UPDATE queue_items SET state = ?, assignee = ?, lease_expires_at = ?, lease_generation = ?,
                    dismissal_reason = ?, note = ?, updated_at = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            to.rawValue, item.assignee, item.leaseExpiresAt.map(StoreTime.millis), item.leaseGeneration,
            item.dismissalReason?.rawValue, item.note, at, item.id,
        ])
        let details = ReviewAuditDetails(
            from: from.rawValue, to: to.rawValue, reason: request.command.dismissalReason?.rawValue,
            note: request.note, verdictID: item.verdictID, listingID: item.listingID, contentHash: item.contentHash,
            leaseGeneration: item.leaseGeneration)
        let entry = try appendAudit(
            AuditEvent(
                actor: request.actor, action: "review.\(request.command.name)", subject: "queue-item:\(item.id)",
                detailsJSON: try JSONText.encode(details), at: request.at),
            db)
        try db.cachedStatement(
            sql: """
                INSERT INTO review_actions (item_id, action, reason, from_state, to_state, actor, note, verdict_id,
                    at, audit_sequence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            item.id, request.command.name, request.command.dismissalReason?.rawValue, from.rawValue, to.rawValue,
            request.actor, request.note, item.verdictID, at, entry.sequence,
        ])
        return ReviewActionRecord(
            id: db.lastInsertedRowID, itemID: item.id, action: request.command.name,
            reason: request.command.dismissalReason, fromState: from, toState: to, actor: request.actor,
            note: request.note, verdictID: item.verdictID, at: StoreTime.date(at), auditSequence: entry.sequence)
    }

    /// An item's review actions, oldest first.
    public func reviewActions(item: Int64) async throws -> [ReviewActionRecord] {
        try await read("read the review actions of queue item \(item)") { db in
            try Row.fetchAll(db, sql: "SELECT * FROM review_actions WHERE item_id = ? ORDER BY id", arguments: [item])
                .map { row in
                    ReviewActionRecord(
                        id: row["id"], itemID: row["item_id"], action: row["action"],
                        reason: (row["reason"] as String?).flatMap(DismissalReason.init(rawValue:)),
                        fromState: QueueState(rawValue: row["from_state"]) ?? .new,
                        toState: QueueState(rawValue: row["to_state"]) ?? .new, actor: row["actor"], note: row["note"],
                        verdictID: row["verdict_id"], at: StoreTime.date(row["at"]),
                        auditSequence: row["audit_sequence"])
                }
        }
    }

    // MARK: Audit

    /// Appends events to the audit log.
    public func appendAudit(_ events: [AuditEvent]) async throws -> [AuditEntry] {
        try await write("append \(events.count) audit entries") { db in
            try events.map { try Self.appendAudit($0, db) }
        }
    }

    /// Appends one entry after the current head, inside the caller's write transaction (writes
    /// are serialised, so the head cannot move meanwhile).
    static func appendAudit(_ event: AuditEvent, _ db: Database) throws -> AuditEntry {
        let head = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
        ).map { AuditHead(sequence: $0["sequence"], hash: $0["hash"]) }
        let entry = AuditChain.entry(after: head, event: event)
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_log (sequence, at_ms, actor, action, subject, details_json, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            entry.sequence, entry.atMillis, entry.actor, entry.action, entry.subject, entry.detailsJSON,
            entry.previousHash, entry.hash,
        ])
        return entry
    }

    /// Audit entries from `sequence` on.
    public func auditEntries(from sequence: Int64, limit: Int) async throws -> [AuditEntry] {
        guard limit > 0 else { return [] }
        return try await read("read the audit log") { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM audit_log WHERE sequence >= ? ORDER BY sequence LIMIT ?",
                arguments: [sequence, limit]
            ).map { row in
                AuditEntry(
                    sequence: row["sequence"], atMillis: row["at_ms"], actor: row["actor"], action: row["action"],
                    subject: row["subject"], detailsJSON: row["details_json"], previousHash: row["previous_hash"],
                    hash: row["hash"])
            }
        }
    }

    /// The chain's head.
    public func auditHead() async throws -> AuditHead? {
        try await read("read the audit head") { db in
            try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1")
                .map { AuditHead(sequence: $0["sequence"], hash: $0["hash"]) }
        }
    }
}

/// The details of a review action's audit entry.
struct ReviewAuditDetails: Encodable {
    var from: String
    var to: String
    var reason: String?
    var note: String?
    var verdictID: Int64
    var listingID: Int64
    var contentHash: String
    var leaseGeneration: Int64

    enum CodingKeys: String, CodingKey {
        case from, to, reason, note
        case verdictID = "verdict_id"
        case listingID = "listing_id"
        case contentHash = "content_hash"
        case leaseGeneration = "lease_generation"
    }
}
