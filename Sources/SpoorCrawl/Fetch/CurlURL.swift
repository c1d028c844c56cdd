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

extension CurlURL {
    /// `text` as libcurl writes it back after parsing, without its fragment: two spellings of
    /// one URL that libcurl would request alike come out equal. `nil` if libcurl cannot parse it.
    static func normalized(_ text: String) -> String? {
        resolve(text, against: nil)
    }

    /// The URL a `Location` value leads to from `base`, resolved and encoded the way libcurl
    /// follows a redirect (spaces and other unsafe bytes percent-encoded), without its fragment.
    /// `nil` if libcurl cannot make a URL of it.
    static func resolve(_ reference: String, against base: String?) -> String? {
        guard CurlGlobal.ensure(), let url = curl_url() else { return nil }
        defer { curl_url_cleanup(url) }
        if let base, curl_url_set(url, CURLUPART_URL, base, 0) != CURLUE_OK { return nil }
        let flags = UInt32(CURLU_URLENCODE) | UInt32(CURLU_ALLOW_SPACE) | UInt32(CURLU_NON_SUPPORT_SCHEME)
        guard curl_url_set(url, CURLUPART_URL, reference, flags) == CURLUE_OK else { return nil }
        curl_url_set(url, CURLUPART_FRAGMENT, nil, 0)
        var value: UnsafeMutablePointer<CChar>?
        guard curl_url_get(url, CURLUPART_URL, &value, 0) == CURLUE_OK, let value else { return nil }
        defer { curl_free(value) }
        return String(cString: value)
    }

    /// The scheme of a URL, lower-cased (`file` for `file:///etc/passwd`), or `nil`.
    static func scheme(of text: String) -> String? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let scheme = text[..<colon]
        guard let first = scheme.first, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) else { return nil }
        return scheme.lowercased()
    }
}
