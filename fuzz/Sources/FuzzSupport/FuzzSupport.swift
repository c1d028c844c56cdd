#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the fuzzer with `message` when an invariant does not hold.
///
/// Prints `fuzz invariant failed` with the place and the message to standard error, then aborts,
/// so libFuzzer records the input as a crash. Works the same in debug and release builds (unlike
/// `assert`, and unlike `precondition`, whose message release builds drop).
@inline(__always)
public func require(
    _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition() { fail(message(), file: file, line: line) }
}

/// Stops the fuzzer with `message` (see ``require(_:_:file:line:)``).
public func fail(_ message: String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    let text = "fuzz invariant failed at \(file):\(line): \(message)\n"
    _ = text.utf8CString.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count - 1) }
    abort()
}

/// A reader that takes a fuzz input apart: control bytes first, the rest as a payload.
public struct FuzzInput {
    /// The bytes not taken yet.
    public private(set) var rest: ArraySlice<UInt8>

    /// Wraps libFuzzer's buffer (copied, so the payload outlives the call).
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        rest = size > 0 && data != nil ? ArraySlice(UnsafeBufferPointer(start: data, count: size)) : []
    }

    /// The next byte, or 0 when the input is used up.
    public mutating func byte() -> UInt8 {
        rest.popFirst() ?? 0
    }

    /// The bytes up to the next `separator` (not included; the separator is taken), or all the rest.
    public mutating func line(separator: UInt8 = 0x0A) -> ArraySlice<UInt8> {
        guard let end = rest.firstIndex(of: separator) else {
            defer { rest = [] }
            return rest
        }
        defer { rest = rest[(end + 1)...] }
        return rest[..<end]
    }
}

/// `bytes` as a readable literal for failure messages: printable ASCII as is, the rest escaped.
public func describe(_ bytes: some Sequence<UInt8>, limit: Int = 400) -> String {
    var out = "\""
    for (k, b) in bytes.enumerated() {
        if k == limit { out += "…"; break }
        switch b {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(b))
        default: out += "\\x" + (b < 16 ? "0" : "") + String(b, radix: 16)
        }
    }
    return out + "\""
}

/// `text` with every scalar outside printable ASCII written as `\u{…}`, for failure messages.
public func describe(_ text: String, limit: Int = 400) -> String {
    var out = "\""
    for (k, s) in text.unicodeScalars.enumerated() {
        if k == limit { out += "…"; break }
        if s.value >= 0x20 && s.value < 0x7F && s != "\"" && s != "\\" { out.unicodeScalars.append(s) }
        else { out += "\\u{" + String(s.value, radix: 16) + "}" }
    }
    return out + "\""
}
