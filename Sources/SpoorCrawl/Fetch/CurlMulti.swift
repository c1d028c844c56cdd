import CCurl

/// One libcurl multi handle, freed with `curl_multi_cleanup`. Holds the connection cache
/// shared by every transfer added to it.
///
/// Only `wakeup()` may be called from another thread; everything else runs on the fetcher's
/// loop thread.
final class CurlMulti: @unchecked Sendable {
    /// The raw handle.
    let handle: UnsafeMutableRawPointer

    /// Creates a multi handle; `nil` if libcurl cannot.
    init?() {
        guard CurlGlobal.ensure(), let handle = curl_multi_init() else { return nil }
        self.handle = handle
    }

    deinit {
        curl_multi_cleanup(handle)
    }

    /// Sets a long option.
    @discardableResult
    func set(_ option: CURLMoption, _ value: Int) -> CURLMcode {
        ccurl_multi_setopt_long(handle, option, value)
    }

    /// Adds a transfer.
    @discardableResult
    func add(_ easy: CurlEasy) -> CURLMcode {
        curl_multi_add_handle(handle, easy.handle)
    }

    /// Removes a transfer (finished or abandoned).
    @discardableResult
    func remove(_ easy: CurlEasy) -> CURLMcode {
        curl_multi_remove_handle(handle, easy.handle)
    }

    /// Runs every transfer as far as it can go without blocking; returns how many are still running.
    func perform() -> Int {
        var running: Int32 = 0
        curl_multi_perform(handle, &running)
        return Int(running)
    }

    /// Waits for activity on any transfer, a wakeup, or the timeout (`curl_multi_poll`).
    func poll(timeoutMilliseconds: Int) {
        var numfds: Int32 = 0
        curl_multi_poll(handle, nil, 0, Int32(timeoutMilliseconds), &numfds)
    }

    /// Makes a `poll` in progress return at once; safe from any thread.
    func wakeup() {
        curl_multi_wakeup(handle)
    }

    /// The next finished transfer: its raw easy handle and result code.
    func nextDone() -> (easy: UnsafeMutableRawPointer, result: CURLcode)? {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(handle, &queued) {
            if message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle {
                return (easy, ccurl_msg_result(message))
            }
        }
        return nil
    }
}
