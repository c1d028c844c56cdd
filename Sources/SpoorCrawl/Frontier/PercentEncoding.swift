/// Percent-encoding normalization shared by the URL canonicalizer and robots.txt matching
/// (RFC 3986 §6.2.2.2, RFC 9309 §2.2.2).
enum PercentEncoding {
    /// Whether `byte` is an RFC 3986 unreserved character (ALPHA / DIGIT / "-" / "." / "_" / "~").
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E: return true
        default: return false
        }
    }

    /// Whether `byte` may stand unencoded in a normalized path or query: ASCII, visible, and not
    /// one of the characters RFC 3986 never allows there.
    static func mayStandUnencoded(_ byte: UInt8) -> Bool {
        guard byte > 0x20, byte < 0x7F else { return false }
        switch byte {
        case 0x22, 0x3C, 0x3E, 0x5C, 0x5E, 0x60, 0x7B, 0x7C, 0x7D: return false  // " < > \ ^ ` { | }
        default: return true
        }
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    static func appendEncoded(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(0x25)
        output.append(hexDigits[Int(byte >> 4)])
        output.append(hexDigits[Int(byte & 0x0F)])
    }

    /// `text` with escapes of unreserved characters decoded, other escapes in upper-case hex, a
    /// stray `%` encoded as `%25`, and bytes that may not stand unencoded (non-ASCII, spaces,
    /// controls) percent-encoded. Everything else, reserved characters included, is kept as written.
    static func normalize(_ text: some StringProtocol) -> String {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x25 {
                if i + 2 < bytes.count,
                   let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                    let decoded = high << 4 | low
                    if isUnreserved(decoded) { output.append(decoded) } else { appendEncoded(decoded, to: &output) }
                    i += 3
                    continue
                }
                appendEncoded(0x25, to: &output)
            } else if mayStandUnencoded(byte) {
                output.append(byte)
            } else {
                appendEncoded(byte, to: &output)
            }
            i += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
