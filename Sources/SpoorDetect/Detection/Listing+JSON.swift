/// A fast reader for one listing JSON object, the hot path of `spoor classify`.
///
/// Handles what listing feeds contain (strings with every JSON escape, numbers, booleans, null,
/// nested values it skips); returns `nil` for anything it does not understand, so the caller
/// can fall back to `JSONDecoder` and its precise error messages.
extension Listing {
    /// Parses one JSON object, or returns `nil` (malformed, or a required field missing).
    public static func parse(json bytes: UnsafeBufferPointer<UInt8>) -> Listing? {
        var reader = FastJSON(bytes: bytes)
        return reader.listing()
    }
}

extension Listing {
    /// `bytes` with every `\uXXXX` escape of a lone surrogate written `\uFFFD` (the same
    /// length, so offsets hold), or `nil` when there is none: what ``parse(json:)`` reads as
    /// U+FFFD, for `JSONDecoder`, which refuses the whole line otherwise.
    public static func replacingLoneSurrogates(in bytes: [UInt8]) -> [UInt8]? {
        func hex4(at k: Int) -> UInt32? {
            guard k + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for b in bytes[k..<(k + 4)] {
                let digit: UInt8
                switch b {
                case 0x30...0x39: digit = b - 0x30
                case 0x41...0x46: digit = b - 0x37
                case 0x61...0x66: digit = b - 0x57
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }
        var out: [UInt8]?
        var k = 0
        while k + 1 < bytes.count {
            guard bytes[k] == 0x5C else { k += 1; continue }
            // An escape: the backslash and the byte after it (so `\\u` is not one).
            guard bytes[k + 1] == 0x75, let code = hex4(at: k + 2) else { k += 2; continue }
            if (0xD800..<0xDC00).contains(code), k + 11 < bytes.count, bytes[k + 6] == 0x5C, bytes[k + 7] == 0x75,
               let low = hex4(at: k + 8), (0xDC00..<0xE000).contains(low) {
                k += 12  // a pair
                continue
            }
            if (0xD800..<0xE000).contains(code) {
                if out == nil { out = bytes }
                out!.replaceSubrange((k + 2)..<(k + 6), with: Array("fffd".utf8))
            }
            k += 6
        }
        return out
    }
}

/// What is wrong with a line that is not one JSON object: the first problem and where it is.
public struct JSONLineProblem: Sendable, Hashable, CustomStringConvertible {
    /// The byte offset of the problem in the line.
    public var offset: Int
    /// The 1-based character column of the problem (Unicode scalars, as an editor counts).
    public var column: Int
    /// What is wrong there.
    public var message: String

    /// `column 14: expected ',' or '}' in an object, found 'x'`.
    public var description: String { "column \(column): \(message)" }

    /// The first syntax problem of `bytes` read as one JSON object, or `nil` when it is one.
    public static func find(in bytes: UnsafeBufferPointer<UInt8>) -> JSONLineProblem? {
        var checker = JSONSyntaxChecker(bytes: bytes)
        guard let (offset, message) = checker.problem() else { return nil }
        var column = 1
        for b in bytes[0..<min(offset, bytes.count)] where b & 0xC0 != 0x80 { column += 1 }
        return JSONLineProblem(offset: offset, column: column, message: message)
    }
}

/// A JSON grammar check (RFC 8259) that says where and why a line is not one JSON object.
struct JSONSyntaxChecker {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    /// Deeper nesting than this is reported, not followed (the stack is finite).
    static let maxDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The offset and description of the first problem, or `nil`.
    mutating func problem() -> (Int, String)? {
        skipSpace()
        guard let first = peek else { return (i, "empty line, expected a JSON object") }
        guard first == 0x7B else { return (i, "expected a JSON object ('{'), found \(Self.describe(first))") }
        if let p = value(depth: 0) { return p }
        skipSpace()
        if let b = peek { return (i, "text after the JSON object: \(Self.describe(b))") }
        return nil
    }

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func skipSpace() {
        while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 }
    }

    static func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(UnicodeScalar(b)))'" }
        if b < 0x80 {
            let hex = String(b, radix: 16, uppercase: true)
            return "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        return "a non-ASCII character"
    }

    private var found: String { peek.map { Self.describe($0) } ?? "the end of the line" }

    mutating func value(depth: Int) -> (Int, String)? {
        guard depth < Self.maxDepth else { return (i, "nested more than \(Self.maxDepth) deep") }
        guard let b = peek else { return (i, "expected a value, found the end of the line") }
        switch b {
        case 0x7B, 0x5B:
            let object = b == 0x7B
            let close: UInt8 = object ? 0x7D : 0x5D
            let what = object ? "an object" : "an array"
            i += 1
            skipSpace()
            if peek == close { i += 1; return nil }
            while true {
                skipSpace()
                if object {
                    guard peek == 0x22 else { return (i, "expected a string key in \(what), found \(found)") }
                    if let p = string() { return p }
                    skipSpace()
                    guard peek == 0x3A else { return (i, "expected ':' after a key, found \(found)") }
                    i += 1
                    skipSpace()
                }
                if let p = value(depth: depth + 1) { return p }
                skipSpace()
                if peek == 0x2C { i += 1; continue }
                if peek == close { i += 1; return nil }
                return (i, "expected ',' or '\(object ? "}" : "]")' in \(what), found \(found)")
            }
        case 0x22: return string()
        case 0x74: return literal("true")
        case 0x66: return literal("false")
        case 0x6E: return literal("null")
        case 0x2D, 0x30...0x39: return number()
        default: return (i, "expected a value, found \(Self.describe(b))")
        }
    }

    mutating func literal(_ word: StaticString) -> (Int, String)? {
        let start = i
        for k in 0..<word.utf8CodeUnitCount {
            guard peek == word.utf8Start[k] else { return (start, "invalid literal, expected '\(word)'") }
            i += 1
        }
        return nil
    }

    mutating func number() -> (Int, String)? {
        let start = i
        func digits() -> Int {
            var n = 0
            while let b = peek, (0x30...0x39).contains(b) { i += 1; n += 1 }
            return n
        }
        if peek == 0x2D { i += 1 }
        guard digits() > 0 else { return (start, "invalid number") }
        if peek == 0x2E {
            i += 1
            guard digits() > 0 else { return (start, "invalid number") }
        }
        if peek == 0x65 || peek == 0x45 {
            i += 1
            if peek == 0x2B || peek == 0x2D { i += 1 }
            guard digits() > 0 else { return (start, "invalid number") }
        }
        return nil
    }

    mutating func string() -> (Int, String)? {
        let start = i
        i += 1  // the opening quote
        while let b = peek {
            switch b {
            case 0x22:
                i += 1
                return nil
            case 0x5C:
                let at = i
                i += 1
                guard let e = peek else { return (at, "string not closed before the end of the line") }
                switch e {
                case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                    i += 1
                case 0x75:
                    i += 1
                    for _ in 0..<4 {
                        guard let h = peek, (0x30...0x39).contains(h) || (0x41...0x46).contains(h) || (0x61...0x66).contains(h) else {
                            return (at, "invalid \\u escape (four hexadecimal digits expected)")
                        }
                        i += 1
                    }
                default:
                    return (at, "invalid escape \\\(Self.describe(e))")
                }
            case 0..<0x20:
                return (i, "control character \(Self.describe(b)) in a string (it must be escaped)")
            default:
                i += 1
            }
        }
        return (start, "string not closed before the end of the line")
    }
}

/// A cursor over JSON bytes.
struct FastJSON {
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    mutating func listing() -> Listing? {
        skipSpace()
        guard take(0x7B) else { return nil }  // {
        var id: String?, title: String?, description: String?
        var price: Double?, currency: String?, url: String?, seller: String?, location: String?, lang: String?
        skipSpace()
        if take(0x7D) { return nil }
        while true {
            skipSpace()
            guard let key = string() else { return nil }
            skipSpace()
            guard take(0x3A) else { return nil }  // :
            skipSpace()
            switch key {
            case "id":
                guard first(1) else { return nil }
                if let s = stringValue() { id = s } else if let n = number(), n == n.rounded(), abs(n) < 1e15 { id = String(Int(n)) } else { return nil }
            case "title": guard first(2), let s = stringValue() else { return nil }; title = s
            case "description": guard first(4), let s = stringValue() else { return nil }; description = s
            case "price":
                guard first(8) else { return nil }
                if peek == 0x22 { guard let s = string() else { return nil }; price = Double(s.filter { $0.isNumber || $0 == "." }) }
                else if literal("null") { price = nil } else { guard let n = number() else { return nil }; price = n }
            case "currency": guard first(16), optionalString(&currency) else { return nil }
            case "url": guard first(32), optionalString(&url) else { return nil }
            case "seller": guard first(64), optionalString(&seller) else { return nil }
            case "location": guard first(128), optionalString(&location) else { return nil }
            case "lang": guard first(256), optionalString(&lang) else { return nil }
            default: guard skipValue(depth: 0) else { return nil }
            }
            skipSpace()
            if take(0x2C) { continue }  // ,
            guard take(0x7D) else { return nil }  // }
            break
        }
        skipSpace()
        guard i == bytes.count, let id, let title, let description else { return nil }
        return Listing(id: id, title: title, description: description, price: price, currency: currency,
                       url: url, seller: seller, location: location, lang: lang)
    }

    /// The listing fields read so far, one bit each (see ``first(_:)``).
    var seen: UInt16 = 0

    /// Whether the field with this bit is read for the first time (and marks it read). A field
    /// given twice makes `listing()` decline: JSONDecoder keeps the first value, and both readers
    /// must give the same listing.
    mutating func first(_ bit: UInt16) -> Bool {
        guard seen & bit == 0 else { return false }
        seen |= bit
        return true
    }

    var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func take(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        i += 1
        return true
    }

    mutating func skipSpace() {
        while let b = peek, b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        for k in 0..<count where bytes[i + k] != word.utf8Start[k] { return false }
        i += count
        return true
    }

    /// A string value (not null).
    mutating func stringValue() -> String? { peek == 0x22 ? string() : nil }

    /// A string or null into `slot`; false when it is neither.
    mutating func optionalString(_ slot: inout String?) -> Bool {
        if literal("null") { slot = nil; return true }
        guard let s = string() else { return false }
        slot = s
        return true
    }

    mutating func string() -> String? {
        guard take(0x22) else { return nil }
        let start = i
        // Fast path: no escapes. Eight bytes at a time while none is a quote, a backslash or a
        // control character (the bit tricks find a zero byte, or one below 0x20, in a word).
        if let base = bytes.baseAddress {
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= bytes.count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let special = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
                if special & highs != 0 { break }
                i += 8
            }
        }
        while let b = peek, b != 0x22, b != 0x5C {
            if b < 0x20 { return nil }
            i += 1
        }
        if take(0x22) { return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(i - 1)]), as: UTF8.self) }
        var out = Array(bytes[start..<i])
        while let b = peek {
            i += 1
            switch b {
            case 0x22: return String(decoding: out, as: UTF8.self)
            case 0x5C:
                guard let e = peek else { return nil }
                i += 1
                switch e {
                case 0x22, 0x5C, 0x2F: out.append(e)
                case 0x62: out.append(0x08)
                case 0x66: out.append(0x0C)
                case 0x6E: out.append(0x0A)
                case 0x72: out.append(0x0D)
                case 0x74: out.append(0x09)
                case 0x75:
                    guard var code = hex4() else { return nil }
                    if (0xD800..<0xDC00).contains(code) {
                        // A high surrogate takes the low one after it; alone, it is U+FFFD.
                        let after = i
                        if take(0x5C), take(0x75), let low = hex4(), (0xDC00..<0xE000).contains(low) {
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = after
                            code = 0xFFFD
                        }
                    }
                    // A lone low surrogate is U+FFFD too (JSON.parse keeps it, lenient decoders
                    // replace it): one bad escape must not cost the listing.
                    let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                    out.append(contentsOf: UTF8.encode(scalar)!)
                default: return nil
                }
            default:
                if b < 0x20 { return nil }
                out.append(b)
            }
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            i += 1
            switch b {
            case 0x30...0x39: value = value << 4 | UInt32(b - 0x30)
            case 0x41...0x46: value = value << 4 | UInt32(b - 0x37)
            case 0x61...0x66: value = value << 4 | UInt32(b - 0x57)
            default: return nil
            }
        }
        return value
    }

    /// A JSON number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. Anything else (`01`,
    /// `+1`, `.5`, `1.`) is nil, as it is no JSON, even where Double would read it; so is a
    /// number too large for a Double (`1e400`).
    mutating func number() -> Double? {
        let start = i
        _ = take(0x2D)  // -
        if take(0x30) {
            // A leading zero stands alone.
        } else {
            guard digits() > 0 else { return nil }
        }
        if take(0x2E) {  // .
            guard digits() > 0 else { return nil }
        }
        if take(0x65) || take(0x45) {  // e E
            if !take(0x2B) { _ = take(0x2D) }  // + -
            guard digits() > 0 else { return nil }
        }
        if let b = peek, (0x30...0x39).contains(b) || b == 0x2B || b == 0x2D || b == 0x2E || b == 0x45 || b == 0x65 { return nil }
        // Beyond Double's range (1e400) JSONDecoder has no number either: leave it to it.
        guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)),
              value.isFinite else { return nil }
        return value
    }

    /// Skips ASCII digits; how many.
    mutating func digits() -> Int {
        let start = i
        while let b = peek, (0x30...0x39).contains(b) { i += 1 }
        return i - start
    }

    /// Skips any value; nesting deeper than 64 is refused.
    mutating func skipValue(depth: Int) -> Bool {
        guard depth < 64, let b = peek else { return false }
        switch b {
        case 0x22: return string() != nil
        case 0x7B, 0x5B:
            let close: UInt8 = b == 0x7B ? 0x7D : 0x5D
            i += 1
            skipSpace()
            if take(close) { return true }
            while true {
                skipSpace()
                if b == 0x7B {
                    guard string() != nil else { return false }
                    skipSpace()
                    guard take(0x3A) else { return false }
                    skipSpace()
                }
                guard skipValue(depth: depth + 1) else { return false }
                skipSpace()
                if take(0x2C) { continue }
                return take(close)
            }
        case 0x74: return literal("true")
        case 0x66: return literal("false")
        case 0x6E: return literal("null")
        default: return number() != nil
        }
    }
}
