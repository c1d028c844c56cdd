import CCurl
import Foundation

/// The one thread that drives libcurl's multi interface for a `Fetcher`: it adds new
/// transfers, runs `curl_multi_perform`, hands finished ones back, unpauses transfers the body
/// budget paused once it has room, and sleeps in `curl_multi_poll` until there is socket
/// activity, a timer, or a `wakeup` (a new transfer, a cancellation, bytes released).
final class FetchLoop: @unchecked Sendable {
    private struct Shared {
        var pending: [Transfer] = []
        var stopping = false
        var stopped = false
    }

    private let multi: CurlMulti
    /// The body budget the transfers share.
    let budget: FetchBodyBudget
    private let shared = Locked(Shared())
    /// Transfers added to the multi handle, by easy handle. Loop thread only.
    private var active: [UnsafeMutableRawPointer: Transfer] = [:]
    private let done = DispatchSemaphore(value: 0)

    /// Makes the multi handle and starts the thread.
    init(configuration: FetcherConfiguration) throws(CrawlError) {
        guard let multi = CurlMulti() else {
            throw CrawlError(.configuration, subject: "fetcher", "libcurl could not make a multi handle")
        }
        self.multi = multi
        self.budget = FetchBodyBudget(capacity: configuration.maxBufferedBodyBytes) { [multi] in multi.wakeup() }
        if configuration.maxConnectionsPerHost > 0 {
            multi.set(CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        }
        if configuration.maxTotalConnections > 0 {
            multi.set(CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxTotalConnections)
        }
        multi.set(CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in run() }
        thread.name = "spoor-fetch"
        thread.start()
    }

    /// Queues a transfer and wakes the loop; `false` if the loop is stopping.
    func submit(_ transfer: Transfer) -> Bool {
        let accepted = shared.withLock { state -> Bool in
            guard !state.stopping else { return false }
            state.pending.append(transfer)
            return true
        }
        if accepted { multi.wakeup() }
        return accepted
    }

    /// Wakes the loop (after a cancellation, so it notices soon).
    func wake() { multi.wakeup() }

    /// Stops the loop: transfers still running end with a transport error. Waits for the thread.
    func stop() {
        let first = shared.withLock { state -> Bool in
            defer { state.stopping = true }
            return !state.stopping
        }
        guard first else { return }
        multi.wakeup()
        done.wait()
    }

    private func run() {
        while true {
            let (incoming, stopping) = shared.withLock { state -> ([Transfer], Bool) in
                defer { state.pending.removeAll() }
                return (state.pending, state.stopping)
            }
            if stopping {
                let error = { (t: Transfer) in CrawlError(.transport, subject: t.request.url, "fetcher shut down") }
                for transfer in incoming { transfer.fail(error(transfer)) }
                for transfer in active.values {
                    multi.remove(transfer.easy)
                    transfer.fail(error(transfer))
                }
                active.removeAll()
                break
            }
            for transfer in incoming {
                if multi.add(transfer.easy) == CURLM_OK {
                    active[transfer.easy.handle] = transfer
                    budget.register(transfer.easy.handle)
                } else {
                    transfer.fail(CrawlError(.transport, subject: transfer.request.url, "libcurl refused the transfer"))
                }
            }
            _ = multi.perform()
            while let (easy, code) = multi.nextDone() {
                guard let transfer = active.removeValue(forKey: easy) else { continue }
                multi.remove(transfer.easy)
                transfer.finish(code)
            }
            resumePaused()
            multi.poll(timeoutMilliseconds: 1000)
        }
        done.signal()
    }

    /// Ends the paused transfers that were cancelled (a paused transfer's callbacks do not run,
    /// so it would not notice), then unpauses those the body budget lets go on, in its order.
    /// Unpausing may run their write callbacks at once, which may pause them again.
    private func resumePaused() {
        let paused = budget.waiting
        guard !paused.isEmpty else { return }
        for handle in paused {
            guard let transfer = active[handle], transfer.isCancelled else { continue }
            active.removeValue(forKey: handle)
            multi.remove(transfer.easy)
            transfer.finish(CURLE_ABORTED_BY_CALLBACK)
        }
        for handle in budget.resumable() {
            guard active[handle] != nil else { continue }
            ccurl_easy_unpause(handle)
        }
    }
}
