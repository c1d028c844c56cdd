/// Folds non-Latin look-alike letters (Cyrillic `а`, Greek `ο`, …) to the ASCII letter they imitate.
///
/// The data lives in `Confusables+Table.swift`, generated from ICU's UTS #39 confusables data by
/// `scripts/confusables/generate.sh`. Lookups are a binary search and never allocate.
enum Confusables {
    /// Returns the lowercase ASCII letter (as a byte) that `scalar` is confusable with, or `nil`.
    static func latinLetter(for scalar: Unicode.Scalar) -> UInt8? {
        latinLetter(for: scalar.value)
    }

    /// Returns the lowercase ASCII letter (as a byte) that the scalar `value` is confusable with, or `nil`.
    static func latinLetter(for value: UInt32) -> UInt8? {
        // ASCII and Latin-1 hold no entries; skipping them keeps the common case to one comparison.
        guard value >= 0x0180 else { return nil }
        // Nor do most 256-scalar blocks (Han, Hangul, Thai...): one bit tells, before any search.
        let block = Int(value >> 8)
        guard block < blocks.count * 64, blocks[block >> 6] & (1 << UInt64(block & 63)) != 0 else { return nil }
        let table = scalars
        var low = 0
        var high = table.count
        while low < high {
            let mid = low &+ (high &- low) >> 1
            let candidate = table[mid]
            if candidate < value {
                low = mid &+ 1
            } else if candidate > value {
                high = mid
            } else {
                return letters[mid]
            }
        }
        return nil
    }

    /// One bit per 256-scalar block that holds an entry of `scalars`.
    private static let blocks: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: Int(scalars.last! >> 8) / 64 + 1)
        for value in scalars { bits[Int(value >> 8) >> 6] |= 1 << UInt64((value >> 8) & 63) }
        return bits
    }()
}
