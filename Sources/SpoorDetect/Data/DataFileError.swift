/// A problem in a data file (watchlist, rules, listings), naming the file, the line and what was wrong.
public struct DataFileError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What kind of problem it is.
    public enum Code: String, Sendable, Hashable {
        /// The file could not be read.
        case unreadable
        /// The file is not well-formed (YAML or JSON syntax).
        case syntax
        /// A key is missing, unknown, or has a value of the wrong type.
        case schema
        /// Two entries share an id.
        case duplicateID = "duplicate-id"
        /// A CITES appendix other than I, II, III or I/II.
        case unknownAppendix = "unknown-appendix"
        /// A name or term is empty.
        case emptyName = "empty-name"
        /// A language code outside the supported list.
        case unknownLanguage = "unknown-language"
        /// A value is out of range or otherwise invalid.
        case invalidValue = "invalid-value"
    }

    /// What kind of problem it is.
    public var code: Code
    /// The file's path.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What was wrong, in words.
    public var message: String
    /// The underlying error, if another layer reported it.
    public var cause: String?

    /// Creates an error.
    public init(_ code: Code, file: String, line: Int?, _ message: String, cause: String? = nil) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
        self.cause = cause
    }

    /// `file:line: message [code]`, the form editors and CI annotate.
    public var description: String {
        let location = line.map { "\(file):\($0)" } ?? file
        return "\(location): \(message) [\(code.rawValue)]" + (cause.map { " (\($0))" } ?? "")
    }
}
