// Fuzzes SpoorMatch's Normalizer: any text (invalid UTF-8 becomes U+FFFD, as in listings).
//
// Checks what NormalizedText documents, not just that nothing crashes:
// - the canonical bytes are valid UTF-8, words separated by single spaces, no space at either end;
// - one source span per byte, each a UTF-8 range inside the original on scalar boundaries,
//   non-empty except for a space between two words one character made (`¼`); starts never decrease
//   unless a bidi override reordered the text;
// - sourceRange/original/normalizedRange agree with the spans for ranges of whole characters;
// - the one-sweep and ASCII fast paths give exactly what the full pipeline gives;
// - normalizing the canonical form changes nothing (idempotence);
// - every combination of Options keeps the same map invariants.
import FuzzSupport
@testable import SpoorMatch

let normalizer = Normalizer()

/// The 16 combinations of the four steps, so each input also runs through one of them.
let variants: [Normalizer] = (0..<16).map { bits in
    var options = Normalizer.Options()
    options.foldConfusables = bits & 1 != 0
    options.leetspeak = bits & 2 != 0
    options.joinSpelledOut = bits & 4 != 0
    options.squeezeRepeats = bits & 8 != 0
    return Normalizer(options: options)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalizer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: data == nil ? 0 : size), as: UTF8.self)
    let normalized = normalizer.normalize(text)
    checkMap(normalized, of: text, by: "default options")

    // The fast paths decline or agree with the full pipeline, byte for byte and span for span.
    let full = normalizer.normalizeFully(text)
    require(normalized == full, "normalize differs from normalizeFully on \(describe(text)): \(describe(normalized.text)) vs \(describe(full.text))")
    if let swept = normalizer.normalizeInOneSweep(text) {
        require(swept == full, "one sweep differs from the full pipeline on \(describe(text)): \(describe(swept.text)) vs \(describe(full.text))")
    }
    if let ascii = normalizer.normalizeASCII(text) {
        require(ascii == full, "ASCII path differs from the full pipeline on \(describe(text)): \(describe(ascii.text)) vs \(describe(full.text))")
    }

    // Canonical text is its own canonical form.
    let again = normalizer.canonical(normalized.text)
    require(again == normalized.text, "not idempotent on \(describe(text)): \(describe(normalized.text)) then \(describe(again))")

    let variant = variants[text.utf8.count & 15]
    checkMap(variant.normalize(text), of: text, by: "options \(variant.options)")

    _ = normalizer.foldingLetters(text)
    return 0
}

/// The invariants of a NormalizedText produced from `text`.
func checkMap(_ n: NormalizedText, of text: String, by label: String) {
    let original = Array(text.utf8)
    let count = original.count
    func isBoundary(_ offset: Int) -> Bool { offset == count || (offset < count && original[offset] & 0xC0 != 0x80) }
    let context = "\(label), text \(describe(text)), normalized \(describe(n.text))"

    require(n.sources.count == n.bytes.count, "\(n.sources.count) spans for \(n.bytes.count) bytes; \(context)")
    require(String(validating: n.bytes, as: UTF8.self) != nil, "normalized bytes are not UTF-8; \(context)")
    require(n.bytes.first != 0x20 && n.bytes.last != 0x20, "space at an end; \(context)")
    for k in n.bytes.indices.dropFirst() where n.bytes[k] == 0x20 {
        require(n.bytes[k - 1] != 0x20, "double space at byte \(k); \(context)")
    }
    var previousStart = 0
    for (k, span) in n.sources.enumerated() {
        let start = Int(span.start), end = Int(span.end)
        require(start <= end && end <= count, "byte \(k) maps to \(start)..<\(end), outside 0..<\(count); \(context)")
        // Only a space may come from nothing: the one between two words that one source
        // character made (`¼` → `1⁄4`, by design, see TokenEmitter.emit).
        require(start < end || n.bytes[k] == 0x20, "byte \(k) maps to the empty \(start)..<\(end); \(context)")
        require(isBoundary(start) && isBoundary(end), "byte \(k) maps to \(start)..<\(end), not on scalar boundaries; \(context)")
        // Text under a bidi override is in reading order, not stored order: its spans may go back.
        require(start >= previousStart || !n.bidiControls.isEmpty,
                "byte \(k) starts at \(start), before byte \(k - 1) at \(previousStart); \(context)")
        previousStart = start
    }

    // Ranges of whole normalized characters: each character, and everything.
    var boundaries = [0]
    for s in n.text.unicodeScalars { boundaries.append(boundaries.last! + UTF8.width(s)) }
    var ranges = zip(boundaries, boundaries.dropFirst()).map { $0..<$1 }
    ranges.append(0..<n.bytes.count)
    ranges.append(n.bytes.count..<n.bytes.count)
    for range in ranges.prefix(64) + ranges.suffix(2) {
        let source = n.sourceRange(of: range)
        require(source.lowerBound >= 0 && source.upperBound <= count, "sourceRange(of: \(range)) = \(source) is outside the text; \(context)")
        let slice = n.original(of: range, in: text)
        require(slice.utf8.count == source.count, "original(of: \(range)) has \(slice.utf8.count) bytes for \(source); \(context)")
        let back = n.normalizedRange(covering: source)
        require(back.upperBound <= n.bytes.count, "normalizedRange(covering: \(source)) = \(back); \(context)")
        if n.bidiControls.isEmpty {
            for k in back {
                require(Int(n.sources[k].start) >= source.lowerBound && Int(n.sources[k].end) <= source.upperBound,
                        "normalizedRange(covering: \(source)) = \(back) takes byte \(k) from \(n.sources[k].start)..<\(n.sources[k].end); \(context)")
            }
        } else {
            // Reordered text: the bytes from inside need not be contiguous, and the range is
            // their hull (documented). It must hold every one of them.
            for k in n.sources.indices where Int(n.sources[k].start) >= source.lowerBound && Int(n.sources[k].end) <= source.upperBound
                && n.sources[k].start < n.sources[k].end {
                require(back.contains(k), "normalizedRange(covering: \(source)) = \(back) leaves out byte \(k) from \(n.sources[k].start)..<\(n.sources[k].end); \(context)")
            }
        }
    }
}
