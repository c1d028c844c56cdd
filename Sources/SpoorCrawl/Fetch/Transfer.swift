#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CCurl

/// One fetch in flight: its easy handle, what the callbacks have received so far, and the
/// continuation waiting for the result.
///
/// `@unchecked Sendable`: it is built on the caller's task, then handed to the loop thread,
/// which alone touches the handle and the received state until it resumes the continuation.
/// Only `cancelled` is shared, behind a lock.
final class Transfer: @unchecked Sendable {
    let easy: CurlEasy
    let request: FetchRequest
    let limits: FetchLimits
    let policy: AddressPolicy
    /// The body budget shared with the other transfers of the fetcher.
    let budget: FetchBodyBudget
    private let cancelledFlag = Locked(false)
    private var continuation: CheckedContinuation<FetchResult, Never>?

    // Filled by the callbacks on the loop thread.
    private var body: [UInt8] = []
    private var headers: [FetchHeader] = []
    private var headerBytes = 0
    private var cutBy: (truncation: FetchTruncation, message: String)?
    private var blocked: (address: String, restriction: String)?
    // The redirect chain, as the header callback sees it: the URLs answered so far, the status
    // of the response being received, where it redirects (once its Location arrived), and the
    // URL a redirect led back to, which stopped the transfer.
    private var chain: Set<String> = []
    private var responseStatus = 0
    private var redirectTarget: String?
    private var loopsBackTo: String?

    /// Makes the handle for a request; throws `.badURL` for what is not an http(s) URL.
    init(request: FetchRequest, configuration: FetcherConfiguration, budget: FetchBodyBudget) throws(CrawlError) {
        guard let url = CurlURL(request.url) else {
            throw CrawlError(.badURL, subject: request.url, "not a URL the fetcher can parse")
        }
        guard url.scheme == "http" || url.scheme == "https" else {
            throw CrawlError(.badURL, subject: request.url, "only http and https URLs are fetched, not \(url.scheme)")
        }
        guard let easy = CurlEasy() else {
            throw CrawlError(.transport, subject: request.url, "libcurl could not make a handle")
        }
        self.easy = easy
        self.request = request
        self.limits = request.limits ?? configuration.limits
        self.policy = AddressPolicy(allowHosts: configuration.allowHosts)
        self.budget = budget
        configure(configuration)
    }

    /// Sets every option: URL, limits, protocols, callbacks with this transfer as their context.
    private func configure(_ configuration: FetcherConfiguration) {
        easy.set(CURLOPT_URL, request.url)
        easy.set(CURLOPT_NOSIGNAL, true)
        easy.set(CURLOPT_PROXY, "")  // never a proxy from the environment: the SSRF guard sees real peers
        easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        easy.set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        easy.set(CURLOPT_FOLLOWLOCATION, true)
        easy.set(CURLOPT_MAXREDIRS, limits.maxRedirects)
        easy.set(CURLOPT_ACCEPT_ENCODING, "")
        easy.set(CURLOPT_USERAGENT, configuration.userAgent)
        easy.set(CURLOPT_HTTP_VERSION, Int(configuration.http2 ? CURL_HTTP_VERSION_2TLS : CURL_HTTP_VERSION_1_1))
        easy.set(CURLOPT_PIPEWAIT, true)
        easy.set(CURLOPT_BUFFERSIZE, Transfer.receiveBufferSize)
        easy.set(CURLOPT_SSL_VERIFYPEER, configuration.verifyTLS)
        easy.set(CURLOPT_SSL_VERIFYHOST, configuration.verifyTLS ? 2 : 0)
        if let caBundle = configuration.caBundle { easy.set(CURLOPT_CAINFO, caBundle) }
        easy.set(CURLOPT_CONNECTTIMEOUT_MS, limits.connectTimeout.spoorMilliseconds)
        easy.set(CURLOPT_TIMEOUT_MS, limits.totalTimeout.spoorMilliseconds)
        easy.set(CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedBytesPerSecond)
        easy.set(CURLOPT_LOW_SPEED_TIME, max(1, Int(limits.lowSpeedTime.components.seconds)))
        if request.method == .head { easy.set(CURLOPT_NOBODY, true) }

        var lines = request.extraHeaders
        if let etag = request.ifNoneMatch { lines.append("If-None-Match: \(etag)") }
        if let date = request.ifModifiedSince { lines.append("If-Modified-Since: \(date)") }
        if !lines.isEmpty { easy.setHeaders(lines) }

        let context = Unmanaged.passUnretained(self).toOpaque()
        ccurl_easy_setopt_write_function(easy.handle, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.receiveBody(buffer, size * count)
        }
        easy.set(CURLOPT_WRITEDATA, pointer: context)
        ccurl_easy_setopt_write_function(easy.handle, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.receiveHeader(buffer, size * count)
        }
        easy.set(CURLOPT_HEADERDATA, pointer: context)
        ccurl_easy_setopt_opensocket_function(easy.handle) { context, purpose, address in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.openSocket(purpose, address!)
        }
        easy.set(CURLOPT_OPENSOCKETDATA, pointer: context)
        ccurl_easy_setopt_xferinfo_function(easy.handle) { context, _, _, _, _ in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            return transfer.isCancelled ? 1 : 0
        }
        easy.set(CURLOPT_XFERINFODATA, pointer: context)
        easy.set(CURLOPT_NOPROGRESS, false)
    }

    /// Sets the continuation the result goes to; call before handing the transfer to the loop.
    func attach(_ continuation: CheckedContinuation<FetchResult, Never>) {
        self.continuation = continuation
    }

    /// Asks the transfer to stop at its next progress callback; safe from any thread.
    func cancel() { cancelledFlag.withLock { $0 = true } }

    /// Whether `cancel()` was called.
    var isCancelled: Bool { cancelledFlag.withLock { $0 } }

    // MARK: Callbacks (loop thread)

    /// The write callback: keeps body bytes up to the limit; returning less than `count` aborts.
    /// When the fetcher's body budget has no room, pauses the transfer without keeping anything:
    /// libcurl delivers the same bytes again when the loop unpauses it.
    private func receiveBody(_ buffer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0, let buffer else { return count }
        let room = limits.maxBodyBytes - body.count
        let kept = min(count, max(room, 0))
        if kept > 0, !budget.take(kept, for: easy.handle) { return ccurl_writefunc_pause() }
        let raw = UnsafeRawBufferPointer(start: buffer, count: kept)
        body.append(contentsOf: raw)
        if count > room {
            cutBy = (.length, "body exceeds \(limits.maxBodyBytes) bytes")
            return 0
        }
        return count
    }

    /// The header callback: one line at a time; a status line starts a new response (a redirect
    /// or a 1xx), whose headers replace the previous ones.
    private func receiveHeader(_ buffer: UnsafeMutablePointer<CChar>?, _ count: Int) -> Int {
        guard count > 0, let buffer else { return count }
        headerBytes += count
        if headerBytes > limits.maxHeaderBytes {
            cutBy = (.length, "response headers exceed \(limits.maxHeaderBytes) bytes")
            return 0
        }
        var line = String(decoding: UnsafeRawBufferPointer(start: buffer, count: count), as: UTF8.self)
        while let last = line.last, last == "\r\n" || last == "\n" || last == "\r" { line.removeLast() }
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            if !body.isEmpty { budget.giveBack(body.count, for: easy.handle) }
            body.removeAll()
            responseStatus = Transfer.statusCode(ofStatusLine: line)
            redirectTarget = nil
            if let url = CurlURL.normalized(easy.string(CURLINFO_EFFECTIVE_URL) ?? request.url) { chain.insert(url) }
        } else if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
            headers[headers.count - 1].value += " " + String(Substring(line).trimmingSpaces)
        } else if let colon = line.firstIndex(of: ":") {
            let name = String(line[..<colon])
            let value = String(line[line.index(after: colon)...].trimmingSpaces)
            headers.append(FetchHeader(name, value))
            if Transfer.followedStatuses.contains(responseStatus), name.lowercased() == "location", redirectTarget == nil {
                return noteRedirect(to: value) ? count : 0
            }
        }
        return count
    }

    /// Bytes libcurl reads from the socket at a time (`CURLOPT_BUFFERSIZE`, its minimum), not its
    /// default 16 KiB: when the body budget pauses a transfer, libcurl 7.88 still inflates the
    /// rest of the compressed block it read and keeps the output, outside the budget. A block
    /// bounds that: 1 KiB of gzip inflates to 1 MiB at most (430 KiB for `<p>a</p>`), 16 KiB to
    /// 16 MiB. On `benchmarks/markup-bomb.sh --per-host 32` this is the difference between a
    /// peak of about 240 MB and 170 MB; the demo crawl takes the same time.
    static let receiveBufferSize = 1024

    /// The statuses whose `Location` libcurl follows.
    private static let followedStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// Records where the response being received redirects; `false` (stop the transfer) when
    /// that URL was already answered in this chain: a loop, which would only run to the limit.
    private func noteRedirect(to location: String) -> Bool {
        let base = easy.string(CURLINFO_EFFECTIVE_URL) ?? request.url
        let target = CurlURL.resolve(location, against: base) ?? location
        redirectTarget = target
        guard chain.contains(target) else { return true }
        loopsBackTo = target
        return false
    }

    /// The code of a status line (`HTTP/1.1 302 Found`, `HTTP/2 200`), 0 if it has none.
    static func statusCode(ofStatusLine line: String) -> Int {
        let fields = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard fields.count >= 2, fields[1].utf8.count == 3, let code = Int(fields[1]) else { return 0 }
        return code
    }

    /// The open-socket callback: the SSRF guard. Refuses an address the policy does not permit
    /// for the host being connected to (the current URL, after any redirect).
    private func openSocket(_ purpose: curlsocktype, _ address: UnsafeMutablePointer<curl_sockaddr>) -> curl_socket_t {
        let family = address.pointee.family
        let raw = UnsafeRawPointer(address.pointer(to: \.addr)!)
        var bytes: [UInt8] = []
        var text = ""
        if family == AF_INET {
            let addr = raw.loadUnaligned(as: sockaddr_in.self).sin_addr
            bytes = withUnsafeBytes(of: addr) { Array($0) }
            text = Transfer.format(family: AF_INET, bytes)
        } else if family == AF_INET6 {
            let addr = raw.loadUnaligned(as: sockaddr_in6.self).sin6_addr
            bytes = withUnsafeBytes(of: addr) { Array($0) }
            text = Transfer.format(family: AF_INET6, bytes)
        }
        let currentURL = easy.string(CURLINFO_EFFECTIVE_URL) ?? request.url
        let host = CurlURL(currentURL)?.host ?? ""
        if bytes.isEmpty || !policy.permits(addressBytes: bytes, host: host) {
            let restriction = AddressPolicy.restriction(ofBytes: bytes)?.rawValue ?? "unknown family"
            blocked = (text.isEmpty ? "family \(family)" : text, restriction)
            return ccurl_socket_bad()
        }
        return socket(family, address.pointee.socktype, address.pointee.protocol)
    }

    /// An address in text form (`10.0.0.1`, `::1`), from its 4 or 16 bytes.
    private static func format(family: Int32, _ bytes: [UInt8]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = bytes.withUnsafeBytes { raw in
            buffer.withUnsafeMutableBufferPointer { inet_ntop(family, raw.baseAddress, $0.baseAddress, socklen_t($0.count)) }
        }
        guard written != nil else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: Completion (loop thread)

    /// Builds the result from the finished handle and resumes the waiting task. Runs once.
    /// The body's bytes leave the budget now, or, if the request holds its body, when the
    /// result's ``FetchResult/bodyHold`` is released.
    func finish(_ code: CURLcode) {
        let hold = budget.finish(easy.handle, keep: request.holdsBody)
        guard let continuation else { return }
        self.continuation = nil
        var result = makeResult(code)
        result.bodyHold = hold
        continuation.resume(returning: result)
    }

    /// Resumes the waiting task with an error, without a transfer having run (shutdown).
    func fail(_ error: CrawlError) {
        _ = budget.finish(easy.handle, keep: false)
        guard let continuation else { return }
        self.continuation = nil
        continuation.resume(returning: FetchResult(requestURL: request.url, error: error))
    }

    private func makeResult(_ code: CURLcode) -> FetchResult {
        let finalURL = easy.string(CURLINFO_EFFECTIVE_URL) ?? request.url
        var result = FetchResult(requestURL: request.url, finalURL: finalURL)
        result.status = easy.long(CURLINFO_RESPONSE_CODE) ?? 0
        result.headers = headers
        result.body = body
        result.contentType = easy.string(CURLINFO_CONTENT_TYPE)
        result.remoteIP = easy.string(CURLINFO_PRIMARY_IP).flatMap { $0.isEmpty ? nil : $0 }
        result.redirectCount = easy.long(CURLINFO_REDIRECT_COUNT) ?? 0
        func time(_ info: CURLINFO) -> Duration { .microseconds(easy.offT(info) ?? 0) }
        result.timings.nameLookup = time(CURLINFO_NAMELOOKUP_TIME_T)
        result.timings.connect = time(CURLINFO_CONNECT_TIME_T)
        result.timings.tlsHandshake = time(CURLINFO_APPCONNECT_TIME_T)
        result.timings.firstByte = time(CURLINFO_STARTTRANSFER_TIME_T)
        result.timings.total = time(CURLINFO_TOTAL_TIME_T)
        result.timings.redirect = time(CURLINFO_REDIRECT_TIME_T)
        if code != CURLE_OK {
            result.error = error(for: code)
            result.transportFailure = failure(for: code)
            if let cutBy {
                result.truncation = cutBy.truncation
            } else if result.status > 0, redirectTarget == nil, result.transportFailure != .badResponse {
                // A body cut short. Not so when the transfer failed while following a redirect
                // (the last status is the 3xx's: no body of the final response arrived), nor
                // when the reply was not HTTP.
                result.truncation = code == CURLE_OPERATION_TIMEDOUT ? .time : .disconnect
            }
        }
        if request.method == .get, Transfer.isTextual(result.contentType), !body.isEmpty || result.error == nil {
            let decoded = CharsetDecoder.decode(body, contentType: result.contentType)
            result.text = decoded.text
            result.charset = decoded.charset
            result.charsetSource = decoded.source
            result.declaredCharset = decoded.declared
        }
        return result
    }

    /// Whether a content type is text to decode (missing counts as text: sniffing is the extractor's job).
    static func isTextual(_ contentType: String?) -> Bool {
        guard let type = contentType?.lowercased() else { return true }
        return type.hasPrefix("text/") || type.contains("html") || type.contains("xml")
            || type.contains("json") || type.contains("javascript")
    }

    /// The kind of failure, as the politeness scheduler's retry policy reads it: timeouts, resets
    /// and refused connections may pass; refusals by our own limits and guard, redirect loops and
    /// over-long chains, and replies that are not HTTP will not.
    private func failure(for code: CURLcode) -> TransportFailure {
        if cutBy != nil || loopsBackTo != nil || (blocked != nil && code == CURLE_COULDNT_CONNECT) { return .refusedByPolicy }
        switch code {
        case CURLE_WEIRD_SERVER_REPLY: return .badResponse
        case CURLE_UNSUPPORTED_PROTOCOL where !isRedirectToOtherScheme: return .badResponse
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_COULDNT_CONNECT: return .connectionRefused
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connectionReset
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .dns
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
             CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH:
            return .tls
        case CURLE_TOO_MANY_REDIRECTS, CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_FILESIZE_EXCEEDED:
            return .refusedByPolicy
        default: return .other
        }
    }

    /// Whether the transfer failed following a redirect to a scheme other than http(s).
    private var isRedirectToOtherScheme: Bool {
        guard let redirectTarget, let scheme = CurlURL.scheme(of: redirectTarget) else { return false }
        return scheme != "http" && scheme != "https"
    }

    /// The CrawlError for a failed transfer.
    private func error(for code: CURLcode) -> CrawlError {
        let subject = request.url
        let detail = easy.errorMessage ?? String(cString: curl_easy_strerror(code))
        if let loopsBackTo {
            return CrawlError(.redirectLoop, subject: subject,
                              "redirect loop: \(loopsBackTo) again after \(easy.long(CURLINFO_REDIRECT_COUNT) ?? 0) redirects",
                              cause: detail)
        }
        // A refused address fails the connect; if another address of the host connected, the
        // refusal is not why the transfer failed.
        if let blocked, code == CURLE_COULDNT_CONNECT {
            if let redirectTarget {
                return CrawlError(.ssrfRefused, subject: subject,
                                  "redirect to \(redirectTarget) refused: \(blocked.address) is \(blocked.restriction)", cause: detail)
            }
            return CrawlError(.blockedAddress, subject: subject,
                              "refused to connect to \(blocked.address) (\(blocked.restriction))", cause: detail)
        }
        if let cutBy { return CrawlError(.limitExceeded, subject: subject, cutBy.message, cause: detail) }
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return CrawlError(.limitExceeded, subject: subject, "time limit reached", cause: detail)
        case CURLE_TOO_MANY_REDIRECTS:
            return CrawlError(.tooManyRedirects, subject: subject, "more than \(limits.maxRedirects) redirects", cause: detail)
        case CURLE_UNSUPPORTED_PROTOCOL where isRedirectToOtherScheme:
            return CrawlError(.ssrfRefused, subject: subject,
                              "redirect to \(redirectTarget ?? "?") refused: only http and https are followed", cause: detail)
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_WEIRD_SERVER_REPLY:
            // The initial URL's scheme was checked before the transfer: what libcurl could not
            // read here is the reply (no status line, which it takes for HTTP/0.9, or a garbled one).
            let which = redirectTarget.map { "the reply from \($0)" } ?? "the reply"
            return CrawlError(.badResponse, subject: subject, "\(which) is not a valid HTTP response", cause: detail)
        case CURLE_URL_MALFORMAT:
            return CrawlError(.badURL, subject: subject, "URL or redirect target not fetchable", cause: detail)
        case CURLE_BAD_CONTENT_ENCODING:
            return CrawlError(.decoding, subject: subject, "content encoding could not be decoded", cause: detail)
        case CURLE_ABORTED_BY_CALLBACK where isCancelled:
            return CrawlError(.transport, subject: subject, "cancelled", cause: detail)
        default:
            return CrawlError(.transport, subject: subject, "transfer failed", cause: detail)
        }
    }
}
