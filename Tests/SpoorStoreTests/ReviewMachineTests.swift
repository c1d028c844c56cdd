import SpoorStore
import Testing

@Suite("ReviewMachine: the queue's state machine, without I/O")
struct ReviewMachineTests {
    /// Every allowed move, written out independently of the machine's switch.
    static let allowed: [String: QueueState] = [
        "claim/new": .inReview, "claim/escalated": .inReview,
        "release/in_review": .new,
        "confirm/new": .confirmed, "confirm/in_review": .confirmed, "confirm/escalated": .confirmed,
        "dismiss/new": .dismissed, "dismiss/in_review": .dismissed, "dismiss/escalated": .dismissed,
        "escalate/new": .escalated, "escalate/in_review": .escalated,
        "report/confirmed": .reported,
    ]

    static let commands: [ReviewCommand] = [.claim, .release, .confirm, .dismiss(.duplicate), .escalate, .report]

    @Test("every state and command: allowed moves land where the table says, the rest are refused")
    func fullTable() {
        var checked = 0
        for state in QueueState.allCases {
            for command in Self.commands {
                let result = ReviewMachine.apply(command, to: state)
                let key = "\(command.name)/\(state.rawValue)"
                switch (result, Self.allowed[key]) {
                case (.success(let got), let want?):
                    #expect(got == want, "\(key)")
                case (.failure(let refusal), nil):
                    #expect(refusal.state == state)
                    #expect(refusal.command == command)
                    #expect(refusal.reason.contains(command.name) && refusal.reason.contains(state.rawValue))
                case (.success(let got), nil):
                    Issue.record("\(key) should be refused, went to \(got)")
                case (.failure(let refusal), _?):
                    Issue.record("\(key) should be allowed, refused: \(refusal)")
                }
                checked += 1
            }
        }
        #expect(checked == 36)
    }

    @Test("reported is final; dismissed and confirmed only move on by report")
    func terminalStates() {
        #expect(ReviewMachine.commands(from: .reported).isEmpty)
        #expect(ReviewMachine.commands(from: .dismissed).isEmpty)
        #expect(ReviewMachine.commands(from: .confirmed) == [.report])
        #expect(ReviewMachine.commands(from: .new).map(\.name) == ["claim", "confirm", "dismiss", "escalate"])
    }

    @Test("dismissing as 'other' needs a note; the listed reasons do not")
    func otherNeedsANote() throws {
        for note in [nil, "", "  \n"] {
            guard case .failure(let refusal) = ReviewMachine.apply(.dismiss(.other), to: .inReview, note: note) else {
                Issue.record("dismiss(.other) with note \(String(describing: note)) was allowed")
                continue
            }
            #expect(refusal.reason.contains("note"))
        }
        #expect(try ReviewMachine.apply(.dismiss(.other), to: .inReview, note: "seller is a museum").get() == .dismissed)
        for reason in DismissalReason.allCases where reason != .other {
            #expect(try ReviewMachine.apply(.dismiss(reason), to: .new).get() == .dismissed)
        }
    }

    @Test("the fixed list of dismissal reasons and the state names are stable strings")
    func storedNames() {
        #expect(DismissalReason.allCases.map(\.rawValue) == [
            "innocent_use", "replica_or_synthetic", "not_cites_taxon", "legal_with_documents", "duplicate", "other",
        ])
        #expect(QueueState.allCases.map(\.rawValue) == [
            "new", "in_review", "confirmed", "dismissed", "reported", "escalated",
        ])
        for command in Self.commands {
            #expect(ReviewCommand(name: command.name, reason: command.dismissalReason) == command)
        }
        #expect(ReviewCommand(name: "dismiss", reason: nil) == nil)
        #expect(ReviewCommand(name: "confirm", reason: .duplicate) == nil)
        #expect(ReviewCommand(name: "delete", reason: nil) == nil)
    }
}
