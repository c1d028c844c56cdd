/// A seen-set in memory.
public struct InMemorySeenURLs: SeenURLStore {
    private var keys: Set<String> = []

    /// An empty set.
    public init() {}

    /// Adds `key`; `true` if it was new.
    public mutating func insert(_ key: String) throws(CrawlError) -> Bool { keys.insert(key).inserted }
    /// Whether `key` was added before.
    public func contains(_ key: String) throws(CrawlError) -> Bool { keys.contains(key) }
    /// How many keys were added.
    public var count: Int { keys.count }
}

/// A frontier queue in memory: per host, priorities highest first and FIFO within a priority;
/// hosts take turns.
public struct InMemoryFrontierQueue: FrontierQueue {
    private var byHost: [String: HostEntries] = [:]
    private var hostOrder: [String] = []
    private var cursor = 0
    /// Entries waiting, over all hosts.
    public private(set) var count = 0

    /// An empty queue.
    public init() {}

    /// Adds an entry behind its host's entries of the same priority.
    public mutating func push(_ entry: FrontierEntry) throws(CrawlError) {
        let host = entry.url.hostKey
        if byHost[host] == nil {
            byHost[host] = HostEntries()
            hostOrder.append(host)
        }
        byHost[host]!.push(entry)
        count += 1
    }

    /// The next entry of the next host (in turn) for which `hostFilter` is `true`.
    public mutating func pop(where hostFilter: (String) -> Bool) throws(CrawlError) -> FrontierEntry? {
        for step in 0..<hostOrder.count {
            let index = (cursor + step) % hostOrder.count
            let host = hostOrder[index]
            guard hostFilter(host), let entry = byHost[host]?.pop() else { continue }
            count -= 1
            if byHost[host]!.isEmpty {
                byHost[host] = nil
                hostOrder.remove(at: index)
                cursor = hostOrder.isEmpty ? 0 : index % hostOrder.count
            } else {
                cursor = (index + 1) % hostOrder.count
            }
            return entry
        }
        return nil
    }

    /// Entries waiting for `host`.
    public func count(forHost host: String) -> Int { byHost[host]?.count ?? 0 }

    private struct HostEntries: Sendable {
        var queues: [Int: FIFO<FrontierEntry>] = [:]
        var priorities: [Int] = []  // descending
        var count = 0
        var isEmpty: Bool { count == 0 }

        mutating func push(_ entry: FrontierEntry) {
            if queues[entry.priority] == nil {
                queues[entry.priority] = FIFO()
                let at = priorities.firstIndex { $0 < entry.priority } ?? priorities.endIndex
                priorities.insert(entry.priority, at: at)
            }
            queues[entry.priority]!.append(entry)
            count += 1
        }

        mutating func pop() -> FrontierEntry? {
            guard let top = priorities.first, let entry = queues[top]?.popFirst() else { return nil }
            count -= 1
            if queues[top]!.isEmpty {
                queues[top] = nil
                priorities.removeFirst()
            }
            return entry
        }
    }
}
