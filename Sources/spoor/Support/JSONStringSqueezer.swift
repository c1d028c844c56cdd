/// Cuts the long strings of a JSON line as it is read, so that a listing line with a huge field
/// costs memory for what will be classified, not for the whole field.
///
/// `spoor classify` reads at most ``Detector/maxFieldBytes`` of a field; holding a 100 MB
/// description to throw most of it away would make the line's size, not the cap, the memory
/// bound. Run over the bytes of a line (in place, chunk by chunk as they arrive), it copies the
/// JSON as it is, except that in every string value (keys are kept whole), once more than
/// `maxStringBytes` bytes of decoded text are kept, the rest up to the closing quote is
/// dropped. The result is still valid JSON
/// with the same keys: the cut is made between two characters (never inside a UTF-8 sequence
/// or an escape), and a cut string still decodes to more than `maxStringBytes` bytes, so the
/// detector sees that the field was longer than its cap and marks the verdict truncated.
///
/// Decoded size is counted as decoding gives it: a byte as one, a short escape (`\n`) as one,
/// a `\uXXXX` escape as the UTF-8 size of its code point (two for each half of a surrogate
/// pair), and a cut is never made between the two escapes of a pair. What is kept decodes to
/// more than `maxStringBytes` and at most four bytes more.
struct JSONStringSqueezer {
    /// The decoded bytes a string may keep before the rest of it is dropped.
    let maxStringBytes: Int
    /// Where the next byte is read.
    private(set) var read: Int
    /// Where the next kept byte is written (never after `read`).
    private(set) var write: Int
    /// Whether the bytes read so far stop inside a string.
    private var inString = false
    /// Bytes of the escape being read that are still to come (1 after a backslash, 4 after `\u`).
    private var escapeLeft = 0
    /// Whether the escape being read is `\u` (its four hex digits follow).
    private var afterBackslash = false
    /// Decoded bytes kept of the current string.
    private var kept = 0
    /// The value of the `\uXXXX` escape being read.
    private var code: UInt32 = 0
    /// Whether the last escape was the first half of a surrogate pair (no cut after it).
    private var highSurrogate = false
    /// Whether the rest of the current string is being dropped.
    private var dropping = false
    /// For each open container, whether it is an object (keys are never cut).
    private var objects: [Bool] = []
    /// Whether the next string is a key (after `{` or `,` in an object).
    private var expectingKey = false
    /// Whether the current string is a key.
    private var isKey = false
    /// How many strings were cut.
    private(set) var cutStrings = 0

    /// Starts on a line beginning at `start` in the buffer.
    init(maxStringBytes: Int, start: Int) {
        self.maxStringBytes = maxStringBytes
        read = start
        write = start
    }

    /// The buffer lost its first `count` bytes (all before the line): moves the positions.
    mutating func shift(by count: Int) {
        read -= count
        write -= count
    }

    /// The value of a hexadecimal digit (0 for anything else: the JSON reader refuses it).
    private static func hexValue(_ b: UInt8) -> UInt8 {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x37
        case 0x61...0x66: return b - 0x57
        default: return 0
        }
    }

    /// Squeezes all of `buffer` from `read` on, and drops what was cut from its end.
    mutating func squeezeAll(_ buffer: inout [UInt8]) {
        let end = squeeze(&buffer, upTo: buffer.count)
        buffer.removeSubrange(end...)
        read = end
    }

    /// Squeezes `buffer[read..<end]` into place after what was kept before; returns where the
    /// kept bytes end (bytes from there to `end` are garbage for the caller to drop).
    mutating func squeeze(_ buffer: inout [UInt8], upTo end: Int) -> Int {
        buffer.withUnsafeMutableBufferPointer { p in
            var r = read, w = write
            while r < end {
                let b = p[r]
                r += 1
                guard inString else {
                    p[w] = b
                    w += 1
                    switch b {
                    case 0x22:
                        inString = true
                        kept = 0
                        dropping = false
                        highSurrogate = false
                        isKey = expectingKey
                        expectingKey = false
                    case 0x7B: objects.append(true); expectingKey = true
                    case 0x5B: objects.append(false); expectingKey = false
                    case 0x7D, 0x5D: _ = objects.popLast(); expectingKey = false
                    case 0x2C: expectingKey = objects.last == true
                    case 0x3A: expectingKey = false
                    default: break
                    }
                    continue
                }
                if escapeLeft > 0 {
                    // Inside an escape: `\` then one byte, or `\u` then four hex digits.
                    if afterBackslash {
                        afterBackslash = false
                        if b == 0x75 {
                            escapeLeft = 4
                            code = 0
                        } else {
                            escapeLeft = 0
                            kept += 1
                        }
                    } else {
                        escapeLeft -= 1
                        code = code << 4 | UInt32(Self.hexValue(b))
                        if escapeLeft == 0 {
                            kept += code < 0x80 ? 1 : code < 0x800 || (0xD800..<0xE000).contains(code) ? 2 : 3
                            highSurrogate = (0xD800..<0xDC00).contains(code)
                        }
                    }
                    if !dropping { p[w] = b; w += 1 }
                    continue
                }
                if b == 0x22 {
                    // The closing quote is always kept.
                    p[w] = b
                    w += 1
                    inString = false
                    continue
                }
                // A new character starts here (a backslash, or a byte that is not a UTF-8
                // continuation): the place to stop keeping, unless it ends a surrogate pair.
                if b & 0xC0 != 0x80 {
                    if !dropping && !isKey && kept > maxStringBytes && !(highSurrogate && b == 0x5C) {
                        dropping = true
                        cutStrings += 1
                    }
                    highSurrogate = false
                }
                if b == 0x5C {
                    escapeLeft = 1
                    afterBackslash = true
                } else {
                    kept += 1
                }
                if !dropping { p[w] = b; w += 1 }
            }
            read = r
            write = w
        }
        return write
    }
}
