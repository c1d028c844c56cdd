import CCurl

/// `curl_global_init`, run once per process before the first handle is made.
enum CurlGlobal {
    /// The result of the one `curl_global_init(CURL_GLOBAL_ALL)` call; Swift runs a static
    /// initializer exactly once, thread-safely.
    static let initialized: Bool = curl_global_init(ccurl_global_all()) == CURLE_OK

    /// Makes sure libcurl is initialized; `false` if it could not be.
    static func ensure() -> Bool { initialized }
}
