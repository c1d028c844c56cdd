/// Text in the matcher's canonical form, with a map from every byte back to the original.
///
/// `bytes` is UTF-8: lower case, words separated by single spaces, disguises undone. For each
/// normalized byte, `sourceStart` and `sourceEnd` give the UTF-8 range of the original text it
/// came from, so a match can be shown to a reviewer exactly as the seller wrote it.
public struct NormalizedText: Sendable, Hashable {
    /// The canonical UTF-8 bytes.
    public internal(set) var bytes: [UInt8] = []
    /// For each byte of `bytes`, where its source starts in the original UTF-8.
    public internal(set) var sourceStart: [UInt32] = []
    /// For each byte of `bytes`, where its source ends in the original UTF-8.
    public internal(set) var sourceEnd: [UInt32] = []

    /// The canonical form as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The UTF-8 range of the original text that the normalized byte range `range` came from.
    ///
    /// An empty range maps to an empty range at the corresponding position.
    public func sourceRange(of range: Range<Int>) -> Range<Int> {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range out of bounds")
        if range.isEmpty {
            let at = range.lowerBound < bytes.count ? Int(sourceStart[range.lowerBound])
                : (bytes.isEmpty ? 0 : Int(sourceEnd[bytes.count - 1]))
            return at..<at
        }
        return Int(sourceStart[range.lowerBound])..<Int(sourceEnd[range.upperBound - 1])
    }

    /// The original text a normalized byte range came from, as the seller wrote it.
    public func original(of range: Range<Int>, in source: String) -> Substring {
        let r = sourceRange(of: range)
        let utf8 = source.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: r.lowerBound)
        let upper = utf8.index(lower, offsetBy: r.count)
        return source[lower..<upper]
    }

    mutating func append(_ byte: UInt8, from source: Range<UInt32>) {
        bytes.append(byte)
        sourceStart.append(source.lowerBound)
        sourceEnd.append(source.upperBound)
    }

    mutating func append(scalar value: UInt32, from source: Range<UInt32>) {
        if value < 0x80 {
            append(UInt8(value), from: source)
            return
        }
        guard let scalar = Unicode.Scalar(value) else { return }
        for byte in UTF8.encode(scalar)! { append(byte, from: source) }
    }
}
