#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SpoorCrawl

/// Turns Ctrl-C (SIGINT) and SIGTERM into a call (cancelling a task, stopping a server), so a
/// long run stops cleanly and still prints its summary. A second signal exits at once, with
/// 128 + its number (130 for SIGINT, 143 for SIGTERM), however busy the process is.
///
/// The signals are caught by a real `sigaction` handler, which does only async-signal-safe
/// things: the first signal writes its number to a pipe and arms the second handler, which
/// calls `_exit`. A thread of its own reads the pipe and calls `onInterrupt`, so neither the
/// clean stop nor the hard one waits for a free worker of a busy thread pool (with both cores
/// parsing, a handler run on a dispatch queue took 4.3 s).
final class Interrupt {
    /// Signals received so far (as the reader thread saw them), and the first one.
    private let state = Locked<(count: Int, first: Int32?)>((0, nil))
    private let readEnd: Int32
    private let writeEnd: Int32
    private var previous: [Int32: sigaction] = [:]

    /// The signals caught (the handlers name them directly).
    private static let signals: [Int32] = [SIGINT, SIGTERM]

    /// Calls `onInterrupt` on the first SIGINT or SIGTERM, for as long as the value lives.
    init(_ onInterrupt: @escaping @Sendable () -> Void) {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        readEnd = fds[0]
        writeEnd = fds[1]
        interruptPipe = writeEnd
        let state = self.state
        let readEnd = self.readEnd
        if readEnd >= 0 {
            let reader = Thread {
                var number: Int32 = 0
                while true {
                    let count = withUnsafeMutableBytes(of: &number) { read(readEnd, $0.baseAddress, $0.count) }
                    if count < 0 && errno == EINTR { continue }
                    guard count == MemoryLayout<Int32>.size else {  // the write end closed
                        close(readEnd)
                        return
                    }
                    let seen = state.withLock { received in
                        received.count += 1
                        if received.first == nil { received.first = number }
                        return received.count
                    }
                    // Two signals at once on two threads both ran the first handler.
                    if seen > 1 { _exit(128 + number) }
                    onInterrupt()
                }
            }
            reader.name = "spoor.interrupt"
            reader.start()
        }
        for number in Self.signals {
            var action = Self.action(firstSignalHandler)
            var old = sigaction()
            sigaction(number, &action, &old)
            previous[number] = old
        }
    }

    /// The exit code for the signal that stopped the run (130 for SIGINT, 143 for SIGTERM), if any.
    var exitCode: Int32? { state.withLock { $0.first }.map { 128 + $0 } }

    deinit {
        for number in Self.signals {
            if var old = previous[number] { sigaction(number, &old, nil) }
        }
        interruptPipe = -1
        if writeEnd >= 0 { close(writeEnd) }  // the reader sees the end and returns
    }

    /// A `sigaction` running `handler`, with both signals blocked while it runs. No arrays or
    /// other heap values: the handlers call it.
    fileprivate static func action(_ handler: @convention(c) (Int32) -> Void) -> sigaction {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        sigaddset(&action.sa_mask, SIGINT)
        sigaddset(&action.sa_mask, SIGTERM)
        action.sa_flags = 0
        return action
    }
}

/// The pipe's write end the first handler writes to (-1 when no `Interrupt` lives). Set before
/// the handlers are installed and after they are removed, only read inside them.
nonisolated(unsafe) private var interruptPipe: Int32 = -1

/// The first signal: hands its number to the reader thread and makes the next one exit.
/// Async-signal-safe only: `sigaction`, `write`, `_exit`.
private func firstSignalHandler(_ number: Int32) {
    var second = Interrupt.action(secondSignalHandler)
    sigaction(SIGINT, &second, nil)
    sigaction(SIGTERM, &second, nil)
    var value = number
    let saved = errno
    if interruptPipe < 0 || withUnsafeBytes(of: &value, { write(interruptPipe, $0.baseAddress, $0.count) }) != MemoryLayout<Int32>.size {
        _exit(128 + number)  // nobody to tell: stop now rather than ignore the signal
    }
    errno = saved
}

/// A signal after the first: exit at once, without running anything else.
private func secondSignalHandler(_ number: Int32) {
    _exit(128 + number)
}
