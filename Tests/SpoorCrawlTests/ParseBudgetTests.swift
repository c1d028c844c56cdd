import Testing
@testable import SpoorCrawl

/// The process-wide parse budget: reservations beyond the capacity wait, in order; a page
/// bigger than the whole budget runs alone; a cancelled waiter leaves without running.
@Suite struct ParseBudgetTests {
    /// A door a reservation's body waits at until the test opens it.
    actor Door {
        private var open = false
        private var waiters: [CheckedContinuation<Void, Never>] = []
        func wait() async {
            if open { return }
            await withCheckedContinuation { waiters.append($0) }
        }
        func openIt() {
            open = true
            for waiter in waiters { waiter.resume() }
            waiters.removeAll()
        }
    }

    /// Waits (up to 5 s) until `condition` holds.
    static func eventually(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func reservationsBeyondTheCapacityWaitTheirTurn() async throws {
        let budget = ParseBudget(capacity: 100)
        let door = Door()
        let first = Task { await budget.withReservation(cost: 60) { await door.wait(); return "first" } }
        try await Self.eventually { budget.running == 1 }
        let second = Task { await budget.withReservation(cost: 60) { "second" } }
        let small = Task { await budget.withReservation(cost: 10) { "small" } }
        try await Self.eventually { budget.waiting == 2 }
        // First come, first served: the small one does not overtake the waiting big one.
        #expect(budget.running == 1)
        #expect(budget.inUse == 60)
        await door.openIt()
        #expect(await first.value == "first")
        #expect(await second.value == "second")
        #expect(await small.value == "small")
        #expect(budget.inUse == 0 && budget.running == 0 && budget.waiting == 0)
    }

    @Test func aPageBiggerThanTheBudgetRunsAlone() async throws {
        let budget = ParseBudget(capacity: 100)
        let result = await budget.withReservation(cost: 10_000) { budget.inUse }
        #expect(result == 100)
        #expect(budget.inUse == 0)
    }

    @Test func aCancelledWaiterLeavesWithoutRunning() async throws {
        let budget = ParseBudget(capacity: 100)
        let door = Door()
        let holder = Task { await budget.withReservation(cost: 100) { await door.wait() } }
        try await Self.eventually { budget.running == 1 }
        let waiter = Task { await budget.withReservation(cost: 50) { "ran" } }
        try await Self.eventually { budget.waiting == 1 }
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(budget.waiting == 0)
        await door.openIt()
        _ = await holder.value
        #expect(budget.inUse == 0)
    }

    @Test func theCostOfAPageIsBoundedByTheNodeLimit() {
        let small = ParseBudget.cost(ofParsing: 100_000)
        let bomb = ParseBudget.cost(ofParsing: 10 << 20)
        #expect(small < 12 << 20)
        #expect(bomb == 2 * (10 << 20) + ParseLimits.standard.maxNodes * ParseBudget.bytesPerNode)
        #expect(bomb <= ParseBudget.shared.capacity, "one worst-case page must fit in the shared budget")
        #expect(ParseBudget.cost(ofParsing: 10 << 20, limits: ParseLimits(maxNodes: 1000, maxDepth: 200)) < bomb)
    }
}
