import Foundation

/// A verdict to store: the detector's JSON plus the columns the queue filters and sorts on.
public struct VerdictInput: Sendable, Hashable, Codable {
    /// The listing's row id (from ``ListingUpsert``).
    public var listingID: Int64
    /// The content hash the verdict was made on.
    public var contentHash: String
    /// The digest of the watchlist and rules that made it: a re-classification with other
    /// data makes a new verdict.
    public var detectorDigest: String
    /// Whether the listing is flagged for review.
    public var flagged: Bool
    /// The score.
    public var score: Double
    /// The queue priority (higher first: Appendix I outranks II and III).
    public var priority: Int
    /// The top taxon's scientific name, if any.
    public var topTaxon: String?
    /// The top taxon's CITES appendix ("I", "II", "III"), if any.
    public var appendix: String?
    /// The listing's language (BCP 47), if known.
    public var lang: String?
    /// The listing's site.
    public var site: String
    /// The listing's URL, for lists.
    public var url: String
    /// The verdict as the detector's JSON text.
    public var verdictJSON: String
    /// When it was made.
    public var at: Date

    /// Creates a verdict input.
    public init(
        listingID: Int64, contentHash: String, detectorDigest: String, flagged: Bool, score: Double, priority: Int,
        topTaxon: String?, appendix: String?, lang: String?, site: String, url: String, verdictJSON: String, at: Date
    ) {
        self.listingID = listingID
        self.contentHash = contentHash
        self.detectorDigest = detectorDigest
        self.flagged = flagged
        self.score = score
        self.priority = priority
        self.topTaxon = topTaxon
        self.appendix = appendix
        self.lang = lang
        self.site = site
        self.url = url
        self.verdictJSON = verdictJSON
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case flagged, score, priority, appendix, lang, site, url, at
        case listingID = "listing_id"
        case contentHash = "content_hash"
        case detectorDigest = "detector_digest"
        case topTaxon = "top_taxon"
        case verdictJSON = "verdict_json"
    }
}

/// What storing one verdict did.
public struct VerdictOutcome: Sendable, Hashable, Codable {
    /// The verdict's row id.
    public var verdictID: Int64
    /// The verdict was new (not the same listing, content and detector digest again).
    public var verdictAdded: Bool
    /// The queue item for the listing's content, if the verdict is flagged.
    public var queueItemID: Int64?
    /// A queue item was created by this verdict (not already there for this content).
    public var enqueued: Bool

    /// Creates an outcome.
    public init(verdictID: Int64, verdictAdded: Bool, queueItemID: Int64?, enqueued: Bool) {
        self.verdictID = verdictID
        self.verdictAdded = verdictAdded
        self.queueItemID = queueItemID
        self.enqueued = enqueued
    }

    enum CodingKeys: String, CodingKey {
        case enqueued
        case verdictID = "verdict_id"
        case verdictAdded = "verdict_added"
        case queueItemID = "queue_item_id"
    }
}

/// A queue item: one flagged content of one listing, and where its review stands.
public struct QueueItem: Sendable, Hashable, Codable, Identifiable {
    /// The item's id.
    public var id: Int64
    /// The listing's row id.
    public var listingID: Int64
    /// The content hash that was flagged.
    public var contentHash: String
    /// The latest verdict on it.
    public var verdictID: Int64
    /// Its review state.
    public var state: QueueState
    /// Higher first.
    public var priority: Int
    /// The latest score.
    public var score: Double
    /// The top taxon.
    public var topTaxon: String?
    /// The top taxon's appendix.
    public var appendix: String?
    /// The language.
    public var lang: String?
    /// The site.
    public var site: String
    /// The listing's URL.
    public var url: String
    /// The reviewer who holds or decided it.
    public var assignee: String?
    /// The reviewer's lease: a claimed item goes back to others once it lapses.
    public var leaseExpiresAt: Date?
    /// The lease generation (fencing token for the reviewer's decision).
    public var leaseGeneration: Int64
    /// The dismissal reason, when dismissed.
    public var dismissalReason: DismissalReason?
    /// The latest note.
    public var note: String?
    /// When it was enqueued.
    public var createdAt: Date
    /// When it last changed.
    public var updatedAt: Date

    /// Creates a queue item.
    public init(
        id: Int64, listingID: Int64, contentHash: String, verdictID: Int64, state: QueueState, priority: Int,
        score: Double, topTaxon: String?, appendix: String?, lang: String?, site: String, url: String,
        assignee: String?, leaseExpiresAt: Date?, leaseGeneration: Int64, dismissalReason: DismissalReason?,
        note: String?, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.listingID = listingID
        self.contentHash = contentHash
        self.verdictID = verdictID
        self.state = state
        self.priority = priority
        self.score = score
        self.topTaxon = topTaxon
        self.appendix = appendix
        self.lang = lang
        self.site = site
        self.url = url
        self.assignee = assignee
        self.leaseExpiresAt = leaseExpiresAt
        self.leaseGeneration = leaseGeneration
        self.dismissalReason = dismissalReason
        self.note = note
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The fencing token of the item's current reviewer lease.
    public var leaseToken: LeaseToken { LeaseToken(itemID: id, generation: leaseGeneration) }

    enum CodingKeys: String, CodingKey {
        case id, state, priority, score, appendix, lang, site, url, assignee, note
        case listingID = "listing_id"
        case contentHash = "content_hash"
        case verdictID = "verdict_id"
        case topTaxon = "top_taxon"
        case leaseExpiresAt = "lease_expires_at"
        case leaseGeneration = "lease_generation"
        case dismissalReason = "dismissal_reason"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// Which queue items to list: every set field must match.
public struct QueueFilter: Sendable, Hashable, Codable {
    /// Items in any of these states (all states when empty).
    public var states: [QueueState]
    /// Items with at least this priority.
    public var minPriority: Int?
    /// Items whose top taxon is this one.
    public var taxon: String?
    /// Items whose appendix is this one ("I", "II", "III").
    public var appendix: String?
    /// Items from this site.
    public var site: String?
    /// Items in this language.
    public var lang: String?
    /// Items enqueued at or after this time.
    public var since: Date?

    /// Creates a filter.
    public init(
        states: [QueueState] = [], minPriority: Int? = nil, taxon: String? = nil, appendix: String? = nil,
        site: String? = nil, lang: String? = nil, since: Date? = nil
    ) {
        self.states = states
        self.minPriority = minPriority
        self.taxon = taxon
        self.appendix = appendix
        self.site = site
        self.lang = lang
        self.since = since
    }

    enum CodingKeys: String, CodingKey {
        case states, taxon, appendix, site, lang, since
        case minPriority = "min_priority"
    }
}

/// Where a queue page ends, to ask for the next: keyset pagination in the queue's order
/// (priority high to low, then id).
public struct QueueCursor: Sendable, Hashable, Codable {
    /// The last item's priority.
    public var priority: Int
    /// The last item's id.
    public var id: Int64

    /// Creates a cursor after `item`.
    public init(after item: QueueItem) {
        self.priority = item.priority
        self.id = item.id
    }

    /// Creates a cursor.
    public init(priority: Int, id: Int64) {
        self.priority = priority
        self.id = id
    }
}

/// A review action to apply to one queue item.
public struct ReviewRequest: Sendable, Hashable {
    /// The item.
    public var itemID: Int64
    /// What to do.
    public var command: ReviewCommand
    /// Who does it.
    public var actor: String
    /// A note, if any (required to dismiss as `other`).
    public var note: String?
    /// When.
    public var at: Date
    /// The reviewer's lease token, when the reviewer claimed the item: a decision under a lease
    /// that another reviewer has since taken is refused. `nil` for bulk decisions.
    public var lease: LeaseToken?

    /// Creates a review request.
    public init(
        itemID: Int64, command: ReviewCommand, actor: String, note: String? = nil, at: Date, lease: LeaseToken? = nil
    ) {
        self.itemID = itemID
        self.command = command
        self.actor = actor
        self.note = note
        self.at = at
        self.lease = lease
    }
}

/// A review action as stored: reviewers' decisions kept as data.
public struct ReviewActionRecord: Sendable, Hashable, Codable {
    /// The action's id.
    public var id: Int64
    /// The item.
    public var itemID: Int64
    /// The action (`claim`, `confirm`, `dismiss`...).
    public var action: String
    /// The dismissal reason, for `dismiss`.
    public var reason: DismissalReason?
    /// The state before.
    public var fromState: QueueState
    /// The state after.
    public var toState: QueueState
    /// Who did it.
    public var actor: String
    /// The note, if any.
    public var note: String?
    /// The verdict the item had when the decision was made.
    public var verdictID: Int64
    /// When.
    public var at: Date
    /// The audit entry that records it.
    public var auditSequence: Int64

    /// Creates a review action record.
    public init(
        id: Int64, itemID: Int64, action: String, reason: DismissalReason?, fromState: QueueState, toState: QueueState,
        actor: String, note: String?, verdictID: Int64, at: Date, auditSequence: Int64
    ) {
        self.id = id
        self.itemID = itemID
        self.action = action
        self.reason = reason
        self.fromState = fromState
        self.toState = toState
        self.actor = actor
        self.note = note
        self.verdictID = verdictID
        self.at = at
        self.auditSequence = auditSequence
    }

    enum CodingKeys: String, CodingKey {
        case id, action, reason, actor, note, at
        case itemID = "item_id"
        case fromState = "from_state"
        case toState = "to_state"
        case verdictID = "verdict_id"
        case auditSequence = "audit_sequence"
    }
}
