import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) and SIGTERM into a call (cancelling a task, stopping a server), so a
/// long run stops cleanly and still prints its summary. A second signal exits at once.
final class Interrupt {
    private let sources: [any DispatchSourceSignal]
    private let state = State()

    /// Calls `onInterrupt` on the first SIGINT or SIGTERM, for as long as the value lives.
    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "spoor.interrupt")
        let state = self.state
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if state.receive(number) > 1 { exit(128 + number) }
                onInterrupt()
            }
            source.resume()
            return source
        }
    }

    /// The exit code for the signal that stopped the run (130 for SIGINT, 143 for SIGTERM), if any.
    var exitCode: Int32? { state.first.map { 128 + $0 } }

    deinit {
        for source in sources { source.cancel() }
    }

    private final class State: @unchecked Sendable {
        private var count = 0
        private(set) var first: Int32?
        private let lock = NSLock()
        func receive(_ number: Int32) -> Int {
            lock.withLock {
                count += 1
                if first == nil { first = number }
                return count
            }
        }
    }
}
