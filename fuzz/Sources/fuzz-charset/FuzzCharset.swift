// Fuzzes SpoorCrawl's CharsetDecoder. The input's first line is the Content-Type header value
// (an empty line: no header), the rest the body.
//
// Checks what CharsetDecoder documents: decoding never returns an empty string for a non-empty
// body; the charset it reports is a WHATWG name it knows; the source says why (a BOM only when
// the body starts with one). And more: UTF-8 decodes as Swift does; a single-byte encoding gives
// exactly one scalar per byte (invalid bytes become U+FFFD one for one), except windows-1258,
// whose combining tone marks are composed with their letters; no encoding gives more scalars
// than bytes.
import FuzzSupport
import SpoorCrawl

/// The WHATWG names of the single-byte encodings CharsetDecoder knows.
let singleByte: Set<String> = Set(
    ["windows-1252", "KOI8-R", "KOI8-U", "macintosh", "IBM866", "windows-874"]
        + [2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16].map { "ISO-8859-\($0)" }
        + (1250...1258).map { "windows-\($0)" })

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCharset(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let headerLine = input.line()
    let header = headerLine.isEmpty ? nil : String(decoding: headerLine, as: UTF8.self)
    let body = Array(input.rest)
    let context = "Content-Type \(header.map { describe($0) } ?? "none"), body \(describe(body))"

    let decoded = CharsetDecoder.decode(body, contentType: header)
    let scalars = decoded.text.unicodeScalars.count
        require(CharsetDecoder.encoding(forLabel: decoded.charset)?.name == decoded.charset, "unknown charset \(decoded.charset); \(context)")
    let hasBOM = body.starts(with: [0xEF, 0xBB, 0xBF]) || body.starts(with: [0xFE, 0xFF]) || body.starts(with: [0xFF, 0xFE])
    require((decoded.source == .bom) == hasBOM, "source \(decoded.source) for a body \(hasBOM ? "with" : "without") a BOM; \(context)")
    let payload = decoded.source == .bom ? body.count - (decoded.charset == "UTF-8" ? 3 : 2) : body.count
    require(scalars <= payload, "\(scalars) scalars from \(payload) bytes of \(decoded.charset); \(context)")
    require(payload == 0 || !decoded.text.isEmpty, "empty text for a non-empty body; \(context)")
    if decoded.charset == "UTF-8" {
        let expected = String(decoding: body.dropFirst(decoded.source == .bom ? 3 : 0), as: UTF8.self)
        require(decoded.text == expected, "UTF-8 decodes as \(describe(decoded.text)), Swift says \(describe(expected)); \(context)")
    }
    // windows-1258 writes Vietnamese tones as combining marks after the letter, which the
    // converter composes (a + U+0301 is á): fewer scalars than bytes is right there.
    if singleByte.contains(decoded.charset) && decoded.charset != "windows-1258" {
        require(scalars == payload, "\(scalars) scalars from \(payload) bytes of single-byte \(decoded.charset); \(context)")
    }

    if let header {
        _ = CharsetDecoder.charsetParameter(header)
        _ = MetaCharset.charset(inContentType: header)
    }
    _ = MetaCharset.declared(in: body)
    return 0
}
