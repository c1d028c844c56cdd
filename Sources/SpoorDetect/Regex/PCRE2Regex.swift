import CPCRE2

/// A compiled PCRE2 pattern over UTF-8 text, JIT-compiled where possible and
/// bounded by match, depth and heap limits.
///
/// Patterns compile with `PCRE2_UTF | PCRE2_UCP`, so `\w`, `\b`, `\d` and
/// caseless matching follow Unicode properties rather than ASCII only. Every
/// match goes through a match context carrying `Options.matchLimit`,
/// `Options.depthLimit` and `Options.heapLimitKiB`, so a hostile listing text
/// cannot stall a scan: such a match throws `PCRE2Error` of kind `.matchLimit`
/// or `.depthLimit` instead. (A pattern's own `(*LIMIT_MATCH=n)` can lower these
/// limits but never raise them.) Results are byte offsets into the UTF-8 text.
///
/// ## Thread safety
/// `@unchecked Sendable` is sound here because everything shared between
/// threads is read-only after `init` returns:
/// - the `pcre2_code_8` is compiled and JIT-compiled in `init`, and PCRE2
///   documents a compiled pattern (JIT code included) as safe to use from
///   several threads at once once compilation is done;
/// - the match context is filled in `init` and never modified afterwards;
///   PCRE2 only reads it during a match;
/// - the mutable per-match state (`pcre2_match_data_8`, and the JIT's stack,
///   which is PCRE2's default block on the calling thread's own stack) is
///   created per call and never shared.
/// The stored Swift properties are all `let`.
public final class PCRE2Regex: @unchecked Sendable {
    /// How to compile a pattern and how much work one match may do.
    public struct Options: Sendable, Hashable {
        /// The default match limit: the number of internal match steps one match attempt may take.
        public static let defaultMatchLimit: UInt32 = 100_000
        /// The default depth limit: how deeply the interpreter may nest backtracking points.
        public static let defaultDepthLimit: UInt32 = 1_000
        /// The default heap limit for the interpreter's backtracking frames, in KiB.
        public static let defaultHeapLimitKiB: UInt32 = 20_480

        /// Match letters without regard to case (`PCRE2_CASELESS`, Unicode-aware through UCP).
        public var caseless: Bool
        /// Let `^` and `$` match at line starts and ends (`PCRE2_MULTILINE`).
        public var multiline: Bool
        /// Let `.` match newlines too (`PCRE2_DOTALL`).
        public var dotMatchesNewlines: Bool
        /// The PCRE2 match limit (`pcre2_set_match_limit`); exceeding it throws `.matchLimit`.
        public var matchLimit: UInt32
        /// The PCRE2 depth limit (`pcre2_set_depth_limit`); exceeding it throws `.depthLimit`.
        /// The JIT ignores it and is bounded by its fixed stack instead, which also throws `.depthLimit`.
        public var depthLimit: UInt32
        /// The PCRE2 heap limit in KiB (`pcre2_set_heap_limit`); exceeding it throws `.depthLimit`.
        public var heapLimitKiB: UInt32
        /// JIT-compile the pattern when the library supports it; `false` forces the interpreter.
        public var jit: Bool

        /// Creates options; every parameter has the default described on its property.
        public init(
            caseless: Bool = false,
            multiline: Bool = false,
            dotMatchesNewlines: Bool = false,
            matchLimit: UInt32 = Options.defaultMatchLimit,
            depthLimit: UInt32 = Options.defaultDepthLimit,
            heapLimitKiB: UInt32 = Options.defaultHeapLimitKiB,
            jit: Bool = true
        ) {
            self.caseless = caseless
            self.multiline = multiline
            self.dotMatchesNewlines = dotMatchesNewlines
            self.matchLimit = matchLimit
            self.depthLimit = depthLimit
            self.heapLimitKiB = heapLimitKiB
            self.jit = jit
        }
    }

    /// Whether the linked libpcre2-8 was built with JIT support.
    public static var isJITAvailable: Bool { cpcre2_jit_available() != 0 }

    /// The pattern source, as given to `init`.
    public let pattern: String
    /// The options the pattern was compiled and is matched with.
    public let options: Options
    /// Whether matches run JIT-compiled code (`false`: the interpreter).
    public let isJIT: Bool

    /// The compiled pattern; immutable after `init`.
    private let code: OpaquePointer
    /// The match context holding the limits; immutable after `init`, shared read-only.
    private let matchContext: OpaquePointer
    /// Whether CR LF counts as one newline, so an empty match between CR and LF is skipped whole.
    private let crlfIsNewline: Bool

    /// Compiles `pattern` with `PCRE2_UTF | PCRE2_UCP` (and the flags in `options`),
    /// then JIT-compiles it, falling back to the interpreter when JIT is unavailable.
    ///
    /// - Throws: `PCRE2Error` of kind `.compile`, with the pattern offset, for an invalid pattern.
    public init(_ pattern: String, options: Options = .init()) throws(PCRE2Error) {
        self.pattern = pattern
        self.options = options

        var compileOptions = PCRE2_UTF | PCRE2_UCP | PCRE2_NEVER_BACKSLASH_C
        // A Swift String is always valid UTF-8, so PCRE2 need not check it again.
        compileOptions |= PCRE2_NO_UTF_CHECK
        if options.caseless { compileOptions |= PCRE2_CASELESS }
        if options.multiline { compileOptions |= PCRE2_MULTILINE }
        if options.dotMatchesNewlines { compileOptions |= PCRE2_DOTALL }

        var errorCode: Int32 = 0
        var errorOffset = 0
        var source = Array(pattern.utf8)
        let compiled: OpaquePointer? = source.withUnsafeMutableBufferPointer { buf in
            withSafeBase(UnsafeBufferPointer(buf)) { base in
                pcre2_compile_8(base, buf.count, compileOptions, &errorCode, &errorOffset, nil)
            }
        }
        guard let compiled else {
            throw PCRE2Error(kind: .compile, code: errorCode, offset: errorOffset, pattern: pattern)
        }

        guard let context = pcre2_match_context_create_8(nil) else {
            pcre2_code_free_8(compiled)
            throw PCRE2Error(kind: .other, code: PCRE2_ERROR_NOMEMORY, pattern: pattern)
        }
        pcre2_set_match_limit_8(context, options.matchLimit)
        pcre2_set_depth_limit_8(context, options.depthLimit)
        pcre2_set_heap_limit_8(context, options.heapLimitKiB)

        // JIT failure (no JIT in this build, or the pattern is too big for it) is
        // not an error: pcre2_match then runs the interpreter on the same code.
        self.isJIT = options.jit && pcre2_jit_compile_8(compiled, PCRE2_JIT_COMPLETE) == 0

        let newline = cpcre2_pattern_info_u32(compiled, UInt32(PCRE2_INFO_NEWLINE), UInt32(PCRE2_NEWLINE_LF))
        self.crlfIsNewline = newline == PCRE2_NEWLINE_ANY || newline == PCRE2_NEWLINE_CRLF
            || newline == PCRE2_NEWLINE_ANYCRLF
        self.code = compiled
        self.matchContext = context
    }

    deinit {
        pcre2_match_context_free_8(matchContext)
        pcre2_code_free_8(code)  // also frees the JIT code
    }

    // MARK: - First match

    /// The byte range of the first match in UTF-8 `text` at or after byte `from`, or `nil`.
    ///
    /// The bytes are checked for valid UTF-8 (from `from`, less the pattern's
    /// longest lookbehind, to the end).
    ///
    /// - Throws: `PCRE2Error` of kind `.badUTF` for invalid UTF-8 or a `from` inside a
    ///   character, `.matchLimit` / `.depthLimit` when a limit is hit, `.other` for a
    ///   `from` outside `0...text.count`.
    public func firstMatch(in text: UnsafeBufferPointer<UInt8>, from: Int = 0) throws(PCRE2Error) -> Range<Int>? {
        try withMatchData { matchData throws(PCRE2Error) in
            try match(text, from: from, options: 0, matchData: matchData)
        }
    }

    /// The byte range of the first match in UTF-8 `bytes` at or after byte `from`, or `nil`.
    ///
    /// - Throws: as `firstMatch(in:from:)` over a buffer; invalid UTF-8 is `.badUTF`.
    public func firstMatch(in bytes: [UInt8], from: Int = 0) throws(PCRE2Error) -> Range<Int>? {
        try bytes.withUnsafeBufferPointer { buf in
            Result { () throws(PCRE2Error) in try firstMatch(in: buf, from: from) }
        }.get()
    }

    /// The UTF-8 byte range of the first match in `text` at or after UTF-8 byte `from`, or `nil`.
    ///
    /// The text is not re-checked for UTF-8 validity (a Swift `String` is always valid).
    ///
    /// - Throws: `.badUTF` when `from` is inside a character; otherwise as `firstMatch(in:from:)`.
    public func firstMatch(in text: String, from: Int = 0) throws(PCRE2Error) -> Range<Int>? {
        try withValidUTF8(text) { buf throws(PCRE2Error) in
            try checkBoundary(buf, from)
            return try withMatchData { matchData throws(PCRE2Error) in
                try match(buf, from: from, options: PCRE2_NO_UTF_CHECK, matchData: matchData)
            }
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    public func matches(_ text: String) throws(PCRE2Error) -> Bool {
        try firstMatch(in: text) != nil
    }

    // MARK: - All matches

    /// The byte ranges of all non-overlapping matches in UTF-8 `text` from byte `from`, in order.
    ///
    /// Empty matches are reported, and the scan steps past each one (after first
    /// trying a non-empty match at the same place, as Perl does), so it always ends.
    ///
    /// - Throws: as `firstMatch(in:from:)`; a limit hit on any attempt ends the scan with an error.
    public func allMatches(in text: UnsafeBufferPointer<UInt8>, from: Int = 0) throws(PCRE2Error) -> [Range<Int>] {
        try withMatchData { matchData throws(PCRE2Error) in
            try scanAll(text, from: from, checked: false, matchData: matchData)
        }
    }

    /// The byte ranges of all non-overlapping matches in UTF-8 `bytes` from byte `from`, in order.
    ///
    /// - Throws: as `allMatches(in:from:)` over a buffer; invalid UTF-8 is `.badUTF`.
    public func allMatches(in bytes: [UInt8], from: Int = 0, scratch: MatchScratch? = nil) throws(PCRE2Error) -> [Range<Int>] {
        try bytes.withUnsafeBufferPointer { buf in
            Result { () throws(PCRE2Error) in
                try withMatchData(scratch) { matchData throws(PCRE2Error) in
                    try scanAll(buf, from: from, checked: false, matchData: matchData)
                }
            }
        }.get()
    }

    /// The matches in UTF-8 `bytes`, in the order ``allMatches(in:from:)`` gives them, up to
    /// and including the first for which `done` is `true` (all of them when none is).
    public func matches(in bytes: [UInt8], until done: (Range<Int>) -> Bool, scratch: MatchScratch? = nil) throws(PCRE2Error) -> [Range<Int>] {
        try bytes.withUnsafeBufferPointer { buf in
            Result { () throws(PCRE2Error) in
                try withMatchData(scratch) { matchData throws(PCRE2Error) in
                    try scanAll(buf, from: 0, checked: false, matchData: matchData, until: done)
                }
            }
        }.get()
    }

    /// The matches in `text`, as ``matches(in:until:)`` over its UTF-8.
    public func matches(in text: String, until done: (Range<Int>) -> Bool, scratch: MatchScratch? = nil) throws(PCRE2Error) -> [Range<Int>] {
        try withValidUTF8(text) { buf throws(PCRE2Error) in
            try withMatchData(scratch) { matchData throws(PCRE2Error) in
                try scanAll(buf, from: 0, checked: true, matchData: matchData, until: done)
            }
        }
    }

    /// The UTF-8 byte ranges of all non-overlapping matches in `text` from UTF-8 byte `from`, in order.
    ///
    /// - Throws: `.badUTF` when `from` is inside a character; otherwise as `allMatches(in:from:)`.
    public func allMatches(in text: String, from: Int = 0, scratch: MatchScratch? = nil) throws(PCRE2Error) -> [Range<Int>] {
        try withValidUTF8(text) { buf throws(PCRE2Error) in
            try checkBoundary(buf, from)
            return try withMatchData(scratch) { matchData throws(PCRE2Error) in
                try scanAll(buf, from: from, checked: true, matchData: matchData)
            }
        }
    }

    // MARK: - Internals

    /// Runs `body` with `scratch`'s match data block, or a fresh one sized for this pattern
    /// (freed afterwards).
    func withMatchData<R>(_ scratch: MatchScratch? = nil, _ body: (OpaquePointer) throws(PCRE2Error) -> R) throws(PCRE2Error) -> R {
        if let scratch { return try body(scratch.block) }
        guard let matchData = pcre2_match_data_create_from_pattern_8(code, nil) else {
            throw PCRE2Error(kind: .other, code: PCRE2_ERROR_NOMEMORY, pattern: pattern)
        }
        defer { pcre2_match_data_free_8(matchData) }
        return try body(matchData)
    }

    /// One `pcre2_match` call; `nil` for no match.
    private func match(
        _ text: UnsafeBufferPointer<UInt8>, from: Int, options matchOptions: UInt32, matchData: OpaquePointer
    ) throws(PCRE2Error) -> Range<Int>? {
        guard from >= 0, from <= text.count else {
            throw PCRE2Error(
                kind: .other, code: PCRE2_ERROR_BADOFFSET,
                message: "start offset \(from) is outside the text (0...\(text.count))", pattern: pattern)
        }
        let rc = withSafeBase(text) { base in
            pcre2_match_8(code, base, text.count, from, matchOptions, matchData, matchContext)
        }
        if rc == PCRE2_ERROR_NOMATCH { return nil }
        if rc < 0 {
            // For UTF errors pcre2_get_startchar gives the offset of the bad character.
            let badOffset = pcre2_get_startchar_8(matchData)
            throw PCRE2Error.matchError(code: rc, subjectOffset: badOffset, pattern: pattern)
        }
        guard let ovector = pcre2_get_ovector_pointer_8(matchData) else { return nil }
        let start = ovector[0], end = ovector[1]
        guard start <= end else {
            // Only possible with \K inside a lookaround, which PCRE2 rejects by default.
            throw PCRE2Error(
                kind: .other, code: 0,
                message: "match start \(start) is after its end \(end) (\\K in a lookaround)", pattern: pattern)
        }
        return start..<end
    }

    /// The pcre2demo loop: after an empty match, retry there for a non-empty anchored
    /// match, and otherwise step one character (or one CR LF) forward.
    private func scanAll(
        _ text: UnsafeBufferPointer<UInt8>, from: Int, checked: Bool, matchData: OpaquePointer,
        until done: (Range<Int>) -> Bool = { _ in false }
    ) throws(PCRE2Error) -> [Range<Int>] {
        var results: [Range<Int>] = []
        // After the first call has validated the text, later calls need not re-check it.
        var utfCheck: UInt32 = checked ? PCRE2_NO_UTF_CHECK : 0
        guard var current = try match(text, from: from, options: utfCheck, matchData: matchData) else {
            return results
        }
        utfCheck = PCRE2_NO_UTF_CHECK
        while true {
            results.append(current)
            if done(current) { break }
            var position = current.upperBound
            var next: Range<Int>?
            if current.isEmpty {
                if position >= text.count { break }
                next = try match(
                    text, from: position, options: utfCheck | PCRE2_NOTEMPTY_ATSTART | PCRE2_ANCHORED,
                    matchData: matchData)
                if next == nil {
                    position = advance(text, from: position)
                    next = try match(text, from: position, options: utfCheck, matchData: matchData)
                }
            } else {
                next = try match(text, from: position, options: utfCheck, matchData: matchData)
            }
            guard let found = next else { break }
            current = found
        }
        return results
    }

    /// The offset one character (or one CR LF newline) past `offset`.
    private func advance(_ text: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
        var next = offset + 1
        if crlfIsNewline, text[offset] == 0x0D, next < text.count, text[next] == 0x0A {
            return next + 1
        }
        while next < text.count, text[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// Throws `.badUTF` when `from` points inside a multi-byte character of valid UTF-8 `text`.
    ///
    /// Required before matching with `PCRE2_NO_UTF_CHECK`, which leaves such an offset undefined.
    private func checkBoundary(_ text: UnsafeBufferPointer<UInt8>, _ from: Int) throws(PCRE2Error) {
        if from >= 0, from < text.count, text[from] & 0xC0 == 0x80 {
            throw PCRE2Error(kind: .badUTF, code: PCRE2_ERROR_BADUTFOFFSET, offset: from, pattern: pattern)
        }
    }
}

/// Runs `body` over the UTF-8 bytes of `text`, without copying when the string is native.
private func withValidUTF8<R>(
    _ text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(PCRE2Error) -> R
) throws(PCRE2Error) -> R {
    var text = text
    return try text.withUTF8 { buf in
        Result { () throws(PCRE2Error) in try body(buf) }
    }.get()
}

/// Calls `body` with `buffer`'s base address, or a pointer to one zero byte when the
/// buffer has none (an empty buffer may have a nil base address, and PCRE2 10.42 rejects
/// a NULL subject or pattern even with length 0).
private func withSafeBase<R>(_ buffer: UnsafeBufferPointer<UInt8>, _ body: (UnsafePointer<UInt8>) -> R) -> R {
    if let base = buffer.baseAddress { return body(base) }
    var zero: UInt8 = 0
    return withUnsafePointer(to: &zero) { body($0) }
}

extension PCRE2Regex {
    /// A match data block to reuse across match calls on one thread, so a loop over many
    /// patterns does not allocate and free one per call. Only the overall match range is read,
    /// so one block (one ovector pair) serves every pattern: PCRE2 fills the first pair and
    /// reports the rest as not fitting, which is not an error. Not safe to share between
    /// concurrent matches: one per task or loop.
    public final class MatchScratch {
        let block: OpaquePointer

        /// Allocates the block (`nil` when out of memory).
        public init?() {
            guard let block = pcre2_match_data_create_8(1, nil) else { return nil }
            self.block = block
        }

        deinit { pcre2_match_data_free_8(block) }
    }
}
