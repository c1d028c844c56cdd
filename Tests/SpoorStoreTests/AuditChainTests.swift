import Foundation
import SpoorStore
import Testing

@Suite("AuditChain: hashing and verifying the audit log, without I/O")
struct AuditChainTests {
    static func chain(_ n: Int) -> [AuditEntry] {
        var entries: [AuditEntry] = []
        for i in 1...n {
            let event = AuditEvent(
                actor: i % 2 == 0 ? "bob" : "alice", action: "review.confirm", subject: "queue-item:\(i)",
                detailsJSON: #"{"n":\#(i)}"#, at: Date(timeIntervalSince1970: 1_700_000_000 + Double(i)))
            entries.append(AuditChain.entry(after: entries.last?.head, event: event))
        }
        return entries
    }

    /// Recomputes every hash from `from` on, as an attacker who knows the scheme would.
    static func rehash(_ entries: [AuditEntry]) -> [AuditEntry] {
        var out: [AuditEntry] = []
        for var entry in entries {
            entry.previousHash = out.last?.hash ?? AuditChain.genesisHash
            entry.hash = AuditChain.expectedHash(of: entry)
            out.append(entry)
        }
        return out
    }

    @Test("known answers: the hashes match SHA-256 computed independently (Python hashlib)")
    func knownAnswers() {
        let first = AuditChain.entry(
            after: nil,
            event: AuditEvent(
                actor: "alice", action: "review.confirm", subject: "queue-item:1", detailsJSON: #"{"a":1}"#,
                at: Date(timeIntervalSince1970: 1_700_000_000)))
        #expect(first.sequence == 1)
        #expect(first.previousHash == String(repeating: "0", count: 64))
        #expect(first.hash == "fddefa109e6fbb2e746b63c713f639ec74b80edea8deece2429bab58c5a7674b")
        let second = AuditChain.entry(
            after: first.head,
            event: AuditEvent(
                actor: "bob", action: "export.csv", subject: "queue.csv", detailsJSON: "{}",
                at: Date(timeIntervalSince1970: 1_700_000_000.001)))
        #expect(second.sequence == 2)
        #expect(second.atMillis == 1_700_000_000_001)
        #expect(second.hash == "0eabb74e6ae0460d7b934a0825cf9e37fa3c7d736765485e61eff67c38987474")
    }

    @Test("a sound chain verifies, with its head")
    func sound() {
        let entries = Self.chain(6)
        let result = AuditChain.verify(entries, pinnedHead: entries[3].head)
        #expect(result.isValid)
        #expect(result.verified == 6)
        #expect(result.head == entries[5].head)
        #expect(AuditChain.verify([]).isValid)
        #expect(AuditChain.verify(entries, pinnedHead: entries[5].head).isValid)
    }

    @Test("an edited entry: its hash no longer matches, at its own sequence")
    func edited() {
        for field in 0..<5 {
            var entries = Self.chain(5)
            switch field {
            case 0: entries[2].actor = "mallory"
            case 1: entries[2].action = "review.dismiss"
            case 2: entries[2].subject = "queue-item:99"
            case 3: entries[2].detailsJSON = #"{"n":4}"#
            default: entries[2].atMillis += 1
            }
            let result = AuditChain.verify(entries)
            #expect(result.problem == .hashMismatch)
            #expect(result.firstBadSequence == 3)
            #expect(result.verified == 2)
            #expect(result.head == entries[1].head)
        }
    }

    @Test("a deleted entry: the sequence skips, at the missing number")
    func deleted() {
        var entries = Self.chain(5)
        entries.remove(at: 2)
        let result = AuditChain.verify(entries)
        #expect(result.problem == .sequenceGap)
        #expect(result.firstBadSequence == 3)
        #expect(result.message?.contains("entry 3 is missing") == true)
    }

    @Test("a deleted entry with the rest renumbered and rehashed is caught only against a pinned head")
    func deletedAndRehashed() {
        let original = Self.chain(5)
        var entries = original
        entries.remove(at: 2)
        for i in entries.indices { entries[i].sequence = Int64(i + 1) }
        entries = Self.rehash(entries)
        #expect(AuditChain.verify(entries).isValid)
        let result = AuditChain.verify(entries, pinnedHead: original[4].head)
        #expect(result.problem == .truncated)
        #expect(result.firstBadSequence == 5)
        let pinnedEarlier = AuditChain.verify(entries, pinnedHead: original[3].head)
        #expect(pinnedEarlier.problem == .headMismatch)
        #expect(pinnedEarlier.firstBadSequence == 4)
    }

    @Test("an inserted entry with a well-forged hash breaks the link of the entry after it")
    func inserted() {
        let original = Self.chain(5)
        let forged = AuditChain.entry(
            after: original[1].head,
            event: AuditEvent(actor: "mallory", action: "review.dismiss", subject: "queue-item:7", at: Date()))
        var entries = Array(original[0..<2]) + [forged] + Array(original[2...])
        for i in entries.indices { entries[i].sequence = Int64(i + 1) }
        let result = AuditChain.verify(entries)
        // The forged entry itself is consistent; the next one (the old entry 3, now 4) is not.
        #expect(result.problem == .hashMismatch || result.problem == .brokenLink)
        #expect(result.firstBadSequence == 4)
        #expect(result.verified == 3)
    }

    @Test("an inserted entry with a repeated sequence is a gap at that sequence")
    func repeatedSequence() {
        var entries = Self.chain(4)
        entries.insert(entries[1], at: 2)
        let result = AuditChain.verify(entries)
        #expect(result.problem == .sequenceGap)
        #expect(result.firstBadSequence == 3)
        #expect(result.message?.contains("appears again") == true)
    }

    @Test("reordered entries: swapping two breaks the chain at the first of them")
    func reordered() {
        let original = Self.chain(5)
        var entries = original
        entries.swapAt(1, 2)
        // Renumbered to look in order: the hash covers the sequence.
        var renumbered = entries
        renumbered[1].sequence = 2
        renumbered[2].sequence = 3
        for candidate in [entries, renumbered] {
            let result = AuditChain.verify(candidate)
            #expect(!result.isValid)
            #expect(result.firstBadSequence == 2)
        }
    }

    @Test("a truncated tail verifies alone, and fails against the pinned head at the first missing entry")
    func truncated() {
        let entries = Self.chain(6)
        let pinned = entries[5].head
        let cut = Array(entries[0..<4])
        #expect(AuditChain.verify(cut).isValid)
        let result = AuditChain.verify(cut, pinnedHead: pinned)
        #expect(result.problem == .truncated)
        #expect(result.firstBadSequence == 5)
        #expect(result.verified == 4)
        #expect(AuditChain.verify([], pinnedHead: pinned).firstBadSequence == 1)
    }

    @Test("a chain rewritten from an edit on, with every hash recomputed, fails against the pinned head")
    func rewritten() {
        let original = Self.chain(5)
        var entries = original
        entries[1].actor = "mallory"
        entries = Self.rehash(entries)
        #expect(AuditChain.verify(entries).isValid)
        let result = AuditChain.verify(entries, pinnedHead: original[4].head)
        #expect(result.problem == .headMismatch)
        #expect(result.firstBadSequence == 5)
    }

    @Test("length prefixes keep fields apart: moving text between fields changes the hash")
    func canonicalBytesAreUnambiguous() {
        let a = AuditChain.canonicalBytes(
            sequence: 1, atMillis: 0, actor: "ab", action: "c", subject: "", detailsJSON: "{}")
        let b = AuditChain.canonicalBytes(
            sequence: 1, atMillis: 0, actor: "a", action: "bc", subject: "", detailsJSON: "{}")
        let c = AuditChain.canonicalBytes(
            sequence: 1, atMillis: 0, actor: "a\n1:b", action: "c", subject: "", detailsJSON: "{}")
        #expect(a != b)
        #expect(a != c && b != c)
    }

    @Test("a head prints as sequence:hash and parses back; malformed heads do not parse")
    func headText() {
        let head = Self.chain(3)[2].head
        #expect(AuditHead(head.description) == head)
        #expect(AuditHead("3") == nil)
        #expect(AuditHead("0:" + String(repeating: "a", count: 64)) == nil)
        #expect(AuditHead("3:" + String(repeating: "A", count: 64)) == nil)
        #expect(AuditHead("3:" + String(repeating: "a", count: 63)) == nil)
        #expect(AuditHead("x:" + String(repeating: "a", count: 64)) == nil)
    }

    @Test("the incremental verifier agrees with verify() and stops at the first break")
    func incremental() {
        var entries = Self.chain(8)
        entries[5].subject = "queue-item:0"
        var verifier = AuditVerifier()
        var fed = 0
        for entry in entries {
            fed += 1
            guard verifier.check(entry) else { break }
        }
        #expect(fed == 6)
        #expect(verifier.finish() == AuditChain.verify(entries))
        #expect(verifier.finish().firstBadSequence == 6)
    }
}
