import CLibXML2

/// A process-wide allowance of memory for parsing pages at once, shared by every scan's parse
/// tasks, so that concurrency cannot multiply the worst case of one page.
///
/// ``ParseLimits`` bound one parse; this bounds them together. Each parse first reserves what it
/// may cost, estimated from its size before anything is built (``cost(ofParsing:limits:)``),
/// and waits, in order of arrival, while the reservations of the parses running would exceed the
/// capacity. A page whose estimate exceeds the capacity reserves all of it and runs alone.
///
/// ```swift
/// let extraction = await ParseBudget.shared.withReservation(cost: ParseBudget.cost(ofParsing: text.utf8.count)) {
///     StructuredData.extract(html: text, url: url)
/// }
/// ```
public final class ParseBudget: Sendable {
    /// The budget the crawler's parses share: 96 MiB, a little more than one worst-case page at
    /// the standard limits (a 10 MiB page whose tree reaches the node limit, about 65 MB).
    public static let shared = ParseBudget(capacity: 96 << 20)

    /// Bytes of estimated parse memory allowed at once.
    public let capacity: Int

    private struct Waiter {
        var id: UInt64
        var cost: Int
        var continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var inUse = 0
        var running = 0
        var waiting: [Waiter] = []
        var nextID: UInt64 = 0
    }

    private let state = Locked(State())

    /// A budget of `capacity` bytes.
    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// What parsing a page of `bytes` UTF-8 bytes may cost at most under `limits`, in bytes: the
    /// text and libxml2's copy of it, plus a tree of at most one node per two bytes (the densest
    /// markup, `<p>a`, is two nodes in four bytes) up to the node limit.
    public static func cost(ofParsing bytes: Int, limits: ParseLimits = .standard) -> Int {
        let nodes = min(limits.maxNodes, bytes / 2 + 64)
        return 2 * bytes + nodes * bytesPerNode
    }

    /// The memory of one node of libxml2's tree with its share of the allocator's overhead: 170
    /// bytes measured on libxml2 2.9.14 for 10 MiB of `<p>a</p>`, 220 with an attribute each.
    static let bytesPerNode = 180

    /// Runs `body` once `cost` bytes (at most the capacity) are reserved, and frees them when it
    /// returns. Returns nil without running `body` when the task is cancelled while it waits.
    public func withReservation<R>(cost: Int, _ body: () async throws -> R) async rethrows -> R? {
        let cost = min(max(cost, 1), capacity)
        guard await acquire(cost) else { return nil }
        defer { release(cost) }
        return try await body()
    }

    /// Bytes reserved by the parses running now.
    public var inUse: Int { state.withLock { $0.inUse } }

    /// Parses running now.
    public var running: Int { state.withLock { $0.running } }

    /// Parses waiting for their reservation.
    public var waiting: Int { state.withLock { $0.waiting.count } }

    /// Waits until `cost` fits (first come, first served); false when cancelled first.
    private func acquire(_ cost: Int) async -> Bool {
        let id: UInt64 = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let granted: Bool? = state.withLock { state in
                    if Task.isCancelled { return false }
                    if state.waiting.isEmpty && state.inUse + cost <= capacity {
                        state.inUse += cost
                        state.running += 1
                        return true
                    }
                    state.waiting.append(Waiter(id: id, cost: cost, continuation: continuation))
                    return nil
                }
                if let granted { continuation.resume(returning: granted) }
            }
        } onCancel: {
            let cancelled: Waiter? = state.withLock { state in
                guard let index = state.waiting.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiting.remove(at: index)
            }
            cancelled?.continuation.resume(returning: false)
            // The head of the queue may fit now that a waiter ahead of it left.
            self.admitWaiting()
        }
    }

    /// Frees a reservation and lets in the waiters that now fit.
    private func release(_ cost: Int) {
        state.withLock { state in
            state.inUse -= cost
            state.running -= 1
        }
        admitWaiting()
    }

    /// Grants the waiters at the head of the queue that fit, in order.
    private func admitWaiting() {
        let granted: [Waiter] = state.withLock { state in
            var granted: [Waiter] = []
            while let first = state.waiting.first, state.inUse + first.cost <= capacity {
                state.waiting.removeFirst()
                state.inUse += first.cost
                state.running += 1
                granted.append(first)
            }
            return granted
        }
        for waiter in granted { waiter.continuation.resume(returning: true) }
    }
}

extension ParseBudget {
    /// Sets the C allocator up for a process that crawls (call it once, early, from the
    /// executable; a library should not): with glibc, at most two malloc arenas and fixed mmap
    /// and trim thresholds of 1 MiB, so the megabyte buffers of bodies and the trees of big
    /// pages go back to the system when freed instead of staying in each thread's arena. On
    /// `benchmarks/markup-bomb.sh` this lowers the peak by about a quarter (210 to 150 MB with
    /// two pages at a time); the demo crawl's speed is unchanged. Does nothing elsewhere.
    public static func tuneAllocatorForCrawling() {
        spoor_malloc_tune_for_crawling()
    }
}
