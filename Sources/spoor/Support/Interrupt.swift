import Dispatch
import Foundation
import SpoorCrawl

/// Turns Ctrl-C (SIGINT) and SIGTERM into a call (cancelling a task, stopping a server), so a
/// long run stops cleanly and still prints its summary. A second signal exits at once.
final class Interrupt {
    private let sources: [any DispatchSourceSignal]
    /// Signals received so far, and the first one.
    private let state = Locked<(count: Int, first: Int32?)>((0, nil))

    /// Calls `onInterrupt` on the first SIGINT or SIGTERM, for as long as the value lives.
    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "spoor.interrupt")
        let state = self.state
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let count = state.withLock { received in
                    received.count += 1
                    if received.first == nil { received.first = number }
                    return received.count
                }
                if count > 1 { exit(128 + number) }
                onInterrupt()
            }
            source.resume()
            return source
        }
    }

    /// The exit code for the signal that stopped the run (130 for SIGINT, 143 for SIGTERM), if any.
    var exitCode: Int32? { state.withLock { $0.first }.map { 128 + $0 } }

    deinit {
        for source in sources { source.cancel() }
    }
}
