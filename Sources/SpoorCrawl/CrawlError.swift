/// A problem while crawling: a fetch that failed, a limit that cut a page, an address the SSRF
/// guard refused, a site profile that does not load. Always names the URL or file it is about.
public struct CrawlError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What kind of problem it is, as a stable code for logs and reports.
    public enum Code: String, Sendable, Hashable {
        /// The URL is not http or https, or cannot be parsed.
        case badURL = "bad-url"
        /// The URL's own host resolved to an address the SSRF guard refuses (loopback, private,
        /// link-local, metadata): every page on that host is refused. A redirect to such an
        /// address is ``ssrfRefused``.
        case blockedAddress = "blocked-address"
        /// robots.txt disallows the URL for our user-agent.
        case robotsDisallowed = "robots-disallowed"
        /// A size, time or redirect limit cut the transfer.
        case limitExceeded = "limit-exceeded"
        /// The transfer failed (DNS, connect, TLS, reset, protocol).
        case transport
        /// The server answered with an error status.
        case httpStatus = "http-status"
        /// The body could not be decoded (charset, compression).
        case decoding
        /// A site profile or other crawl configuration is invalid.
        case configuration
        /// A redirect pointed where the SSRF guard does not go (a private, loopback, link-local or
        /// metadata address, or a scheme other than http and https): refused, final, not retried.
        case ssrfRefused = "ssrf-refused"
        /// A redirect led back to a URL already in the chain: final, not retried.
        case redirectLoop = "redirect-loop"
        /// The redirect chain was longer than the limit without repeating: final, not retried.
        case tooManyRedirects = "too-many-redirects"
        /// What came back is not an HTTP response (no status line, a garbled status line or
        /// header): not retried.
        case badResponse = "bad-response"
        /// Part of a page could not be read: a JSON-LD block that is not JSON, nesting cut at the
        /// parser's depth limit. The rest of the page was read.
        case extraction
    }

    /// What kind of problem it is.
    public var code: Code
    /// The URL or file the problem is about.
    public var subject: String
    /// What was wrong, in words.
    public var message: String
    /// The underlying error (libcurl's or libxml2's message, say), if another layer reported it.
    public var cause: String?

    /// Creates an error.
    public init(_ code: Code, subject: String, _ message: String, cause: String? = nil) {
        self.code = code
        self.subject = subject
        self.message = message
        self.cause = cause
    }

    /// `subject: message (cause)`, for logs and the terminal.
    public var description: String {
        var text = "\(subject): \(message)"
        if let cause { text += " (\(cause))" }
        return text
    }
}
