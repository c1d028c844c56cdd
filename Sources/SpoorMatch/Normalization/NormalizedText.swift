/// Text in the matcher's canonical form, with a map from every byte back to the original.
///
/// `bytes` is UTF-8: lower case, words separated by single spaces, disguises undone. For each
/// normalized byte, `sources` gives the UTF-8 range of the original text it came from, so a
/// match can be shown to a reviewer exactly as the seller wrote it.
public struct NormalizedText: Sendable, Hashable {
    /// Where one normalized byte came from in the original UTF-8.
    public struct Span: Sendable, Hashable {
        /// The first byte of the source.
        public var start: UInt32
        /// One past the last byte of the source.
        public var end: UInt32
    }

    /// The canonical UTF-8 bytes.
    public internal(set) var bytes: [UInt8] = []
    /// For each byte of `bytes`, the original UTF-8 it came from; starts never decrease.
    public internal(set) var sources: [Span] = []

    /// The canonical form as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The UTF-8 range of the original text that the normalized byte range `range` came from.
    ///
    /// An empty range maps to an empty range at the corresponding position.
    public func sourceRange(of range: Range<Int>) -> Range<Int> {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range out of bounds")
        if range.isEmpty {
            let at = range.lowerBound < bytes.count ? Int(sources[range.lowerBound].start)
                : (bytes.isEmpty ? 0 : Int(sources[bytes.count - 1].end))
            return at..<at
        }
        return Int(sources[range.lowerBound].start)..<Int(sources[range.upperBound - 1].end)
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
        sources.append(Span(start: source.lowerBound, end: source.upperBound))
    }

    /// The normalized bytes whose sources lie inside an original UTF-8 range (empty if none).
    public func normalizedRange(covering original: Range<Int>) -> Range<Int> {
        // Starts never decrease: find the first byte starting inside, then walk while inside.
        var low = 0, high = sources.count
        while low < high {
            let mid = (low + high) / 2
            if Int(sources[mid].start) < original.lowerBound { low = mid + 1 } else { high = mid }
        }
        var lo = sources.count, hi = 0
        var k = low
        while k < sources.count && Int(sources[k].start) < original.upperBound {
            if Int(sources[k].end) <= original.upperBound {
                lo = min(lo, k)
                hi = max(hi, k + 1)
            }
            k += 1
        }
        return lo < hi ? lo..<hi : 0..<0
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
