import CCurl

/// The parts of a URL the fetcher needs, parsed by libcurl's own URL parser (`CURLU`) so the
/// fetcher and libcurl never disagree about a host.
struct CurlURL {
    /// The scheme, lower-cased (`https`).
    var scheme: String
    /// The host as libcurl sees it (`example.com`, `127.0.0.1`, `[::1]`).
    var host: String

    /// Parses an absolute URL; `nil` if libcurl cannot.
    init?(_ text: String) {
        guard CurlGlobal.ensure(), let url = curl_url() else { return nil }
        defer { curl_url_cleanup(url) }
        guard curl_url_set(url, CURLUPART_URL, text, 0) == CURLUE_OK else { return nil }
        func part(_ which: CURLUPart) -> String? {
            var value: UnsafeMutablePointer<CChar>?
            guard curl_url_get(url, which, &value, 0) == CURLUE_OK, let value else { return nil }
            defer { curl_free(value) }
            return String(cString: value)
        }
        guard let scheme = part(CURLUPART_SCHEME), let host = part(CURLUPART_HOST) else { return nil }
        self.scheme = scheme.lowercased()
        self.host = host
    }
}
