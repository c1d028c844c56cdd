/// One URL to fetch, with the conditional-GET validators from an earlier fetch.
public struct FetchRequest: Sendable, Hashable {
    /// The HTTP method.
    public enum Method: String, Sendable, Hashable {
        /// GET: headers and body.
        case get = "GET"
        /// HEAD: headers only.
        case head = "HEAD"
    }

    /// The absolute http or https URL.
    public var url: String
    /// GET or HEAD.
    public var method: Method
    /// The ETag of the stored copy, sent as `If-None-Match`.
    public var ifNoneMatch: String?
    /// The `Last-Modified` value of the stored copy, sent verbatim as `If-Modified-Since`.
    public var ifModifiedSince: String?
    /// Extra request header lines (`Accept-Language: en`).
    public var extraHeaders: [String]
    /// Limits for this fetch, or `nil` for the fetcher's.
    public var limits: FetchLimits?
    /// Keep the body's bytes counted against the fetcher's body budget after the fetch, until
    /// the result's ``FetchResult/bodyHold`` is released: for a consumer that works on the body
    /// (decodes, parses it) and wants that work inside the budget too. Release without waiting
    /// for other fetches, or they may stall. `false`: the bytes leave the budget with the result.
    public var holdsBody: Bool

    /// Creates a request.
    public init(
        url: String,
        method: Method = .get,
        ifNoneMatch: String? = nil,
        ifModifiedSince: String? = nil,
        extraHeaders: [String] = [],
        limits: FetchLimits? = nil,
        holdsBody: Bool = false
    ) {
        self.url = url
        self.method = method
        self.ifNoneMatch = ifNoneMatch
        self.ifModifiedSince = ifModifiedSince
        self.extraHeaders = extraHeaders
        self.limits = limits
        self.holdsBody = holdsBody
    }
}
