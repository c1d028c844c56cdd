#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes a fetched body to Unicode the way browsers pick the encoding: a byte-order mark
/// first, then the `charset` of the HTTP `Content-Type`, then `<meta charset>` or
/// `<meta http-equiv="Content-Type">` in the first 1024 bytes, else windows-1252.
///
/// Labels follow the WHATWG Encoding Standard (`latin1` and `us-ascii` mean windows-1252,
/// `gb2312` and `gbk` mean GB18030...) and bytes are converted with iconv. Invalid bytes
/// become U+FFFD; decoding never fails and never returns an empty string for a non-empty body.
///
/// Pages lie: a page labelled UTF-8 may really be GBK or Shift_JIS, and its text then comes out
/// as U+FFFD. When the chosen charset decodes with many errors (``isSuspicious(errors:nonASCII:)``)
/// the real one is asked of a charset detector (libuchardet); if that charset decodes the body
/// cleanly, it is used, the source says `.detected` and ``Decoded/declared`` keeps what the page
/// claimed. Honest UTF-8 pages with a few bad bytes keep UTF-8. A byte-order mark is never doubted.
public enum CharsetDecoder {
    /// Where the encoding came from.
    public enum Source: String, Sendable, Hashable {
        /// A UTF-8 or UTF-16 byte-order mark.
        case bom
        /// The HTTP `Content-Type` header.
        case header
        /// A `<meta>` tag in the document.
        case meta
        /// Nothing declared one: windows-1252.
        case fallback
        /// A charset detector (libuchardet), because the declared charset decoded with many errors.
        case detected
    }

    /// A decoded body.
    public struct Decoded: Sendable, Hashable {
        /// The text.
        public var text: String
        /// The WHATWG name of the encoding used (`UTF-8`, `windows-1252`, `GB18030`...).
        public var charset: String
        /// Where the encoding came from.
        public var source: Source
        /// The WHATWG name of the encoding the page declared (BOM, header or meta), `nil` when it
        /// declared none. Differs from `charset` when detection overrode the declaration.
        public var declared: String?
    }

    /// Fewest decoding errors that make a charset doubtful (a body cut inside a character, or a
    /// stray Latin-1 byte in UTF-8, is one or two).
    public static let minimumSuspiciousErrors = 4

    /// Whether a decoding with `errors` replacement characters among `nonASCII` non-ASCII
    /// characters (the replacements included) is doubtful enough to ask a detector: at least
    /// ``minimumSuspiciousErrors``, and at least as many errors as well-decoded non-ASCII
    /// characters. A GBK or Shift_JIS page read as UTF-8 is mostly errors; an honest UTF-8 page
    /// with a few bad bytes has far more good characters than bad ones.
    public static func isSuspicious(errors: Int, nonASCII: Int) -> Bool {
        errors >= minimumSuspiciousErrors && 2 * errors >= nonASCII
    }

    /// Decodes `bytes` given the response's `Content-Type` (or `nil`).
    public static func decode(_ bytes: [UInt8], contentType: String?) -> Decoded {
        if let (encoding, bomLength) = sniffBOM(bytes) {
            return Decoded(text: convert(bytes[bomLength...], from: encoding), charset: encoding.name, source: .bom,
                           declared: encoding.name)
        }
        let encoding: Encoding
        let source: Source
        if let label = contentType.flatMap(charsetParameter), let declared = self.encoding(forLabel: label) {
            (encoding, source) = (declared, .header)
        } else if let label = MetaCharset.declared(in: bytes.prefix(1024)), var declared = self.encoding(forLabel: label) {
            // A document that reached us as bytes cannot really be UTF-16 if its meta was ASCII-readable.
            if declared.name.hasPrefix("UTF-16") { declared = Encoding(name: "UTF-8", iconvName: "UTF-8") }
            (encoding, source) = (declared, .meta)
        } else {
            (encoding, source) = (Encoding(name: "windows-1252", iconvName: "WINDOWS-1252"), .fallback)
        }
        let (text, errors) = convertCounting(bytes[...], from: encoding)
        let decoded = Decoded(text: text, charset: encoding.name, source: source, declared: source == .fallback ? nil : encoding.name)
        guard errors >= minimumSuspiciousErrors else { return decoded }
        return redecoded(bytes, decoded, errors: errors) ?? decoded
    }

    /// The body decoded with the charset a detector names, when the first decoding was doubtful
    /// and the detected charset decodes it with at most a tenth of the errors; nil otherwise.
    /// Only bodies that decoded with errors come here.
    static func redecoded(_ bytes: [UInt8], _ first: Decoded, errors: Int) -> Decoded? {
        guard isSuspicious(errors: errors, nonASCII: nonASCIICount(first.text)),
              let name = CharsetDetector()?.detect(bytes[...]),
              let detected = CharsetDetector.encoding(forDetected: name),
              detected.name != first.charset, !detected.name.hasPrefix("UTF-16")
        else { return nil }
        let (text, detectedErrors) = convertCounting(bytes[...], from: detected)
        guard detectedErrors * 10 <= errors else { return nil }
        return Decoded(text: text, charset: detected.name, source: .detected, declared: first.declared)
    }

    /// Characters of `text` outside ASCII.
    static func nonASCIICount(_ text: String) -> Int {
        // Count lead bytes: every non-ASCII scalar has exactly one (0b11xxxxxx).
        text.utf8.reduce(0) { $0 + ($1 >= 0xC0 ? 1 : 0) }
    }

    /// An encoding: its WHATWG name and the name iconv knows it by.
    public struct Encoding: Sendable, Hashable {
        /// The WHATWG name (`windows-1252`).
        public var name: String
        /// The iconv name (`WINDOWS-1252`).
        public var iconvName: String
    }

    /// The encoding a label means, per the WHATWG Encoding Standard; `nil` for unknown labels.
    public static func encoding(forLabel label: String) -> Encoding? {
        var key = label.lowercased()
        key = String(key.drop { $0 == " " || $0 == "\t" || $0 == "\"" || $0 == "'" })
        while let last = key.last, last == " " || last == "\t" || last == "\"" || last == "'" { key.removeLast() }
        if let known = labels[key] { return known }
        return nil
    }

    /// The `charset` parameter of a Content-Type value, unquoted, `nil` if absent.
    public static func charsetParameter(_ contentType: String) -> String? {
        for part in contentType.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = pair[0].trimmingSpaces.lowercased()
            if name == "charset" {
                var value = String(pair[1].trimmingSpaces)
                if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                return value.isEmpty ? nil : value
            }
        }
        return nil
    }

    /// Decodes bytes from an encoding with iconv; invalid or truncated sequences become U+FFFD.
    public static func convert(_ bytes: ArraySlice<UInt8>, from encoding: Encoding) -> String {
        convertCounting(bytes, from: encoding).text
    }

    /// Decodes like ``convert(_:from:)`` and counts the invalid or truncated sequences that
    /// became U+FFFD.
    static func convertCounting(_ bytes: ArraySlice<UInt8>, from encoding: Encoding) -> (text: String, errors: Int) {
        if encoding.iconvName == "UTF-8" {
            // Valid UTF-8 (nearly every page) is validated and copied once, as before; only an
            // invalid body is walked again to count its errors.
            if #available(macOS 15, *) {
                if let text = String(validating: bytes, as: UTF8.self) { return (text, 0) }
                return (String(decoding: bytes, as: UTF8.self), utf8Errors(bytes))
            }
            let text = String(decoding: bytes, as: UTF8.self)
            return (text, text.utf8.count == bytes.count && !text.unicodeScalars.contains("\u{FFFD}") ? 0 : utf8Errors(bytes))
        }
        guard !bytes.isEmpty else { return ("", 0) }
        let converter = iconv_open("UTF-8", encoding.iconvName)
        guard let converter, Int(bitPattern: converter) != -1 else {
            // iconv lacks the encoding: keep the text readable as windows-1252-ish Latin-1.
            return (String(String.UnicodeScalarView(bytes.map { Unicode.Scalar($0) })), 0)
        }
        defer { iconv_close(converter) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count * 2)
        var errors = 0
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        var input = Array(bytes)
        input.withUnsafeMutableBufferPointer { inputBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inputBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var inLeft = inputBuffer.count
            var chunk = [UInt8](repeating: 0, count: 16384)
            while inLeft > 0 {
                let (result, produced) = chunk.withUnsafeMutableBufferPointer { chunkBuffer -> (Int, Int) in
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(chunkBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                    var outLeft = chunkBuffer.count
                    let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, chunkBuffer.count - outLeft)
                }
                output.append(contentsOf: chunk[0..<produced])
                if result == -1 {
                    let code = errno
                    if code == E2BIG { continue }
                    // EILSEQ (invalid) or EINVAL (incomplete at the end): one U+FFFD, skip a byte.
                    output.append(contentsOf: replacement)
                    errors += 1
                    inPointer = inPointer.map { $0 + 1 }
                    inLeft -= 1
                    if code == EINVAL, encoding.iconvName.hasPrefix("UTF-16") { break }
                }
            }
        }
        return (String(decoding: output, as: UTF8.self), errors)
    }

    /// The number of maximal invalid subsequences in `bytes` as UTF-8 (each one U+FFFD when decoded).
    static func utf8Errors(_ bytes: ArraySlice<UInt8>) -> Int {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var errors = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .error: errors += 1
            case .emptyInput: return errors
            }
        }
    }

    /// The encoding a byte-order mark names and the mark's length.
    static func sniffBOM(_ bytes: [UInt8]) -> (Encoding, Int)? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return (Encoding(name: "UTF-8", iconvName: "UTF-8"), 3)
        }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return (Encoding(name: "UTF-16BE", iconvName: "UTF-16BE"), 2)
        }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return (Encoding(name: "UTF-16LE", iconvName: "UTF-16LE"), 2)
        }
        return nil
    }

    /// WHATWG labels to encodings, for the encodings marketplaces use.
    private static let labels: [String: Encoding] = {
        var table: [String: Encoding] = [:]
        func add(_ name: String, _ iconvName: String, _ labels: [String]) {
            let encoding = Encoding(name: name, iconvName: iconvName)
            for label in labels + [name.lowercased()] { table[label] = encoding }
        }
        add("UTF-8", "UTF-8", ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf8", "x-unicode20utf8"])
        add("UTF-16LE", "UTF-16LE", ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16"])
        add("UTF-16BE", "UTF-16BE", ["unicodefffe"])
        add("windows-1252", "WINDOWS-1252", [
            "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
            "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "x-cp1252",
        ])
        add("ISO-8859-2", "ISO-8859-2", ["csisolatin2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2", "iso_8859-2:1987", "l2", "latin2"])
        add("ISO-8859-3", "ISO-8859-3", ["csisolatin3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3", "l3", "latin3"])
        add("ISO-8859-4", "ISO-8859-4", ["csisolatin4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4", "l4", "latin4"])
        add("ISO-8859-5", "ISO-8859-5", ["csisolatincyrillic", "cyrillic", "iso-ir-144", "iso8859-5", "iso88595", "iso_8859-5"])
        add("ISO-8859-6", "ISO-8859-6", ["arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596", "iso_8859-6"])
        add("ISO-8859-7", "ISO-8859-7", ["csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-ir-126", "iso8859-7", "iso88597", "iso_8859-7", "sun_eu_greek"])
        add("ISO-8859-8", "ISO-8859-8", ["csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8-e", "iso-ir-138", "iso8859-8", "iso88598", "iso_8859-8", "visual", "iso-8859-8-i", "csiso88598i", "logical"])
        add("ISO-8859-10", "ISO-8859-10", ["csisolatin6", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"])
        add("ISO-8859-13", "ISO-8859-13", ["iso8859-13", "iso885913"])
        add("ISO-8859-14", "ISO-8859-14", ["iso8859-14", "iso885914"])
        add("ISO-8859-15", "ISO-8859-15", ["csisolatin9", "iso8859-15", "iso885915", "iso_8859-15", "l9"])
        add("ISO-8859-16", "ISO-8859-16", [])
        add("KOI8-R", "KOI8-R", ["cskoi8r", "koi", "koi8", "koi8_r"])
        add("KOI8-U", "KOI8-U", ["koi8-ru"])
        add("macintosh", "MACINTOSH", ["csmacintosh", "mac", "x-mac-roman"])
        add("IBM866", "IBM866", ["866", "cp866", "csibm866"])
        add("windows-874", "CP874", ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620"])
        for n in 1250...1258 where n != 1252 {
            add("windows-\(n)", "CP\(n)", ["cp\(n)", "x-cp\(n)"])
        }
        add("GB18030", "GB18030", ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58", "x-gbk"])
        add("Big5", "BIG5-HKSCS", ["big5-hkscs", "cn-big5", "csbig5", "x-x-big5"])
        add("EUC-JP", "EUC-JP", ["cseucpkdfmtjapanese", "x-euc-jp"])
        add("ISO-2022-JP", "ISO-2022-JP", ["csiso2022jp"])
        add("Shift_JIS", "CP932", ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "sjis", "windows-31j", "x-sjis"])
        add("EUC-KR", "CP949", ["cseuckr", "csksc56011987", "iso-ir-149", "korean", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"])
        return table
    }()
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
