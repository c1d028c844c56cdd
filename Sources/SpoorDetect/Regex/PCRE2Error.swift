import CPCRE2

/// An error from compiling or running a PCRE2 pattern.
///
/// Compile errors carry the byte offset in the pattern at which PCRE2 gave up;
/// bad-UTF errors carry the byte offset in the subject of the offending
/// character. `message` is PCRE2's own text for `code`
/// (`pcre2_get_error_message`).
public struct PCRE2Error: Error, CustomStringConvertible, Sendable, Hashable {
    /// The broad class of a PCRE2 failure, for callers that react differently to each.
    public enum Kind: Sendable, Hashable {
        /// The pattern did not compile; `offset` is the byte offset in the pattern.
        case compile
        /// The match limit was hit: the text made the pattern backtrack too much.
        case matchLimit
        /// The depth limit, the heap limit or the JIT stack was exhausted: the
        /// match nested too deeply for its budget.
        case depthLimit
        /// The subject is not valid UTF-8, or a start offset is not on a
        /// character boundary; `offset` is the byte offset in the subject.
        case badUTF
        /// Any other PCRE2 failure (out of memory, a bad offset, an internal error).
        case other
    }

    /// The broad class of this failure.
    public let kind: Kind
    /// PCRE2's error code: a positive compile error number or a negative match error code.
    public let code: Int32
    /// PCRE2's message for `code`.
    public let message: String
    /// The byte offset the error points at: in the pattern for `.compile`,
    /// in the subject for `.badUTF`; `nil` otherwise.
    public let offset: Int?
    /// The pattern involved, when known.
    public let pattern: String?

    /// Creates an error, looking up PCRE2's message for `code` unless one is given.
    public init(kind: Kind, code: Int32, message: String? = nil, offset: Int? = nil, pattern: String? = nil) {
        self.kind = kind
        self.code = code
        self.message = message ?? PCRE2Error.message(for: code)
        self.offset = offset
        self.pattern = pattern
    }

    /// A human-readable description naming the pattern and the offset, e.g.
    /// `invalid pattern "(ab" at offset 3: missing closing parenthesis`.
    public var description: String {
        let quoted = pattern.map { "\"\(PCRE2Error.abbreviate($0))\"" }
        switch kind {
        case .compile:
            var text = "invalid pattern"
            if let quoted { text += " \(quoted)" }
            if let offset { text += " at offset \(offset)" }
            return text + ": \(message)"
        case .badUTF:
            var text = "invalid UTF-8 in text"
            if let offset { text += " at byte \(offset)" }
            if let quoted { text += " (pattern \(quoted))" }
            return text + ": \(message)"
        case .matchLimit, .depthLimit, .other:
            var text = "matching"
            if let quoted { text += " pattern \(quoted)" }
            return text + " failed: \(message) (PCRE2 error \(code))"
        }
    }

    /// PCRE2's message text for an error code, or a generic text for an unknown code.
    public static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = buffer.withUnsafeMutableBufferPointer { buf in
            pcre2_get_error_message_8(code, buf.baseAddress, buf.count)
        }
        guard length > 0 else { return "unknown PCRE2 error \(code)" }
        return String(decoding: buffer[..<Int(length)], as: UTF8.self)
    }

    /// Classifies a negative code returned by `pcre2_match` (other than "no match").
    static func matchError(code: Int32, subjectOffset: Int?, pattern: String) -> PCRE2Error {
        let kind: Kind
        switch code {
        case PCRE2_ERROR_MATCHLIMIT:
            kind = .matchLimit
        case PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT, PCRE2_ERROR_JIT_STACKLIMIT:
            kind = .depthLimit
        case PCRE2_ERROR_UTF8_ERR21...PCRE2_ERROR_UTF8_ERR1, PCRE2_ERROR_BADUTFOFFSET:
            kind = .badUTF
        default:
            kind = .other
        }
        return PCRE2Error(
            kind: kind, code: code,
            offset: kind == .badUTF ? subjectOffset : nil,
            pattern: pattern)
    }

    /// Shortens a long pattern for display.
    private static func abbreviate(_ pattern: String) -> String {
        let limit = 120
        guard pattern.count > limit else { return pattern }
        return String(pattern.prefix(limit)) + "…"
    }
}
