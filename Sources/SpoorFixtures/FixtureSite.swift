/// A request as the fixture server received it.
public struct FixtureRequest: Sendable, Hashable {
    /// The HTTP method (`GET`, `HEAD`).
    public var method: String
    /// The request target: path and query, as sent (`/listing/12?ref=x`).
    public var target: String
    /// The request headers, names lower-cased, in the order received.
    public var headers: [Header]

    /// One header field.
    public struct Header: Sendable, Hashable {
        /// The field name, lower-cased.
        public var name: String
        /// The field value.
        public var value: String
        /// Creates a header field.
        public init(_ name: String, _ value: String) {
            self.name = name.lowercased()
            self.value = value
        }
    }

    /// Creates a request.
    public init(method: String = "GET", target: String, headers: [Header] = []) {
        self.method = method
        self.target = target
        self.headers = headers
    }

    /// The path without the query.
    public var path: Substring { target.prefix { $0 != "?" } }

    /// The first value of a header, by case-insensitive name.
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name == name }?.value
    }
}

/// A complete answer: status, headers and body bytes.
public struct FixtureResponse: Sendable, Hashable {
    /// The HTTP status code.
    public var status: Int
    /// The response headers (`Content-Length` is added by the server).
    public var headers: [FixtureRequest.Header]
    /// The body, exactly as sent on the wire.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int = 200, headers: [FixtureRequest.Header] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A UTF-8 HTML page.
    public static func html(_ text: String, status: Int = 200) -> FixtureResponse {
        FixtureResponse(status: status, headers: [.init("Content-Type", "text/html; charset=utf-8")], body: Array(text.utf8))
    }

    /// A plain-text body (robots.txt).
    public static func text(_ text: String, status: Int = 200) -> FixtureResponse {
        FixtureResponse(status: status, headers: [.init("Content-Type", "text/plain; charset=utf-8")], body: Array(text.utf8))
    }

    /// An empty answer with a status (404, 410, 304).
    public static func status(_ status: Int) -> FixtureResponse {
        FixtureResponse(status: status)
    }
}

/// What the server does with a request: answer it, or misbehave the way hostile sites do.
public enum FixtureAction: Sendable, Hashable {
    /// Send the response at once.
    case respond(FixtureResponse)
    /// Send the headers at once, then the body `chunkSize` bytes at a time, one chunk per `interval`.
    case slowBody(FixtureResponse, chunkSize: Int, interval: Duration)
    /// Read the request and never answer (until the client gives up).
    case hang
    /// Read the request and reset the connection (TCP RST) without answering.
    case reset
    /// Read the request, send these bytes exactly as they are (no status line or headers
    /// added) and close the connection: a reply that is not HTTP.
    case raw([UInt8])
}

/// One site of the demo marketplace: answers every request for its host.
///
/// Sites are pure: the same request always gets the same action, so tests, benchmarks and
/// `spoor demo` see the same marketplace every time.
public protocol FixtureSite: Sendable {
    /// A short name for logs (`"jsonld-shop"`).
    var name: String { get }
    /// The action for a request.
    func action(for request: FixtureRequest) -> FixtureAction
}
