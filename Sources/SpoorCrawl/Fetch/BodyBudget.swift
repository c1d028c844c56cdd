/// The bookkeeping of a fetcher's body budget, without I/O: how many body bytes transfers in
/// flight and results not yet released hold, which transfer may take more, which paused ones
/// to let go next. `ID` names a transfer (the fetcher uses its easy handle).
///
/// Rules:
/// - A transfer may take `count` more bytes if the total held stays within the capacity and no
///   paused transfer is ahead of it: one that already holds bytes keeps going while it fits, a
///   new one queues behind those waiting. Otherwise it is paused and queued (FIFO), with what it
///   wanted.
/// - When bytes are released, paused transfers are let go in order while what they want fits.
/// - Liveness: when the head of the queue cannot fit and nothing else can release bytes (no
///   running transfer holds any, no result is held outside), the head is *privileged*: it may
///   exceed the capacity until it ends. So at most one transfer is over the budget at a time,
///   and the total held stays within `capacity` plus that transfer's body.
struct BodyBudgetLedger<ID: Hashable> {
    /// Bytes that may be held at once.
    let capacity: Int
    /// Bytes held now: by transfers in flight and by results handed over but not released.
    private(set) var held = 0
    /// The most bytes held at any time (an instrument for tests and benchmarks).
    private(set) var maxHeld = 0
    /// How many times a transfer was refused bytes (and paused).
    private(set) var pauses = 0
    /// Bytes held by results handed over and not yet released.
    private(set) var leased = 0
    /// Transfers paused, in the order they will be let go.
    private(set) var waiting: [ID] = []
    /// The transfer allowed past the capacity, if any.
    private(set) var privileged: ID?
    /// Bytes taken by each transfer in flight.
    private var bytes: [ID: Int] = [:]
    /// What each paused transfer asked for when it was refused.
    private var wanted: [ID: Int] = [:]
    /// Paused transfers let go whose next write has not come yet.
    private var resuming: Set<ID> = []

    /// A ledger for `capacity` bytes (at least 1).
    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Bytes the transfer `id` holds now.
    func bytes(of id: ID) -> Int { bytes[id] ?? 0 }

    /// Starts counting for a transfer.
    mutating func register(_ id: ID) {
        if bytes[id] == nil { bytes[id] = 0 }
    }

    /// Whether transfer `id` may take `count` more bytes now; when not, it is counted as paused
    /// (queued if it was not) until ``resumable()`` lets it go.
    mutating func take(_ count: Int, for id: ID) -> Bool {
        let mine = bytes[id] ?? 0
        let queued = waiting.firstIndex(of: id)
        let mayTake: Bool
        if privileged == id {
            mayTake = true
        } else if held + count > capacity {
            mayTake = false
        } else if let queued {
            mayTake = queued == 0 || resuming.contains(id)
        } else {
            mayTake = mine > 0 || waiting.isEmpty
        }
        resuming.remove(id)
        guard mayTake else {
            if queued == nil { waiting.append(id) }
            wanted[id] = count
            pauses += 1
            return false
        }
        if let queued { waiting.remove(at: queued) }
        wanted[id] = nil
        bytes[id] = mine + count
        held += count
        maxHeld = max(maxHeld, held)
        return true
    }

    /// Gives back bytes a transfer dropped (the body of a redirect, before the next response).
    mutating func giveBack(_ count: Int, for id: ID) {
        let returned = min(max(count, 0), bytes[id] ?? 0)
        bytes[id, default: 0] -= returned
        held -= returned
    }

    /// The transfer ended (finished, failed or abandoned); returns the bytes it held. With
    /// `keep`, they stay counted, as held by its result, until ``release(_:)``.
    mutating func finish(_ id: ID, keep: Bool) -> Int {
        let mine = bytes.removeValue(forKey: id) ?? 0
        if let queued = waiting.firstIndex(of: id) { waiting.remove(at: queued) }
        wanted[id] = nil
        resuming.remove(id)
        if privileged == id { privileged = nil }
        if keep { leased += mine } else { held -= mine }
        return mine
    }

    /// A result kept with ``finish(_:keep:)`` let its bytes go.
    mutating func release(_ count: Int) {
        leased -= count
        held -= count
    }

    /// The paused transfers to unpause now, in order: those whose wanted bytes fit, from the
    /// head of the queue; or, when the head cannot fit and nothing else can free bytes, the
    /// head alone, privileged.
    mutating func resumable() -> [ID] {
        guard !waiting.isEmpty else { return [] }
        var room = capacity - held
        var resumed: [ID] = []
        for id in waiting {
            let need = wanted[id] ?? 0
            if resuming.contains(id) {
                room -= need
                continue
            }
            guard need <= room else { break }
            room -= need
            resuming.insert(id)
            resumed.append(id)
        }
        if resumed.isEmpty, resuming.isEmpty, privileged == nil, leased == 0, let head = waiting.first,
           !bytes.contains(where: { $0.value > 0 && !waiting.contains($0.key) }) {
            privileged = head
            resuming.insert(head)
            resumed.append(head)
        }
        return resumed
    }
}

/// The body budget a fetcher's transfers share, thread-safe: the loop thread takes bytes and
/// unpauses transfers, results release their bytes from any thread and wake the loop.
final class FetchBodyBudget: @unchecked Sendable {
    /// A snapshot of the budget's counters.
    struct Statistics: Sendable, Hashable {
        /// Bytes that may be held at once (`Int.max` when unlimited).
        var capacity: Int
        /// Bytes held now.
        var held: Int
        /// The most bytes held at once so far.
        var maxHeld: Int
        /// Writes refused (transfers paused) so far.
        var pauses: Int
        /// Bytes held by results not yet released.
        var leased: Int
        /// Transfers paused now.
        var waiting: Int
    }

    private let ledger: Locked<BodyBudgetLedger<UnsafeMutableRawPointer>>
    private let wake: @Sendable () -> Void

    /// A budget of `capacity` bytes (0 or less: unlimited); `wake` is called when bytes are
    /// released outside the loop thread, so that the loop unpauses who can go on.
    init(capacity: Int, wake: @escaping @Sendable () -> Void) {
        ledger = Locked(BodyBudgetLedger(capacity: capacity > 0 ? capacity : Int.max / 2))
        self.wake = wake
    }

    /// The counters now.
    var statistics: Statistics {
        ledger.withLock {
            Statistics(capacity: $0.capacity, held: $0.held, maxHeld: $0.maxHeld, pauses: $0.pauses,
                       leased: $0.leased, waiting: $0.waiting.count)
        }
    }

    /// Starts counting for a transfer added to the multi handle.
    func register(_ id: UnsafeMutableRawPointer) { ledger.withLock { $0.register(id) } }

    /// Whether the transfer may keep `count` more bytes; when not, the write callback pauses it.
    func take(_ count: Int, for id: UnsafeMutableRawPointer) -> Bool { ledger.withLock { $0.take(count, for: id) } }

    /// Gives back bytes a transfer dropped.
    func giveBack(_ count: Int, for id: UnsafeMutableRawPointer) { ledger.withLock { $0.giveBack(count, for: id) } }

    /// The transfer ended; with `keep`, its bytes stay counted and the returned hold frees them.
    func finish(_ id: UnsafeMutableRawPointer, keep: Bool) -> FetchBodyHold? {
        let bytes = ledger.withLock { $0.finish(id, keep: keep) }
        return keep && bytes > 0 ? FetchBodyHold(bytes: bytes, budget: self) : nil
    }

    /// The paused transfers to unpause now (loop thread).
    func resumable() -> [UnsafeMutableRawPointer] { ledger.withLock { $0.resumable() } }

    /// The transfers paused now, in order.
    var waiting: [UnsafeMutableRawPointer] { ledger.withLock { $0.waiting } }

    /// Frees the bytes of a hold and wakes the loop.
    fileprivate func release(_ bytes: Int) {
        ledger.withLock { $0.release(bytes) }
        wake()
    }
}

/// The body bytes of a fetch result still counted against the fetcher's body budget
/// (``FetcherConfiguration/maxBufferedBodyBytes``), for a request that asked for it
/// (``FetchRequest/holdsBody``): other transfers may be paused until it is released.
///
/// Call ``release()`` when done with the body and what was made from it (its text, its parse);
/// the hold also releases itself when the last reference to it goes. A consumer that keeps
/// held results while it waits for other fetches can stall them: release first.
public final class FetchBodyHold: Sendable {
    /// The bytes held.
    public let bytes: Int
    private let budget: FetchBodyBudget
    private let released = Locked(false)

    fileprivate init(bytes: Int, budget: FetchBodyBudget) {
        self.bytes = bytes
        self.budget = budget
    }

    deinit { release() }

    /// Frees the bytes (once; later calls do nothing); paused transfers may then go on.
    public func release() {
        let first = released.withLock { state -> Bool in
            defer { state = true }
            return !state
        }
        if first { budget.release(bytes) }
    }
}
