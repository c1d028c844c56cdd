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
    /// For each byte of `bytes`, the original UTF-8 it came from. Starts never decrease, except
    /// in text that explicit bidi controls display in another order than it is stored
    /// (``bidiControls`` is not empty): `bytes` are then in reading order.
    public internal(set) var sources: [Span] = []
    /// The explicit bidi controls of a text that reads in another order than it is stored
    /// (`U+202E yrovi` reads "ivory"), in text order; empty for all other text.
    public internal(set) var bidiControls: [BidiControl] = []

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
        guard !bidiControls.isEmpty else {
            return Int(sources[range.lowerBound].start)..<Int(sources[range.upperBound - 1].end)
        }
        // In reading order: from the first to the last of the characters read (a word shown
        // reversed covers the characters as stored).
        var low = UInt32.max, high: UInt32 = 0
        for k in range {
            low = min(low, sources[k].start)
            high = max(high, sources[k].end)
        }
        return Int(low)..<Int(high)
    }

    /// The control that makes the normalized range `range` read in another order than the
    /// original stores it (`yrovi` under U+202E), or `nil` when it reads as stored.
    ///
    /// That is the innermost control whose scope holds the range's source, else the last one
    /// whose scope overlaps it, else the first of the text (the range was moved by text
    /// around it).
    public func reorderingControl(of range: Range<Int>) -> BidiControl? {
        guard !bidiControls.isEmpty, range.count > 1 else { return nil }
        var inOrder = true
        for k in range.dropFirst() where sources[k].start < sources[k - 1].start {
            inOrder = false
            break
        }
        guard !inOrder else { return nil }
        let source = sourceRange(of: range)
        if let inner = bidiControls.last(where: { $0.scope.contains(source.lowerBound) && $0.scope.upperBound >= source.upperBound }) {
            return inner
        }
        return bidiControls.last(where: { $0.scope.overlaps(source) }) ?? bidiControls[0]
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
    ///
    /// When a bidi override reordered the text (``bidiControls`` is not empty), those bytes need
    /// not be contiguous: the range is then the smallest one holding all of them, and may hold
    /// bytes from elsewhere between them.
    public func normalizedRange(covering original: Range<Int>) -> Range<Int> {
        if !bidiControls.isEmpty {
            // Reading order: starts are not sorted, so every byte is looked at.
            var lo = sources.count, hi = 0
            for k in sources.indices where Int(sources[k].start) >= original.lowerBound && Int(sources[k].end) <= original.upperBound {
                lo = min(lo, k)
                hi = max(hi, k + 1)
            }
            return lo < hi ? lo..<hi : 0..<0
        }
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
