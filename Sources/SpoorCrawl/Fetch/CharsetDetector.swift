import CUchardet

/// Mozilla's universal charset detector (libuchardet): guesses the encoding of bytes from
/// their statistics. Owns one `uchardet_t` and frees it; not `Sendable`, use it on one thread.
final class CharsetDetector {
    private let handle: OpaquePointer

    /// How much of a body is looked at: the detector settles long before this on real text.
    static let sampleLimit = 1 << 20

    /// A detector; nil when libuchardet cannot allocate one.
    init?() {
        guard let handle = uchardet_new() else { return nil }
        self.handle = handle
    }

    deinit { uchardet_delete(handle) }

    /// The encoding the detector's answer means, by the WHATWG labels of ``CharsetDecoder``:
    /// uchardet answers with iconv names, most of which are labels too (`GB18030`, `SHIFT_JIS`,
    /// `BIG5`, `WINDOWS-1251`); `UHC` (CP949) is what WHATWG calls EUC-KR. Nil for encodings a web
    /// page does not use (`MAC-CYRILLIC`, `EUC-TW`, `HZ-GB-2312`...), which are more often a
    /// wrong guess on little text than the truth.
    static func encoding(forDetected name: String) -> CharsetDecoder.Encoding? {
        switch name.uppercased() {
        case "UHC", "CP949": return CharsetDecoder.encoding(forLabel: "euc-kr")
        default: return CharsetDecoder.encoding(forLabel: name)
        }
    }

    /// The iconv name of the encoding `bytes` (at most their first ``sampleLimit``) look like
    /// (`GB18030`, `SHIFT_JIS`, `WINDOWS-1252`...), nil when the detector has no answer.
    func detect(_ bytes: ArraySlice<UInt8>) -> String? {
        uchardet_reset(handle)
        let sample = bytes.prefix(Self.sampleLimit)
        let failed = sample.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return true }
            return spoor_uchardet_feed(handle, base, buffer.count) != 0
        }
        guard !failed else { return nil }
        uchardet_data_end(handle)
        guard let name = uchardet_get_charset(handle) else { return nil }
        let charset = String(cString: name)
        return charset.isEmpty ? nil : charset
    }
}
