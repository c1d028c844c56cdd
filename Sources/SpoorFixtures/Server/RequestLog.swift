import NIOConcurrencyHelpers
import NIOCore

/// One request the fixture server received, and what it did about it.
public struct RequestRecord: Sendable, Hashable {
    /// What the server did.
    public enum Outcome: String, Sendable, Hashable {
        /// Still being answered (slow body) or hanging.
        case inFlight = "in-flight"
        /// A complete response was sent.
        case responded
        /// The connection was reset (RST) on purpose.
        case reset
        /// The connection closed before the response was complete (the client gave up on a
        /// hang or a slow body).
        case closedEarly = "closed-early"
    }

    /// The record's number, in arrival order from 0 (numbers keep counting after `clear()`).
    public var id: Int
    /// The site's name.
    public var site: String
    /// The address the site listens on (`127.0.0.3`).
    public var host: String
    /// The port the site listens on.
    public var port: Int
    /// The connection the request came on, numbered per server from 0.
    public var connection: Int
    /// The method.
    public var method: String
    /// The request target (path and query).
    public var target: String
    /// The request headers, names lower-cased.
    public var headers: [FixtureRequest.Header]
    /// When the request head arrived, monotonic nanoseconds.
    public var received: UInt64
    /// When the response was complete or the connection ended, monotonic nanoseconds.
    public var finished: UInt64?
    /// The status sent, `nil` if none was (hang, reset).
    public var status: Int?
    /// What the server did.
    public var outcome: Outcome

    /// The first value of a request header.
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name == name }?.value
    }

    /// The `User-Agent` sent.
    public var userAgent: String? { header("user-agent") }
    /// The `If-None-Match` sent.
    public var ifNoneMatch: String? { header("if-none-match") }
    /// The `If-Modified-Since` sent.
    public var ifModifiedSince: String? { header("if-modified-since") }
    /// The `Accept-Encoding` sent.
    public var acceptEncoding: String? { header("accept-encoding") }
}

/// Every request a `FixtureServer` received, for tests that check what a crawler sent and how
/// politely: gaps between requests to a host, how many were in flight at once. Thread-safe.
public final class RequestLog: Sendable {
    private struct State {
        var records: [RequestRecord] = []
        var nextConnection = 0
        var nextID = 0
    }

    private let state = NIOLockedValueBox(State())

    /// Creates an empty log.
    public init() {}

    /// The current monotonic time in nanoseconds, the clock of `received` and `finished`.
    public static func now() -> UInt64 { NIODeadline.now().uptimeNanoseconds }

    /// All records so far, in arrival order.
    public var records: [RequestRecord] { state.withLockedValue { $0.records } }

    /// The records for one site, in arrival order.
    public func records(site: String) -> [RequestRecord] {
        state.withLockedValue { $0.records.filter { $0.site == site } }
    }

    /// The records whose target path (before `?`) is `path`.
    public func records(path: String) -> [RequestRecord] {
        state.withLockedValue { $0.records.filter { $0.target.prefix { $0 != "?" } == path } }
    }

    /// Forgets every record (record and connection numbers keep counting).
    public func clear() { state.withLockedValue { $0.records.removeAll() } }

    /// The time between consecutive request arrivals at a site.
    public func gaps(site: String) -> [Duration] {
        let times = records(site: site).map(\.received)
        return zip(times, times.dropFirst()).map { .nanoseconds(Int64($1) - Int64($0)) }
    }

    /// The most requests to a site that were in flight at the same moment (received, not yet finished).
    public func maxInFlight(site: String) -> Int {
        var events: [(time: UInt64, delta: Int)] = []
        for record in records(site: site) {
            events.append((record.received, 1))
            events.append((record.finished ?? UInt64.max, -1))
        }
        // At equal times, ends before starts: back-to-back requests are not concurrent.
        events.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var current = 0
        var most = 0
        for event in events {
            current += event.delta
            most = max(most, current)
        }
        return most
    }

    /// The number of distinct connections a site's requests came on.
    public func connectionCount(site: String) -> Int {
        Set(records(site: site).map(\.connection)).count
    }

    /// A new connection number.
    func nextConnection() -> Int {
        state.withLockedValue { state in
            defer { state.nextConnection += 1 }
            return state.nextConnection
        }
    }

    /// Records a request's arrival; returns its id.
    func begin(site: String, host: String, port: Int, connection: Int, request: FixtureRequest) -> Int {
        state.withLockedValue { state in
            // The clock is read under the lock, so arrival order and time order agree.
            let now = RequestLog.now()
            let id = state.nextID
            state.nextID += 1
            state.records.append(RequestRecord(
                id: id, site: site, host: host, port: port, connection: connection, method: request.method,
                target: request.target, headers: request.headers, received: now, finished: nil, status: nil,
                outcome: .inFlight))
            return id
        }
    }

    /// Records the end of a request, once; later calls for the same id are ignored.
    func end(_ id: Int, status: Int?, outcome: RequestRecord.Outcome) {
        state.withLockedValue { state in
            let now = RequestLog.now()
            guard let index = state.records.lastIndex(where: { $0.id == id }),
                  state.records[index].finished == nil else { return }
            state.records[index].finished = now
            state.records[index].status = status
            state.records[index].outcome = outcome
        }
    }
}
