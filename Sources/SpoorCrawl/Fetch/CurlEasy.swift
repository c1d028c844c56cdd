import CCurl

/// One libcurl easy handle, freed with `curl_easy_cleanup` when the value goes away.
///
/// Not thread-safe: the fetcher only touches a handle on the thread that adds it to the
/// multi handle, or before it is added.
final class CurlEasy {
    /// The raw handle.
    let handle: UnsafeMutableRawPointer
    /// The header list given to `CURLOPT_HTTPHEADER`, kept alive as long as the handle.
    private var headerList: CurlHeaderList?
    /// libcurl's error buffer (`CURLOPT_ERRORBUFFER`), CURL_ERROR_SIZE bytes.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates a handle; `nil` if libcurl cannot (out of memory, failed global init).
    init?() {
        guard CurlGlobal.ensure(), let handle = curl_easy_init() else { return nil }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        ccurl_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// Sets a long option.
    @discardableResult
    func set(_ option: CURLoption, _ value: Int) -> CURLcode {
        ccurl_easy_setopt_long(handle, option, value)
    }

    /// Sets a boolean option (as 0 or 1).
    @discardableResult
    func set(_ option: CURLoption, _ value: Bool) -> CURLcode {
        ccurl_easy_setopt_long(handle, option, value ? 1 : 0)
    }

    /// Sets a string option; libcurl copies it.
    @discardableResult
    func set(_ option: CURLoption, _ value: String) -> CURLcode {
        ccurl_easy_setopt_string(handle, option, value)
    }

    /// Sets a curl_off_t option.
    @discardableResult
    func set(_ option: CURLoption, offT value: Int64) -> CURLcode {
        ccurl_easy_setopt_off_t(handle, option, curl_off_t(value))
    }

    /// Sets a data pointer option.
    @discardableResult
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) -> CURLcode {
        ccurl_easy_setopt_pointer(handle, option, value)
    }

    /// Sets the request headers; the handle keeps the list alive.
    func setHeaders(_ headers: [String]) {
        let list = CurlHeaderList(headers)
        ccurl_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list.list)
        headerList = list
    }

    /// A long info item, or `nil`.
    func long(_ info: CURLINFO) -> Int? {
        var value = 0
        return ccurl_easy_getinfo_long(handle, info, &value) == CURLE_OK ? value : nil
    }

    /// A curl_off_t info item, or `nil`.
    func offT(_ info: CURLINFO) -> Int64? {
        var value: curl_off_t = 0
        return ccurl_easy_getinfo_off_t(handle, info, &value) == CURLE_OK ? Int64(value) : nil
    }

    /// A string info item, copied, or `nil`.
    func string(_ info: CURLINFO) -> String? {
        var value: UnsafePointer<CChar>?
        guard ccurl_easy_getinfo_string(handle, info, &value) == CURLE_OK, let value else { return nil }
        return String(cString: value)
    }

    /// libcurl's detailed message for the last failure, if it wrote one.
    var errorMessage: String? {
        let message = String(cString: errorBuffer)
        return message.isEmpty ? nil : message
    }
}

/// A `curl_slist` of header lines, freed with `curl_slist_free_all`.
final class CurlHeaderList {
    /// The list head, `nil` when empty.
    private(set) var list: UnsafeMutablePointer<curl_slist>?

    /// Builds the list from `Name: value` lines.
    init(_ lines: [String]) {
        for line in lines {
            if let appended = curl_slist_append(list, line) { list = appended }
        }
    }

    deinit {
        curl_slist_free_all(list)
    }
}
