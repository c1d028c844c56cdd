import Foundation

/// A queue item's review state.
///
/// `new → in_review → confirmed | dismissed`, `confirmed → reported`, and `escalated` for an
/// item a reviewer hands up; see ``ReviewMachine`` for every allowed move.
public enum QueueState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Flagged, not yet looked at.
    case new
    /// Claimed by a reviewer.
    case inReview = "in_review"
    /// A reviewer confirmed illegal trade.
    case confirmed
    /// A reviewer dismissed it, with a reason.
    case dismissed
    /// Confirmed and reported to the platform or an authority.
    case reported
    /// Handed up to a senior reviewer or an expert.
    case escalated
}

/// Why a reviewer dismissed a flagged listing: a fixed list, so that decisions can be counted
/// and learned from.
public enum DismissalReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// The words are used innocently ("elephant ivory colour paint").
    case innocentUse = "innocent_use"
    /// A replica, resin, faux or synthetic item.
    case replicaOrSynthetic = "replica_or_synthetic"
    /// The taxon is not listed in the CITES appendices.
    case notCITESTaxon = "not_cites_taxon"
    /// Legal trade with the documents (permits, certificates) shown.
    case legalWithDocuments = "legal_with_documents"
    /// Another queue item covers the same listing or offer.
    case duplicate
    /// Anything else: a note is required.
    case other
}

/// What a reviewer does to a queue item.
public enum ReviewCommand: Sendable, Hashable {
    /// Take a new (or escalated) item for review.
    case claim
    /// Give a claimed item back to the queue, undecided.
    case release
    /// Confirm illegal trade.
    case confirm
    /// Dismiss, with a reason.
    case dismiss(DismissalReason)
    /// Hand the item up.
    case escalate
    /// Record that a confirmed item was reported.
    case report

    /// The action's stored name (`claim`, `release`, `confirm`, `dismiss`, `escalate`, `report`).
    public var name: String {
        switch self {
        case .claim: "claim"
        case .release: "release"
        case .confirm: "confirm"
        case .dismiss: "dismiss"
        case .escalate: "escalate"
        case .report: "report"
        }
    }

    /// The dismissal reason, for `dismiss`.
    public var dismissalReason: DismissalReason? {
        if case .dismiss(let reason) = self { return reason }
        return nil
    }

    /// Rebuilds a command from its stored name and reason; `nil` when they do not make one.
    public init?(name: String, reason: DismissalReason?) {
        switch (name, reason) {
        case ("claim", nil): self = .claim
        case ("release", nil): self = .release
        case ("confirm", nil): self = .confirm
        case ("dismiss", let reason?): self = .dismiss(reason)
        case ("escalate", nil): self = .escalate
        case ("report", nil): self = .report
        default: return nil
        }
    }
}

/// Why a review command does not apply.
public struct ReviewRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    /// The state the item was in.
    public var state: QueueState
    /// The command refused.
    public var command: ReviewCommand
    /// Why, in words.
    public var reason: String

    /// Creates a refusal.
    public init(state: QueueState, command: ReviewCommand, reason: String) {
        self.state = state
        self.command = command
        self.reason = reason
    }

    /// The reason, naming the command and state.
    public var description: String { reason }
}

/// The review queue's state machine: pure, no I/O. The store applies its answers and refuses
/// what it refuses.
public enum ReviewMachine {
    /// The state after `command` on an item in `state`, or the refusal.
    ///
    /// - `claim`: `new` or `escalated` → `in_review`.
    /// - `release`: `in_review` → `new`.
    /// - `confirm`, `dismiss`: `new`, `in_review` or `escalated` → `confirmed` / `dismissed` (bulk
    ///   decisions over a filter act on new items directly).
    /// - `escalate`: `new` or `in_review` → `escalated`.
    /// - `report`: `confirmed` → `reported`.
    /// - `dismiss(.other)` needs a note.
    public static func apply(
        _ command: ReviewCommand, to state: QueueState, note: String? = nil
    ) -> Result<QueueState, ReviewRefusal> {
        func refuse(_ why: String) -> Result<QueueState, ReviewRefusal> {
            .failure(ReviewRefusal(state: state, command: command, reason: why))
        }
        let name = command.name
        switch (command, state) {
        case (.claim, .new), (.claim, .escalated):
            return .success(.inReview)
        case (.release, .inReview):
            return .success(.new)
        case (.confirm, .new), (.confirm, .inReview), (.confirm, .escalated):
            return .success(.confirmed)
        case (.dismiss(let reason), .new), (.dismiss(let reason), .inReview), (.dismiss(let reason), .escalated):
            if reason == .other, (note ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return refuse("cannot dismiss with reason 'other' without a note")
            }
            return .success(.dismissed)
        case (.escalate, .new), (.escalate, .inReview):
            return .success(.escalated)
        case (.report, .confirmed):
            return .success(.reported)
        default:
            return refuse("cannot \(name) an item that is \(state.rawValue)")
        }
    }

    /// The commands that apply to an item in `state` (with `dismiss` shown once, as `.dismiss(.other)`
    /// needs a note), for help texts and menus.
    public static func commands(from state: QueueState) -> [ReviewCommand] {
        let all: [ReviewCommand] = [.claim, .release, .confirm, .dismiss(.duplicate), .escalate, .report]
        return all.filter { (try? apply($0, to: state).get()) != nil }
    }
}
