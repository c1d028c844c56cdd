import Crypto
import Foundation

/// Something to write to the audit log: who did what to what.
public struct AuditEvent: Sendable, Hashable, Codable {
    /// Who (a reviewer's name, `spoor` for the program itself).
    public var actor: String
    /// What (`review.confirm`, `queue.reclassify`, `export.csv`...).
    public var action: String
    /// To what (`queue-item:12`, a file name, a scan).
    public var subject: String
    /// The details as JSON text, hashed exactly as given.
    public var detailsJSON: String
    /// When.
    public var at: Date

    /// Creates an event.
    public init(actor: String, action: String, subject: String, detailsJSON: String = "{}", at: Date) {
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detailsJSON = detailsJSON
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case actor, action, subject, at
        case detailsJSON = "details_json"
    }
}

/// One entry of the hash-chained audit log.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// 1 for the first entry, then one more each time, with no gaps.
    public var sequence: Int64
    /// When, in whole milliseconds since 1970 (what is hashed).
    public var atMillis: Int64
    /// Who.
    public var actor: String
    /// What.
    public var action: String
    /// To what.
    public var subject: String
    /// The details, as JSON text.
    public var detailsJSON: String
    /// The previous entry's hash (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 hex of the previous hash's bytes followed by this entry's canonical bytes.
    public var hash: String

    /// Creates an entry as stored (use ``AuditChain/entry(after:event:)`` to make a new one).
    public init(
        sequence: Int64, atMillis: Int64, actor: String, action: String, subject: String, detailsJSON: String,
        previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.atMillis = atMillis
        self.actor = actor
        self.action = action
        self.subject = subject
        self.detailsJSON = detailsJSON
        self.previousHash = previousHash
        self.hash = hash
    }

    /// When, as a date.
    public var at: Date { StoreTime.date(atMillis) }

    /// The entry's head: to pin.
    public var head: AuditHead { AuditHead(sequence: sequence, hash: hash) }

    enum CodingKeys: String, CodingKey {
        case sequence, actor, action, subject, hash
        case atMillis = "at_ms"
        case detailsJSON = "details_json"
        case previousHash = "previous_hash"
    }
}

/// The head of the audit chain: the last entry's sequence and hash. A case file or report pins
/// it; a chain later found shorter, or with another hash at that sequence, was cut or rewritten.
public struct AuditHead: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The last entry's sequence.
    public var sequence: Int64
    /// The last entry's hash.
    public var hash: String

    /// Creates a head.
    public init(sequence: Int64, hash: String) {
        self.sequence = sequence
        self.hash = hash
    }

    /// `sequence:hash`, the form to print and pin.
    public var description: String { "\(sequence):\(hash)" }

    /// Parses `sequence:hash`; `nil` if it is not that.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let sequence = Int64(parts[0]), sequence > 0, parts[1].count == 64,
            parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        self.init(sequence: sequence, hash: String(parts[1]))
    }
}

/// What verifying an audit chain found.
public struct AuditVerification: Sendable, Hashable, Codable {
    /// The kind of break found.
    public enum Problem: String, Sendable, Hashable, Codable {
        /// An entry's stored hash is not the hash of its content: it was edited (or moved, as
        /// the sequence is hashed).
        case hashMismatch = "hash-mismatch"
        /// An entry's previous hash is not the hash of the entry before it: an entry before it
        /// was removed, replaced or inserted.
        case brokenLink = "broken-link"
        /// The sequence numbers skip or repeat: an entry was deleted or inserted.
        case sequenceGap = "sequence-gap"
        /// The chain ends before the pinned head: its tail was cut.
        case truncated
        /// The entry at the pinned head's sequence has another hash: the chain was rewritten.
        case headMismatch = "head-mismatch"
    }

    /// Entries checked and found sound, in order.
    public var verified: Int
    /// The head of the sound part of the chain (`nil` for an empty chain).
    public var head: AuditHead?
    /// The first sequence at which the chain is broken, if it is.
    public var firstBadSequence: Int64?
    /// The kind of break.
    public var problem: Problem?
    /// The break in words.
    public var message: String?

    /// Creates a verification result.
    public init(verified: Int, head: AuditHead?, firstBadSequence: Int64?, problem: Problem?, message: String?) {
        self.verified = verified
        self.head = head
        self.firstBadSequence = firstBadSequence
        self.problem = problem
        self.message = message
    }

    /// Whether the chain is sound (and reaches the pinned head, if one was given).
    public var isValid: Bool { problem == nil }

    enum CodingKeys: String, CodingKey {
        case verified, head, problem, message
        case firstBadSequence = "first_bad_sequence"
    }
}

/// The audit log's hash chain: making entries and verifying them. Pure, no I/O.
///
/// An entry's hash is SHA-256 over the 32 bytes of the previous entry's hash (zeros for the
/// first) followed by its canonical bytes: `spoor-audit-v1`, then the sequence, the time in
/// milliseconds, the actor, the action, the subject and the details JSON, each as its decimal
/// UTF-8 byte count, `:`, the UTF-8 bytes and `\n`. Length prefixes make the encoding
/// unambiguous whatever the fields contain.
public enum AuditChain {
    /// The previous hash of the first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The canonical bytes of an entry's content.
    public static func canonicalBytes(
        sequence: Int64, atMillis: Int64, actor: String, action: String, subject: String, detailsJSON: String
    ) -> [UInt8] {
        var out = Array("spoor-audit-v1\n".utf8)
        for field in [String(sequence), String(atMillis), actor, action, subject, detailsJSON] {
            let bytes = Array(field.utf8)
            out += Array(String(bytes.count).utf8)
            out.append(UInt8(ascii: ":"))
            out += bytes
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    /// The hash of an entry with this content after an entry with hash `previousHash`.
    public static func hash(
        previousHash: String, sequence: Int64, atMillis: Int64, actor: String, action: String, subject: String,
        detailsJSON: String
    ) -> String {
        var hasher = SHA256()
        hasher.update(data: bytes(ofHex: previousHash))
        hasher.update(
            data: canonicalBytes(
                sequence: sequence, atMillis: atMillis, actor: actor, action: action, subject: subject,
                detailsJSON: detailsJSON))
        return SHA256Hex.hex(hasher.finalize())
    }

    /// The hash an entry should have, from its own fields.
    public static func expectedHash(of entry: AuditEntry) -> String {
        hash(
            previousHash: entry.previousHash, sequence: entry.sequence, atMillis: entry.atMillis, actor: entry.actor,
            action: entry.action, subject: entry.subject, detailsJSON: entry.detailsJSON)
    }

    /// The entry that records `event` after `head` (`nil` for an empty log).
    public static func entry(after head: AuditHead?, event: AuditEvent) -> AuditEntry {
        let sequence = (head?.sequence ?? 0) + 1
        let previous = head?.hash ?? genesisHash
        let millis = StoreTime.millis(event.at)
        let hash = hash(
            previousHash: previous, sequence: sequence, atMillis: millis, actor: event.actor, action: event.action,
            subject: event.subject, detailsJSON: event.detailsJSON)
        return AuditEntry(
            sequence: sequence, atMillis: millis, actor: event.actor, action: event.action, subject: event.subject,
            detailsJSON: event.detailsJSON, previousHash: previous, hash: hash)
    }

    /// Checks `entries`, the whole log in the order stored (by sequence), and, if given, that it
    /// reaches `pinnedHead` with the same hash there. Stops at the first break and says where.
    public static func verify(_ entries: [AuditEntry], pinnedHead: AuditHead? = nil) -> AuditVerification {
        var verifier = AuditVerifier(pinnedHead: pinnedHead)
        for entry in entries where verifier.check(entry) {}
        return verifier.finish()
    }

    static func bytes(ofHex hex: String) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(32)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default: v = 0xff
            }
            // A character that is not hex still changes the hashed bytes, so an edited hash never
            // collides with the one it replaced.
            if v == 0xff {
                out.append(c)
                high = nil
                continue
            }
            if let h = high {
                out.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        if let h = high { out.append(h << 4) }
        return out
    }
}

/// Verifies an audit log entry by entry, for logs read in pages: ``check(_:)`` each entry in
/// sequence order until it returns `false`, then ``finish()``.
public struct AuditVerifier: Sendable {
    /// The head the log must reach, if one was pinned.
    public let pinnedHead: AuditHead?
    private var head: AuditHead?
    private var verified = 0
    private var failure: AuditVerification?

    /// Creates a verifier.
    public init(pinnedHead: AuditHead? = nil) {
        self.pinnedHead = pinnedHead
    }

    /// Checks the next entry; `false` once the chain is broken (later entries are not checked).
    public mutating func check(_ entry: AuditEntry) -> Bool {
        guard failure == nil else { return false }
        let expected = (head?.sequence ?? 0) + 1
        if entry.sequence != expected {
            let message =
                entry.sequence > expected
                ? "entry \(expected) is missing: the next entry is \(entry.sequence)"
                : "entry \(entry.sequence) appears again after entry \(expected - 1)"
            return fail(expected, .sequenceGap, message)
        }
        let previous = head?.hash ?? AuditChain.genesisHash
        if entry.previousHash != previous {
            return fail(
                entry.sequence, .brokenLink,
                "entry \(entry.sequence) does not follow entry \(entry.sequence - 1): its previous hash is \(entry.previousHash), not \(previous)"
            )
        }
        if AuditChain.expectedHash(of: entry) != entry.hash {
            return fail(
                entry.sequence, .hashMismatch,
                "entry \(entry.sequence) was altered: its content does not hash to its stored hash")
        }
        if let pinnedHead, pinnedHead.sequence == entry.sequence, pinnedHead.hash != entry.hash {
            return fail(
                entry.sequence, .headMismatch,
                "entry \(entry.sequence) is not the pinned head \(pinnedHead): the chain up to it was rewritten")
        }
        head = entry.head
        verified += 1
        return true
    }

    /// The result: the first break, or a truncated tail against the pinned head, or sound.
    public func finish() -> AuditVerification {
        if let failure { return failure }
        if let pinnedHead, (head?.sequence ?? 0) < pinnedHead.sequence {
            let last = head?.sequence ?? 0
            return AuditVerification(
                verified: verified, head: head, firstBadSequence: last + 1, problem: .truncated,
                message: "the log ends at entry \(last) but the pinned head is entry \(pinnedHead.sequence): its tail was cut")
        }
        return AuditVerification(verified: verified, head: head, firstBadSequence: nil, problem: nil, message: nil)
    }

    private mutating func fail(
        _ sequence: Int64, _ problem: AuditVerification.Problem, _ message: String
    ) -> Bool {
        failure = AuditVerification(
            verified: verified, head: head, firstBadSequence: sequence, problem: problem, message: message)
        return false
    }
}
