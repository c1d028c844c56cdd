import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) and SIGTERM into a call (cancelling a task, stopping a server), so a
/// long run stops cleanly and still prints its summary. A second Ctrl-C exits at once.
final class Interrupt {
    private let sources: [any DispatchSourceSignal]

    /// Calls `onInterrupt` on the first SIGINT or SIGTERM, for as long as the value lives.
    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        let queue = DispatchQueue(label: "spoor.interrupt")
        let count = Counter()
        sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if count.increment() > 1 { exit(130) }
                onInterrupt()
            }
            source.resume()
            return source
        }
    }

    deinit {
        for source in sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func increment() -> Int { lock.withLock { value += 1; return value } }
    }
}
