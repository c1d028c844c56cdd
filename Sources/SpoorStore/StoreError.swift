/// A problem in the store: a stale lease, an illegal review transition, a missing row, a
/// database failure. Always names what it is about (a URL, a queue item, a file).
public struct StoreError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What kind of problem it is, as a stable code for logs and reports.
    public enum Code: String, Sendable, Hashable, Codable {
        /// The row asked for does not exist (a scan, a listing, a queue item).
        case notFound = "not-found"
        /// A lease token is no longer current: the lease was re-claimed by another worker (a
        /// higher generation) or the work was already completed. Nothing was written.
        case staleLease = "stale-lease"
        /// A review action does not apply to the item's current state.
        case illegalTransition = "illegal-transition"
        /// An argument is out of range or inconsistent (an empty owner, a negative limit).
        case invalidArgument = "invalid-argument"
        /// The write conflicts with what is stored (finishing a scan twice, say).
        case conflict
        /// The database refused or failed the operation (I/O, constraint, full disk).
        case database
        /// The database stayed locked by another connection or process past the busy timeout.
        case busy
        /// The database file is not a database, or is damaged.
        case corrupt
        /// The store was used after `close()`.
        case closed
    }

    /// What kind of problem it is.
    public var code: Code
    /// What the problem is about: a URL, `queue item 12`, a file path.
    public var subject: String
    /// What was wrong, in words.
    public var message: String
    /// The underlying error (SQLite's message, say), if another layer reported it.
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
