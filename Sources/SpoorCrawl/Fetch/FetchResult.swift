/// Why a body is shorter than the server meant it to be, named as WARC's `WARC-Truncated` values.
public enum FetchTruncation: String, Sendable, Hashable {
    /// A size limit (body or headers) cut it.
    case length
    /// A time limit (total or low-speed) cut it.
    case time
    /// The connection broke (reset, closed early) mid-response.
    case disconnect
}

/// One response header field, as received.
public struct FetchHeader: Sendable, Hashable {
    /// The field name, as the server spelled it.
    public var name: String
    /// The field value, trimmed.
    public var value: String
    /// Creates a header field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// Where the time of a fetch went, from its start (libcurl's *_TIME_T values).
public struct FetchTimings: Sendable, Hashable {
    /// Until the name was resolved.
    public var nameLookup: Duration = .zero
    /// Until the TCP connection was up.
    public var connect: Duration = .zero
    /// Until TLS was done (zero for plain http).
    public var tlsHandshake: Duration = .zero
    /// Until the first response byte.
    public var firstByte: Duration = .zero
    /// Until the end, redirects included.
    public var total: Duration = .zero
    /// Time spent following redirects.
    public var redirect: Duration = .zero
    /// Creates zero timings.
    public init() {}
}

/// What a fetch got: the last response of the redirect chain, whatever part of its body
/// arrived, and the error if the fetch did not complete.
///
/// An HTTP error status (404, 429, 503) is a normal result with `error == nil`; the crawler
/// decides what it means. A 304 to a conditional request is normal too.
public struct FetchResult: Sendable {
    /// The URL as requested.
    public var requestURL: String
    /// The URL of the last response, after redirects.
    public var finalURL: String
    /// The status of the last response, 0 if none arrived.
    public var status: Int
    /// The headers of the last response, in order.
    public var headers: [FetchHeader]
    /// The body as delivered: Content-Encoding removed, nothing else changed.
    public var body: [UInt8]
    /// The body decoded to Unicode for textual content types, `nil` for others.
    public var text: String?
    /// The charset the text was decoded from (`windows-1252`, `UTF-8`...), `nil` without text.
    public var charset: String?
    /// How the charset was chosen, `nil` without text.
    public var charsetSource: CharsetDecoder.Source?
    /// The charset the page declared (BOM, header or meta), `nil` without text or declaration.
    /// Differs from `charset` when the declaration decoded with many errors and a detector's
    /// charset was used instead (`charsetSource == .detected`).
    public var declaredCharset: String?
    /// The `Content-Type` of the last response.
    public var contentType: String?
    /// The IP address of the server that sent the last response (`CURLINFO_PRIMARY_IP`).
    public var remoteIP: String?
    /// Where the time went.
    public var timings: FetchTimings
    /// How many redirects were followed.
    public var redirectCount: Int
    /// Why the body is incomplete, `nil` when it is complete.
    public var truncation: FetchTruncation?
    /// Why the fetch failed, `nil` when it completed (whatever the status).
    public var error: CrawlError?
    /// What kind of transport failure `error` is, for the retry policy; `nil` when none.
    public var transportFailure: TransportFailure?
    /// The body's bytes still counted against the fetcher's body budget, when the request asked
    /// to hold them (``FetchRequest/holdsBody``) and there were any; release it when done.
    public var bodyHold: FetchBodyHold?

    /// Creates a result.
    public init(
        requestURL: String, finalURL: String? = nil, status: Int = 0, headers: [FetchHeader] = [],
        body: [UInt8] = [], text: String? = nil, charset: String? = nil,
        charsetSource: CharsetDecoder.Source? = nil, contentType: String? = nil,
        remoteIP: String? = nil, timings: FetchTimings = FetchTimings(), redirectCount: Int = 0,
        truncation: FetchTruncation? = nil, error: CrawlError? = nil
    ) {
        self.requestURL = requestURL
        self.finalURL = finalURL ?? requestURL
        self.status = status
        self.headers = headers
        self.body = body
        self.text = text
        self.charset = charset
        self.charsetSource = charsetSource
        self.contentType = contentType
        self.remoteIP = remoteIP
        self.timings = timings
        self.redirectCount = redirectCount
        self.truncation = truncation
        self.error = error
    }

    /// The first value of a response header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name.lowercased() == name }?.value
    }

    /// Whether the fetch completed with a 2xx status.
    public var isSuccess: Bool { error == nil && (200..<300).contains(status) }

    /// Whether the fetch completed with 304 Not Modified.
    public var isNotModified: Bool { error == nil && status == 304 }

    /// The result, or its error thrown.
    public func get() throws(CrawlError) -> FetchResult {
        if let error { throw error }
        return self
    }
}
