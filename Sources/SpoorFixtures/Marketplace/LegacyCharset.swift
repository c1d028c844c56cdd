#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts text between UTF-8 and the legacy charsets the `legacy-gbk` site serves, with iconv.
public enum LegacyCharset {
    /// Encodes `text` into `charset` (an iconv name: `GBK`, `GB18030`, `SHIFT_JIS`); nil when a
    /// character has no mapping in that charset.
    public static func encode(_ text: String, as charset: String) -> [UInt8]? {
        convert(Array(text.utf8), from: "UTF-8", to: charset)
    }

    /// Decodes bytes in `charset` into text; nil on an invalid or incomplete sequence.
    public static func decode(_ bytes: [UInt8], from charset: String) -> String? {
        guard let utf8 = convert(bytes, from: charset, to: "UTF-8") else { return nil }
        return String(validating: utf8, as: UTF8.self)
    }

    /// Runs one iconv conversion over a whole buffer; nil when iconv cannot open or fails.
    static func convert(_ input: [UInt8], from source: String, to target: String) -> [UInt8]? {
        let descriptor = iconv_open(target, source)
        guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(descriptor) }
        if input.isEmpty { return [] }
        var inputCopy = input
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        let outputCapacity = output.count
        let result: Int? = inputCopy.withUnsafeMutableBufferPointer { inBuffer -> Int? in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int? in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                if iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) == -1 || inLeft != 0 {
                    return nil
                }
                // Flush any shift state (stateless for our charsets, but cheap and correct).
                if iconv(descriptor, nil, nil, &outPointer, &outLeft) == -1 { return nil }
                return outputCapacity - outLeft
            }
        }
        guard let written = result else { return nil }
        return Array(output[0..<written])
    }
}
